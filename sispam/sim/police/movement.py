"""How units move: new slots assigned to officers, slots walking to their targets, and the
orders that do nothing but move a line (form up, hold, brace, berlindung, desak, dorong, fall
back).

A new formation is a new set of slots. Which officer takes which slot is an assignment problem:
the one that minimises the sum of squared walking distances (Hungarian method), so a line that
re-forms never has officers crossing through each other, and a line that shifts sideways
shifts, instead of the officer on the left end running to the right end.

Moving is physical: each step every slot walks `speed_mps · dt` towards its target, the officer
follows it on his bounded spring, and a slot never runs more than `lead_m` ahead of its officer.
A line advancing into a crowd therefore advances only as far as its officers can push, each with
at most his hold force, and a line that is pushed back is pushed back.

A line that pushes or withdraws as a whole (`shift`: dorong, desak, fall back) keeps its
dressing: its slots move together, no further than `lead_m` ahead of its hardest-pressed
standing officer along the direction of the move. A Danton calls the pace and the line steps
together (drill: "dorong!" at each step), so where the crowd gives way the men there do not run
on and open the line, which would let people through between them and leave the few ahead
carrying the load alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.police.command import Operation
from sispam.sim.police.formations import RANK_SPACING_M, facing_vector
from sispam.sim.police.ladder import allowed_stages
from sispam.sim.police.officers import Unit
from sispam.sim.police.orders import LINE_UNITS
from sispam.sim.scenario import Formation, UnitType

if TYPE_CHECKING:
    from sispam.sim.world import World

# Walking speeds of a slot (m/s). A unit forming up jogs; desak is a slow, steady press, dorong
# a push at walking pace (drill videos: a shield line pushes a step at a time, about a metre
# per two to four seconds); falling back is done at a walk, facing the crowd.
FORM_SPEED_MPS = {UnitType.RAIMAS: 3.0, UnitType.WATER_CANNON: 1.5}
DEFAULT_FORM_SPEED_MPS = 1.6
DESAK_SPEED_MPS = 0.25
DORONG_SPEED_MPS = 0.6
# Under load a pushing line walks slower than its slots' speed: it keeps its dressing, paced by its
# hardest-pressed officer (see `_keep_dressing`). Measured in tests/sim/test_push_orders.py (250 people
# at agitation 0.4 pressing two ranks of Dalmas Lanjut): dorong advances about 0.3 m/s (4 m in 12 s),
# desak its full 0.25 m/s (16 s); against 600 people dorong 1.6 m in 18 s, desak 0.6 m.
FALL_BACK_SPEED_MPS = 1.0
BRACE_SPEED_MPS = 0.5
# How far a slot may run ahead of its officer: a push carries at most the hold force (reached
# OFFICER_SLOT_STIFF_AT_M = 0.25 m from the slot); desak keeps the slots closer, so the line
# presses with less than its full strength and stays straight.
LEAD_M = 0.5
DESAK_LEAD_M = 0.3
# Hold force factors: bracing officers lean into the load with their legs set; pushing officers
# throw their weight into it; behind raised shields officers crouch and hold.
BRACE_HOLD = 1.4
DORONG_HOLD = 1.3
DESAK_HOLD = 1.15
BERLINDUNG_HOLD = 1.2
BRACE_RANK_SPACING_M = 0.52  # closed up: rear and front men touch (two 0.26 m shield officers)
DEFAULT_PUSH_M = 5.0
DEFAULT_FALL_BACK_M = 10.0
PRESS_STAGE = 3  # a line walking into people presses them: desak's stage (Perkap 1/2009 tahap 3)
PRESSING_MPS = 0.05  # slots moving forward at least this fast (mean) are walking into the crowd
FORMED_TOLERANCE_M = 0.35  # every officer this close to his target: the unit is formed
# Closing ranks: a slot a rank back (at least 0.3 m) costs more than any step a man could take
# to fill a front one (squared metres, as the walking cost), and the men step in at a brisk walk.
REAR_SLOT_COST_PER_M = 300.0
CLOSE_UP_MPS = 1.0


def assign_slots(current: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Permutation `p` such that officer k takes `slots[p[k]]`, minimising the sum of squared
    distances from `current` (Hungarian method)."""
    cost = ((current[:, None, :] - slots[None, :, :]) ** 2).sum(axis=2)
    rows, cols = linear_sum_assignment(cost)
    perm = np.empty(len(current), np.int64)
    perm[rows] = cols
    return perm


