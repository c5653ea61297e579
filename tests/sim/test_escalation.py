"""The escalation of a riot at a guarded gate (issue 18): a crowd left standing at the line with
no one talking to it hardens, its rioters turn agresif under the cover of the aroused crowd and
throw stones from behind the front ranks, in range of the line; talking with the crowd early
keeps its trust and leaves the rioters isolated, so nothing is thrown (ESIM).

The protest of tests/sim/protest.py with one marcher in ten a perusuh, everyone making for the
yard behind the line (a protected zone), and a bitter crowd (hardship 0.65, legitimacy 0.45)."""

from __future__ import annotations

import numpy as np
import pytest
from protest import protest
from scipy.spatial import cKDTree

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.riot.projectiles import THROW_MAX_M, THROW_MIN_M
from sispam.sim.scenario import Colour
from sispam.sim.world import World

UNTIL_S = 280.0


def riot(*orders: Order) -> World:
    w = World(protest(rioters=0.1, storm=True, legitimacy=0.45, hardship=0.65))
    for o in orders:
        w.command.issue(o)
    w.run_until(UNTIL_S)
    return w


@pytest.fixture(scope="module")
def ignored() -> World:
    return riot()


@pytest.fixture(scope="module")
def talked() -> World:
    return riot(Order(10.0, "nego", OrderKind.NEGOTIATE, duration_s=400.0))


def test_an_unaddressed_crowd_hardens_and_goes_merah(ignored):
    start = ignored.mood.history[1]["legitimacy"]
    assert ignored.mood.counts()["legitimacy"] < start - 0.2
    assert ignored.situation.worst is Colour.MERAH
    assert ignored.riot.projectiles.thrown >= 20  # stones in volleys, not one or two


def test_stone_throwers_stand_back_in_range_of_the_line(ignored):
    w = ignored
    b, c = w.bodies, w.crowd
    agresif = np.flatnonzero(w.riot.free() & (c.behaviour() == Behaviour.AGRESIF))
    assert len(agresif) >= 10
    officers = b.n_crowd + np.flatnonzero(b.state[b.n_crowd:] == BodyState.ACTIVE)
    gap, _ = cKDTree(b.pos[officers]).query(b.pos[agresif])
    assert THROW_MIN_M <= np.median(gap) <= THROW_MAX_M  # behind the front ranks, in throwing range
    assert np.mean(gap >= THROW_MIN_M) > 0.7


def test_talking_early_keeps_the_crowd_and_isolates_its_rioters(ignored, talked):
    assert talked.situation.worst is not Colour.MERAH
    assert talked.riot.projectiles.thrown == 0
    assert talked.mood.counts()["agresif"] == 0
    assert talked.mood.counts()["legitimacy"] > ignored.mood.counts()["legitimacy"] + 0.4
    assert not talked.ladder.violations
