"""The game's sound: silent and harmless without an audio device or its files, crowd noise that
follows the crowd's mood, one-shots for orders and landing stones, and assets that are exactly
what their generator makes."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math
import shutil
import time
import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame
import pytest
from area_scenarios import square
from riot_scenarios import line_facing_group

from sispam.sim.bodies import BodyState
from sispam.sim.fires import light_fire
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import UnitType
from sispam.sim.world import World
from sispam.ui import sound_gen
from sispam.ui.sound import (
    ASSETS_DIR,
    CHANTS,
    LOOPS,
    MAX_IMPACT_VOICES,
    MAX_IMPACTS_PER_UPDATE,
    ONE_SHOTS,
    SILENT_CROWD,
    VOICE_LINES,
    CrowdMix,
    Sound,
    crowd_loudness,
    crowd_mix,
)

FRAME_S = 1 / 60
UNITS = (("line", UnitType.DALMAS_LANJUT, 12, (25.0, 20.0), 90.0),
         ("awc", UnitType.WATER_CANNON, 3, (25.0, 5.0), 90.0))


@pytest.fixture(autouse=True)
def _no_mixer_left_open():
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


class FakeClock:
    """Real time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def crowd_world(people: int = 60, arrival_s: float = 0.0) -> World:
    """A crowd standing 10 m north of a Dalmas Lanjut line, a water cannon behind the line."""
    scenario = square(groups=(("massa", people, (25.0, 30.0)),), units=UNITS, patch_m=6.0)
    crowd = tuple(replace(g, arrival_s=arrival_s) for g in scenario.crowd)
    return World(replace(scenario, crowd=crowd))


def frames(sound: Sound, world: World, clock: FakeClock, seconds: float, step: bool = True) -> None:
    """Render `seconds` of frames at 60 fps and 1x speed: a simulation step every third frame."""
    for k in range(round(seconds / FRAME_S)):
        if step and k % 3 == 0:
            world.step()
        clock.now += FRAME_S
        sound.update(world)


def loop_channels() -> list[pygame.mixer.Channel]:
    return [pygame.mixer.Channel(k) for k in range(len(LOOPS))]


# --- silence when there is no sound to be had ------------------------------------------------


def test_without_an_audio_device_it_is_silent_and_every_method_is_harmless(monkeypatch) -> None:
    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sound = Sound(0.8)
    assert not sound.available and sound.problem == "No available audio device"
    world = crowd_world()
    world.command.issue(Order(0.0, "line", OrderKind.BRACE))
    for _ in range(10):
        world.step()
        sound.update(world)
    sound.set_volume(0.2)
    sound.pause()
    sound.update(world)
    sound.resume()
    sound.stop()
    sound.close()
    assert not sound.played and sound.volume == 0.2


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_missing_or_broken_sound_file_makes_it_silent_and_releases_the_mixer(tmp_path, damage) -> None:
    folder = tmp_path / "sounds"
    shutil.copytree(ASSETS_DIR, folder)
    if damage == "missing":
        (folder / "whistle.wav").unlink()
    else:
        (folder / "whistle.wav").write_bytes(b"RIFF\x00\x00\x00\x00not a wave file at all")
    sound = Sound(0.5, folder)
    assert not sound.available and sound.problem
    assert pygame.mixer.get_init() is None  # it opened the mixer, so it closed it again
    sound.update(crowd_world())
    sound.close()


def test_a_mixer_closed_behind_its_back_makes_it_silent_not_crash() -> None:
    sound = Sound(0.5)
    assert sound.available and sound.problem is None
    pygame.mixer.quit()
    world = crowd_world()
    world.command.issue(Order(0.0, "line", OrderKind.HOLD))
    world.run_until(0.2)
    sound.update(world)  # would play a whistle on a closed mixer, which crashes pygame-ce
    assert not sound.available and sound.problem == "the mixer was closed"


# --- the crowd's noise -----------------------------------------------------------------------


def test_an_empty_map_is_silent() -> None:
    assert crowd_loudness(World(square(units=UNITS))) == SILENT_CROWD
    later = crowd_world(arrival_s=30.0)  # a crowd that has not arrived yet is not heard either
    assert crowd_loudness(later) == SILENT_CROWD
    later.run_until(31.0)
    mix = crowd_loudness(later)
    assert mix.calm > 0.1 and mix.angry == pytest.approx(0.0, abs=1e-9) and mix.chant == 0.0


