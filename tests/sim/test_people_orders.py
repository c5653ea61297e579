"""Orders acting on people other than arrest: medics evacuate a casualty, a negotiator talks
with a korlap, a loudspeaker appeal is heard within earshot, Raimas disperses a gathering."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from sispam.sim import crowd
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.geometry import points_in_shape
from sispam.sim.police import appeal, negotiate
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Role, UnitType
from sispam.sim.world import World
from tests.sim.gathering import CENTRE, gathering, unit


def _events(w: World, prefix: str) -> dict[str, dict]:
    """The last event of each kind starting with `prefix`."""
    return {e.kind: e.detail | {"t": e.t} for e in w.events if e.kind.startswith(prefix)}


def _near_centre(w: World, people: int, radius_m: float) -> int:
    b = w.bodies
    here = b.state[:people] == BodyState.ACTIVE
    return int((here & (np.hypot(*(b.pos[:people] - np.array(CENTRE)).T) < radius_m)).sum())


# --- evacuate -------------------------------------------------------------------------------


def test_medics_carry_the_casualty_to_the_ambulance_point_where_he_leaves_the_map():
    w = World(gathering(people=40, units=(unit("medis", UnitType.AMBULANCE, 3, x=8.0, y=8.0),)))
    w.run_until(10.0)
    casualty = int(np.argmin(np.hypot(*(w.bodies.pos[:40] - np.array(CENTRE)).T)))
    w.bodies.state[casualty] = BodyState.INJURED  # as if crushed: the world's own injury state
    w.command.issue(Order(10.0, "medis", OrderKind.EVACUATE, point=CENTRE))
    w.run_until(100.0)
    ev = _events(w, "evacuation")
    assert "evacuation_failed" not in ev
    assert ev["evacuation_started"]["person"] == casualty
    assert ev["evacuation_started"]["t"] < ev["evacuation_picked_up"]["t"] < ev["evacuation_completed"]["t"]
    assert w.bodies.state[casualty] == BodyState.EVACUATED and w._pymunk_bodies[casualty] is None
    ambulance = w.scenario.zone("ambulans").shape
    assert points_in_shape(w.bodies.pos[casualty][None], ambulance)[0]
    assert not w.crowd.carried.any()
    assert w.command.log[0].outcome["result"] == "evacuated"


def test_an_evacuation_with_no_casualty_fails():
    w = World(gathering(people=20, units=(unit("medis", UnitType.AMBULANCE, 3),)))
    w.command.issue(Order(1.0, "medis", OrderKind.EVACUATE))
    w.run_until(5.0)
    assert _events(w, "evacuation")["evacuation_failed"]["reason"] == "no_casualty"


# --- negotiate ------------------------------------------------------------------------------


def test_the_negotiator_walks_to_the_korlap_and_talks_while_the_order_lasts():
    w = World(gathering(people=40, units=(unit("nego", UnitType.NEGOSIATOR, 2),)))
    w.command.issue(Order(5.0, "nego", OrderKind.NEGOTIATE, duration_s=15.0))
    w.run_until(50.0)
    ev = _events(w, "negotiation")
    korlap = ev["negotiation_started"]["korlap"]
    assert Crowd.ROLES[w.crowd.role[korlap]] is Role.KORLAP
    assert ev["negotiation_talking"]["t"] < ev["negotiation_ended"]["t"]
    reports = [e.detail["talked_s"] for e in w.events if e.kind == "negotiation"]
    assert reports == [5.0, 10.0, 15.0]  # every 5 s of talk
    talked = w.crowd.negotiated_s
    assert np.flatnonzero(talked).tolist() == [korlap]
    assert abs(talked[korlap] - 15.0) < 0.1
    assert w.ladder.applications[0].stage == 2 and not w.ladder.violations


def test_a_korlap_the_negotiators_have_not_reached_is_called_forward_and_then_goes_back():
    w = World(gathering(people=150, units=(unit("nego", UnitType.NEGOSIATOR, 2, x=3.0),)))
    korlaps = np.flatnonzero(w.crowd.role[:150] == Crowd.ROLES.index(Role.KORLAP))
    goal = w.crowd.goal[korlaps].copy()
    w.command.issue(Order(5.0, "nego", OrderKind.NEGOTIATE, duration_s=10.0))
    w.run_until(90.0)
    ev = _events(w, "korlap_called")
    korlap = ev["korlap_called"]["korlap"]
    assert ev["korlap_called"]["t"] >= 5.0 + negotiate.CALL_AFTER_S - 0.1
    assert _events(w, "negotiation")["negotiation_ended"]["korlap"] == korlap
    assert np.array_equal(w.crowd.goal[korlaps], goal)  # back to his crowd's goal


def test_a_called_korlap_presses_through_his_people_towards_where_the_negotiators_have_got_to(monkeypatch):
    # Called from where the negotiators stood (possibly behind a police line), a korlap must
    # follow them as they walk out to meet him, and press through the crowd, not wait in it;
    # each call plans a route over the map, so calls come at most every RECALL_EVERY_S. Here
    # he is called while they still walk, 2 s after the order, and may be called on every second.
    monkeypatch.setattr(negotiate, "CALL_AFTER_S", 2.0)
    monkeypatch.setattr(negotiate, "RECALL_EVERY_S", 1.0)
    w = World(gathering(people=150, units=(unit("nego", UnitType.NEGOSIATOR, 2, x=3.0),)))
    nego = w.units[0]
    w.command.issue(Order(5.0, "nego", OrderKind.NEGOTIATE, duration_s=10.0))
    points: list[tuple[float, np.ndarray]] = []  # (time, the point he is called to) at each new call
    lag_m = negotiate.RECALL_M + negotiate.WALK_MPS * negotiate.RECALL_EVERY_S + 0.75  # whole metres
    while "negotiation_talking" not in _events(w, "negotiation") and w.t < 60.0:
        w.run_until(w.t + 0.5)
        called = _events(w, "korlap_called")
        if not called:
            continue
        korlap = called["korlap_called"]["korlap"]
        assert w.crowd.called[korlap] and w.crowd.push_effort()[korlap] >= crowd.CALLED_EFFORT
        kind, text = w.nav.goals[w.crowd.goal[korlap]]
        point = np.array([float(v) for v in text.split(",")])
        if not points or not np.array_equal(points[-1][1], point):
            points.append((w.t, point))
        here = w.bodies.pos[w.standing(nego)].mean(axis=0)
        assert kind == "point" and np.hypot(*(point - here)) <= lag_m
    assert "negotiation_talking" in _events(w, "negotiation")
    assert len(points) >= 2  # called on to where they had got to
    assert all(b[0] - a[0] >= negotiate.RECALL_EVERY_S - 0.5 for a, b in pairwise(points))
    w.run_until(w.t + 30.0)
    assert "negotiation_ended" in _events(w, "negotiation")
    assert not w.crowd.called.any() and w.crowd.push_effort()[korlap] == w.crowd.agitation[korlap]


def test_a_negotiation_without_a_korlap_fails():
    scn = gathering(people=20, units=(unit("nego", UnitType.NEGOSIATOR, 2),), roles=((Role.MASSA, 1.0),))
    w = World(scn)
    w.command.issue(Order(1.0, "nego", OrderKind.NEGOTIATE))
    w.run_until(5.0)
    assert _events(w, "negotiation")["negotiation_failed"]["reason"] == "no_korlap"


# --- appeal ---------------------------------------------------------------------------------


def test_an_appeal_is_heard_within_earshot_and_counts_as_the_verbal_step(monkeypatch):
    monkeypatch.setattr(appeal, "EARSHOT_M", 21.0)  # the square is too small for the real 50 m
    w = World(gathering(people=60, units=(unit("sabhara", UnitType.DALMAS_AWAL, 6, x=3.0),)))
    w.run_until(10.0)
    w.command.issue(Order(10.0, "sabhara", OrderKind.APPEAL, duration_s=5.0))
    b = w.bodies
    reach = []  # from the nearest officer, when the appeal starts and when it ends (people move)
    for t in (12.5, 17.5):  # the appeal is spoken from 12.5 s (its command delay) to 17.5 s
        w.run_until(t)
        officers = b.pos[w.units[0].indices]
        reach.append(np.hypot(*(b.pos[:60, None, :] - officers[None]).transpose(2, 0, 1)).min(axis=1))
    w.run_until(20.0)
    ev = _events(w, "appeal")
    assert ev["appeal_ended"]["t"] - ev["appeal_started"]["t"] == 5.0
    heard = w.crowd.appeal_heard_s > 0
    assert heard.any() and (~heard).any()
    assert heard[np.maximum(*reach) < 21.0 - 1.0].all() and not heard[np.minimum(*reach) > 21.0 + 1.0].any()
    assert ev["appeal_ended"]["heard"] == int(heard.sum())
    assert not w.ladder.violations
    assert w.ladder.order_effective(99, "gas", "tear_gas", 5) is None  # a later stage-5 order
    assert w.ladder.skipped_steps == 0


# --- disperse -------------------------------------------------------------------------------


def _gathering_after(disperse: bool, exit_zone: bool) -> World:
    w = World(gathering(people=60, units=(unit("raimas", UnitType.RAIMAS, 10, x=4.0),), exit_zone=exit_zone))
    w.run_until(10.0)
    if disperse:
        w.command.issue(Order(10.0, "raimas", OrderKind.DISPERSE, point=CENTRE, duration_s=20.0))
    w.run_until(45.0)
    return w


def test_raimas_disperses_the_crowd_around_the_point_towards_the_exit():
    stays = _gathering_after(disperse=False, exit_zone=True)
    swept = _gathering_after(disperse=True, exit_zone=True)
    assert _near_centre(stays, 60, 6.0) > 40
    assert _near_centre(swept, 60, 6.0) < _near_centre(stays, 60, 6.0) / 2
    c, b = swept.crowd, swept.bodies
    assert c.dispersed.sum() > 30 and (c.goal_is_exit == c.dispersed).all()
    assert (b.state[:60] == BodyState.EXITED).sum() > 10
    app = swept.ladder.applications[0]
    assert app.stage == 4 and (app.touched == c.dispersed).all()


def test_without_an_exit_raimas_drives_the_crowd_away_from_its_line():
    stays = _gathering_after(disperse=False, exit_zone=False)
    swept = _gathering_after(disperse=True, exit_zone=False)
    assert _near_centre(swept, 60, 6.0) < _near_centre(stays, 60, 6.0) / 2
    moved = swept.crowd.dispersed
    # Raimas rode east from the west side: the crowd went further east.
    assert swept.bodies.pos[:60][moved, 0].mean() > stays.bodies.pos[:60][moved, 0].mean() + 5.0


# --- all together ---------------------------------------------------------------------------


def test_orders_on_people_replay_bit_identically():
    def run() -> World:
        units = (unit("tangkap", UnitType.TIM_TANGKAP, 8), unit("raimas", UnitType.RAIMAS, 6, y=10.0),
                 unit("nego", UnitType.NEGOSIATOR, 2, y=30.0))
        w = World(gathering(people=80, units=units))
        w.crowd.agitation[w.crowd.role == Crowd.ROLES.index(Role.PROVOKATOR)] = 0.8  # they resist
        w.command.issue(Order(5.0, "nego", OrderKind.NEGOTIATE))
        w.command.issue(Order(5.0, "tangkap", OrderKind.ARREST, point=CENTRE, role="provokator"))
        w.command.issue(Order(20.0, "raimas", OrderKind.DISPERSE, point=(CENTRE[0], CENTRE[1] - 6.0)))
        w.run_until(35.0)
        return w

    a, b = run(), run()
    assert np.array_equal(a.bodies.pos, b.bodies.pos) and np.array_equal(a.bodies.state, b.bodies.state)
    assert [(e.t, e.kind, e.detail) for e in a.events] == [(e.t, e.kind, e.detail) for e in b.events]
    assert {"arrest_seized", "negotiation_talking", "disperse_started"} <= {e.kind for e in a.events}
