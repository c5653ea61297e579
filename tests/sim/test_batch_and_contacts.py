"""The pymunk.batch adapter and the contact reduction: stable indices, true forces, any order."""

from __future__ import annotations

import math

import numpy as np
import pymunk

from sispam.sim.batch import BatchIO
from sispam.sim.contacts import QUANTUM_N, _reduce, contact_loads
from sispam.sim.idmap import build_id_map, lookup_many


def body(space: pymunk.Space, x: float, y: float, r: float = 0.25) -> pymunk.Body:
    b = pymunk.Body(70.0, math.inf)
    b.position = (x, y)
    space.add(b, pymunk.Circle(b, r))
    return b


def test_rows_map_to_stable_indices_after_bodies_are_removed_and_added():
    space = pymunk.Space()
    bodies = [body(space, float(k), 0.0) for k in range(5)]
    io = BatchIO(space)
    io.register(np.array([b.id for b in bodies], np.uint64), np.arange(5))
    pos, vel = np.zeros((6, 2)), np.zeros((6, 2))
    io.read_bodies(pos, vel)
    assert np.allclose(pos[:5, 0], np.arange(5))
    space.remove(bodies[1], *bodies[1].shapes)  # the engine moves its last body into the hole
    extra = body(space, 9.0, 0.0)
    keep = [0, 2, 3, 4]
    io.register(np.array([bodies[k].id for k in keep] + [extra.id], np.uint64), np.array(keep + [5]))
    pos[:] = 0.0
    io.read_bodies(pos, vel)
    assert np.allclose(pos[[0, 2, 3, 4, 5], 0], [0, 2, 3, 4, 9])
    force = np.zeros((6, 2))
    force[5] = (35.0, 0.0)
    io.write_forces(force)
    space.step(0.1)
    assert extra.velocity.x == np.float64(35.0 / 70.0 * 0.1)
    assert bodies[0].velocity.x == 0.0


def test_contact_load_equals_the_force_pressing_a_body_on_a_wall():
    space = pymunk.Space()
    space.add(pymunk.Segment(space.static_body, (-1, 0), (1, 0), 0.05))
    person = body(space, 0.0, 0.3)
    io = BatchIO(space)
    io.register(np.array([person.id], np.uint64), np.array([0]))
    dt = 1 / 30
    for _ in range(60):
        person.apply_force_at_local_point((0.0, -500.0))
        space.step(dt)
    loads = contact_loads(io.read_contacts(), n=1, n_crowd=1, dt=dt)
    assert abs(loads.load_n[0] - 500.0) < 1.0
    assert loads.crowd_load_n[0] == 0.0  # the wall is not the crowd


def test_crowd_push_on_an_officer_points_the_way_the_crowd_pushes():
    space = pymunk.Space()
    crowd = body(space, 0.0, 0.0)
    officer = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    officer.position = (0.0, 0.49)
    space.add(officer, pymunk.Circle(officer, 0.25))
    io = BatchIO(space)
    io.register(np.array([crowd.id, officer.id], np.uint64), np.array([0, 1]))
    dt = 1 / 30
    for _ in range(60):
        crowd.apply_force_at_local_point((0.0, 300.0))
        space.step(dt)
    loads = contact_loads(io.read_contacts(), n=2, n_crowd=1, dt=dt)
    assert abs(loads.crowd_load_n[1] - 300.0) < 1.0
    assert abs(loads.crowd_push_n[1, 1] - 300.0) < 1.0 and abs(loads.crowd_push_n[1, 0]) < 1.0


def test_contact_sums_do_not_depend_on_the_order_of_rows():
    rng = np.random.default_rng(0)
    ids = np.array([1000 + 16 * k for k in range(50)], np.uint64)
    table = build_id_map(ids, np.arange(50))
    rows = rng.integers(0, 50, (400, 2))
    raw = np.column_stack((ids[rows[:, 0]], ids[rows[:, 1]], np.ones(400, np.uint64))).view(np.int64)
    values = np.column_stack((rng.normal(0, 1, (400, 2)) / 30, rng.normal(0, 1, (400, 2))))
    results = []
    for order in (np.arange(400), rng.permutation(400), rng.permutation(400)):
        results.append(_reduce(raw[order], values[order], table.table, table.bits, 50, 25,
                               30.0, QUANTUM_N))
    for other in results[1:]:
        for a, b in zip(results[0], other, strict=True):
            assert np.array_equal(a, b)


def test_id_map_finds_every_id_and_nothing_else():
    ids = np.array([140_000_000_000 + 48 * k for k in range(1000)], np.uint64)
    table = build_id_map(ids, np.arange(1000) * 3)
    assert np.array_equal(lookup_many(table, ids), np.arange(1000) * 3)
    assert np.all(lookup_many(table, ids + np.uint64(16)) == -1)
