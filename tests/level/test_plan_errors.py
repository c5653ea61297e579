"""Order plans: good ones load as sorted `Order`s, bad ones are refused with every problem, its
line and its path. Plans are checked against the shipped KPU level (its units and its 600 s).

Each case edits `VALID` (the `# n` comments are line numbers) or writes a plan of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sispam.level import LevelError, load_level
from sispam.level.plan import load_plan
from sispam.resources import levels_dir
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, Scenario

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "kpu_sispamkota.toml"
SHIPPED_PLAN = levels_dir() / "plans" / "kpu_sispamkota.toml"

VALID = """\
schema_version = 1                  # 1
level = "kpu_sispamkota"            # 2
[[orders]]                          # 3
t = 30.0                            # 4
unit = "dalmas-awal-1"              # 5
order = "form"                      # 6
point = [85.0, 26.0]                # 7
facing_deg = -90                    # 8
width_m = 12                        # 9
formation = "bersaf"                # 10
ranks = 2                           # 11
[[orders]]                          # 12
t = 10                              # 13
unit = "tim-tangkap-1"              # 14
order = "arrest"                    # 15
point = [85, 19]                    # 16
role = "provokator"                 # 17
[[orders]]                          # 18
t = 10                              # 19
unit = "brimob-phh-1"               # 20
order = "request"                   # 21
"""


@pytest.fixture(scope="module")
def kpu() -> Scenario:
    return load_level(LEVEL)


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, scenario: Scenario) -> list[tuple[int, str, str]]:
    with pytest.raises(LevelError) as caught:
        load_plan(path, scenario)
    for problem in caught.value.problems:
        assert problem.file == str(path)
    return [(p.line, p.where, p.message) for p in caught.value.problems]


def test_valid_plan_loads_sorted_by_time_with_source_lines(tmp_path: Path, kpu: Scenario) -> None:
    orders = load_plan(write(tmp_path, VALID), kpu)
    assert [(o.t, o.unit, o.kind, o.source_line) for o in orders] == [
        (10.0, "tim-tangkap-1", OrderKind.ARREST, 12),  # equal times keep the file's order
        (10.0, "brimob-phh-1", OrderKind.REQUEST, 18),
        (30.0, "dalmas-awal-1", OrderKind.FORM, 3),
    ]
    form = orders[2]
    assert form == Order(30.0, "dalmas-awal-1", OrderKind.FORM, point=(85.0, 26.0), facing_deg=-90.0,
                         width_m=12.0, formation=Formation.BERSAF, ranks=2)
    assert orders[0].role == "provokator" and orders[0].point == (85.0, 19.0)


def _edit(*pairs: str):
    """Replace each old text (even arguments) with the new one after it."""
    def make(text: str) -> str:
        for old, new in zip(pairs[::2], pairs[1::2], strict=True):
            assert old in text
            text = text.replace(old, new, 1)
        return text
    return make


@pytest.mark.parametrize(("make", "line", "where", "message"), [
    pytest.param(_edit('unit = "dalmas-awal-1"', 'unit = "dalmas-9"'), 5, "orders[0].unit",
                 "there is no unit 'dalmas-9'", id="unknown-unit"),
    pytest.param(_edit('order = "arrest"', 'order = "dorong"'), 15, "orders[1].order",
                 "a tim_tangkap unit cannot 'dorong'", id="order-the-unit-cannot-do"),
    pytest.param(_edit('unit = "dalmas-awal-1"', 'unit = "dalmas-lanjut-1"', 'formation = "bersaf"',
                       'formation = "tali_dalmas"'), 10, "orders[0].formation",
                 "cannot form 'tali_dalmas'", id="formation-the-unit-cannot-take"),
    pytest.param(_edit("t = 30.0", "t = 601"), 4, "orders[0].t",
                 "after the level ends (duration_s = 600)", id="time-beyond-the-level"),
    pytest.param(_edit("t = 30.0", "t = -1"), 4, "orders[0].t",
                 "greater than or equal to 0", id="negative-time"),
    pytest.param(_edit("point = [85.0, 26.0]", "# no point"), 3, "orders[0].point",
                 "'form' needs 'point'", id="missing-parameter"),
    pytest.param(_edit("width_m = 12", "widht_m = 12"), 9, "orders[0].widht_m",
                 "unknown key 'widht_m'; did you mean 'width_m'?", id="unknown-key"),
    pytest.param(_edit('role = "provokator"', 'role = "bandit"'), 17, "orders[1].role",
                 'unknown value "bandit"', id="role-not-a-crowd-role"),
    pytest.param(_edit('order = "request"', 'order = "lintas_ganti"\nrelieve = "nobody"'), 22,
                 "orders[2].relieve", "there is no unit 'nobody' to relieve", id="relieve-unit-unknown"),
    pytest.param(_edit("point = [85, 19]", "point = [85, 190]"), 16, "orders[1].point",
                 "outside the map", id="point-outside-the-map"),
    pytest.param(_edit('role = "provokator"', "person = 606"), 17, "orders[1].person",
                 "there is no person 606: the crowd has 606 people", id="person-not-in-the-crowd"),
    pytest.param(_edit('level = "kpu_sispamkota"', 'level = "bawaslu"'), 2, "level",
                 "the plan is for level 'bawaslu'", id="plan-for-another-level"),
    pytest.param(_edit("ranks = 2", "ranks = 2.0"), 11, "orders[0].ranks",
                 "expected a whole number", id="wrong-type"),
    pytest.param(_edit('order = "request"', 'order = "teleport"'), 21, "orders[2].order",
                 'unknown value "teleport"', id="unknown-order-kind"),
    pytest.param(_edit("schema_version = 1", "schema_version = 2"), 1, "schema_version",
                 "schema_version 2 is not supported", id="schema-version"),
    pytest.param(_edit("ranks = 2", "ranks = = 2"), 11, "syntax", "TOML:", id="malformed-toml"),
    # An arrest with a role but neither a point nor a person ("point|person": one of them) was a
    # traceback in check, run, play and records import.
    pytest.param(_edit("point = [85, 19]", "# no point"), 12, "orders[1].point",
                 "'arrest' needs 'point' or 'person'", id="arrest-without-point-or-person"),
])
def test_bad_plan_names_line_path_and_cause(tmp_path: Path, kpu: Scenario, make, line, where, message) -> None:
    found = problems_of(write(tmp_path, make(VALID)), kpu)
    assert len(found) == 1, found
    assert found[0][:2] == (line, where)
    assert message in found[0][2]


def test_every_problem_is_reported_at_once(tmp_path: Path, kpu: Scenario) -> None:
    text = VALID.replace('unit = "dalmas-awal-1"', 'unit = "dalmas-9"').replace("t = 10 ", "t = 9999 ", 1)
    text = text.replace('order = "request"', 'order = "request"\ncolour = "red"')
    found = problems_of(write(tmp_path, text), kpu)
    assert [(line, where) for line, where, _ in found] == [
        (5, "orders[0].unit"), (13, "orders[1].t"), (22, "orders[2].colour"),
    ]


def test_a_wrong_value_does_not_hide_a_wrong_unit_in_the_same_order(tmp_path: Path, kpu: Scenario) -> None:
    text = VALID.replace('unit = "dalmas-awal-1"', 'unit = "dalmas-9"').replace("width_m = 12", "width_m = 0")
    found = problems_of(write(tmp_path, text), kpu)
    assert [(line, where) for line, where, _ in found] == [(5, "orders[0].unit"), (9, "orders[0].width_m")]


def test_a_wrong_value_is_not_also_reported_as_missing(tmp_path: Path, kpu: Scenario) -> None:
    found = problems_of(write(tmp_path, VALID.replace("point = [85.0, 26.0]", 'point = "gate"')), kpu)
    assert [(line, where) for line, where, _ in found] == [(7, "orders[0].point")]


def _as_json(text: str) -> str:
    """VALID as JSON, one key per line (so lines can be checked)."""
    import tomllib

    return json.dumps(tomllib.loads(text), indent=1)


def test_json_and_toml_plans_with_the_same_content_give_the_same_orders(tmp_path: Path, kpu: Scenario) -> None:
    from_toml = load_plan(write(tmp_path, VALID), kpu)
    text = _as_json(VALID)
    from_json = load_plan(write(tmp_path, text, "plan.json"), kpu)
    assert from_json == from_toml  # equality leaves source_line out
    first, second, third = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "{"][1:]
    assert [o.source_line for o in from_json] == [second, third, first]  # each order's own object


def test_json_problems_have_their_lines(tmp_path: Path, kpu: Scenario) -> None:
    text = _as_json(VALID.replace('unit = "dalmas-awal-1"', 'unit = "dalmas-9"').replace("t = 10 ", "t = -3 ", 1))
    lines = text.splitlines()
    found = problems_of(write(tmp_path, text, "plan.json"), kpu)
    assert [where for _, where, _ in found] == ["orders[0].unit", "orders[1].t"]
    for line, where, _ in found:
        key = where.rsplit(".", 1)[1]
        assert f'"{key}"' in lines[line - 1]


def json_says(text: str) -> str:
    """The problem's message for malformed `text`: the words of this Python's json module (3.11
    says "Expecting property name enclosed in double quotes" for a trailing comma, 3.13 "Illegal
    trailing comma before end of object")."""
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return f"JSON: {e.msg} (column {e.colno})"
    raise AssertionError(f"valid JSON: {text!r}")


TRAILING_COMMA = '{"schema_version": 1,\n "orders": [\n  {"t": 1,}\n]}'


@pytest.mark.parametrize(("text", "line", "message"), [
    pytest.param(TRAILING_COMMA, 3, json_says(TRAILING_COMMA), id="malformed-json"),
    pytest.param('[{"t": 1}]', 1, "an order plan is a JSON object", id="json-not-an-object"),
    pytest.param('{"schema_version": 1,\n "schema_version": 1, "orders": []}', 2, "given twice",
                 id="json-duplicate-key"),
    # A lone surrogate escape names no character: its message could not be printed (a traceback).
    pytest.param('{"schema_version": 1,\n "level": "kpu\\ud800", "orders": []}', 2, "lone UTF-16 surrogate",
                 id="json-lone-surrogate"),
    pytest.param('{"schema_version": null, "level": "kpu_sispamkota", "orders": []}', 1,
                 "expected a whole number, got null", id="json-null"),  # it said "got a date or time"
])
def test_bad_json_is_one_problem_with_its_line(tmp_path: Path, kpu: Scenario, text: str, line: int,
                                               message: str) -> None:
    found = problems_of(write(tmp_path, text, "plan.json"), kpu)
    assert len(found) == 1 and found[0][0] == line and message in found[0][2], found


def test_a_plan_must_be_toml_or_json(tmp_path: Path, kpu: Scenario) -> None:
    found = problems_of(write(tmp_path, VALID, "plan.txt"), kpu)
    assert found == [(0, "file", "an order plan is a .toml or a .json file")]


def test_a_missing_plan_is_one_problem(tmp_path: Path, kpu: Scenario) -> None:
    assert problems_of(tmp_path / "none.toml", kpu) == [(0, "file", "no such file")]


def test_the_shipped_plan_is_valid_and_follows_the_drill(kpu: Scenario) -> None:
    orders = load_plan(SHIPPED_PLAN, kpu)
    kinds = [o.kind for o in orders]
    assert kinds[0] is OrderKind.FORM and OrderKind.APPEAL in kinds
    assert kinds.index(OrderKind.APPEAL) < kinds.index(OrderKind.NEGOTIATE) < kinds.index(OrderKind.LAPIS_GANTI)
    requested = {o.unit for o in orders if o.kind is OrderKind.REQUEST}
    assert requested == {u.id for u in kpu.units if u.on_request}
    assert max(o.spec.stage for o in orders) <= 4  # no water cannon or gas against a tertib crowd
