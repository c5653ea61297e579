"""Navigation on a grid: where to walk to reach a goal, and how far the nearest wall is.

`NavField` holds, for each goal, the walking distance from every cell (Dijkstra on an
8-connected grid, walls very expensive rather than impassable, cells hugging walls a little
more expensive so that people round corners instead of scraping them) and the unit direction
of steepest descent. `WallField` holds, for every cell of a finer grid, the centre of the
nearest wall cell, from which wall repulsion is computed exactly per person.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from sispam.sim import params, pmath
from sispam.sim.geometry import points_in_shape, shape_bounds
from sispam.sim.scenario import Circle, Polyline, Scenario, SolidShape, Vec2


@dataclass(frozen=True, slots=True)
class Grid:
    """A regular grid over the map: cell (ix, iy) covers [ix·cell, (ix+1)·cell) in x."""

    cell: float
    nx: int
    ny: int

    @classmethod
    def over(cls, size: Vec2, cell: float, max_cells: int | None = None) -> Grid:
        """A grid covering a map of `size` metres, with cells of `cell` metres, coarsened if
        needed so that it has at most `max_cells` cells (large maps stay within memory)."""
        if max_cells is not None:
            cell = max(cell, math.sqrt(size[0] * size[1] / max_cells))
        return cls(cell, max(1, math.ceil(size[0] / cell)), max(1, math.ceil(size[1] / cell)))

    def centres(self) -> np.ndarray:
        """(ny, nx, 2) cell centres."""
        xs = (np.arange(self.nx) + 0.5) * self.cell
        ys = (np.arange(self.ny) + 0.5) * self.cell
        gx, gy = np.meshgrid(xs, ys)
        return np.stack((gx, gy), axis=-1)

    def cell_of(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(iy, ix) of the cells holding the points, clipped to the grid."""
        ix = np.clip((xy[:, 0] / self.cell).astype(np.int64), 0, self.nx - 1)
        iy = np.clip((xy[:, 1] / self.cell).astype(np.int64), 0, self.ny - 1)
        return iy, ix

    def mask_of(self, shape: SolidShape, margin: float = 0.0) -> np.ndarray:
        """(ny, nx) cells whose centre lies in the shape grown by `margin`."""
        mask = np.zeros((self.ny, self.nx), dtype=bool)
        x0, y0, x1, y1 = shape_bounds(shape)
        ix0 = max(0, int((x0 - margin) / self.cell) - 1)
        iy0 = max(0, int((y0 - margin) / self.cell) - 1)
        ix1 = min(self.nx, int((x1 + margin) / self.cell) + 2)
        iy1 = min(self.ny, int((y1 + margin) / self.cell) + 2)
        if ix0 >= ix1 or iy0 >= iy1:
            return mask
        xs = (np.arange(ix0, ix1) + 0.5) * self.cell
        ys = (np.arange(iy0, iy1) + 0.5) * self.cell
        gx, gy = np.meshgrid(xs, ys)
        inside = points_in_shape(np.column_stack((gx.ravel(), gy.ravel())), shape, margin)
        mask[iy0:iy1, ix0:ix1] = inside.reshape(gy.shape)
        return mask


def blocked_cells(scenario: Scenario, grid: Grid, *, grow: bool) -> np.ndarray:
    """Cells whose centre lies in a solid obstacle.

    With `grow`, every shape is grown by half a cell diagonal (a conservative raster for route
    planning). Without it shapes keep their true size, except that a polyline thinner than a
    cell diagonal is widened just enough to leave no holes between cell centres.
    """
    diagonal_half = grid.cell * math.sqrt(0.5)
    blocked = np.zeros((grid.ny, grid.nx), dtype=bool)
    for obstacle in scenario.obstacles:
        if not obstacle.solid:
            continue
        if grow:
            margin = diagonal_half
        elif isinstance(obstacle.shape, Polyline):
            margin = max(0.0, diagonal_half - obstacle.shape.thickness / 2)
        else:
            margin = 0.0
        blocked |= grid.mask_of(obstacle.shape, margin)
    return blocked


GoalKey = tuple[str, str]  # ("zone", zone_id) or ("point", "x,y")


def goal_key_for_point(point: Vec2) -> GoalKey:
    """The key of a point goal."""
    return ("point", f"{point[0]!r},{point[1]!r}")


