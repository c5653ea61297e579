"""The instructor's records screen, driven by synthetic input: results listed, filtered by name,
sorted by a column, exported as CSV, a replay opened and closed again, two results compared."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pygame
import pytest

from sispam.records import Records, Result
from sispam.resources import levels_dir
from sispam.settings import Settings
from sispam.ui.app import App
from sispam.ui.records_screen import CompareScreen, RecordsScreen
from sispam.ui.replay_view import ReplayScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
FRAME_S = 1 / 60


@pytest.fixture
def app(tmp_path, monkeypatch, tutorial_replay):
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path / "data"))
    game = App(Settings(lang="en", window=(1280, 720)), headless=True)
    with Records() as db:
        for trainee, group, score, day, outcome in (("Budi", "Dalmas A", 64, 27, "lost"), ("Siti", "Dalmas B", 93, 28, "won"),
                                                    ("Budiman", "Dalmas A", 88, 29, "won")):
            db.add(Result(trainee, group, "campaign_1_hijau", "Orderly protest", f"2026-11-{day}T10:00:00", outcome,
                          score, {"objectives": score, "safety": 80}, 360.0, 0, 2, str(tutorial_replay)))
    game.main_menu()
    yield game
    game.close()


def event(kind: int, **fields) -> pygame.event.Event:
    return pygame.event.Event(kind, **fields)


def key(app: App, k: int) -> None:
    app.frame([event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)], FRAME_S)


def click(app: App, pos, mods: int = 0) -> None:
    pygame.key.set_mods(mods)
    try:
        app.frame([event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                   event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1), event(pygame.MOUSEBUTTONUP, pos=pos, button=1)],
                  FRAME_S)
    finally:
        pygame.key.set_mods(0)


def row_pos(screen: RecordsScreen, k: int) -> tuple[int, int]:
    return screen.table.centerx, screen.table.top + screen.row_h * (k + 1) + screen.row_h // 2


def test_the_instructor_filters_sorts_exports_watches_and_compares(app, tmp_path) -> None:
    key(app, pygame.K_r)
    screen = app.screen
    assert isinstance(screen, RecordsScreen)
    assert [r.trainee for r in screen.rows] == ["Budiman", "Siti", "Budi"]  # newest first
    click(app, screen.trainee.rect.center)
    app.frame([event(pygame.TEXTINPUT, text="bud")], FRAME_S)
    assert [r.trainee for r in screen.rows] == ["Budiman", "Budi"]
    key(app, pygame.K_ESCAPE)  # leaves the filter, not the screen, and keeps what it holds
    assert app.screen is screen and not screen.trainee.focused and screen.trainee.value == "bud"
    click(app, screen.trainee.rect.center)
    app.frame([event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)] * 3, FRAME_S)
    exports = tmp_path / "data" / "exports"
    app.frame([event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0), event(pygame.TEXTINPUT, text="e")],
              FRAME_S)
    assert not exports.exists() and screen.trainee.value == "e"  # a letter typed in a filter is not a hotkey
    app.frame([event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)], FRAME_S)
    click(app, screen.date.rect.center)
    app.frame([event(pygame.TEXTINPUT, text="2026-11-28")], FRAME_S)
    assert [r.trainee for r in screen.rows] == ["Siti"]
    app.frame([event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)] * 10, FRAME_S)
    assert len(screen.rows) == 3
    score = next(b for b in screen.buttons.items if b.label == "Score")
    click(app, score.rect.center)
    assert [r.score for r in screen.rows] == [93, 88, 64]
    click(app, next(b for b in screen.buttons.items if b.label == "Score").rect.center)
    assert [r.score for r in screen.rows] == [64, 88, 93]
    click(app, (screen.table.right - 5, screen.table.bottom + 30))  # nowhere: the filters lose the keys
    key(app, pygame.K_e)
    [export] = (tmp_path / "data" / "exports").iterdir()
    table = list(csv.DictReader(io.StringIO(export.read_text())))
    assert [row["trainee"] for row in table] == ["Budi", "Budiman", "Siti"]
    # A replay opened from the list, and Esc comes back to the list.
    click(app, row_pos(screen, 0))
    assert screen.chosen == [screen.rows[0].id]
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, ReplayScreen)
    key(app, pygame.K_ESCAPE)
    screen = app.screen
    assert isinstance(screen, RecordsScreen)
    # Two chosen, compared side by side.
    click(app, row_pos(screen, 0))
    click(app, row_pos(screen, 1), pygame.KMOD_SHIFT)
    assert len(screen.chosen) == 2
    key(app, pygame.K_c)
    assert isinstance(app.screen, CompareScreen)
    assert {r.trainee for r in app.screen.results} == {screen.rows[0].trainee, screen.rows[1].trainee}
    assert all(rec is not None for rec in app.screen.recordings)
    key(app, pygame.K_ESCAPE)
    assert app.screen is screen


def _damage_index(path: Path, index: str) -> None:
    """Overwrite the index's root page with junk, as a disk fault would."""
    with sqlite3.connect(path) as db:
        page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xff\x13junk" * (size // 6))


