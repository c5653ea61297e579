"""Scripted events fire at their time or condition; objectives decide the outcome; the score
has its named parts and follows the level's weights."""

from __future__ import annotations

import dataclasses

import numpy as np
from protest import RALLY, protest

from sispam.sim.bodies import BodyState
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import (
    Colour,
    Condition,
    CrowdGroup,
    EventKind,
    Formation,
    Goal,
    GoalKind,
    Objective,
    ObjectiveKind,
    PoliceUnit,
    Role,
    ScriptedEvent,
    Text,
    UnitType,
)
from sispam.sim.world import World

WAVE = CrowdGroup("gelombang", 40, "barat", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="halaman"),
                  arrival_spread_s=10.0, on_event=True)
RESERVE = PoliceUnit("cadangan", UnitType.DALMAS_AWAL, 10, Formation.BERSAF, (67.0, 8.0), 180.0, width_m=6.0,
                     on_request=True)


def with_script(events=(), objectives=(), police=True, **kw):
    scn = protest(police=police, **kw)
    return dataclasses.replace(scn, crowd=scn.crowd + (WAVE,), units=scn.units + ((RESERVE,) if police else ()),
                               events=tuple(events), objectives=tuple(objectives))


def fired(w: World) -> list[str]:
    return [e.detail["id"] for e in w.events if e.kind == "scripted_event"]


def test_a_wave_waits_for_its_event_and_then_arrives():
    msg = Text("Massa gelombang kedua datang", "The second wave is coming")
    w = World(with_script([ScriptedEvent("wave", EventKind.CROWD_WAVE, at_s=20.0, group="gelombang", message=msg)]))
    wave = np.flatnonzero(w.crowd.group == 2)
    w.run_until(19.0)
    assert (w.bodies.state[wave] == BodyState.WAITING).all()
    w.run_until(40.0)
    assert (w.bodies.state[wave] != BodyState.WAITING).all()
    event = next(e for e in w.events if e.kind == "scripted_event")
    assert event.t == 20.0 and event.detail["message"] == {"id": msg.id, "en": msg.en}


def test_conditions_wait_until_every_test_holds():
    events = [ScriptedEvent("api", EventKind.FIRE, when=Condition(after_s=30.0), point=(30.0, 12.0)),
              ScriptedEvent("rusuh", EventKind.MESSAGE, when=Condition(situation=Colour.KUNING, fires_at_least=1),
                            message=Text("Situasi kuning", "Situation yellow")),
              ScriptedEvent("never", EventKind.MESSAGE, when=Condition(arrests_at_least=5),
                            message=Text("x", "x"))]
    w = World(with_script(events))
    w.run_until(29.0)
    assert fired(w) == [] and not w.fires
    w.run_until(45.0)
    assert fired(w) == ["api", "rusuh"]  # the burning fire turns the situation kuning at once
    assert w.fires[0].burning and w.situation.colour is not Colour.HIJAU


def test_a_rumour_lowers_everyones_legitimacy_and_reinforcements_arrive():
    events = [ScriptedEvent("isu", EventKind.RUMOUR, at_s=30.0, legitimacy_drop=0.2),
              ScriptedEvent("bantuan", EventKind.REINFORCEMENTS, at_s=30.0, unit="cadangan")]
    w = World(with_script(events))
    w.run_until(29.9)
    here = w.bodies.state[: w.bodies.n_crowd] == BodyState.ACTIVE
    before = w.crowd.legitimacy[here].copy()
    w.run_until(30.0)
    assert np.allclose(w.crowd.legitimacy[here], np.clip(before - 0.2, 0, 1), atol=0.005)  # and the mood moved
    w.run_until(35.0)
    reserve = w.units[-1]
    assert reserve.arrived and (w.bodies.state[reserve.indices] == BodyState.ACTIVE).all()


