"""The level editor's map: a draft's entries drawn as they are in the file (the draft may not be
a valid level yet, so nothing here needs a `Scenario`), what is under the pointer, handles to
drag a shape's corners, and snapping to a grid and to the corners already drawn.

Shapes are the file's tables: `{kind = "rect", min, max}`, `{kind = "polygon", points}`,
`{kind = "circle", center, radius}`, `{kind = "polyline", points, thickness}`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pygame

from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.widgets import TEXT

Entry = dict[str, Any]
HANDLE_PX = 6
PICK_PX = 8
UNIT_MARK_M = 2.0
GRID_STEPS_M = (1.0, 0.5, 0.0)  # the snapping grid: 1 m, 0.5 m, off


FAR_M = 1e6  # a coordinate beyond this (or not finite) is not drawn: the problems list names it


def drawable(value: Any) -> bool:
    """Whether `value` is a number that can be drawn (the form may hold anything)."""
    return (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            and abs(value) <= FAR_M)


def _num(value: Any, default: float) -> float:
    """`value` if it is `drawable`, else `default`."""
    return float(value) if drawable(value) else default


def _xy(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(drawable(v) for v in value):
        return float(value[0]), float(value[1])
    return None


def outline(shape: Any) -> tuple[np.ndarray, bool] | None:
    """The shape's outline points (m) and whether it is closed, or None for a shape too broken to draw."""
    if not isinstance(shape, dict):
        return None
    kind = shape.get("kind")
    if kind == "rect":
        lo, hi = _xy(shape.get("min")), _xy(shape.get("max"))
        if lo is None or hi is None:
            return None
        return np.array([lo, (hi[0], lo[1]), hi, (lo[0], hi[1])]), True
    if kind == "circle":
        c, r = _xy(shape.get("center")), _num(shape.get("radius"), 0.0)
        if c is None or r <= 0:
            return None
        a = np.linspace(0, 2 * math.pi, 32, endpoint=False)
        return np.column_stack((c[0] + r * np.cos(a), c[1] + r * np.sin(a))), True
    if kind in ("polygon", "polyline"):
        raw = shape.get("points")
        points = [_xy(p) for p in raw] if isinstance(raw, list) else []
        if len(points) < 2 or any(p is None for p in points):
            return None
        return np.array(points, float), kind == "polygon"
    return None


def handles(shape: Any) -> list[tuple[float, float]]:
    """The points of a shape that can be dragged: a rect's two corners, a circle's centre and a
    point on its rim, every point of a polygon or polyline."""
    if not isinstance(shape, dict):
        return []
    kind = shape.get("kind")
    if kind == "rect":
        return [p for p in (_xy(shape.get("min")), _xy(shape.get("max"))) if p is not None]
    if kind == "circle":
        c, r = _xy(shape.get("center")), _num(shape.get("radius"), math.nan)
        return [] if c is None or math.isnan(r) else [c, (c[0] + r, c[1])]
    if kind in ("polygon", "polyline"):
        raw = shape.get("points")
        return [p for p in (_xy(p) for p in raw) if p is not None] if isinstance(raw, list) else []
    return []


def with_handle(shape: Entry, k: int, point: tuple[float, float]) -> Entry:
    """The shape with its `k`-th handle (`handles`) moved to `point`."""
    shape = dict(shape)
    p = [round(point[0], 2), round(point[1], 2)]
    kind = shape.get("kind")
    if kind == "rect":
        shape["min" if k == 0 else "max"] = p
    elif kind == "circle":
        if k == 0:
            shape["center"] = p
        else:
            c = _xy(shape["center"]) or (0.0, 0.0)
            shape["radius"] = round(max(0.1, math.hypot(point[0] - c[0], point[1] - c[1])), 2)
    else:
        points = [list(q) for q in shape["points"]]
        points[k] = p
        shape["points"] = points
    return shape


