"""Arrest progress the trainee can see: the feed names a seized provokator (Intelkam marked
him), and an arrest objective shows its running count while pending."""

from __future__ import annotations

import numpy as np
import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.objectives import MET, PENDING
from sispam.sim.scenario import ObjectiveKind, Role
from sispam.sim.world import World
from sispam.ui.describe import objective_label, objective_text
from sispam.ui.feed import Feed

LEVEL = levels_dir() / "campaign_3_provokator.toml"


@pytest.fixture(scope="module")
def world() -> World:
    return World(load_level(LEVEL))


def _people(w: World) -> tuple[int, int]:
    """A provokator the level marks, and a man it does not (body indices; they need not be on
    the map yet: the feed and the count go by role and state)."""
    role = w.crowd.role
    provokator = Crowd.ROLES.index(Role.PROVOKATOR)
    return int(np.flatnonzero(role == provokator)[0]), int(np.flatnonzero(role != provokator)[0])


@pytest.mark.parametrize(("kind", "en", "id_"), [
    ("arrest_seized", "tim-tangkap-1: provokator seized after 0:12.", "tim-tangkap-1: provokator ditangkap setelah 0:12."),
    ("arrest_completed", "tim-tangkap-1: provokator arrested, handed over.",
     "tim-tangkap-1: provokator diamankan, diserahkan."),
], ids=["seized", "handed-over"])
def test_the_feed_names_a_seized_provokator_and_not_any_other_man(world: World, kind: str, en: str, id_: str) -> None:
    feed = Feed(world)
    feed.update()
    provokator, other = _people(world)
    for person in (provokator, other):
        world.note(kind, {"order_id": 0, "unit": "tim-tangkap-1", "person": person, "after_s": 12.0})
    feed.update()
    marked, plain = feed.lines[-2], feed.lines[-1]  # same time: in the order they came
    assert marked.texts == {"en": en, "id": id_}
    assert "provokator" not in plain.texts["en"] and "provokator" not in plain.texts["id"]


def test_an_arrest_objective_shows_its_running_count_while_pending(world: World) -> None:
    state = next(s for s in world.objectives.states if s.objective.kind is ObjectiveKind.ARREST_PROVOCATEURS)
    need = state.objective.at_least
    assert need >= 2
    world.objectives.update()
    assert state.status == PENDING
    assert objective_label(state, "en").endswith(f"(0/{need})")
    provokator, _ = _people(world)
    world.bodies.state[provokator] = BodyState.ARRESTED  # handed over
    world.objectives.update()
    assert state.status == PENDING
    assert objective_label(state, "en").endswith(f"(1/{need})")
    assert objective_label(state, "id").endswith(f"(1/{need})")
    others = [s for s in world.objectives.states if s is not state]
    assert all(objective_label(s, "en") == objective_text(s.objective, "en") for s in others)
    state.status = MET  # decided: the count has done its work
    assert not objective_label(state, "en").endswith(f"/{need})")


def test_a_man_let_go_when_an_officer_of_the_team_falls_is_said_in_the_feed() -> None:
    """Campaign 3: the team has seized a provokator (the arrested count says 1) when one of its
    officers is knocked down: the arrest fails, the man is let go, the count falls back to 0, and
    the feed says he is let go, not only that the arrest failed."""
    from sispam.sim.police.orders import Order, OrderKind

    w = World(load_level(LEVEL))
    w.command.issue(Order(10.0, "negosiator-1", OrderKind.APPEAL))
    w.command.issue(Order(42.0, "negosiator-1", OrderKind.NEGOTIATE, duration_s=300.0))
    w.run_until(75.0)
    feed = Feed(w)
    provokator, _ = _people(w)
    issued = w.command.issue(Order(w.t, "tim-tangkap-1", OrderKind.ARREST, person=provokator))
    while "seized_t" not in issued.outcome and w.t < 160.0:
        w.step()
    assert "seized_t" in issued.outcome and w.crowd.arrested.sum() == 1
    team = next(u for u in w.units if u.id == "tim-tangkap-1").indices
    w.bodies.state[team[0]] = BodyState.DOWN  # a stone, say
    for _ in range(5):
        w.step()
    assert issued.outcome.get("result") == "failed" and issued.outcome.get("reason") == "officer_down"
    assert w.crowd.arrested.sum() == 0
    failed = [e for e in w.events if e.kind == "arrest_failed"]
    assert failed and failed[-1].detail["released"] is True
    feed.update()
    line = next(li for li in reversed(feed.lines) if "arrest failed" in li.texts["en"])
    assert line.texts["en"] == "tim-tangkap-1: arrest failed (an officer is down); the man held is let go."
    assert "lepas lagi" in line.texts["id"]
