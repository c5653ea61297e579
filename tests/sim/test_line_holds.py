"""A line holds a crowd pushing up a street, and equipment and depth decide whether it does
(level tests/levels/street_push.toml: 600 people at agitation 0.7 push north up a 20 m street
towards a protected zone 4 m behind the line)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from sispam.level.load import load_level
from sispam.sim.bodies import BodyState
from sispam.sim.scenario import UnitType
from sispam.sim.world import World

LEVEL = Path(__file__).resolve().parent.parent / "levels" / "street_push.toml"
LINE_Y = 22.0  # the front rank's y in the level; the line faces south (−y)


@pytest.fixture(scope="module")
def level():
    return load_level(LEVEL)


def test_two_ranks_of_dalmas_lanjut_hold_the_push_for_two_minutes(level):
    world = World(level)
    line = world.units[0]
    assert (line.type, line.count, line.ranks) == (UnitType.DALMAS_LANJUT, 40, 2)
    loads = []
    while world.t < 120.0:
        world.step()
        assert world.breaches == 0, f"breach at t={world.t:.2f} s"
        if world.t > 30.0:
            loads.append(world.measure.line_load_n[0])
    # The crowd really pushes: a steady load of well over ten kilonewtons ...
    assert np.mean(loads) > 12_000.0
    # ... which the line takes standing, giving way a few tens of centimetres at most,
    officers = line.indices
    assert (world.bodies.state[officers] == BodyState.ACTIVE).all()
    assert np.mean(world.bodies.pos[officers, 1] - LINE_Y) < 0.5
    # ... and without mass injury in the crowd pressed against it.
    assert world.injuries["civilian"] < 20


def test_without_a_line_the_crowd_reaches_the_protected_zone_within_a_minute(level):
    world = World(dataclasses.replace(level, units=()))
    while world.breaches == 0 and world.t < 60.0:
        world.step()
    first = [e for e in world.events if e.kind == "first_breach"]
    assert first and first[0].t < 60.0


def test_one_rank_of_dalmas_awal_over_the_same_street_gives_way(level):
    lanjut = level.units[0]
    awal = dataclasses.replace(lanjut, type=UnitType.DALMAS_AWAL, officers=15, ranks=1)
    world = World(dataclasses.replace(level, units=(awal,)))
    world.run_until(60.0)
    # 15 men without shields spread over 19.4 m leave gaps the crowd streams through.
    assert world.breaches > 100
