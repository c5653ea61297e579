"""The situation colour, hijau / kuning / merah, from what the crowd does (SPEC §3).

The doctrine's definitions (domain brief §1.3, from Polri briefings and the USU thesis):
**hijau** — orderly, the demonstration proceeds safely; **kuning** (tidak tertib) — ignores
police appeals, breaks rules: burning things on the road, blocking, throwing objects; **merah**
(melanggar hukum) — crimes: arson, destruction, looting, serious assault, hostage-taking.

Read as signals the simulation has:

* merah: hostages taken; a shop damaged or looted, or an officer hurt by a projectile, in the
  last `MERAH_MEMORY_S`; or `MERAH_AGRESIF_SHARE` of the crowd on the map agresif.
* kuning: projectiles thrown in the last `KUNING_MEMORY_S`; a fire burning; the line (a line
  unit's: an arrest team or medics wading into the crowd are not a line pushed) pushed
  harder than `PUSHING_N` (dorong-mendorong); or `KUNING_ACTIVE_SHARE` of the crowd aktif or agresif.
* hijau otherwise.

The colour rises at once and falls one level only after the lower reading has held for
`CALM_DOWN_S`: commanders do not stand down at the first quiet minute. Every change goes on the
timeline ("situation", with from, to and the `cause` the reading named: one of `CAUSES`, or
"calmed" when it falls), and the time spent in each colour is kept for the score.
The shares are game-design values: a few people out of hundreds do not make a riot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import COLOURS, Colour

if TYPE_CHECKING:
    from sispam.sim.world import World

PERIOD_S = 1.0
MERAH_MEMORY_S = 120.0
KUNING_MEMORY_S = 60.0
MERAH_AGRESIF_SHARE = 0.10
KUNING_ACTIVE_SHARE = 0.05
PUSHING_N = 1500.0  # a line load above what a calm crowd leaning on it gives (about 1 kN at the KPU gate)
CALM_DOWN_S = 60.0
# What a reading names as its cause, in the order it is checked (the first that holds).
CAUSES = ("hostages", "property", "officer_hurt", "agresif", "thrown", "fire", "pushed", "aktif")


class Situation:
    """The running situation colour of a world (see the module docstring)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.colour = Colour.HIJAU
        self.seconds = dict.fromkeys(COLOURS, 0.0)  # time spent in each colour
        self.worst = Colour.HIJAU
        self._next_t = 0.0
        self._lower_since: float | None = None

    def reading(self) -> Colour:
        """The colour the crowd's conduct shows right now, before hysteresis."""
        return self.read()[0]

    def read(self) -> tuple[Colour, str | None]:
        """The colour the crowd's conduct shows right now, before hysteresis, and its cause
        (one of `CAUSES`; None for hijau)."""
        w = self.world
        b, c = w.bodies, w.crowd
        t = w.t
        riot = w.riot
        here = b.state[: b.n_crowd] == BodyState.ACTIVE
        n_here = max(int(here.sum()), 1)
        cls = np.bincount(c.behaviour()[here], minlength=len(Behaviour))
        merah = (riot.hostages_taken, t - riot.last_property_t <= MERAH_MEMORY_S,
                 t - riot.last_officer_hurt_t <= MERAH_MEMORY_S,
                 cls[Behaviour.AGRESIF] >= MERAH_AGRESIF_SHARE * n_here)
        kuning = (t - riot.last_throw_t <= KUNING_MEMORY_S, any(f.burning for f in w.fires),
                  max((load for _, load, _ in w.lines_held()), default=0.0) > PUSHING_N,
                  cls[Behaviour.AKTIF] + cls[Behaviour.AGRESIF] >= KUNING_ACTIVE_SHARE * n_here)
        for colour, signs, causes in ((Colour.MERAH, merah, CAUSES[:4]), (Colour.KUNING, kuning, CAUSES[4:])):
            for sign, cause in zip(signs, causes, strict=True):
                if sign:
                    return colour, cause
        return Colour.HIJAU, None

    def update(self) -> None:
        """Re-read the situation if a period has passed (called once per step)."""
        w = self.world
        if w.t + 1e-9 < self._next_t:
            return
        if self._next_t > 0:  # the time since the last reading was spent in the colour held
            self.seconds[self.colour] += PERIOD_S
        self._next_t += PERIOD_S
        now, cause = self.read()
        rank = COLOURS.index
        if rank(now) > rank(self.colour):
            self._change(now, cause)
        elif rank(now) < rank(self.colour):
            if self._lower_since is None:
                self._lower_since = w.t
            elif w.t - self._lower_since >= CALM_DOWN_S:
                self._change(COLOURS[rank(self.colour) - 1], "calmed")
        else:
            self._lower_since = None

    def _change(self, to: Colour, cause: str | None) -> None:
        self.world.note("situation", {"from": str(self.colour), "to": str(to), "cause": cause})
        self.colour = to
        self._lower_since = None
        if COLOURS.index(to) > COLOURS.index(self.worst):
            self.worst = to
