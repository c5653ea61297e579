"""Line of sight through the walls: what a water jet reaches, where a team can walk straight.

Rays are marched through the wall field (`world.walls`, 0.1 m cells); a point behind a wall
cell is out of sight.
"""

from __future__ import annotations

import numpy as np

from sispam.sim import pmath
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

    The rays are marched all at once by sphere tracing: each step goes as far as the distance to
    the nearest wall cell allows (at least one wall cell), so rays over open ground take a few
    steps and only rays that graze walls take many.
    """
    cell = walls.grid.cell
    to = targets - origin
    dist = pmath.hypot(to[:, 0], to[:, 1])
    unit = to / np.maximum(dist, 1e-9)[:, None]
    end = dist - stop_short_m
    seen = np.ones(len(targets), bool)
    s = np.zeros(len(targets))
    ray = np.flatnonzero(end > 0)
    while len(ray):
        p = origin + unit[ray] * s[ray, None]
        blocked = blocked_at(walls, p)
        seen[ray[blocked]] = False
        gap, _, _ = walls.wall_gap(p)
        # The field gives the wall cell nearest to the point's cell: the wall may be up to 0.71
        # cell nearer the point, and its corner 0.71 cell nearer than its centre (gap counts 0.5).
        s[ray] += np.maximum(gap - 1.0 * cell, cell)
        ray = ray[~blocked & (s[ray] < end[ray])]
    return seen