def contains(shape: Any, point: tuple[float, float], tol_m: float) -> bool:
    """Whether `point` is on the shape (inside a closed one, within `tol_m` of an open one's line)."""
    found = outline(shape)
    if found is None:
        return False
    pts, closed = found
    if closed:
        x, y = point
        inside = False
        j = len(pts) - 1
        for i in range(len(pts)):
            (xi, yi), (xj, yj) = pts[i], pts[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        if inside:
            return True
    half = _num(shape.get("thickness"), 0.0) / 2 if isinstance(shape, dict) else 0.0
    segments = zip(pts, np.roll(pts, -1, axis=0) if closed else pts[1:], strict=False)
    return any(_segment_distance(point, a, b) <= tol_m + half for a, b in segments)


def _segment_distance(p: tuple[float, float], a: np.ndarray, b: np.ndarray) -> float:
    ab = b - a
    t = 0.0 if not ab.any() else float(np.clip(np.dot(np.subtract(p, a), ab) / np.dot(ab, ab), 0, 1))
    return float(np.hypot(*(np.subtract(p, a + t * ab))))


def entry_point(table: str, entry: Entry) -> tuple[float, float] | None:
    """Where an entry without a shape stands: a unit's position, an event's point."""
    if table == "units":
        return _xy(entry.get("position"))
    if table == "events":
        return _xy(entry.get("point"))
    return None


def snap(point: tuple[float, float], grid_m: float, corners: list[tuple[float, float]],
         reach_m: float) -> tuple[float, float]:
    """`point` moved onto the nearest corner within `reach_m`, else onto the grid (if any)."""
    if corners:
        c = np.array(corners)
        d = np.hypot(c[:, 0] - point[0], c[:, 1] - point[1])
        k = int(np.argmin(d))
        if d[k] <= reach_m:
            return float(c[k, 0]), float(c[k, 1])
    if grid_m > 0:
        return round(point[0] / grid_m) * grid_m, round(point[1] / grid_m) * grid_m
    return round(point[0], 2), round(point[1], 2)


class Canvas:
    """Draws a draft's map through a camera."""

    def __init__(self, camera: Camera) -> None:
        self.camera = camera

    def px(self, point: tuple[float, float]) -> tuple[int, int]:
        x, y = self.camera.to_screen(np.array([point], float))[0]
        return int(round(x)), int(round(y))

    def _poly(self, surf: pygame.Surface, shape: Any, fill, line, width: int = 1) -> None:
        found = outline(shape)
        if found is None:
            return
        pts, closed = found
        screen = [tuple(p) for p in self.camera.to_screen(pts).round().astype(int).tolist()]
        if isinstance(shape, dict) and shape.get("kind") == "polyline":
            thick = max(2, min(200, round(_num(shape.get("thickness"), 0.3) * self.camera.scale)))
            pygame.draw.lines(surf, fill or line, False, screen, thick)
            return
        if closed and fill is not None and len(screen) >= 3:
            pygame.draw.polygon(surf, fill, screen)
        if line is not None:
            pygame.draw.lines(surf, line, closed, screen, width)

    def draw(self, surf: pygame.Surface, tables: dict[str, list[Entry]], size: tuple[float, float],
             grid_m: float, picture=None) -> None:
        """The map's area, its background picture (`sispam.ui.background.BackgroundPicture`) to
        trace over, the grid, then ground, zones, obstacles, crowd groups, units and events."""
        surf.fill(palette.BACKGROUND_DARK)
        x0, y0 = self.px((0.0, size[1]))
        x1, y1 = self.px((size[0], 0.0))
        area = pygame.Rect(x0, y0, x1 - x0, y1 - y0)
        pygame.draw.rect(surf, palette.BACKGROUND, area)
        if picture is not None:
            surf.set_clip(area)
            picture.draw(surf, self.camera)
            surf.set_clip(None)
        step = 10.0 if self.camera.scale * 10 >= 12 else 50.0
        for k in range(int(size[0] // step) + 1):
            x = self.px((k * step, 0.0))[0]
            pygame.draw.line(surf, palette.EDITOR_GRID, (x, area.top), (x, area.bottom))
        for k in range(int(size[1] // step) + 1):
            y = self.px((0.0, k * step))[1]
            pygame.draw.line(surf, palette.EDITOR_GRID, (area.left, y), (area.right, y))
        for g in tables["ground"]:
            self._poly(surf, g.get("shape"), palette.GROUND.get(g.get("kind"), palette.BACKGROUND), None)
        for z in tables["zones"]:
            colour = palette.ZONE.get(z.get("role"), palette.OUTLINE)
            self._poly(surf, z.get("shape"), None, colour, 2)
            self._label(surf, z.get("shape"), f"{z.get('id', '?')} ({z.get('role', '?')})", colour)
        for o in tables["obstacles"]:
            colour = palette.OBSTACLE.get(o.get("kind"), palette.OUTLINE)
            solid = o.get("solid", True) is not False
            self._poly(surf, o.get("shape"), colour if solid else None, palette.OUTLINE if solid else colour, 1 if solid else 3)
            self._label(surf, o.get("shape"), str(o.get("label") or o.get("id", "")), palette.LABEL)
        zones = {z.get("id"): z for z in tables["zones"]}
        groups_in: dict[str, int] = {}
        for c in tables["crowd"]:
            spawn = zones.get(c.get("spawn"))
            if spawn is not None:
                k = groups_in[str(c.get("spawn"))] = groups_in.get(str(c.get("spawn")), 0) + 1
                self._label(surf, spawn.get("shape"), f"{c.get('id', '?')}: {c.get('count', '?')}",
                            palette.EDITOR_CROWD, below=k)
        for u in tables["units"]:
            p = entry_point("units", u)
            if p is None:
                continue
            colour = palette.UNIT.get(u.get("type"), palette.OUTLINE)
            facing = math.radians(_num(u.get("facing_deg"), 0.0))
            half = min(_num(u.get("width_m"), 8.0), 500.0) / 2
            side = (-math.sin(facing) * half, math.cos(facing) * half)
            a, b = self.px((p[0] - side[0], p[1] - side[1])), self.px((p[0] + side[0], p[1] + side[1]))
            pygame.draw.line(surf, colour, a, b, max(3, round(0.6 * self.camera.scale)))
            tip = self.px((p[0] + math.cos(facing) * UNIT_MARK_M, p[1] + math.sin(facing) * UNIT_MARK_M))
            pygame.draw.line(surf, palette.OUTLINE, self.px(p), tip, 2)
            pygame.draw.circle(surf, colour, self.px(p), 5)
            pygame.draw.circle(surf, palette.OUTLINE, self.px(p), 5, 1)
            self._text(surf, str(u.get("id", "")), (self.px(p)[0] + 8, self.px(p)[1] - 16), palette.LABEL)
        for e in tables["events"]:
            p = entry_point("events", e)
            if p is not None:
                pygame.draw.circle(surf, palette.FIRE, self.px(p), 6)
                self._text(surf, str(e.get("id", "")), (self.px(p)[0] + 8, self.px(p)[1] - 6), palette.FIRE)
        pygame.draw.rect(surf, palette.OUTLINE, area, 2)

    def _label(self, surf, shape, text: str, colour, below: int = 0) -> None:
        found = outline(shape)
        if found is None or not text:
            return
        pts, _ = found
        centre = self.px((float(pts[:, 0].mean()), float(pts[:, 1].mean())))
        self._text(surf, text, (centre[0], centre[1] + below * 16), colour, centred=True)

    def _text(self, surf, text: str, at: tuple[int, int], colour, centred: bool = False) -> None:
        image = TEXT.render(text, 13, colour)
        rect = image.get_rect(center=at) if centred else image.get_rect(topleft=at)
        surf.blit(image, rect)

    def highlight(self, surf: pygame.Surface, table: str, entry: Entry) -> None:
        """The selected entry: its outline and its handles."""
        shape = entry.get("shape")
        if shape is not None:
            self._poly(surf, shape, None, palette.SELECTION, 3)
            for h in handles(shape):
                pygame.draw.rect(surf, palette.SELECTION, pygame.Rect(0, 0, 2 * HANDLE_PX, 2 * HANDLE_PX).move(
                    self.px(h)[0] - HANDLE_PX, self.px(h)[1] - HANDLE_PX), 2)
        p = entry_point(table, entry)
        if p is not None:
            pygame.draw.circle(surf, palette.SELECTION, self.px(p), 11, 3)

    def problem_box(self, surf: pygame.Surface, box: tuple[float, float, float, float], strong: bool) -> None:
        """Where a problem of the level is, outlined (if it is somewhere that can be drawn)."""
        if not all(drawable(v) for v in box):
            return
        x0, y0, x1, y1 = box
        a, b = self.px((x0, y1)), self.px((x1, y0))
        rect = pygame.Rect(a[0] - 4, a[1] - 4, b[0] - a[0] + 8, b[1] - a[1] + 8)
        pygame.draw.rect(surf, palette.LOST, rect, 3 if strong else 1)
