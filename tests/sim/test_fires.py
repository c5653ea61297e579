"""Fires grow until they are fought; a Damkar team walks up within hose reach and puts one out."""

from __future__ import annotations

import math

import numpy as np
from area_scenarios import square

import sispam.sim.fires as fires
from sispam.sim.police.extinguish import HOSE_REACH_M
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import UnitType
from sispam.sim.world import World

DAMKAR = (("damkar", UnitType.DAMKAR, 3, (25.0, 5.0), 90.0),)


def test_a_fire_grows_to_its_fuel_and_burns_until_fought():
    w = World(square())
    fire = fires.light_fire(w, (25.0, 40.0))
    w.run_until(60.0)
    at_60 = fire.heat_kw
    assert fires.IGNITION_KW < at_60 < fire.max_kw
    w.run_until(300.0)
    assert fire.burning and fire.heat_kw == fire.max_kw
    assert fire.smoke_g_per_s > 0
    assert [e.kind for e in w.events if e.kind.startswith("fire")] == ["fire_lit"]


def test_damkar_walks_up_and_puts_the_fire_out():
    w = World(square(units=DAMKAR))
    fire = fires.light_fire(w, (25.0, 45.0))  # 40 m from the team: out of hose reach
    w.run_until(120.0)
    w.command.issue(Order(w.t, "damkar", OrderKind.EXTINGUISH, point=(26.0, 44.0)))
    w.run_until(200.0)
    assert not fire.burning
    out = [e for e in w.events if e.kind == "fire_extinguished"]
    assert len(out) == 1 and out[0].detail["fire"] == fire.id
    crew = w.bodies.pos[w.units[0].indices]
    assert np.hypot(*(crew - fire.pos).T).min() <= HOSE_REACH_M
    # It took the walk (about 25 m at 1.6 m/s) plus the knock-down of the full fire.
    knock_down = fire.max_kw / fires.SUPPRESSION_KW_PER_S
    assert knock_down < fire.t_out - 123.0 < knock_down + 25.0
    assert w.command.log[0].outcome == {"result": "extinguished", "fire": fire.id, "t_out": round(fire.t_out, 3)}


def test_extinguish_with_no_fire_near_the_point_does_nothing():
    w = World(square(units=DAMKAR))
    fires.light_fire(w, (5.0, 50.0))
    w.command.issue(Order(0.0, "damkar", OrderKind.EXTINGUISH, point=(40.0, 20.0)))
    w.run_until(10.0)
    assert w.command.log[0].outcome == {"result": "no_fire"}
    assert w.fires[0].burning
    assert math.isclose(w.units[0].anchor[1], 5.0)


def test_damkar_turns_to_the_next_fire_beside_the_first_and_leaves_a_far_one():
    w = World(square(units=DAMKAR))
    first = fires.light_fire(w, (25.0, 30.0))
    beside = fires.light_fire(w, (33.0, 34.0))  # 9 m away: within FOLLOW_ON_M of the order's point
    far = fires.light_fire(w, (5.0, 50.0))  # beyond it: another order's job
    w.command.issue(Order(0.0, "damkar", OrderKind.EXTINGUISH, point=(25.0, 30.0)))
    w.run_until(400.0)
    assert not first.burning and not beside.burning and first.t_out < beside.t_out
    assert far.burning
    assert w.command.log[0].outcome["fire"] == beside.id and w.command.log[0].status == "done"
