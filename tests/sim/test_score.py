"""The score is never gamed by losing: a run that ends early is judged over the level's whole
duration, a violation weighs by how far above the behaviour it went and how many it touched,
and people who got into a protected zone cost points even where the level allows a few."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from protest import RALLY, protest

from sispam.sim.crowd import Behaviour
from sispam.sim.police.ladder import MAX_STAGE, STAGES, Application
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Objective, ObjectiveKind
from sispam.sim.score import score, violation_cost
from sispam.sim.world import World

DURATION_S = 150.0


def _application(stage: int, **people: int) -> Application:
    by_class = np.zeros(len(Behaviour), np.int64)
    by_allowed = np.zeros(STAGES, np.int64)
    for name, n in people.items():
        by_class[Behaviour[name.upper()]] = n
        by_allowed[MAX_STAGE[Behaviour[name.upper()]]] += n
    return Application(0, "unit", "order", stage, 0.0, 0.0, np.zeros(1, bool), by_class, by_allowed)


def test_a_violation_costs_more_the_further_above_the_behaviour_and_the_more_people_it_touched():
    wrongful_arrest = violation_cost(_application(4, tertib=1))[0]
    push_on_one = violation_cost(_application(3, tertib=1))[0]
    gas_on_one = violation_cost(_application(5, tertib=1))[0]
    gas_on_crowd = violation_cost(_application(5, tertib=100))[0]
    assert push_on_one < wrongful_arrest < gas_on_one < gas_on_crowd
    assert wrongful_arrest == pytest.approx(0.3)
    assert gas_on_crowd >= 1.0  # tear gas on a hundred orderly people takes the whole part
    # The excess is the mean over the people touched: agresif people allow stage 5.
    mixed = violation_cost(_application(5, tertib=40, agresif=60))
    assert mixed[1] == pytest.approx(0.4 * 3)


def _run(orders: tuple[Order, ...]) -> World:
    scn = protest(provocateurs=0)
    scn = dataclasses.replace(scn, duration_s=DURATION_S, objectives=(
        Objective("tahan", ObjectiveKind.PROTECT_ZONE, zone="halaman"),
        Objective("tanpa-pelanggaran", ObjectiveKind.NO_FORCE_VIOLATIONS)))
    w = World(scn)
    for order in orders:
        w.command.issue(order)
    while w.t < DURATION_S - 1e-9 and not w.objectives.ended:
        w.step()
    return w


@pytest.fixture(scope="module")
def runs() -> dict[str, World]:
    water = Order(50.0, "awc", OrderKind.WATER_CANNON, point=RALLY, duration_s=8.0)
    appeal = Order(30.0, "nego", OrderKind.APPEAL)
    return {"hold": _run(()), "brute": _run((appeal, water))}


def test_force_on_an_orderly_crowd_loses_early_and_scores_below_the_line_that_holds(runs):
    hold, brute = runs["hold"], runs["brute"]
    assert hold.objectives.outcome == "won"
    assert brute.objectives.outcome == "lost" and brute.objectives.ended_t < 70.0
    assert score(brute)["total"] < score(hold)["total"] - 20


def test_a_run_lost_early_earns_safety_legitimacy_and_time_only_for_the_share_it_lasted(runs):
    brute = runs["brute"]
    s = score(brute)
    played = brute.objectives.ended_t / DURATION_S
    assert s["detail"]["played_share"] == pytest.approx(played, abs=1e-3)
    for part in ("safety", "legitimacy", "time"):
        assert s["parts"][part] <= round(100 * played) + 1, part
    assert s["detail"]["time"]["lost_s"] == pytest.approx(DURATION_S - brute.objectives.ended_t, abs=0.1)
    violation = s["detail"]["proportionality"]["violations"][0]
    assert violation["order"] == "water_cannon" and violation["touched"] > 5 and violation["excess"] >= 2.0
    assert s["parts"]["proportionality"] < 30  # a water cannon on a group of orderly people


def test_people_let_into_a_protected_zone_cost_points_even_when_the_level_allows_them(runs):
    hold = runs["hold"]
    state = next(s for s in hold.objectives.states if s.objective.id == "tahan")
    kept = state.objective, state.progress
    try:
        state.objective = dataclasses.replace(state.objective, max_breaches=2)
        before = score(hold)["parts"]["objectives"]
        state.progress = {"breaches": 1}
        after = score(hold)
    finally:
        state.objective, state.progress = kept
    credit = next(o for o in after["detail"]["objectives"] if o["id"] == "tahan")["credit"]
    assert credit == pytest.approx(2 / 3, abs=1e-3)
    assert after["parts"]["objectives"] < before
