"""A level file's problems in the player's language: Indonesian through the catalogue, English
word for word as the loader (and `python game.py check`) says them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sispam.level import LevelError, load_level
from sispam.level.load import level_notes_of
from sispam.ui.problem_text import problem_text

BROKEN = {
    "fields": 'schema_version = 1\nid = "broken"\nseed = "many"\nduration_s = -5\n\n[map]\nsize = [10]\n',
    "toml-character": 'schema_version = 1\nid = "broken\n',
    "toml-equals": 'schema_version = 1\nid "broken"\n',
    "toml-array": 'schema_version = 1\nid = [1, 2\n',
    "empty": '',
    "unknown-key": 'schema_version = 1\nid = "x"\nsed = 5\n',
}


def _problems(tmp_path: Path, text: str):
    path = tmp_path / "broken_level.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    return caught.value.problems


@pytest.mark.parametrize("name", list(BROKEN))
def test_in_english_a_problem_reads_as_the_loader_says_it(tmp_path: Path, name: str) -> None:
    for problem in _problems(tmp_path, BROKEN[name]):
        assert problem_text(problem, "en") == str(problem)


@pytest.mark.parametrize(("name", "says"), [
    ("fields", ["kunci wajib tidak ada", "seharusnya bilangan bulat, tertulis string (teks) (\"many\")",
                "harus lebih besar dari atau sama dengan 1, tertulis -5", "array terlalu pendek: butir ke-2 tidak ada"]),
    ("toml-character", [":2: sintaks: TOML: karakter tidak sah '\\n' (kolom 13)"]),
    ("toml-equals", ["seharusnya ada '=' setelah kunci"]),
    ("toml-array", ["TOML: array tidak ditutup (di akhir berkas)"]),
    ("empty", ["berkas: berkas kosong"]),
    ("unknown-key", ["kunci 'sed' tidak dikenal; maksudnya 'seed'?"]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_in_indonesian_a_problem_is_said_through_the_catalogue(tmp_path: Path, name: str, says: list[str]) -> None:
    lines = "\n".join(problem_text(p, "id") for p in _problems(tmp_path, BROKEN[name]))
    for part in says:
        assert part in lines
    assert "required key" not in lines and "expected" not in lines and "Illegal" not in lines


@pytest.mark.parametrize("app", ["id"], indirect=True)
def test_the_error_screen_of_the_indonesian_game_says_the_problems_in_indonesian(app, tmp_path: Path) -> None:
    from sispam.ui.error_screen import ErrorScreen

    path = tmp_path / "broken_level.toml"
    path.write_text(BROKEN["toml-character"], encoding="utf-8")
    app.open_level(path)
    assert isinstance(app.screen, ErrorScreen)
    assert app.screen.problems == [f"{path}:2: sintaks: TOML: karakter tidak sah '\\n' (kolom 13)"]


def test_officers_placed_in_a_building_are_named_in_indonesian(tmp_path: Path) -> None:
    (problem,) = level_notes_of(Path(__file__).resolve().parents[1] / "levels" / "line_into_building.toml")
    assert problem_text(problem, "en") == str(problem)
    said = problem_text(problem, "id")
    assert "catatan: 1 dari 66 petugas satuan ini akan berdiri di dalam rintangan padat building 'north-block'" in said
    assert "[50.51, 30.31]" in said and "persempit width_m" in said


def test_the_campaign_list_opened_as_a_level_says_so_in_indonesian() -> None:
    from sispam.resources import campaign_file
    with pytest.raises(LevelError) as caught:
        load_level(campaign_file())
    (problem,) = caught.value.problems
    assert problem_text(problem, "en") == str(problem)
    said = problem_text(problem, "id")
    assert "ini daftar level sebuah kampanye, bukan level" in said and "campaign_1_hijau.toml" in said


def test_a_missing_file_has_no_line_and_says_so_in_indonesian(tmp_path: Path) -> None:
    with pytest.raises(LevelError) as caught:
        load_level(tmp_path / "nope.toml")
    (problem,) = caught.value.problems
    assert str(problem) == f"{tmp_path / 'nope.toml'}: file: no such file"  # no ':0:' for the file as a whole
    assert problem_text(problem, "en") == str(problem)
    assert problem_text(problem, "id").endswith(": berkas tidak ada")


HEAD = ('schema_version = 1\nid = "checks"\nseed = 1\nduration_s = 60\ntitle = { id = "Uji", en = "Test" }\n'
        'briefing = { id = "Uji.", en = "Test." }\n\n[map]\nsize = [30, 12]\n\n')
ZONES = ('[[zones]]\nid = "in"\nrole = "spawn"\nshape = { kind = "rect", min = [1, 1], max = [5, 5] }\n\n'
         '[[zones]]\nid = "gate"\nrole = "protected"\nshape = { kind = "rect", min = [20, 1], max = [25, 5] }\n\n')
CHECKS = {  # a level's own checks (sispam.level.checks), each with words of its Indonesian text
    "nobody": (HEAD, ["belum punya kelompok [[crowd]] maupun [[units]]"]),
    "zones": (HEAD + ZONES + '[[crowd]]\nid = "a"\ncount = 10\nspawn = "nowhere"\ngoal = { kind = "exit", zone = "gate" }\n'
              'arrival_s = 90\n\n[[crowd]]\nid = "a"\ncount = 10\nspawn = "gate"\ngoal = { kind = "point", point = [50, 5] }\n',
              ["zona kemunculan 'nowhere' tidak ada (zona: 'in', 'gate')", "tujuan keluar memerlukan zona dengan role",
               "tiba pada 90 s, setelah level berakhir", "id ganda 'a' (sudah dipakai oleh crowd[0])",
               "zona kemunculan 'gate' adalah zona yang dilindungi", "titik tujuan [50, 5] berada di luar peta"]),
    "units": (HEAD + '[[units]]\nid = "u"\ntype = "dalmas_awal"\nformation = "bersaf"\nposition = [40, 5]\n'
              'facing_deg = 0\nrequest_delay_s = 30\n',
              ["posisi satuan [40, 5] berada di luar peta (x 0..30, y 0..12)", "request_delay_s hanya untuk satuan cadangan"]),
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_the_levels_own_checks_are_said_in_indonesian_and_as_the_loader_in_english(tmp_path: Path, name: str) -> None:
    source, says = CHECKS[name]
    problems = _problems(tmp_path, source)
    lines = "\n".join(problem_text(p, "id") for p in problems)
    for part in says:
        assert part in lines
    assert len(problems) == len(says)  # every one of them, and each said through the catalogue
    assert all(problem_text(p, "en") == str(p) for p in problems)
    assert problems and all(problem_text(p, "id") != str(p) for p in problems)