def total(mix: CrowdMix) -> float:
    return math.hypot(mix.calm, mix.angry)


def test_the_crowd_swells_and_turns_angry_as_its_agitation_rises() -> None:
    calm = agitated = None
    for share in np.linspace(0.0, 0.5, 11):  # ever more of 1,000 people resist, then attack
        for mean in (0.1, 0.4, 0.8):
            mix = crowd_mix(present=1000, aktif=round(600 * share), agresif=round(400 * share), mean_agitation=mean)
            if calm is not None and mean == 0.1:
                assert mix.angry >= calm.angry and total(mix) >= total(calm)
            if mean == 0.1:
                calm = mix
            agitated = mix
    tertib = crowd_mix(present=1000, aktif=0, agresif=0, mean_agitation=0.1)
    assert tertib.angry == 0.0 and tertib.calm > 0.5
    assert agitated.angry > agitated.calm and total(agitated) > 1.5 * total(tertib)  # it swells
    # Mean agitation rising before anyone is aktif already angers the sound, a little.
    uneasy = crowd_mix(present=1000, aktif=0, agresif=0, mean_agitation=0.6)
    assert 0.0 < uneasy.angry < 0.5 * uneasy.calm and total(uneasy) > total(tertib)


def test_the_mix_changes_smoothly_with_every_person_who_turns() -> None:
    mixes = [crowd_mix(present=500, aktif=k, agresif=0, mean_agitation=0.2 + 0.5 * k / 500) for k in range(501)]
    for before, after in zip(mixes, mixes[1:], strict=False):
        assert abs(after.angry - before.angry) < 0.01 and abs(after.chant - before.chant) < 0.01


def test_the_crowd_chants_while_aktif_and_stops_as_it_turns_to_attack() -> None:
    assert crowd_mix(present=400, aktif=0, agresif=0, mean_agitation=0.2).chant == 0.0
    aktif = crowd_mix(present=400, aktif=120, agresif=0, mean_agitation=0.6)
    assert aktif.chant == pytest.approx(math.sqrt(400 / 1000))  # full, for a crowd of 400
    assert crowd_mix(present=400, aktif=40, agresif=0, mean_agitation=0.4).chant < aktif.chant
    rioting = crowd_mix(present=400, aktif=120, agresif=160, mean_agitation=0.85)
    assert rioting.chant == 0.0


def test_a_crowd_off_the_screen_is_quieter() -> None:
    on = crowd_mix(present=800, aktif=100, agresif=50, mean_agitation=0.5)
    off = crowd_mix(present=800, aktif=100, agresif=50, mean_agitation=0.5, on_screen=0.0)
    assert total(off) == pytest.approx(0.5 * total(on)) and off.chant == pytest.approx(0.5 * on.chant)
    world = crowd_world(people=200)  # standing around (25, 30)
    assert crowd_loudness(world, view=(0.0, 0.0, 50.0, 50.0)) == crowd_loudness(world)
    assert total(crowd_loudness(world, view=(100.0, 100.0, 150.0, 150.0))) < 0.6 * total(crowd_loudness(world))


