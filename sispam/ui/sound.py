"""The game's sound: crowd noise that follows the crowd's mood, and the sounds of the police.

`Sound(volume)` opens the mixer and loads the WAV files that `sispam.ui.sound_gen` makes. When
anything about that fails (no audio device, a missing or broken file) it stays silent: every
method does nothing, `available` is False and `problem` says why, so the game never checks.

The play screen calls `update(world, view)` once per rendered frame. The crowd is heard through
three loops, a calm murmur, angry shouting and a rhythmic chant, whose levels follow `crowd_mix`
(the crowd swells as it grows agitated, is louder when it is on screen, chants while it is aktif)
and glide to a new level over a second or so (no pumping); each time the crowd takes up chanting
again it chants the next of `CHANTS`. The water cannon's hiss plays while one sprays and the
crackle of fire while one burns. One-shots mark what happened since the last frame: a click for
an order the player gave (or a button pressed, `click`), a confirm tone and, for a line, a
whistle when the order is acknowledged (given), the megaphone voice line of an appeal, the
order to disperse or a fall-back when it takes effect (`VOICE_LINES`), a thud for a stone or
bottle landing (a few per frame at most, so a volley does not turn into a roar).

`update` costs a few tens of microseconds at 3,000 people: it counts the crowd (numpy, no loop
per person) only every `CROWD_RECOUNT_S` of simulated time, looks only at orders not yet heard,
and compares the count of projectiles landed with that of the frame before.

Only this object touches `pygame.mixer`; nothing else may quit it while a `Sound` is open
(pygame-ce crashes when a sound is played on a closed mixer; `update` checks for it).
"""

from __future__ import annotations

import bisect
import contextlib
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pygame

from sispam.resources import sounds_dir
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import BEHAVIOUR_BOUNDS, Behaviour
from sispam.sim.police.orders import OrderKind

if TYPE_CHECKING:
    from sispam.sim.police.command import Issued
    from sispam.sim.world import World

ASSETS_DIR = sounds_dir()
# The loops, on reserved channels 0-4; the "chant" channel plays one of `CHANTS` at a time.
LOOPS = ("crowd_calm", "crowd_angry", "chant", "water_cannon", "fire")
CHANTS = ("chant_hidup", "chant_tolak", "chant_turun")
# The megaphone voice line heard when an order of each kind takes effect.
VOICE_LINES = {OrderKind.APPEAL: "voice_imbauan", OrderKind.DISPERSAL_ORDER: "voice_bubar",
               OrderKind.FALL_BACK: "voice_mundur"}
ONE_SHOTS = ("whistle", "megaphone", "impact", "alert", "click", "confirm", *VOICE_LINES.values())
CHANNELS = 16  # loops plus room for overlapping one-shots
# Level of each sound in the mix at full volume (every file peaks at -3 dBFS); the UI sounds quiet.
MIX = {"crowd_calm": 0.45, "crowd_angry": 0.8, "chant": 0.6, "water_cannon": 0.55, "fire": 0.5,
       "whistle": 0.6, "megaphone": 0.9, "impact": 0.5, "alert": 0.55, "click": 0.2, "confirm": 0.25,
       **dict.fromkeys(VOICE_LINES.values(), 1.0)}
