"""The walkable area as one valid polygon with holes: the map minus its solid obstacles, however
they overlap, touch the edge or close off a pocket."""

from __future__ import annotations

import numpy as np
import pytest

from sispam.sim.geometry import polygon_signed_area
from sispam.sim.scenario import Circle, Obstacle, ObstacleKind, Polyline, Rect, Scenario, Text
from sispam.sim.walkable import walkable_area_wkt, walkable_rings


def _map(*shapes, solid: bool = True) -> Scenario:
    obstacles = tuple(Obstacle(f"o{k}", ObstacleKind.WALL, shape, solid) for k, shape in enumerate(shapes))
    return Scenario(id="m", title=Text("", ""), briefing=Text("", ""), size=(20.0, 10.0), seed=1, duration_s=10.0,
                    obstacles=obstacles)


def _area(rings: list[np.ndarray]) -> float:
    return sum(polygon_signed_area(r) for r in rings)  # holes run clockwise: their area counts negative


def _assert_valid(rings: list[np.ndarray]) -> None:
    """One counter-clockwise outer ring, clockwise holes, every ring simple, no two touching."""
    assert polygon_signed_area(rings[0]) > 0
    assert all(polygon_signed_area(r) < 0 for r in rings[1:])
    corners = [tuple(p) for r in rings for p in np.round(r, 6)]
    assert len(corners) == len(set(corners))  # no corner shared, within or between rings


def test_a_map_without_obstacles_is_its_rectangle():
    assert walkable_area_wkt(_map()) == "POLYGON ((0 0, 20 0, 20 10, 0 10, 0 0))"


def test_an_obstacle_inside_is_a_hole_and_an_open_gate_is_none():
    rings = walkable_rings(_map(Rect((5.0, 3.0), (8.0, 7.0)), Rect((12.0, 2.0), (13.0, 3.0))))
    _assert_valid(rings)
    assert len(rings) == 3
    assert _area(rings) == pytest.approx(200.0 - 12.0 - 1.0)
    assert len(walkable_rings(_map(Rect((5.0, 3.0), (8.0, 7.0)), solid=False))) == 1


def test_overlapping_obstacles_make_one_hole_and_one_on_the_edge_notches_the_outline():
    rings = walkable_rings(_map(Rect((5.0, 3.0), (8.0, 7.0)), Rect((7.0, 5.0), (10.0, 8.0)), Rect((0.0, 0.0), (2.0, 2.0))))
    _assert_valid(rings)
    assert len(rings) == 2
    assert _area(rings) == pytest.approx(200.0 - 12.0 - 9.0 + 2.0 - 4.0)
    assert (0.0, 0.0) not in {tuple(p) for p in rings[0]}


def test_obstacles_meeting_at_a_corner_leave_rings_that_do_not_touch():
    rings = walkable_rings(_map(Rect((5.0, 3.0), (7.0, 5.0)), Rect((7.0, 5.0), (9.0, 7.0))))
    _assert_valid(rings)


def test_a_pocket_closed_off_by_a_thin_wall_is_no_part_of_it():
    fence = Polyline(((12.0, 2.0), (16.0, 2.0), (16.0, 6.0), (12.0, 6.0), (12.0, 2.0)), thickness=0.05)
    rings = walkable_rings(_map(fence, Circle((4.0, 5.0), 1.0)))
    _assert_valid(rings)
    assert len(rings) == 3  # the fenced square (a hole with its pocket) and the round post
    assert _area(rings) == pytest.approx(200.0 - 4.2**2 - np.pi, abs=0.5)  # the fence is widened to a cell


def test_the_text_is_well_formed_wkt():
    text = walkable_area_wkt(_map(Rect((5.0, 3.0), (8.0, 7.0))))
    assert text == "POLYGON ((0 0, 20 0, 20 10, 0 10, 0 0), (5 3, 5 7, 8 7, 8 3, 5 3))"
