"""Command: orders waiting for their time and command delay, and the operations carrying them out.

`Command.issue(order)` accepts an order for any time from now on (a plan gives them all at the
start; the UI gives each at the current time). At `order.t` the order is *given* (it enters the
timeline); `spec.delay_s` later it takes *effect*: the unit starts an `Operation`, which replaces
the unit's previous one. The last order given to a unit is the one it carries out: giving an
order cancels the unit's orders that were given before it and have not taken effect yet, even
if their delay would make them take effect later. An operation may involve other units (a
hand-over moves the relieved unit too): an order to any of them ends it. An operation moves
its unit through the officers' slots (see `movement`) and may push people or touch them;
everything it touches goes through `touch`, so the use-of-force ladder sees every application.

The world calls `update` before forces are computed, `add_forces` after, and `after_step` after
the physics step has been measured.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.police.ladder import allowed_stages
from sispam.sim.police.orders import ORDER_SPECS, Order, OrderKind, order_problem

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit
    from sispam.sim.world import World


class OrderRefused(ValueError):
    """An order that its unit cannot carry out; the message says why."""


@dataclass(slots=True)
class Issued:
    """An order in the run's log.

    Attributes:
        id: its number in the run (index in `Command.log`).
        order: the order.
        t_effective: when it takes effect (order.t + command delay).
        status: pending → given → active → done, or cancelled (replaced by a later order to
            the same unit before or while it ran).
        outcome: what came of it, filled by the operation (e.g. arrest: "seized", "failed").
    """

    id: int
    order: Order
    t_effective: float
    status: str = "pending"
    outcome: dict[str, Any] = field(default_factory=dict)

    @property
    def stage(self) -> int:
        """Use-of-force stage."""
        return ORDER_SPECS[self.order.kind].stage

    def as_dict(self) -> dict[str, Any]:
        """The entry of the report's order log."""
        o = self.order
        params: dict[str, Any] = {k: v for k, v in (("point", o.point), ("facing_deg", o.facing_deg), ("width_m", o.width_m),
                                    ("formation", o.formation and str(o.formation)), ("ranks", o.ranks),
                                    ("distance_m", o.distance_m), ("person", o.person), ("role", o.role),
                                    ("relieve", o.relieve), ("duration_s", o.duration_s)) if v is not None}
        if "point" in params:
            params["point"] = [round(float(c), 3) for c in params["point"]]
        return {"id": self.id, "t": round(o.t, 3), "effective_t": round(self.t_effective, 3), "unit": o.unit,
                "order": str(o.kind), "stage": self.stage, "params": params, "status": self.status,
                "outcome": self.outcome}


class Operation:
    """How a unit carries out one order. Subclasses override what they need.

    Attributes:
        done: set when the operation has nothing left to do; the unit then stands where it is.
    """

    # The unit stays a line on its slots while this runs (a line order, an appeal, a salvo), so
    # it may close its ranks when a man falls; an operation that places its officers itself
    # (a hand-over, an arrest, a sweep, a walk to a korlap) may not be disturbed.
    KEEPS_LINE = False

    def __init__(self, world: World, issued: Issued, unit: Unit) -> None:
        self.world = world
        self.issued = issued
        self.unit = unit
        self.done = False
        self.returning = False  # carried out, and the unit on its way back to its place (an arrest team)

    @property
    def order(self) -> Order:
        """The order carried out."""
        return self.issued.order

    def start(self) -> None:
        """The order takes effect."""

    def update(self) -> None:
        """Before forces are computed, every step."""

    def add_forces(self, force: np.ndarray) -> None:
        """Add forces on bodies (rows of `force`, indexed by body index)."""

    def after_step(self) -> None:
        """After the physics step has been measured, every step."""

    def involves(self) -> tuple[str, ...]:
        """Ids of the other units this operation moves (an order to one of them ends it)."""
        return ()

    def must_finish(self) -> str | None:
        """Why a new order to the unit must wait until this one is done (None: it need not)."""
        return None

    def stop(self) -> None:
        """A later order replaces this one: release whatever the operation holds."""

    def touch(self, people: np.ndarray) -> None:
        """Record that this order touched these crowd members (body indices)."""
        self.world.command.touch(self.issued, people)


OperationFactory = type[Operation]