# Time constant (s, of real time) of each loop's glide to a new level: slow for the crowd (no
# pumping as people change class), quick for the water cannon (it starts and stops with the jet).
FADE_S = {"crowd_calm": 1.0, "crowd_angry": 1.0, "chant": 1.5, "water_cannon": 0.15, "fire": 0.5}
CROWD_RECOUNT_S = 0.25  # simulated time between counts of the crowd and the fires
FULL_CROWD = 1000  # people present at which the crowd is at its loudest
FULL_ANGER_SHARE = 0.4  # share of the present resisting or attacking at which the crowd is all anger
ANGER_FROM_CLASSES = 0.75  # the rest of a crowd's anger follows its mean agitation, which moves first
MEAN_AGITATION_CALM = 0.2  # mean agitation below which it adds no anger ...
MEAN_AGITATION_ANGRY = 0.7  # ... and from which it adds all it can
SWELL_FLOOR = 0.6  # loudness of a calm crowd against the same crowd all anger (about -4.4 dB)
OFF_VIEW_LEVEL = 0.5  # loudness of a crowd wholly off the screen against one wholly on it
CHANT_FULL_SHARE = 0.25  # share of the present aktif at which the chant is at its loudest
FIRE_FLOOR = 0.4  # level of a fire just lit; it grows to full with the heat of every fire burning
FIRE_FULL_KW = 1000.0  # one tyre barricade at its height (fires.TYRE_PILE_MAX_KW)
MAX_IMPACTS_PER_UPDATE = 2
MAX_IMPACT_VOICES = 4  # impacts sounding at once
WHISTLE_ORDERS = frozenset({
    OrderKind.FORM, OrderKind.BRACE, OrderKind.DESAK, OrderKind.DORONG, OrderKind.FALL_BACK,
    OrderKind.LAPIS_GANTI, OrderKind.LINTAS_GANTI, OrderKind.HOLD, OrderKind.BERLINDUNG,
})
MEGAPHONE_ORDERS = frozenset({OrderKind.NEGOTIATE})  # the appeal and the order to disperse speak
_AKTIF_FROM = BEHAVIOUR_BOUNDS[Behaviour.AKTIF - 1]  # agitation at which a person is aktif
_AGRESIF_FROM = BEHAVIOUR_BOUNDS[Behaviour.AGRESIF - 1]
_HEARD = frozenset({"given", "active", "done"})  # order statuses that mean it was given
_EFFECTIVE = frozenset({"active", "done"})  # order statuses that mean it took effect


@dataclass(frozen=True, slots=True)
class CrowdMix:
    """How loud each of the crowd's loops is (each 0..1, before the mix and the master volume)."""

    calm: float
    angry: float
    chant: float


SILENT_CROWD = CrowdMix(0.0, 0.0, 0.0)


def _unit(x: float) -> float:
    return min(1.0, max(0.0, x))


def crowd_mix(*, present: int, aktif: int, agresif: int, mean_agitation: float,
              on_screen: float = 1.0) -> CrowdMix:
    """The crowd's loops for a crowd of this size and mood.

    Args:
        present: people on the map.
        aktif: of them, those resisting (`Behaviour.AKTIF`).
        agresif: of them, those attacking (`Behaviour.AGRESIF`).
        mean_agitation: their mean agitation, 0..1.
        on_screen: the share of them on the screen, 0..1 (1 when the view is not known).

    Loudness grows with the square root of the people present (incoherent voices add in power),
    is full at `FULL_CROWD`, and falls to `OFF_VIEW_LEVEL` as the crowd leaves the screen. Anger
    is mostly the share who resist (counting half) or attack, full at `FULL_ANGER_SHARE`, and
    partly the mean agitation, which rises before anyone crosses into aktif; the calm and angry
    loops cross-fade along it at equal power, and the whole swells from `SWELL_FLOOR` to full.
    The chant grows with the share aktif and gives way as the crowd turns agresif.
    """
    if present <= 0:
        return SILENT_CROWD
    heat = (0.5 * aktif + agresif) / present
    drift = (mean_agitation - MEAN_AGITATION_CALM) / (MEAN_AGITATION_ANGRY - MEAN_AGITATION_CALM)
    anger = _unit(ANGER_FROM_CLASSES * heat / FULL_ANGER_SHARE + (1.0 - ANGER_FROM_CLASSES) * _unit(drift))
    loud = min(1.0, math.sqrt(present / FULL_CROWD)) * (OFF_VIEW_LEVEL + (1.0 - OFF_VIEW_LEVEL) * _unit(on_screen))
    swell = loud * (SWELL_FLOOR + (1.0 - SWELL_FLOOR) * anger)
    chant = loud * _unit(aktif / present / CHANT_FULL_SHARE) * (1.0 - _unit(agresif / present / FULL_ANGER_SHARE))
    return CrowdMix(swell * math.cos(anger * math.pi / 2), swell * math.sin(anger * math.pi / 2), chant)


