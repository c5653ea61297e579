"""Lapis ganti and lintas ganti: a fresh unit takes over a line without opening a gap.

Doctrine (Perkap 16/2006 Pasal 1; Perkap 8/2010 for lintas ganti; domain.md §1.2-1.3): Dalmas
Lanjut relieves Dalmas Awal (lapis ganti), Brimob PHH relieves a Dalmas unit (lintas ganti),
and the line in front of the crowd never opens. The two differ in who passes through whom:

* **lapis ganti** (a new layer): the relieving unit forms a bersaf line directly behind the
  relieved one (`GAP_M` between the relieved rear rank and the new front rank): *forming*; then
  the relieved officers pass back through it (their bodies and shields collide with no police,
  only with the crowd and walls) to a line `BEHIND_M` behind it, while the relieving line steps
  forward into the old front position: *passing*; when every standing relieved officer is
  `CLEAR_M` behind the relieving line's rear, collisions go back to normal: *complete*.
* **lintas ganti** (crossing): Brimob forms behind the Dalmas line the same way, then passes
  *forward through* it (now Brimob collides with no police) and takes the front position while
  the Dalmas line stands fast and keeps the crowd off: *passing*; once Brimob stands formed in
  front, the Dalmas unit withdraws `BEHIND_M` behind Brimob's rear, still passing Brimob's
  ranks: *withdrawing*; when it is clear, collisions go back to normal: *complete*. The Dalmas
  line holds the crowd until the moment Brimob has it.

Each phase goes on the timeline ("handover_forming", "handover_passing", "handover_withdrawing",
"handover_complete") and into `issued.outcome["phases"]` with its time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sispam.sim import pmath
from sispam.sim.police.command import Operation
from sispam.sim.police.formations import facing_vector
from sispam.sim.police.movement import DEFAULT_FORM_SPEED_MPS, FORMED_TOLERANCE_M, LEAD_M
from sispam.sim.police.orders import OrderKind
from sispam.sim.police.shields import set_passing
from sispam.sim.scenario import Formation, UnitType

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit

GAP_M = 0.9  # from the relieved rear rank to the relieving front rank (centre to centre)
BEHIND_M = 2.0  # the relieved front rank ends this far behind the relieving rear rank
CLEAR_M = 0.9  # a relieved officer this far behind the relieving rear rank is through
PASS_SPEED_MPS = 1.0  # officers walk back through the line
STEP_SPEED_MPS = 0.5  # the relieving line steps forward at a slow walk

RELIEVES = {
    UnitType.DALMAS_LANJUT: frozenset({UnitType.DALMAS_AWAL}),
    UnitType.BRIMOB_PHH: frozenset({UnitType.DALMAS_AWAL, UnitType.DALMAS_LANJUT}),
}


def depth_m(unit: Unit) -> float:
    """Distance from the front rank to the rear rank of a unit's formation."""
    ranks = unit.ranks if unit.formation is Formation.BERSAF else 1
    return (max(1, ranks) - 1) * unit.rank_spacing_m


