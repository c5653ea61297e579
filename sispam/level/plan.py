"""Order plans: timed orders for a level, read from TOML or JSON, with line-accurate errors.

An order plan is the headless twin of what a trainee does (SPEC §5): a list of `[[orders]]`,
each a table whose keys are the fields of `sispam.sim.police.orders.Order` (`order` names the
kind). The file format follows the extension: `.toml` or `.json`. Like a level file, a plan is
read as bytes, parsed, validated with pydantic and never executed; every problem is reported
at once as a `LevelError` of `Problem(file, line, where, message)`.

Beyond the types and ranges of each value, every order is checked against the level: the unit
exists and can carry the order out (`order_issue`), the order has the parameters its kind
needs, its time lies within the level, its point on the map and its person in the crowd.
Orders need not be in time order; `load_plan` sorts them by time, keeping the file's order for
equal times.

A plan may also hold an instructor's `[[injects]]` (`sispam.sim.injects`): a crowd wave, a
rumour, a fire... at a time. `read_plan` returns both; a run with injects is built from the
scenario with the injects' reserve (`sispam.sim.injects.with_reserve`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from sispam.level.errors import LevelError, Problem
from sispam.level.fieldtypes import FileModel, LevelId, Number, Vec2, Whole
from sispam.level.limits import MAX_DURATION_S, MAX_MAP_SIDE_M, MAX_PLAN_ORDERS
from sispam.level.load import parse_toml, read_level_text
from sispam.level.locate import Loc, SourceLines, TomlLines, file_path, readable_path
from sispam.level.locate_json import JsonLines
from sispam.level.messages import describe
from sispam.sim.injects import (
    MAX_PROVOCATEURS,
    MAX_WAVE,
    Inject,
    InjectKind,
    given_problem,
    inject_problems,
    with_reserve,
)
from sispam.sim.police.orders import Order, OrderKind, order_issue
from sispam.sim.scenario import Formation, Role, Scenario
from sispam.textsafe import SURROGATE_PROBLEM, lone_surrogates, long_number_line, too_long_number

PLAN_SCHEMA_VERSION = 1
PLAN_SUFFIXES = (".toml", ".json")


class OrderFile(FileModel):
    """One `[[orders]]` entry: one order to one unit (see `Order` for what each key means)."""

    t: Annotated[Number, Field(ge=0, le=MAX_DURATION_S)] = Field(
        description="When the order is given, in s from the start (the command delay follows)."
    )
    unit: LevelId = Field(description="Id of the unit, as in the level's [[units]].")
    order: OrderKind = Field(description="What to do: form, hold, brace, desak, dorong, request...")
    point: Vec2 | None = Field(default=None, description="[x, y] in metres: where (form, arrest, aim...).")
    facing_deg: Annotated[Number, Field(ge=-360, le=360)] | None = Field(
        default=None, description="form: facing of the new front, degrees counter-clockwise from east."
    )
    width_m: Annotated[Number, Field(ge=1, le=200)] | None = Field(
        default=None, description="form: frontage in metres, 1 to 200."
    )
    formation: Formation | None = Field(default=None, description="form: the formation to take.")
    ranks: Annotated[Whole, Field(ge=1, le=3)] | None = Field(default=None, description="form: ranks for bersaf.")
    distance_m: Annotated[Number, Field(gt=0, le=MAX_MAP_SIDE_M)] | None = Field(
        default=None, description="desak, dorong, fall_back: how far, in metres."
    )
    person: Annotated[Whole, Field(ge=0)] | None = Field(
        default=None, description="arrest, evacuate: index of the person in the crowd; negotiate: of the korlap."
    )
    role: Role | None = Field(default=None, description="arrest: only people of this crowd role.")
    relieve: LevelId | None = Field(default=None, description="lapis_ganti, lintas_ganti: unit taken over from.")
    duration_s: Annotated[Number, Field(gt=0, le=MAX_DURATION_S)] | None = Field(
        default=None, description="water_cannon: how long to spray, in s."
    )

    def to_order(self, source_line: int) -> Order:
        """The simulation's order value."""
        return Order(
            t=self.t, unit=self.unit, kind=self.order, point=self.point, facing_deg=self.facing_deg,
            width_m=self.width_m, formation=self.formation, ranks=self.ranks, distance_m=self.distance_m,
            person=self.person, role=None if self.role is None else str(self.role), relieve=self.relieve,
            duration_s=self.duration_s, source_line=source_line,
        )


