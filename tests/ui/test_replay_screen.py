"""The replay viewer: a recorded run plays back in the game window; the timeline jumps forward
and back to any moment; a trainee takes over from a moment and plays on with his own orders,
starting from exactly the recorded state, and his run is kept as a branch of the replay."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from sispam.level import load_level
from sispam.records import Records
from sispam.resources import levels_dir
from sispam.review.replay_file import read_replay
from sispam.sim.state_hash import state_hash
from sispam.ui import palette
from sispam.ui.app import App
from sispam.ui.debrief_screen import DebriefScreen
from sispam.ui.error_screen import ErrorScreen
from sispam.ui.menu import MainMenu
from sispam.ui.play import PlayScreen
from sispam.ui.replay_view import ReplayScreen
from sispam.ui.result import ResultScreen
from tests.ui.test_game_screens import korlap_in_view, negotiate_with

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
FRAME_S = 1 / 60


@pytest.fixture
def replay(tutorial_replay) -> Path:
    return tutorial_replay


def click(app: App, pos) -> None:
    pos = (int(pos[0]), int(pos[1]))
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], FRAME_S)


def key(app: App, k: int) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)], FRAME_S)


def settle(app: App) -> ReplayScreen:
    while isinstance(app.screen, ReplayScreen) and app.screen.seeking:
        app.frame([], FRAME_S)
    return app.screen


def test_a_dropped_replay_plays_back_and_the_timeline_jumps_both_ways(app, replay) -> None:
    rec, _ = read_replay(replay, load_level(TUTORIAL))
    app.frame([pygame.event.Event(pygame.DROPFILE, file=str(replay))], FRAME_S)
    screen = app.screen
    assert isinstance(screen, ReplayScreen) and screen.world.t == 0.0
    for _ in range(60):
        app.frame([], FRAME_S)
    assert abs(screen.world.t - 1.0) < 0.06  # plays at 1x
    bar = screen.bar
    click(app, (bar.left + bar.width * 3 // 4, bar.centery))  # forward: runs on, same screen
    screen = settle(app)
    assert abs(screen.world.t - 0.75 * rec.end_t) < 0.2
    click(app, (bar.left + bar.width // 4, bar.centery))  # back: the run again, from the start
    back = settle(app)
    assert back is not screen and abs(back.world.t - 0.25 * rec.end_t) < 0.2
    assert back.diverged is None and back.camera.scale == screen.camera.scale  # the view is kept
    assert state_hash(back.world) == dict(rec.checkpoints).get(back.world.step_count, state_hash(back.world))
    key(app, pygame.K_i)  # a replay takes no orders
    assert len(back.world.command.log) == len(rec.orders)
    key(app, pygame.K_b)  # its debrief, and back to the replay where it was
    assert isinstance(app.screen, DebriefScreen)
    key(app, pygame.K_ESCAPE)
    assert app.screen is back
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MainMenu)


def _tagged(app: App, play: PlayScreen) -> int:
    """How many pixels of the top bar's text (left of its buttons) wear the take-over tag's colour."""
    bar = play.panels.rects["top"]
    top = app.surface.subsurface(bar.left, bar.top, play.panels.rects["top_buttons_left"].left - bar.left, bar.height)
    return int(pygame.mask.from_threshold(top, palette.BUTTON_ACTIVE, (2, 2, 2, 255)).count())


def test_taking_over_plays_on_from_exactly_the_recorded_moment(app, replay) -> None:
    rec, _ = read_replay(replay, load_level(TUTORIAL))
    app.open_replay(replay)
    screen = app.screen
    step, recorded = rec.checkpoints[8]  # 40 s: the line stands, the appeal is over, the talks to come
    screen.seek(step)
    screen = settle(app)
    assert screen.world.step_count == step and state_hash(screen.world) == recorded
    assert _tagged(app, screen) == 0
    key(app, pygame.K_t)
    play = app.screen
    assert isinstance(play, PlayScreen) and not isinstance(play, ReplayScreen)
    assert play.world is screen.world and play.paused and state_hash(play.world) == recorded
    assert [i.order.kind for i in play.world.command.log] == [o.kind for o in rec.orders if o.t < step * rec.dt]
    app.frame([], FRAME_S)
    assert _tagged(app, play) > 200  # the top bar says whose run this is: a take-over of the replay
    key(app, pygame.K_2)  # the negotiator, by the trainee's hand now
    negotiate_with(app, play, korlap_in_view(play))
    key(app, pygame.K_SPACE)
    play.runner.set_speed(4)
    play.world.run_until(play.scenario.duration_s - 2.0)
    while not isinstance(app.screen, ResultScreen):
        app.frame([], 0.1)
    with Records() as db:
        [result] = db.results()
    assert result.branch_of == replay.name and result.replay == str(play.replay)
    branch, _ = read_replay(play.replay)
    assert branch.branch_of == {"replay": replay.name, "at_t": step * rec.dt}
    assert branch.checkpoints[: 9] == rec.checkpoints[: 9]


def test_a_damaged_replay_opens_the_error_screen(app, tmp_path) -> None:
    bad = tmp_path / "bad.sispam-replay.json"
    bad.write_text('{"format": "sispam-replay", "version": 1, "seed": ')
    app.open_replay(bad)
    assert isinstance(app.screen, ErrorScreen)
    assert "truncated" in " ".join(app.screen.problems)


def test_orders_the_game_takes_can_always_be_read_back_from_its_replay(app, tmp_path) -> None:
    """A click beside the map, or a drag shorter than a metre per unit, still gives an order a
    replay can hold: the point is put on the map and the frontage made at least a metre."""
    from sispam.review.replay_file import write_replay
    from sispam.sim.police.orders import Order, OrderKind

    app.open_level(TUTORIAL)
    app.frame([pygame.event.Event(pygame.TEXTINPUT, text="Uji"),
               pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], FRAME_S)
    play = app.screen
    assert play.give(Order(0, "dalmas-awal-1", OrderKind.FORM, point=(-3.0, 5.0), facing_deg=90.0, width_m=0.4))
    given = play.world.command.log[-1].order
    assert given.point == (0.0, 5.0) and given.width_m == 1.0
    out = tmp_path / "x.sispam-replay.json"
    write_replay(play.recorder.finish(play.world), out)
    rec, _ = read_replay(out, load_level(TUTORIAL))
    assert rec.orders == [given]


def test_taking_over_at_the_end_of_a_replay_is_refused_with_a_notice(app, replay) -> None:
    app.open_replay(replay)
    screen = app.screen
    screen.seek(screen.rec.end_step)
    screen = settle(app)
    for _ in range(3):
        app.frame([], FRAME_S)
    assert screen.runner.over and screen.world.step_count == screen.rec.end_step
    key(app, pygame.K_t)
    assert app.screen is screen and app.notices
