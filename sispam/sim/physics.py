"""The pymunk space: its settings, collision types and the static geometry of the map."""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import IntEnum, IntFlag

import pymunk
from pymunk.autogeometry import convex_decomposition

from sispam.sim import params, pmath
from sispam.sim.geometry import polygon_signed_area
from sispam.sim.scenario import Circle, Polygon, Polyline, Rect, Scenario

WALL_FRICTION = 0.5
BORDER_THICKNESS_M = 0.5
# Long segments are cut into pieces: a segment's bounding box is what the broad phase tests,
# and one spanning the map would be tested against every body every step.
MAX_SEGMENT_M = 4.0


class CollisionType(IntEnum):
    """pymunk collision types, one per body class."""

    STATIC = 1
    CROWD = 2
    OFFICER = 3


class Category(IntFlag):
    """Collision categories (pymunk shape filters). Two shapes collide when each one's
    category is in the other's mask."""

    STATIC = 1
    CROWD = 2
    OFFICER = 4
    SHIELD = 8  # on an officer's body, in front of him
    ROPE = 16  # the tali Dalmas between two officers
    PASSING = 32  # officers passing through other units' lines, and the man a snatch team holds
    LYING = 64  # a crowd member lying injured: only walls and other lying people touch him


EVERYTHING = (Category.STATIC | Category.CROWD | Category.OFFICER | Category.SHIELD | Category.ROPE
              | Category.PASSING)  # everything standing: not LYING
# What each category collides with. Shields never touch shields: neighbours' shields overlap
# at the edges, and a rear rank's shields rest on the front rank's backs, not on its shields. The
# rope is held between two officers: only the crowd pushes on it.
MASKS = {
    Category.STATIC: EVERYTHING | Category.LYING,
    Category.CROWD: EVERYTHING,
    Category.OFFICER: EVERYTHING,
    Category.SHIELD: EVERYTHING & ~Category.SHIELD,
    Category.ROPE: Category.CROWD,
    Category.PASSING: EVERYTHING,
    Category.LYING: Category.STATIC | Category.LYING,
}
# Officers passing through another unit's line (the relieved unit in lapis/lintas ganti, a snatch
# team going out and coming back, with the man it holds) touch nothing else of the police: only
# the crowd, the walls, and each other, so a team still moves as a body through the crowd.
PASSING_MASK = Category.STATIC | Category.CROWD | Category.PASSING


# Inside another unit's line the line opens round a passing team: there the team, and the man it
# holds, push no crowd member (who would otherwise be squeezed through the line with it).
IN_LINE_MASK = Category.STATIC | Category.PASSING


def in_line_filter(category: Category) -> pymunk.ShapeFilter:
    """The filter of a passing officer's body (category OFFICER) or a held man's (CROWD) while
    they are inside another unit's line."""
    if category is Category.OFFICER:
        category = Category.PASSING
    return pymunk.ShapeFilter(categories=int(category), mask=int(IN_LINE_MASK))


def shape_filter(category: Category, passing: bool = False) -> pymunk.ShapeFilter:
    """The filter of a shape of `category`; `passing` for officers passing through a line (their
    bodies then take the PASSING category; a shield keeps its own and meets no one but the crowd)."""
    if not passing:
        return pymunk.ShapeFilter(categories=int(category), mask=int(MASKS[category]))
    if category is Category.OFFICER:
        category = Category.PASSING
    return pymunk.ShapeFilter(categories=int(category), mask=int(MASKS[category] & PASSING_MASK))


def make_space() -> pymunk.Space:
    """A top-down space: no gravity (ground friction is modelled per body), one thread
    (the threaded solver breaks bit-determinism), no sleeping (it reorders batch rows)."""
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.iterations = params.SOLVER_ITERATIONS
    space.collision_slop = params.COLLISION_SLOP_M
    space.damping = 1.0
    return space


def convex_pieces(points: tuple[tuple[float, float], ...]) -> list[list[tuple[float, float]]]:
    """Split a simple polygon into convex pieces (pymunk.Poly takes only convex outlines)."""
    pts = list(points)
    if polygon_signed_area(pts) < 0:
        pts.reverse()  # convex_decomposition wants counter-clockwise
    closed = [*pts, pts[0]]
    pieces = convex_decomposition(closed, 0.0)
    return [[(p.x, p.y) for p in piece] for piece in pieces]


def add_static_geometry(space: pymunk.Space, scenario: Scenario) -> None:
    """Add every solid obstacle, and a wall around the map, to the space's static body."""
    body = space.static_body
    shapes: list[pymunk.Shape] = []
    for obstacle in scenario.obstacles:
        if not obstacle.solid:
            continue
        match obstacle.shape:
            case Rect(min=lo, max=hi):
                shapes.append(pymunk.Poly(body, [lo, (hi[0], lo[1]), hi, (lo[0], hi[1])]))
            case Circle(center=c, radius=r):
                shapes.append(pymunk.Circle(body, r, c))
            case Polygon(points=pts):
                shapes += [pymunk.Poly(body, piece) for piece in convex_pieces(pts)]
            case Polyline(points=pts, thickness=t):
                shapes += _segments(body, pts, t / 2)
    w, h = scenario.size
    r = BORDER_THICKNESS_M / 2
    corners = [(-r, -r), (w + r, -r), (w + r, h + r), (-r, h + r), (-r, -r)]
    shapes += _segments(body, corners, r)
    for shape in shapes:
        shape.friction = WALL_FRICTION
        shape.collision_type = CollisionType.STATIC
        shape.filter = shape_filter(Category.STATIC)
    space.add(*shapes)


def _segments(body: pymunk.Body, points: Sequence[tuple[float, float]], radius: float) -> list[pymunk.Segment]:
    """Segments along a polyline, each at most `MAX_SEGMENT_M` long."""
    out = []
    for a, b in zip(points, points[1:], strict=False):
        pieces = max(1, math.ceil(pmath.distance(a, b) / MAX_SEGMENT_M))
        for k in range(pieces):
            p = (a[0] + (b[0] - a[0]) * k / pieces, a[1] + (b[1] - a[1]) * k / pieces)
            q = (a[0] + (b[0] - a[0]) * (k + 1) / pieces, a[1] + (b[1] - a[1]) * (k + 1) / pieces)
            out.append(pymunk.Segment(body, p, q, radius))
    return out
