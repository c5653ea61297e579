"""WATER_CANNON: the AWC sprays an aimed jet at a point for `duration_s` (default 10 s).

The monitor sits on the roof `NOZZLE_FORWARD_M` ahead of the vehicle's centre and turns all
round, so the vehicle stands where it is (see `vehicles`) and only the jet is aimed. The jet
is played over a cone of `CONE_HALF_ANGLE_DEG` = 10° around the line to the aim point, out to
`RANGE_M` = 30 m (riot monitors throw 50-65 m, but a jet breaks up and loses its push well
before: 30 m is the reach at which it still moves people).

Force: the jet's thrust is its momentum flux ρ·Q·v. A forward monitor of the WaWe 10000
delivers Q = 20 L/s (Wikipedia, "Water cannon"); at a nozzle pressure of 12.5 bar the jet
leaves at v = sqrt(2·Δp/ρ) = 50 m/s, so the thrust is `JET_THRUST_N` = 1,000 N. A person in
the jet at distance d is pushed away from the nozzle with F0·(1 − d/R)² (the jet breaks into
drops and spreads, and air drag takes its momentum; a model choice: full thrust at the nozzle,
nothing at the range). Momentum is conserved: when the jet covers several people, their forces
are scaled so that together they take at most the thrust F0 (the operator sweeps one jet over
them, he does not hit all at full power at once). Each person hit is soaked
(`crowd.soaked_s += dt`) and touched (force ladder); officers are never sprayed. Someone hit
turns his back to the jet and gets out of it: he flees along its push for `SOAKED_FLEE_S` (as
from tear gas, `crowd.flee`; a stone thrower in the jet throws nothing meanwhile).

Line of sight: the jet is stopped by solid obstacles (`sight.in_sight`): a person behind a wall
is not hit.
The vehicle's tank holds `vehicles.TANK_L` = 10,000 L (WaWe 10000): at 20 L/s it lasts 500 s
of spraying (no refilling yet); an empty tank ends the order. Everything is vectorised over the people in range.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.police.command import Operation
from sispam.sim.sight import in_sight
from sispam.sim.vehicles import Vehicle

RANGE_M = 30.0
CONE_HALF_ANGLE_DEG = 10.0
JET_THRUST_N = 1000.0
FLOW_L_PER_S = 20.0
NOZZLE_FORWARD_M = 1.5
DEFAULT_DURATION_S = 10.0
SOAKED_FLEE_S = 5.0  # as long as one flees tear gas after leaving it (gas.FLEE_HOLD_S)


def jet_forces(nozzle: np.ndarray, aim: np.ndarray, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which of the people at `pos` are in the cone (before line of sight), and the force on
    each ((k, 2), N, away from the nozzle) before the momentum cap."""
    to = pos - nozzle
    dist = pmath.hypot(to[:, 0], to[:, 1])
    axis = aim - nozzle
    axis = axis / max(float(pmath.hypot(*axis)), 1e-9)
    cos = pmath.dot2(to, axis) / np.maximum(dist, 1e-9)
    inside = (dist <= RANGE_M) & (cos >= pmath.cos(math.radians(CONE_HALF_ANGLE_DEG))) & (dist > 1e-6)
    mag = JET_THRUST_N * (1.0 - np.minimum(dist / RANGE_M, 1.0)) ** 2
    force = to / np.maximum(dist, 1e-9)[:, None] * mag[:, None]
    return inside, force


class WaterCannon(Operation):
    """Spray the aim point for the order's duration."""

    vehicle: Vehicle | None = None

    def start(self) -> None:
        w = self.world
        self.vehicle = w.vehicles.by_unit.get(self.unit.id)
        self.until = w.t + (DEFAULT_DURATION_S if self.order.duration_s is None else float(self.order.duration_s))
        self.litres = 0.0
        self.hit = np.zeros(w.bodies.n_crowd, bool)
        w.lines.stop(self.unit)
        if self.vehicle is None:
            self.issued.outcome = {"result": "no_vehicle"}
            self.done = True
            return
        v = self.vehicle
        v.unit.anchor = (float(v.body.position[0]), float(v.body.position[1]))  # stand and spray
        self.issued.outcome = {"result": "spraying"}

    def add_forces(self, force: np.ndarray) -> None:
        w, v = self.world, self.vehicle
        if v is None or self.done:
            return
        if w.t >= self.until - 1e-9 or v.water_l <= 0.0:
            return
        used = min(FLOW_L_PER_S * w.dt, v.water_l)
        v.water_l -= used
        self.litres += used
        b = w.bodies
        nozzle = v.point(NOZZLE_FORWARD_M)
        people = np.flatnonzero(b.state[: b.n_crowd] == BodyState.ACTIVE)
        if len(people) == 0:
            return
        inside, push = jet_forces(nozzle, np.asarray(self.order.point, float), b.pos[people])
        people, push = people[inside], push[inside]
        if len(people) == 0:
            return
        seen = in_sight(w.walls, nozzle, b.pos[people], b.radius[people] + 0.05)
        people, push = people[seen], push[seen]
        if len(people) == 0:
            return
        total = float(pmath.hypot(push[:, 0], push[:, 1]).sum())
        if total > JET_THRUST_N:
            push *= JET_THRUST_N / total
        force[people] += push
        c = w.crowd
        c.soaked_s[people] += w.dt
        c.flee_s[people] = np.maximum(c.flee_s[people], SOAKED_FLEE_S)
        c.flee[people] = push / np.maximum(pmath.hypot(push[:, 0], push[:, 1]), 1e-9)[:, None]
        self.hit[people] = True
        self.touch(people)

    def after_step(self) -> None:
        w = self.world
        if self.vehicle is None:
            return
        if w.t >= self.until - 1e-9 or self.vehicle.water_l <= 0.0:
            self.done = True
        self.issued.outcome = {"result": "sprayed" if self.done else "spraying",
                               "litres": round(self.litres, 1), "people_hit": int(self.hit.sum())}