class NavField:
    """Walking directions towards each goal of a scenario.

    `distance` is the walking distance left to the goal, 0 anywhere inside a zone goal: who
    has entered the zone has arrived and stands (others arriving behind push him further in).
    `direction` leads into the zone's core, `ZONE_GOAL_DEPTH_M` deep, so that people who are
    pushed about inside the zone drift inwards, not out.

    Args:
        scenario: the map.
        goals: the goals people will head for, each a zone id or a point.
    """

    def __init__(self, scenario: Scenario, goals: list[GoalKey]) -> None:
        self.grid = Grid.over(scenario.size, params.NAV_CELL_M, params.NAV_MAX_CELLS)
        self.goals = list(goals)
        g = self.grid
        self.blocked = blocked_cells(scenario, g, grow=True)
        self._parts = ndimage.label(~self.blocked)[0]  # the areas of floor walls keep apart
        clearance = ndimage.distance_transform_edt(~self.blocked) * g.cell
        cost = np.where(
            self.blocked,
            params.NAV_OBSTACLE_COST,
            1.0 + params.NAV_CLEARANCE_COST * np.clip(1.0 - clearance / params.NAV_CLEARANCE_M, 0, 1),
        )
        self._scenario = scenario
        self._graph = _grid_graph(cost, g.cell)
        self._follow = _wall_following(scenario, self.blocked, g)
        self.distance = np.empty((len(goals), g.ny, g.nx), dtype=np.float32)
        self.direction = np.zeros((len(goals), g.ny, g.nx, 2), dtype=np.float32)
        for k, key in enumerate(goals):
            self.distance[k], self.direction[k] = self._field(key)

    def _field(self, key: GoalKey) -> tuple[np.ndarray, np.ndarray]:
        """Walking distance and descent direction of one goal."""
        g, scenario = self.grid, self._scenario
        targets = self._target_cells(scenario, key)
        d = dijkstra(self._graph, directed=False, indices=np.flatnonzero(targets), min_only=True)
        d = d.reshape(g.ny, g.nx)
        d[~np.isfinite(d)] = np.nanmax(np.where(np.isfinite(d), d, np.nan)) + 1.0
        direction = _descent_directions(d, targets, self.blocked)
        edge, iy, ix = self._follow
        along = direction[iy, ix]
        moving = pmath.hypot(along[:, 0], along[:, 1]) > 0.5  # not beside a goal's own cells (zero there)
        direction[edge[0][moving], edge[1][moving]] = along[moving]
        if key[0] == "zone":
            d[g.mask_of(scenario.zone(key[1]).shape)] = 0.0
        return d, direction

    def goal_index(self, key: GoalKey) -> int:
        """Index of a goal's field, computed now if no one headed there yet (added for the
        police orders that send people or teams somewhere new: disperse, evacuate). The arrays
        grow by one goal; indices already handed out stay valid."""
        if key in self.goals:
            return self.goals.index(key)
        d, direction = self._field(key)
        self.goals.append(key)
        self.distance = np.concatenate((self.distance, d[None].astype(np.float32)))
        self.direction = np.concatenate((self.direction, direction[None]))
        return len(self.goals) - 1

    def direction_at(self, goal: int, xy: np.ndarray) -> np.ndarray:
        """Walking direction towards goal `goal` at the points `xy` ((n, 2) unit vectors)."""
        iy, ix = self.grid.cell_of(np.atleast_2d(xy))
        direction: np.ndarray = self.direction[goal, iy, ix].astype(float)
        return direction

    def distance_at(self, goal: int, xy: np.ndarray) -> np.ndarray:
        """Walking distance left to goal `goal` from the points `xy` (m)."""
        iy, ix = self.grid.cell_of(np.atleast_2d(xy))
        distance: np.ndarray = self.distance[goal, iy, ix].astype(float)
        return distance

    def _target_cells(self, scenario: Scenario, key: GoalKey) -> np.ndarray:
        kind, name = key
        targets: np.ndarray
        if kind == "zone":
            zone_mask = self.grid.mask_of(scenario.zone(name).shape) & ~self.blocked
            depth = int(round(params.ZONE_GOAL_DEPTH_M / self.grid.cell))
            core = ndimage.binary_erosion(zone_mask, iterations=depth) if depth else zone_mask
            targets = core if core.any() else zone_mask
        else:
            x, y = (float(v) for v in name.split(","))
            disc = self.grid.mask_of(Circle((x, y), params.POINT_GOAL_RADIUS_M)) & ~self.blocked
            targets = _side_of(disc, self._parts, self.grid, (x, y))
        if not targets.any():  # a goal entirely inside walls: aim at its cells anyway
            iy, ix = self.grid.cell_of(np.array([_key_anchor(scenario, key)]))
            targets = np.zeros_like(self.blocked)
            targets[iy[0], ix[0]] = True
        return targets


