"""When force on people who are not aktif is lawful: after a lawful dispersal order (perintah
pembubaran, UU 9/1998) those who stay may be dispersed, before it the same sweep is a violation;
after the same order given in a riot (merah), water cannon on those who stay is lawful, in a
kuning assembly it is not; arresting a provokator who incites is lawful (Protap 1/X/2010, ambang
gangguan), arresting an ordinary passive marcher is not."""

from __future__ import annotations

import numpy as np
import pytest

from sispam.sim.crowd import Crowd
from sispam.sim.police.ladder import DISPERSAL_GRACE_S
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Role, UnitType
from sispam.sim.world import World
from tests.sim.gathering import CENTRE, gathering, unit

PEOPLE = 60
_PROVOKATOR = Crowd.ROLES.index(Role.PROVOKATOR)


def _square(disorderly: bool = True, riot: bool = False) -> World:
    """60 people on the square: passive (pasif), with ten orderly and, if `disorderly`, six
    resisting (aktif), which makes the situation kuning; if `riot`, those six attack (agresif),
    which makes it merah."""
    units = (unit("nego", UnitType.NEGOSIATOR, 2), unit("raimas", UnitType.RAIMAS, 10, y=12.0),
             unit("tangkap", UnitType.TIM_TANGKAP, 8, y=28.0), unit("awc", UnitType.WATER_CANNON, 3, y=4.0))
    w = World(gathering(people=PEOPLE, agitation=0.5, units=units))
    c = w.crowd
    massa = np.flatnonzero(c.role[:PEOPLE] != _PROVOKATOR)
    c.agitation[massa[:10]] = 0.1  # tertib
    if disorderly:
        c.agitation[massa[10:16]] = 0.95 if riot else 0.75
    w.run_until(3.0)
    return w


def _sweep(w: World, t: float) -> bool:
    """Raimas sweeps the gathering at `t`; whether that was a force violation."""
    issued = w.command.issue(Order(t, "raimas", OrderKind.DISPERSE, point=CENTRE, duration_s=10.0))
    w.run_until(t + 15.0)
    app = w.ladder.applications[issued.id]
    assert app.touched.sum() >= 10  # the sweep reached the crowd
    return app.violation


def test_a_dispersal_order_is_refused_while_the_assembly_is_orderly():
    w = _square(disorderly=False)
    assert str(w.situation.colour) == "hijau"
    issued = w.command.issue(Order(w.t, "nego", OrderKind.DISPERSAL_ORDER))
    w.run_until(10.0)
    assert "refused" in issued.outcome and "UU 9/1998" in issued.outcome["refused"]
    assert np.isinf(w.crowd.dispersal_heard_t).all()
    assert any(e.kind == "dispersal_refused" for e in w.events)


def test_dispersing_a_passive_crowd_is_a_violation_before_the_order_and_lawful_after_it():
    before = _square()
    assert str(before.situation.colour) == "kuning"
    assert _sweep(before, 5.0)  # stage 4 on people who are only pasif

    after = _square()
    order = after.command.issue(Order(after.t, "nego", OrderKind.DISPERSAL_ORDER, duration_s=10.0))
    after.run_until(8.0)
    heard = np.isfinite(after.crowd.dispersal_heard_t[:PEOPLE])
    assert heard.sum() >= PEOPLE - 2  # everyone on the square heard it
    assert order.outcome["went_home"] == 10  # the orderly go home
    went = after.crowd.goal_is_exit[:PEOPLE]
    assert went.sum() == 10 and (after.crowd.agitation[:PEOPLE][went] < 0.3).all()
    assert not _sweep(after, 5.0 + DISPERSAL_GRACE_S + 2.0)  # those who stayed are no lawful assembly
    assert after.ladder.max_stage == 4 and not after.ladder.violations


def test_the_grace_after_the_order_is_kept():
    w = _square()
    w.command.issue(Order(w.t, "nego", OrderKind.DISPERSAL_ORDER, duration_s=10.0))
    assert _sweep(w, 10.0)  # a few seconds after the order: still a violation


@pytest.mark.parametrize(("role", "lawful"), [("provokator", True), ("massa", False)])
def test_arresting_an_inciting_provokator_is_lawful_and_a_passive_marcher_is_not(role, lawful):
    w = _square(disorderly=False)
    c = w.crowd
    pick = _PROVOKATOR if role == "provokator" else Crowd.ROLES.index(Role.MASSA)
    target = int(np.flatnonzero((c.role[:PEOPLE] == pick) & (c.agitation[:PEOPLE] == 0.5))[0])
    issued = w.command.issue(Order(w.t, "tangkap", OrderKind.ARREST, person=target))
    w.run_until(30.0)
    app = w.ladder.applications[issued.id]
    assert app.touched[target] and app.by_class[1] == 1  # one pasif man, seized
    assert app.violation is not lawful
    assert w.ladder.audit()[0]["lawful_exceptions"] == (1 if lawful else 0)


@pytest.mark.parametrize(("riot", "lawful"), [(True, True), (False, False)])
def test_water_cannon_after_a_dispersal_order_is_lawful_in_a_riot_only(riot, lawful):
    w = _square(riot=riot)
    assert str(w.situation.colour) == ("merah" if riot else "kuning")
    w.command.issue(Order(w.t, "nego", OrderKind.DISPERSAL_ORDER, duration_s=10.0))
    t = 5.0 + DISPERSAL_GRACE_S
    w.run_until(t)
    assert bool(w.crowd.dispersal_in_riot[:PEOPLE].any()) is riot
    issued = w.command.issue(Order(t, "awc", OrderKind.WATER_CANNON, point=CENTRE, duration_s=8.0))
    w.run_until(t + 20.0)
    app = w.ladder.applications[issued.id]
    assert app.touched.sum() >= 20 and app.by_class[3] <= 6  # mostly people who do not attack
    assert app.violation is not lawful
    assert w.ladder.max_stage == 5
