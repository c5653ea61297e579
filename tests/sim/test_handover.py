"""Lapis ganti and lintas ganti under pressure: done as doctrine says, the line never opens; done
carelessly (the front withdraws first, the relief forms up after), the crowd gets through."""

from __future__ import annotations

import numpy as np
import pytest
from scenarios import handover_under_pressure

from sispam.sim.bodies import BodyState
from sispam.sim.physics import Category
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import UnitType
from sispam.sim.world import World

LINE_Y = 26.0  # the front line holds the street here, facing south (-y)
PAST_Y = 29.0  # a crowd member beyond this is behind both lines
CASES = {
    "lapis": (OrderKind.LAPIS_GANTI, UnitType.DALMAS_AWAL, UnitType.DALMAS_LANJUT),
    "lintas": (OrderKind.LINTAS_GANTI, UnitType.DALMAS_LANJUT, UnitType.BRIMOB_PHH),
}


def pressed_world(case: str) -> World:
    """150 agitated people pressing on the front line; checked to be pushing by t = 15 s. A crowd
    keeps its distance from a shield line unless it pushes harder than it does at a bare one."""
    _, front, relief = CASES[case]
    agitation = 0.6 if front is UnitType.DALMAS_LANJUT else 0.3
    world = World(handover_under_pressure(people=150, agitation=agitation, front=front, relief=relief))
    loads = []
    while world.t < 15.0:
        world.step()
        if world.t > 10.0:
            loads.append(world.measure.line_load_n[0])
    assert np.mean(loads) > 300.0, "the crowd should be pushing on the line when the hand-over starts"
    return world


def most_past(world: World, t_end: float) -> int:
    """Run to `t_end`; the most crowd members standing behind both lines at any time."""
    n = world.bodies.n_crowd
    most = 0
    while world.t < t_end:
        world.step()
        standing = world.bodies.state[:n] == BodyState.ACTIVE
        most = max(most, int((standing & (world.bodies.pos[:n, 1] > PAST_Y)).sum()))
    return most


@pytest.mark.parametrize("case", ["lapis", "lintas"])
def test_a_handover_as_doctrine_says_keeps_the_line_closed(case):
    kind = CASES[case][0]
    world = pressed_world(case)
    issued = world.command.issue(Order(15.0, "relief", kind, relieve="front"))
    past = most_past(world, 40.0)
    assert world.breaches == 0
    assert past == 0
    # Lapis ganti: the relieved pass back through the relief. Lintas ganti: Brimob passes
    # forward through the Dalmas line, which withdraws only once Brimob stands in front.
    expected = ["forming", "passing", "complete"] if case == "lapis" else ["forming", "passing", "withdrawing", "complete"]
    phases = [p["phase"] for p in issued.outcome["phases"]]
    assert phases == expected
    assert [e.kind for e in world.events if e.kind.startswith("handover")] == [f"handover_{p}" for p in expected]
    b, front, relief = world.bodies, world.units[0], world.units[1]
    standing = world.standing
    # The relief holds the old front; the relieved unit stands behind it.
    assert np.abs(b.pos[standing(relief), 1].min() - LINE_Y) < 0.3
    assert b.pos[standing(front), 1].min() > b.pos[standing(relief), 1].max() + 0.5
    # Collisions are back to normal: the relieved officers collide with officers again.
    for i in front.indices:
        for shape in world._pymunk_bodies[int(i)].shapes:
            assert shape.filter.mask & Category.OFFICER


def test_lintas_ganti_crosses_the_line_and_lapis_ganti_layers_behind_it():
    """Who passes through whom: in lintas ganti Brimob's officers stop colliding with police and
    walk forward through the standing Dalmas line; in lapis ganti the relieved walk back."""
    seen = {}
    for case in ("lapis", "lintas"):
        world = pressed_world(case)
        world.command.issue(Order(15.0, "relief", CASES[case][0], relieve="front"))
        front, relief = world.units[0], world.units[1]
        while not any(e.kind == "handover_passing" for e in world.events):
            world.step()
        world.run_until(world.t + 1.0)
        passing = {name: all(not (s.filter.mask & Category.OFFICER) for i in unit.indices
                             for s in world._pymunk_bodies[int(i)].shapes)
                   for name, unit in (("front", front), ("relief", relief))}
        # The relieved line still stands at the front while the relief comes through (lintas).
        seen[case] = (passing, float(np.median(world.bodies.pos[world.standing(front), 1])))
    assert seen["lapis"][0] == {"front": True, "relief": False}
    assert seen["lintas"][0] == {"front": False, "relief": True}
    assert abs(seen["lintas"][1] - (LINE_Y + 0.25)) < 0.6  # the Dalmas line holds its place


@pytest.mark.parametrize("case", ["lapis", "lintas"])
def test_a_careless_handover_opens_a_gap(case):
    world = pressed_world(case)
    # The front withdraws first; the relief is sent to the line only once the front has gone.
    world.command.issue(Order(15.0, "front", OrderKind.FALL_BACK, point=(12.0, 42.0)))
    world.run_until(20.0)
    world.command.issue(Order(20.0, "relief", OrderKind.FORM, point=(12.0, LINE_Y), facing_deg=-90.0, width_m=7.0))
    past = most_past(world, 40.0)
    assert world.breaches > 0 or past > 0
    assert past > 10
