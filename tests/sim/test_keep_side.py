"""Keeping a side (sispam/sim/keep_side.py): who makes whom step aside, and how far ahead."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from area_scenarios import square

from sispam.sim import params
from sispam.sim.keep_side import KeepSide
from sispam.sim.navigation import WallField
from sispam.sim.scenario import Obstacle, ObstacleKind, Rect

SIZE = (60.0, 12.0)
ROUTE_CELL = 0.25  # the navigation's cell, finer than the far look's grid
RADII = np.full(1000, 0.25)  # everyone's body radius (m)


def _open(size: tuple[float, float]) -> WallField:
    """The walls of an open map of `size`: none."""
    return WallField(square(size=size))


def _route(size: tuple[float, float], *ways: tuple[float, float]) -> np.ndarray:
    """Walking directions on a grid of ROUTE_CELL over a map of `size`, goal k's the same
    everywhere: `ways[k]` (the default: goal 0 east, goal 1 west)."""
    ways = ways or ((1.0, 0.0), (-1.0, 0.0))
    ny, nx = int(size[1] / ROUTE_CELL), int(size[0] / ROUTE_CELL)
    return np.ascontiguousarray(np.broadcast_to(np.array(ways, np.float32)[:, None, None, :], (len(ways), ny, nx, 2)))


def _meet(gap_m: float, goals: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Two walkers on one line, `gap_m` apart, walking towards each other (the west one east):
    their walking directions and steps aside after one update."""
    pos = np.array([[10.0, 6.2], [10.0 + gap_m, 6.2]])
    heading = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides = KeepSide(2, SIZE, _open(SIZE))
    sides.update(np.ones(2, bool), pos, heading, np.array(goals, np.int32), _route(SIZE), ROUTE_CELL, RADII[: len(pos)])
    return heading, sides.lane.copy()


def test_people_bound_elsewhere_step_to_their_left_from_the_far_end_of_a_corridor() -> None:
    heading, lane = _meet(25.0, (0, 1))
    assert params.KEEP_SIDE == "left"
    # Each turns to his own left: the eastbound north (+y), the westbound south.
    assert heading[0, 1] > 0.1 and heading[1, 1] < -0.1
    assert lane[0, 1] > 0.1 and lane[1, 1] < -0.1
    assert np.allclose(lane[:, 0], 0.0)


def test_people_converging_on_their_own_goal_do_not_step_aside_for_each_other() -> None:
    # Beyond the near look, only the far one sees them, and it ignores one's own goal.
    heading, lane = _meet(25.0, (1, 1))
    assert np.allclose(lane, 0.0)
    assert np.allclose(heading, [[1.0, 0.0], [-1.0, 0.0]])


def test_close_by_anyone_coming_towards_one_turns_one_but_only_those_bound_elsewhere_ask_a_step() -> None:
    heading, lane = _meet(6.0, (1, 1))  # the near look: the rule single-goal crowds were tuned with
    assert heading[0, 1] > 0.1 and heading[1, 1] < -0.1
    assert np.allclose(lane, 0.0)


@pytest.mark.parametrize("gap_m", [25.0, 6.0])  # the far grid, the near one
def test_the_grids_are_left_empty_so_that_each_step_sees_only_its_own_crowd(gap_m: float) -> None:
    sides = KeepSide(2, SIZE, _open(SIZE))
    walking = np.ones(2, bool)
    pos = np.array([[10.0, 6.2], [10.0 + gap_m, 6.2]])
    first = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(walking, pos, first, np.array([0, 1], np.int32), _route(SIZE), ROUTE_CELL, RADII[: len(pos)])
    assert first[0, 1] > 0.1
    # The next step the westbound one has left: the eastbound one sees nobody and walks on.
    alone = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(np.array([True, False]), pos, alone, np.array([0, 1], np.int32), _route(SIZE), ROUTE_CELL, RADII[: len(pos)])
    assert np.allclose(alone[0], [1.0, 0.0])
    assert np.allclose(sides.lane, 0.0)


def test_people_of_ones_own_goal_walking_ones_way_cancel_a_lone_one_coming_the_other_way() -> None:
    def first_turn(followers: int) -> float:
        pos = np.array([[10.0, 6.2]] + [[30.0, 6.2]] * (followers + 1))
        heading = np.array([[1.0, 0.0]] + [[1.0, 0.0]] * followers + [[-1.0, 0.0]])
        goal = np.array([0] * (followers + 1) + [1], np.int32)
        KeepSide(len(pos), SIZE, _open(SIZE)).update(np.ones(len(pos), bool), pos, heading, goal, _route(SIZE), ROUTE_CELL,
                                                      RADII[: len(pos)])
        return float(heading[0, 1])

    assert first_turn(0) > 0.1  # 20 m ahead, one coming the other way: keep left
    assert first_turn(3) == 0.0  # three walking one's way beside him: following them needs no turn


