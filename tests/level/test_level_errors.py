"""Bad level files are refused with a LevelError that names the line, the path and the cause.

Each case edits one line of `VALID` (or appends to it); the `# n` comments are line numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sispam.level import LevelError, Problem, load_level
from sispam.level.limits import MAX_FILE_BYTES
from sispam.level.load import level_notes_of

ROOT = Path(__file__).resolve().parents[2]

VALID = """\
schema_version = 1                                          # 1
id = "test"                                                 # 2
seed = 1                                                    # 3
title = { id = "Uji", en = "Test" }                         # 4
briefing = { id = "Uji coba.", en = "A test." }             # 5
[map]                                                       # 6
size = [100, 50]                                            # 7
[[zones]]                                                   # 8
id = "start"                                                # 9
role = "spawn"                                              # 10
shape = { kind = "rect", min = [0, 0], max = [20, 20] }     # 11
                                                            # 12
[[zones]]                                                   # 13
id = "exit"                                                 # 14
role = "exit"                                               # 15
shape = { kind = "rect", min = [90, 0], max = [100, 50] }   # 16
                                                            # 17
[[crowd]]                                                   # 18
id = "g"                                                    # 19
count = 10                                                  # 20
spawn = "start"                                             # 21
goal = { kind = "exit", zone = "exit" }                     # 22
agitation = 0.5                                             # 23
roles = { massa = 0.9, pers = 0.1 }                         # 24
"""


def replaced(*pairs: str) -> str:
    """VALID with each (old, new) pair of texts replaced; every old text must occur once."""
    text = VALID
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def appended(extra: str) -> str:
    """VALID with more lines after line 24."""
    return VALID + extra


def load_problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "level.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    return caught.value.problems


def find(problems: list[Problem], where: str) -> Problem:
    matches = [p for p in problems if p.where == where]
    assert matches, f"no problem at {where!r} in:\n" + "\n".join(map(str, problems))
    return matches[0]


def test_valid_text_loads(tmp_path: Path) -> None:
    path = tmp_path / "level.toml"
    path.write_text(VALID, encoding="utf-8")
    assert load_level(path).crowd[0].count == 10


BUILDING_OVER_SPAWN = """\
[[obstacles]]                                               # 25
id = "hall"                                                 # 26
kind = "building"                                           # 27
shape = { kind = "rect", min = [0, 0], max = [20, 15] }     # 28
"""

SECOND_GROUP = """\
[[crowd]]                                                   # 25
id = "h"                                                    # 26
count = 6000                                                # 27
spawn = "start"                                             # 28
goal = { kind = "exit", zone = "exit" }                     # 29
"""

MULTILINE_POLYGON = """\
[[obstacles]]                                               # 25
id = "kiosk"                                                # 26
kind = "shop"                                               # 27
shape = { kind = "polygon", points = [                      # 28
    [40, 10],                                               # 29
    [50, 10],                                               # 30
    [50, "20"],                                             # 31
] }                                                         # 32
"""

UNIT_IN_BUILDING = """\
[[obstacles]]                                               # 25
id = "hall"                                                 # 26
kind = "building"                                           # 27
shape = { kind = "rect", min = [40, 20], max = [60, 40] }   # 28

