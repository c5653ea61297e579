"""The game's sound: crowd noise that follows the crowd's mood, and the sounds of the police.

`Sound(volume)` opens the mixer and loads the WAV files that `sispam.ui.sound_gen` makes. When
anything about that fails (no audio device, a missing or broken file) it stays silent: every
method does nothing, `available` is False and `problem` says why, so the game never checks.

The play screen calls `update(world)` once per rendered frame. The crowd is heard through two
loops, a calm murmur and angry chanting, whose levels follow `crowd_loudness` and glide to a new
level over about a second (no pumping); the water cannon's hiss plays while one sprays and the
crackle of fire while one burns. One-shots mark what happened since the last frame: a whistle
for an order given to a line, the megaphone for an appeal or a negotiation, a thud for a stone or
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
LOOPS = ("crowd_calm", "crowd_angry", "water_cannon", "fire")  # on reserved channels 0-3
ONE_SHOTS = ("whistle", "megaphone", "impact", "alert")
CHANNELS = 16  # loops plus room for overlapping one-shots
# Level of each sound in the mix at full volume (every file peaks at -3 dBFS).
MIX = {"crowd_calm": 0.45, "crowd_angry": 0.8, "water_cannon": 0.55, "fire": 0.5,
       "whistle": 0.6, "megaphone": 0.9, "impact": 0.5, "alert": 0.55}
# Time constant (s, of real time) of each loop's glide to a new level: slow for the crowd (no
# pumping as people change class), quick for the water cannon (it starts and stops with the jet).
FADE_S = {"crowd_calm": 1.0, "crowd_angry": 1.0, "water_cannon": 0.15, "fire": 0.5}
CROWD_RECOUNT_S = 0.25  # simulated time between counts of the crowd and the fires
FULL_CROWD = 1000  # people present at which the crowd is at its loudest
FULL_ANGER_SHARE = 0.4  # share of the present resisting or attacking at which the crowd is all anger
FIRE_FLOOR = 0.4  # level of a fire just lit; it grows to full with the heat of every fire burning
FIRE_FULL_KW = 1000.0  # one tyre barricade at its height (fires.TYRE_PILE_MAX_KW)
MAX_IMPACTS_PER_UPDATE = 2
MAX_IMPACT_VOICES = 4  # impacts sounding at once
WHISTLE_ORDERS = frozenset({
    OrderKind.FORM, OrderKind.BRACE, OrderKind.DESAK, OrderKind.DORONG, OrderKind.FALL_BACK,
    OrderKind.LAPIS_GANTI, OrderKind.LINTAS_GANTI, OrderKind.HOLD, OrderKind.BERLINDUNG,
})
MEGAPHONE_ORDERS = frozenset({OrderKind.APPEAL, OrderKind.NEGOTIATE})
_AKTIF_FROM = BEHAVIOUR_BOUNDS[Behaviour.AKTIF - 1]  # agitation at which a person is aktif
_AGRESIF_FROM = BEHAVIOUR_BOUNDS[Behaviour.AGRESIF - 1]
_HEARD = frozenset({"given", "active", "done"})  # order statuses that mean it was given


def crowd_loudness(world: World) -> tuple[float, float]:
    """How loud the crowd's calm murmur and its angry shouting are now (each 0..1).

    Loudness grows with the square root of the people present (incoherent voices add in power)
    and is full at `FULL_CROWD`; nobody on the map is silence. Anger is the share of the present
    who resist (aktif, counting half) or attack (agresif), full at `FULL_ANGER_SHARE`; the two
    loops cross-fade along it at equal power.
    """
    b = world.bodies
    present = b.state[: b.n_crowd] == BodyState.ACTIVE
    n = int(np.count_nonzero(present))
    if n == 0:
        return 0.0, 0.0
    # The classes of `Crowd.behaviour`, counted straight from the agitation (a third of the cost).
    agitation = world.crowd.agitation
    resisting = present & (agitation >= _AKTIF_FROM)
    agresif = int(np.count_nonzero(resisting & (agitation >= _AGRESIF_FROM)))
    aktif = int(np.count_nonzero(resisting)) - agresif
    heat = (0.5 * aktif + agresif) / n
    anger = min(1.0, heat / FULL_ANGER_SHARE)
    size = min(1.0, math.sqrt(n / FULL_CROWD))
    return size * math.cos(anger * math.pi / 2), size * math.sin(anger * math.pi / 2)


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

    def update(self, world: World) -> None:
        """Follow the world once per rendered frame (see the module docstring)."""
        if not self.available or self._paused:
            return
        self._guarded(lambda: self._update(world))

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
        for name in (*LOOPS, *ONE_SHOTS):
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
                channel.play(self._sounds[name], loops=-1)
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
        self._glide()

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
        self._target["crowd_calm"], self._target["crowd_angry"] = crowd_loudness(world)
        burning = [f.heat_kw for f in world.fires if f.burning]
        self._target["fire"] = min(1.0, FIRE_FLOOR + sum(burning) / FIRE_FULL_KW) if burning else 0.0

    def _orders(self, world: World) -> None:
        """One whistle and one megaphone call at most for the orders given since the last update."""
        log = world.command.log
        for issued in log[self._n_log:]:
            bisect.insort(self._waiting, issued, key=_order_key)
        self._n_log = len(log)
        waiting, now = self._waiting, world.t + 1e-9
        still: list[Issued] = []
        k = 0
        whistle = megaphone = False
        while k < len(waiting) and waiting[k].order.t <= now:  # only orders due can have been given
            issued = waiting[k]
            if issued.status == "pending":
                still.append(issued)
            elif issued.status in _HEARD:
                whistle |= issued.order.kind in WHISTLE_ORDERS
                megaphone |= issued.order.kind in MEGAPHONE_ORDERS
            k += 1
        if k:
            waiting[:k] = still
        if whistle:
            self._play("whistle")
        if megaphone:
            self._play("megaphone")

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
