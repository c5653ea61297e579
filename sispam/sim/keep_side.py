"""Keeping to one side when people come the other way: how two-way flows form lanes.

Pedestrians who see others walking towards them step aside early, and to the same side by
habit, so that counterflows sort themselves into lanes within seconds (Kretz et al. 2006;
Moussaïd, Helbing & Theraulaz 2009 measured the side preference; Zhang et al. 2012 the lanes
in a corridor). Each step the walking directions of the crowd are summed on grids; a person
who finds a flow towards him in the cells ahead turns his walking direction towards his keep
side, the more the denser that oncoming flow, up to `LANE_STEER` (the tangent of the turn).
Following people who walk one's own way needs no rule: their flow ahead cancels the oncoming
one. Two looks, and the stronger turn counts:

- **Far, at people bound elsewhere** (`LANE_LOOKAHEAD_M`, to 30 m, on a grid of `LANE_CELL_M`
  that keeps the flows of `LANE_GOAL_BUCKETS` goals apart). One sees down a corridor to its far
  end: two crowds that will meet there keep their sides before they do, instead of each filling
  the corridor and having to squeeze aside where they meet. The far look follows one's way (the
  navigation's direction at each of its points up to `LANE_ROUTE_M`, straight on from there), and
  who comes the other way is measured against one's way where he is: crossing a room towards a
  corridor's mouth, one looks through the mouth and down the corridor, not along the straight
  line across the stream coming out of it (see params at LANE_ROUTE_M for what the straight look
  did there). Those bound for one's own goal do not count as coming the other way: converging on
  a door from both sides is not meeting (nor do those of another goal in the same bucket). One
  person coming the other way in a cell on one's line already turns one fully
  (`LANE_FAR_FULL_DENSITY_PPM2`): a milder turn (0.4 or 0.8 /m²) let 150 + 150 fill the corridor
  again (mean 1.55 and 1.66 times their free time instead of 1.52).
- **Near, at anyone** (the points up to `LANE_NEAR_M`, on a grid of `LANE_NEAR_CELL_M`): the
  rule the game had before the far look, kept as it was for crowds with a single goal, whose
  calibration (bottlenecks, queues, RiMEA) rests on it.

Turning only rotates the walking direction, and someone held up by the person ahead wishes
to walk slowly (the headway, `motion`): turned, he would hardly move aside. Stepping aside
does not wait for a gap ahead, so the far look's turn is also handed to `motion` as `lane`, a
sideways step (the keep side's unit vector times the turn's tangent) that a person takes at
what the headway holds back of his free speed (`LANE_SIDE_SHARE`; nothing when he walks free or
has arrived). Without it, a dense crowd entering a corridor stood its ground, and the thin,
free-walking stream coming out of it, which does turn, gave way until it walked in single file:
150 + 150 in a 4 m corridor then took 2.3 times their free time on average (now 1.5).

Nobody keeps his side into a wall: a turn that would bring one's body against a wall
`LANE_WALL_LOOK_M` ahead (closer to it than walking on straight would) is not taken, and neither
is the far look's step aside (even where the near look's turn, the stronger, is the one the wall
stops). Without this, people crossing a room towards a corridor's mouth, who saw the stream coming
out of it, turned into the room's wall beside the mouth and stood there in a column, entering one
at a time round its corner (see params at LANE_WALL_LOOK_M).

One compiled pass over the people and the grids: no Python runs per person.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import params
from sispam.sim.jit import kernel
from sispam.sim.motion import from_wall
from sispam.sim.navigation import WallField


@kernel(inline=True)
def _cell_in(x, y, size, ny, nx):  # type: ignore[no-untyped-def]
    """(iy, ix) of the cell of an `ny` x `nx` grid of cells `size` holding (x, y), clipped to it."""
    return (min(max(int(y / size), 0), ny - 1), min(max(int(x / size), 0), nx - 1))


@kernel(inline=True)
def _cell(x, y, size, grid):  # type: ignore[no-untyped-def]
    """(iy, ix) of the cell of `grid` (rows y, columns x) holding (x, y), clipped to it."""
    return _cell_in(x, y, size, grid.shape[0], grid.shape[1])


@kernel(inline=True)
def _towards(near_flux, x, y, hx, hy, ahead, near_cell):  # type: ignore[no-untyped-def]
    """The near look at one point `ahead` m straight on from (x, y) along (hx, hy): the flow of
    walking directions in its cell that comes towards one (0 if it goes one's way)."""
    jy, jx = _cell(x + hx * ahead, y + hy * ahead, near_cell, near_flux)
    return max(0.0, -(near_flux[jy, jx, 0] * hx + near_flux[jy, jx, 1] * hy))


@kernel(inline=True)
def _into_wall(x, y, r, hx, hy, turn, look, wall_x, wall_y, wall_cell):  # type: ignore[no-untyped-def]
    """Whether turning the walking direction (hx, hy) by `turn` (a tangent, + to the left) walks a
    disc of radius r at (x, y) into a wall: `look` ahead, the turned direction's point touches a
    wall and lies closer to one than the unturned direction's point there. (One point: a fence
    thinner than the body, close beside one, can lie between him and it; checking half-way too
    put 60 + 60 over twice their free time on 11 of seeds 0-31 instead of 4.)"""
    tx, ty = hx - turn * hy, hy + turn * hx
    size = math.sqrt(tx * tx + ty * ty)
    turned = from_wall(x + tx / size * look, y + ty / size * look, wall_x, wall_y, wall_cell)[3]
    return turned < r and turned < from_wall(x + hx * look, y + hy * look, wall_x, wall_y, wall_cell)[3]


@kernel()
def _keep_side(walking, pos, radius, heading, goal, lookahead, c, flux, near_flux, lane, route,  # type: ignore[no-untyped-def]  # noqa: PLR0913
               wall_x, wall_y, wall_cell):
    cell, near_cell, near_m, full_density, far_full_density, steer, route_cell, route_m, wall_look = c
    buckets = flux.shape[2]
    n = walking.shape[0]
    used = 0  # the goal buckets anyone walks towards, as bits
    for i in range(n):
        if walking[i]:
            used |= 1 << (goal[i] % buckets)
            iy, ix = _cell(pos[i, 0], pos[i, 1], cell, flux)
            flux[iy, ix, goal[i] % buckets, 0] += heading[i, 0]
            flux[iy, ix, goal[i] % buckets, 1] += heading[i, 1]
            jy, jx = _cell(pos[i, 0], pos[i, 1], near_cell, near_flux)
            near_flux[jy, jx, 0] += heading[i, 0]
            near_flux[jy, jx, 1] += heading[i, 1]
    for i in range(n):
        lane[i, 0], lane[i, 1] = 0.0, 0.0
        if not walking[i]:
            continue
        hx, hy = heading[i, 0], heading[i, 1]
        g = goal[i]
        own = g % buckets
        oncoming, anyone, n_near = 0.0, 0.0, 0
        # With nobody bound elsewhere (the bits of the other buckets empty) the far look would see
        # nobody coming the other way (its sum would stay exactly 0): only the near look is taken.
        if (used & ~(1 << own)) == 0:
            for k in range(lookahead.shape[0]):
                if lookahead[k] <= near_m:
                    anyone += _towards(near_flux, pos[i, 0], pos[i, 1], hx, hy, lookahead[k], near_cell)
                    n_near += 1
        else:
            ry, rx = _cell_in(pos[i, 0], pos[i, 1], route_cell, route.shape[1], route.shape[2])
            # Who walks his way (his heading is the way's direction where he stands) follows it
            # with his eyes; one turned more than 60° off it (fleeing gas) looks straight ahead.
            on_way = route[g, ry, rx, 0] * hx + route[g, ry, rx, 1] * hy > 0.5
            x, y, ux, uy, looked = pos[i, 0], pos[i, 1], hx, hy, 0.0
            for k in range(lookahead.shape[0]):
                # On to the next point in the direction one will walk there: the way's, up to
                # route_m ahead, then straight on. (Steps of up to 2 m may cut a corner of the way
                # into a wall; the way's directions in wall cells lead back out.)
                step = lookahead[k] - looked
                x, y, looked = x + ux * step, y + uy * step, lookahead[k]
                if on_way and looked <= route_m:
                    ry, rx = _cell_in(x, y, route_cell, route.shape[1], route.shape[2])
                    wx, wy = route[g, ry, rx, 0], route[g, ry, rx, 1]
                    if wx * wx + wy * wy > 0.25:  # (none on the goal's own cells)
                        ux, uy = wx, wy
                iy, ix = _cell(x, y, cell, flux)
                mine = flux[iy, ix, own, 0] * ux + flux[iy, ix, own, 1] * uy
                others = 0.0
                for b in range(buckets):
                    if b != own:
                        others += flux[iy, ix, b, 0] * ux + flux[iy, ix, b, 1] * uy
                # Those bound for one's own goal never come the other way (coming towards one,
                # they converge on it with one), but walking one's way, they cancel those who do.
                oncoming += max(0.0, -(max(mine, 0.0) + others))
                if lookahead[k] <= near_m:  # the near look: straight ahead, as before the far look
                    anyone += _towards(near_flux, pos[i, 0], pos[i, 1], hx, hy, lookahead[k], near_cell)
                    n_near += 1
        w = steer * min(oncoming / (lookahead.shape[0] * cell * cell * far_full_density), 1.0)
        w_any = steer * min(anyone / (max(n_near, 1) * near_cell * near_cell * full_density), 1.0)
        if w != 0.0:
            # The keep side's perpendicular: (−hy, hx) is to the left in the map's frame (y up).
            lane[i, 0], lane[i, 1] = -w * hy, w * hx
        turn = w if abs(w) >= abs(w_any) else w_any
        if turn != 0.0 and _into_wall(pos[i, 0], pos[i, 1], radius[i], hx, hy, turn, wall_look, wall_x, wall_y, wall_cell):
            turn = 0.0  # one keeps one's side, but not into a wall
            lane[i, 0], lane[i, 1] = 0.0, 0.0
        if turn != 0.0:
            tx, ty = hx - turn * hy, hy + turn * hx
            size = math.sqrt(tx * tx + ty * ty)
            heading[i, 0], heading[i, 1] = tx / size, ty / size
    for i in range(n):  # leave the grids empty for the next step: only the cells used were touched
        if walking[i]:
            iy, ix = _cell(pos[i, 0], pos[i, 1], cell, flux)
            flux[iy, ix] = 0.0
            jy, jx = _cell(pos[i, 0], pos[i, 1], near_cell, near_flux)
            near_flux[jy, jx] = 0.0


class KeepSide:
    """The grids the walking directions are summed on, kept from step to step (and left empty
    after each), and the step aside each person is asked for (`lane`, a row per body, zero for
    everyone the far look does not turn).

    Args:
        n: how many bodies.
        size: the map's size (m).
        walls: the map's walls, which nobody keeps his side into.
    """

    def __init__(self, n: int, size: tuple[float, float], walls: WallField) -> None:
        cell = params.LANE_CELL_M
        self._walls = (walls.wall_x, walls.wall_y, float(walls.grid.cell))
        self.lane = np.zeros((n, 2))
        self._flux = np.zeros((int(size[1] / cell) + 1, int(size[0] / cell) + 1, params.LANE_GOAL_BUCKETS, 2))
        near = params.LANE_NEAR_CELL_M
        self._near_flux = np.zeros((int(size[1] / near) + 1, int(size[0] / near) + 1, 2))

    def update(self, walking: np.ndarray, pos: np.ndarray, heading: np.ndarray, goal: np.ndarray,
               route: np.ndarray, route_cell: float, radius: np.ndarray) -> None:
        """Turn the walking direction (`heading`, rows like `pos`, changed in place) of each
        person in `walking` (a row per body, true for active crowd members only, whose rows come
        first) towards his keep side where people come towards him, and set `lane` from the far
        look's turn. `goal`: each crowd member's goal index; `route`: the walking directions to
        each goal on a grid of `route_cell` (`NavField.direction`), which the far look follows;
        `radius`: each body's, to tell whether a turn walks him into a wall."""
        if walking[len(goal):].any():
            raise ValueError("only crowd members (the first len(goal) bodies) keep a side")
        steer = params.LANE_STEER if params.KEEP_SIDE == "left" else -params.LANE_STEER  # + turns left
        c = (params.LANE_CELL_M, params.LANE_NEAR_CELL_M, params.LANE_NEAR_M, params.LANE_FULL_DENSITY_PPM2,
             params.LANE_FAR_FULL_DENSITY_PPM2, steer, float(route_cell), params.LANE_ROUTE_M, params.LANE_WALL_LOOK_M)
        _keep_side(walking, pos, radius, heading, goal,
                   np.asarray(params.LANE_LOOKAHEAD_M, float), c, self._flux, self._near_flux, self.lane, route,
                   *self._walls)