class Command:
    """The orders of one run and the operations in force, one per unit."""

    def __init__(self, world: World, operations: dict[OrderKind, OperationFactory]) -> None:
        self.world = world
        self._operations = operations
        self.log: list[Issued] = []
        self._queue: list[tuple[float, int]] = []  # (time it next acts, log index), sorted
        self.active: dict[str, Operation] = {}  # by unit id
        self._waiting_noted: set[int] = set()  # orders whose unit is off the map, noted once
        self._units = {u.id: u for u in world.units}

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id."""
        return self._units[unit_id]

    def coming(self, unit_id: str) -> Issued | None:
        """The unit's latest order still coming down the chain of command (pending or given,
        not yet in effect), if any. An order for a later time (a plan's, or a replay's orders
        still to come) is not coming yet: it has not been given."""
        return next((i for i in reversed(self.log)
                     if i.order.unit == unit_id and i.status in ("pending", "given") and self.given_by_now(i)), None)

    def given_by_now(self, issued: Issued) -> bool:
        """Whether `issued` has been given by now: its time has come (a plan's or a replay's
        orders are issued ahead, for the time they were given)."""
        return issued.order.t <= self.world.t + 1e-9

    def issue(self, order: Order) -> Issued:
        """Accept an order for time `order.t` (not before now).

        Raises:
            OrderRefused: the unit does not exist or cannot carry the order out, or the order
                lies in the past.
        """
        unit = self._units.get(order.unit)
        problem = order_problem(order, unit.type if unit else None, frozenset(self._units))
        if problem is None and order.t < self.world.t - 1e-9:
            problem = f"the order is for t = {order.t:g} s, but the simulation is already at {self.world.t:g} s"
        if problem is not None:
            raise OrderRefused(problem)
        issued = Issued(len(self.log), order, order.t + order.spec.delay_s)
        self.log.append(issued)
        bisect.insort(self._queue, (order.t, issued.id))
        return issued

    def withdraw_pending(self) -> int:
        """Withdraw every order not yet given (its time has not come), as if it had never been
        issued: what taking over a replayed run does with the recorded orders still to come.
        Returns how many were withdrawn.

        Raises:
            ValueError: an order not yet given was issued before one already given (orders are
                issued in time order, live and in replays, so this never happens there).
        """
        first = next((k for k, issued in enumerate(self.log) if issued.status == "pending"), len(self.log))
        if any(issued.status != "pending" for issued in self.log[first:]):
            raise ValueError("orders not yet given are mixed with orders given; they cannot be withdrawn")
        withdrawn = len(self.log) - first
        del self.log[first:]
        self._queue = [(t, k) for t, k in self._queue if k < first]
        return withdrawn

    def touch(self, issued: Issued, people: np.ndarray) -> None:
        """Record that an order touched crowd members (body indices) for the force ladder."""
        w = self.world
        people = np.asarray(people, np.int64)
        if len(people):
            w.ladder.touch(w.t, issued.id, issued.order.unit, str(issued.order.kind), issued.stage,
                           people, w.crowd.behaviour(people), allowed_stages(w.crowd, people, w.t))

    # --- stepping -------------------------------------------------------------------------

    def update(self) -> None:
        """Give and start the orders whose time has come; let every operation steer."""
        w = self.world
        now = w.t + 1e-9
        while self._queue and self._queue[0][0] <= now:
            _, k = self._queue.pop(0)
            issued = self.log[k]
            if issued.status == "pending":
                self._give(issued)
            elif issued.status == "given":
                self._start(issued)
        for op in list(self.active.values()):
            op.update()

    def _give(self, issued: Issued) -> None:
        w = self.world
        o = issued.order
        for earlier in self.log[: issued.id]:
            if earlier.order.unit == o.unit and earlier.status == "given":
                earlier.status = "cancelled"
                earlier.outcome = {"superseded_by": issued.id}
        issued.status = "given"
        w.note("order", {"order_id": issued.id, "unit": o.unit, "order": str(o.kind), "stage": issued.stage,
                         "effective_t": round(issued.t_effective, 3)})
        bisect.insort(self._queue, (issued.t_effective, issued.id))

    def _start(self, issued: Issued) -> None:
        w = self.world
        o = issued.order
        unit = self._units[o.unit]
        if not unit.arrived and o.kind is not OrderKind.REQUEST and o.kind is not OrderKind.FORM:
            # The unit is not on the map yet: the order waits for it (noted once).
            if issued.id not in self._waiting_noted:
                self._waiting_noted.add(issued.id)
                w.note("order_waiting", {"order_id": issued.id, "unit": o.unit, "order": str(o.kind),
                                         "reason": "the unit is not on the map yet"})
            bisect.insort(self._queue, (w.t + 1.0, issued.id))
            return
        current = self.active.get(o.unit)
        busy = None if current is None or current.done else current.must_finish()
        if busy is not None:
            # E.g. a snatch team walking an arrested man back: it does not let him go for a new order.
            if issued.id not in self._waiting_noted:
                self._waiting_noted.add(issued.id)
                w.note("order_waiting", {"order_id": issued.id, "unit": o.unit, "order": str(o.kind), "reason": busy})
            bisect.insort(self._queue, (w.t + 1.0, issued.id))
            return
        self.end(o.unit)
        issued.status = "active"
        skipped = w.ladder.order_effective(issued.id, o.unit, str(o.kind), issued.stage)
        if skipped is not None:
            w.note("force_skipped_step", skipped)
        w.note("order_effective", {"order_id": issued.id, "unit": o.unit, "order": str(o.kind), "stage": issued.stage})
        unit.order = o.kind
        op = self._operations[o.kind](w, issued, unit)
        self.active[o.unit] = op
        op.start()

    def end(self, unit_id: str) -> None:
        """End the operation of a unit, and any operation that moves it (a hand-over)."""
        for owner, op in list(self.active.items()):
            if owner == unit_id or unit_id in op.involves():
                del self.active[owner]
                op.stop()
                if op.issued.status == "active":
                    op.issued.status = "cancelled"

    def keeps_line(self, unit_id: str) -> bool:
        """No operation under way places this unit's officers itself (see `Operation.KEEPS_LINE`)."""
        return all(op.KEEPS_LINE for owner, op in self.active.items() if owner == unit_id or unit_id in op.involves())

    def add_forces(self, force: np.ndarray) -> None:
        """Forces the operations apply this step."""
        for op in self.active.values():
            op.add_forces(force)

    def after_step(self) -> None:
        """Let operations see the step's outcome; retire finished ones."""
        for unit_id, op in list(self.active.items()):
            op.after_step()
            if op.done:
                if op.issued.status == "active":
                    op.issued.status = "done"
                op.stop()
                del self.active[unit_id]
