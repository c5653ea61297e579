"""The mood model: escalation reacts to what the police do (Epstein, Granovetter, ESIM).

Every comparison runs the same protest (tests/sim/protest.py) with the same seed, with and
without one police decision, and reads the crowd's behaviour classes afterwards.
"""

from __future__ import annotations

import numpy as np
import pytest
from protest import RALLY, protest

from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Colour
from sispam.sim.world import World

MINUTES_5 = 300.0


def run(orders=(), until=MINUTES_5, **kw) -> World:
    w = World(protest(**kw))
    for o in orders:
        w.command.issue(o)
    w.run_until(until)
    return w


def escalated(w: World) -> int:
    """People aktif or agresif now."""
    counts = w.mood.counts()
    return counts["aktif"] + counts["agresif"]


def heat(w: World, since: float) -> float:
    """The crowd's mean agitation, averaged over the mood history from `since` on."""
    return float(np.mean([h["agitation"] for h in w.mood.history if h["t"] >= since]))


@pytest.fixture(scope="module")
def untouched() -> World:
    """The protest with the police standing at the gate and doing nothing else."""
    return run()


def test_early_negotiation_leaves_fewer_people_aktif_or_agresif(untouched):
    talked = run([Order(10.0, "nego", OrderKind.NEGOTIATE)])
    assert any(e.kind == "negotiation" for e in talked.events)
    assert escalated(talked) < 0.5 * escalated(untouched)
    assert talked.mood.counts()["legitimacy"] > untouched.mood.counts()["legitimacy"] + 0.2


def test_arresting_the_provocateurs_lowers_escalation(untouched):
    arrests = [Order(t, "tangkap", OrderKind.ARREST, point=RALLY, role="provokator") for t in (40.0, 100.0, 160.0)]
    w = run(arrests)
    assert w.mood.counts()["arrested"] >= 2
    assert escalated(w) < escalated(untouched)
    assert w.mood.counts()["legitimacy"] > untouched.mood.counts()["legitimacy"] + 0.1
    assert not w.ladder.violations  # provocateurs resisting (aktif or worse) justify stage 4


def test_water_cannon_on_a_passive_crowd_escalates_and_is_a_violation(untouched):
    sprayed = run([Order(90.0, "awc", OrderKind.WATER_CANNON, point=RALLY, duration_s=15.0)], until=240.0)
    before = World(protest())
    before.run_until(240.0)
    assert len(sprayed.ladder.violations) == 1
    assert heat(sprayed, 100.0) > heat(before, 100.0) + 0.02
    assert escalated(sprayed) > escalated(before)
    assert sprayed.mood.counts()["legitimacy"] < before.mood.counts()["legitimacy"] - 0.05


def test_an_appeal_then_a_targeted_arrest_is_no_violation_and_calms(untouched):
    w = run([Order(60.0, "lini", OrderKind.APPEAL),
             Order(100.0, "tangkap", OrderKind.ARREST, point=RALLY, role="provokator")])
    assert not w.ladder.violations and w.ladder.skipped_steps == 0
    assert escalated(w) < escalated(untouched)
    assert heat(w, 100.0) < heat(untouched, 100.0)
    assert w.mood.counts()["legitimacy"] > untouched.mood.counts()["legitimacy"]


def test_without_police_a_crowd_with_provocateurs_escalates():
    # When a cascade catches varies from run to run: over seeds 0-13, 8-68 people are aktif or
    # agresif after 5 minutes (mean 27), and none without the provocateurs. So the claim is about
    # three runs (the default seed and the next two), each against the same crowd without them.
    seeds = (11, 12, 13)
    incited = [run(police=False, seed=s, until=MINUTES_5) for s in seeds]
    alone = [run(police=False, provocateurs=0, seed=s, until=MINUTES_5) for s in seeds]
    counts = [escalated(w) for w in incited]
    assert np.median(counts) >= 12  # about 5 % of the crowd in a typical run
    for w, twin in zip(incited, alone, strict=True):
        assert escalated(w) > 5 * max(escalated(twin), 1)
        assert w.mood.counts()["legitimacy"] < twin.mood.counts()["legitimacy"] - 0.1
    assert sum(w.situation.worst is not Colour.HIJAU for w in incited) >= 2


def test_without_provocateurs_and_with_high_legitimacy_it_stays_hijau():
    w = run(police=False, provocateurs=0, legitimacy=0.85, until=240.0)
    assert w.situation.worst is Colour.HIJAU
    assert escalated(w) == 0
    assert not [e for e in w.events if e.kind == "situation"]


def test_the_mood_is_deterministic():
    a, b = run(until=60.0), run(until=60.0)
    assert np.array_equal(a.crowd.agitation, b.crowd.agitation)
    assert np.array_equal(a.crowd.legitimacy, b.crowd.legitimacy)
    assert a.mood.history == b.mood.history
