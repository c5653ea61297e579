"""What the UI tests share: a headless game window with its own user-data folder, and a replay
of the tutorial's reference plan to open in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sispam.headless import RunRequest, run_level
from sispam.level import load_level, load_plan
from sispam.resources import levels_dir
from sispam.settings import Settings
from sispam.ui.app import App

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"


@pytest.fixture
def app(request, tmp_path, monkeypatch):
    """The game at its main menu at 1280x720, headless, saving into a fresh folder; in English,
    or in the language a test gives (`@pytest.mark.parametrize("app", ["id"], indirect=True)`)."""
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path / "data"))
    game = App(Settings(lang=getattr(request, "param", "en"), window=(1280, 720)), headless=True)
    game.main_menu()
    yield game
    game.close()


def record_replay(level: Path, seconds: float, out: Path) -> Path:
    """`level` run headless for `seconds` with its reference plan; its replay written to `out`."""
    scenario = load_level(level)
    plan = levels_dir() / "plans" / level.name
    run_level(scenario, RunRequest(str(level), None, seconds, None, None, 10.0, str(plan),
                                   tuple(load_plan(plan, scenario)), out))
    return out


@pytest.fixture(scope="session")
def tutorial_replay(tmp_path_factory) -> Path:
    """The tutorial's reference plan run headless for 90 s, with its replay."""
    return record_replay(TUTORIAL, 90.0, tmp_path_factory.mktemp("replay") / "tutorial.sispam-replay.json")


@pytest.fixture(scope="session")
def provocateurs_replay(tmp_path_factory) -> Path:
    """Campaign 3 with its plan to 170 s: talks, two provocateurs arrested, an injury."""
    return record_replay(levels_dir() / "campaign_3_provokator.toml", 170.0,
                         tmp_path_factory.mktemp("debrief") / "c3.sispam-replay.json")
