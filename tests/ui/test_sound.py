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
    LOOPS,
    MAX_IMPACT_VOICES,
    MAX_IMPACTS_PER_UPDATE,
    Sound,
    crowd_loudness,
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
    assert crowd_loudness(World(square(units=UNITS))) == (0.0, 0.0)
    later = crowd_world(arrival_s=30.0)  # a crowd that has not arrived yet is not heard either
    assert crowd_loudness(later) == (0.0, 0.0)
    later.run_until(31.0)
    calm, angry = crowd_loudness(later)
    assert calm > 0.1 and angry == pytest.approx(0.0, abs=1e-9)


def test_an_aggressive_crowd_is_angrier_than_the_same_crowd_calm() -> None:
    world = crowd_world(people=200)
    loudness = {}
    present = np.flatnonzero(world.bodies.state[: world.bodies.n_crowd] == BodyState.ACTIVE)
    some = present[: len(present) * 3 // 10]  # 30 % of the crowd resists, or attacks
    for name, agitation in (("tertib", 0.1), ("aktif", 0.8), ("agresif", 0.95)):
        world.crowd.agitation[:] = 0.1
        world.crowd.agitation[some] = agitation
        loudness[name] = crowd_loudness(world)
    (calm_t, angry_t), (calm_a, angry_a), (calm_g, angry_g) = loudness.values()
    assert angry_t < 1e-9 and angry_t < angry_a < angry_g
    assert calm_t > calm_a > calm_g
    # Equal-power cross-fade: the crowd is as loud overall, only angrier.
    for calm, angry in loudness.values():
        assert math.hypot(calm, angry) == pytest.approx(math.hypot(calm_t, angry_t))
    assert crowd_loudness(crowd_world(people=50))[0] < calm_t  # fewer people, quieter


def test_the_crowd_loops_glide_to_their_level_over_about_a_second() -> None:
    clock = FakeClock()
    sound = Sound(1.0, clock=clock)
    world = crowd_world(people=200)
    world.crowd.agitation[:] = 0.95
    frames(sound, world, clock, 2 * FRAME_S, step=False)  # the first frame takes the world up
    target = crowd_loudness(world)[1]
    assert 0 < sound.levels["crowd_angry"] < 0.05 * target  # no jump
    frames(sound, world, clock, 1.0, step=False)
    assert 0.5 * target < sound.levels["crowd_angry"] < 0.7 * target  # 1 - 1/e after 1 s
    frames(sound, world, clock, 5.0, step=False)
    assert sound.levels["crowd_angry"] == pytest.approx(target, abs=1e-3)
    assert sound.levels["crowd_calm"] == pytest.approx(0.0, abs=1e-3)
    assert all(c.get_busy() for c in loop_channels())


# --- what the police do and what lands on them -----------------------------------------------


def test_an_order_sounds_once_when_it_is_given_a_whistle_for_the_line_the_megaphone_for_an_appeal() -> None:
    clock = FakeClock()
    sound = Sound(0.5, clock=clock)
    world = crowd_world()
    frames(sound, world, clock, 0.5)
    assert not sound.played
    world.command.issue(Order(world.t, "line", OrderKind.BRACE))
    frames(sound, world, clock, 0.5)
    assert sound.played == {"whistle": 1}
    world.command.issue(Order(world.t, "line", OrderKind.APPEAL))
    world.command.issue(Order(world.t + 1.0, "line", OrderKind.FORM, point=(25.0, 22.0)))  # a plan's later order
    frames(sound, world, clock, 0.5)
    assert sound.played == {"whistle": 1, "megaphone": 1}
    frames(sound, world, clock, 1.0)
    assert sound.played == {"whistle": 2, "megaphone": 1}
    frames(sound, world, clock, 3.0)  # they take effect and end: nothing sounds again
    assert sound.played == {"whistle": 2, "megaphone": 1}


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
    assert sound.played == {"whistle": 1}
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
