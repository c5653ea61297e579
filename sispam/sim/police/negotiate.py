"""Negosiator: walk up to a korlap and talk with him while the order lasts (stage 2, verbal).

The korlap (crowd role "korlap", the demonstrators' field coordinator and the police's
negotiation partner) is the order's `person` if he is a korlap free to talk (the trainee clicked
him), else the one nearest to the order's `point`, or to the unit. The negotiators
walk, side by side and through their own lines (they pass other officers, never the crowd),
to `STAND_M` in front of him, on his side facing the unit, and follow him if
he moves. While one of them is within `TALK_M` of him they talk: `crowd.negotiated_s` of the
korlap grows by the time talked (issue 4's mood model reads it) and every `REPORT_S` of talk
puts a "negotiation" event on the timeline. The order lasts until it is replaced, or for
`duration_s` of talk if the order gives one.

A korlap wants the talk: if the negotiators have not reached him `CALL_AFTER_S` after the
order (he stands deep in a packed crowd they may not push through), he is called forward and
presses through his own people to where they stand ("korlap_called"; see `Crowd.called`), and
on to where they have got to when, out of talking distance, they have moved more than `RECALL_M`
since his last call, at most every `RECALL_EVERY_S` (a call from behind the police line would
otherwise lead him along the line to where they started; each call plans a route over the whole
map, about 0.1-0.2 s, so calls stay few); when the talk ends or fails he goes back to his
crowd's goal.

Fails (negotiation_failed with `reason`): no korlap (no_korlap), no talk within `REACH_LIMIT_S`
(not_reached), the korlap arrested, hurt or gone (korlap_lost), a negotiator knocked down
(officer_down).
"""

from __future__ import annotations

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.navigation import goal_key_for_point
from sispam.sim.police.command import Operation
from sispam.sim.police.formations import slot_offsets
from sispam.sim.police.movement import LEAD_M
from sispam.sim.police.shields import set_passing
from sispam.sim.police.teams import TeamShape, facing_deg, nearest, surface_gap
from sispam.sim.scenario import Formation, Role

WALK_MPS = 1.3  # a calm walk: negotiators must not look like a snatch team
STAND_M = 1.2  # from the korlap's centre to the negotiators' line: face to face
# Talking distance: within about 2 m of a korlap (Hall's social distance begins at 1.2 m), in
# the noise of a crowd, two people can talk.
TALK_M = 2.0
REACH_LIMIT_S = 90.0
CALL_AFTER_S = 10.0
RECALL_M = 2.0
RECALL_EVERY_S = 5.0
REPORT_S = 5.0
_KORLAP = Crowd.ROLES.index(Role.KORLAP)


