"""The level editor's document: edits keep the file's text, undo gives it back byte for byte,
problems are the ones `game.py check` prints, and only a valid level is saved as a level."""

from __future__ import annotations

import difflib
import subprocess
import sys
import tomllib
from datetime import UTC, time
from pathlib import Path

import pytest

from sispam.level import LevelError, Problem, draft_file, load_level
from sispam.level.draft import TABLES, Draft, DraftInvalid
from sispam.resources import levels_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (levels_dir()).glob("*.toml")
                 if p.name != "campaign.toml" and not p.name.endswith(".draft.toml"))

BUILDING = {"id": "kantor", "kind": "building", "label": "Kantor",
            "shape": {"kind": "rect", "min": [50, 50], "max": [70, 65]}}
YARD = {"id": "halaman", "role": "protected", "shape": {"kind": "rect", "min": [45, 45], "max": [75, 70]}}
ARRIVAL = {"id": "datang", "role": "spawn", "shape": {"kind": "rect", "min": [2, 2], "max": [20, 20]}}
GROUP = {"id": "massa", "count": 80, "spawn": "datang", "roles": {"massa": 0.9, "korlap": 0.1},
         "goal": {"kind": "zone", "zone": "halaman"}, "agitation": 0.1}
PLATOON = {"id": "dalmas-1", "type": "dalmas_awal", "formation": "bersaf", "position": [60, 40],
           "facing_deg": -90.0, "width_m": 12.0}
OBJECTIVE = {"id": "halaman-aman", "kind": "protect_zone", "zone": "halaman",
             "text": {"id": "Halaman aman.", "en": "The yard stays clear."}}


def built(level_id: str = "uji_editor") -> Draft:
    """A small valid level made the way the editor makes one."""
    draft = Draft.new(level_id, size=(100.0, 80.0))
    draft.add("obstacles", BUILDING)
    draft.add("zones", YARD)
    draft.add("zones", ARRIVAL)
    draft.add("crowd", GROUP)
    draft.add("units", PLATOON)
    draft.add("objectives", OBJECTIVE)
    return draft


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line holding `fragment`."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) == 1, (fragment, lines)
    return lines[0]


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


# --- A new level, built entry by entry ---------------------------------------------------

def test_a_new_draft_says_that_it_still_needs_a_crowd_or_a_unit() -> None:
    draft = Draft.new()
    assert [p.where for p in draft.problems()] == ["level"]
    assert "no [[crowd]] group and no [[units]]" in draft.problems()[0].message
    assert draft.value(("map", "size")) == [120, 80]
    assert not draft.dirty and not draft.can_undo


