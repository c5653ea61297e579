"""Trajectory samples: the header, one row per body on the map, and the sample times."""

from __future__ import annotations

import io

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.sim.record import TRAJECTORY_HEADER, TrajectoryWriter
from sispam.sim.world import World


@pytest.mark.parametrize("hz", [pytest.param(h, id=f"{h}-hz") for h in (1.0, 7.0, 20.0)])
def test_samples_fall_at_the_first_step_of_each_sample_period(hz):
    world = World(push_against_line(people=30, agitation=0.0))
    out = io.StringIO()
    writer = TrajectoryWriter(out, hz)
    writer.maybe_sample(world)
    while world.t < 10.0 - 1e-9:
        world.step()
        writer.maybe_sample(world)
    lines = out.getvalue().splitlines()
    assert lines[0] + "\n" == TRAJECTORY_HEADER
    times = sorted({float(line.split(",")[0]) for line in lines[1:]})
    expected = np.arange(int(10.0 * hz + 1e-6) + 1) / hz
    assert len(times) == len(expected)
    assert np.all(np.array(times) >= expected - 1e-6)
    assert np.all(np.array(times) < expected + world.dt)


def test_each_sample_has_one_row_per_body_on_the_map():
    world = World(push_against_line(people=30, agitation=0.0))
    world.run_until(3.0)
    out = io.StringIO()
    TrajectoryWriter(out, 1.0).maybe_sample(world)
    rows = [line.split(",") for line in out.getvalue().splitlines()[1:]]
    ids = [int(r[1]) for r in rows]
    assert sorted(ids) == list(np.flatnonzero(world.bodies.in_space()))
    first = rows[0]
    i = int(first[1])
    assert float(first[3]) == pytest.approx(world.bodies.pos[i, 0], abs=5e-4)
    assert float(first[6]) == pytest.approx(world.bodies.vel[i, 1], abs=5e-4)


def test_each_row_names_the_crowd_group_or_the_unit_of_its_body():
    world = World(push_against_line(people=30, agitation=0.0))
    world.run_until(1.0)
    out = io.StringIO()
    TrajectoryWriter(out, 1.0).maybe_sample(world)
    header, *lines = out.getvalue().splitlines()
    assert header.split(",")[-1] == "group"
    rows = [line.split(",") for line in lines]
    assert {r[8] for r in rows if r[2] == "crowd"} == {"massa"}
    assert {r[8] for r in rows if r[2] == "officer"} == {"line"}
    assert all(len(r) == 9 for r in rows)