class Handover(Operation):
    """Lapis ganti or lintas ganti, run by the relieving unit (`order.relieve` names the other)."""

    def start(self) -> None:
        w, u = self.world, self.unit
        assert self.order.relieve is not None  # a handover names the unit it relieves (checked when given)
        self.relieved = w.command.unit(self.order.relieve)
        r = self.relieved
        self.phase = "refused"
        if r.type not in RELIEVES[u.type]:
            self.issued.outcome = {"refused": f"a {u.type} unit does not relieve a {r.type} unit"}
            self.done = True
            return
        if not r.arrived:
            self.issued.outcome = {"refused": f"unit '{r.id}' is not on the map"}
            self.done = True
            return
        # The relieved unit now moves as the hand-over says: its own order ends.
        w.command.end(r.id)
        w.lines.stop(r)
        w.lines.set_hold(r, 1.0)
        r.shields_up = False
        self.fwd = facing_vector(r.facing_deg)
        self.front = np.asarray(r.anchor, float)
        u.facing_deg, u.width_m, u.formation = r.facing_deg, r.width_m, Formation.BERSAF
        u.anchor = tuple(self.front - self.fwd * (depth_m(r) + GAP_M))
        w.lines.set_hold(u, 1.0)
        w.lines.set_speed(u, DEFAULT_FORM_SPEED_MPS)
        w.lines.reform(u)
        w.formation_changed(u)
        self.issued.outcome = {"relieved": r.id, "phases": []}
        self._phase("forming")

    def _phase(self, name: str) -> None:
        self.phase = name
        self.issued.outcome["phases"].append({"phase": name, "t": round(self.world.t, 3)})
        kind = "handover_complete" if name == "complete" else f"handover_{name}"
        self.world.note(kind, {"order_id": self.issued.id, "unit": self.unit.id, "relieved": self.relieved.id})

    @property
    def crossing(self) -> bool:
        """Lintas ganti: the relieving unit passes forward through the relieved line."""
        return self.order.kind is OrderKind.LINTAS_GANTI

    def _withdraw_relieved(self) -> None:
        """The relieved line goes to `BEHIND_M` behind the relieving line's rear."""
        w, u, r = self.world, self.unit, self.relieved
        r.anchor = tuple(self.front - self.fwd * (depth_m(u) + BEHIND_M))
        w.lines.set_speed(r, PASS_SPEED_MPS)
        w.lines.reform(r)
        w.formation_changed(r)

    def after_step(self) -> None:
        w, u, r = self.world, self.unit, self.relieved
        passing = u if self.crossing else r
        if self.phase == "forming" and w.lines.formed(u):
            set_passing(w, passing, True)
            if not self.crossing:
                self._withdraw_relieved()
            w.lines.set_speed(u, STEP_SPEED_MPS, LEAD_M)
            w.lines.shift(u, self.front - np.asarray(u.anchor))
            self._phase("passing")
        elif self.phase == "passing" and self.crossing:
            self.touch(w.crowd_touching(u))
            if self._in_front():  # Brimob stands in front: now the Dalmas line may go
                self._withdraw_relieved()
                self._phase("withdrawing")
        elif self.phase in ("passing", "withdrawing"):
            self.touch(w.crowd_touching(u))
            if self._through():
                set_passing(w, passing, False)
                self._phase("complete")
        elif self.phase == "complete":
            # The relieving line finishes its step forward (or stands where the crowd stops it).
            self.touch(w.crowd_touching(u))
            self.done = w.lines.formed(u)

    def _in_front(self) -> bool:
        """The relieving line has come forward as far as it can: every slot within
        `FORMED_TOLERANCE_M` of the front (a pressing crowd may keep it a hand's breadth short)."""
        w, u = self.world, self.unit
        rows = u.indices - w.bodies.n_crowd
        to_go = pmath.hypot(*(w.officers.target[rows] - w.officers.slot[rows]).T)
        return bool(to_go.max() < FORMED_TOLERANCE_M)

    def _through(self) -> bool:
        """Every standing relieved officer is clear behind the relieving line."""
        b = self.world.bodies
        mine = self.world.standing(self.unit)
        theirs = self.world.standing(self.relieved)
        if len(mine) == 0 or len(theirs) == 0:
            return True
        rear = float(pmath.dot2(b.pos[mine], self.fwd).min())
        return bool(pmath.dot2(b.pos[theirs], self.fwd).max() < rear - CLEAR_M)

    def involves(self) -> tuple[str, ...]:
        return (self.relieved.id,) if self.phase in ("forming", "passing", "withdrawing", "complete") else ()

    def stop(self) -> None:
        # Cut short by another order (to either unit): nobody is left walking through anybody.
        if self.phase in ("passing", "withdrawing"):
            set_passing(self.world, self.unit if self.crossing else self.relieved, False)