def crowd_loudness(world: World, view: tuple[float, float, float, float] | None = None) -> CrowdMix:
    """`crowd_mix` for the crowd of `world` now; `view` is the world rectangle on the screen,
    (west, south, east, north) in metres, or None when it is not known."""
    b = world.bodies
    present = b.state[: b.n_crowd] == BodyState.ACTIVE
    n = int(np.count_nonzero(present))
    if n == 0:
        return SILENT_CROWD
    # The classes of `Crowd.behaviour`, counted straight from the agitation (a third of the cost).
    agitation = world.crowd.agitation[: b.n_crowd]
    resisting = present & (agitation >= _AKTIF_FROM)
    agresif = int(np.count_nonzero(resisting & (agitation >= _AGRESIF_FROM)))
    aktif = int(np.count_nonzero(resisting)) - agresif
    mean = float(np.sum(agitation, where=present)) / n
    on_screen = 1.0
    if view is not None:
        x, y = b.pos[: b.n_crowd, 0], b.pos[: b.n_crowd, 1]
        inside = present & (x >= view[0]) & (x <= view[2]) & (y >= view[1]) & (y <= view[3])
        on_screen = int(np.count_nonzero(inside)) / n
    return crowd_mix(present=n, aktif=aktif, agresif=agresif, mean_agitation=mean, on_screen=on_screen)


def _clamp(volume: float) -> float:
    v = float(volume)
    return 0.0 if math.isnan(v) else min(1.0, max(0.0, v))


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _landed(world: World) -> int:
    """Stones and bottles landed so far: every one thrown that is no longer in the air."""
    p = world.riot.projectiles
    return p.thrown - len(p.t_land)


def _order_key(issued: Issued) -> tuple[float, int]:
    return issued.order.t, issued.id


