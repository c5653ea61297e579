"""Medics (ambulance unit) carry a casualty to the ambulance point (stage 1: no force).

The casualty is the order's `person` if given, else the injured crowd member nearest to the
order's `point` (or to the unit). The medics walk to him in a small wedge along the navigation
field (so they go round walls), kneel by him for `PICKUP_S` (contact lost counts down again),
then carry him in a ring at stretcher pace to the nearest ambulance zone of the level (nearest
by walking distance); once he is inside it he is loaded and leaves the map (state EVACUATED).
The medics then stand at the ambulance point.

Fails (timeline evacuation_failed with `reason`): no casualty or no ambulance zone, the casualty
gone before pick-up (casualty_lost), not reached within `REACH_LIMIT_S` (not_reached), a medic
knocked down (officer_down), the carry held up for `CARRY_LIMIT_S` (stuck). Timeline:
evacuation_started, evacuation_picked_up, evacuation_completed.
"""

from __future__ import annotations

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.geometry import points_in_shape, shape_bounds
from sispam.sim.navigation import goal_key_for_point
from sispam.sim.police.command import Operation
from sispam.sim.police.formations import facing_vector
from sispam.sim.police.movement import LEAD_M
from sispam.sim.police.teams import (
    Carry,
    TeamShape,
    facing_deg,
    hands_on,
    nearest,
    remove_person,
    toward,
    wedge_offsets,
)
from sispam.sim.scenario import Zone, ZoneRole

# Medics hurry to a casualty at a fast walk; four-to-six bearers carry a stretcher at about
# 1 m/s on clear ground, three in a crowd go slower.
MEDIC_MPS = 2.0
CARRY_MPS = 0.8
PICKUP_S = 5.0  # check him, put him on the stretcher
REACH_LIMIT_S = 90.0
CARRY_LIMIT_S = 180.0
SLIP_M = 1.5