class Lines:
    """Moves every unit's slots; the arrays live in the world's `Officers`."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._dressed: set[int] = set()  # ids of units whose slots move together (see `shift`)

    def set_speed(self, unit: Unit, speed_mps: float, lead_m: float = LEAD_M) -> None:
        """How fast a unit's slots walk, and how far they may lead their officers."""
        rows = unit.indices - self.world.bodies.n_crowd
        o = self.world.officers
        o.speed_mps[rows] = speed_mps
        o.lead_m[rows] = lead_m

    def set_hold(self, unit: Unit, factor: float) -> None:
        """Scale a unit's hold force (fatigue still applies, see `Officers.tire`)."""
        rows = unit.indices - self.world.bodies.n_crowd
        self.world.officers.hold_factor[rows] = factor

    def reform(self, unit: Unit) -> None:
        """Give a unit the slots of its (changed) formation, anchor, facing or width,
        assigned to its officers so that they walk the least. Officers who are down keep no
        slot in it: the formation is made of those on their feet (and those still to come)."""
        w = self.world
        rows = unit.indices - w.bodies.n_crowd
        state = w.bodies.state[unit.indices]
        up = state != BodyState.DOWN
        if not up.any():
            return
        slots = unit.slots(int(up.sum()))
        here = np.where((state == BodyState.WAITING)[:, None], w.officers.slot[rows], w.bodies.pos[unit.indices])
        w.officers.target[rows[up]] = slots[assign_slots(here[up], slots)]
        self._dressed.discard(id(unit))

    def close_ranks(self, unit: Unit) -> bool:
        """Rapatkan barisan: an officer of a line has fallen, and the men on their feet fill the
        front again: each front slot is taken before any rear one (`REAR_SLOT_COST_PER_M` per
        metre back), each man walking the least, so the man behind the gap steps into it and the rest
        stay where they are (Dalmas drill). A line that is pushing or falling back goes on doing
        so. Only bersaf lines close up: a rope or linked arms are broken by a fall (`cordon`),
        and teams and vehicles are no line. Returns whether the unit closed up."""
        if unit.formation is not Formation.BERSAF:
            return False
        w = self.world
        rows = unit.indices - w.bodies.n_crowd
        up = w.bodies.state[unit.indices] == BodyState.ACTIVE
        if not up.any():
            return False
        o = w.officers
        # The line's full slots where it is going (a push's or withdrawal's end), front rank first.
        slots = unit.slots()
        back_m = pmath.dot2(np.asarray(unit.anchor) - slots, unit.facing_vector())  # 0 on the front rank
        here = w.bodies.pos[unit.indices[up]]
        cost = ((here[:, None, :] - slots[None, :, :]) ** 2).sum(axis=2) + REAR_SLOT_COST_PER_M * back_m[None, :]
        taken, slot = linear_sum_assignment(cost)
        o.target[rows[up][taken]] = slots[slot]
        if id(unit) not in self._dressed:
            self.set_speed(unit, CLOSE_UP_MPS)
        return True

    def shift(self, unit: Unit, offset: np.ndarray) -> None:
        """Move a unit's targets and anchor by `offset` (a push or a withdrawal: no one changes
        place in the line)."""
        rows = unit.indices - self.world.bodies.n_crowd
        o = self.world.officers
        o.target[rows] = o.slot[rows] + offset
        unit.anchor = (unit.anchor[0] + float(offset[0]), unit.anchor[1] + float(offset[1]))
        self._dressed.add(id(unit))

    def stop(self, unit: Unit) -> None:
        """Stand where the slots are now."""
        rows = unit.indices - self.world.bodies.n_crowd
        o = self.world.officers
        o.target[rows] = o.slot[rows]
        self._dressed.discard(id(unit))

    def formed(self, unit: Unit) -> bool:
        """Every slot at its target and every standing officer on his slot."""
        w = self.world
        rows = unit.indices - w.bodies.n_crowd
        o = w.officers
        standing = w.bodies.state[unit.indices] == BodyState.ACTIVE
        at_target = pmath.hypot(*(o.target[rows] - o.slot[rows]).T) < 1e-6
        on_slot = pmath.hypot(*(w.bodies.pos[unit.indices] - o.target[rows]).T) < FORMED_TOLERANCE_M
        # A vehicle unit (the water cannon, crew aboard) is formed when its vehicle stands there.
        vehicle = w.vehicles.by_unit.get(unit.id)
        if vehicle is not None and not vehicle.standing_at(unit.anchor, unit.facing_deg, FORMED_TOLERANCE_M):
            return False
        return bool(at_target.all() and (on_slot | ~standing).all())

    def advance(self, dt: float) -> None:
        """Walk every slot towards its target (all officers at once)."""
        w = self.world
        o, b = w.officers, w.bodies
        pos = b.pos[b.n_crowd:]
        state = b.state[b.n_crowd:]
        to_go = o.target - o.slot
        dist = pmath.hypot(to_go[:, 0], to_go[:, 1])
        moving = dist > 1e-9
        step = np.minimum(dist, o.speed_mps * dt)
        new = o.slot + to_go * np.where(moving, step / np.maximum(dist, 1e-9), 0.0)[:, None]
        # A slot leads its officer by at most lead_m; one that is not yet on the map is simply there.
        lag = new - pos
        lag_len = pmath.hypot(lag[:, 0], lag[:, 1])
        held = moving & (state == BodyState.ACTIVE) & (lag_len > o.lead_m)
        new[held] = pos[held] + lag[held] * (o.lead_m[held] / lag_len[held])[:, None]
        for unit in w.units:  # a few units, not per officer
            if id(unit) in self._dressed:
                self._keep_dressing(unit, new, to_go, dist, dt)
        waiting = state == BodyState.WAITING
        new[waiting] = o.target[waiting]
        o.slot_vel[:] = np.where(waiting[:, None], 0.0, (new - o.slot) / dt)
        o.slot[:] = new


    def _keep_dressing(self, unit: Unit, new: np.ndarray, to_go: np.ndarray, dist: np.ndarray, dt: float) -> None:
        """Move a shifted unit's slots (which all share one offset to their targets) by one
        common step: at most speed · dt, and no slot more than lead_m ahead of its officer
        along the move, counting only standing officers."""
        w = self.world
        rows = unit.indices - w.bodies.n_crowd
        if dist[rows].max() <= 1e-9:
            return
        o = w.officers
        k = rows[np.argmax(dist[rows])]
        along = to_go[k] / dist[k]
        standing = w.bodies.state[unit.indices] == BodyState.ACTIVE
        step = min(float(dist[k]), float(o.speed_mps[k]) * dt)
        if standing.any():
            ahead = pmath.dot2(o.slot[rows][standing] - w.bodies.pos[unit.indices][standing], along)
            step = min(step, float(o.lead_m[k] - ahead.max()))
        new[rows] = o.slot[rows] + along * max(step, 0.0)