class InjectFile(FileModel):
    """One `[[injects]]` entry: an instructor's inject (see `sispam.sim.injects`)."""

    t: Annotated[Number, Field(ge=0, le=MAX_DURATION_S)] = Field(description="When, in s from the start.")
    inject: InjectKind = Field(
        description="What: crowd_wave, provocateurs, rumour, fire, reinforcements or freeze."
    )
    point: Vec2 | None = Field(default=None, description="crowd_wave, provocateurs, fire: where [x, y] in metres.")
    count: Annotated[Whole, Field(ge=1, le=MAX_WAVE)] | None = Field(
        default=None, description=f"crowd_wave: how many people, 1 to {MAX_WAVE}; provocateurs: 1 to {MAX_PROVOCATEURS}."
    )
    legitimacy_drop: Annotated[Number, Field(gt=0, le=1)] | None = Field(
        default=None, description="rumour: perceived legitimacy lost by everyone on the map, above 0, at most 1."
    )
    unit: LevelId | None = Field(default=None, description="reinforcements: id of a unit held on_request.")

    def to_inject(self, source_line: int) -> Inject:
        """The simulation's inject value."""
        return Inject(t=self.t, kind=self.inject, point=self.point, count=self.count,
                      legitimacy_drop=self.legitimacy_drop, unit=self.unit, source_line=source_line)


