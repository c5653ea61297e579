"""Where the entries of a level draft lie on the map, and moving them: plain data in and out.

Entries are the plain dicts of a level file's `[[...]]` tables, valid or not: whatever is
malformed simply has no place (None) and is not moved.
"""

from __future__ import annotations

import copy
import numbers
import re
from collections.abc import Callable
from typing import Any

Box = tuple[float, float, float, float]
"""A map box (x0, y0, x1, y1) in metres, x0 <= x1 and y0 <= y1."""

Find = Callable[[str, object], dict[str, Any] | None]
"""find(table, id): the first entry of `table` with that id, or None."""

UNIT_MARGIN_M = 3.0
"""A unit's box reaches this far around its position (or half its frontage, if wider)."""
POINT_MARGIN_M = 3.0
"""The box of an event's point or a point goal reaches this far around it."""
GRID_M = 0.01
"""Moved coordinates are rounded to this."""

_ENTRY = re.compile(r"([A-Za-z_]+)\[(\d+)\]")


def problem_entry(where: str) -> tuple[str, int] | None:
    """`"obstacles[3].shape.points[2]"` -> `("obstacles", 3)`; None for anything else."""
    match = _ENTRY.match(where)
    return (match.group(1), int(match.group(2))) if match else None


def _number(value: Any) -> float | None:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return None


def _point(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        x, y = _number(value[0]), _number(value[1])
        if x is not None and y is not None:
            return x, y
    return None


def _around(point: tuple[float, float] | None, margin: float) -> Box | None:
    if point is None:
        return None
    return point[0] - margin, point[1] - margin, point[0] + margin, point[1] + margin


def _points_box(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def shape_box(shape: Any) -> Box | None:
    """The bounds of a shape table (polygon, polyline with its thickness, rect, circle)."""
    if not isinstance(shape, dict):
        return None
    kind = shape.get("kind")
    if kind == "circle":
        radius = _number(shape.get("radius"))
        return _around(_point(shape.get("center")), abs(radius or 0.0))
    if kind == "rect":
        return _points_box([p for p in (_point(shape.get("min")), _point(shape.get("max"))) if p])
    points = shape.get("points")
    box = _points_box([p for p in map(_point, points) if p]) if isinstance(points, list) else None
    if box is not None and kind == "polyline":
        half = abs(_number(shape.get("thickness")) or 0.0) / 2
        box = box[0] - half, box[1] - half, box[2] + half, box[3] + half
    return box


def entry_box(table: str, entry: dict[str, Any], find: Find) -> Box | None:
    """The map box of one entry: its shape; a unit around its position; a crowd group its
    spawn zone (else where it heads); an event its point, or what it names (a group's spawn
    zone, a building, a unit); an objective its zone. None when it has no place on the map."""
    if table in ("obstacles", "ground", "zones"):
        return shape_box(entry.get("shape"))
    if table == "units":
        width = _number(entry.get("width_m")) or 0.0
        return _around(_point(entry.get("position")), max(UNIT_MARGIN_M, abs(width) / 2))
    if table == "crowd":
        return _crowd_box(entry, find)
    if table == "events":
        if "point" in entry:
            return _around(_point(entry.get("point")), POINT_MARGIN_M)
        for key, target in (("group", "crowd"), ("building", "obstacles"), ("unit", "units")):
            named = find(target, entry.get(key)) if key in entry else None
            if named is not None:
                return entry_box(target, named, find)
        return None
    if table == "objectives" and "zone" in entry:
        zone = find("zones", entry.get("zone"))
        return shape_box(zone.get("shape")) if zone else None
    return None


def _crowd_box(group: dict[str, Any], find: Find) -> Box | None:
    spawn = find("zones", group.get("spawn"))
    box = shape_box(spawn.get("shape")) if spawn else None
    goal = group.get("goal")
    if box is None and isinstance(goal, dict):
        if "zone" in goal:
            zone = find("zones", goal.get("zone"))
            box = shape_box(zone.get("shape")) if zone else None
        else:
            box = _around(_point(goal.get("point")), POINT_MARGIN_M)
    return box


def _snapped(value: float) -> float | int:
    value = round(round(value / GRID_M) * GRID_M, 2)
    return int(value) if value.is_integer() else value


def _moved(value: Any, dx: float, dy: float) -> Any:
    point = _point(value)
    return [_snapped(point[0] + dx), _snapped(point[1] + dy)] if point else value


def translated(entry: dict[str, Any], dx: float, dy: float) -> dict[str, Any]:
    """A copy of the entry with its geometry moved by (dx, dy) metres, coordinates rounded to
    0.01 m: its shape's points, corners or centre, a unit's position, an event's point and a
    point goal. Anything else is left as it is."""
    moved = copy.deepcopy(entry)
    shape = moved.get("shape")
    if isinstance(shape, dict):
        for key in ("min", "max", "center"):
            if key in shape:
                shape[key] = _moved(shape[key], dx, dy)
        if isinstance(shape.get("points"), list):
            shape["points"] = [_moved(p, dx, dy) for p in shape["points"]]
    for key in ("position", "point"):
        if key in moved:
            moved[key] = _moved(moved[key], dx, dy)
    goal = moved.get("goal")
    if isinstance(goal, dict) and "point" in goal:
        goal["point"] = _moved(goal["point"], dx, dy)
    return moved