# --- operations that only move a line -------------------------------------------------------


class Move(Operation):
    """Base of the movement orders: done once the unit stands formed at its targets.

    A line that walks forward into people presses them, whatever the order was called: while
    a FORM moves its slots forward and its officers touch the crowd, that is logged on the force
    ladder as a press at desak's stage (`PRESS_STAGE`), not at the order's own stage 1. (Brace
    only closes the rear ranks up, and a fall-back never advances.)
    """

    KEEPS_LINE = True

    KEEP_STANCE = True  # after the move the unit keeps the order's stance (brace, berlindung)
    MAY_PRESS = False  # the order can walk the line forward into people (see `_pressing`)

    def update(self) -> None:
        pass

    def after_step(self) -> None:
        self._pressing()
        if self.world.lines.formed(self.unit):
            self.done = True
            if not self.KEEP_STANCE:
                self.stance()
            self.world.note("unit_formed", {"order_id": self.issued.id, "unit": self.unit.id,
                                            "order": str(self.order.kind)})

    def _pressing(self) -> None:
        w, u = self.world, self.unit
        if not self.MAY_PRESS or u.type not in LINE_UNITS:  # a negotiator or a medic walks among people, presses nobody
            return
        rows = u.indices - w.bodies.n_crowd
        forward = float(pmath.dot2(w.officers.slot_vel[rows], facing_vector(u.facing_deg)).mean())
        if forward > PRESSING_MPS:
            pressed = w.crowd_touching(u)
            if len(pressed):
                # Recorded under the order's own name (what the replay's audit accepts and the
                # debrief translates); its stage, desak's, says that the line pressed people.
                w.ladder.touch(w.t, self.issued.id, u.id, str(self.order.kind), PRESS_STAGE,
                               pressed, w.crowd.behaviour(pressed), allowed_stages(w.crowd, pressed, w.t))

    def stance(self, hold: float = 1.0, shields_up: bool = False, rank_spacing: float = RANK_SPACING_M) -> None:
        """Set the unit's hold factor, shields and rank spacing for this order."""
        self.world.lines.set_hold(self.unit, hold)
        self.unit.shields_up = shields_up
        self.unit.rank_spacing_m = rank_spacing


