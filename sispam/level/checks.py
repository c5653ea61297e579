"""Checks that span a whole level: ids, references between sections, geometry and caps.

`level_problems` returns every problem it finds as `(loc, message)`, where `loc` is a path
into the file in pydantic's form, e.g. `("crowd", 2, "spawn")`. It runs after each field has
been validated on its own, so it may trust types and ranges.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from sispam.level.limits import MAX_CROWD_TOTAL, MAX_OFFICERS_TOTAL
from sispam.level.script_checks import script_problems
from sispam.sim.geometry import (
    points_deep_in_shape,
    points_in_shape,
    polygon_problem,
    polygon_signed_area,
    shape_bounds,
)
from sispam.sim.params import CROWD_RADIUS_RANGE_M, WALL_CELL_M
from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.police.units import UNIT_SPECS
from sispam.sim.scenario import AreaShape, Circle, Polygon, Polyline, Rect, SolidShape, ZoneRole

if TYPE_CHECKING:
    from sispam.level.schema import LevelFile, UnitFile

Loc = tuple[str | int, ...]
Found = list[tuple[Loc, str]]

EDGE_TOLERANCE_M = 1e-9
SPAWN_SAMPLES_PER_SIDE = 24
MAX_BLOCKED_SPAWN_FRACTION = 0.5
OFFICER_IN_SOLID_M = 0.05
NAMED_OBSTACLES = 3  # a note names at most this many obstacles


def level_problems(level: LevelFile) -> Found:
    """Every cross-section problem of a level whose fields are each valid on their own."""
    solids = _usable_solids(level)
    found: Found = []
    for section in ("obstacles", "ground", "zones", "crowd", "units"):
        found += _duplicate_ids(section, [item.id for item in getattr(level, section)])
    found += _shape_problems(level)
    found += _crowd_problems(level, solids)
    found += _unit_problems(level, solids)
    found += script_problems(level, lambda point, what: _point_problem(point, what, level, solids))

    crowd_total = sum(group.count for group in level.crowd)
    if crowd_total > MAX_CROWD_TOTAL:
        found.append(
            (
                ("crowd",),
                f"the crowd groups total {crowd_total:,} people; the cap is {MAX_CROWD_TOTAL:,}",
            )
        )
    officers_total = sum(unit.officer_count for unit in level.units)
    if officers_total > MAX_OFFICERS_TOTAL:
        found.append(
            (
                ("units",),
                f"the units total {officers_total:,} officers; the cap is {MAX_OFFICERS_TOTAL:,}",
            )
        )
    if not level.crowd and not level.units:
        found.append(((), "the level has no [[crowd]] group and no [[units]]; add at least one"))
    return found


def _duplicate_ids(section: str, ids: Sequence[str]) -> Found:
    first_index: dict[str, int] = {}
    found: Found = []
    for i, item_id in enumerate(ids):
        if item_id in first_index:
            found.append(
                (
                    (section, i, "id"),
                    f"duplicate id '{item_id}' (already used by {section}[{first_index[item_id]}])",
                )
            )
        else:
            first_index[item_id] = i
    return found


def _shape_problem(shape: SolidShape) -> str | None:
    """Why a shape is unusable on its own (rects and circles are checked by their models)."""
    if isinstance(shape, Polygon):
        return polygon_problem(shape.points)
    if isinstance(shape, Polyline):
        p = np.asarray(shape.points, float)
        if np.all(np.isclose(p, p[0])):
            return "polyline has zero length (all its points are the same)"
    return None


def _outside_map(shape: SolidShape, size: tuple[float, float]) -> str | None:
    """How a shape reaches outside the map, or None. A polyline's thickness may overhang."""
    if isinstance(shape, Polyline):
        p = np.asarray(shape.points, float)
        xmin, ymin, xmax, ymax = p[:, 0].min(), p[:, 1].min(), p[:, 0].max(), p[:, 1].max()
    else:
        xmin, ymin, xmax, ymax = shape_bounds(shape)
    w, h = size
    t = EDGE_TOLERANCE_M
    if xmin >= -t and ymin >= -t and xmax <= w + t and ymax <= h + t:
        return None
    return (
        f"shape reaches outside the map: it spans x {xmin:g}..{xmax:g}, y {ymin:g}..{ymax:g} "
        f"but the map is x 0..{w:g}, y 0..{h:g}"
    )


def _shape_problems(level: LevelFile) -> Found:
    found: Found = []
    for section in ("obstacles", "ground", "zones"):
        for i, item in enumerate(getattr(level, section)):
            shape = item.shape.to_shape()
            where: Loc = (section, i, "shape")
            problem = _shape_problem(shape)
            if problem is not None:
                found.append(((*where, "points"), problem))
                continue
            outside = _outside_map(shape, level.map.size)
            if outside is not None:
                found.append((where, outside))
    return found


Solids = list[tuple[str, str, SolidShape]]
"""(id, kind, shape) of solid obstacles."""


