"""Where rioters go: a navigation goal against the outline of a shop or building.

A point goal (`navigation`) is reached anywhere within `params.POINT_GOAL_RADIUS_M` of its point.
Putting the point `GOAL_INSIDE_M` inside the outline, on the side the people come from, leaves
only a strip outside the wall within that radius: people walk up to the wall there and stand
against it (the grown obstacle raster takes ~0.2 m of the strip), instead of stopping short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sispam.sim import pmath
from sispam.sim.navigation import goal_key_for_point
from sispam.sim.scenario import Circle, Polygon, Polyline, Rect, SolidShape

if TYPE_CHECKING:
    from sispam.sim.world import World

GOAL_INSIDE_M = 0.6  # the goal's point lies this far inside the wall (strip outside: ~0.2-0.9 m)


def _outline(shape: SolidShape) -> tuple[np.ndarray, bool]:
    """The vertices of a shape's outline, and whether it is closed."""
    match shape:
        case Rect(min=lo, max=hi):
            return np.array((lo, (hi[0], lo[1]), hi, (lo[0], hi[1])), float), True
        case Polygon(points=pts):
            return np.asarray(pts, float), True
        case Polyline(points=pts):
            return np.asarray(pts, float), False
    raise TypeError(f"no outline for {shape!r}")


def outline_point(shape: SolidShape, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The point of the shape's outline nearest to `xy`, and the unit vector from it towards
    `xy` (outwards when `xy` lies outside; the shape's centre side is never returned for a
    point outside)."""
    xy = np.asarray(xy, float)
    if isinstance(shape, Circle):
        c = np.asarray(shape.center, float)
        d = xy - c
        size = float(pmath.hypot(*d))
        n = d / size if size > 1e-9 else np.array((1.0, 0.0))
        return c + n * shape.radius, n
    pts, closed = _outline(shape)
    a = pts if closed else pts[:-1]
    b = np.roll(pts, -1, axis=0) if closed else pts[1:]
    ab = b - a
    t = np.clip(((xy - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12), 0.0, 1.0)
    near = a + t[:, None] * ab
    d = pmath.hypot(*(xy - near).T)
    k = int(np.argmin(d))
    out = xy - near[k]
    size = float(pmath.hypot(*out))
    if size < 1e-9:  # on the wall: outwards is the edge's normal (either side for a polyline)
        out = np.array((ab[k, 1], -ab[k, 0]))
        size = float(pmath.hypot(*out))
    return near[k], out / size


def goal_against(world: World, shape: SolidShape, xy: np.ndarray) -> tuple[int, np.ndarray]:
    """A navigation goal against the shape's wall nearest to `xy` (see the module docstring);
    returns the goal index and the point on the outline."""
    point, out = outline_point(shape, xy)
    p = point - out * GOAL_INSIDE_M
    key = goal_key_for_point((round(float(p[0]), 2), round(float(p[1]), 2)))
    return world.nav.goal_index(key), point