def test_the_near_look_is_the_rule_single_goal_crowds_were_tuned_with() -> None:
    """On a random crowd with one goal, the turn is the old rule's: the walking directions
    summed on a 1 m grid, the net flow towards one at 1-12 m ahead, nobody asked to step aside."""
    rng = np.random.default_rng(7)
    n = 200
    pos = rng.uniform((0.0, 0.0), SIZE, (n, 2))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    heading = np.column_stack((np.cos(angle), np.sin(angle)))
    walking = rng.random(n) < 0.9
    expected = heading.copy()
    flux = np.zeros((int(SIZE[1]) + 1, int(SIZE[0]) + 1, 2))
    cell = lambda p: (min(max(int(p[1]), 0), flux.shape[0] - 1), min(max(int(p[0]), 0), flux.shape[1] - 1))  # noqa: E731
    for i in np.flatnonzero(walking):
        flux[cell(pos[i])] += heading[i]
    points = [d for d in params.LANE_LOOKAHEAD_M if d <= params.LANE_NEAR_M]
    for i in np.flatnonzero(walking):
        hx, hy = heading[i]
        oncoming = sum(max(0.0, -(flux[cell(pos[i] + heading[i] * d)] @ heading[i])) for d in points)
        w = params.LANE_STEER * min(oncoming / (len(points) * 1.0 * 1.0 * params.LANE_FULL_DENSITY_PPM2), 1.0)
        if w > 0.0:
            x, y = hx - w * hy, hy + w * hx
            expected[i] = (x / np.sqrt(x * x + y * y), y / np.sqrt(x * x + y * y))
    sides = KeepSide(n, SIZE, _open(SIZE))
    sides.update(walking, pos, heading, np.zeros(n, np.int32), _route(SIZE), ROUTE_CELL, RADII[: len(pos)])
    assert (heading != np.column_stack((np.cos(angle), np.sin(angle)))).any()  # some were turned
    assert np.allclose(heading, expected, rtol=0.0, atol=1e-12)  # to rounding: the kernel sums in its own order
    assert not sides.lane.any()


def test_with_nobody_bound_elsewhere_the_skipped_far_look_changes_nothing() -> None:
    """With one goal the far look is skipped (it would see nobody coming the other way): the
    turns are bit for bit those of the whole computation, which one walker bound elsewhere, far
    out of everyone's sight, switches on."""
    rng = np.random.default_rng(11)
    n, size = 300, (120.0, 12.0)
    pos = np.vstack((rng.uniform((0.0, 0.0), (50.0, 12.0), (n, 2)), [[115.0, 6.0]]))
    angle = rng.uniform(0.0, 2 * np.pi, n + 1)
    start = np.column_stack((np.cos(angle), np.sin(angle)))
    route = _route(size)

    def turned(with_other: bool) -> np.ndarray:
        heading = start.copy()
        walking = np.ones(n + 1, bool)
        walking[n] = with_other
        KeepSide(n + 1, size, _open(size)).update(walking, pos, heading, np.array([0] * n + [1], np.int32), route, ROUTE_CELL,
                                     RADII[: n + 1])
        return heading[:n]

    alone = turned(False)
    assert (alone != start[:n]).any()  # the near look turned some
    assert np.array_equal(alone, turned(True))


def _round_the_corner(bend: bool, stream: str) -> np.ndarray:
    """A walker at (10, 3) whose way leads north, and (`bend`) east from y = 6 on, as into a
    corridor's mouth from a room; a stream of 21 people bound elsewhere, 0.5 m apart, walks
    towards the corner: `stream` "east" comes west along y = 7.2 from x = 20 on (on his way round
    the bend), "north" comes south along x = 10 from y = 17 on (on his straight line, off his way
    if it bends). His walking direction after one update."""
    size = (40.0, 40.0)
    route = _route(size, (0.0, 1.0), (-1.0, 0.0) if stream == "east" else (0.0, -1.0))
    if bend:
        route[0, int(6.0 / ROUTE_CELL):, :] = (1.0, 0.0)
    far = np.linspace(20.0, 30.0, 21)
    others = (np.column_stack((far, np.full(21, 7.2))) if stream == "east"
              else np.column_stack((np.full(21, 10.0), far - 3.0)))
    return _walker_turned(size, route, (10.0, 3.0), (0.0, 1.0), others, route[1, 0, 0])


def _walker_turned(size: tuple[float, float], route: np.ndarray, at: tuple[float, float],
                   heading: tuple[float, float], stream: np.ndarray, stream_heading: np.ndarray) -> np.ndarray:
    """One walker of goal 0 `at`, walking `heading`, and a stream of goal 1 at the points
    `stream`, all walking `stream_heading`: the walker's direction after one update."""
    pos = np.vstack((at, stream))
    headings = np.vstack((heading, np.tile(stream_heading, (len(stream), 1))))
    goal = np.array([0] + [1] * len(stream), np.int32)
    KeepSide(len(pos), size, _open(size)).update(np.ones(len(pos), bool), pos, headings, goal, route, ROUTE_CELL,
                                                 RADII[: len(pos)])
    return headings[0]


