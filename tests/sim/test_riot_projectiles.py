"""Stones and bottles thrown at a police line: shields up (berlindung) stop the lobs that a
shield held in front lets through, and unshielded, bare-headed Dalmas Awal get hurt most."""

from __future__ import annotations

import dataclasses

import numpy as np
from riot_scenarios import line_facing_group

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.riot import arson, projectiles
from sispam.sim.scenario import Colour, Goal, GoalKind, UnitType
from sispam.sim.world import World

AGRESIF = 0.95


def barrage(unit_type: UnitType, order: OrderKind, seconds: float = 120.0) -> World:
    """The line stands under `order` while the agresif group 12 m in front of it throws."""
    w = World(line_facing_group(unit_type, gap_m=12.0, people=20))
    w.run_until(3.0)
    w.command.issue(Order(w.t, "line", order))
    w.crowd.agitation[:] = AGRESIF
    w.run_until(3.0 + seconds)
    return w


def test_berlindung_protects_a_dalmas_lanjut_line_much_better_than_holding():
    hold = barrage(UnitType.DALMAS_LANJUT, OrderKind.HOLD)
    up = barrage(UnitType.DALMAS_LANJUT, OrderKind.BERLINDUNG)
    h, u = hold.riot.summary()["projectiles"], up.riot.summary()["projectiles"]
    # Both lines are under the same barrage (same seed, a throw every ~10 s per person).
    for s in (h, u):
        assert s["thrown"] > 150 and s["hit"] > 50
    # Holding, a shield in front stops about half the lobs that fall on the line ...
    assert 0.3 < h["blocked"] / h["hit"] < 0.8
    # ... with shields up hardly anything gets through, and nobody is hurt.
    through_hold, through_up = h["hit"] - h["blocked"], u["hit"] - u["blocked"]
    assert through_up <= 0.2 * through_hold
    assert h["injured"] >= 3 and u["injured"] < h["injured"]
    assert hold.injuries["officer"] == h["injured"]
    hits = [e for e in hold.events if e.kind == "officer_hit"]
    assert len(hits) == h["injured"]
    assert all(hold.bodies.state[e.detail["id"]] == BodyState.DOWN for e in hits)
    # Hits tire the officers too; injuries make the situation merah.
    assert hold.officers.fatigue.max() > 0
    assert hold.situation.worst is Colour.MERAH
    # Rioters also set tyres alight in the meantime, never under the shields.
    line_y = hold.scenario.units[0].position[1]
    assert hold.riot.arson.lit
    assert all(line_y - f.pos[1] > arson.OFFICER_CLEAR_M for f in hold.riot.arson.lit)


def test_unshielded_dalmas_awal_are_hurt_more_than_shielded_dalmas_lanjut():
    awal = barrage(UnitType.DALMAS_AWAL, OrderKind.HOLD).riot.summary()["projectiles"]
    lanjut = barrage(UnitType.DALMAS_LANJUT, OrderKind.HOLD).riot.summary()["projectiles"]
    assert awal["blocked"] == 0  # no shields
    # Smaller bodies are hit a little less often, but nothing stops what hits them and they
    # wear no helmets: a hit fells far more of them (the comparison is per hit, as the fallen
    # of either line are replaced by the men behind them as the ranks close).
    assert awal["injured"] / awal["hit"] >= 2 * lanjut["injured"] / lanjut["hit"] and awal["injured"] >= 8


def test_projectiles_fly_as_arrays_and_the_timeline_marks_only_the_first():
    w = World(line_facing_group(UnitType.DALMAS_LANJUT, gap_m=12.0, people=20))
    w.run_until(2.0)
    assert w.riot.summary()["projectiles"]["thrown"] == 0  # calm people throw nothing
    w.crowd.agitation[:] = AGRESIF
    seen = 0
    for _ in range(400):
        w.step()
        p = w.riot.projectiles
        k = len(p.kind)
        assert p.origin.shape == p.landing.shape == (k, 2) and p.t_launch.shape == p.t_land.shape == (k,)
        if k:
            seen += 1
            assert (p.t_launch <= w.t + 1e-9).all() and (p.t_land > w.t).all()
            # Flight time is distance / speed: about a second over 12 m.
            flight = p.t_land - p.t_launch
            dist = np.hypot(*(p.landing - p.origin).T)
            assert np.allclose(flight, dist / np.asarray(projectiles.SPEED_MPS)[p.kind])
            assert (dist > projectiles.THROW_MIN_M - 3).all() and (dist < projectiles.THROW_MAX_M + 5).all()
    assert seen > 50
    assert [e.kind for e in w.events].count("first_projectile") == 1
    assert w.riot.last_throw_t > 2.0
    acts = w.riot.acts_since(w.t - 10.0)
    assert 0 < acts["thrown"] < w.riot.acts_since(0.0)["thrown"]


def test_no_throws_out_of_range():
    w = World(line_facing_group(UnitType.DALMAS_LANJUT, gap_m=projectiles.THROW_MAX_M + 8.0, people=10))
    w.run_until(2.0)
    w.crowd.agitation[:] = AGRESIF
    w.run_until(40.0)
    assert w.riot.summary()["projectiles"]["thrown"] == 0


def test_a_level_without_the_riot_has_agresif_people_who_push_but_throw_nothing():
    """`riot = false` (physics tests): the same agresif crowd facing the same line throws no
    stone and lights no fire, and nobody on the line is hurt; it still walks up and pushes."""
    scenario = line_facing_group(UnitType.DALMAS_AWAL, gap_m=12.0, people=20)
    group = scenario.crowd[0]  # bound for a place behind the line, not standing where they appear
    scenario = dataclasses.replace(scenario, crowd=(dataclasses.replace(group, goal=Goal(GoalKind.POINT, point=(20.0, 40.0))),))
    worlds = []
    for riot in (True, False):
        w = World(dataclasses.replace(scenario, riot=riot))
        w.crowd.agitation[:] = AGRESIF
        w.run_until(60.0)
        worlds.append(w)
    rioting, pushing = worlds
    assert rioting.riot.summary()["projectiles"]["thrown"] > 50 and rioting.injuries["officer"] > 0
    assert pushing.riot.summary()["projectiles"]["thrown"] == 0
    assert not pushing.riot.arson.lit and pushing.injuries["officer"] == 0
    assert (pushing.crowd.behaviour() == Behaviour.AGRESIF).all()
    assert pushing.measure.peak_line_load_n.max() > 1000.0  # at the line, pushing