def _side_of(cells: np.ndarray, parts: np.ndarray, grid: Grid, point: Vec2) -> np.ndarray:
    """The part of `cells` on `point`'s side of any wall. `cells` fall into patches (joined edge
    to edge); of those in each part of the floor (`parts`: the map's free cells labelled by the
    areas they join into), the patch nearest to the point is kept (and any as near, within half a
    cell: a point on a wall keeps both its sides). A point goal beside a fence then does not take
    in the floor behind it when a gate joins the two sides (the way there would lead up to the
    fence's wrong side: an arrest team sent for a man just outside the KPU fence walked up to it
    from inside), but one inside a closed fence keeps the floor outside it for those outside."""
    if not cells.any():
        return cells
    patches, count = ndimage.label(cells)
    ys, xs = np.nonzero(cells)
    far = pmath.hypot((xs + 0.5).astype(float) * grid.cell - point[0], (ys + 0.5).astype(float) * grid.cell - point[1])
    part = parts[ys, xs]
    keep = np.zeros(count + 1, dtype=bool)
    for p in np.unique(part):
        mine = part == p
        near = far[mine] <= far[mine].min() + 0.5 * grid.cell
        keep[patches[ys[mine][near], xs[mine][near]]] = True
    side: np.ndarray = keep[patches] & cells
    return side


def _key_anchor(scenario: Scenario, key: GoalKey) -> Vec2:
    kind, name = key
    if kind == "zone":
        x0, y0, x1, y1 = shape_bounds(scenario.zone(name).shape)
        return ((x0 + x1) / 2, (y0 + y1) / 2)
    x, y = (float(v) for v in name.split(","))
    return (x, y)


_NEIGHBOURS = ((0, 1), (1, 0), (1, 1), (1, -1))  # (dy, dx); the other four are their reverses


def _grid_graph(cost: np.ndarray, cell: float) -> coo_matrix:
    """Undirected 8-connected graph; an edge costs its length times the mean of its cells' costs."""
    ny, nx = cost.shape
    ids = np.arange(ny * nx).reshape(ny, nx)
    rows, cols, weights = [], [], []
    for dy, dx in _NEIGHBOURS:
        y0, y1 = max(0, -dy), ny - max(0, dy)
        x0, x1 = max(0, -dx), nx - max(0, dx)
        a = ids[y0:y1, x0:x1]
        b = ids[y0 + dy : y1 + dy, x0 + dx : x1 + dx]
        length = cell * pmath.hypot(dx, dy)
        w = length * 0.5 * (cost[y0:y1, x0:x1] + cost[y0 + dy : y1 + dy, x0 + dx : x1 + dx])
        rows.append(a.ravel())
        cols.append(b.ravel())
        weights.append(w.ravel())
    n = ny * nx
    return coo_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    ).tocsr()


def _one_sided_gradient(d: np.ndarray, blocked: np.ndarray, axis: int) -> np.ndarray:
    """Derivative of `d` along `axis` from free neighbours only: the mean of the forward and
    backward differences that stay in free cells (one-sided next to a wall, 0 if boxed in).
    A wall's huge distances must not leak into the cells beside it, or a 1 m door would point
    people at its middle instead of through it."""
    free = np.where(blocked, np.nan, d)
    pad = [(0, 0), (0, 0)]
    pad[axis] = (1, 1)
    p = np.pad(free, pad, constant_values=np.nan)
    ahead = np.take(p, np.arange(2, p.shape[axis]), axis=axis) - free
    behind = free - np.take(p, np.arange(0, p.shape[axis] - 2), axis=axis)
    both = np.stack((ahead, behind))
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        grad = np.nanmean(both, axis=0)
    gradient: np.ndarray = np.nan_to_num(grad, nan=0.0)
    return gradient