class Sound:
    """The game's sound, or silence when there is no way to make it.

    Args:
        volume: master volume, 0..1 (clamped).
        assets_dir: folder of the WAV files (default: the shipped `sispam/data/sounds`).
        clock: seconds of real time, for the level glides (tests pass their own).

    Attributes:
        available: sound plays; False when silent.
        problem: why it is silent (None while it plays).
        played: how many of each one-shot have started, by name.
    """

    def __init__(self, volume: float, assets_dir: Path | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.available = False
        self.problem: str | None = None
        self.played: Counter[str] = Counter()
        self._volume = _clamp(volume)
        self._clock = clock
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._channels: dict[str, pygame.mixer.Channel] = {}
        self._owns_mixer = False
        self._paused = False
        self._view: tuple[float, float, float, float] | None = None
        self._clicked = False  # a click sounded since the last update
        self._chant = len(CHANTS) - 1  # the index in CHANTS of the chant heard (the first is taken up next)
        self._reset()
        try:
            self._open(ASSETS_DIR if assets_dir is None else Path(assets_dir))
        except Exception as error:  # noqa: BLE001  (any failure, audio or file, means silence)
            self._fail(_reason(error))

    # --- the public controls ----------------------------------------------------------------

    @property
    def volume(self) -> float:
        """Master volume, 0..1."""
        return self._volume

    @property
    def levels(self) -> dict[str, float]:
        """Each loop's present level, 0..1, before the mix and the master volume."""
        return dict(self._level)

    def set_volume(self, volume: float) -> None:
        """Set the master volume (clamped to 0..1); it applies at once to everything playing."""
        self._volume = _clamp(volume)
        if self.available:
            self._guarded(self._apply_volume)

    def update(self, world: World, view: tuple[float, float, float, float] | None = None) -> None:
        """Follow the world once per rendered frame (see the module docstring).

        Args:
            world: the world heard.
            view: the world rectangle on the screen, (west, south, east, north) in metres; a
                crowd off it is quieter. None: as if all of it were on the screen.
        """
        if not self.available or self._paused:
            return
        self._view = view
        self._guarded(lambda: self._update(world))

    def click(self) -> None:
        """The click of a button pressed (an order given in the same frame clicks only once)."""
        if self.available and not self._clicked:
            self._clicked = True
            self._guarded(lambda: self._play("click"))

    def alert(self) -> None:
        """The radio alert tone: something the commander must look at (`sispam.ui.alerts`)."""
        if self.available and not self._paused:
            self._guarded(lambda: self._play("alert"))

    def pause(self) -> None:
        """Hold every sound where it is (the player paused the game)."""
        if self.available and not self._paused:
            self._paused = True
            self._guarded(pygame.mixer.pause)

    def resume(self) -> None:
        """Carry on from where `pause` held."""
        if self.available and self._paused:
            self._paused = False
            self._last_clock = self._clock()
            self._guarded(pygame.mixer.unpause)

    def stop(self) -> None:
        """End every sound (the level is left); the next `update` starts afresh."""
        self._reset()
        self._paused = False
        if self.available:
            self._guarded(self._halt)

    def close(self) -> None:
        """Stop, and release the mixer; the object is silent from then on."""
        self.stop()
        self._fail("closed")

    # --- opening and failing ----------------------------------------------------------------

    def _open(self, folder: Path) -> None:
        if pygame.mixer.get_init() is None:
            pygame.mixer.init()
            self._owns_mixer = True
        for name in (*LOOPS, *CHANTS, *ONE_SHOTS):
            if name != "chant":
                self._sounds[name] = pygame.mixer.Sound(folder / f"{name}.wav")
        pygame.mixer.set_num_channels(max(pygame.mixer.get_num_channels(), CHANNELS))
        pygame.mixer.set_reserved(len(LOOPS))
        self._channels = {name: pygame.mixer.Channel(k) for k, name in enumerate(LOOPS)}
        self.available = True
        self._apply_volume()

    def _fail(self, reason: str) -> None:
        """Fall silent for good, releasing what was taken."""
        if self.available and pygame.mixer.get_init() is not None:
            with contextlib.suppress(pygame.error):
                self._halt()
        self.available = False
        self.problem = reason
        self._sounds.clear()
        self._channels.clear()
        if self._owns_mixer:
            self._owns_mixer = False
            with contextlib.suppress(pygame.error):
                pygame.mixer.quit()

    def _guarded(self, action: Callable[[], object]) -> None:
        """Run `action` on the mixer; an audio error (a device lost) makes the object silent."""
        if pygame.mixer.get_init() is None:
            self._fail("the mixer was closed")
            return
        try:
            action()
        except pygame.error as error:
            self._fail(_reason(error))

    def _halt(self) -> None:
        for channel in self._channels.values():
            channel.stop()
        for name in ONE_SHOTS:
            self._sounds[name].stop()
        pygame.mixer.unpause()

    def _reset(self) -> None:
        """Forget the world followed: the next update takes it up from where it is."""
        self._world: World | None = None
        self._last_t = 0.0
        self._next_count_t = 0.0
        self._n_log = 0
        self._waiting: list[Issued] = []  # orders not yet given, by time
        self._to_speak: list[Issued] = []  # orders given with a voice line, not yet in effect
        self._landed = 0  # projectiles landed by the last update
        self._loops_on = False
        self._level = dict.fromkeys(LOOPS, 0.0)
        self._target = dict.fromkeys(LOOPS, 0.0)
        self._last_clock = self._clock()

    # --- following the world ----------------------------------------------------------------

    def _update(self, world: World) -> None:
        if world is not self._world or world.t < self._last_t:
            self._follow(world)
        if not self._loops_on:
            for name, channel in self._channels.items():
                channel.play(self._loop_sound(name), loops=-1)
                channel.set_volume(0.0)
            self._loops_on = True
        if world.t >= self._next_count_t:
            self._recount(world)
            self._next_count_t = world.t + CROWD_RECOUNT_S
        self._target["water_cannon"] = 1.0 if any(
            op.issued.order.kind is OrderKind.WATER_CANNON and op.issued.outcome.get("result") == "spraying"
            for op in world.command.active.values()) else 0.0
        self._orders(world)
        self._impacts(world)
        self._last_t = world.t
        self._clicked = False
        self._glide()

    def _loop_sound(self, channel: str) -> pygame.mixer.Sound:
        return self._sounds[CHANTS[self._chant] if channel == "chant" else channel]

    def _follow(self, world: World) -> None:
        """Take up a world (new, or restarted) without sounding what happened before now."""
        self._reset()
        self._world = world
        self._last_t = world.t
        self._next_count_t = world.t
        log = world.command.log
        self._n_log = len(log)
        self._waiting = sorted((i for i in log if i.status == "pending"), key=_order_key)
        self._landed = _landed(world)

    def _recount(self, world: World) -> None:
        mix = crowd_loudness(world, self._view)
        if mix.chant > 0 and self._target["chant"] == 0.0 and self._level["chant"] == 0.0:
            # The crowd takes up chanting again, with the next chant.
            self._chant = (self._chant + 1) % len(CHANTS)
            self._channels["chant"].play(self._loop_sound("chant"), loops=-1)
            self._channels["chant"].set_volume(0.0)
        self._target["crowd_calm"], self._target["crowd_angry"], self._target["chant"] = mix.calm, mix.angry, mix.chant
        burning = [f.heat_kw for f in world.fires if f.burning]
        self._target["fire"] = min(1.0, FIRE_FLOOR + sum(burning) / FIRE_FULL_KW) if burning else 0.0

    def _orders(self, world: World) -> None:
        """At most one of each sound for the orders issued, given and taking effect since the
        last update: a click, a confirm tone with a whistle or the megaphone, a voice line."""
        log = world.command.log
        issued_now = len(log) > self._n_log
        for issued in log[self._n_log:]:
            bisect.insort(self._waiting, issued, key=_order_key)
        self._n_log = len(log)
        waiting, now = self._waiting, world.t + 1e-9
        still: list[Issued] = []
        k = 0
        given = whistle = megaphone = False
        while k < len(waiting) and waiting[k].order.t <= now:  # only orders due can have been given
            issued = waiting[k]
            if issued.status == "pending":
                still.append(issued)
            elif issued.status in _HEARD:
                given = True
                whistle |= issued.order.kind in WHISTLE_ORDERS
                megaphone |= issued.order.kind in MEGAPHONE_ORDERS
                if issued.order.kind in VOICE_LINES:
                    self._to_speak.append(issued)
            k += 1
        if k:
            waiting[:k] = still
        if issued_now and not self._clicked:
            self._play("click")
        if given:
            self._play("confirm")
        if whistle:
            self._play("whistle")
        if megaphone:
            self._play("megaphone")
        self._speak()

    def _speak(self) -> None:
        """The voice line of the latest order to take effect; those cancelled before are dropped."""
        if not self._to_speak:
            return
        line = None
        left: list[Issued] = []
        for issued in self._to_speak:
            if issued.status in _EFFECTIVE:
                line = VOICE_LINES[issued.order.kind]
            elif issued.status == "given":
                left.append(issued)
        self._to_speak = left
        if line is not None:
            self._play(line)

    def _impacts(self, world: World) -> None:
        """A thud for each projectile landed since the last update, a few at most."""
        landed = _landed(world) - self._landed
        self._landed += landed
        impact = self._sounds["impact"]
        for _ in range(min(landed, MAX_IMPACTS_PER_UPDATE)):
            if impact.get_num_channels() >= MAX_IMPACT_VOICES:
                break
            self._play("impact")

    def _play(self, name: str) -> None:
        if self._sounds[name].play() is not None:  # None: every channel is busy
            self.played[name] += 1

    # --- levels -----------------------------------------------------------------------------

    def _glide(self) -> None:
        """Move each loop's level towards its target and set its channel's volume."""
        now = self._clock()
        dt = min(max(now - self._last_clock, 0.0), 0.25)  # a long stall does not jump
        self._last_clock = now
        for name, channel in self._channels.items():
            level, target = self._level[name], self._target[name]
            if level == target:
                continue
            level += (target - level) * (1.0 - math.exp(-dt / FADE_S[name]))
            if abs(level - target) < 1e-3:
                level = target
            self._level[name] = level
            channel.set_volume(level * MIX[name] * self._volume)

    def _apply_volume(self) -> None:
        for name in ONE_SHOTS:
            self._sounds[name].set_volume(MIX[name] * self._volume)
        for name, channel in self._channels.items():
            channel.set_volume(self._level[name] * MIX[name] * self._volume)