class Negotiate(Operation):
    """Talk with a korlap while the order lasts (see the module docstring).

    `issued.outcome`: korlap, talked_s, result ("talking", "done" or "failed"), reason.
    """

    def start(self) -> None:
        w, u, o = self.world, self.unit, self.order
        b, c = w.bodies, w.crowd
        self.t0 = w.t
        self.talked_s = 0.0
        self.reported_s = 0.0
        self.korlap: int | None = None
        here = b.pos[u.indices].mean(axis=0)
        free = (b.state[: b.n_crowd] == BodyState.ACTIVE) & (c.role == _KORLAP) & ~c.arrested
        where = np.asarray(o.point, float) if o.point is not None else here
        chosen = o.person is not None and 0 <= o.person < b.n_crowd and bool(free[o.person])
        self.korlap = o.person if chosen else nearest(w, np.flatnonzero(free), where)
        self.called_goal: int | None = None  # the route he was last called along ...
        self.called_at = np.zeros(2)  # ... to where the negotiators stood then ...
        self.called_t = 0.0  # ... at this time
        self.in_talk = False  # within talking distance at the last step
        if self.korlap is None:
            self._fail("no_korlap")
            return
        self.korlap_goal = int(c.goal[self.korlap])
        w.lines.set_speed(u, WALK_MPS, LEAD_M)
        set_passing(w, u, True)  # they step out through their own lines to the korlap, and back
        offsets = slot_offsets(Formation.BERSAF, u.count, u.spec.spacing_m, None)
        self.shape = TeamShape(w, u, offsets, here, facing_deg(here, b.pos[self.korlap], u.facing_deg))
        self.issued.outcome = {"korlap": self.korlap, "talked_s": 0.0}
        w.note("negotiation_started", {"order_id": self.issued.id, "unit": u.id, "korlap": self.korlap})

    def update(self) -> None:
        if self.done:
            return
        w, u = self.world, self.unit
        b = w.bodies
        if (b.state[u.indices] == BodyState.DOWN).any():
            self._fail("officer_down")
            return
        if b.state[self.korlap] != BodyState.ACTIVE or w.crowd.arrested[self.korlap]:
            self._fail("korlap_lost")
            return
        if self.talked_s == 0.0 and w.t - self.t0 > REACH_LIMIT_S:
            self._fail("not_reached")
            return
        k = b.pos[self.korlap]
        here = b.pos[w.standing(u)].mean(axis=0)
        if self.called_goal is None:
            if self.talked_s == 0.0 and w.t - self.t0 >= CALL_AFTER_S:
                self._call(here)
        elif (not self.in_talk and w.t - self.called_t >= RECALL_EVERY_S - 1e-9
              and pmath.hypot(*(here - self.called_at)) > RECALL_M and w.crowd.goal[self.korlap] == self.called_goal):
            self._call(here, again=True)
        to_us = np.radians(facing_deg(k, here, u.facing_deg + 180.0))
        stand = k + STAND_M * np.array([pmath.cos(to_us), pmath.sin(to_us)])
        self.shape.place(stand, facing_deg(stand, k, u.facing_deg))

    def after_step(self) -> None:
        if self.done:
            return
        w = self.world
        assert self.korlap is not None  # found in start, or the order is done
        near = surface_gap(w, w.standing(self.unit), self.korlap)
        self.in_talk = len(near) > 0 and near.min() <= TALK_M
        if not self.in_talk:
            return
        if self.talked_s == 0.0:
            self.touch(np.array([self.korlap]))
            w.note("negotiation_talking", {"order_id": self.issued.id, "unit": self.unit.id, "korlap": self.korlap,
                                           "after_s": round(w.t - self.t0, 3)})
        self.talked_s += w.dt
        w.crowd.negotiated_s[self.korlap] += w.dt
        self.issued.outcome.update(result="talking", talked_s=round(self.talked_s, 3))
        if self.talked_s - self.reported_s >= REPORT_S - 1e-9:
            self.reported_s = self.talked_s
            w.note("negotiation", {"order_id": self.issued.id, "unit": self.unit.id, "korlap": self.korlap,
                                   "talked_s": round(self.talked_s, 3)})
        if self.order.duration_s is not None and self.talked_s >= self.order.duration_s - 1e-9:
            self.issued.outcome["result"] = "done"
            w.note("negotiation_ended", {"order_id": self.issued.id, "unit": self.unit.id, "korlap": self.korlap,
                                         "talked_s": round(self.talked_s, 3)})
            w.lines.stop(self.unit)
            self._release()
            self.done = True

    def stop(self) -> None:
        if self.korlap is not None:
            self._release()

    def _call(self, where: np.ndarray, again: bool = False) -> None:
        """Call the korlap forward to the negotiators standing at `where` (`again`: they have
        walked on since the last call, which the timeline has already told)."""
        w = self.world
        point = (round(float(where[0])), round(float(where[1])))  # whole metres: calls share fields
        self.called_at = where.copy()
        self.called_t = w.t
        self.called_goal = w.nav.goal_index(goal_key_for_point(point))
        w.crowd.goal[self.korlap] = self.called_goal
        w.crowd.called[self.korlap] = True
        if not again:
            w.note("korlap_called", {"order_id": self.issued.id, "unit": self.unit.id, "korlap": self.korlap,
                                     "x": point[0], "y": point[1]})

    def _release(self) -> None:
        """Send a called korlap back to his crowd's goal (unless something else sent him on)."""
        c = self.world.crowd
        c.called[self.korlap] = False
        if self.called_goal is not None and c.goal[self.korlap] == self.called_goal:
            c.goal[self.korlap] = self.korlap_goal

    def _fail(self, reason: str) -> None:
        w = self.world
        self.issued.outcome.update(result="failed", reason=reason)
        w.note("negotiation_failed", {"order_id": self.issued.id, "unit": self.unit.id, "korlap": self.korlap,
                                      "reason": reason})
        w.lines.stop(self.unit)
        if self.korlap is not None:
            self._release()
        self.done = True
