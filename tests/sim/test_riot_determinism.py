"""Two riots from the same seed are bit-identical: throws, fires, looting and hostages."""

from __future__ import annotations

import numpy as np
from riot_scenarios import RIOTERS, building, riot_square, shop

from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, PoliceUnit, UnitType
from sispam.sim.world import World


def riot(seed: int) -> World:
    line = PoliceUnit("line", UnitType.DALMAS_LANJUT, 24, Formation.BERSAF, (20.0, 34.0), -90.0, 7.0, 2)
    scn = riot_square(people=24, centre=(20.0, 22.0), roles=RIOTERS, units=(line,), seed=seed,
                      obstacles=(shop(4.0, 16.0, 10.0, 24.0), building(28.0, 40.0, 38.0, 48.0)))
    w = World(scn)
    w.run_until(2.0)
    w.crowd.agitation[:] = np.linspace(0.85, 1.0, 24)
    w.run_until(20.0)
    w.command.issue(Order(w.t, "line", OrderKind.BERLINDUNG))
    w.riot.hostage_attempt("gedung", 3)
    w.run_until(50.0)
    return w


def test_same_seed_same_riot_bit_for_bit():
    a, b = riot(11), riot(11)
    assert a.riot.summary() == b.riot.summary()
    assert a.riot.summary()["projectiles"]["thrown"] > 20
    assert np.array_equal(a.bodies.pos, b.bodies.pos) and np.array_equal(a.bodies.state, b.bodies.state)
    assert np.array_equal(a.officers.fatigue, b.officers.fatigue)
    assert np.array_equal(a.riot.projectiles.landing, b.riot.projectiles.landing)
    assert [(e.t, e.kind, e.detail) for e in a.events] == [(e.t, e.kind, e.detail) for e in b.events]
    c = riot(12)
    assert c.riot.summary() != a.riot.summary() or not np.array_equal(c.bodies.pos, a.bodies.pos)