def test_a_level_built_in_the_editor_saves_loads_and_passes_game_check(tmp_path: Path) -> None:
    draft = built()
    assert draft.problems() == []
    assert 'shape = { kind = "rect", min = [50, 50], max = [70, 65] }' in draft.text()
    assert 'goal = { kind = "zone", zone = "halaman" }' in draft.text()
    assert "facing_deg = -90\n" in draft.text()  # a whole decimal number is written as an int
    path = draft.save(tmp_path / "uji.toml")

    assert path == tmp_path / "uji.toml" and draft.path == path and not draft.dirty
    assert path.read_text(encoding="utf-8") == draft.text()
    loaded = load_level(path)
    assert (loaded.id, [o.id for o in loaded.obstacles], [z.id for z in loaded.zones]) == (
        "uji_editor", ["kantor"], ["halaman", "datang"])
    assert [g.count for g in loaded.crowd] == [80] and [u.id for u in loaded.units] == ["dalmas-1"]
    assert draft.scenario() == loaded
    checked = subprocess.run([sys.executable, "game.py", "check", str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{path}: ok" in checked.stdout


def test_new_arrays_of_tables_go_in_the_file_order_whatever_order_they_are_added_in() -> None:
    draft = Draft.new()
    draft.add("objectives", OBJECTIVE)
    draft.add("units", PLATOON)
    draft.add("zones", YARD)
    draft.add("obstacles", BUILDING)
    headers = [line for line in draft.text().splitlines() if line.startswith("[[")]
    assert headers == ["[[obstacles]]", "[[zones]]", "[[units]]", "[[objectives]]"]
    assert tomllib.loads(draft.text())["zones"] == [YARD]


def test_values_are_written_tidy() -> None:
    draft = Draft.new()
    draft.add("units", {**PLATOON, "position": (0.1 + 0.2, 10.0), "width_m": None, "ranks": 2.0})
    assert "position = [0.3, 10]\n" in draft.text()
    assert "width_m" not in draft.text()  # None leaves the key out
    assert draft.get("units", 0)["ranks"] == 2 and isinstance(draft.get("units", 0)["ranks"], int)


def test_a_text_with_line_breaks_is_a_block_in_a_table_and_escaped_inline() -> None:
    draft = Draft.new()
    draft.set_value(("briefing", "en"), 'Two "lines"\nof text')
    assert 'en = "Two \\"lines\\"\\nof text"' in draft.text()  # briefing is an inline table
    draft.set_value(("scoring", "time"), 5)
    assert draft.text().endswith("\n[scoring]\ntime = 5\n")
    assert tomllib.loads(draft.text())["briefing"]["en"] == 'Two "lines"\nof text'


# --- History -----------------------------------------------------------------------------

def test_undo_gives_back_every_text_byte_for_byte_and_redo_reapplies() -> None:
    draft = Draft.open(levels_dir() / "campaign_1_hijau.toml")
    texts = [draft.text()]
    draft.move("units", 0, 2, 0)
    texts.append(draft.text())
    draft.remove("obstacles", 0)
    texts.append(draft.text())
    draft.add("zones", ARRIVAL | {"id": "datang-2"})
    texts.append(draft.text())
    draft.set_value(("title", "en"), "Another title")
    texts.append(draft.text())
    assert len(set(texts)) == 5 and draft.dirty

    for expected in reversed(texts[:-1]):
        assert draft.undo()
        assert draft.text() == expected
    assert not draft.can_undo and not draft.undo() and not draft.dirty
    for expected in texts[1:]:
        assert draft.redo()
        assert draft.text() == expected
    assert not draft.can_redo and not draft.redo()


def test_a_change_after_undo_drops_the_redo_steps() -> None:
    draft = built()
    draft.move("units", 0, 1, 1)
    draft.undo()
    assert draft.can_redo and draft.redo_label == "move units[0]"
    draft.set_value(("seed",), 9)
    assert not draft.can_redo and draft.undo_label == "set seed"


def test_history_keeps_the_last_200_steps() -> None:
    draft = Draft.new()
    for seed in range(205):
        draft.set_value(("seed",), seed + 2)
    steps = 0
    while draft.undo():
        steps += 1
    assert steps == 200
    assert draft.value(("seed",)) == 6  # the first five steps are forgotten


def test_a_group_is_one_step_and_groups_inside_it_join_it() -> None:
    draft = built()
    before = draft.text()
    draft.set_value(("seed",), 5)
    after_seed = draft.text()
    with draft.group("drag"):
        for _ in range(3):
            draft.move("obstacles", 0, 1, 0)
        with draft.group("inner"):
            draft.move("units", 0, 0, 1)
    assert draft.get("obstacles", 0)["shape"]["min"] == [53, 50]
    assert draft.undo_label == "drag"
    assert draft.undo() and draft.text() == after_seed
    assert draft.undo() and draft.text() == before


def test_a_change_that_changes_nothing_is_no_step() -> None:
    draft = built()
    draft.set_value(("seed",), 4)
    draft.undo()
    draft.move("objectives", 0, 5, 5)  # an objective has nothing to move
    draft.update("units", 0, draft.get("units", 0) | {"facing_deg": -90})  # -90.0 is -90
    # A new step would have dropped the redo step.
    assert draft.can_redo and draft.undo_label == "add objectives[0]"


def test_a_failed_change_leaves_the_document_as_it_was() -> None:
    draft = built()
    before = draft.text()
    with pytest.raises(TypeError):
        draft.update("units", 0, draft.get("units", 0) | {"position": object()})
    with pytest.raises(IndexError):
        draft.remove("zones", 7)
    with pytest.raises(ValueError, match="not one of the level's tables"):
        draft.add("people", {})
    assert draft.text() == before and draft.undo_label == "add objectives[0]"
    # A value TOML cannot write (a time with a zone) after one that it can: neither is kept.
    with pytest.raises(ValueError):
        draft.update("units", 0, draft.get("units", 0) | {"id": "other", "at": time(10, tzinfo=UTC)})
    assert draft.text() == before
    draft.set_value(("seed",), 3)  # the next change starts from the document as it was
    assert changed_lines(before, draft.text()) == ["- seed = 1", "+ seed = 3"]


# --- Keeping the file's text -------------------------------------------------------------

@pytest.mark.parametrize("level", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_shipped_level_opened_and_saved_is_the_same_file(level: Path, tmp_path: Path) -> None:
    draft = Draft.open(level)
    assert draft.problems() == [] and not draft.dirty
    saved = draft.save(tmp_path / level.name)
    assert saved.read_bytes() == level.read_bytes()


def test_changing_a_units_position_changes_only_its_line_and_keeps_its_comment() -> None:
    draft = Draft.open(levels_dir() / "campaign_1_hijau.toml")
    before = draft.text()
    unit = draft.get("units", 0)
    draft.update("units", 0, unit | {"position": [84.5, 30]})
    assert changed_lines(before, draft.text()) == [
        "- position = [85, 36]             # 12 m inside the gate, facing the road",
        "+ position = [84.5, 30]             # 12 m inside the gate, facing the road",
    ]
    assert draft.problems() == []


def test_moving_a_multiline_polygon_keeps_its_layout() -> None:
    draft = Draft.open(levels_dir() / "campaign_1_hijau.toml")
    before = draft.text()
    index = [o["id"] for o in draft.entries("obstacles")].index("gedung-kpu")
    draft.move("obstacles", index, 1, 0.5)
    assert changed_lines(before, draft.text()) == [
        "-     [65, 45], [105, 45], [105, 75], [93, 75], [93, 57], [77, 57], [77, 75], [65, 75],",
        "+     [66, 45.5], [106, 45.5], [106, 75.5], [94, 75.5], [94, 57.5], [78, 57.5], [78, 75.5], [66, 75.5],",
    ]


COMMENTED = """\
# A level with a comment above each obstacle.
schema_version = 1
id = "kommentar"
seed = 1
title = { id = "K", en = "C" }
briefing = { id = "K.", en = "C." }

[map]
size = [100, 60]

# --- Obstacles ---

# the office
[[obstacles]]
id = "a"
kind = "building"
shape = { kind = "rect", min = [10, 10], max = [20, 20] }

# the kiosk
[[obstacles]]
id = "b"
kind = "shop"
shape = { kind = "rect", min = [30, 10], max = [34, 14] }   # small

# the tree
[[obstacles]]
id = "c"
kind = "tree"
shape = { kind = "circle", center = [50, 30], radius = 1.5 }

# --- Units ---

[[units]]
id = "u"
type = "negosiator"
formation = "bersaf"
position = [60, 30]
facing_deg = 0
"""


def _without(text: str, *blocks: str) -> str:
    for block in blocks:
        assert text.count(block) == 1, block
        text = text.replace(block, "")
    return text


@pytest.mark.parametrize(("index", "gone"), [
    pytest.param(0, "# the office\n[[obstacles]]\nid = \"a\"\nkind = \"building\"\n"
                    "shape = { kind = \"rect\", min = [10, 10], max = [20, 20] }\n\n", id="first"),
    pytest.param(1, "# the kiosk\n[[obstacles]]\nid = \"b\"\nkind = \"shop\"\n"
                    "shape = { kind = \"rect\", min = [30, 10], max = [34, 14] }   # small\n\n", id="middle"),
    pytest.param(2, "\n# the tree\n[[obstacles]]\nid = \"c\"\nkind = \"tree\"\n"
                    "shape = { kind = \"circle\", center = [50, 30], radius = 1.5 }\n", id="last"),
])
def test_removing_an_obstacle_takes_its_comment_and_keeps_the_others(index: int, gone: str, tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    draft = Draft.open(path)
    draft.remove("obstacles", index)
    assert draft.text() == _without(COMMENTED, gone)


def test_removing_every_obstacle_keeps_the_section_comments(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    draft = Draft.open(path)
    for _ in range(3):
        draft.remove("obstacles", 0)
    assert "[[obstacles]]" not in draft.text() and "obstacles = []" not in draft.text()
    assert "# --- Obstacles ---\n\n# --- Units ---\n\n[[units]]" in draft.text()
    assert draft.problems() == []


def test_an_added_obstacle_goes_after_the_last_one_above_the_next_section(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    draft = Draft.open(path)
    assert draft.add("obstacles", {"id": "d", "kind": "tree", "shape": {"kind": "circle", "center": [70, 40],
                                                                          "radius": 1}}) == 3
    last = 'shape = { kind = "circle", center = [50, 30], radius = 1.5 }\n'
    assert draft.text() == COMMENTED.replace(last, last + (
        '\n[[obstacles]]\nid = "d"\nkind = "tree"\nshape = { kind = "circle", center = [70, 40], radius = 1 }\n'))


def test_update_rewrites_only_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    draft = Draft.open(path)
    kiosk = draft.get("obstacles", 1)
    kiosk["shape"]["max"] = [36, 14]
    kiosk["label"] = "Kios"
    draft.update("obstacles", 1, kiosk)
    assert changed_lines(COMMENTED, draft.text()) == [
        "- shape = { kind = \"rect\", min = [30, 10], max = [34, 14] }   # small",
        "+ shape = { kind = \"rect\", min = [30, 10], max = [36, 14] }   # small",
        "+ label = \"Kios\"",
    ]
    assert draft.text().index('label = "Kios"') < draft.text().index("# the tree")
    # A shape of another kind: the inline table stays inline, with only the new keys.
    draft.update("obstacles", 1, kiosk | {"shape": {"kind": "circle", "center": [32, 12], "radius": 2}})
    assert 'shape = { kind = "circle", center = [32, 12], radius = 2 }   # small\n' in draft.text()
    del kiosk["label"]
    draft.update("obstacles", 1, kiosk)
    assert "label" not in draft.text()
    assert draft.entries("obstacles")[1] == kiosk


def test_entries_are_copies() -> None:
    draft = built()
    before = draft.text()
    draft.entries("zones")[0]["shape"]["min"][0] = 99
    draft.get("zones", 0)["id"] = "other"
    assert draft.get("zones", 0) == YARD and draft.entries("zones") == [YARD, ARRIVAL]
    assert draft.entries("ground") == [] and draft.text() == before


def test_values_outside_the_tables_are_read_set_and_removed() -> None:
    draft = built()
    assert draft.value(("title", "en")) == "New level" and draft.value(("wind_mps",)) is None
    before = draft.text()
    draft.set_value(("title", "en"), "The yard")
    assert changed_lines(before, draft.text()) == [
        '- title = { id = "Level baru", en = "New level" }',
        '+ title = { id = "Level baru", en = "The yard" }',
    ]
    draft.set_value(("wind_mps",), [2, 0])
    draft.set_value(("map", "size"), (110, 80))
    assert draft.value(("wind_mps",)) == [2, 0] and draft.value(("map", "size")) == [110, 80]
    assert draft.text().index("wind_mps") < draft.text().index("[map]")  # not inside a table
    draft.set_value(("duration_s",), None)
    assert "duration_s" not in draft.text() and draft.problems() == []
    with pytest.raises(ValueError):
        draft.set_value(("units",), [])


# --- Moving ------------------------------------------------------------------------------

MOVES = [
    pytest.param("obstacles", {"id": "p", "kind": "building", "shape": {"kind": "polygon", "points": [
        [10, 10], [20, 10], [15.5, 18]]}}, ("shape", "points"), [[11.23, 9.99], [21.23, 9.99], [16.73, 17.99]],
        id="polygon"),
    pytest.param("obstacles", {"id": "f", "kind": "fence", "shape": {"kind": "polyline", "thickness": 0.3,
        "points": [[10, 10], [30, 10]]}}, ("shape", "points"), [[11.23, 9.99], [31.23, 9.99]], id="polyline"),
    pytest.param("zones", {"id": "r", "role": "staging", "shape": {"kind": "rect", "min": [10, 10],
        "max": [20, 30]}}, ("shape",), {"kind": "rect", "min": [11.23, 9.99], "max": [21.23, 29.99]}, id="rect"),
    pytest.param("obstacles", {"id": "t", "kind": "tree", "shape": {"kind": "circle", "center": [40, 40],
        "radius": 1.5}}, ("shape",), {"kind": "circle", "center": [41.23, 39.99], "radius": 1.5}, id="circle"),
    pytest.param("units", PLATOON, ("position",), [61.23, 39.99], id="unit"),
    pytest.param("events", {"id": "api", "kind": "fire", "at_s": 30, "point": [30, 30]}, ("point",),
                 [31.23, 29.99], id="fire-event"),
    pytest.param("crowd", GROUP | {"goal": {"kind": "point", "point": [50, 40]}}, ("goal",),
                 {"kind": "point", "point": [51.23, 39.99]}, id="point-goal"),
]


@pytest.mark.parametrize(("table", "entry", "key", "expected"), MOVES)
def test_move_translates_each_kind_of_geometry_to_the_centimetre(
        table: str, entry: dict, key: tuple[str, ...], expected: object) -> None:
    draft = built()
    index = draft.add(table, entry)
    draft.move(table, index, 1.234, -0.0149)
    moved = draft.get(table, index)
    value = moved
    for part in key:
        value = value[part]
    assert value == expected
    unchanged = {k: v for k, v in moved.items() if k != key[0]}
    assert unchanged == {k: v for k, v in entry.items() if k != key[0]}
    assert draft.undo() and draft.get(table, index) == entry


# --- Problems, their place on the map, and saving ----------------------------------------

def test_problems_are_those_of_game_check_with_lines_in_the_current_text(tmp_path: Path) -> None:
    draft = built()
    draft.add("obstacles", {"id": "extra", "kind": "tree", "shape": {"kind": "circle", "center": [5, 70],
                                                                      "radius": 1}})
    draft.update("crowd", 0, GROUP | {"spawn": "nowhere"})
    [problem] = draft.problems()
    assert problem.where == "crowd[0].spawn" and "nowhere" in problem.message
    assert problem.file == "<draft>"
    assert problem.line == line_of(draft.text(), 'spawn = "nowhere"')
    path = tmp_path / "bad.toml"
    path.write_text(draft.text(), encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert [(p.line, p.where, p.message) for p in caught.value.problems] == [
        (problem.line, problem.where, problem.message)]
    assert draft.invalid_summary() == [f"crowd[0].spawn: {problem.message}"]


def test_problems_are_checked_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = draft_file.validate_level
    monkeypatch.setattr(draft_file, "validate_level", lambda *a: calls.append(1) or real(*a))
    draft = built()
    for _ in range(5):
        assert draft.problems() == []
    assert len(calls) == 1
    draft.move("units", 0, 1, 0)
    draft.problems()
    draft.undo()
    draft.problems()
    assert len(calls) == 3


def test_invalid_summary_is_short() -> None:
    draft = built()
    for i in range(5):
        draft.add("crowd", GROUP | {"id": f"g{i}", "spawn": f"none{i}"})
    summary = draft.invalid_summary(limit=3)
    assert summary[:3] == [f"crowd[{i}].spawn: {draft.problems()[i - 1].message}" for i in (1, 2, 3)]
    assert summary[3] == "... and 2 more" and len(summary) == 4
    assert built().invalid_summary() == []


def test_a_level_with_problems_is_saved_only_as_a_marked_draft_beside_the_level(tmp_path: Path) -> None:
    level = built().save(tmp_path / "foo.toml")
    original = level.read_bytes()
    draft = Draft.open(level)
    draft.update("crowd", 0, GROUP | {"spawn": "nowhere"})
    with pytest.raises(DraftInvalid) as refused:
        draft.save()
    assert isinstance(refused.value, ValueError) and refused.value.problems == draft.problems()
    assert level.read_bytes() == original

    written = draft.save_draft()
    assert written == tmp_path / "foo.draft.toml" == Draft.draft_path(level)
    assert level.read_bytes() == original and draft.path == written and not draft.dirty
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (f"# DRAFT, not a valid level yet: 1 problem. Open it in the editor "
                        f"(game.py edit {written}) to finish it.")
    with pytest.raises(LevelError) as caught:  # the marker says what game.py check says
        load_level(written)
    assert lines[1:2] == [f"#   {p}" for p in caught.value.problems]
    assert "\n".join(lines[2:]) + "\n" == draft.text()

    # Saved again, and reopened and saved again: one marker.
    draft.save_draft()
    reopened = Draft.open(written)
    assert reopened.text() == draft.text() and reopened.path == written
    reopened.save_draft()
    assert written.read_text(encoding="utf-8").count("# DRAFT") == 1

    # Finished: saved as the level, without the marker, and the draft is gone.
    reopened.update("crowd", 0, GROUP)
    assert reopened.save() == level
    assert not written.exists() and level.read_bytes() == original and reopened.path == level


def test_a_draft_lists_at_most_20_problems(tmp_path: Path) -> None:
    draft = built()
    for i in range(25):
        draft.add("crowd", GROUP | {"id": f"g{i}", "spawn": f"none{i}", "count": 1})
    written = draft.save_draft(tmp_path / "many.toml")
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# DRAFT, not a valid level yet: 25 problems.")
    assert [line.startswith("#   ") for line in lines[1:23]] == [True] * 21 + [False]
    assert lines[21] == "#   ... and 5 more"
    assert not (tmp_path / "many.toml").exists()


def test_a_background_picture_is_looked_for_beside_the_file_it_is_saved_as(tmp_path: Path) -> None:
    draft = built()
    draft.set_value(("map", "background"), {"file": "plan.png", "opacity": 0.5})
    assert draft.problems() == []  # not saved yet: no folder to look in
    with pytest.raises(DraftInvalid) as refused:
        draft.save(tmp_path / "bg.toml")
    assert [p.where for p in refused.value.problems] == ["map.background.file"]
    assert not (tmp_path / "bg.toml").exists()
    written = draft.save_draft(tmp_path / "bg.toml")
    with pytest.raises(LevelError) as caught:
        load_level(written)
    assert [f"#   {p}" for p in caught.value.problems] == written.read_text(encoding="utf-8").splitlines()[1:2]
    assert [p.where for p in draft.problems()] == ["map.background.file"]
    assert draft.locate(draft.problems()[0]) is None


def test_save_needs_a_path_for_a_new_level() -> None:
    with pytest.raises(ValueError, match="give the path"):
        built().save()


def test_locate_gives_the_box_of_what_a_problem_is_about() -> None:
    draft = built()
    crossing = {"id": "bow", "kind": "building", "shape": {"kind": "polygon", "points": [
        [10, 30], [20, 40], [20, 30], [10, 40]]}}
    draft.add("obstacles", crossing)
    draft.update("crowd", 0, GROUP | {"spawn": "nowhere"})
    draft.add("events", {"id": "api", "kind": "fire", "at_s": 30, "point": [150, 30]})
    draft.add("units", PLATOON | {"id": "luar", "position": [105, 70], "width_m": 20})
    draft.set_value(("title", "en"), "")
    by_where = {p.where.split(".")[0]: p for p in draft.problems()}
    assert set(by_where) == {"obstacles[1]", "crowd[0]", "events[0]", "units[1]", "title"}, draft.problems()

    assert draft.locate(by_where["obstacles[1]"]) == (10, 30, 20, 40)
    # The group's spawn zone is missing: its box is where it heads, the yard.
    assert draft.locate(by_where["crowd[0]"]) == (45, 45, 75, 70)
    assert draft.locate(by_where["events[0]"]) == (147, 27, 153, 33)
    assert draft.locate(by_where["units[1]"]) == (95, 60, 115, 80)  # half its frontage around it
    assert draft.locate(by_where["title"]) is None


def test_locate_follows_references_and_knows_what_has_no_place() -> None:
    draft = built()
    draft.add("ground", {"id": "jalan", "kind": "road", "shape": {"kind": "polyline", "thickness": 2,
                                                                   "points": [[0, 0], [10, 0]]}})
    draft.add("events", {"id": "gelombang", "kind": "crowd_wave", "at_s": 10, "group": "massa"})
    draft.add("events", {"id": "kabar", "kind": "rumour", "at_s": 10, "legitimacy_drop": 0.1})

    def at(where: str) -> tuple[float, float, float, float] | None:
        return draft.locate(Problem("<draft>", 1, where, "test"))

    assert at("ground[0].shape.points[1]") == (-1, -1, 11, 1)  # a polyline's thickness counts
    assert at("events[0].group") == (2, 2, 20, 20)  # the group's spawn zone
    assert at("events[1].legitimacy_drop") is None
    assert at("objectives[0].zone") == (45, 45, 75, 70)
    assert at("crowd[0]") == (2, 2, 20, 20)
    assert at("units[9].position") is None and at("map.size") is None and at("scoring") is None


def test_the_scenario_is_built_only_from_a_valid_level() -> None:
    draft = built()
    assert draft.scenario().source == "<draft>" and draft.scenario().id == "uji_editor"
    draft.update("crowd", 0, GROUP | {"count": 0})
    with pytest.raises(LevelError) as caught:
        draft.scenario()
    assert [p.where for p in caught.value.problems] == ["crowd[0].count"]


# --- Opening -----------------------------------------------------------------------------

def test_a_file_that_is_not_toml_does_not_open(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\nid = "x"\ncount = 10 10\n', encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        Draft.open(path)
    assert [(p.line, p.where) for p in caught.value.problems] == [(3, "syntax")]
    with pytest.raises(LevelError, match="no such file"):
        Draft.open(tmp_path / "missing.toml")


def test_a_toml_file_that_is_not_a_valid_level_opens_with_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "half.toml"
    path.write_text('schema_version = 1\nid = "half"\nseed = -1\n', encoding="utf-8")
    draft = Draft.open(path)
    found = {p.where: p for p in draft.problems()}
    assert found["seed"].line == 3 and found["seed"].file == str(path)
    assert {"title", "briefing", "map"} <= set(found)


def test_every_table_is_a_list_in_the_level_file_model() -> None:
    from sispam.level.schema import LevelFile

    assert set(TABLES) == {name for name, field in LevelFile.model_fields.items()
                           if getattr(field.annotation, "__origin__", None) is list}
