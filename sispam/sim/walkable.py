"""The walkable area of a map: its rectangle minus the solid obstacles, as a polygon with holes.

Analysis tools (PedPy) want the area as one valid polygon in WKT. Obstacles may overlap, touch
the map's edge or each other, and close off pockets nobody can reach, so the area is not built by
clipping shapes: it is traced on a grid of `CELL_M` cells. A cell is walkable when its centre
lies in no solid obstacle (a wall thinner than a cell diagonal is widened to one, so that no
gap opens between cell centres). Where two walkable cells meet only at a corner, one of them is
taken out: every ring of the outline is then simple and no two rings touch. Of the walkable
cells the largest edge-connected region is kept (a closed-off pocket is no part of it); its
outline runs along cell edges, with the region on the left: the outer ring counter-clockwise,
the holes clockwise, each ring from its lowest corner (south, then west) for a stable text.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from sispam.sim import pmath
from sispam.sim.geometry import points_in_shape, shape_bounds
from sispam.sim.scenario import Polyline, Scenario

CELL_M = 0.1  # the outline's resolution: fine beside a body's 0.4 m


def walkable_cells(scenario: Scenario, cell_m: float = CELL_M) -> tuple[np.ndarray, float, float]:
    """The (ny, nx) mask of walkable cells, and the cell width and height (m).

    The cells divide the map exactly: their width and height are within a hair of `cell_m`.
    """
    width, height = scenario.size
    nx, ny = max(1, round(width / cell_m)), max(1, round(height / cell_m))
    cx, cy = width / nx, height / ny
    half_diagonal = 0.5 * float(pmath.hypot(cx, cy))
    walkable = np.ones((ny, nx), dtype=bool)
    for obstacle in scenario.obstacles:
        if not obstacle.solid:
            continue
        shape = obstacle.shape
        margin = max(0.0, half_diagonal - shape.thickness / 2) if isinstance(shape, Polyline) else 0.0
        x0, y0, x1, y1 = shape_bounds(shape)
        ix0, ix1 = max(0, int((x0 - margin) / cx) - 1), min(nx, int((x1 + margin) / cx) + 2)
        iy0, iy1 = max(0, int((y0 - margin) / cy) - 1), min(ny, int((y1 + margin) / cy) + 2)
        if ix0 >= ix1 or iy0 >= iy1:
            continue
        gx, gy = np.meshgrid((np.arange(ix0, ix1) + 0.5) * cx, (np.arange(iy0, iy1) + 0.5) * cy)
        inside = points_in_shape(np.column_stack((gx.ravel(), gy.ravel())), shape, margin)
        walkable[iy0:iy1, ix0:ix1] &= ~inside.reshape(gx.shape)
    return walkable, cx, cy


def _without_corner_contacts(mask: np.ndarray) -> np.ndarray:
    """`mask` with one cell of every pair that meets only at a corner taken out, until none is
    left (each pass takes cells out, so it ends)."""
    mask = mask.copy()
    while True:
        p = np.pad(mask, 1)
        a, b, c, d = p[:-1, :-1], p[:-1, 1:], p[1:, :-1], p[1:, 1:]  # a b / c d in each 2×2 window
        lone_ad = a & d & ~b & ~c
        lone_bc = b & c & ~a & ~d
        if not (lone_ad.any() or lone_bc.any()):
            return mask
        # Window (r, k) of the padded mask has cell a at (r - 1, k - 1) and b at (r - 1, k).
        r, k = np.nonzero(lone_ad)
        mask[r - 1, k - 1] = False
        r, k = np.nonzero(lone_bc)
        mask[r - 1, k] = False


def _largest_region(mask: np.ndarray) -> np.ndarray:
    """The largest edge-connected region of `mask` (the first in row order of equals)."""
    labels, count = ndimage.label(mask)  # the default structure joins cells across edges only
    walkable: np.ndarray
    if count <= 1:
        walkable = labels == 1
        return walkable
    sizes = np.bincount(labels.ravel())[1:]
    walkable = labels == int(np.argmax(sizes)) + 1
    return walkable


def _rings(region: np.ndarray) -> list[list[tuple[int, int]]]:
    """Closed outlines of `region` as corner points (ix, iy), the region on each one's left,
    without points along a straight run; the outer ring first, then the holes, each from its
    lowest corner."""
    ny, nx = region.shape
    p = np.pad(region, 1)
    inner = p[1:-1, 1:-1]
    # Each boundary edge, from corner to corner: (from_x, from_y, to_x, to_y) per cell (iy, ix).
    edges = []
    for outside, start, end in (
        (~p[:-2, 1:-1], (0, 0), (1, 0)),  # south side, eastward
        (~p[2:, 1:-1], (1, 1), (0, 1)),  # north side, westward
        (~p[1:-1, :-2], (0, 1), (0, 0)),  # west side, southward
        (~p[1:-1, 2:], (1, 0), (1, 1)),  # east side, northward
    ):
        iy, ix = np.nonzero(inner & outside)
        edges.append(np.column_stack((ix + start[0], iy + start[1], ix + end[0], iy + end[1])))
    all_edges = np.concatenate(edges)
    stride = nx + 1
    following = dict(zip((all_edges[:, 1] * stride + all_edges[:, 0]).tolist(),
                         (all_edges[:, 3] * stride + all_edges[:, 2]).tolist(), strict=True))
    rings = []
    for first in sorted(following):  # the lowest corner (south, then west) left on a new ring
        if first not in following:
            continue
        ring = [first]
        at = following.pop(first)
        while at != first:
            ring.append(at)
            at = following.pop(at)
        points = [(key % stride, key // stride) for key in ring]
        rings.append(_corners_only(points))
    rings.sort(key=lambda ring: -_signed_area(ring))  # the one counter-clockwise ring first
    return rings


def _corners_only(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The points of a closed ring where it turns; the first kept point is the ring's first
    corner from the start."""
    n = len(points)
    kept = []
    for k in range(n):
        (ax, ay), (bx, by), (cx, cy) = points[k - 1], points[k], points[(k + 1) % n]
        if (bx - ax) * (cy - by) - (by - ay) * (cx - bx) != 0:
            kept.append(points[k])
    return kept


def _signed_area(ring: list[tuple[int, int]]) -> float:
    xs = np.array([x for x, _ in ring], float)
    ys = np.array([y for _, y in ring], float)
    return 0.5 * float(np.sum(xs * np.roll(ys, -1)) - np.sum(np.roll(xs, -1) * ys))


def walkable_rings(scenario: Scenario, cell_m: float = CELL_M) -> list[np.ndarray]:
    """The walkable area's outline: the outer ring, then the holes, each an (m, 2) array of
    corner points in metres (not repeating the first). The whole map's rectangle when no cell
    is walkable."""
    mask, cx, cy = walkable_cells(scenario, cell_m)
    region = _largest_region(_without_corner_contacts(mask))
    if not region.any():
        w, h = scenario.size
        return [np.array([(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)])]
    return [np.array(ring, float) * (cx, cy) for ring in _rings(region)]


def _number(value: float) -> str:
    """A coordinate to the millimetre, without trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def walkable_area_wkt(scenario: Scenario, cell_m: float = CELL_M) -> str:
    """The walkable area as a WKT `POLYGON ((outer ring), (hole), ...)`, each ring closed."""
    parts = []
    for ring in walkable_rings(scenario, cell_m):
        closed = [*ring, ring[0]]
        parts.append("(" + ", ".join(f"{_number(x)} {_number(y)}" for x, y in closed) + ")")
    return "POLYGON (" + ", ".join(parts) + ")"
