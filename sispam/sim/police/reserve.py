"""Units held in reserve: a REQUEST order calls one up (reinforcements, the TNI)."""

from __future__ import annotations

from sispam.sim.police.command import Operation


class Request(Operation):
    """Call up a unit on request: it arrives `request_delay_s` later (not before its own
    `arrival_s`) on its deployment slots. A unit already on the map or already called ignores it."""

    def start(self) -> None:
        u = self.unit
        if u.on_request:
            u.on_request = False
            u.arrival_s = max(u.arrival_s, self.world.t + u.request_delay_s)
            self.issued.outcome = {"arrives_t": round(u.arrival_s, 3)}
            self.world.note("unit_requested", {"order_id": self.issued.id, "unit": u.id,
                                               "arrives_t": round(u.arrival_s, 3)})
        else:
            self.issued.outcome = {"ignored": "the unit is not held in reserve"}
        self.done = True
