"""The area orders keep runs bit-identical: water cannon, tear gas and a fire fought by Damkar."""

from __future__ import annotations

import hashlib

import numpy as np
from area_scenarios import square

from sispam.sim.fires import light_fire
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import UnitType
from sispam.sim.world import World


def _run() -> str:
    w = World(square(groups=(("a", 40, (25.0, 25.0)),), wind_mps=(0.7, 0.3), seed=11,
                     units=(("awc", UnitType.WATER_CANNON, 3, (25.0, 5.0), 90.0),
                            ("gas", UnitType.GAS_TEAM, 4, (10.0, 10.0), 45.0),
                            ("damkar", UnitType.DAMKAR, 3, (40.0, 5.0), 90.0))))
    light_fire(w, (40.0, 30.0))
    w.command.issue(Order(0.0, "awc", OrderKind.WATER_CANNON, point=(25.0, 25.0), duration_s=4.0))
    w.command.issue(Order(2.0, "gas", OrderKind.TEAR_GAS, point=(25.0, 28.0)))
    w.command.issue(Order(2.0, "damkar", OrderKind.EXTINGUISH, point=(40.0, 30.0)))
    w.run_until(15.0)
    h = hashlib.sha256()
    v = w.vehicles.by_unit["awc"].body
    for array in (w.bodies.pos, w.bodies.vel, w.crowd.gas_dose, w.crowd.soaked_s, w.gas.mass_mg,
                  np.array([*v.position, *v.velocity, v.angle, w.fires[0].heat_kw])):
        h.update(np.ascontiguousarray(array).tobytes())
    return h.hexdigest()


def test_area_orders_run_bit_identical():
    assert _run() == _run()
