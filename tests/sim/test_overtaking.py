"""Overtaking (motion.py, params at OVERTAKE_SHARE): a calm walker held up by someone who walks
steps round him. The pair pass measures the room beside one's path only for those who may pass
(`overtake_pace_mps`), a shortcut that must not change what anyone does."""

from __future__ import annotations

import numpy as np
import pytest

import sispam.sim.world as world_module
from sispam.sim import motion
from sispam.sim.world import World
from sispam.validate import cases


def positions_after(seconds: float, pace=motion.overtake_pace_mps) -> tuple[np.ndarray, int]:
    """Everyone's position after `seconds` of 60 + 60 counterflow (seed 1), with the room
    measured for those `pace` picks; and how many person-steps someone had room measured."""
    measured = 0
    scan = world_module.scan_neighbours

    def counting_scan(*args):
        nonlocal measured
        near = scan(*args)
        measured += int((~np.isnan(near.room_m[:, 0])).sum())
        return near

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(world_module, "overtake_pace_mps", pace)
        mp.setattr(world_module, "scan_neighbours", counting_scan)
        world = World(cases.counterflow(60, 1, duration_s=seconds).scenario)
        world.run_until(seconds)
    return world.bodies.pos.copy(), measured


def everyone(bodies, *_) -> np.ndarray:
    """Measure the room for every body."""
    return np.full(bodies.state.shape[0], -np.inf)


def nobody(bodies, *_) -> np.ndarray:
    return np.full(bodies.state.shape[0], np.inf)


def test_measuring_the_room_only_for_those_who_may_pass_changes_nothing():
    shortcut, measured = positions_after(20.0)
    full, measured_all = positions_after(20.0, everyone)
    without, _ = positions_after(20.0, nobody)
    assert np.array_equal(shortcut, full)  # bit for bit
    assert 0 < measured < measured_all / 2  # the shortcut skips most people ...
    assert not np.array_equal(shortcut, without)  # ... but not those who do pass
