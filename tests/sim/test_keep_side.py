"""Keeping a side (sispam/sim/keep_side.py): who makes whom step aside, and how far ahead."""

from __future__ import annotations

import numpy as np

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


def test_the_grids_are_left_empty_so_that_each_step_sees_only_its_own_crowd() -> None:
    sides = KeepSide(2, SIZE)
    walking = np.ones(2, bool)
    pos = np.array([[10.0, 6.2], [35.0, 6.2]])
    first = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(walking, pos, first, np.array([0, 1], np.int32))
    # The next step the westbound one has left: the eastbound one sees nobody and walks on.
    alone = np.array([[1.0, 0.0], [-1.0, 0.0]])
    sides.update(np.array([True, False]), pos, alone, np.array([0, 1], np.int32))
    assert np.allclose(alone[0], [1.0, 0.0])
    assert np.allclose(sides.lane, 0.0)
