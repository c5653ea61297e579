"""Tim tangkap: a snatch team seizes one person and brings him back (stage 4, hard empty-hand
control).

When the order takes effect the team picks its man: the order's `person` if given, else the
crowd member on his feet nearest to the order's `point`; with a `role`, the nearest of that role
who is resisting (aktif or agresif): the order fails with none_resisting if there are people of
that role but none resists, with no_target if there are none.
The team jogs in as a wedge, its point man aimed at him; the wedge's slots may lead the officers
only a little (see `movement`), so in a dense crowd the team must push its way through and is
slower.
Once an officer has had his hands on the man for `SEIZE_S` (contact lost counts down again),
he is seized: marked `crowd.arrested`, held inside a ring of the team's officers (his own drive
replaced by their grip, see `teams`), and walked back to where the team stood. There he is
handed over and leaves the map (state ARRESTED).

The team goes out through its own lines and comes back through them: the line opens a gap for
it, which the simulation shows by letting the team's officers, and the man they hold, pass
through other officers (never through the crowd or walls) until the team stands home again.

The arrest fails, and the team walks back empty-handed, if the man is not seized within
`REACH_LIMIT_S` (not_reached, or not_held if hands were on him), if (picked by `role`) he stops resisting before he is seized
(stopped_resisting), if he goes down or leaves before that (target_lost), if an officer of the
team is knocked down during it (officer_down; the team goes out without officers already
down), if he tears free of the ring (slipped_away), or if the escort is held up for
`ESCORT_LIMIT_S` (stuck). Timeline: arrest_started, arrest_seized, arrest_completed or
arrest_failed (with `reason`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pymunk

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.navigation import goal_key_for_point
from sispam.sim.physics import Category, in_line_filter, shape_filter
from sispam.sim.police.command import Operation
from sispam.sim.police.formations import facing_vector
from sispam.sim.police.movement import LEAD_M, assign_slots
from sispam.sim.police.shields import set_passing
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
from sispam.sim.scenario import Role

if TYPE_CHECKING:
    from sispam.sim.world import World

# Speeds: the team jogs in (snatch squads go in fast to surprise their man, ~2.5 m/s) and walks
# him out at a brisk walk, about the 1.34 m/s of free walking (Weidmann 1993) slowed by a man who
# drags his feet.
JOG_MPS = 2.5
ESCORT_MPS = 1.0
RETURN_MPS = 1.6
SEIZE_S = 2.0  # hands on him this long to take him down and cuff him
REACH_LIMIT_S = 45.0  # a snatch that has not got its man by then is called off
ESCORT_LIMIT_S = 120.0
SLIP_M = 1.5  # further than this from the ring's centre: he has torn free
IN_LINE_M = 0.9  # within this of another unit's officer, a team member is inside that line
HOME_M = 1.0  # the ring's centre this close to where the team stood: he is handed over


def set_person_passing(world: World, i: int, passing: bool) -> None:
    """Let a held man pass through officers (the lines open for his escort), or stop it."""
    body = world._pymunk_bodies[i]
    if body is not None:
        for shape in body.shapes:
            shape.filter = shape_filter(Category.CROWD, passing)


class Arrest(Operation):
    """Seize one person and bring him back (see the module docstring).

    `issued.outcome`: result ("arrested" or "failed"), person, reason, seized_t, completed_t.
    """

    def start(self) -> None:
        w, u = self.world, self.unit
        rows = u.indices - w.bodies.n_crowd
        self.home = w.officers.target[rows].copy()
        self.home_centre = self.home.mean(axis=0)
        self.t0 = w.t
        self.seize_s = 0.0
        self.laid_hands = False  # hands on him at some moment (recorded as the order's touch)
        self._inside: dict[int, bool] = {}  # body index → inside another unit's line (see _open_lines)
        self.carry: Carry | None = None
        self.target: int | None = None
        self.home_goal: int | None = None  # the walking field home, once the team goes out
        self.target = self._choose()
        if self.target is None:
            return
        # Officers already down before this arrest stay behind; one more going down fails it.
        self.down_before = int((w.bodies.state[u.indices] == BodyState.DOWN).sum())
        w.lines.set_speed(u, JOG_MPS, LEAD_M)
        set_passing(w, u, True)
        self.returning = False
        to = w.bodies.pos[self.target]
        # Walking directions round walls and through gates: to where the man stood, and home.
        self.to_target = w.nav.goal_index(goal_key_for_point((float(to[0]), float(to[1]))))
        self.home_goal = w.nav.goal_index(goal_key_for_point((float(self.home_centre[0]), float(self.home_centre[1]))))
        self.shape = TeamShape(w, u, wedge_offsets(u), to, facing_deg(self.home_centre, to, u.facing_deg))
        self.issued.outcome = {"person": self.target}
        w.note("arrest_started", {"order_id": self.issued.id, "unit": u.id, "person": self.target})

    def _choose(self) -> int | None:
        """The man to arrest (None, and the order fails, if there is none)."""
        w, o = self.world, self.order
        b, c = w.bodies, w.crowd
        free = (b.state[: b.n_crowd] == BodyState.ACTIVE) & ~c.arrested & ~c.carried
        if o.person is not None:
            if 0 <= o.person < b.n_crowd and free[o.person]:
                return int(o.person)
            self._fail("no_target")
            return None
        if o.role is not None:
            try:
                free &= c.role == Crowd.ROLES.index(Role(o.role))
            except ValueError:
                self._fail("unknown_role")
                return None
        candidates = np.flatnonzero(free)
        if len(candidates) and o.role is not None:
            # Sent for a provocateur (say), the team leader picks one who is resisting (aktif or
            # agresif): seizing a calm one would be force his behaviour does not allow (Perkap
            # 1/2009). If none is, the team reports back without going in.
            candidates = candidates[c.behaviour(candidates) >= Behaviour.AKTIF]
            if len(candidates) == 0:
                self._fail("none_resisting")
                return None
        found = nearest(w, candidates, np.asarray(o.point, float))
        if found is None:
            self._fail("no_target")
        return found

    # --- stepping -------------------------------------------------------------------------

    def update(self) -> None:
        if self.done:
            return
        w, u = self.world, self.unit
        if self.returning:
            if w.lines.formed(u):
                w.officers.target[u.indices - w.bodies.n_crowd] = self.home_slots  # each on his own slot
                set_passing(w, u, False)
                self.done = True
                return
            self._steer_home()
        self._open_lines()
        if self.returning:
            return
        if (w.bodies.state[u.indices] == BodyState.DOWN).sum() > self.down_before or len(w.standing(u)) == 0:
            self._fail("officer_down")
        elif self.carry is None:
            assert self.target is not None  # chosen in start, or the order is done
            if (self.order.role is not None and w.bodies.state[self.target] == BodyState.ACTIVE
                    and w.crowd.behaviour(self.target) < Behaviour.AKTIF):
                self._fail("stopped_resisting")  # sent for a resister, the team lets a calmed man be
            else:
                self._approach()
        else:
            if w.bodies.state[self.target] not in (BodyState.ACTIVE, BodyState.INJURED):
                self._fail("target_lost")  # e.g. walked out through an exit zone while held
            elif self.carry.slipped(SLIP_M):
                self._fail("slipped_away")
            elif w.t - self.seized_t > ESCORT_LIMIT_S:
                self._fail("stuck")
            else:
                assert self.home_goal is not None  # set when the team went out
                self.carry.advance(toward(w, self.home_goal, self.carry.centre, self.home_centre)[0])
                if pmath.hypot(*(self.carry.centre - self.home_centre)) < HOME_M:
                    self._complete()

    def _open_lines(self) -> None:
        """Where the team (with its man) is inside another unit's line, the line opens round
        it: those of the team within `IN_LINE_M` of another unit's standing officer push no
        crowd member, so no bystander is squeezed through the line with them. A loop over the
        team's few officers."""
        w, u = self.world, self.unit
        b = w.bodies
        others = np.flatnonzero((b.state[b.n_crowd:] == BodyState.ACTIVE)
                                & (w.officers.unit != w.units.index(u))) + b.n_crowd
        people = list(u.indices) + ([self.target] if self.carry is not None else [])
        for i in people:
            body = w._pymunk_bodies[i]
            if body is None:
                continue
            inside = len(others) > 0 and float(pmath.hypot(*(b.pos[others] - b.pos[i]).T).min()) < IN_LINE_M
            if self._inside.get(i) == inside:
                continue
            self._inside[i] = inside
            category = Category.OFFICER if i >= b.n_crowd else Category.CROWD
            for shape in body.shapes:
                if isinstance(shape, pymunk.Circle):
                    shape.filter = in_line_filter(category) if inside else shape_filter(category, True)

    def _approach(self) -> None:
        w = self.world
        b = w.bodies
        if b.state[self.target] != BodyState.ACTIVE or w.crowd.arrested[self.target] or w.crowd.carried[self.target]:
            self._fail("target_lost")
            return
        if w.t - self.t0 > REACH_LIMIT_S:
            # Hands were on him (the force ladder shows the touch) but never long enough to seize
            # him, or the team never got to him.
            self._fail("not_held" if self.laid_hands else "not_reached")
            return
        lead = self.shape.lead()
        to, _ = toward(w, self.to_target, b.pos[lead], b.pos[self.target])
        facing = facing_deg(b.pos[lead], to, self.unit.facing_deg)
        reach = b.radius[lead] + b.radius[self.target]
        self.shape.place(to - reach * facing_vector(facing), facing)

    def must_finish(self) -> str | None:
        # A man seized is walked back and handed over before the team takes another order.
        return "escorting an arrested man back" if self.carry is not None and not self.done else None

    def add_forces(self, force: np.ndarray) -> None:
        if self.carry is not None and not self.done:
            self.carry.grip(force)

    def after_step(self) -> None:
        if self.done or self.carry is not None or self.returning:
            return
        assert self.target is not None  # chosen in start, or the order is done
        held = hands_on(self.world, self.unit, self.target, self.seize_s)
        if held > self.seize_s:
            self.touch(np.array([self.target]))
            self.laid_hands = True
        self.seize_s = held
        if self.seize_s >= SEIZE_S - 1e-9:
            self._seize()

    # --- phases ---------------------------------------------------------------------------

    def _seize(self) -> None:
        w, u = self.world, self.unit
        w.crowd.arrested[self.target] = True
        self.seized_t = w.t
        w.lines.set_speed(u, JOG_MPS, LEAD_M)  # slots keep up with the ring's centre
        assert self.target is not None  # chosen in start, or the order is done
        self.carry = Carry(w, u, self.target, ESCORT_MPS)
        set_person_passing(w, self.target, True)
        self.issued.outcome.update(seized_t=round(w.t, 3), seized_after_s=round(w.t - self.t0, 3))
        w.note("arrest_seized", {"order_id": self.issued.id, "unit": u.id, "person": self.target,
                                 "after_s": round(w.t - self.t0, 3)})

    def _complete(self) -> None:
        w = self.world
        assert self.target is not None  # chosen in start, or the order is done
        set_person_passing(w, self.target, False)
        remove_person(w, self.target, BodyState.ARRESTED)
        self.carry = None
        self.issued.outcome.update(result="arrested", completed_t=round(w.t, 3))
        w.note("arrest_completed", {"order_id": self.issued.id, "unit": self.unit.id, "person": self.target,
                                    "after_s": round(w.t - self.t0, 3)})
        self._go_home()

    def _fail(self, reason: str) -> None:
        w = self.world
        released = self.carry is not None  # he was held: he is let go, and no longer counts as arrested
        if self.carry is not None:
            w.crowd.arrested[self.target] = False
            assert self.target is not None  # chosen in start, or the order is done
            set_person_passing(w, self.target, False)
            self.carry = None
        self.issued.outcome.update(result="failed", reason=reason)
        w.note("arrest_failed", {"order_id": self.issued.id, "unit": self.unit.id, "person": self.target,
                                 "reason": reason, "after_s": round(w.t - self.t0, 3), "released": released})
        self._go_home()

    def _go_home(self) -> None:
        """Walk back to the slots the team stood on; the order is over once it stands there."""
        w, u = self.world, self.unit
        w.lines.set_speed(u, RETURN_MPS, LEAD_M)
        # Each man takes the home slot nearest to him: coming back in a huddle, they must not
        # have to walk through each other to the slots they left from.
        self.home_slots = self.home[assign_slots(w.bodies.pos[u.indices], self.home)]
        w.officers.target[u.indices - w.bodies.n_crowd] = self.home_slots
        self.returning = True
        self._steer_home()

    def _steer_home(self) -> None:
        """A man with a wall between himself and his home slot (the team outside the fence, home
        inside) walks the navigation field's way round it, through the gate, instead of pressing
        into the fence towards the slot: a team sat against the fence for two minutes."""
        w, u = self.world, self.unit
        if self.home_goal is None:  # it failed before it went out: it stands at home
            return
        rows = u.indices - w.bodies.n_crowd
        pos = w.bodies.pos[u.indices]
        standing = w.bodies.state[u.indices] == BodyState.ACTIVE
        w.officers.target[rows[~standing]] = self.home_slots[~standing]  # a man down is carried home by no one
        for k in np.flatnonzero(standing):  # a team's few officers
            w.officers.target[rows[k]] = toward(w, self.home_goal, pos[k], self.home_slots[k])[0]

    def stop(self) -> None:
        """Replaced by another order (or home): the team closes up with the lines again; a man
        still held is let go."""
        set_passing(self.world, self.unit, False)
        if self.carry is not None and not self.done:
            self.world.crowd.arrested[self.target] = False
            assert self.target is not None  # chosen in start, or the order is done
            set_person_passing(self.world, self.target, False)
            self.carry = None
            self.issued.outcome.update(result="failed", reason="cancelled")
            self.world.note("arrest_failed", {"order_id": self.issued.id, "unit": self.unit.id,
                                              "person": self.target, "reason": "cancelled", "released": True})