def test_a_row_that_is_not_ours_and_a_damaged_index_still_list(app, tmp_path) -> None:
    path = tmp_path / "data" / "records.sqlite"
    with sqlite3.connect(path) as db:  # another program wrote a row of the wrong kinds
        db.execute("UPDATE results SET parts = 'not json {', score = 'high', sim_seconds = 'long' WHERE trainee = 'Siti'")
    _damage_index(path, "results_by_trainee")
    with Records(read_only=True) as db:
        assert db.values("trainee") == ["Budi", "Budiman", "Siti"]
        siti = next(r for r in db.results() if r.trainee == "Siti")
        assert siti.parts == {} and siti.score == 0 and siti.sim_seconds == 0
    key(app, pygame.K_r)
    screen = app.screen
    assert isinstance(screen, RecordsScreen) and screen.problem == ""
    assert sorted(r.trainee for r in screen.rows) == ["Budi", "Budiman", "Siti"]
    app.frame([], FRAME_S)  # and it draws


def test_level_titles_are_shown_in_the_instructors_language(tmp_path, monkeypatch) -> None:
    """A record keeps the title in the language it was played in; a shipped level's is shown in
    the language the screen is in (in the table, the level filter and the class summary), a
    level of the instructor's own as it was stored. One result is "1 result"."""
    from sispam.level import load_level
    from sispam.ui.class_summary import summarise

    title = load_level(TUTORIAL).title
    assert title.id != title.en
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path / "data"))
    with Records() as db:
        db.add(Result("Budi", "A", "campaign_1_hijau", title.en, "2026-11-27T10:00:00", "won", 90, {}, 300.0, 0, 2, ""))
        db.add(Result("Budi", "A", "latihan_gerbang", "Latihan gerbang", "2026-11-28T10:00:00", "lost", 40, {}, 300.0, 0,
                      3, ""))
    for lang in ("id", "en"):
        game = App(Settings(lang=lang, window=(1280, 720)), headless=True)
        try:
            game.show(RecordsScreen(game))
            screen = game.screen
            assert isinstance(screen, RecordsScreen)
            cells = {screen._cell(r, "level_id") for r in screen.rows}
            assert cells == {getattr(title, lang), "Latihan gerbang"}
            key(game, pygame.K_l)  # the filter names the level, not its file
            assert [r.level_id for r in screen.rows] == ["campaign_1_hijau"]
            label = next(b for b in screen.buttons.items if b.hotkey == pygame.K_l).label
            assert label == getattr(title, lang)
            titles = dict(summarise(screen.rows, lang).levels)
            assert titles == {"campaign_1_hijau": getattr(title, lang)}
            said: list[str] = []
            screen.heading = lambda surf, heading, line, said=said: said.append(line)  # type: ignore[method-assign]
            screen.redraw_all()
            game.frame([], FRAME_S)
            assert said and said[-1].startswith("1 result ·" if lang == "en" else "1 hasil ·")
        finally:
            game.close()
