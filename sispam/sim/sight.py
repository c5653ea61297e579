"""Line of sight through the walls: what a water jet reaches, where a team can walk straight.

Rays are marched through the wall field (`world.walls`, 0.1 m cells); a point behind a wall
cell is out of sight.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import pmath
from sispam.sim.jit import kernel
from sispam.sim.navigation import WallField


def blocked_at(walls: WallField, xy: np.ndarray) -> np.ndarray:
    """Which points lie in a wall cell (a cell whose nearest wall cell is itself)."""
    g = walls.grid
    iy, ix = g.cell_of(xy)
    blocked: np.ndarray = ((np.abs(walls.wall_x[iy, ix] - (ix + 0.5) * g.cell) < 0.25 * g.cell)
                           & (np.abs(walls.wall_y[iy, ix] - (iy + 0.5) * g.cell) < 0.25 * g.cell))
    return blocked


def in_sight(walls: WallField, origin: np.ndarray, targets: np.ndarray, stop_short_m: float | np.ndarray) -> np.ndarray:
    """Which targets a straight line from `origin` reaches without crossing a wall cell, up to
    `stop_short_m` before each target.

    The rays are marched by sphere tracing: each step goes as far as the distance to the nearest
    wall cell allows (at least one wall cell), so rays over open ground take a few steps and only
    rays that graze walls take many. One compiled pass (`_march`) marches every ray.
    """
    return clear_paths(walls, np.broadcast_to(origin, targets.shape), targets, stop_short_m)


def clear_paths(walls: WallField, origins: np.ndarray, targets: np.ndarray,
                stop_short_m: float | np.ndarray = 0.0) -> np.ndarray:
    """Which of the straight lines from `origins[i]` to `targets[i]` cross no wall cell, up to
    `stop_short_m` before the target: `in_sight` for many origins, in the same compiled pass."""
    to = targets - origins
    dist = pmath.hypot(to[:, 0], to[:, 1])
    unit = np.ascontiguousarray(to / np.maximum(dist, 1e-9)[:, None], dtype=np.float64)
    end = np.ascontiguousarray(dist - stop_short_m, dtype=np.float64)
    seen = np.ones(len(targets), bool)
    g = walls.grid
    _march(np.ascontiguousarray(origins, dtype=np.float64), unit, end, walls.wall_x, walls.wall_y, g.cell, g.nx, g.ny,
           seen)
    return seen


@kernel()
def _march(origin, unit, end, wall_x, wall_y, cell, nx, ny, seen):  # type: ignore[no-untyped-def]
    """March each ray r from `origin[r]` along `unit[r]` up to `end[r]`; mark `seen` False where
    it enters a wall cell. The arithmetic is `blocked_at` and `WallField.wall_gap`, point by point."""
    for r in range(unit.shape[0]):
        ox, oy = origin[r, 0], origin[r, 1]
        s = 0.0
        while s < end[r]:
            px, py = ox + unit[r, 0] * s, oy + unit[r, 1] * s
            ix = min(max(int(px / cell), 0), nx - 1)
            iy = min(max(int(py / cell), 0), ny - 1)
            wx, wy = wall_x[iy, ix], wall_y[iy, ix]
            if abs(wx - (ix + 0.5) * cell) < 0.25 * cell and abs(wy - (iy + 0.5) * cell) < 0.25 * cell:
                seen[r] = False
                break
            dx, dy = px - wx, py - wy
            gap = math.sqrt(dx * dx + dy * dy) - 0.5 * cell
            # The field gives the wall cell nearest to the point's cell: the wall may be up to 0.71
            # cell nearer the point, and its corner 0.71 cell nearer than its centre (gap counts 0.5).
            s += max(gap - 1.0 * cell, cell)
