"""The debrief screen of a recorded run: its four tabs, a click on the timeline that opens the
replay at that moment, and the HTML report written next to the replay with its pictures and
JSON (also from the command line)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.ui.app import App
from sispam.ui.debrief_export import outputs
from sispam.ui.debrief_screen import DebriefScreen
from sispam.ui.replay_view import ReplayScreen

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "campaign_3_provokator.toml"
FRAME_S = 1 / 60


@pytest.fixture
def replay(provocateurs_replay) -> Path:
    return provocateurs_replay


def key(app: App, k: int) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)], FRAME_S)


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_debrief_shows_its_tabs_and_opens_the_replay_at_a_clicked_moment(app, replay) -> None:
    app.open_replay(replay, debrief=True)
    screen = app.screen
    assert isinstance(screen, DebriefScreen)
    assert screen.review.moments and screen.review.happened and screen.review.improve and screen.review.score
    for k in (pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_1):
        key(app, k)
        assert app.screen is screen
    assert screen.tab == "aar"
    key(app, pygame.K_2)
    chart = screen._chart
    x = chart.left + round(chart.width * 0.5)
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, chart.centery), button=1)], FRAME_S)
    viewer = app.screen
    assert isinstance(viewer, ReplayScreen)
    assert abs(viewer.target * viewer.rec.dt - 0.5 * viewer.rec.end_t) < 2.0  # it goes to that moment
    key(app, pygame.K_ESCAPE)
    assert app.screen is screen


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_report_is_written_next_to_the_replay_with_its_pictures(app, replay) -> None:
    app.open_replay(replay, debrief=True)
    key(app, pygame.K_e)
    files = outputs(replay)
    page = files["html"].read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', page)
    assert sorted(images) == sorted(files[k].name for k in ("timeline", "density", "pressure"))
    for name in images:
        assert pygame.image.load(str(replay.parent / name)).get_width() > 400
    assert "@page { size: A4" in page and f'lang="{app.settings.lang}"' in page
    heading = {"id": "Apa yang perlu diperbaiki", "en": "What to improve"}[app.settings.lang]
    assert heading in page
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["level"] == "campaign_3_provokator" and set(data["aar"]) == {"should", "happened", "why", "improve", "moments"}


def test_game_py_exports_the_debrief_headless(replay, tmp_path) -> None:
    copy = tmp_path / replay.name
    copy.write_bytes(replay.read_bytes())
    done = subprocess.run([sys.executable, str(ROOT / "game.py"), "replay", str(copy), "--export", "--level", str(LEVEL),
                           "--lang", "en"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert all(path.is_file() for path in outputs(copy).values())


def test_an_export_that_cannot_write_its_page_writes_none_of_its_files(replay, tmp_path) -> None:
    """Its HTML's name taken by a folder: the pictures and the JSON were written, then it failed."""
    from sispam.atomic import OutputError
    from sispam.review.replay_file import read_replay
    from sispam.ui.debrief_export import export_debrief

    copy = tmp_path / replay.name
    copy.write_bytes(replay.read_bytes())
    outputs(copy)["html"].mkdir()
    scenario = load_level(LEVEL)
    rec, _ = read_replay(copy, scenario)
    with pytest.raises(OutputError, match="is a folder"):
        export_debrief(rec, scenario, copy, "en")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([copy.name, outputs(copy)["html"].name])


def test_an_edited_replay_is_refused_or_still_gives_its_debrief_page_and_screen(app, replay, tmp_path) -> None:
    """An order's effective time 'soon' with a breach to explain stopped the export after its
    pictures were written: the reader refuses it now. What the reader lets through (an order's
    effective time left out, events the debrief does not know) still gives the page and the screen."""
    from sispam.level import LevelError
    from sispam.review.replay_file import read_replay
    from sispam.ui.debrief_export import export_debrief

    scenario = load_level(LEVEL)
    data = json.loads(replay.read_text())
    report = data["report"]
    report["timeline"].append({"t": 30.0, "event": "first_breach"})
    report["timeline"].append({"t": 31.0, "event": "something_new", "cause": {"odd": 1}})
    report["orders"][0]["effective_t"] = "soon"
    edited = tmp_path / "edited.sispam-replay.json"
    edited.write_text(json.dumps(data))
    with pytest.raises(LevelError, match="effective_t"):
        read_replay(edited, scenario)
    del report["orders"][0]["effective_t"]
    edited.write_text(json.dumps(data))
    rec, _ = read_replay(edited, scenario)
    page = export_debrief(rec, scenario, edited, "en")
    assert page.is_file() and all(path.is_file() for path in outputs(edited).values())
    app.open_replay(edited, debrief=True)
    assert isinstance(app.screen, DebriefScreen)
    for k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
        key(app, k)
        app.frame([], FRAME_S)
