"""Live alerts: what a commander must not miss, said at once and shown where it happens.

Each frame the play screen asks `Alerts.update` what is new in the world: people injured in the
crowd (a crush at the gate), an officer knocked down, a breach of a protected zone, a line near
the limit of what it holds, a fire, an order that failed. Each alert is a red feed line that
knows its place (a click on it, or V, brings the camera there), a pulsing ring on the map for
`MARK_S` seconds of game time, and the radio alert tone. Alerts read the world and never change
it: a replay shows the same alerts as the run did."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.world import World
from sispam.ui.commands import unit_centre
from sispam.ui.feed import Feed

MARK_S = 8.0  # how long an alert's ring stays on the map (game seconds)
GATHER_S = 3.0  # injuries within this long of the first are one alert
LINE_NEAR = 0.85  # a line carrying this share of what its officers hold is near its limit
LINE_AGAIN_S = 30.0  # one "near its limit" alert per line in this long
EVENT_ALERTS = {"fire_lit": "alert.fire", "rioters_lit_fire": "alert.fire", "arrest_failed": "alert.failed",
                "negotiation_failed": "alert.failed", "evacuation_failed": "alert.failed",
                "dispersal_refused": "alert.failed", "hostage_attempt": "alert.hostage",
                "shop_looted": "alert.shop"}


@dataclass(frozen=True, slots=True)
class Alert:
    t: float
    key: str
    at: tuple[float, float]


class Alerts:
    def __init__(self, world: World, feed: Feed) -> None:
        self.world, self.feed = world, feed
        self.shown: list[Alert] = []  # newest last
        nc = world.bodies.n_crowd
        self._injured = set(np.flatnonzero(world.bodies.state[:nc] == BodyState.INJURED).tolist())
        self._down = set(np.flatnonzero(world.bodies.state[nc:] == BodyState.DOWN).tolist())
        self._pending: list[int] = []  # injured people not yet alerted (gathered for GATHER_S)
        self._pending_t = -math.inf
        self._breaches = world.breaches
        self._line_t: dict[str, float] = {}
        self._read = len(world.events)

    @property
    def latest(self) -> Alert | None:
        return self.shown[-1] if self.shown else None

    def marks(self) -> list[tuple[Alert, float]]:
        """The alerts still marked on the map, each with its age as a share of `MARK_S`."""
        t = self.world.t
        return [(a, (t - a.t) / MARK_S) for a in self.shown if 0.0 <= t - a.t < MARK_S]

    def update(self) -> list[Alert]:
        """The alerts new since the last call (also added to the feed and `shown`)."""
        w, b = self.world, self.world.bodies
        nc = b.n_crowd
        new: list[Alert] = []
        injured = np.flatnonzero(b.state[:nc] == BodyState.INJURED)
        fresh = [int(i) for i in injured if int(i) not in self._injured]
        self._injured.update(fresh)
        if fresh and not self._pending:
            self._pending_t = w.t
        self._pending += fresh
        if self._pending and w.t - self._pending_t >= GATHER_S:
            at = b.pos[self._pending].mean(axis=0)
            new.append(self._raise("alert.injured", at, n=len(self._pending)))
            self._pending = []
        down = np.flatnonzero(b.state[nc:] == BodyState.DOWN)
        for k in (int(k) for k in down if int(k) not in self._down):
            self._down.add(k)
            unit = w.units[int(w.officers.unit[k])]
            new.append(self._raise("alert.officer_down", b.pos[nc + k], unit=unit.id))
        self._down &= set(down.tolist())
        if w.breaches > self._breaches:
            breached = np.flatnonzero(w.crowd.breached[:nc] & (b.state[:nc] == BodyState.ACTIVE))
            at = b.pos[breached].mean(axis=0) if len(breached) else np.asarray(w.scenario.size) / 2
            new.append(self._raise("alert.breach", at, n=w.breaches - self._breaches))
            self._breaches = w.breaches
        for unit, load, hold in w.lines_held():
            if hold > 0 and load / hold >= LINE_NEAR and w.t - self._line_t.get(unit.id, -math.inf) >= LINE_AGAIN_S:
                self._line_t[unit.id] = w.t
                new.append(self._raise("alert.line_limit", unit_centre(w, unit), unit=unit.id,
                                       share=f"{100 * load / hold:.0f}"))
        while self._read < len(w.events):
            e = w.events[self._read]
            self._read += 1
            key = EVENT_ALERTS.get(e.kind)
            if key is not None:
                new.append(self._raise(key, self._where(e.detail), feed=False))  # the feed says it already
        return new

    def _where(self, detail: dict) -> np.ndarray:
        w = self.world
        fire = detail.get("fire")
        for f in w.fires:
            if f.id == fire:
                return np.asarray(f.pos, float)
        unit_id = detail.get("unit")
        for u in w.units:
            if u.id == unit_id:
                return unit_centre(w, u)
        for key in ("point", "pos", "at"):
            if isinstance(detail.get(key), list | tuple) and len(detail[key]) == 2:
                return np.asarray(detail[key], float)
        return np.asarray(w.scenario.size, float) / 2

    def _raise(self, key: str, at, feed: bool = True, **values) -> Alert:
        alert = Alert(self.world.t, key, (float(at[0]), float(at[1])))
        self.shown.append(alert)
        del self.shown[:-50]
        if feed:
            self.feed.add(self.world.t, key, "bad", at=alert.at, **values)
        else:
            self.feed.locate_latest(alert.at)
        return alert