class Form(Move):
    """Move and form up: new anchor, and optionally facing, width, formation and ranks."""

    MAY_PRESS = True

    def start(self) -> None:
        o, u = self.order, self.unit
        assert o.point is not None  # this order has a point (checked when given)
        u.anchor = (float(o.point[0]), float(o.point[1]))
        if o.facing_deg is not None:
            u.facing_deg = float(o.facing_deg)
        if o.width_m is not None:
            u.width_m = float(o.width_m)
        if o.formation is not None:
            u.formation = Formation(o.formation)
        if o.ranks is not None:
            u.ranks = int(o.ranks)
        self.stance()
        self.world.lines.set_speed(u, FORM_SPEED_MPS.get(u.type, DEFAULT_FORM_SPEED_MPS))
        self.world.lines.reform(u)
        self.world.formation_changed(u)


class Hold(Move):
    """Siaga: stand on the current slots."""

    def start(self) -> None:
        self.stance()
        self.world.lines.stop(self.unit)


class Brace(Move):
    """Close the ranks and lean into the load."""

    def start(self) -> None:
        self.stance(BRACE_HOLD, rank_spacing=BRACE_RANK_SPACING_M)
        self.world.lines.set_speed(self.unit, BRACE_SPEED_MPS)
        self.world.lines.reform(self.unit)


class Berlindung(Move):
    """Shields up: the line stands and takes cover."""

    def start(self) -> None:
        self.stance(BERLINDUNG_HOLD, shields_up=True)
        self.world.lines.stop(self.unit)


class Advance(Move):
    """Desak or dorong: the line walks forward by a distance (or to a point along its facing)
    and pushes whatever is in front with up to its raised hold force. It touches the people it
    pushes (the force ladder sees them)."""

    SPEED, LEAD, HOLD = DORONG_SPEED_MPS, LEAD_M, DORONG_HOLD
    KEEP_STANCE = False  # the push over, the line stands normally again

    def start(self) -> None:
        u, o = self.unit, self.order
        fwd = facing_vector(u.facing_deg)
        if o.point is not None:
            distance = max(0.0, float(pmath.dot2(np.asarray(o.point) - np.asarray(u.anchor), fwd)))
        else:
            distance = DEFAULT_PUSH_M if o.distance_m is None else float(o.distance_m)
        self.stance(self.HOLD)
        self.world.lines.set_speed(u, self.SPEED, self.LEAD)
        self.world.lines.shift(u, fwd * distance)

    def after_step(self) -> None:
        w = self.world
        pushed = w.crowd_touching(self.unit)
        self.touch(pushed)
        super().after_step()


class Desak(Advance):
    """Desak: press forward slowly and steadily (stage 3)."""

    SPEED, LEAD, HOLD = DESAK_SPEED_MPS, DESAK_LEAD_M, DESAK_HOLD


class Dorong(Advance):
    """Dorong: push forward (stage 4)."""


class FallBack(Move):
    """Withdraw, still facing the crowd (a point ahead of the line only moves it sideways: falling
    back never advances)."""

    def start(self) -> None:
        u, o = self.unit, self.order
        if o.point is not None:
            offset = np.asarray(o.point, float) - np.asarray(u.anchor)
            fwd = facing_vector(u.facing_deg)
            offset -= fwd * max(0.0, float(pmath.dot2(offset, fwd)))
        else:
            offset = -facing_vector(u.facing_deg) * (DEFAULT_FALL_BACK_M if o.distance_m is None else o.distance_m)
        self.stance()
        self.world.lines.set_speed(u, FALL_BACK_SPEED_MPS)
        self.world.lines.shift(u, offset)