class PlanFile(FileModel):
    """A whole order plan (schema_version 1)."""

    schema_version: Whole = Field(description=f"Version of this file format; must be {PLAN_SCHEMA_VERSION}.")
    level: LevelId | None = Field(default=None, description="Id of the level the plan is for; checked if given.")
    orders: list[OrderFile] = Field(
        default_factory=list, max_length=MAX_PLAN_ORDERS,
        description=f"The orders, at most {MAX_PLAN_ORDERS:,}; in any order (they are sorted by t).",
    )
    injects: list[InjectFile] = Field(
        default_factory=list, max_length=MAX_PLAN_ORDERS,
        description="An instructor's injects, in any order (they are sorted by t); a run with injects is built "
        "with the people a crowd inject brings waiting in reserve.",
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """What an order plan holds: orders and injects, each sorted by time."""

    orders: list[Order]
    injects: list[Inject]


_REQUIRED = frozenset(name for name, f in OrderFile.model_fields.items() if f.is_required())


def load_plan(path: str | os.PathLike[str], scenario: Scenario) -> list[Order]:
    """The orders of an order plan (`read_plan`) sorted by time (stable), each with `source_line`.

    Raises:
        LevelError: the file is unusable, any order is wrong, or it has injects (which only
            `read_plan`'s callers can run).
    """
    plan = read_plan(path, scenario)
    if plan.injects:
        first = plan.injects[0]
        raise LevelError([Problem(os.fspath(path), first.source_line, "injects",
                                  "this plan has injects, which are not used here; give it to game.py run")])
    return plan.orders


def read_plan(path: str | os.PathLike[str], scenario: Scenario) -> Plan:
    """Load an order plan for `scenario` and check it against the level.

    Raises:
        LevelError: the file is unusable or any order or inject is wrong; `problems` lists
            everything.
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        raise LevelError([Problem(name, 0, "file", "an order plan is a .toml or a .json file")])
    text = read_level_text(Path(path), name, "order plan", ".toml or .json order plan")
    if suffix == ".json":
        data = parse_json(text, name)
        json_lines = JsonLines(text)
        lines: SourceLines = json_lines
        found = [Problem(name, line, readable_path(loc), "the key is given twice in the same object")
                 for loc, line in json_lines.duplicates]
    else:
        data = parse_toml(text, name)
        lines = TomlLines(text)
        found = []
    injects, inject_problems_found = plan_injects(data, scenario, lines)
    orders, problems = plan_orders(data, with_reserve(scenario) if injects else scenario, lines)
    found += [Problem(name, lines.line_of(loc), readable_path(loc) if loc else "plan", message)
              for loc, message in problems + inject_problems_found]
    if found:
        raise LevelError(found)
    return Plan(sorted(orders, key=lambda o: o.t), sorted(injects, key=lambda i: i.t))


def parse_json(text: str, name: str) -> dict[str, Any]:
    """The parsed JSON document (an object), or a LevelError with the syntax error's line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LevelError([Problem(name, e.lineno, "syntax", f"JSON: {e.msg} (column {e.colno})")]) from None
    except RecursionError:
        raise LevelError([Problem(name, 1, "syntax", "JSON: arrays or objects are nested too deeply")]) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise LevelError([Problem(name, long_number_line(text), "syntax", too_long_number())]) from None
    data, line = lone_surrogates(text, data)
    if line:
        raise LevelError([Problem(name, line, "syntax", f"JSON: {SURROGATE_PROBLEM}")])
    if not isinstance(data, dict):
        raise LevelError([Problem(name, 1, "syntax", "an order plan is a JSON object: "
                                  '{"schema_version": 1, "orders": [...]}')])
    return data


def plan_orders(
    data: dict[str, Any], scenario: Scenario, lines: SourceLines
) -> tuple[list[Order], list[tuple[Loc, str]]]:
    """The valid orders of a parsed plan and every problem found, as (path, message)."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != PLAN_SCHEMA_VERSION:
        return [], [(("schema_version",), f"schema_version {version} is not supported; this version of "
                                           f"Sispam reads order plans of schema_version {PLAN_SCHEMA_VERSION}")]
    found: list[tuple[Loc, str]] = []
    try:
        PlanFile.model_validate(data)
    except ValidationError as e:
        found += [(file_path(tuple(item["loc"]), data), describe(item, PlanFile))
                  for item in e.errors(include_url=False)]
    level = data.get("level")
    if isinstance(level, str) and level != scenario.id:
        found.append((("level",), f"the plan is for level '{level}', but this level is '{scenario.id}'"))
    orders: list[Order] = []
    entries = data.get("orders")
    if not isinstance(entries, list) or len(entries) > MAX_PLAN_ORDERS:
        return orders, found
    bad_keys: dict[int, set[str]] = {}
    for loc, _ in found:
        if len(loc) >= 3 and loc[0] == "orders" and isinstance(loc[1], int):
            bad_keys.setdefault(loc[1], set()).add(str(loc[2]))
    for i, entry in enumerate(entries):
        order = _usable_order(entry, bad_keys.get(i, set()), lines.line_of(("orders", i)))
        if order is None:
            continue
        for key, message in order_problems(order, scenario):
            if key not in bad_keys.get(i, set()):  # a wrong value was set aside: do not guess about it
                found.append((("orders", i, key), message))
        orders.append(order)
    return orders, found


def plan_injects(data: dict[str, Any], scenario: Scenario, lines: SourceLines) -> tuple[list[Inject], list[tuple[Loc, str]]]:
    """The valid injects of a parsed plan (`plan_orders` reports their type and range problems)
    and what is wrong with them in this level, as (path, message)."""
    entries = data.get("injects")
    if not isinstance(entries, list) or len(entries) > MAX_PLAN_ORDERS:
        return [], []
    reserve = with_reserve(scenario)
    injects: list[tuple[int, Inject]] = []
    found: list[tuple[Loc, str]] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        try:
            inject = InjectFile.model_validate(entry).to_inject(lines.line_of(("injects", i)))
        except ValidationError:
            continue  # plan_orders has reported it
        problems = inject_problems(inject, reserve)
        found += [(("injects", i, key), message) for key, message in problems]
        if not problems:
            injects.append((i, inject))
    # Together, in the order they come, as the world takes them: the reserve is shared, a held
    # unit is sent once.
    given: list[Inject] = []
    for i, inject in sorted(injects, key=lambda pair: pair[1].t):
        problem = given_problem(inject, given)
        if problem is None:
            given.append(inject)
        else:
            found.append((("injects", i, problem[0]), problem[1]))
    return [inject for _, inject in injects], found


def _usable_order(entry: Any, bad: set[str], line: int) -> Order | None:
    """The order of an entry, its wrong optional or unknown keys set aside for the level checks;
    None when the entry is not a table or a key every check depends on is wrong."""
    if not isinstance(entry, dict) or bad & _REQUIRED:
        return None
    try:
        return OrderFile.model_validate({k: v for k, v in entry.items() if k not in bad}).to_order(line)
    except ValidationError:
        return None


def order_problems(order: Order, scenario: Scenario) -> list[tuple[str, str]]:
    """What is wrong with an order in this level, as (key of the order, message)."""
    units = {u.id: u.type for u in scenario.units}
    unit_type = units.get(order.unit)
    found: list[tuple[str, str]] = []
    issue = order_issue(order, unit_type, frozenset(units))
    if issue is not None:
        found.append(issue)
    if order.t > scenario.duration_s:
        found.append(("t", f"the order is for t = {order.t:g} s, after the level ends "
                           f"(duration_s = {scenario.duration_s:g})"))
    if order.point is not None:
        (x, y), (w, h) = order.point, scenario.size
        if not (0 <= x <= w and 0 <= y <= h):
            found.append(("point", f"point [{x:g}, {y:g}] is outside the map (0..{w:g}, 0..{h:g})"))
    crowd = sum(group.count for group in scenario.crowd)
    if order.person is not None and order.person >= crowd:
        found.append(("person", f"there is no person {order.person}: the crowd has {crowd} people "
                                f"(0 to {crowd - 1})"))
    return found


