"""A class's records on the instructor's machine: a folder of 30 replays from the trainees'
laptops (3 of them damaged) dropped on the records screen becomes 27 results, the 3 named one
by one; a campaign 6 replay then opens from the list; importing again adds nothing; the class
summary is written as CSV and a printable HTML page; the same from the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pygame
import pytest

from sispam.records import Records
from sispam.resources import levels_dir
from sispam.ui.class_summary import summary_csv, summary_html
from sispam.ui.records_screen import RecordsScreen
from sispam.ui.replay_view import ReplayScreen
from tests.ui.conftest import ROOT, record_replay

FRAME_S = 1 / 60
DAMAGED = ("tronc.sispam-replay.json", "biner.sispam-replay.json", "asing.sispam-replay.json")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    """27 trainees' campaign 6 replays (one run, each under its trainee's name) and 3 damaged."""
    base = tmp_path_factory.mktemp("c6")
    one = record_replay(levels_dir() / "campaign_6_dua_lokasi.toml", 30.0, base / "c6.sispam-replay.json")
    data = json.loads(one.read_text())
    folder = base / "kelas"
    for k in range(27):
        data["trainee"] = {"name": f"Bripda Peserta {k:02d}", "group": "Dalmas A" if k < 14 else "Dalmas B"}
        data["played_at"] = f"2026-12-0{1 + k % 5}T09:{k:02d}:00"
        laptop = folder / f"laptop-{k:02d}"
        laptop.mkdir(parents=True)
        (laptop / f"20261201-0900{k:02d}_campaign_6_dua_lokasi_p{k}.sispam-replay.json").write_text(json.dumps(data))
    text = one.read_text()
    (folder / DAMAGED[0]).write_text(text[: len(text) // 3])
    (folder / DAMAGED[1]).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / DAMAGED[2]).write_text(json.dumps({"format": "sispam-replay", "version": 1, "orders": []}))
    return folder


def test_a_dropped_class_folder_becomes_results_and_a_campaign_6_replay_opens(app, class_folder, tmp_path) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="r", scancode=0)], FRAME_S)
    assert isinstance(app.screen, RecordsScreen)
    app.frame([pygame.event.Event(pygame.DROPFILE, file=str(class_folder))], FRAME_S)
    screen = app.screen
    report = screen.imported
    assert len(report.added) == 27 and report.duplicates == []
    assert len(report.problems) == 3
    for name, problem in zip(sorted(DAMAGED), sorted(report.problems), strict=True):
        assert problem.startswith(str(class_folder / name))
    assert len(screen.rows) == 27 and {r.level_id for r in screen.rows} == {"campaign_6_dua_lokasi"}
    assert {r.group for r in screen.rows} == {"Dalmas A", "Dalmas B"}
    assert screen.rows[0].played_at.startswith("2026-12-05")  # newest first, as recorded on the laptop
    app.frame([], FRAME_S)
    pygame.image.save(app.surface, str(tmp_path / "imported.png"))
    # the report names the three damaged files on screen; OK closes it
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], FRAME_S)
    assert screen.imported is None
    row = screen.rows[0]
    y = screen.table.top + screen.row_h + screen.row_h // 2
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(screen.table.centerx, y), button=1)], FRAME_S)
    assert screen.chosen == [row.id]
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], FRAME_S)
    assert isinstance(app.screen, ReplayScreen)
    assert app.screen.world.scenario.id == "campaign_6_dua_lokasi"
    assert Path(row.replay).parent.name == "imported" and Path(row.replay).is_file()
    app.frame([], FRAME_S)
    # the same folder again, this time zipped and dropped on the main menu: all already there
    zipped = tmp_path / "kelas.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for file in class_folder.rglob("*.json"):
            z.write(file, file.relative_to(class_folder))
    app.main_menu()
    app.frame([pygame.event.Event(pygame.DROPFILE, file=str(zipped))], FRAME_S)
    assert isinstance(app.screen, RecordsScreen)
    again = app.screen.imported
    assert again.added == [] and len(again.duplicates) == 27 and len(again.problems) == 3
    with Records(read_only=True) as db:
        assert len(db.results()) == 27


def test_the_class_summary_has_each_trainees_scores_per_level(app, class_folder) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="r", scancode=0)], FRAME_S)
    screen = app.screen
    screen.import_paths([class_folder])
    rows = screen.rows
    table = list(csv.reader(io.StringIO(summary_csv(rows, "en"))))
    assert table[0][:3] == ["Trainee", "Group", "campaign_6_dua_lokasi best score"]
    assert len(table) == 28 and table[1][0] == "Bripda Peserta 00" and table[1][1] == "Dalmas A"
    assert all(int(r[2]) == rows[0].score and r[3] == "1" for r in table[1:])
    page = summary_html(rows, "id")
    assert page.count("<tr><th class='who'>") == 27 and "Ringkasan kelas" in page and "@page" in page
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], FRAME_S)
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_s, mod=0, unicode="s", scancode=0)], FRAME_S)
    written = sorted((Path(os.environ["SISPAM_DATA_DIR"]) / "exports").iterdir())
    assert [p.suffix for p in written] == [".csv", ".html"]


def test_a_trainee_name_is_escaped_in_the_page_and_not_a_formula_in_the_csv(app, class_folder, tmp_path) -> None:
    from dataclasses import replace

    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="r", scancode=0)], FRAME_S)
    app.screen.import_paths([class_folder])
    evil = [replace(r, trainee="<script>alert(1)</script>") if k == 0 else replace(r, trainee="=cmd|' /C calc'!A0")
            for k, r in enumerate(app.screen.rows[:2])]
    assert "<script>" not in summary_html(evil, "en")
    assert "'=cmd" in summary_csv(evil, "en")


def test_game_py_records_import_and_summary(class_folder, tmp_path) -> None:
    env = {**os.environ, "SISPAM_DATA_DIR": str(tmp_path / "data"), "SDL_VIDEODRIVER": "dummy"}

    def game(*args):
        return subprocess.run([sys.executable, str(ROOT / "game.py"), *map(str, args)], capture_output=True,
                              text=True, cwd=ROOT, env=env, timeout=300)

    done = game("records", "import", class_folder)
    assert done.returncode == 0 and "27 results imported, 0 already there, 3 files refused" in done.stdout
    assert len(done.stderr.strip().splitlines()) == 3 and all(name in done.stderr for name in DAMAGED)
    assert "Traceback" not in done.stderr
    done = game("records", "summary", tmp_path / "kelas.csv", "--group", "Dalmas B", "--lang", "en")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "kelas.csv").open()))
    assert len(rows) == 1 + 13 and (tmp_path / "kelas.html").is_file()
    assert game("records", "import", tmp_path / "nothing-here").returncode == 2


def test_an_import_the_records_cannot_take_leaves_no_copy_behind(class_folder, tmp_path, monkeypatch) -> None:
    """A read-only or full records database: the replay was copied into replays/imported/ with
    no result for it (and a full disk said 'cannot rollback - no transaction is active')."""
    from sispam.records import RecordsError
    from sispam.review.import_replays import import_replays

    def full(self, result, run_id=""):
        raise RecordsError(f"{self.path}: cannot store the result: database or disk is full")

    into = tmp_path / "imported"
    with Records(tmp_path / "records.sqlite") as db:
        monkeypatch.setattr(Records, "add", full)
        with pytest.raises(RecordsError, match="disk is full"):
            import_replays([next(class_folder.rglob("laptop-00/*.sispam-replay.json"))], db, into)
    assert not into.exists() or not any(into.iterdir())
