"""A validation scenario as a level file (`--levels DIR`), so a researcher can open, run and
change it like any level (`python game.py run FILE`, `python game.py edit FILE`).

Only what the battery's scenarios use is written: map, obstacles, zones, crowd groups and
units; every value in the file's own units and key names (docs/levels.md).
"""

from __future__ import annotations

from typing import Any

from sispam.level.draft_toml import tidy, toml_value
from sispam.level.schema import SCHEMA_VERSION
from sispam.sim.scenario import Circle, Goal, GoalKind, Polygon, Polyline, Rect, Scenario


def _shape(shape: Rect | Polygon | Circle | Polyline) -> dict[str, Any]:
    match shape:
        case Rect():
            return {"kind": "rect", "min": list(shape.min), "max": list(shape.max)}
        case Polygon():
            return {"kind": "polygon", "points": [list(p) for p in shape.points]}
        case Circle():
            return {"kind": "circle", "center": list(shape.center), "radius": shape.radius}
        case Polyline():
            return {"kind": "polyline", "points": [list(p) for p in shape.points], "thickness": shape.thickness}
    raise TypeError(f"no level-file form for {shape!r}")


def _goal(goal: Goal) -> dict[str, Any]:
    if goal.kind is GoalKind.POINT:
        return {"kind": "point", "point": list(goal.point or (0.0, 0.0))}
    return {"kind": goal.kind.value, "zone": goal.zone}


def _entry(name: str, values: dict[str, Any]) -> list[str]:
    return ["", f"[[{name}]]", *(f"{k} = {toml_value(tidy(v))}" for k, v in values.items() if v is not None)]


def level_toml(scenario: Scenario, note: str = "") -> str:
    """The scenario as the text of a level file; `note` goes into its opening comment."""
    lines = [f"# {line}".rstrip() for line in (note or scenario.title.en).splitlines()]
    lines += ["# Written by python -m sispam.validate --levels.", f"schema_version = {SCHEMA_VERSION}",
              f"id = {toml_value(scenario.id)}", f"seed = {scenario.seed}",
              f"duration_s = {toml_value(tidy(scenario.duration_s))}",
              f"mood = {toml_value(scenario.mood)}",
              f"riot = {toml_value(scenario.riot)}",
              f"title = {toml_value({'id': scenario.title.id, 'en': scenario.title.en})}",
              f"briefing = {toml_value({'id': scenario.briefing.id, 'en': scenario.briefing.en})}",
              "", "[map]", f"size = {toml_value(tidy(list(scenario.size)))}"]
    for o in scenario.obstacles:
        lines += _entry("obstacles", {"id": o.id, "kind": o.kind.value, "shape": _shape(o.shape),
                                      "solid": None if o.solid else False})
    for z in scenario.zones:
        lines += _entry("zones", {"id": z.id, "role": z.role.value, "shape": _shape(z.shape)})
    for g in scenario.crowd:
        lines += _entry("crowd", {"id": g.id, "count": g.count, "spawn": g.spawn,
                                  "roles": {r.value: w for r, w in g.roles}, "goal": _goal(g.goal),
                                  "speed_mean_mps": g.speed_mean_mps, "speed_sd_mps": g.speed_sd_mps,
                                  "arrival_spread_s": g.arrival_spread_s or None, "agitation": g.agitation})
    for u in scenario.units:
        lines += _entry("units", {"id": u.id, "type": u.type.value, "officers": u.officers,
                                  "formation": u.formation.value, "position": list(u.position),
                                  "facing_deg": u.facing_deg, "width_m": u.width_m, "ranks": u.ranks})
    return "\n".join(lines) + "\n"
