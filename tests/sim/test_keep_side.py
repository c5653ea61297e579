"""Keeping a side (sispam/sim/keep_side.py): who makes whom step aside, and how far ahead."""

from __future__ import annotations

import numpy as np
import pytest

from sispam.sim import params
from sispam.sim.keep_side import KeepSide

SIZE = (60.0, 12.0)


def _meet(gap_m: float, goals: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Two walkers on one line, `gap_m` apart, walking towards each other (the west one east):
    their walking directions and steps aside after one update."""
    pos = np.array([[10.0, 6.2], [10.0 + gap_m, 6.2]])
    heading = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides = KeepSide(2, SIZE)
    sides.update(np.ones(2, bool), pos, heading, np.array(goals, np.int32))
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
    sides = KeepSide(2, SIZE)
    walking = np.ones(2, bool)
    pos = np.array([[10.0, 6.2], [10.0 + gap_m, 6.2]])
    first = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(walking, pos, first, np.array([0, 1], np.int32))
    assert first[0, 1] > 0.1
    # The next step the westbound one has left: the eastbound one sees nobody and walks on.
    alone = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(np.array([True, False]), pos, alone, np.array([0, 1], np.int32))
    assert np.allclose(alone[0], [1.0, 0.0])
    assert np.allclose(sides.lane, 0.0)


def test_people_of_ones_own_goal_walking_ones_way_cancel_a_lone_one_coming_the_other_way() -> None:
    def first_turn(followers: int) -> float:
        pos = np.array([[10.0, 6.2]] + [[30.0, 6.2]] * (followers + 1))
        heading = np.array([[1.0, 0.0]] + [[1.0, 0.0]] * followers + [[-1.0, 0.0]])
        goal = np.array([0] * (followers + 1) + [1], np.int32)
        KeepSide(len(pos), SIZE).update(np.ones(len(pos), bool), pos, heading, goal)
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
    sides = KeepSide(n, SIZE)
    sides.update(walking, pos, heading, np.zeros(n, np.int32))
    assert (heading != np.column_stack((np.cos(angle), np.sin(angle)))).any()  # some were turned
    assert np.allclose(heading, expected, rtol=0.0, atol=1e-12)  # to rounding: the kernel sums in its own order
    assert not sides.lane.any()