def test_an_aggressive_crowd_is_angrier_and_louder_than_the_same_crowd_calm() -> None:
    world = crowd_world(people=200)
    loudness = {}
    present = np.flatnonzero(world.bodies.state[: world.bodies.n_crowd] == BodyState.ACTIVE)
    some = present[: len(present) * 3 // 10]  # 30 % of the crowd resists, or attacks
    for name, agitation in (("tertib", 0.1), ("aktif", 0.8), ("agresif", 0.95)):
        world.crowd.agitation[:] = 0.1
        world.crowd.agitation[some] = agitation
        loudness[name] = crowd_loudness(world)
    tertib, aktif, agresif = loudness.values()
    assert tertib.angry < 1e-9 and tertib.angry < aktif.angry < agresif.angry
    assert tertib.angry / tertib.calm < aktif.angry / aktif.calm < agresif.angry / agresif.calm
    assert total(tertib) < total(aktif) < total(agresif)
    assert tertib.chant == 0.0 < aktif.chant and agresif.chant == 0.0  # a rioting 30 % breaks the chant up
    assert crowd_loudness(crowd_world(people=50)).calm < tertib.calm  # fewer people, quieter


def test_the_crowd_loops_glide_to_their_level_over_about_a_second() -> None:
    clock = FakeClock()
    sound = Sound(1.0, clock=clock)
    world = crowd_world(people=200)
    world.crowd.agitation[:] = 0.95
    frames(sound, world, clock, 2 * FRAME_S, step=False)  # the first frame takes the world up
    target = crowd_loudness(world).angry
    assert 0 < sound.levels["crowd_angry"] < 0.05 * target  # no jump
    frames(sound, world, clock, 1.0, step=False)
    assert 0.5 * target < sound.levels["crowd_angry"] < 0.7 * target  # 1 - 1/e after 1 s
    frames(sound, world, clock, 5.0, step=False)
    assert sound.levels["crowd_angry"] == pytest.approx(target, abs=1e-3)
    assert sound.levels["crowd_calm"] == pytest.approx(0.0, abs=1e-3)
    assert all(c.get_busy() for c in loop_channels())


def test_the_crowd_chants_while_aktif_and_takes_up_the_next_chant_each_time_it_starts_again() -> None:
    clock = FakeClock()
    sound = Sound(1.0, clock=clock)
    world = crowd_world(people=200)
    chant = pygame.mixer.Channel(LOOPS.index("chant"))
    heard = []
    for agitation in (0.8, 0.1, 0.8):  # aktif, tertib, aktif again
        for k in range(round(12.0 / FRAME_S)):
            if k % 3 == 0:
                world.step()
            world.crowd.agitation[:] = agitation  # held there against the crowd's own mood
            clock.now += FRAME_S
            sound.update(world)
        if agitation > 0.5:
            assert sound.levels["chant"] > 0.3
            heard.append(chant.get_sound())
        else:
            assert sound.levels["chant"] == 0.0
    assert heard == [sound._sounds[name] for name in CHANTS[:2]]


# --- what the police do and what lands on them -----------------------------------------------


def test_an_order_clicks_when_issued_and_confirms_once_when_given_with_a_whistle_for_the_line() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    assert not sound.played
    world.command.issue(Order(world.t, "line", OrderKind.BRACE))
    frames(sound, world, clock, 0.5)
    assert sound.played == {"click": 1, "confirm": 1, "whistle": 1}
    world.command.issue(Order(world.t, "line", OrderKind.APPEAL))
    world.command.issue(Order(world.t + 1.0, "line", OrderKind.FORM, point=(25.0, 22.0)))  # a plan's later order
    frames(sound, world, clock, 0.5)
    assert sound.played == {"click": 2, "confirm": 2, "whistle": 1}  # the appeal speaks when in effect
    frames(sound, world, clock, 1.0)
    assert sound.played == {"click": 2, "confirm": 3, "whistle": 2}
    frames(sound, world, clock, 6.0)  # they take effect and end: nothing sounds again
    assert sound.played == {"click": 2, "confirm": 3, "whistle": 2}


@pytest.mark.parametrize("kind", list(VOICE_LINES), ids=str)
def test_the_voice_line_of_an_order_is_heard_once_when_it_takes_effect(kind) -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    world.command.issue(Order(world.t, "line", kind))
    issued = world.command.log[-1]
    voice = VOICE_LINES[kind]
    while issued.status in ("pending", "given") and world.t < 30.0:
        assert sound.played[voice] == 0  # given, but not yet in effect: silent
        frames(sound, world, clock, FRAME_S * 3)
    assert issued.status in ("active", "done")
    assert sound.played[voice] == 1
    assert sum(sound.played[v] for v in VOICE_LINES.values()) == 1  # only its own line
    frames(sound, world, clock, 3.0)
    assert sound.played[voice] == 1


def test_a_voice_order_cancelled_before_it_takes_effect_is_not_heard() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    world.command.issue(Order(world.t, "line", OrderKind.APPEAL))
    frames(sound, world, clock, 0.5)
    assert world.command.log[-1].status == "given"  # still the command delay
    world.command.issue(Order(world.t, "line", OrderKind.HOLD))  # supersedes it
    frames(sound, world, clock, 8.0)
    assert world.command.log[-2].status == "cancelled" and sound.played["voice_imbauan"] == 0


def test_a_button_click_and_the_order_it_gives_in_the_same_frame_click_once() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    sound.click()
    sound.click()
    world.command.issue(Order(world.t, "line", OrderKind.HOLD))
    frames(sound, world, clock, FRAME_S)
    assert sound.played["click"] == 1
    sound.click()  # the next frame's button
    assert sound.played["click"] == 2


def test_every_one_shot_plays_through_the_mixer_and_follows_the_volume() -> None:
    sound = Sound(0.5)
    assert sound.available and pygame.mixer.get_init() is not None
    for name in ONE_SHOTS:
        channel = sound._sounds[name].play()
        assert channel is not None and channel.get_busy(), name
    click, voice = sound._sounds["click"], sound._sounds["voice_bubar"]
    assert 0 < click.get_volume() < 0.3 * voice.get_volume()  # the UI sounds are quiet
    sound.set_volume(0.0)  # muted
    assert all(sound._sounds[name].get_volume() == 0.0 for name in ONE_SHOTS)


def test_orders_given_before_the_sound_followed_the_world_are_not_sounded() -> None:
    world = crowd_world()
    world.command.issue(Order(0.0, "line", OrderKind.HOLD))
    world.run_until(1.0)
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    frames(sound, world, clock, 1.0)
    assert not sound.played


def test_the_water_cannon_hisses_while_it_sprays() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    world.command.issue(Order(0.0, "awc", OrderKind.WATER_CANNON, point=(25.0, 30.0), duration_s=2.0))
    frames(sound, world, clock, 4.8)  # the 5 s command delay: not yet
    assert sound.levels["water_cannon"] == 0.0
    frames(sound, world, clock, 1.0)
    assert sound.levels["water_cannon"] > 0.9
    frames(sound, world, clock, 2.5)  # the jet stopped after 2 s
    assert sound.levels["water_cannon"] < 0.01


def test_a_burning_fire_crackles() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    assert sound.levels["fire"] == 0.0
    light_fire(world, (10.0, 40.0))
    frames(sound, world, clock, 2.0)
    assert sound.levels["fire"] > 0.3


def test_landing_stones_thud_but_never_more_than_a_few_at_once() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = World(line_facing_group(UnitType.DALMAS_LANJUT, gap_m=12.0, people=30))
    world.crowd.agitation[:] = 0.95
    projectiles = world.riot.projectiles
    sound.update(world)
    thuds = []
    while world.t < 15.0:
        world.step()
        before = sound.played["impact"]
        sound.update(world)
        thuds.append(sound.played["impact"] - before)
    landed = projectiles.thrown - len(projectiles.t_land)
    # The test runs faster than real time, so the voices allowed at once stay busy after the first.
    assert landed > 20 and MAX_IMPACT_VOICES <= sum(thuds) <= landed
    assert max(thuds) <= MAX_IMPACTS_PER_UPDATE
    # A volley landing between two frames (the game stalled for 10 s): a few thuds only.
    world.run_until(25.0)
    assert projectiles.thrown - len(projectiles.t_land) - landed > 10
    time.sleep(0.35)  # the thuds before have died away
    before = sound.played["impact"]
    clock.now += 10.0
    sound.update(world)
    assert sound.played["impact"] - before == MAX_IMPACTS_PER_UPDATE


# --- the controls ------------------------------------------------------------------------------


def test_volume_is_clamped_and_applies_at_once_to_what_plays() -> None:
    assert Sound(1.7).volume == 1.0
    pygame.mixer.quit()
    clock = FakeClock()
    sound = Sound(-0.5, clock=clock)
    assert sound.volume == 0.0
    sound.set_volume(float("nan"))
    assert sound.volume == 0.0
    sound.set_volume(0.8)
    world = crowd_world(people=200)
    frames(sound, world, clock, 2.0, step=False)
    calm = pygame.mixer.Channel(LOOPS.index("crowd_calm"))
    assert calm.get_volume() > 0.05
    sound.set_volume(0.0)
    assert calm.get_volume() == 0.0


def test_pause_holds_everything_and_stop_ends_it() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    sound.pause()
    world.command.issue(Order(world.t, "line", OrderKind.HOLD))  # an order given while paused ...
    frames(sound, world, clock, 0.5, step=False)
    assert not sound.played
    sound.resume()
    frames(sound, world, clock, 0.5)  # ... sounds when the game goes on
    assert sound.played == {"click": 1, "confirm": 1, "whistle": 1}
    sound.stop()
    assert not any(c.get_busy() for c in loop_channels())
    frames(sound, world, clock, 0.1)  # a new level (here the same world) starts the loops again
    assert all(c.get_busy() for c in loop_channels())
    sound.close()
    assert not sound.available and pygame.mixer.get_init() is None
    sound.update(world)


# --- the assets ----------------------------------------------------------------------------------


def read_wav(path: Path) -> tuple[tuple[int, int, int], np.ndarray]:
    with wave.open(str(path), "rb") as w:
        params = (w.getnchannels(), w.getsampwidth(), w.getframerate())
        return params, np.frombuffer(w.readframes(w.getnframes()), "<i2")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sounds")
    sound_gen.generate(folder)
    return folder


def test_the_generator_makes_the_same_bytes_every_time(generated, tmp_path) -> None:
    again = sound_gen.generate(tmp_path)
    assert [p.name for p in again] == [f"{name}.wav" for name in sound_gen.SOUNDS]
    for path in again:
        assert path.read_bytes() == (generated / path.name).read_bytes(), path.name
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left


def test_the_committed_sounds_are_what_the_generator_makes(generated) -> None:
    committed = sorted(p.name for p in ASSETS_DIR.glob("*.wav"))
    assert committed == sorted(f"{name}.wav" for name in (*sound_gen.SOUNDS, *sound_gen.VOICES))
    for name in (f"{name}.wav" for name in sound_gen.SOUNDS):
        (params, ours), (params_now, now) = read_wav(ASSETS_DIR / name), read_wav(generated / name)
        assert params == params_now and len(ours) == len(now), name
        # Equal, give or take one step of rounding (another CPU's maths library may round one
        # sample differently); a changed script changes far more than that.
        assert np.abs(ours.astype(int) - now.astype(int)).max() <= 1, f"{name}: run python -m sispam.ui.sound_gen"


@pytest.mark.parametrize("name", list(sound_gen.SOUNDS))
def test_every_sound_is_22050_hz_mono_16_bit_and_peaks_at_minus_3_dbfs(name) -> None:
    params, x = read_wav(ASSETS_DIR / f"{name}.wav")
    assert params == (1, 2, 22050)
    peak_dbfs = 20 * math.log10(np.abs(x.astype(int)).max() / 32768)
    assert -3.1 < peak_dbfs < -2.9
    seconds = len(x) / 22050
    assert 0.03 <= seconds <= 3.0
    pygame.mixer.init()
    assert pygame.mixer.Sound(ASSETS_DIR / f"{name}.wav").get_length() == pytest.approx(seconds, abs=0.01)


@pytest.mark.parametrize("name", sorted(sound_gen.LOOPS))
def test_a_loop_joins_its_end_to_its_start_without_a_click(name) -> None:
    _, x = read_wav(ASSETS_DIR / f"{name}.wav")
    x = x.astype(float)
    steps = np.abs(np.diff(x))
    assert abs(x[0] - x[-1]) <= np.percentile(steps, 99)  # the join is an ordinary step
    window = round(0.05 * 22050)
    head, tail = np.sqrt(np.mean(x[:window] ** 2)), np.sqrt(np.mean(x[-window:] ** 2))
    assert 1 / 3 < head / tail < 3  # and no jump in loudness across it


@pytest.mark.parametrize("name", list(sound_gen.VOICES))
def test_every_voice_line_is_there_22050_hz_mono_16_bit_and_a_few_seconds_long(name) -> None:
    # Made by espeak-ng (`python -m sispam.ui.sound_gen --voices`), so not compared with a fresh run.
    params, x = read_wav(ASSETS_DIR / f"{name}.wav")
    assert params == (1, 2, 22050)
    assert 1.0 <= len(x) / 22050 <= sound_gen.VOICE_MAX_S
    assert -3.1 < 20 * math.log10(np.abs(x.astype(int)).max() / 32768) < -2.9


def test_the_megaphone_filter_keeps_the_band_of_a_loudspeaker() -> None:
    t = np.arange(22050) / 22050
    tones = sum(np.sin(2 * np.pi * f * t) for f in (100, 1000, 6000))  # equally loud going in
    spectrum = np.abs(np.fft.rfft(sound_gen.megaphone_filter(tones)[:22050]))  # 1 Hz a bin
    assert spectrum[1000] > 10 * spectrum[100] and spectrum[1000] > 10 * spectrum[6000]


def test_the_readme_lists_every_sound() -> None:
    readme = (ASSETS_DIR / "README.md").read_text(encoding="utf-8")
    for path in ASSETS_DIR.glob("*.wav"):
        assert f"`{path.name}`" in readme, path.name


def test_the_sounds_are_small() -> None:
    assert sum(p.stat().st_size for p in ASSETS_DIR.glob("*.wav")) < 1200 * 1024