class Evacuate(Operation):
    """Carry a casualty to the ambulance point (see the module docstring).

    `issued.outcome`: result ("evacuated" or "failed"), person, zone, reason, picked_up_t,
    completed_t.
    """

    def start(self) -> None:
        w, u = self.world, self.unit
        self.t0 = w.t
        self.contact_s = 0.0
        self.carry: Carry | None = None
        self.person: int | None = None
        self.person = self._choose()
        if self.person is None:
            return
        zone = self._ambulance_zone()
        if zone is None:
            return
        self.zone = zone
        self.zone_goal = w.nav.goal_index(("zone", zone.id))
        at = w.bodies.pos[self.person]
        self.to_person = w.nav.goal_index(goal_key_for_point((float(at[0]), float(at[1]))))
        w.lines.set_speed(u, MEDIC_MPS, LEAD_M)
        here = w.bodies.pos[u.indices].mean(axis=0)
        to = w.bodies.pos[self.person]
        self.shape = TeamShape(w, u, wedge_offsets(u), here, facing_deg(here, to, u.facing_deg))
        self.issued.outcome = {"person": self.person, "zone": zone.id}
        w.note("evacuation_started", {"order_id": self.issued.id, "unit": u.id, "person": self.person,
                                      "zone": zone.id})

    def _choose(self) -> int | None:
        w, o = self.world, self.order
        b, c = w.bodies, w.crowd
        hurt = (b.state[: b.n_crowd] == BodyState.INJURED) & ~c.carried
        if o.person is not None:
            if 0 <= o.person < b.n_crowd and hurt[o.person]:
                return int(o.person)
            self._fail("no_casualty")
            return None
        where = np.asarray(o.point, float) if o.point is not None else b.pos[self.unit.indices].mean(axis=0)
        found = nearest(w, np.flatnonzero(hurt), where)
        if found is None:
            self._fail("no_casualty")
        return found

    def _ambulance_zone(self) -> Zone | None:
        w = self.world
        zones = [z for z in w.scenario.zones if z.role is ZoneRole.AMBULANCE]
        if not zones:
            self._fail("no_ambulance_point")
            return None
        at = w.bodies.pos[self.person]
        walk = [float(w.nav.distance_at(w.nav.goal_index(("zone", z.id)), at)[0]) for z in zones]
        return zones[int(np.argmin(walk))]

    # --- stepping -------------------------------------------------------------------------

    def update(self) -> None:
        if self.done:
            return
        w = self.world
        b = w.bodies
        if (b.state[self.unit.indices] == BodyState.DOWN).any():
            self._fail("officer_down")
        elif self.carry is None:
            if b.state[self.person] != BodyState.INJURED or w.crowd.carried[self.person]:
                self._fail("casualty_lost")
            elif w.t - self.t0 > REACH_LIMIT_S:
                self._fail("not_reached")
            else:
                self._approach()
        elif self.carry.slipped(SLIP_M):
            self._fail("dropped")
        elif w.t - self.picked_t > CARRY_LIMIT_S:
            self._fail("stuck")
        else:
            # Towards the zone's middle (the walking directions end at its edge).
            x0, y0, x1, y1 = shape_bounds(self.zone.shape)
            ahead, _ = toward(w, self.zone_goal, self.carry.centre, np.array(((x0 + x1) / 2, (y0 + y1) / 2)))
            self.carry.advance(ahead)
            if points_in_shape(b.pos[self.person][None], self.zone.shape)[0]:
                self._complete()

    def _approach(self) -> None:
        w = self.world
        b = w.bodies
        lead = self.shape.lead()
        to, straight = toward(w, self.to_person, b.pos[lead], b.pos[self.person])
        facing = facing_deg(b.pos[lead], to, self.unit.facing_deg)
        reach = b.radius[lead] + b.radius[self.person] if straight else 0.0
        self.shape.place(to - reach * facing_vector(facing), facing)

    def add_forces(self, force: np.ndarray) -> None:
        if self.carry is not None and not self.done:
            self.carry.grip(force)

    def after_step(self) -> None:
        if self.done or self.carry is not None:
            return
        assert self.person is not None  # chosen in start, or the order is done
        self.contact_s = hands_on(self.world, self.unit, self.person, self.contact_s)
        if self.contact_s >= PICKUP_S - 1e-9:
            self._pick_up()

    # --- phases ---------------------------------------------------------------------------

    def _pick_up(self) -> None:
        w, u = self.world, self.unit
        w.crowd.carried[self.person] = True
        self.picked_t = w.t
        assert self.person is not None  # chosen in start, or the order is done
        self.carry = Carry(w, u, self.person, CARRY_MPS)
        self.issued.outcome.update(picked_up_t=round(w.t, 3))
        w.note("evacuation_picked_up", {"order_id": self.issued.id, "unit": u.id, "person": self.person,
                                        "after_s": round(w.t - self.t0, 3)})

    def _complete(self) -> None:
        w = self.world
        assert self.person is not None  # chosen in start, or the order is done
        remove_person(w, self.person, BodyState.EVACUATED)
        w.crowd.carried[self.person] = False
        self.carry = None
        self.issued.outcome.update(result="evacuated", completed_t=round(w.t, 3))
        w.note("evacuation_completed", {"order_id": self.issued.id, "unit": self.unit.id, "person": self.person,
                                        "zone": self.zone.id, "after_s": round(w.t - self.t0, 3)})
        self._end()

    def _fail(self, reason: str) -> None:
        w = self.world
        if self.carry is not None:
            w.crowd.carried[self.person] = False
            self.carry = None
        self.issued.outcome.update(result="failed", reason=reason)
        w.note("evacuation_failed", {"order_id": self.issued.id, "unit": self.unit.id, "person": self.person,
                                     "reason": reason})
        self._end()

    def _end(self) -> None:
        self.world.lines.stop(self.unit)
        self.done = True

    def stop(self) -> None:
        """Replaced by another order while carrying him: they set him down."""
        if self.carry is not None and not self.done:
            self.world.crowd.carried[self.person] = False
            self.carry = None
            self.issued.outcome.update(result="failed", reason="cancelled")
            self.world.note("evacuation_failed", {"order_id": self.issued.id, "unit": self.unit.id,
                                                  "person": self.person, "reason": "cancelled"})