def test_a_breach_loses_the_level_at_once():
    objectives = [Objective("lindungi", ObjectiveKind.PROTECT_ZONE, zone="halaman"),
                  Objective("tahan", ObjectiveKind.HOLD_UNTIL, zone="halaman", until_s=500.0)]
    scn = with_script(objectives=objectives, police=False)
    into_the_yard = dataclasses.replace(scn.crowd[0], goal=Goal(GoalKind.ZONE, zone="halaman"))
    w = World(dataclasses.replace(scn, crowd=(into_the_yard,) + scn.crowd[1:]))
    while not w.objectives.ended:
        w.step()
    assert w.objectives.outcome == "lost" and w.zone_breaches["halaman"] == 1
    assert [s.status for s in w.objectives.states] == ["failed", "failed"]
    assert any(e.kind == "level_lost" for e in w.events)


def test_holding_until_a_time_and_arresting_provocateurs_wins():
    objectives = [Objective("tahan", ObjectiveKind.HOLD_UNTIL, zone="halaman", until_s=150.0),
                  Objective("tangkap", ObjectiveKind.ARREST_PROVOCATEURS, at_least=1),
                  Objective("luka", ObjectiveKind.INJURY_LIMIT, civilian_max=50, required=False)]
    w = World(with_script(objectives=objectives))
    w.command.issue(Order(40.0, "tangkap", OrderKind.ARREST, point=RALLY, role="provokator"))
    while not w.objectives.ended:
        w.step()
    states = {s.objective.id: s for s in w.objectives.states}
    assert w.objectives.outcome == "won" and w.t == 150.0
    assert states["tangkap"].status == "met" and states["tangkap"].t < 150.0
    assert states["luka"].status == "pending"  # not required: decided only at the level's end


def test_the_score_has_its_parts_and_follows_the_weights():
    from sispam.sim.score import score
    w = World(with_script(objectives=[Objective("tahan", ObjectiveKind.HOLD_UNTIL, zone="halaman", until_s=60.0)]))
    w.run_until(60.0)
    s = score(w)
    assert set(s["parts"]) == {"objectives", "safety", "proportionality", "legitimacy", "time"}
    assert s["parts"]["objectives"] == 100 and s["parts"]["proportionality"] == 100
    only_time = dataclasses.replace(w.scenario, score_weights=(0.0, 0.0, 0.0, 0.0, 1.0))
    w2 = World(only_time)
    w2.run_until(60.0)
    assert score(w2)["total"] == score(w2)["parts"]["time"]


def _fire_drill(send_damkar: bool, lit_s: float = 20.0) -> World:
    """Tyres lit (at 20 s) on the crowd's road; Damkar stands by east of them, sent or not."""
    damkar = PoliceUnit("damkar", UnitType.DAMKAR, 4, Formation.BANJAR_3, (40.0, 3.0), 180.0)
    scn = with_script(events=[ScriptedEvent("ban", EventKind.FIRE, at_s=lit_s, point=(30.0, 4.0))],
                      objectives=[Objective("api", ObjectiveKind.EXTINGUISH_FIRES, within_s=60.0)])
    w = World(dataclasses.replace(scn, units=scn.units + (damkar,), duration_s=150.0))
    if send_damkar:
        w.command.issue(Order(22.0, "damkar", OrderKind.EXTINGUISH, point=(30.0, 4.0)))
    while not w.objectives.ended:
        w.step()
    return w


def test_a_fire_left_burning_past_its_time_loses_and_one_put_out_in_time_wins():
    left = _fire_drill(send_damkar=False)
    assert left.objectives.outcome == "lost" and left.fires[0].burning
    assert abs(left.objectives.ended_t - 80.0) < 0.1  # lit at 20 s, allowed 60 s
    fought = _fire_drill(send_damkar=True)
    assert fought.objectives.outcome == "won" and abs(fought.objectives.ended_t - 150.0) < 1e-6
    fire = fought.fires[0]
    assert not fire.burning and fire.t_out - fire.t_lit < 60.0
    assert fought.objectives.states[0].progress == {"burning": 0, "out": 1}


def test_a_fire_lit_less_than_its_time_before_the_end_does_not_lose_the_level():
    late = _fire_drill(send_damkar=False, lit_s=120.0)  # 30 s before the end, 60 s allowed
    assert late.fires[0].burning and late.objectives.outcome == "won"
    assert late.objectives.states[0].progress == {"burning": 1, "out": 0}
