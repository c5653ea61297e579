"""How orders relate to each other and to the ladder: the last order given wins, walking a line
into people is a press whatever the order is called, an order to a unit in a hand-over ends the
hand-over cleanly, and values no order may have are refused before they reach the physics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scenarios import handover_under_pressure, push_against_line

from sispam.sim.physics import Category
from sispam.sim.police.command import OrderRefused
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import UnitType
from sispam.sim.world import World


def line_y(world: World) -> float:
    return float(world.bodies.pos[world.units[0].indices][:, 1].mean())


def test_the_last_order_given_wins_even_if_an_earlier_one_would_take_effect_later():
    world = World(push_against_line(people=20, agitation=0.0))
    fall_back = world.command.issue(Order(10.5, "line", OrderKind.FALL_BACK, distance_m=4.0))  # effective 12.5
    hold = world.command.issue(Order(11.0, "line", OrderKind.HOLD))  # effective 12.0
    start = None
    while world.t < 20.0:
        world.step()
        if start is None and world.t >= 11.0:
            start = line_y(world)
    assert fall_back.status == "cancelled" and fall_back.outcome == {"superseded_by": hold.id}
    assert hold.status == "done"
    assert abs(line_y(world) - start) < 0.2  # the line held: it did not fall back


def test_a_line_walked_into_people_presses_them_at_desak_stage_whatever_the_order():
    world = World(push_against_line(people=150, agitation=0.2))  # an orderly crowd at the line
    world.run_until(20.0)
    unit = world.units[0]
    ahead = (unit.anchor[0], unit.anchor[1] - 3.0)  # facing south: 3 m forward, into the crowd
    world.command.issue(Order(20.0, "line", OrderKind.FORM, point=ahead))
    world.run_until(40.0)
    pressing = [a for a in world.ladder.applications.values() if a.kind == "form" and a.stage == 3]
    assert len(pressing) == 1 and pressing[0].stage == 3 and pressing[0].touched.sum() > 0
    assert pressing[0].violation  # stage 3 against tertib people (Perkap 1/2009 Pasal 5)
    assert world.ladder.max_stage == 3  # the report's max_force_stage: a press, not a stage-1 move


def test_falling_back_to_a_point_ahead_never_advances_the_line():
    world = World(push_against_line(people=20, agitation=0.0))
    world.run_until(2.0)
    before = line_y(world)
    unit = world.units[0]
    world.command.issue(Order(2.0, "line", OrderKind.FALL_BACK, point=(unit.anchor[0] + 1.0, unit.anchor[1] - 5.0)))
    world.run_until(15.0)
    assert line_y(world) >= before - 0.1  # facing south: forward would lower y


def test_an_order_to_the_relieved_unit_ends_the_handover_and_no_one_keeps_passing():
    world = World(handover_under_pressure(people=60, agitation=0.3, front=UnitType.DALMAS_AWAL,
                                          relief=UnitType.DALMAS_LANJUT))
    world.run_until(10.0)
    handover = world.command.issue(Order(10.0, "relief", OrderKind.LAPIS_GANTI, relieve="front"))
    while not any(e.kind == "handover_passing" for e in world.events):
        world.step()
    hold = world.command.issue(Order(world.t, "front", OrderKind.HOLD))
    world.run_until(world.t + 5.0)
    assert handover.status == "cancelled" and hold.status == "done"
    assert "relief" not in world.command.active
    for i in world.units[0].indices:
        for shape in world._pymunk_bodies[i].shapes:
            assert shape.filter.mask & Category.OFFICER  # collides with officers again


@pytest.mark.parametrize(("order", "message"), [
    (Order(0.0, "line", OrderKind.FORM, point=(math.nan, 20.0)), "finite number"),
    (Order(0.0, "line", OrderKind.FORM, point=(5.0, 20.0), facing_deg=math.inf), "finite number"),
    (Order(0.0, "line", OrderKind.DORONG, distance_m=-2.0), "more than 0"),
    (Order(0.0, "line", OrderKind.FORM, point=(5.0, 20.0), ranks=4), "ranks"),
    (Order(0.0, "line", "request"), "unknown order"),  # type: ignore[arg-type]
    (Order(0.0, "line", OrderKind.FORM, point=(5.0, 20.0), formation="tali_dalmas"),  # type: ignore[arg-type]
     "unknown formation"),
], ids=["nan-point", "inf-facing", "negative-distance", "four-ranks", "kind-as-text", "formation-as-text"])
def test_values_no_order_may_have_are_refused_when_given(order, message):
    world = World(push_against_line(people=5, agitation=0.0))
    with pytest.raises(OrderRefused, match=message):
        world.command.issue(order)
    world.run_until(1.0)  # and the world runs on unharmed
    assert np.isfinite(world.bodies.pos).all()


def test_an_arrest_may_name_the_person_instead_of_a_point():
    world = World(push_against_line(people=5, agitation=0.0, unit_type=UnitType.TIM_TANGKAP, ranks=1))
    world.command.issue(Order(0.0, "line", OrderKind.ARREST, person=2))
    with pytest.raises(OrderRefused, match="'point' or 'person'"):
        world.command.issue(Order(0.0, "line", OrderKind.ARREST))


def test_an_order_naming_a_negative_person_is_refused_not_a_crash():
    from sispam.sim.police.orders import order_problem

    problem = order_problem(Order(1.0, "tim", OrderKind.ARREST, person=-1), UnitType.TIM_TANGKAP, frozenset({"tim"}))
    assert problem is not None and "'person' must be a whole number from 0" in problem
    assert order_problem(Order(1.0, "tim", OrderKind.ARREST, person=3), UnitType.TIM_TANGKAP, frozenset({"tim"})) is None
    picked = np.argmax(np.array([0.1, 0.9]))  # the API's users pick a person with numpy
    assert order_problem(Order(1.0, "tim", OrderKind.ARREST, person=picked), UnitType.TIM_TANGKAP,
                         frozenset({"tim"})) is None