def test_the_far_look_follows_ones_way_round_a_corner() -> None:
    # Looking straight north he sees nobody coming; following his way east he meets the stream.
    assert _round_the_corner(bend=True, stream="east")[0] < -0.1  # turned to his left (west)
    assert np.allclose(_round_the_corner(bend=False, stream="east"), [0.0, 1.0])


def test_people_on_ones_straight_line_but_off_ones_way_do_not_turn_one() -> None:
    # Beyond the near look (14-24 m north), those coming south meet him only if he walked on north.
    assert _round_the_corner(bend=False, stream="north")[0] < -0.1
    assert np.allclose(_round_the_corner(bend=True, stream="north"), [0.0, 1.0])


def test_one_fleeing_off_his_way_looks_straight_ahead() -> None:
    # His way leads north, but he runs east (from tear gas): a stream bound elsewhere comes west
    # along his line from 14 m on, beyond the near look; following his way north he would miss it.
    size = (40.0, 40.0)
    route = _route(size, (0.0, 1.0), (-1.0, 0.0))
    others = np.column_stack((np.linspace(24.0, 34.0, 21), np.full(21, 3.2)))
    heading = _walker_turned(size, route, (10.0, 3.2), (1.0, 0.0), others, np.array([-1.0, 0.0]))
    assert heading[1] > 0.1  # turned to his left (north) from those coming towards him


def _beside_a_wall(from_wall_m: float, *, wall: bool, near: bool) -> tuple[np.ndarray, np.ndarray]:
    """A walker of radius 0.25 m walking east `from_wall_m` (centre to surface) below a wall on
    his left (north) at y = 8, and a stream bound elsewhere coming west on his line: from 6 m
    ahead (`near`, the near look sees it too) or from 16 m (the far look only). His walking
    direction and step aside after one update, with the wall there (`wall`) or an open map."""
    y = 8.0 - from_wall_m
    ahead = 6.0 if near else 16.0
    pos = np.vstack(([10.0, y], np.column_stack((np.linspace(10.0 + ahead, 30.0, 15), np.full(15, y)))))
    heading = np.vstack(([1.0, 0.0], np.tile([-1.0, 0.0], (15, 1))))
    north = Obstacle("north", ObstacleKind.WALL, Rect((0.0, 8.0), (60.0, 9.0)))
    walls = WallField(replace(square(size=SIZE), obstacles=(north,)))
    sides = KeepSide(len(pos), SIZE, walls if wall else _open(SIZE))
    goal = np.array([0] + [1] * 15, np.int32)
    sides.update(np.ones(len(pos), bool), pos, heading, goal, _route(SIZE), ROUTE_CELL, RADII[: len(pos)])
    return heading[0], sides.lane[0].copy()


@pytest.mark.parametrize("near", [True, False])
def test_one_does_not_keep_his_side_into_a_wall(near: bool) -> None:
    # On an open map he turns to his left from those coming towards him ...
    heading, lane = _beside_a_wall(0.5, wall=False, near=near)
    assert heading[1] > 0.1 and (near or lane[1] > 0.1)
    # ... but with a wall half a metre to his left, turning would walk him into it within
    # LANE_WALL_LOOK_M: he walks on straight, and is asked no step aside.
    heading, lane = _beside_a_wall(0.5, wall=True, near=near)
    assert np.allclose(heading, [1.0, 0.0]) and np.allclose(lane, 0.0)
    # Two metres from it he has room: he turns as on the open map.
    assert np.allclose(_beside_a_wall(2.0, wall=True, near=near)[0], _beside_a_wall(2.0, wall=False, near=near)[0])
    assert _beside_a_wall(2.0, wall=True, near=near)[0][1] > 0.1


def _turned_by(wall: Rect, at: tuple[float, float]) -> np.ndarray:
    """A walker of radius 0.25 m at `at` walking east, a wall `wall`, and a stream bound elsewhere
    coming west on his line from 16 m ahead (the far look sees it): his walking direction after
    one update."""
    pos = np.vstack((at, np.column_stack((np.linspace(at[0] + 16.0, at[0] + 30.0, 15), np.full(15, at[1])))))
    heading = np.vstack(([1.0, 0.0], np.tile([-1.0, 0.0], (15, 1))))
    walls = WallField(replace(square(size=(60.0, 20.0)), obstacles=(Obstacle("w", ObstacleKind.WALL, wall),)))
    goal = np.array([0] + [1] * 15, np.int32)
    KeepSide(len(pos), (60.0, 20.0), walls).update(np.ones(len(pos), bool), pos, heading, goal,
                                                   _route((60.0, 20.0)), ROUTE_CELL, RADII[: len(pos)])
    return heading[0]


def test_turning_away_from_a_wall_ahead_is_never_stopped():
    # A wall across his way 0.95 m ahead: straight on, he walks into it sooner than turned (whose
    # point 1 m ahead still touches it), so the turn to his side is taken.
    assert _turned_by(Rect((10.95, 0.0), (12.0, 20.0)), (10.0, 10.0))[1] > 0.1
