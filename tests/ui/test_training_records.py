"""A trainee names himself at the briefing; when the level ends, its replay is kept in the
user-data folder and its result goes into the training records under his name, and the replay
simulates again to exactly the state the trainee left."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pygame
import pytest

from sispam.level import load_level
from sispam.records import Records
from sispam.resources import levels_dir
from sispam.review.replay_file import level_for, read_replay
from sispam.review.resimulate import verify
from sispam.settings import load_settings
from sispam.sim.state_hash import state_hash
from sispam.ui.app import App
from sispam.ui.briefing import Briefing
from sispam.ui.play import PlayScreen
from sispam.ui.result import ResultScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
FRAME_S = 1 / 60


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def keydown(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


@pytest.mark.parametrize("app", ["id"], indirect=True)
def test_the_result_and_replay_are_kept_under_the_trainees_name(app, tmp_path) -> None:
    app.open_level(TUTORIAL)
    briefing = app.screen
    assert isinstance(briefing, Briefing) and briefing.name.focused
    app.frame([keydown(pygame.K_RETURN)], FRAME_S)
    assert app.screen is briefing and not briefing.start.enabled  # no name, no start
    app.frame([typed("Budi"), typed(" Santoso"), keydown(pygame.K_BACKSPACE), typed("o"), keydown(pygame.K_TAB),
               typed("Dalmas A")], FRAME_S)
    assert (briefing.name.value, briefing.group.value) == ("Budi Santoso", "Dalmas A")
    app.frame([keydown(pygame.K_RETURN)], FRAME_S)
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    app.frame([keydown(pygame.K_SPACE)], FRAME_S)  # the level waits for the trainee to start it
    app.frame([keydown(pygame.K_1)], FRAME_S)
    a, b = screen.camera.to_screen(np.array([[79.0, 24.5], [91.0, 24.5]])).astype(int).tolist()
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=3),
               pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(1, 0), buttons=(0, 0, 1)),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)], FRAME_S)
    screen.runner.set_speed(4)
    while screen.world.t < 20.0:
        app.frame([], 0.1)
    app.frame([keydown(pygame.K_2), keydown(pygame.K_i)], FRAME_S)  # the negotiator's appeal
    screen.runner.set_speed(4)
    for _ in range(20):
        app.frame([], 0.1)  # long frames: the clock catches up by several steps each
    screen.world.run_until(screen.scenario.duration_s - 1.0)  # the rest unseen (and unsampled), to save time
    while not isinstance(app.screen, ResultScreen):
        app.frame([], 0.1)
    world = screen.world
    with Records() as db:
        [result] = db.results()
    assert (result.trainee, result.group, result.level_id) == ("Budi Santoso", "Dalmas A", "campaign_1_hijau")
    assert result.outcome == world.objectives.outcome and result.score == int(app.screen.result["total"])
    replay = Path(result.replay)
    assert replay == screen.replay and replay.parent == tmp_path / "data" / "replays"
    rec, _ = read_replay(replay)
    scenario = load_level(level_for(rec, replay))
    rec, _ = read_replay(replay, scenario)
    assert rec.trainee == {"name": "Budi Santoso", "group": "Dalmas A"} and len(rec.orders) == 2
    assert state_hash(verify(rec, scenario)) == state_hash(world)
    # The next level's briefing already knows who plays.
    app.open_level(levels_dir() / "campaign_2_dorong.toml")
    assert app.screen.name.value == "Budi Santoso" and app.screen.start.enabled


def test_the_name_entered_at_a_briefing_is_offered_at_the_next_launch(app, tmp_path) -> None:
    """A walkthrough typed his name at every launch: it is kept in the settings file (written
    whole, like every setting) and filled in at the next briefing, where he may change it."""
    app.open_level(TUTORIAL)
    assert app.screen.name.value == "" and app.screen.name.focused
    app.frame([typed("Budi Santoso"), keydown(pygame.K_TAB), typed("Dalmas A"), keydown(pygame.K_RETURN)], FRAME_S)
    assert isinstance(app.screen, PlayScreen)
    saved = json.loads((tmp_path / "data" / "settings.json").read_text(encoding="utf-8"))
    assert (saved["trainee_name"], saved["trainee_group"]) == ("Budi Santoso", "Dalmas A")
    app.close()

    settings, problems = load_settings("id")  # launched again: the same user-data folder
    assert problems == []
    again = App(settings, headless=True)
    try:
        again.open_level(TUTORIAL)
        again.frame([], FRAME_S)
        briefing = again.screen
        assert isinstance(briefing, Briefing)
        assert (briefing.name.value, briefing.group.value) == ("Budi Santoso", "Dalmas A")
        assert briefing.start.enabled  # Enter starts at once
    finally:
        again.close()


def test_a_bad_trainee_name_in_the_settings_file_falls_back_to_none(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"lang": "id", "trainee_name": "x" * 500, "trainee_group": "Dalmas B"}), encoding="utf-8")
    settings, problems = load_settings("en", path)
    assert (settings.trainee_name, settings.trainee_group) == ("", "Dalmas B")
    assert len(problems) == 1 and "trainee_name" in problems[0]
