"""The escalation of a riot at a guarded gate (issue 18): a crowd left standing at the line with
no one talking to it hardens, its rioters turn agresif under the cover of the aroused crowd and
throw stones from behind the front ranks, in range of the line; talking with the crowd early
keeps its trust and leaves the rioters isolated, so nothing is thrown (ESIM); once it is a riot,
the dispersal order makes tear gas lawful on those who stay, and the gas stops the stones.

The protest of tests/sim/protest.py with one marcher in ten a perusuh, everyone making for the
yard behind the line (a protected zone), and a bitter crowd (hardship 0.65, legitimacy 0.45)."""

from __future__ import annotations

import numpy as np
import pytest
from protest import protest
from scipy.spatial import cKDTree

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.police.ladder import DISPERSAL_GRACE_S
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.riot.projectiles import THROW_MAX_M, THROW_MIN_M
from sispam.sim.scenario import Colour, Role
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
    perusuh = c.role == Crowd.ROLES.index(Role.PERUSUH)  # the rioters who came with stones
    agresif = np.flatnonzero(w.riot.free() & (c.behaviour() == Behaviour.AGRESIF) & perusuh)
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



def test_in_a_riot_tear_gas_after_a_dispersal_order_is_lawful_and_stops_the_stones():
    w = World(protest(rioters=0.1, storm=True, legitimacy=0.45, hardship=0.65))
    w.run_until(UNTIL_S)
    assert w.situation.colour is Colour.MERAH
    w.command.issue(Order(w.t, "lini", OrderKind.DISPERSAL_ORDER, duration_s=20.0))
    spray_t = UNTIL_S + DISPERSAL_GRACE_S + 10.0  # the grace after the order, and ten seconds
    w.run_until(spray_t - 60.0)
    t0 = w.riot.projectiles.thrown
    w.run_until(spray_t)
    thrown_before = w.riot.projectiles.thrown - t0  # in the minute before the spray
    agresif = w.riot.free() & (w.crowd.behaviour() == Behaviour.AGRESIF)
    throwers = w.bodies.pos[: w.bodies.n_crowd][agresif].mean(axis=0)
    w.command.issue(Order(w.t, "lini", OrderKind.TEAR_GAS, point=tuple(throwers)))  # the line's launchers
    w.run_until(spray_t + 60.0)
    [app] = [a for a in w.ladder.applications.values() if a.kind == "tear_gas"]
    assert app.touched.sum() >= 10 and app.by_class[:3].sum() > 0  # not only agresif people ...
    assert not app.violation  # ... but all of them stayed in a riot after the order
    assert thrown_before >= 10
    assert w.riot.projectiles.thrown - t0 - thrown_before < 0.5 * thrown_before  # the minute after it
    assert w.mood.counts()["agresif"] < 0.75 * agresif.sum()  # and fewer attack a minute later


def test_only_a_line_pushed_hard_reads_as_dorong_mendorong() -> None:
    """The walkthrough's arrest team wading into the crowd (2.7 kN on its officers) turned the
    situation kuning as "the line pushed hard", with the Dalmas line at 1.3 kN: only a line
    unit's load is a line pushed."""
    from sispam.level import load_level
    from sispam.resources import shipped_level
    from sispam.sim.police.orders import LINE_UNITS
    from sispam.sim.situation import PUSHING_N

    w = World(load_level(shipped_level("campaign_3_provokator")))
    w.run_until(1.0)
    team = next(k for k, u in enumerate(w.units) if u.type.value == "tim_tangkap" and u.arrived)
    line = next(k for k, u in enumerate(w.units) if u.type in LINE_UNITS and u.arrived)
    assert w.situation.read() == (Colour.HIJAU, None)
    w.measure.line_load_n[team] = 2.0 * PUSHING_N
    w.measure.line_load_n[line] = 0.5 * PUSHING_N
    assert w.situation.read() == (Colour.HIJAU, None)
    w.measure.line_load_n[line] = 1.2 * PUSHING_N
    assert w.situation.read() == (Colour.KUNING, "pushed")
