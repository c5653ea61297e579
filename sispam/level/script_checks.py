"""Checks of a level's scripted events and objectives against the rest of the level: what they
name must exist and be of the right sort, and what they ask must be able to happen."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sispam.level.script_schema import (
    ArrestProvocateursObjective,
    CrowdWaveEvent,
    DisperseObjective,
    ExtinguishFiresObjective,
    FireEvent,
    HoldUntilObjective,
    HostageAttemptEvent,
    ProtectZoneObjective,
    ProvocateursEvent,
    ReinforcementsEvent,
)
from sispam.sim.scenario import ObstacleKind, Role, ZoneRole

if TYPE_CHECKING:
    from sispam.level.checks import Found
    from sispam.level.schema import LevelFile


PointProblem = Callable[[tuple[float, float], str], str | None]
"""Why a point (m) cannot be used: outside the map or inside a solid obstacle, or None; the
second argument names the point in the message."""


def script_problems(level: LevelFile, point_problem: PointProblem) -> Found:
    """Every problem of the level's events and objectives; `point_problem` is the level's own
    check of a point (`sispam.level.checks`), so a fire is placed by the same rule as a unit."""
    found: Found = []
    found += _duplicates("events", [e.id for e in level.events])
    found += _duplicates("objectives", [o.id for o in level.objectives])
    found += _event_problems(level, point_problem)
    found += _objective_problems(level)
    return found


def _duplicates(section: str, ids: list[str]) -> Found:
    seen: dict[str, int] = {}
    found: Found = []
    for i, item in enumerate(ids):
        if item in seen:
            found.append(((section, i, "id"), f"duplicate id '{item}' (already used by {section}[{seen[item]}])"))
        seen.setdefault(item, i)
    return found


def _people(level: LevelFile) -> int:
    return sum(g.count for g in level.crowd) + sum(u.officer_count for u in level.units)


def _known(ids: Iterable[str]) -> str:
    """The ids one may use instead, for a message: `'a', 'b'` or `none are defined`."""
    return ", ".join(f"'{i}'" for i in ids) or "none are defined"


def _buildings(level: LevelFile) -> list[str]:
    return [o.id for o in level.obstacles if o.kind is ObstacleKind.BUILDING]


def _protected(level: LevelFile) -> list[str]:
    return [z.id for z in level.zones if z.role is ZoneRole.PROTECTED]


def _event_problems(level: LevelFile, point_problem: PointProblem) -> Found:  # noqa: PLR0912 (one check after another)
    found: Found = []
    duration = level.duration_s
    groups = {g.id: g for g in level.crowd}
    units = {u.id: u for u in level.units}
    obstacles = {o.id: o for o in level.obstacles}
    released: dict[str, int] = {}
    people = _people(level)
    for i, e in enumerate(level.events):
        if (e.at_s is None) == (e.when is None):
            found.append((("events", i, "id"), f"event '{e.id}' needs either at_s (a time) or when (a condition), "
                                               "not both and not neither"))
        if e.at_s is not None and e.at_s > duration:
            found.append((("events", i, "at_s"), f"at_s {e.at_s:g} is after the level ends (duration_s "
                                                 f"{duration:g}); the event would never fire"))
        if e.when is not None:
            w = e.when
            if all(v is None for v in (w.after_s, w.situation, w.breaches_at_least, w.arrests_at_least,
                                       w.injuries_at_least, w.fires_at_least)):
                found.append((("events", i, "when"), "when has no test; give at least one of after_s, situation, "
                                                     "breaches_at_least, arrests_at_least, injuries_at_least, "
                                                     "fires_at_least"))
            if w.after_s is not None and w.after_s > duration:
                found.append((("events", i, "when", "after_s"), f"after_s {w.after_s:g} is after the level ends "
                                                                f"(duration_s {duration:g}); it can never hold"))
            crowd = sum(g.count for g in level.crowd)
            for key, limit, what in (("breaches_at_least", crowd, "people in the crowd"),
                                     ("arrests_at_least", crowd, "people in the crowd"),
                                     ("injuries_at_least", people, "people, crowd and officers together")):
                value = getattr(w, key)
                if value is not None and value > limit:
                    found.append((("events", i, "when", key), f"{key} {value} can never hold: the level has only "
                                                              f"{limit} {what}"))
        if isinstance(e, CrowdWaveEvent | ProvocateursEvent):
            group = groups.get(e.group)
            if group is None:
                found.append((("events", i, "group"), f"unknown crowd group '{e.group}' "
                                                      f"(crowd groups: {_known(groups)})"))
            elif not group.on_event:
                found.append((("events", i, "group"), f"crowd group '{e.group}' does not wait for an event; "
                                                      "set on_event = true in the group"))
            elif e.group in released:
                found.append((("events", i, "group"), f"crowd group '{e.group}' is already released by "
                                                      f"events[{released[e.group]}]"))
            else:
                released[e.group] = i
        elif isinstance(e, ReinforcementsEvent):
            unit = units.get(e.unit)
            if unit is None:
                found.append((("events", i, "unit"), f"unknown unit '{e.unit}' (units: {_known(units)})"))
            elif not unit.on_request:
                found.append((("events", i, "unit"), f"unit '{e.unit}' is not held in reserve; set on_request = "
                                                     "true in the unit"))
        elif isinstance(e, HostageAttemptEvent):
            building = obstacles.get(e.building)
            if building is None:
                found.append((("events", i, "building"), f"unknown obstacle '{e.building}' "
                                                         f"(buildings: {_known(_buildings(level))})"))
            elif building.kind is not ObstacleKind.BUILDING:
                found.append((("events", i, "building"), f"obstacle '{e.building}' is a {building.kind}, "
                                                         "not a building; name an obstacle of kind \"building\" "
                                                         f"(buildings: {_known(_buildings(level))})"))
        elif isinstance(e, FireEvent):
            problem = point_problem(e.point, "fire point")
            if problem is not None:
                found.append((("events", i, "point"), problem))
    for k, g in enumerate(level.crowd):
        if g.on_event and g.id not in released:
            found.append((("crowd", k, "on_event"), f"crowd group '{g.id}' waits for an event but no "
                                                    "crowd_wave or provocateurs event releases it: it never arrives"))
        elif g.on_event and (at_s := level.events[released[g.id]].at_s) is not None and \
                g.arrival_s < duration <= at_s + g.arrival_s:  # a later arrival_s alone is reported by checks.py
            found.append((("crowd", k, "arrival_s"), f"crowd group '{g.id}' is released at {at_s:g} s and arrives "
                                                     f"{g.arrival_s:g} s later, after the level ends (duration_s "
                                                     f"{duration:g}); lower arrival_s or the event's at_s"))
    return found


def _objective_problems(level: LevelFile) -> Found:
    found: Found = []
    duration = level.duration_s
    zones = {z.id: z for z in level.zones}
    for i, o in enumerate(level.objectives):
        if isinstance(o, ProtectZoneObjective | HoldUntilObjective):
            zone = zones.get(o.zone)
            if zone is None:
                found.append((("objectives", i, "zone"), f"unknown zone '{o.zone}' (protected zones: "
                                                         f"{_known(_protected(level))})"))
            elif zone.role is not ZoneRole.PROTECTED:
                found.append((("objectives", i, "zone"), f"zone '{o.zone}' has role \"{zone.role}\"; only a "
                                                         "\"protected\" zone counts breaches"))
        if isinstance(o, HoldUntilObjective) and o.until_s > duration:
            found.append((("objectives", i, "until_s"), f"until_s {o.until_s:g} is after the level ends (duration_s "
                                                        f"{duration:g}); lower it or lengthen the level"))
        if isinstance(o, DisperseObjective) and o.by_s is not None and o.by_s > duration:
            found.append((("objectives", i, "by_s"), f"by_s {o.by_s:g} is after the level ends (duration_s "
                                                     f"{duration:g}); lower it or lengthen the level"))
        if isinstance(o, ExtinguishFiresObjective) and o.within_s is not None and o.within_s > duration:
            found.append((("objectives", i, "within_s"), f"within_s {o.within_s:g} is longer than the level "
                                                         f"(duration_s {duration:g}); lower it or leave it out"))
        if isinstance(o, ArrestProvocateursObjective):
            most = sum(_provocateurs(g.count, g.roles) for g in level.crowd)
            if o.at_least > most:
                found.append((("objectives", i, "at_least"), f"at_least {o.at_least} provocateurs, but the crowd "
                                                             f"holds only {most}; lower at_least or give a group "
                                                             "a larger provokator share"))
    return found


def _provocateurs(count: int, roles: dict[Role, float]) -> int:
    """Provocateurs in a group of `count`, as the world draws roles (floor of each share, the
    remainder to the largest role; see `World._assign_crowd`)."""
    if Role.PROVOKATOR not in roles:
        return 0
    total = sum(roles.values())
    n = math.floor(roles[Role.PROVOKATOR] / total * count)
    largest = max(roles, key=lambda r: roles[r])
    if largest is Role.PROVOKATOR:
        n += count - sum(math.floor(w / total * count) for w in roles.values())
    return n
