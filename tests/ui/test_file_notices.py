"""A file's problem shown as a notice is in the player's language: each problem the settings,
progress and records files and the writers really report is said again in Indonesian (its
file, field and value kept), and in English exactly as the command line says it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sispam.atomic import OutputError, check_writable
from sispam.campaign_progress import CampaignProgress, progress_path
from sispam.records import Records, RecordsError
from sispam.settings import load_settings
from sispam.settings import settings_path as _settings_path
from sispam.ui.app import App
from sispam.ui.file_notice import notice_text
from sispam.userdata import MAX_FILE_BYTES, write_json

# The frame's English words: none may be left in an Indonesian notice.
ENGLISH = ("must be", "cannot", "unknown", "ignored", "using the default", "starting with", "dropped", "not JSON",
           "not UTF-8", "larger than", "plain file", "training records", "does not exist", "not writable",
           "nested too deeply", "not usable", "is a directory;", "home folder", "replaced by", "a number", "a list",
           "an object", "is a folder", "the debrief", "4,")


def _settings_problems(tmp: Path) -> list[str]:
    path = tmp / "settings.json"
    bodies: list[bytes] = [
        b"{", b"[1, 2]", b"\xff\xfe", b"[" * 5000 + b"]" * 5000, b'{"trainee_name": "\\ud800"}',
        b'{"volume": 1' + b"0" * 5000 + b"}", b" " * (MAX_FILE_BYTES + 1),
        json.dumps({"lang": "fr", "window": [1, 2], "fullscreen": "yes", "legend": 3, "volume": 2, "instructor_pin": "x",
                    "trainee_name": "x" * 500, "colour": "red"}).encode(),
    ]
    problems = []
    for body in bodies:
        path.write_bytes(body)
        problems += load_settings("id", path)[1]
    path.unlink()
    path.mkdir()
    problems += load_settings("id", path)[1]
    return problems


def _progress_problems(tmp: Path) -> list[str]:
    path = tmp / "progress.json"
    documents: list[object] = [
        [], {"schema_version": 99}, {"schema_version": 1, "levels": [], "extra": 1},
        {"schema_version": 1, "levels": {
            "": {"won": True, "best_score": 1, "attempts": 1}, "a": 3, "b": {"won": "y", "best_score": 1, "attempts": 1},
            "c": {"won": True, "best_score": 101, "attempts": 1}, "d": {"won": False, "best_score": None, "attempts": -1},
            "e": {"won": True, "best_score": None, "attempts": 0}, "f": {"won": False, "best_score": None, "attempts": 1,
                                                                        "stars": 3}}},
    ]
    problems = []
    for document in documents:
        path.write_text(json.dumps(document))
        problems += CampaignProgress.load(path)[1]
    return problems


def _written_problems(tmp: Path) -> list[str]:
    problems = []
    (tmp / "a-file").write_text("x")
    for attempt in (lambda: check_writable(tmp), lambda: check_writable(tmp / "no-folder" / "x.json"),
                    lambda: write_json(tmp / "a-file" / "sub" / "x.json", {})):
        with pytest.raises(OutputError) as e:
            attempt()
        problems.append(str(e.value))
    return problems


def _records_problems(tmp: Path) -> list[str]:
    problems = []
    other = tmp / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    damaged = tmp / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    for path in (other, damaged):
        with pytest.raises(RecordsError) as e:
            Records(path).__enter__()
        problems.append(str(e.value))
    with pytest.raises(RecordsError) as e:
        Records(tmp / "none.sqlite", read_only=True).__enter__()
    problems.append(str(e.value))
    return problems


def test_every_problem_the_files_report_is_said_in_indonesian_and_in_english_as_it_was(tmp_path) -> None:
    problems = (_settings_problems(tmp_path) + _progress_problems(tmp_path) + _written_problems(tmp_path)
                + _records_problems(tmp_path))
    assert len(problems) >= 30
    for message in problems:
        assert notice_text(message, "en") == message
        said = notice_text(message, "id")
        assert said != message, message
        assert not [w for w in ENGLISH if w in said], (message, said)


def test_a_debriefs_export_that_cannot_be_written_is_said_in_indonesian(tmp_path) -> None:
    for message in (f"{tmp_path}/a.sispam-replay.json: the file's name is not UTF-8 text; rename it to export its debrief",
                    f"{tmp_path}/a.html: is a folder; the debrief cannot be written there"):
        said = notice_text(message, "id")
        assert notice_text(message, "en") == message and said.startswith(str(tmp_path)) and "anev" in said


def test_a_value_that_looks_like_a_rule_still_reads_whole() -> None:
    said = notice_text('/x/settings.json: trainee_name: must be a line of at most 80 characters, not "a, not b"', "id")
    assert said == '/x/settings.json: trainee_name: harus satu baris paling banyak 80 karakter, bukan "a, not b"'


def test_indonesian_keeps_the_file_the_field_and_the_value() -> None:
    said = notice_text(r"C:\Users\a: b\settings.json: volume: must be a number from 0 to 1, not 2; "
                       "using the default settings", "id")
    assert said == r"C:\Users\a: b\settings.json: volume: harus angka dari 0 sampai 1, bukan 2; memakai pengaturan bawaan"


def test_a_message_no_pattern_knows_stays_as_it_was() -> None:
    message = "/x/settings.json: volume: must be a colour, not 2"
    assert notice_text(message, "id") == message


def test_the_game_opens_with_a_bad_settings_file_noticed_in_the_players_language(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path))
    _settings_path().write_text(json.dumps({"lang": "id", "volume": 2}))
    progress_path().write_text("[]")
    settings, problems = load_settings("en")
    app = App(settings, headless=True)
    try:
        for p in problems:
            app.notice_problem(p)
        said = [message for message, _ in app.notices]
        assert any("volume: harus angka dari 0 sampai 1, bukan 2" in m for m in said), said
        assert any("campaign_progress.json: harus berupa objek JSON, bukan daftar (list)" in m for m in said), said
    finally:
        app.close()
