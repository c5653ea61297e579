"""EXTINGUISH: a Damkar team walks within hose reach of a fire and puts it out (see `fires`).

The order names a point; the team takes the burning fire nearest to it (within `FIND_RADIUS_M`),
forms up `STAND_OFF_M` short of it on the side it comes from, facing it, and plays its hose on
it while any of its standing crew is within `HOSE_REACH_M`: a 38 mm attack line throws a
useful stream about 15 m (a jet nozzle at 4-5 bar reaches 15-20 m). The fire goes out at the
rate in `fires.SUPPRESSION_KW_PER_S`. A crew on the scene then turns to the next fire burning
within `FOLLOW_ON_M` of the order's point (rioters light tyres next to each other; no fire
crew leaves one burning beside the one it just put out); the operation is done when none is
left there. Damkar touches nobody.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import pmath
from sispam.sim.fires import Fire
from sispam.sim.police.command import Operation
from sispam.sim.police.movement import DEFAULT_FORM_SPEED_MPS

HOSE_REACH_M = 15.0
STAND_OFF_M = 8.0
FIND_RADIUS_M = 10.0
FOLLOW_ON_M = 20.0


class Extinguish(Operation):
    """Put out the fire nearest to the order's point."""

    fire: Fire | None = None

    def start(self) -> None:
        fire = self._nearest_burning(FIND_RADIUS_M)
        if fire is None:
            self.issued.outcome = {"result": "no_fire"}
            self.done = True
            return
        self._attack(fire)

    def _nearest_burning(self, radius_m: float) -> Fire | None:
        point = self.order.point
        assert point is not None  # an extinguish order has a point (checked when given)
        near = [f for f in self.world.fires if f.burning and pmath.distance(f.pos, point) <= radius_m]
        return min(near, key=lambda f: pmath.distance(f.pos, point)) if near else None

    def _attack(self, fire: Fire) -> None:
        w, u = self.world, self.unit
        self.fire = fire
        fire_xy = np.asarray(self.fire.pos)
        here = w.bodies.pos[u.indices].mean(axis=0)
        away = here - fire_xy
        dist = float(pmath.hypot(*away))
        if dist > STAND_OFF_M:
            stand = fire_xy + away / dist * STAND_OFF_M
            u.anchor = (float(stand[0]), float(stand[1]))
            u.facing_deg = math.degrees(pmath.arctan2(-away[1], -away[0]))
            w.lines.set_speed(u, DEFAULT_FORM_SPEED_MPS)
            w.lines.reform(u)
        else:
            w.lines.stop(u)
        self.issued.outcome = {"result": "fighting", "fire": self.fire.id}

    def after_step(self) -> None:
        fire = self.fire
        if fire is None:
            return
        if not fire.burning:
            assert fire.t_out is not None  # not burning: out, at t_out
            self.issued.outcome = {"result": "extinguished", "fire": fire.id, "t_out": round(float(fire.t_out), 3)}
            follow_on = self._nearest_burning(FOLLOW_ON_M)
            if follow_on is None:
                self.done = True
            else:
                self._attack(follow_on)
            return
        b = self.world.bodies
        crew = self.world.standing(self.unit)
        if len(crew) and pmath.hypot(*(b.pos[crew] - np.asarray(fire.pos)).T).min() <= HOSE_REACH_M:
            fire.hoses += 1