def _usable_solids(level: LevelFile) -> Solids:
    """The solid obstacles whose shapes are valid."""
    solids: Solids = []
    for obstacle in level.obstacles:
        shape = obstacle.shape.to_shape()
        if obstacle.solid and _shape_problem(shape) is None:
            solids.append((obstacle.id, str(obstacle.kind), shape))
    return solids


def _inside_map(xy: np.ndarray, size: tuple[float, float]) -> np.ndarray:
    return (xy[:, 0] >= 0) & (xy[:, 0] <= size[0]) & (xy[:, 1] >= 0) & (xy[:, 1] <= size[1])


def _point_problem(
    point: tuple[float, float], what: str, level: LevelFile, solids: Solids
) -> str | None:
    """Why a point cannot be stood on: outside the map or inside a solid obstacle."""
    xy = np.array([point], float)
    w, h = level.map.size
    if not _inside_map(xy, level.map.size)[0]:
        return f"{what} [{point[0]:g}, {point[1]:g}] is outside the map (x 0..{w:g}, y 0..{h:g})"
    for obstacle_id, kind, shape in solids:
        if points_in_shape(xy, shape)[0]:
            return f"{what} [{point[0]:g}, {point[1]:g}] is inside solid {kind} '{obstacle_id}'"
    return None


def _grid_samples(shape: AreaShape) -> np.ndarray:
    """Evenly spaced points inside a shape (cell centres of a grid over its bounds)."""
    xmin, ymin, xmax, ymax = shape_bounds(shape)
    n = SPAWN_SAMPLES_PER_SIDE
    xs = xmin + (np.arange(n) + 0.5) * (xmax - xmin) / n
    ys = ymin + (np.arange(n) + 0.5) * (ymax - ymin) / n
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    inside: np.ndarray = grid[points_in_shape(grid, shape)]
    return inside


def _spawn_blocked(zone_id: str, shape: AreaShape, level: LevelFile, solids: Solids) -> str | None:
    """Why a spawn zone is unusable: more than half of it outside the map or in solids."""
    xy = _grid_samples(shape)
    if len(xy) == 0:
        return None
    outside = ~_inside_map(xy, level.map.size)
    in_solid = np.zeros(len(xy), dtype=bool)
    hits: Counter[str] = Counter()
    for obstacle_id, kind, solid in solids:
        inside = points_in_shape(xy, solid) & ~outside
        if inside.any():
            hits[f"{kind} '{obstacle_id}'"] += int(inside.sum())
            in_solid |= inside
    blocked = float(np.mean(outside | in_solid))
    if blocked <= MAX_BLOCKED_SPAWN_FRACTION:
        return None
    parts = []
    if outside.any():
        parts.append(f"{np.mean(outside):.0%} outside the map")
    if in_solid.any():
        names = ", ".join(name for name, _ in hits.most_common(3))
        parts.append(f"{np.mean(in_solid):.0%} inside {names}")
    return (
        f"spawn zone '{zone_id}' is {blocked:.0%} blocked: {', '.join(parts)}; at most half "
        "of a spawn zone may lie outside the map or inside solid obstacles"
    )


MAX_ROOM_SAMPLES = 4_000_000  # the open floor of a spawn zone is counted cell by cell up to this many cells


def _shape_area(shape: AreaShape) -> float:
    if isinstance(shape, Rect):
        return (shape.max[0] - shape.min[0]) * (shape.max[1] - shape.min[1])
    if isinstance(shape, Circle):
        return math.pi * shape.radius * shape.radius
    return abs(polygon_signed_area(shape.points))


def _spawn_room(zone_id: str, shape: AreaShape, level: LevelFile, solids: Solids) -> str | None:
    """Why nobody could ever appear in a spawn zone: no floor cell of the grid people are placed
    on (`sispam.sim.spawning`: 0.1 m cells whose centre lies in the zone, outside solids)."""
    cell = WALL_CELL_M
    x0, y0, x1, y1 = shape_bounds(shape)
    w, h = level.map.size
    x0, y0, x1, y1 = max(x0, 0.0), max(y0, 0.0), min(x1, w), min(y1, h)
    if x1 <= x0 or y1 <= y0:
        return None  # outside the map: `_spawn_blocked` says so
    ix = np.arange(max(int(x0 / cell) - 1, 0), int(x1 / cell) + 2)
    iy = np.arange(max(int(y0 / cell) - 1, 0), int(y1 / cell) + 2)
    if len(ix) * len(iy) > MAX_ROOM_SAMPLES:
        return None  # a zone this large has room (a sliver this long is checked by its area below)
    gx, gy = np.meshgrid((ix + 0.5) * cell, (iy + 0.5) * cell)
    xy = np.column_stack((gx.ravel(), gy.ravel()))
    xy = xy[points_in_shape(xy, shape)]
    for _, _, solid in solids:
        xy = xy[~points_in_shape(xy, solid)]
    if len(xy):
        return None
    return (f"spawn zone '{zone_id}' has no room for anyone: no {cell:g} m cell of open floor has its centre "
            f"inside it ({_shape_area(shape):.2g} m²), so nobody would ever appear; make it at least "
            f"{2 * CROWD_RADIUS_RANGE_M[1]:.1f} m across (a crowd of n needs about n × 0.5 m²)")


