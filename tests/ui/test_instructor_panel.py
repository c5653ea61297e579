"""The instructor panel (F9) over a running exercise: behind the PIN set in the settings, a crowd
wave placed with a click, a freeze the trainee cannot lift; the run with its injects is recorded
and simulates again to exactly the state played (issue 7)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.review.replay_file import read_replay, write_replay
from sispam.review.resimulate import verify
from sispam.settings import load_settings, pin_hash, settings_path
from sispam.sim.injects import InjectKind
from sispam.sim.state_hash import state_hash
from sispam.ui.instructor import InstructorPanel
from sispam.ui.play import PlayScreen
from sispam.ui.settings_screen import SettingsScreen

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "campaign_2_dorong.toml"
FRAME_S = 1 / 60


def keydown(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def click(pos) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]


def press(app, label_part: str) -> None:
    button = next(b for b in app.screen.buttons.items if label_part in b.label)
    assert button.enabled, button.label
    app.frame(click(button.rect.center), FRAME_S)


def open_panel(app, pin: str) -> InstructorPanel:
    app.frame([keydown(pygame.K_F9)], FRAME_S)
    panel = app.screen
    assert isinstance(panel, InstructorPanel) and not panel.unlocked
    app.frame([typed(pin), keydown(pygame.K_RETURN)], FRAME_S)
    assert panel.unlocked
    return panel


def test_injects_behind_the_pin_are_played_recorded_and_verified(app, tmp_path) -> None:
    app.apply_settings(replace(app.settings, instructor_pin=pin_hash("2468")))
    app.open_level(LEVEL)
    app.frame([typed("Sari"), keydown(pygame.K_RETURN)], FRAME_S)
    play = app.screen
    assert isinstance(play, PlayScreen)
    app.frame([keydown(pygame.K_SPACE)], FRAME_S)  # the level waits for the trainee to start it
    play.runner.set_speed(4)
    while play.world.t < 10.0:
        app.frame([], 0.1)

    # A wrong PIN keeps the panel shut; letters typed are neither PIN nor hotkeys.
    app.frame([keydown(pygame.K_F9)], FRAME_S)
    panel = app.screen
    app.frame([typed("13o5"), keydown(pygame.K_RETURN)], FRAME_S)
    assert not panel.unlocked and panel.wrong and play.overlay is None
    app.frame([keydown(pygame.K_ESCAPE)], FRAME_S)
    assert app.screen is play

    # A crowd wave of 50, placed with a click on the road; the exercise ran on meanwhile.
    open_panel(app, "2468")
    t_open = play.world.t
    press(app, "Crowd wave: 50")
    assert app.screen is play and play.inject_aim is not None
    where = tuple(play.camera.to_screen(np.array([[30.0, 12.0]])).astype(int)[0].tolist())
    app.frame(click(where), FRAME_S)
    assert play.inject_aim is None
    [wave] = play.world.injects.log
    assert wave.kind is InjectKind.CROWD_WAVE and wave.count == 50 and wave.t >= t_open
    assert np.hypot(wave.point[0] - 30.0, wave.point[1] - 12.0) < 1.0
    for _ in range(10):
        app.frame([], 0.1)
    assert any("Instructor: a crowd wave of 50 people" in line.text("en") for line in play.feed.lines)

    # Frozen: the trainee's Space does not start the clock; the instructor's unfreeze does.
    open_panel(app, "2468")
    press(app, "Freeze the exercise")
    t_frozen = play.world.t
    app.frame([keydown(pygame.K_SPACE)], FRAME_S)
    for _ in range(5):
        app.frame([], 0.1)
    assert play.frozen and play.paused and play.world.t == t_frozen
    open_panel(app, "2468")
    press(app, "Unfreeze")
    for _ in range(5):
        app.frame([], 0.1)
    assert not play.frozen and play.world.t > t_frozen
    assert [i.kind for i in play.world.injects.log] == [InjectKind.CROWD_WAVE, InjectKind.FREEZE]

    # The run so far, as the game keeps it, simulates again to the very same state.
    replay = tmp_path / "run.sispam-replay.json"
    write_replay(play.recorder.finish(play.world), replay)
    scenario = load_level(LEVEL)
    rec, _ = read_replay(replay, scenario)
    assert rec.live_injects and [i.kind for i in rec.injects] == [InjectKind.CROWD_WAVE, InjectKind.FREEZE]
    assert state_hash(verify(rec, scenario)) == state_hash(play.world)


def test_the_pin_is_set_changed_and_removed_only_with_the_current_one(app) -> None:
    app.show(SettingsScreen(app, back=app.main_menu))
    screen = app.screen
    app.frame(click(screen.pin_new.rect.center) + [typed("12")], FRAME_S)
    press(app, "Set PIN")
    assert app.settings.instructor_pin == "" and screen.pin_message == "A PIN is 4 to 8 digits."
    app.frame(click(screen.pin_new.rect.center) + [typed("34x")], FRAME_S)  # a letter is dropped, not a hotkey
    press(app, "Set PIN")
    assert app.settings.instructor_pin == pin_hash("1234")
    saved, problems = load_settings("en")
    assert saved.instructor_pin == pin_hash("1234") and problems == []
    assert "1234" not in settings_path().read_text(encoding="utf-8")  # only its hash is kept
    press(app, "Remove PIN")
    assert app.settings.instructor_pin == pin_hash("1234") and screen.pin_message == "The current PIN is wrong."
    app.frame(click(screen.pin_current.rect.center) + [typed("1234")], FRAME_S)
    press(app, "Remove PIN")
    assert app.settings.instructor_pin == ""


def test_a_replay_with_injects_is_watched_without_the_panel_and_taken_over_without_those_to_come(app, tmp_path) -> None:
    """F9 on a replay being watched says to take over first; a take-over keeps the injects
    already applied and drops those recorded for later, and its branch verifies."""
    from sispam.headless import RunRequest, run_level
    from sispam.sim.injects import Inject
    from sispam.ui.replay_view import ReplayScreen

    scenario = load_level(LEVEL)
    injects = (Inject(5.0, InjectKind.RUMOUR, legitimacy_drop=0.2),
               Inject(30.0, InjectKind.CROWD_WAVE, point=(30.0, 12.0), count=200))
    replay = tmp_path / "c2.sispam-replay.json"
    run_level(scenario, RunRequest(str(LEVEL), None, 40.0, None, None, 10.0, None, (), replay, injects))
    app.open_replay(replay)
    viewer = app.screen
    assert isinstance(viewer, ReplayScreen)
    app.frame([keydown(pygame.K_F9)], FRAME_S)
    assert app.screen is viewer and any("take over (T) first" in m for m, _ in app.notices)
    viewer.seek(round(10.0 / viewer.rec.dt))
    while viewer.seeking or app.screen is not viewer:
        app.frame([], 0.0)
    app.frame([keydown(pygame.K_t)], FRAME_S)
    play = app.screen
    assert isinstance(play, PlayScreen) and not isinstance(play, ReplayScreen)
    assert [i.kind for i in play.world.injects.log] == [InjectKind.RUMOUR]  # the wave at 30 s is not the trainee's
    assert play.world.injects.left(InjectKind.CROWD_WAVE) == 300
    app.frame([keydown(pygame.K_F9)], FRAME_S)  # no PIN set: the panel opens at once
    assert isinstance(app.screen, InstructorPanel) and app.screen.unlocked
    press(app, "Crowd wave: 200")
    where = tuple(play.camera.to_screen(np.array([[30.0, 12.0]])).astype(int)[0].tolist())
    app.frame(click(where) + [keydown(pygame.K_SPACE)], FRAME_S)
    for _ in range(20):
        app.frame([], 0.1)
    assert play.world.injects.left(InjectKind.CROWD_WAVE) == 100
    branch = tmp_path / "branch.sispam-replay.json"
    write_replay(play.recorder.finish(play.world), branch)
    rec, _ = read_replay(branch, scenario)
    assert [i.kind for i in rec.injects] == [InjectKind.RUMOUR, InjectKind.CROWD_WAVE]
    assert state_hash(verify(rec, scenario)) == state_hash(play.world)


def test_window_sizes_larger_than_the_screen_are_not_offered(app, monkeypatch) -> None:
    """On a 1366x768 laptop a 1600x900 window would hide its bottom row of buttons: Settings
    offers only the sizes that fit (and the one in use), and a window is opened within the screen."""
    from sispam.settings import WINDOW_MIN, within_desktop

    monkeypatch.setattr(app, "desktop", lambda: (1366, 768))
    app.show(SettingsScreen(app, back=app.main_menu))
    labels = {b.label for b in app.screen.buttons.items}
    assert "1280×720" in labels and "1600×900" not in labels and "1920×1080" not in labels
    assert within_desktop((1600, 900), (1366, 768)) == (1366, 768)
    assert within_desktop((1280, 720), (1366, 768)) == (1280, 720)
    assert within_desktop((1280, 720), None) == (1280, 720)  # no screen known: as asked
    assert within_desktop((1280, 720), (320, 200)) == WINDOW_MIN  # never below the smallest window


def test_the_panel_says_whether_the_exercise_runs_is_paused_or_frozen(app) -> None:
    """It said 'the exercise keeps running' while it was paused."""
    app.open_level(LEVEL)
    app.frame([typed("Sari"), keydown(pygame.K_RETURN)], FRAME_S)
    play = app.screen
    app.frame([keydown(pygame.K_SPACE)], FRAME_S)  # started
    app.frame([keydown(pygame.K_F9)], FRAME_S)  # no PIN set: the panel opens at once
    panel = app.screen
    assert isinstance(panel, InstructorPanel) and panel.subtitle().startswith("The exercise keeps running")
    play.set_paused(True)
    assert panel.subtitle().startswith("The exercise is paused")
    play.set_paused(False)
    press(app, "Freeze")
    assert play.frozen and panel.subtitle().startswith("The exercise is frozen")
