"""Keeping to one side when people come the other way: how two-way flows form lanes.

Pedestrians who see others walking towards them step aside early, and to the same side by
habit, so that counterflows sort themselves into lanes within seconds (Kretz et al. 2006;
Moussaïd, Helbing & Theraulaz 2009 measured the side preference; Zhang et al. 2012 the lanes
in a corridor). Each step the walking directions of the crowd are summed on a coarse grid; a
person who finds a net flow towards him in the cells ahead (`LANE_LOOKAHEAD_M`) turns his
walking direction towards his keep side, the more the denser that oncoming flow, up to
`LANE_STEER` (the tangent of the turn). Following people who walk one's own way needs no rule:
their flow ahead cancels the oncoming one.

One compiled pass over the people and the grid: no Python runs per person.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import params
from sispam.sim.jit import kernel


@kernel()
def _keep_side(walking, pos, heading, cell, nx, ny, lookahead, full_density, steer, side):  # type: ignore[no-untyped-def]
    flux = np.zeros((ny, nx, 2))
    n = walking.shape[0]
    for i in range(n):
        if walking[i]:
            ix = min(max(int(pos[i, 0] / cell), 0), nx - 1)
            iy = min(max(int(pos[i, 1] / cell), 0), ny - 1)
            flux[iy, ix, 0] += heading[i, 0]
            flux[iy, ix, 1] += heading[i, 1]
    area = cell * cell
    for i in range(n):
        if not walking[i]:
            continue
        hx, hy = heading[i, 0], heading[i, 1]
        oncoming = 0.0
        for k in range(lookahead.shape[0]):
            ix = min(max(int((pos[i, 0] + hx * lookahead[k]) / cell), 0), nx - 1)
            iy = min(max(int((pos[i, 1] + hy * lookahead[k]) / cell), 0), ny - 1)
            oncoming += max(0.0, -(flux[iy, ix, 0] * hx + flux[iy, ix, 1] * hy))
        w = steer * min(oncoming / (lookahead.shape[0] * area * full_density), 1.0)
        if w > 0.0:
            # The keep side's perpendicular: (−hy, hx) is to the left in the map's frame (y up).
            x, y = hx - side * w * hy, hy + side * w * hx
            size = math.sqrt(x * x + y * y)
            heading[i, 0], heading[i, 1] = x / size, y / size


def keep_side(walking: np.ndarray, pos: np.ndarray, heading: np.ndarray, size: tuple[float, float]) -> None:
    """Turn the walking direction (`heading`, rows like `pos`, changed in place) of each person
    in `walking` towards his keep side where people come towards him."""
    cell = params.LANE_CELL_M
    nx, ny = int(size[0] / cell) + 1, int(size[1] / cell) + 1
    side = 1.0 if params.KEEP_SIDE == "left" else -1.0
    _keep_side(walking, pos, heading, cell, nx, ny, np.asarray(params.LANE_LOOKAHEAD_M, float),
               params.LANE_FULL_DENSITY_PPM2, params.LANE_STEER, side)
