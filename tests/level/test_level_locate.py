"""The TOML line finder: every way a key or array element can be written maps to its line."""

from __future__ import annotations

import pytest

from sispam.level import level_json_schema
from sispam.level.locate import TomlLines, file_path, readable_path

DOCUMENT = """\
# comment with [brackets] and key = "value"
top = "a [ string # not a comment"
[map]
size = [10, 20]
[[crowd]]
id = "a"
[[crowd]]
id = "b"
roles = { massa = 0.5,
          pers = 0.5 }
[crowd.goal]
kind = "zone"
zone = 'kpu'
[[crowd]]
briefing.en = \"\"\"
line one [
line two ]\"\"\"
points = [
  [0, 0],   # first
  [1, 2],
]
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        pytest.param(("top",), 2, id="top-level-key"),
        pytest.param(("map", "size", 1), 4, id="array-element"),
        pytest.param(("crowd", 0, "id"), 6, id="first-array-table"),
        pytest.param(("crowd", 1), 7, id="second-array-table-header"),
        pytest.param(("crowd", 1, "roles", "pers"), 10, id="inline-table-continued"),
        pytest.param(("crowd", 1, "goal", "zone"), 13, id="sub-table-of-array-entry"),
        pytest.param(("crowd", 2, "briefing", "en"), 15, id="dotted-key-multiline-string"),
        pytest.param(("crowd", 2, "points", 1, 1), 20, id="multiline-array-element"),
        pytest.param(("crowd", 2, "count"), 14, id="missing-key-falls-back-to-table"),
        pytest.param(("nothing",), 1, id="unknown-falls-back-to-line-1"),
    ],
)
def test_line_of(loc: tuple[str | int, ...], line: int) -> None:
    assert TomlLines(DOCUMENT).line_of(loc) == line


def test_union_tags_and_key_markers_are_not_file_paths() -> None:
    data = {"obstacles": [{"shape": {"kind": "rect", "min": [0, 0]}}], "roles": {"x": 1}}
    assert file_path(("obstacles", 0, "shape", "rect", "min", 1), data) == (
        "obstacles", 0, "shape", "min", 1,
    )
    assert file_path(("roles", "x", "[key]"), data) == ("roles", "x")


def test_readable_path() -> None:
    path = ("obstacles", 0, "shape", "points", 3, 1)
    assert readable_path(path) == "obstacles[0].shape.points[3][1]"
    assert readable_path(()) == "level"


def test_json_schema_describes_every_field() -> None:
    schema = level_json_schema()
    models = [schema, *schema["$defs"].values()]
    undescribed = [
        (model.get("title"), key)
        for model in models
        for key, field in model.get("properties", {}).items()
        if "description" not in field
    ]
    assert undescribed == []
    assert schema["additionalProperties"] is False