[[units]]                                                   # 30
id = "line"                                                 # 31
type = "dalmas_awal"                                        # 32
formation = "bersaf"                                        # 33
position = [50, 30]                                         # 34
facing_deg = -90                                            # 35
"""

ZERO_THICKNESS_FENCE = """\
[[obstacles]]                                               # 25
id = "fence"                                                # 26
kind = "fence"                                              # 27
shape = { kind = "polyline", points = [[30, 0], [30, 20]], thickness = 0 }   # 28
"""

CASES = [
    pytest.param(
        replaced("count = 10", "count = 10 10"),
        20, "syntax", "Expected newline or end of document",
        id="malformed-toml",
    ),
    pytest.param(
        replaced("count = 10", 'count = "ten"'),
        20, "crowd[0].count", 'expected a whole number, got a string ("ten")',
        id="string-for-number",
    ),
    pytest.param(
        replaced("agitation = 0.5", "agitation = true"),
        23, "crowd[0].agitation", "expected a number, got a boolean (true)",
        id="bool-for-number",
    ),
    pytest.param(
        replaced("size = [100, 50]", 'size = [100, "50"]'),
        7, "map.size[1]", 'expected a number, got a string ("50")',
        id="string-in-array",
    ),
    pytest.param(
        replaced("seed = 1 ", "sed = 1 "),
        3, "sed", "unknown key 'sed'; did you mean 'seed'?",
        id="unknown-key-top-level",
    ),
    pytest.param(
        replaced('zone = "exit" }', 'zone = "exit", speed = 2 }'),
        22, "crowd[0].goal.speed", "unknown key 'speed'; allowed here: kind, zone",
        id="unknown-key-nested",
    ),
    pytest.param(
        replaced('spawn = "start"', "# no spawn"),
        18, "crowd[0].spawn", "required key is missing",
        id="missing-key-points-at-its-table",
    ),
    pytest.param(
        replaced("seed = 1 ", "# no seed"),
        1, "seed", "required key is missing",
        id="missing-top-level-key",
    ),
    pytest.param(
        replaced('role = "spawn" ', 'role = "protected" '),
        21, "crowd[0].spawn", "spawn zone 'start' is a protected zone: everyone arriving there would be a breach "
                              "at once; give the group a zone outside it",
        id="crowd-arrives-in-a-protected-zone",
    ),
    pytest.param(
        replaced('spawn = "start"', 'spawn = "nowhere"'),
        21, "crowd[0].spawn", "spawn zone 'nowhere' does not exist (zones: 'start', 'exit')",
        id="unknown-spawn-zone",
    ),
    pytest.param(
        replaced('zone = "exit" }', 'zone = "nowhere" }'),
        22, "crowd[0].goal.zone", "goal zone 'nowhere' does not exist",
        id="unknown-goal-zone",
    ),
    pytest.param(
        replaced('zone = "exit" }', 'zone = "start" }'),
        22, "crowd[0].goal.zone", "an exit goal needs a zone with role \"exit\"",
        id="exit-goal-to-non-exit-zone",
    ),
    pytest.param(
        replaced('id = "exit"', 'id = "start"'),
        14, "zones[1].id", "duplicate id 'start' (already used by zones[0])",
        id="duplicate-id",
    ),
    pytest.param(
        replaced(
            'kind = "rect", min = [90, 0], max = [100, 50] }',
            'kind = "polygon", points = [[90, 0], [100, 40], [100, 0], [90, 30]] }',
        ),
        16, "zones[1].shape.points", "polygon is self-intersecting",
        id="self-intersecting-polygon",
    ),
    pytest.param(
        replaced(
            'kind = "rect", min = [90, 0], max = [100, 50] }',
            'kind = "polygon", points = [[90, 0], [95, 0], [100, 0]] }',
        ),
        16, "zones[1].shape.points", "polygon has zero area",
        id="zero-area-polygon",
    ),
    pytest.param(
        replaced("max = [20, 20]", "max = [10, 20]", "min = [0, 0]", "min = [10, 0]"),
        11, "zones[0].shape", "rect min [10.0, 0.0] must lie south-west of max [10.0, 20.0]",
        id="rect-corners-swapped",
    ),
    pytest.param(
        appended(BUILDING_OVER_SPAWN),
        21, "crowd[0].spawn", "spawn zone 'start' is 75% blocked: 75% inside building 'hall'",
        id="spawn-inside-building",
    ),
    pytest.param(
        replaced("min = [0, 0], max = [20, 20]", "min = [-60, 0], max = [20, 20]"),
        21, "crowd[0].spawn", "spawn zone 'start' is 75% blocked: 75% outside the map",
        id="spawn-outside-map",
    ),
    pytest.param(
        replaced("max = [100, 50]", "max = [110, 50]"),
        16, "zones[1].shape", "shape reaches outside the map: it spans x 90..110",
        id="shape-outside-map",
    ),
    pytest.param(
        replaced("agitation = 0.5", "agitation = nan"),
        23, "crowd[0].agitation", "must be a finite number, got nan",
        id="nan",
    ),
    pytest.param(
        replaced("size = [100, 50]", "size = [inf, 50]"),
        7, "map.size[0]", "must be a finite number, got inf",
        id="inf",
    ),
    pytest.param(
        replaced("count = 10", "count = -3"),
        20, "crowd[0].count", "greater than or equal to 1, got -3",
        id="negative-count",
    ),
    pytest.param(
        replaced("count = 10", "count = 20001"),
        20, "crowd[0].count", "less than or equal to 20000, got 20,001",
        id="count-above-cap",
    ),
    pytest.param(
        appended(SECOND_GROUP).replace("count = 10 ", "count = 15000 "),
        18, "crowd", "the crowd groups total 21,000 people; the cap is 20,000",
        id="crowd-total-above-cap",
    ),
    pytest.param(
        replaced("massa = 0.9", "massa = 0.8"),
        24, "crowd[0].roles", "role fractions must sum to 1, they sum to 0.9",
        id="roles-not-summing-to-1",
    ),
    pytest.param(
        replaced("pers = 0.1", "preman = 0.1"),
        24, "crowd[0].roles.preman", 'unknown value "preman"; expected one of',
        id="unknown-role",
    ),
    pytest.param(
        replaced('kind = "rect", min = [90, 0]', 'kind = "square", min = [90, 0]'),
        16, "zones[1].shape.kind", 'unknown kind "square"',
        id="unknown-shape-kind",
    ),
    pytest.param(
        replaced('kind = "rect", min = [90, 0]', "min = [90, 0]"),
        16, "zones[1].shape", 'missing key \'kind\'; it must be one of "polygon", "rect", "circle"',
        id="shape-without-kind",
    ),
    pytest.param(
        replaced("schema_version = 1", "schema_version = 2"),
        1, "schema_version", "schema_version 2 is not supported",
        id="wrong-schema-version",
    ),
    pytest.param(
        replaced("schema_version = 1", "schema_version = true"),
        1, "schema_version", "expected a whole number, got a boolean (true)",
        id="bool-schema-version",
    ),
    pytest.param(
        appended(MULTILINE_POLYGON),
        31, "obstacles[0].shape.points[2][1]", "expected a number",
        id="line-inside-multiline-array",
    ),
    pytest.param(
        appended(UNIT_IN_BUILDING),
        34, "units[0].position", "unit position [50, 30] is inside solid building 'hall'",
        id="unit-inside-building",
    ),
    pytest.param(
        appended(UNIT_IN_BUILDING).replace("position = [50, 30]", "position = [50, 70]"),
        34, "units[0].position", "unit position [50, 70] is outside the map",
        id="unit-outside-map",
    ),
    pytest.param(
        appended(ZERO_THICKNESS_FENCE),
        28, "obstacles[0].shape.thickness", "greater than 0",
        id="zero-thickness-polyline",
    ),
]


@pytest.mark.parametrize(("text", "line", "where", "message"), CASES)
def test_bad_level_names_line_path_and_cause(
    tmp_path: Path, text: str, line: int, where: str, message: str
) -> None:
    problem = find(load_problems(tmp_path, text), where)
    assert message in problem.message
    assert problem.line == line
    assert str(problem) == f"{tmp_path / 'level.toml'}:{line}: {where}: {problem.message}"


def test_level_without_crowd_or_units_is_refused(tmp_path: Path) -> None:
    text = VALID.split("[[crowd]]")[0]
    problem = find(load_problems(tmp_path, text), "level")
    assert problem.line == 1
    assert "no [[crowd]] group and no [[units]]" in problem.message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = replaced(
        "seed = 1 ", 'seed = "one" ',
        "size = [100, 50]", "size = [100, nan]",
        "count = 10", "count = 0",
        "massa = 0.9", "massa = 0.9, ultras = 0.1",
    )
    problems = load_problems(tmp_path, text)
    assert len(problems) >= 3
    lines = {p.where: p.line for p in problems}
    assert lines["seed"] == 3
    assert lines["map.size[1]"] == 7
    assert lines["crowd[0].count"] == 20
    assert lines["crowd[0].roles.ultras"] == 24


def test_every_cross_check_is_reported_at_once(tmp_path: Path) -> None:
    text = replaced(
        'spawn = "start"', 'spawn = "nowhere"',
        'id = "exit"', 'id = "start"',
        "max = [100, 50]", "max = [110, 50]",
    )
    problems = load_problems(tmp_path, text)
    lines = {p.where: p.line for p in problems}
    assert lines["zones[1].id"] == 14
    assert lines["zones[1].shape"] == 16
    assert lines["crowd[0].spawn"] == 21
    assert lines["crowd[0].goal.zone"] == 22  # 'exit' no longer exists


def test_field_errors_and_cross_checks_are_reported_together(tmp_path: Path) -> None:
    text = appended(
        "[[crowd]]\n"                                        # 25
        'id = "late"\n'                                      # 26
        'count = "ten"\n'                                    # 27
        'spawn = "start"\n'                                  # 28
        'goal = { kind = "exit", zone = "exit" }\n'          # 29
        "[[obstacles]]\n"                                    # 30
        'id = "far"\n'                                       # 31
        'kind = "wall"\n'                                    # 32
        'shape = { kind = "rect", min = [90, 40], max = [120, 45] }\n'  # 33
    ).replace('spawn = "start"                                             # 21',
              'spawn = "nowhere"                                           # 21')
    problems = load_problems(tmp_path, text)
    lines = {p.where: p.line for p in problems}
    assert lines["crowd[1].count"] == 27  # a field error ...
    assert lines["crowd[0].spawn"] == 21  # ... and, in the same report, a broken reference
    assert lines["obstacles[0].shape"] == 33  # ... and a shape off the map
    assert len(problems) == 3


def test_a_wrong_value_does_not_hide_a_broken_reference_in_the_same_entry(tmp_path: Path) -> None:
    text = replaced("count = 10", "count = -5", 'spawn = "start"', 'spawn = "nowhere"',
                    "seed = 1 ", 'seed = "one" ', "agitation = 0.5", "agitation = 7")
    problems = load_problems(tmp_path, text)
    lines = {p.where: p.line for p in problems}
    assert lines == {"seed": 3, "crowd[0].count": 20, "crowd[0].spawn": 21, "crowd[0].agitation": 23}


def test_cross_checks_about_entries_set_aside_are_not_guessed(tmp_path: Path) -> None:
    text = replaced('shape = { kind = "rect", min = [0, 0], max = [20, 20] }',
                    'shape = { kind = "rect", min = [0, 0], max = ["a", 20] }')
    problems = load_problems(tmp_path, text)
    # The spawn zone itself is broken; "spawn zone 'start' does not exist" would mislead.
    assert [p.where for p in problems] == ["zones[0].shape.max[0]"]


def test_level_error_lists_one_problem_per_line_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "level.toml"
    path.write_text(replaced("count = 10", "count = 0", "seed = 1 ", "seed = -1 "))
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert str(caught.value).splitlines() == [
        f"{path}:3: seed: should be greater than or equal to 0, got -1",
        f"{path}:20: crowd[0].count: should be greater than or equal to 1, got 0",
    ]


# --- the file itself -------------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nope.toml"


def _directory(tmp_path: Path) -> Path:
    (tmp_path / "levels.toml").mkdir()
    return tmp_path / "levels.toml"


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "level.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    return path


def _latin1_on_line_3(tmp_path: Path) -> Path:
    path = tmp_path / "level.toml"
    path.write_bytes(VALID.replace('"test"', '"caf\xe9"').encode("latin-1"))
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "level.toml"
    path.write_text("\n  \n")
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "level.toml"
    path.write_text(VALID + "#" * MAX_FILE_BYTES)
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return path


@pytest.mark.parametrize(
    ("make", "line", "message"),
    [
        pytest.param(_missing, 0, "no such file", id="missing-file"),
        pytest.param(_fifo, 0, "is not a plain file", id="named-pipe"),
        pytest.param(_directory, 0, "is a directory", id="directory"),
        pytest.param(_binary, 1, "not a UTF-8 text file (byte 0x89 at offset 0)", id="binary"),
        pytest.param(_latin1_on_line_3, 2, "not a UTF-8 text file", id="not-utf8"),
        pytest.param(_empty, 0, "file is empty", id="empty"),
        pytest.param(_too_large, 0, "a level file may be at most 2 MB", id="too-large"),
    ],
)
def test_unusable_file_is_one_problem(tmp_path: Path, make, line: int, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(LevelError) as caught:
        load_level(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.where) == (str(path), line, "file")
    assert message in problem.message


def test_toml_error_at_end_of_file(tmp_path: Path) -> None:
    (problem,) = load_problems(tmp_path, VALID + 'note = "unclosed\n')
    assert (problem.line, problem.where) == (25, "syntax")
    assert "TOML:" in problem.message


RESERVE_UNIT = """\
[[units]]                                                   # 25
id = "tni"                                                  # 26
type = "tni"                                                # 27
formation = "bersaf"                                        # 28
position = [50, 30]                                         # 29
facing_deg = -90                                            # 30
on_request = true                                           # 31
"""


def test_a_unit_on_request_waits_for_its_delay(tmp_path: Path) -> None:
    path = tmp_path / "level.toml"
    path.write_text(appended(RESERVE_UNIT).replace("seed = 1 ", 'wind_mps = [2, -1.5]\nseed = 1 '))
    scenario = load_level(path)
    (unit,) = scenario.units
    assert unit.on_request and unit.request_delay_s == 300  # the tni default
    assert scenario.wind_mps == (2, -1.5)
    path.write_text(appended(RESERVE_UNIT + "request_delay_s = 45\n"))
    assert load_level(path).units[0].request_delay_s == 45


@pytest.mark.parametrize(("text", "line", "where", "message"), [
    pytest.param(appended(RESERVE_UNIT.replace("on_request = true", "request_delay_s = 60")), 31,
                 "units[0].request_delay_s", "only for a unit held in reserve", id="delay-without-on-request"),
    pytest.param(appended(RESERVE_UNIT.replace("on_request = true", "on_request = 1")), 31,
                 "units[0].on_request", "expected true or false", id="on-request-not-a-flag"),
    pytest.param(replaced("seed = 1 ", "wind_mps = [40, 0]\nseed = 1 "), 3, "wind_mps[0]",
                 "less than or equal to 30", id="gale"),
])
def test_bad_reserve_or_wind_names_line_path_and_cause(tmp_path: Path, text, line, where, message) -> None:
    problem = find(load_problems(tmp_path, text), where)
    assert problem.line == line and message in problem.message, problem




def test_a_line_whose_rear_rank_would_stand_in_a_building_is_noted_at_its_width(tmp_path: Path) -> None:
    """tests/levels/line_into_building.toml: the second rank of a line from wall to wall would
    put its last man 0.31 m inside a block. The level loads (he is pushed out as it starts), and
    `check` notes it at width_m. Narrowed as levels.md says (the end men 0.3 m off the walls, and
    half a spacing more on the right), there is nothing to note."""
    level = ROOT / "tests" / "levels" / "line_into_building.toml"
    text = level.read_text(encoding="utf-8")
    assert load_level(level).units[0].width_m == 20
    (note,) = level_notes_of(level)
    assert (note.line, note.where) == (text.splitlines().index("width_m = 20") + 1, "units[0].width_m")
    assert note.message.startswith("note: 1 of the unit's 66 officers would stand inside solid building 'north-block'")
    assert "[50.51, 30.31]" in note.message
    checked = subprocess.run([sys.executable, str(ROOT / "game.py"), "check", str(level)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked
    assert f"{level}:{note.line}: units[0].width_m: note: 1 of the unit's 66 officers" in checked.stdout
    narrowed = tmp_path / "narrowed.toml"
    narrowed.write_text(text.replace("position = [50, 20]", "position = [50, 19.85]").replace(
        "width_m = 20", "width_m = 19.1"), encoding="utf-8")
    assert level_notes_of(narrowed) == []
    checked = subprocess.run([sys.executable, str(ROOT / "game.py"), "check", str(narrowed)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and checked.stdout.strip() == f"{narrowed}: ok", checked


def test_a_note_names_at_most_three_obstacles_and_counts_the_rest(tmp_path: Path) -> None:
    """Posts under five of the front rank's men, and the north block under the rear rank's last:
    the note counts all six officers, names three obstacles and says how many more, so that
    its advice stays readable."""
    text = (ROOT / "tests" / "levels" / "line_into_building.toml").read_text(encoding="utf-8")
    for k, y in enumerate((12.5, 15.0, 17.5, 22.5, 25.0)):
        text += (f'\n[[obstacles]]\nid = "post-{k}"\nkind = "building"\n'
                 f"shape = {{ kind = \"rect\", min = [49.8, {y - 0.2}], max = [50.2, {y + 0.2}] }}\n")
    path = tmp_path / "posts.toml"
    path.write_text(text, encoding="utf-8")
    (note,) = level_notes_of(path)
    assert note.message.startswith("note: 6 of the unit's 66 officers would stand inside solid building 'north-block', "
                                   "building 'post-0', building 'post-1', 3 more (the first at"), note.message
