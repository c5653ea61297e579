"""Plane geometry on the scenario's shapes: areas, simplicity, containment and distances.

All functions are pure and vectorised over points (an `(n, 2)` float array, metres).
"""

from __future__ import annotations

import numpy as np

from sispam.sim.scenario import AreaShape, Circle, Polygon, Polyline, Rect, SolidShape, Vec2


class GeometryError(ValueError):
    """A shape that cannot be used: zero area, self-intersecting, not finite."""


def polygon_signed_area(points: tuple[Vec2, ...] | np.ndarray) -> float:
    """Shoelace area: positive when the points run counter-clockwise."""
    p = np.asarray(points, dtype=float)
    x, y = p[:, 0], p[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _segments_cross(p1: np.ndarray, p2: np.ndarray, q1: np.ndarray, q2: np.ndarray) -> bool:
    """True when closed segments p1-p2 and q1-q2 share a point (touching counts)."""

    def orient(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
        return float((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    def on_segment(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> bool:
        return bool(
            min(a[0], b[0]) - 1e-12 <= c[0] <= max(a[0], b[0]) + 1e-12
            and min(a[1], b[1]) - 1e-12 <= c[1] <= max(a[1], b[1]) + 1e-12
        )

    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return (
        (d1 == 0 and on_segment(q1, q2, p1))
        or (d2 == 0 and on_segment(q1, q2, p2))
        or (d3 == 0 and on_segment(p1, p2, q1))
        or (d4 == 0 and on_segment(p1, p2, q2))
    )


def polygon_problem(points: tuple[Vec2, ...] | np.ndarray) -> str | None:
    """Why a polygon cannot be used, or None when it is a simple polygon with area.

    Checks: at least 3 points, finite coordinates, no repeated consecutive points, non-zero
    area, and no two non-adjacent edges touching or crossing (self-intersection).
    """
    p = np.asarray(points, dtype=float)
    n = len(p)
    if n < 3:
        return "a polygon needs at least 3 points"
    if not np.all(np.isfinite(p)):
        return "polygon coordinates must be finite numbers"
    if np.any(np.all(np.isclose(p, np.roll(p, -1, axis=0)), axis=1)):
        return "polygon has a repeated point"
    if abs(polygon_signed_area(p)) < 1e-6:
        return "polygon has zero area"
    for i in range(n):
        a1, a2 = p[i], p[(i + 1) % n]
        for j in range(i + 1, n):
            if j == i or (j + 1) % n == i or j == (i + 1) % n:
                continue  # adjacent edges share a vertex by construction
            if _segments_cross(a1, a2, p[j], p[(j + 1) % n]):
                return f"polygon is self-intersecting (edge {i + 1} meets edge {j + 1})"
    return None


def points_in_polygon(xy: np.ndarray, points: tuple[Vec2, ...] | np.ndarray) -> np.ndarray:
    """Even-odd containment test of many points against one simple polygon."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    poly = np.asarray(points, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    inside = np.zeros(len(xy), dtype=bool)
    x1, y1 = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    for ax, ay, bx, by in zip(x1, y1, x2, y2, strict=True):
        straddles = (ay > y) != (by > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = ax + (y - ay) * (bx - ax) / (by - ay)
        inside ^= straddles & (x < x_cross)
    return inside


def _distance_to_segments(xy: np.ndarray, points: np.ndarray, closed: bool) -> np.ndarray:
    """Distance from each point to the nearest of the polyline's segments."""
    a = points if closed else points[:-1]
    b = np.roll(points, -1, axis=0) if closed else points[1:]
    best = np.full(len(xy), np.inf)
    for (ax, ay), (bx, by) in zip(a, b, strict=True):
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        if length2 == 0.0:
            t = np.zeros(len(xy))
        else:
            t = np.clip(((xy[:, 0] - ax) * dx + (xy[:, 1] - ay) * dy) / length2, 0.0, 1.0)
        d = np.hypot(xy[:, 0] - (ax + t * dx), xy[:, 1] - (ay + t * dy))
        np.minimum(best, d, out=best)
    return best


def points_in_shape(xy: np.ndarray, shape: SolidShape, margin: float = 0.0) -> np.ndarray:
    """Which points lie in the shape, grown by `margin` metres (a Polyline by its thickness)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    match shape:
        case Rect(min=lo, max=hi):
            return (
                (xy[:, 0] >= lo[0] - margin)
                & (xy[:, 0] <= hi[0] + margin)
                & (xy[:, 1] >= lo[1] - margin)
                & (xy[:, 1] <= hi[1] + margin)
            )
        case Circle(center=c, radius=r):
            return np.hypot(xy[:, 0] - c[0], xy[:, 1] - c[1]) <= r + margin
        case Polygon(points=pts):
            inside = points_in_polygon(xy, pts)
            if margin > 0.0:
                inside |= _distance_to_segments(xy, np.asarray(pts, float), True) <= margin
            return inside
        case Polyline(points=pts, thickness=t):
            return _distance_to_segments(xy, np.asarray(pts, float), False) <= t / 2 + margin
    raise TypeError(f"unknown shape {shape!r}")


def shape_bounds(shape: SolidShape) -> tuple[float, float, float, float]:
    """Axis-aligned bounds (xmin, ymin, xmax, ymax) of a shape, including a polyline's thickness."""
    match shape:
        case Rect(min=lo, max=hi):
            return lo[0], lo[1], hi[0], hi[1]
        case Circle(center=c, radius=r):
            return c[0] - r, c[1] - r, c[0] + r, c[1] + r
        case Polygon(points=pts):
            p = np.asarray(pts, float)
            return float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())
        case Polyline(points=pts, thickness=t):
            p = np.asarray(pts, float)
            h = t / 2
            return (
                float(p[:, 0].min() - h),
                float(p[:, 1].min() - h),
                float(p[:, 0].max() + h),
                float(p[:, 1].max() + h),
            )
    raise TypeError(f"unknown shape {shape!r}")


def shape_area(shape: AreaShape) -> float:
    """Area in m²."""
    match shape:
        case Rect(min=lo, max=hi):
            return (hi[0] - lo[0]) * (hi[1] - lo[1])
        case Circle(radius=r):
            return float(np.pi * r * r)
        case Polygon(points=pts):
            return abs(polygon_signed_area(pts))
    raise TypeError(f"unknown shape {shape!r}")
