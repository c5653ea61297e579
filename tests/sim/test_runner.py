"""The runner's clock: pause stops the simulation, orders given while paused apply on resume,
and an order given live equals the same order from a plan."""

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.sim.police.command import OrderRefused
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.runner import Runner
from sispam.sim.world import World


def small_world() -> World:
    return World(push_against_line(people=60, agitation=0.3))


def test_a_paused_simulation_does_not_advance():
    runner = Runner(small_world())
    runner.advance(1.0)
    t, pos = runner.world.t, runner.world.bodies.pos.copy()
    runner.paused = True
    assert runner.advance(5.0) == 0
    assert runner.world.t == t
    assert np.array_equal(runner.world.bodies.pos, pos)


def test_speed_multiplies_the_steps_per_wall_second():
    runner = Runner(small_world())
    one = runner.advance(0.25)
    runner.set_speed(4)
    four = runner.advance(0.25)
    assert four == 4 * one
    with pytest.raises(ValueError, match="speed"):
        runner.set_speed(3)


def test_an_order_given_while_paused_applies_after_its_delay_once_resumed():
    runner = Runner(small_world())
    while runner.world.t < 3.0:
        runner.advance(0.05)
    runner.paused = True
    issued = runner.give(Order(0.0, "line", OrderKind.FALL_BACK, distance_m=4.0))
    assert issued.order.t == pytest.approx(3.0)
    runner.advance(10.0)
    assert issued.status == "pending"  # nothing happens while paused
    runner.paused = False
    while runner.world.t < 8.0:
        runner.advance(0.05)
    effective = [e.t for e in runner.world.events if e.kind == "order_effective"]
    assert effective == [pytest.approx(3.0 + issued.order.spec.delay_s)]


def test_an_order_given_live_equals_the_same_order_in_a_plan():
    live = Runner(small_world())
    while live.world.t < 2.0:
        live.advance(0.05)
    live.paused = True
    live.give(Order(0.0, "line", OrderKind.DESAK, distance_m=2.0))
    live.paused = False
    while live.world.t < 10.0:
        live.advance(0.05)
    planned = small_world()
    planned.command.issue(Order(2.0, "line", OrderKind.DESAK, distance_m=2.0))
    planned.run_until(live.world.t)
    assert np.array_equal(live.world.bodies.pos, planned.bodies.pos)
    unordered = small_world()
    unordered.run_until(live.world.t)
    assert not np.array_equal(live.world.bodies.pos, unordered.bodies.pos)  # the order did something


def test_an_order_the_unit_cannot_carry_out_is_refused_with_the_reason():
    runner = Runner(small_world())
    with pytest.raises(OrderRefused, match="cannot 'arrest'"):
        runner.give(Order(0.0, "line", OrderKind.ARREST, point=(5.0, 10.0)))
    with pytest.raises(OrderRefused, match="no unit 'ghost'"):
        runner.give(Order(0.0, "ghost", OrderKind.HOLD))


def test_the_clock_stops_at_the_level_s_end():
    from dataclasses import replace

    runner = Runner(World(replace(push_against_line(people=60, agitation=0.3), duration_s=1.0)))
    runner.set_speed(4)
    for _ in range(10):
        runner.advance(0.25)  # 10 s of play at 4x: far past the level's second
    assert runner.over and runner.world.t == pytest.approx(1.0)
    assert runner.advance(1.0) == 0
