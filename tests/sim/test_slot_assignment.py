"""Re-forming moves officers the least: slots are an assignment, not index order."""

import numpy as np
from scenarios import push_against_line

from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.police.movement import assign_slots
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation
from sispam.sim.world import World


def test_the_assignment_minimises_the_walk_where_index_order_does_not():
    here = world_slots(slot_offsets(Formation.BERSAF, 10, 0.6, None), (0.0, 0.0), 90.0)  # a line facing north
    there = here[::-1] + np.array([0.0, 2.0])  # the same line 2 m ahead, slots listed right to left
    perm = assign_slots(here, there)
    walked = np.hypot(*(there[perm] - here).T)
    assert np.allclose(walked, 2.0)  # everyone steps straight forward
    assert np.hypot(*(there - here).T).sum() > 1.5 * walked.sum()  # index order would cross the line


def test_a_line_turned_about_swaps_no_one_across_it():
    world = World(push_against_line(people=1, agitation=0.0))
    unit = world.units[0]
    before = world.bodies.pos[unit.indices].copy()
    world.command.issue(Order(0.0, "line", OrderKind.FORM, point=(unit.anchor[0], unit.anchor[1] - 1.0),
                              facing_deg=90.0))  # face the other way, a metre further on
    world.run_until(12.0)
    after = world.bodies.pos[unit.indices]
    # Nobody walked across to the far end of the line: each officer's x hardly changed.
    assert np.abs(after[:, 0] - before[:, 0]).max() < 1.0
    assert any(e.kind == "unit_formed" for e in world.events)
