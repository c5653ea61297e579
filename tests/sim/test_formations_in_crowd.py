"""Formations driven into a standing crowd (level tests/levels/plaza_crowd.toml: 250 people
packed on a 10 m x 10 m plaza, a section of 15 Dalmas Lanjut south of it facing north): a wedge
opens a lane, an echelon pushes the crowd to one side."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from sispam.level.load import load_level
from sispam.sim.bodies import BodyState
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation
from sispam.sim.world import World

LEVEL = Path(__file__).resolve().parent.parent / "levels" / "plaza_crowd.toml"
PUSH_M = 10.0  # the section's point goes from y = 17 to y = 27, through the crowd (y 20-30)


@pytest.fixture(scope="module")
def level():
    return load_level(LEVEL)


def pushed(level, formation: Formation | None, seconds: float = 25.0) -> World:
    """The plaza after the section, in `formation`, did a DORONG of PUSH_M at t = 1 s
    (or, with None, the plaza with no section at all)."""
    if formation is None:
        world = World(dataclasses.replace(level, units=()))
    else:
        unit = dataclasses.replace(level.units[0], formation=formation)
        world = World(dataclasses.replace(level, units=(unit,)))
        world.command.issue(Order(1.0, unit.id, OrderKind.DORONG, distance_m=PUSH_M))
    world.run_until(seconds)
    return world


def crowd_positions(world: World) -> np.ndarray:
    b = world.bodies
    return b.pos[: b.n_crowd][b.state[: b.n_crowd] == BodyState.ACTIVE]


def column_densities(pos: np.ndarray, y_range: tuple[float, float]) -> np.ndarray:
    """People per m² in 1 m wide columns x = 15..16, ..., 24..25 between y_range."""
    inside = (pos[:, 1] > y_range[0]) & (pos[:, 1] < y_range[1])
    counts, _ = np.histogram(pos[inside, 0], bins=np.arange(15.0, 26.0))
    return counts / (y_range[1] - y_range[0])


def test_a_wedge_driven_into_the_crowd_leaves_a_lane_behind_its_point(level):
    world = pushed(level, Formation.PARUH_LEMBING)
    assert any(e.kind == "unit_formed" for e in world.events), "the wedge did not get through"
    officers = world.bodies.pos[world.units[0].indices]
    point_y, base_y = officers[:, 1].max(), officers[:, 1].min()
    assert point_y > 26.5 and base_y > 23.5
    # Behind the wedge's base, where its arms passed: the 4 m the wedge has gone right through.
    strip = (20.0, 24.0)
    lane = column_densities(crowd_positions(world), strip)
    untouched = column_densities(crowd_positions(pushed(level, None)), strip)
    centre, beside = lane[3:7].mean(), np.r_[lane[:2], lane[-2:]].mean()  # x 18-22 vs 15-17, 23-25
    assert centre < 0.5 * untouched[3:7].mean(), (lane, untouched)
    assert centre < 0.5 * beside, lane
    # The lane is a few metres wide: the columns under half the untouched density.
    assert 3 <= int((lane < 0.5 * untouched.mean()).sum()) <= 6, lane


def test_an_echelon_pushes_the_crowd_towards_its_trailing_side(level):
    """Facing north, the unit's right is east (+x). Melintang kanan trails its right end, so its
    front faces north-east and the crowd slides east; kiri the other way."""
    mean_x = {f: crowd_positions(pushed(level, f))[:, 0].mean()
              for f in (Formation.BERSAF, Formation.MELINTANG_KANAN, Formation.MELINTANG_KIRI)}
    assert mean_x[Formation.MELINTANG_KANAN] > mean_x[Formation.BERSAF] + 0.3, mean_x
    assert mean_x[Formation.MELINTANG_KIRI] < mean_x[Formation.BERSAF] - 0.3, mean_x
