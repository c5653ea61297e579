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
(`crowd.soaked_s += dt`) and touched (force ladder); officers are never sprayed.

Line of sight: the jet is stopped by solid obstacles. The ray from the nozzle to each person is
marched through the wall field (`world.walls`, 0.1 m cells) and a person behind a wall cell is
not hit.
The vehicle's tank holds `vehicles.TANK_L` = 10,000 L (WaWe 10000): at 20 L/s it lasts 500 s
of spraying (no refilling yet); an empty tank ends the order. Everything is vectorised over the people in range.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.navigation import WallField
from sispam.sim.police.command import Operation
from sispam.sim.vehicles import Vehicle

RANGE_M = 30.0
CONE_HALF_ANGLE_DEG = 10.0
JET_THRUST_N = 1000.0
FLOW_L_PER_S = 20.0
NOZZLE_FORWARD_M = 1.5
DEFAULT_DURATION_S = 10.0


def blocked_at(walls: WallField, xy: np.ndarray) -> np.ndarray:
    """Which points lie in a wall cell (a cell whose nearest wall cell is itself)."""
    g = walls.grid
    iy, ix = g.cell_of(xy)
    return ((np.abs(walls.wall_x[iy, ix] - (ix + 0.5) * g.cell) < 0.25 * g.cell)
            & (np.abs(walls.wall_y[iy, ix] - (iy + 0.5) * g.cell) < 0.25 * g.cell))


def in_sight(walls: WallField, origin: np.ndarray, targets: np.ndarray, stop_short_m: float | np.ndarray) -> np.ndarray:
    """Which targets a straight line from `origin` reaches without crossing a wall cell, up to
    `stop_short_m` before each target.

    The rays are marched all at once by sphere tracing: each step goes as far as the distance to
    the nearest wall cell allows (at least one wall cell), so rays over open ground take a few
    steps and only rays that graze walls take many.
    """
    cell = walls.grid.cell
    to = targets - origin
    dist = np.hypot(to[:, 0], to[:, 1])
    unit = to / np.maximum(dist, 1e-9)[:, None]
    end = dist - stop_short_m
    seen = np.ones(len(targets), bool)
    s = np.zeros(len(targets))
    ray = np.flatnonzero(end > 0)
    while len(ray):
        p = origin + unit[ray] * s[ray, None]
        blocked = blocked_at(walls, p)
        seen[ray[blocked]] = False
        gap, _, _ = walls.wall_gap(p)
        # The field gives the wall cell nearest to the point's cell: the wall may be up to 0.71
        # cell nearer the point, and its corner 0.71 cell nearer than its centre (gap counts 0.5).
        s[ray] += np.maximum(gap - 1.0 * cell, cell)
        ray = ray[~blocked & (s[ray] < end[ray])]
    return seen


def jet_forces(nozzle: np.ndarray, aim: np.ndarray, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which of the people at `pos` are in the cone (before line of sight), and the force on
    each ((k, 2), N, away from the nozzle) before the momentum cap."""
    to = pos - nozzle
    dist = np.hypot(to[:, 0], to[:, 1])
    axis = aim - nozzle
    axis = axis / max(float(np.hypot(*axis)), 1e-9)
    cos = (to @ axis) / np.maximum(dist, 1e-9)
    inside = (dist <= RANGE_M) & (cos >= math.cos(math.radians(CONE_HALF_ANGLE_DEG))) & (dist > 1e-6)
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
        total = float(np.hypot(push[:, 0], push[:, 1]).sum())
        if total > JET_THRUST_N:
            push *= JET_THRUST_N / total
        force[people] += push
        w.crowd.soaked_s[people] += w.dt
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

