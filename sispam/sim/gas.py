"""Tear gas (CS) clouds on a grid: released by canisters, carried by the wind, spread by
turbulence, thinned over time, stopped by walls; and what the gas does to the people in it.

The field holds the mass of CS over each cell of a `GAS_CELL_M` grid, mixed evenly up to
`MIXING_HEIGHT_M` above the ground, so the concentration a person breathes is
mass / (cell² · mixing height). Every `UPDATE_EVERY_STEPS` steps the mass is advanced by a
conservative finite-volume scheme (vectorised over cells, sub-stepped to stay stable):

- advection by the scenario's wind (first-order upwind): mass carried over the map's border
  leaves the map;
- diffusion with a horizontal eddy diffusivity of `EDDY_DIFFUSIVITY_M2_S` = 1 m²/s, the value
  Richardson's 4/3 law (K ≈ 0.2·L^(4/3) cm²/s, Richardson 1926) gives for eddies of ~30 m, the
  size of a street cloud;
- first-order loss with a half-life of `HALF_LIFE_S` = 2 min, standing for what a 2D model
  cannot show: the cloud rising out of the breathing zone and CS settling on the ground. CS is
  "non-persistent" in the open (US Army FM 3-11.11): clouds clear within minutes; with a 2 min
  half-life 90 % is gone after 7 min even in still air;
- no flux across a face next to a cell whose centre lies in a solid obstacle: buildings and
  walls stop the gas (open gates do not).

A salvo is `CANISTERS_PER_SALVO` burning-type canisters landing around the aim point, each
giving `CS_PER_CANISTER_G` = 100 g of CS over `BURN_S` = 20 s (the order of US M7A3/M47-type
grenades, which burn 15-35 s; Indonesian Pindad rounds are not published in detail).

Effects, every step while there is gas, on the person's current cell:
- crowd members accumulate `crowd.gas_dose` (concentration × time, mg·s/m³);
- crowd members at or above `FLEE_THRESHOLD_MG_M3` = 2 mg/m³ flee: for the next `FLEE_HOLD_S`
  they walk down the concentration gradient, faster than they would walk (`motion` reads
  `crowd.flee_s` and `crowd.flee`). 2 mg/m³ is NIOSH's IDLH for CS: 2-10 mg/m³ for 2 minutes
  was "intolerable" to 6 of 15 volunteers, above 10 mg/m³ intolerable within 30 s (NIOSH IDLH
  documentation, 1994, citing US Army 1961 and Punte et al. 1963);
- officers without a gas mask (`UnitSpec.gas_mask` false) at or above the threshold hold with
  `UNMASKED_HOLD_FACTOR` of their hold force (eyes shut, coughing: CS incapacitates within
  20-60 s, 12-20 mg/m³ median incapacitating concentration) and accumulate
  `officers.gas_dose`; masked officers neither;
- everyone fleeing gas is touched (force ladder) by the most recent salvo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import ndimage

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.navigation import Grid, blocked_cells
from sispam.sim.scenario import Scenario

if TYPE_CHECKING:
    from sispam.sim.world import World

GAS_CELL_M = 1.0
GAS_MAX_CELLS = 250_000  # larger maps get coarser gas cells (2 m at 1 km x 1 km)
MIXING_HEIGHT_M = 3.0
EDDY_DIFFUSIVITY_M2_S = 1.0
HALF_LIFE_S = 120.0
UPDATE_EVERY_STEPS = 4
CANISTERS_PER_SALVO = 3
CS_PER_CANISTER_G = 100.0
BURN_S = 20.0
CANISTER_SCATTER_M = 2.0  # canisters of a salvo land this far from the aim point
FLEE_THRESHOLD_MG_M3 = 2.0
FLEE_HOLD_S = 5.0
UNMASKED_HOLD_FACTOR = 0.5
# Once no canister burns and nowhere is the gas above this (mg/m³), the field is cleared: far
# below anything that makes people flee (about 20 minutes after a salvo in still air).
EMPTY_MG_M3 = 0.01


@dataclass(slots=True)
class Source:
    """A burning canister: cell, emission rate (mg/s), when it burns out, the order it belongs to."""

    iy: int
    ix: int
    rate_mg_s: float
    until_s: float
    issued: Any


class GasField:
    """The CS over the map.

    Attributes:
        grid: the cells.
        mass_mg: (ny, nx) CS over each cell (mg).
        free: (ny, nx) cells not inside a solid obstacle.
        released_mg, lost_mg: totals released and lost (decay and the map's border).
    """

    def __init__(self, scenario: Scenario) -> None:
        self.grid = Grid.over(scenario.size, GAS_CELL_M, GAS_MAX_CELLS)
        g = self.grid
        self.free = ~blocked_cells(scenario, g, grow=False)
        self.mass_mg = np.zeros((g.ny, g.nx))
        self.wind = np.asarray(scenario.wind_mps, float)
        # Faces between two free cells let gas through: open_x[:, j] is the face j | j+1.
        self._open_x = (self.free[:, 1:] & self.free[:, :-1]).astype(float)
        self._open_y = (self.free[1:, :] & self.free[:-1, :]).astype(float)
        # The same padded with closed faces around the map: the faces west and east of cell ix
        # are _open_px[:, ix] and _open_px[:, ix + 1].
        self._open_px = np.pad(self._open_x > 0, ((0, 0), (1, 1)))
        self._open_py = np.pad(self._open_y > 0, ((1, 1), (0, 0)))
        _, self._nearest_free = ndimage.distance_transform_edt(~self.free, return_indices=True)
        self.sources: list[Source] = []
        self.released_mg = 0.0
        self._last_issued: Any = None
        self._empty = True

    # --- releasing ------------------------------------------------------------------------

    def release(self, world: World, point: tuple[float, float], issued: Any = None) -> None:
        """A salvo lands around `point` now: `CANISTERS_PER_SALVO` canisters start burning."""
        g = self.grid
        angles = world.rng.uniform(0.0, 2 * math.pi, CANISTERS_PER_SALVO)
        radii = CANISTER_SCATTER_M * np.sqrt(world.rng.uniform(0.0, 1.0, CANISTERS_PER_SALVO))
        xy = np.asarray(point, float) + np.column_stack((pmath.cos(angles), pmath.sin(angles))) * radii[:, None]
        iy, ix = g.cell_of(xy)
        for y, x in zip(iy, ix, strict=True):
            # A canister that lands on a roof or in a wall rolls off into the nearest open cell.
            fy, fx = int(self._nearest_free[0, y, x]), int(self._nearest_free[1, y, x])
            self.sources.append(Source(fy, fx, CS_PER_CANISTER_G * 1000.0 / BURN_S, world.t + BURN_S, issued))
        self._last_issued = issued
        self._empty = False

    # --- the field ------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        """No gas and no burning canister."""
        return self._empty

    def total_mg(self) -> float:
        """CS on the map now (mg)."""
        return float(self.mass_mg.sum())

    def concentration(self) -> np.ndarray:
        """(ny, nx) concentration in the breathing zone (mg/m³)."""
        return self.mass_mg / ((self.grid.cell * self.grid.cell) * MIXING_HEIGHT_M)

    def centre_of_mass(self) -> np.ndarray:
        """Centre of the gas (m)."""
        c = self.grid.centres()
        m = self.mass_mg
        mean: np.ndarray = (c * m[..., None]).sum(axis=(0, 1)) / max(m.sum(), 1e-300)
        return mean

    def advance(self, t: float, dt: float) -> None:
        """Emit, carry, spread and thin the gas over `dt` seconds ending at time `t`."""
        cell = self.grid.cell
        u, v = self.wind
        courant = max(abs(u), abs(v)) * dt / cell
        fourier = EDDY_DIFFUSIVITY_M2_S * dt / (cell * cell)
        n = max(1, math.ceil(courant / 0.5), math.ceil(fourier / 0.2))
        h = dt / n
        m = self.mass_mg
        for s in self.sources:
            burning = min(dt, max(0.0, s.until_s - (t - dt)))
            m[s.iy, s.ix] += s.rate_mg_s * burning
            self.released_mg += s.rate_mg_s * burning
        self.sources = [s for s in self.sources if s.until_s > t]
        keep = pmath.power(0.5, h / HALF_LIFE_S)
        for _ in range(n):
            m = _advect(m, u * h / cell, self._open_x, axis=1)
            m = _advect(m, v * h / cell, self._open_y, axis=0)
            k = EDDY_DIFFUSIVITY_M2_S * h / (cell * cell)
            fx = k * self._open_x * (m[:, :-1] - m[:, 1:])
            fy = k * self._open_y * (m[:-1, :] - m[1:, :])
            m[:, :-1] -= fx
            m[:, 1:] += fx
            m[:-1, :] -= fy
            m[1:, :] += fy
            m *= keep
        if not self.sources and m.max() < EMPTY_MG_M3 * (cell * cell) * MIXING_HEIGHT_M:
            m[:] = 0.0
            self._empty = True
        self.mass_mg = m

    def sample(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Concentration (mg/m³) at points and the gradient there ((k, 2), mg/m³ per m).

        The gradient is a central difference in which a neighbour behind a closed face counts
        as equal to the cell itself, so walls do not look like sources or sinks."""
        g = self.grid
        c = self.mass_mg
        iy, ix = g.cell_of(xy)
        here = c[iy, ix]
        ex, wx = np.minimum(ix + 1, g.nx - 1), np.maximum(ix - 1, 0)
        ny_, sy = np.minimum(iy + 1, g.ny - 1), np.maximum(iy - 1, 0)
        east = np.where(self._open_px[iy, ix + 1], c[iy, ex], here)
        west = np.where(self._open_px[iy, ix], c[iy, wx], here)
        north = np.where(self._open_py[iy + 1, ix], c[ny_, ix], here)
        south = np.where(self._open_py[iy, ix], c[sy, ix], here)
        per_mg = 1.0 / ((g.cell * g.cell) * MIXING_HEIGHT_M)
        grad = np.column_stack((east - west, north - south)) * (per_mg / (2 * g.cell))
        return here * per_mg, grad

    # --- effects --------------------------------------------------------------------------

    def update(self, world: World) -> None:
        """Once per step, before forces: advance the field every few steps, then let the gas act
        on everyone in it (nothing to do while the map is clear)."""
        # Whoever flees (gas, or a water cannon's jet) keeps at it for a while after leaving it.
        world.crowd.flee_s[:] = np.maximum(world.crowd.flee_s - world.dt, 0.0)
        if self._empty:
            return
        if world.step_count % UPDATE_EVERY_STEPS == 0:
            self.advance(world.t + UPDATE_EVERY_STEPS * world.dt, UPDATE_EVERY_STEPS * world.dt)
        if self._empty:  # the air has cleared: nobody flees or coughs any more
            world.crowd.flee_s[:] = 0.0
            world.officers.hold_scale[:] = 1.0
            return
        self._expose(world)

    def _expose(self, world: World) -> None:
        b, crowd, o, dt = world.bodies, world.crowd, world.officers, world.dt
        nc = b.n_crowd
        people = np.flatnonzero(b.state[:nc] == BodyState.ACTIVE)
        if len(people):
            conc, grad = self.sample(b.pos[people])
            crowd.gas_dose[people] += conc * dt
            inside = conc >= FLEE_THRESHOLD_MG_M3
            fleeing = people[inside]
            crowd.flee_s[fleeing] = FLEE_HOLD_S
            down = -grad[inside]
            size = pmath.hypot(down[:, 0], down[:, 1])
            turn = size > 1e-9  # where the gas is flat, keep the last direction
            crowd.flee[fleeing[turn]] = down[turn] / size[turn, None]
            if len(fleeing) and self._last_issued is not None:
                world.command.touch(self._last_issued, fleeing)
        officers = np.flatnonzero((b.state[nc:] == BodyState.ACTIVE) & ~o.gas_mask)
        o.hold_scale[:] = 1.0
        if len(officers):
            conc, _ = self.sample(b.pos[nc + officers])
            o.gas_dose[officers] += conc * dt
            o.hold_scale[officers[conc >= FLEE_THRESHOLD_MG_M3]] = UNMASKED_HOLD_FACTOR


def _advect(m: np.ndarray, courant: float, open_faces: np.ndarray, axis: int) -> np.ndarray:
    """Upwind transport of `m` by `courant` cells along `axis` (|courant| ≤ 1); mass stays put
    at closed faces and leaves the map across its border."""
    if courant == 0.0:
        return m
    out = m.copy()
    moved = m * abs(courant)
    if axis == 1:
        if courant > 0:
            flux = moved[:, :-1] * open_faces
            out[:, :-1] -= flux
            out[:, 1:] += flux
            out[:, -1] -= moved[:, -1]
        else:
            flux = moved[:, 1:] * open_faces
            out[:, 1:] -= flux
            out[:, :-1] += flux
            out[:, 0] -= moved[:, 0]
    else:
        if courant > 0:
            flux = moved[:-1, :] * open_faces
            out[:-1, :] -= flux
            out[1:, :] += flux
            out[-1, :] -= moved[-1, :]
        else:
            flux = moved[1:, :] * open_faces
            out[1:, :] -= flux
            out[:-1, :] += flux
            out[0, :] -= moved[0, :]
    return out
