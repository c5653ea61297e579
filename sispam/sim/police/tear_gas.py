"""TEAR_GAS: a gas team (or Brimob PHH) fires a salvo of CS canisters at a point (see `gas`).

The launchers (37/38 mm) reach `LAUNCHER_RANGE_M` = 100 m; a point further away is shortened to
that range along the line from the unit. The unit stands while it fires; the salvo lands
`FLIGHT_S` after the order takes effect and the operation is done (the cloud lives on in
`world.gas`, which touches the people it drives off on behalf of this order).
"""

from __future__ import annotations

import numpy as np

from sispam.sim import pmath
from sispam.sim.gas import CANISTERS_PER_SALVO, CS_PER_CANISTER_G
from sispam.sim.police.command import Operation

LAUNCHER_RANGE_M = 100.0
FLIGHT_S = 1.0


class TearGas(Operation):
    """Fire one salvo at the order's point."""

    KEEPS_LINE = True

    def start(self) -> None:
        w, u = self.world, self.unit
        w.lines.stop(u)
        standing = w.standing(u)
        origin = w.bodies.pos[standing].mean(axis=0) if len(standing) else np.asarray(u.anchor, float)
        aim = np.asarray(self.order.point, float)
        to = aim - origin
        dist = float(pmath.hypot(*to))
        if dist > LAUNCHER_RANGE_M:
            aim = origin + to / dist * LAUNCHER_RANGE_M
        self.aim = (float(aim[0]), float(aim[1]))
        self.lands = w.t + FLIGHT_S

    def after_step(self) -> None:
        w = self.world
        if w.t + 1e-9 < self.lands:
            return
        w.gas.release(w, self.aim, self.issued)
        w.note("tear_gas_salvo", {"order_id": self.issued.id, "unit": self.unit.id,
                                  "x": round(self.aim[0], 2), "y": round(self.aim[1], 2)})
        self.issued.outcome = {"result": "fired", "canisters": CANISTERS_PER_SALVO,
                               "cs_g": CANISTERS_PER_SALVO * CS_PER_CANISTER_G,
                               "point": [round(self.aim[0], 2), round(self.aim[1], 2)]}
        self.done = True