def _crowd_problems(level: LevelFile, solids: Solids) -> Found:
    zones = {zone.id: zone for zone in level.zones}
    known = ", ".join(f"'{z}'" for z in zones) or "none are defined"
    found: Found = []
    for i, group in enumerate(level.crowd):
        spawn = zones.get(group.spawn)
        if spawn is None:
            found.append(
                (
                    ("crowd", i, "spawn"),
                    f"spawn zone '{group.spawn}' does not exist (zones: {known})",
                )
            )
        elif spawn.role == ZoneRole.PROTECTED:
            found.append((("crowd", i, "spawn"), f"spawn zone '{spawn.id}' is a protected zone: everyone arriving "
                                                 "there would be a breach at once; give the group a zone outside it"))
        elif _shape_problem(spawn.shape.to_shape()) is None:
            blocked = (_spawn_blocked(spawn.id, spawn.shape.to_shape(), level, solids)
                       or _spawn_room(spawn.id, spawn.shape.to_shape(), level, solids))
            if blocked is not None:
                found.append((("crowd", i, "spawn"), blocked))

        goal = group.goal
        if goal.kind == "point":
            problem = _point_problem(goal.point, "goal point", level, solids)
            if problem is not None:
                found.append((("crowd", i, "goal", "point"), problem))
        elif goal.zone not in zones:
            found.append(
                (
                    ("crowd", i, "goal", "zone"),
                    f"goal zone '{goal.zone}' does not exist (zones: {known})",
                )
            )
        elif goal.kind == "exit" and zones[goal.zone].role != ZoneRole.EXIT:
            found.append(
                (
                    ("crowd", i, "goal", "zone"),
                    f"an exit goal needs a zone with role \"exit\", but zone '{goal.zone}' has "
                    f'role "{zones[goal.zone].role}"',
                )
            )
        found += _late_arrival(("crowd", i, "arrival_s"), group.arrival_s, level)
    return found


def _late_arrival(loc: Loc, arrival_s: float, level: LevelFile) -> Found:
    if arrival_s < level.duration_s:
        return []
    return [(loc, f"arrives at {arrival_s:g} s, after the level ends (duration_s = {level.duration_s:g})")]


def level_notes(level: LevelFile) -> Found:
    """What a valid level does that its author may not have meant (`python game.py check`
    prints these as notes; the level loads and runs): today, officers whose places in their
    unit's formation lie inside a solid obstacle, who are pushed out of it as the level starts."""
    solids = _usable_solids(level)
    found: Found = []
    for i, unit in enumerate(level.units):
        found += _officers_in_solids(("units", i, "width_m" if unit.width_m is not None else "position"), unit, solids)
    return found


def _officers_in_solids(loc: Loc, unit: UnitFile, solids: Solids) -> Found:
    """Officers of the unit whose places in its formation lie inside a solid obstacle (deeper
    than `OFFICER_IN_SOLID_M`: a body's edge against a wall is nothing to note)."""
    offsets = slot_offsets(unit.formation, unit.officer_count, UNIT_SPECS[unit.type].spacing_m, unit.width_m, unit.ranks)
    slots = world_slots(offsets, unit.position, unit.facing_deg)
    inside = np.zeros(len(slots), bool)
    names: list[str] = []
    for obstacle_id, kind, shape in solids:
        here = points_deep_in_shape(slots, shape, OFFICER_IN_SOLID_M) & ~inside
        if here.any():
            names.append(f"{kind} '{obstacle_id}'")
            inside |= here
    if not inside.any():
        return []
    x, y = slots[np.flatnonzero(inside)[0]]
    if len(names) > NAMED_OBSTACLES:  # the advice after them must stay readable
        names = [*names[:NAMED_OBSTACLES], f"{len(names) - NAMED_OBSTACLES} more"]
    return [(loc, f"{int(inside.sum())} of the unit's {len(slots)} officers would stand inside solid {', '.join(names)} "
                  f"(the first at [{x:.2f}, {y:.2f}]): move the unit or narrow width_m (a bersaf line's second "
                  "rank stands half a spacing further to the unit's right)")]


def _unit_problems(level: LevelFile, solids: Solids) -> Found:
    found: Found = []
    for i, unit in enumerate(level.units):
        problem = _point_problem(unit.position, "unit position", level, solids)
        if problem is not None:
            found.append((("units", i, "position"), problem))
        found += _late_arrival(("units", i, "arrival_s"), unit.arrival_s, level)
        if unit.request_delay_s is not None and not unit.on_request:
            found.append((("units", i, "request_delay_s"),
                          "request_delay_s is only for a unit held in reserve; add on_request = true or remove it"))
    return found
