"""Rapatkan barisan: when officers of a shield line fall, the men on their feet close the ranks
over them (the rear rank steps into the front's gap), and a line that would otherwise be broken
through the gap holds."""

from __future__ import annotations

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.sim.bodies import BodyState
from sispam.sim.police import movement
from sispam.sim.world import World

FALL_S, END_S = 20.0, 80.0


def _fell_front(w: World, k: int) -> np.ndarray:
    """Knock down the `k` middle men of the front rank (as stones or the crowd's load would)."""
    idx = w.units[0].indices
    front = idx[np.argsort(w.bodies.pos[idx, 1])[: len(idx) // 2]]  # the crowd comes from the south
    front = front[np.argsort(w.bodies.pos[front, 0])]
    fallen = front[len(front) // 2 - k // 2: len(front) // 2 - k // 2 + k]
    for i in fallen:
        w.bodies.state[i] = BodyState.DOWN
        w.officer_fell(int(i))
    return fallen


def _run(seed: int) -> World:
    w = World(push_against_line(people=300, agitation=0.8, seed=seed))
    w.run_until(FALL_S)
    _fell_front(w, 2)
    w.run_until(END_S)
    return w


def test_the_rear_rank_steps_into_the_gap_of_the_fallen(monkeypatch):
    w = World(push_against_line(people=0, agitation=0.0))
    w.run_until(5.0)
    unit = w.units[0]
    rows = unit.indices - w.bodies.n_crowd
    front_y = w.officers.target[rows, 1].min()
    front_before = np.sort(w.officers.target[rows][np.isclose(w.officers.target[rows, 1], front_y), 0])
    fallen = _fell_front(w, 2)
    assert any(e.kind == "ranks_closed" for e in w.events)
    up = np.isin(unit.indices, fallen, invert=True)
    targets = w.officers.target[rows[up]]
    front_after = np.sort(targets[np.isclose(targets[:, 1], front_y), 0])
    # The front keeps its full frontage and spacing: as many men as before, in the same places.
    assert front_after == pytest.approx(front_before, abs=1e-6)
    w.run_until(15.0)
    pos = w.bodies.pos[unit.indices[up]]
    on_front = np.abs(pos[:, 1] - front_y) < 0.2
    assert on_front.sum() == len(front_before)  # the rear men got there


# Surveyed on seeds 1-12 (since a fully agitated person leans with 0.08 of his weight, December
# 2026): the open gap lets 68-69 through on seeds 4 and 9, 1-8 on 2, 3, 5, 7, 8 and 11 and nobody
# on 1, 6, 10 and 12 (there the press is not at the fallen men's place, or not hard enough to
# squeeze through two men's width); the closed line lets nobody through on all twelve. The test
# takes the two seeds where the open gap is the control it needs.
@pytest.mark.parametrize("seed", [4, 9])
def test_a_line_that_closes_its_ranks_holds_where_the_gap_let_the_crowd_through(seed, monkeypatch):
    closed = _run(seed)
    monkeypatch.setattr(movement.Lines, "close_ranks", lambda self, unit: False)
    open_line = _run(seed)
    assert open_line.breaches > 20  # 300 people at agitation 0.8 pour through two men's gap
    assert closed.breaches == 0