def _descent_directions(d: np.ndarray, targets: np.ndarray, blocked: np.ndarray) -> np.ndarray:
    """Unit vectors down the distance field; zero on target cells.

    In free cells: the negative gradient from free neighbours only, or towards the lowest
    neighbour where that gradient vanishes (on ridges). In wall cells: the plain gradient,
    which leads out of the wall.
    """
    gx = _one_sided_gradient(d, blocked, axis=1)
    gy = _one_sided_gradient(d, blocked, axis=0)
    wall_gy, wall_gx = np.gradient(d)
    gx = np.where(blocked, wall_gx, gx)
    gy = np.where(blocked, wall_gy, gy)
    out = np.stack((-gx, -gy), axis=-1)
    norm = pmath.hypot(out[..., 0], out[..., 1])
    flat = norm < 1e-6
    if flat.any():
        padded = np.pad(d, 1, mode="edge")
        best = np.full(d.shape, np.inf)
        best_dir = np.zeros(d.shape + (2,))
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dy == dx == 0:
                    continue
                nb = padded[1 + dy : 1 + dy + d.shape[0], 1 + dx : 1 + dx + d.shape[1]]
                better = nb < best
                best = np.where(better, nb, best)
                best_dir[better] = np.array([dx, dy]) / pmath.hypot(dx, dy)
        out[flat] = best_dir[flat]
        norm = pmath.hypot(out[..., 0], out[..., 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(norm[..., None] > 0, out / norm[..., None], 0.0)
    out[targets] = 0.0
    return out.astype(np.float32)


def _wall_following(scenario: Scenario, blocked: np.ndarray,
                    grid: Grid) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray]:
    """The wall cells that take their nearest free cell's direction (see params at
    NAV_WALL_FOLLOW_HALF_WIDTH_M): (rows, columns) of those cells, and the row and column of each
    one's nearest free cell.

    A wall cell qualifies if it touches free floor (one cell away), is no thin wall with free
    floor on opposite sides (which side's direction to take would be a guess), and that floor is
    open: somewhere within NAV_WALL_FOLLOW_WINDOW_M of its nearest free cell's centre (a square
    window) the floor lies NAV_WALL_FOLLOW_HALF_WIDTH_M from every wall and from the map's edge.
    That distance is measured on the wall field's finer raster (walls at their true size), so that
    it does not hang on how a passage lies on the navigation cells, nor on their size.
    """
    depth, (iy, ix) = ndimage.distance_transform_edt(blocked, return_indices=True)
    free = np.pad(~blocked, 1, constant_values=False)
    # Free floor on opposite sides (a one-cell staircase along a slanted fence has it too; the
    # corner of a thick wall, with floor on its diagonal neighbours, does not).
    thin = (free[2:, 1:-1] & free[:-2, 1:-1]) | (free[1:-1, :-2] & free[1:-1, 2:])
    rows, cols = np.nonzero(blocked & (depth <= 1.0) & ~thin)
    fy, fx = iy[rows, cols], ix[rows, cols]
    fine, on_walls = _wall_raster(scenario)
    walls = np.ones((fine.ny + 2, fine.nx + 2), dtype=bool)  # the map's edge counts as a wall
    walls[1:-1, 1:-1] = on_walls
    clear = (ndimage.distance_transform_edt(~walls)[1:-1, 1:-1] - 0.5) * fine.cell  # to the wall's surface
    window = 2 * int(round(params.NAV_WALL_FOLLOW_WINDOW_M / fine.cell)) + 1
    reach = ndimage.maximum_filter(clear, size=window)
    jy, jx = fine.cell_of((np.column_stack((fx, fy)) + 0.5) * grid.cell)
    keep = reach[jy, jx] >= params.NAV_WALL_FOLLOW_HALF_WIDTH_M
    return (rows[keep], cols[keep]), fy[keep], fx[keep]


def _wall_raster(scenario: Scenario) -> tuple[Grid, np.ndarray]:
    """The map on the wall field's fine raster: its grid, and the cells walls cover (at their
    true size, not grown)."""
    grid = Grid.over(scenario.size, params.WALL_CELL_M, params.WALL_MAX_CELLS)
    return grid, blocked_cells(scenario, grid, grow=False)


FAR_M = 1e9  # where the nearest wall lies on a map without walls


class WallField:
    """Nearest-wall lookup: wall repulsion (HFV2000 wall term, in `motion`) and free floor.

    Args:
        scenario: the map. Its edge stops bodies in the space (physics), but is open floor here:
            no repulsion from it (rooms drawn against the map's edge have walls that do not
            repel). Making it a wall changed the calibrated validation cases built against it:
            counterflow 150 + 150's slowest from 2.21-2.87 to 2.17-2.55 times their free time, but
            a motivated crowd's flow through 1 m to 3.00-3.01 /(m·s) (limit 3.0), December 2026.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.grid, blocked = _wall_raster(scenario)
        g = self.grid
        if not blocked.any():  # no wall at all: one far away (the transform below would find none)
            self.wall_x = np.full((g.ny, g.nx), FAR_M, np.float32)
            self.wall_y = np.full((g.ny, g.nx), FAR_M, np.float32)
            return
        border = np.ones((g.ny + 2, g.nx + 2), dtype=bool)
        border[1:-1, 1:-1] = ~blocked
        _, (iy, ix) = ndimage.distance_transform_edt(border, return_indices=True)
        # Nearest wall cell centre for every cell (the border ring lies half a cell outside).
        self.wall_x = ((ix[1:-1, 1:-1] - 1 + 0.5) * g.cell).astype(np.float32)
        self.wall_y = ((iy[1:-1, 1:-1] - 1 + 0.5) * g.cell).astype(np.float32)

    def wall_gap(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distance from each point to the nearest wall surface, and the vector from it."""
        iy, ix = self.grid.cell_of(xy)
        dx = xy[:, 0] - self.wall_x[iy, ix]
        dy = xy[:, 1] - self.wall_y[iy, ix]
        dist = pmath.hypot(dx, dy)
        return dist - 0.5 * self.grid.cell, dx, dy

    def clear_of_walls(self, xy: np.ndarray, radius: np.ndarray) -> np.ndarray:
        """Which discs of `radius` at `xy` touch no wall."""
        gap, _, _ = self.wall_gap(xy)
        return gap > radius
