"""Putting arriving crowd members on the map: a free spot in their spawn zone, or wait.

Spots are drawn from the zone's free cells of the wall grid (uniformly within a cell), so a
thin or mostly built-over zone costs no more than an open one. Each step, a zone takes at most
as many proposals as it has room for, and a spot is refused if it touches a wall, a person
already there, or an earlier proposal of the same step (the later one waits).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.spatial import cKDTree

from sispam.sim import params
from sispam.sim.geometry import points_in_shape, shape_bounds
from sispam.sim.navigation import WallField
from sispam.sim.scenario import Zone

CLEARANCE_M = 0.02
ROUNDS = 4


class Spawner:
    """Finds spots for arriving people.

    Args:
        zones: the scenario's zones (people name theirs by index).
        walls: the wall field, whose grid and wall distances decide where there is floor.
        rng: the world's generator.
    """

    def __init__(self, zones: tuple[Zone, ...], walls: WallField, rng: np.random.Generator) -> None:
        self._zones = list(zones)
        self._walls = walls
        self._rng = rng
        self._floor: dict[int, np.ndarray] = {}

    def add_zone(self, zone: Zone) -> int:
        """Another area to place people in (not one of the scenario's); returns its index."""
        self._zones.append(zone)
        return len(self._zones) - 1

    def _floor_cells(self, zone: int) -> np.ndarray:
        """Centres of the wall-grid cells inside the zone that are not inside a wall."""
        if zone not in self._floor:
            grid = self._walls.grid
            mask = grid.mask_of(self._zones[zone].shape)
            iy, ix = np.nonzero(mask)
            centres = np.column_stack(((ix + 0.5) * grid.cell, (iy + 0.5) * grid.cell))
            self._floor[zone] = centres[self._walls.clear_of_walls(centres, np.zeros(len(centres)))]
        return self._floor[zone]

    def place(self, waiting: np.ndarray, zone_of: np.ndarray, radius: np.ndarray,
              present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Spots for some of the `waiting` people.

        Args:
            waiting: indices of people due to arrive.
            zone_of: spawn zone index of each of them.
            radius: body radius of each of them.
            present: (m, 2) positions of everyone already on the map.

        Returns:
            The indices placed and their positions, in the order to create them.
        """
        widest = params.CROWD_RADIUS_RANGE_M[1]
        placed_idx: list[np.ndarray] = []
        placed_xy: list[np.ndarray] = []
        for zone in np.unique(zone_of):
            floor = self._floor_cells(int(zone))
            sel = np.flatnonzero(zone_of == zone)
            room = max(1, int(len(floor) * self._walls.grid.cell * self._walls.grid.cell / (math.pi * widest * widest)))
            sel = sel[:room]
            if len(floor) == 0 or len(sel) == 0:
                continue
            x0, y0, x1, y1 = shape_bounds(self._zones[int(zone)].shape)
            reach = 2 * widest + CLEARANCE_M
            near = present[(present[:, 0] > x0 - reach) & (present[:, 0] < x1 + reach)
                           & (present[:, 1] > y0 - reach) & (present[:, 1] < y1 + reach)]
            taken = np.empty((0, 2))
            for _ in range(ROUNDS):
                if len(sel) == 0:
                    break
                cells = floor[self._rng.integers(0, len(floor), len(sel))]
                cand = cells + self._rng.uniform(-0.5, 0.5, (len(sel), 2)) * self._walls.grid.cell
                r = radius[sel]
                ok = points_in_shape(cand, self._zones[int(zone)].shape)
                ok &= self._walls.clear_of_walls(cand, r + CLEARANCE_M)
                others = np.vstack((near, taken))
                if len(others):
                    dist, _ = cKDTree(others).query(cand, k=1)
                    ok &= dist > r + widest + CLEARANCE_M
                live = np.flatnonzero(ok)
                if len(live) > 1:
                    clash = cKDTree(cand[live]).query_pairs(reach, output_type="ndarray")
                    ok[live[np.unique(clash.max(axis=1))]] = False  # the later proposal waits
                placed_idx.append(waiting[sel[ok]])
                placed_xy.append(cand[ok])
                taken = np.vstack((taken, cand[ok]))
                sel = sel[~ok]
        if not placed_idx:
            return np.empty(0, np.int64), np.empty((0, 2))
        return np.concatenate(placed_idx), np.vstack(placed_xy)
