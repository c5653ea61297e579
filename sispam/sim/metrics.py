"""What is measured every step: contact loads, line loads, density, crowd pressure.

Contact force comes from pymunk's arbiter impulses (force = impulse / dt). A person's
compressive load is the sum of the normal contact forces on him, the standard crush measure.
Local density and the local velocity field come from the pair pass in `neighbours`; crowd
pressure (density times the variance in time of that field at a place, Helbing, Johansson &
Al-Abideen 2007, at people pressed into the crowd) is taken here. Both are evaluated at every
person and kept as per-cell peaks on a grid. Velocities are averaged over `VELOCITY_SMOOTHING_S` first, so that the step-to-step
jitter of rigid contacts does not pass for crowd turbulence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim import params, pmath
from sispam.sim.bodies import Bodies, BodyState
from sispam.sim.contacts import ContactLoads
from sispam.sim.geometry import points_in_shape, shape_area
from sispam.sim.jit import kernel
from sispam.sim.navigation import Grid
from sispam.sim.neighbours import Neighbourhood
from sispam.sim.police.officers import Unit
from sispam.sim.scenario import AreaShape, Zone


@dataclass(slots=True)
class AreaStats:
    """Crowd counts in one measurement zone (persons and persons/m²)."""

    id: str
    shape: AreaShape
    area_m2: float
    people: int = 0
    max_people: int = 0
    density_sum: float = 0.0
    steps: int = 0

    @property
    def max_density_ppm2(self) -> float:
        """Highest mean density over the whole area."""
        return self.max_people / self.area_m2

    @property
    def mean_density_ppm2(self) -> float:
        """Mean density over the whole area, averaged over the run."""
        return self.density_sum / self.steps if self.steps else 0.0

    def count(self, pos: np.ndarray) -> None:
        """Count the people at `pos` inside the area."""
        self.people = int(points_in_shape(pos, self.shape).sum())
        self.max_people = max(self.max_people, self.people)
        self.density_sum += self.people / self.area_m2
        self.steps += 1


class Measurements:
    """Per-step measurements and their running peaks.

    Args:
        n: number of bodies.
        units: the police units (for line loads).
        size: map size, for the peak grids.
        areas: measurement zones, where crowd counts and densities are kept.
    """

    def __init__(self, n: int, units: list[Unit], size: tuple[float, float],
                 areas: tuple[Zone, ...] = ()) -> None:
        self.officer_contact_n = np.zeros(n)  # normal force from crowd contacts on each body, this step
        self.officer_crowd_load_n = np.zeros(n)  # the same, averaged over about a second
        self.density_ppm2 = np.zeros(n)
        self.pressure_per_s2 = np.zeros(n)
        self.line_load_n = np.zeros(len(units))
        self.peak_line_load_n = np.zeros(len(units))
        self.max_density_ppm2 = 0.0
        self.max_pressure_per_s2 = 0.0
        self.max_crowd_load_n = 0.0  # one step's sum of contact forces on a standing crowd member
        self.max_compression_n = 0.0  # the force squeezing a standing chest, over about a second
        self.grid = Grid.over(size, params.DENSITY_CELL_M)
        self.peak_density_grid = np.zeros((self.grid.ny, self.grid.nx), np.float32)
        self.peak_pressure_grid = np.zeros((self.grid.ny, self.grid.nx), np.float32)
        # The local velocity field's mean and variance in time, per place (see `_pressure`).
        self._field_grid = g = Grid.over(size, params.PRESSURE_CELL_M)
        self._field_mean = np.zeros((g.ny, g.nx, 2))
        self._field_var = np.zeros((g.ny, g.nx))
        self._field_seen = np.zeros((g.ny, g.nx), bool)
        self.areas = [AreaStats(z.id, z.shape, shape_area(z.shape)) for z in areas]

    def contacts(self, bodies: Bodies, loads: ContactLoads, units: list[Unit],
                 joints: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Compressive load per body, crowd load per officer, and each unit's line load.

        `joints`: force (vector, size; N) that ropes and linked arms applied to each body: what
        the crowd pushes on a rope reaches the officers holding it only this way.
        """
        bodies.load_n[:] = loads.load_n
        # The chest feels sustained pressure, not the solver's flicker between force chains.
        bodies.contact_n[:] = loads.compression_n
        bodies.contact_squeeze_n[:] = loads.squeeze_n
        rate = min(1.0, params.DT_S / params.COMPRESSION_SMOOTHING_S)
        bodies.compression_n += (loads.compression_n - bodies.compression_n) * rate
        bodies.squeeze_n += (loads.squeeze_n - bodies.squeeze_n) * rate
        crowd_load = loads.crowd_load_n
        push_n = loads.crowd_push_n
        if joints is not None:
            crowd_load = crowd_load + joints[1]
            push_n = push_n + joints[0]
        self.officer_contact_n[:] = crowd_load
        # What knocks an officer down is a load held for a while, not one step's force chain:
        # averaged over the same second as a person's compression.
        self.officer_crowd_load_n += (crowd_load - self.officer_crowd_load_n) * rate
        nc = bodies.n_crowd
        if nc:
            standing = bodies.state[:nc] == BodyState.ACTIVE
            self.max_crowd_load_n = max(self.max_crowd_load_n, float(loads.load_n[:nc][standing].max(initial=0.0)))
            self.max_compression_n = max(self.max_compression_n,
                                         float(bodies.compression_n[:nc][standing].max(initial=0.0)))
        for k, unit in enumerate(units):
            push = push_n[unit.first : unit.first + unit.count].sum(axis=0)
            # The push the line resists: crowd force on its officers, against its facing.
            self.line_load_n[k] = max(0.0, -float(pmath.dot2(push, unit.facing_vector())))
        np.maximum(self.peak_line_load_n, self.line_load_n, out=self.peak_line_load_n)

    def crowding(self, bodies: Bodies, near: Neighbourhood, present: np.ndarray) -> None:
        """Keep this step's density and crowd pressure (see `_crowding`), their maxima and
        per-cell peaks."""
        self.density_ppm2[:] = near.density_ppm2
        self.pressure_per_s2[:] = 0.0
        idx = np.flatnonzero(present[: bodies.n_crowd])
        if len(idx) == 0:
            return
        _crowding(bodies.pos, idx, near.density_ppm2, near.velocity_field, bodies.compression_n, self.pressure_per_s2,
                  self._field_grid.cell, self._field_mean, self._field_var, self._field_seen,
                  min(1.0, params.DT_S / params.PRESSURE_WINDOW_S), *params.PRESSURE_PRESSED_N,
                  self.grid.cell, self.peak_density_grid, self.peak_pressure_grid)
        self.max_density_ppm2 = max(self.max_density_ppm2, float(near.density_ppm2[idx].max()))
        self.max_pressure_per_s2 = max(self.max_pressure_per_s2, float(self.pressure_per_s2[idx].max()))

    def unpressed_pressure(self, pos: np.ndarray, density_ppm2: np.ndarray) -> np.ndarray:
        """Crowd pressure at people at `pos` with local `density_ppm2` as Helbing, Johansson &
        Al-Abideen 2007 define it, whether or not they are pressed: density times the variance
        in time of the velocity field at their places (the value `crowding` keeps only at
        pressed people). For the validation: a calm queue's turbulence, read without the gate."""
        iy, ix = self._field_grid.cell_of(pos)
        out: np.ndarray = density_ppm2 * self._field_var[iy, ix]
        return out

    def crowd_in_areas(self, bodies: Bodies, present: np.ndarray) -> None:
        """Count the crowd (standing or lying) in each measurement area."""
        if self.areas:
            pos = bodies.pos[: bodies.n_crowd][present[: bodies.n_crowd]]
            for area in self.areas:
                area.count(pos)


@kernel()
def _cell(x, y, cell, nx, ny):  # type: ignore[no-untyped-def]
    """Flat index of the grid cell holding (x, y), clipped to the grid (as `Grid.cell_of`)."""
    ix = min(max(int(x / cell), 0), nx - 1)
    iy = min(max(int(y / cell), 0), ny - 1)
    return iy * nx + ix


@kernel()
def _crowding(pos, idx, density, field, compression, pressure, field_cell, mean, var, seen, rate,  # type: ignore[no-untyped-def]  # noqa: PLR0913
              pressed_from, pressed_full, peak_cell, peak_density, peak_pressure):
    """Crowd pressure P = ρ·Var(V) (Helbing, Johansson & Al-Abideen 2007) of people `idx`: the
    local density times the variance *in time* of the local velocity field V at a place, round
    its mean U there: ⟨[V(r,t) − U(r)]²⟩. Each cell of the field grid keeps U and that variance
    as averages over the last `PRESSURE_WINDOW_S` (`rate` per step, updated while people are in
    it). It is taken only at people pressed into the crowd: not at all below a `compression` of
    `pressed_from`, in full from `pressed_full`. That paper's turbulence is the surges and stops
    of a packed crowd, which the bodies pass on to each other. Where people are not pressed, the
    field's variance at a place is walkers arriving at the end of a queue, or filing one at a
    time through a door, and read as high as a pushing crowd's (see params). Then the per-cell peaks of density and
    pressure are raised."""
    ny, nx = var.shape
    m = idx.shape[0]
    flat = np.empty(m, np.int64)
    count = np.zeros(ny * nx)
    sum_x, sum_y = np.zeros(ny * nx), np.zeros(ny * nx)
    for k in range(m):
        i = idx[k]
        c = _cell(pos[i, 0], pos[i, 1], field_cell, nx, ny)
        flat[k] = c
        count[c] += 1.0
        sum_x[c] += field[i, 0]
        sum_y[c] += field[i, 1]
    mean2, var1, seen1 = mean.reshape(ny * nx, 2), var.reshape(ny * nx), seen.reshape(ny * nx)
    for k in range(m):
        c = flat[k]
        if count[c] == 0.0:
            continue  # this cell is done
        hx, hy = sum_x[c] / count[c], sum_y[c] / count[c]
        count[c] = 0.0
        if not seen1[c]:
            seen1[c] = True
            mean2[c, 0], mean2[c, 1] = hx, hy
        dx, dy = hx - mean2[c, 0], hy - mean2[c, 1]
        var1[c] += (dx * dx + dy * dy - var1[c]) * rate
        mean2[c, 0] += dx * rate
        mean2[c, 1] += dy * rate
    pny, pnx = peak_density.shape
    peak_d, peak_p = peak_density.reshape(pny * pnx), peak_pressure.reshape(pny * pnx)
    for k in range(m):
        i = idx[k]
        pressed = min(max((compression[i] - pressed_from) / (pressed_full - pressed_from), 0.0), 1.0)
        pressure[i] = density[i] * var1[flat[k]] * pressed
        c = _cell(pos[i, 0], pos[i, 1], peak_cell, pnx, pny)
        peak_d[c] = max(peak_d[c], np.float32(density[i]))
        peak_p[c] = max(peak_p[c], np.float32(pressure[i]))


def update_strain(strain_s: np.ndarray, limit_n: np.ndarray, load_n: np.ndarray, dt: float) -> None:
    """An officer's time over his knock-down load; relief drains it at `STRAIN_RECOVERY_RATE`."""
    over = load_n > limit_n
    strain_s[:] = np.where(over, strain_s + dt, np.maximum(strain_s - params.STRAIN_RECOVERY_RATE * dt, 0.0))


def _crush_curve() -> tuple[float, float, float]:
    """(force, seconds, exponent) of t(F) = seconds · ((force - F₀) / (F - F₀))^exponent through
    Hopkins' points, F₀ = `CRUSH_MIN_N`."""
    (f1, t1), (f2, t2) = params.CRUSH_FATAL_POINTS
    f0 = params.CRUSH_MIN_N
    if not f0 < f2 < f1:
        raise ValueError("CRUSH_MIN_N must lie below both of CRUSH_FATAL_POINTS' forces")
    return f1, t1, pmath.log(t2 / t1) / pmath.log((f1 - f0) / (f2 - f0))


CRUSH_FORCE_N, CRUSH_SECONDS, CRUSH_EXPONENT = _crush_curve()


def seconds_to_death(compression_n: np.ndarray | float) -> np.ndarray:
    """How long a chest bears `compression_n` (N) before compressive asphyxia kills (Hopkins et
    al. 1993): infinite at or below `CRUSH_MIN_N`."""
    f = np.asarray(compression_n, float)
    harmful = f > params.CRUSH_MIN_N
    t = np.full(f.shape, np.inf)
    # Only the few squeezed past the threshold: the power is costly over a whole crowd.
    f0 = params.CRUSH_MIN_N
    t[harmful] = CRUSH_SECONDS * pmath.power((CRUSH_FORCE_N - f0) / (f[harmful] - f0), CRUSH_EXPONENT)
    return t if t.ndim else t[()]


@kernel()
def _crush_dose(dose, compression, dt, min_n, force_n, seconds, exponent, recovery_per_s):  # type: ignore[no-untyped-def]
    """`update_crush_dose` in one pass, with the arithmetic of `seconds_to_death` (the same bits:
    `pow_nb` is `pmath.power`'s algorithm), which over a whole pressed crowd cost a third of a
    millisecond a step in numpy."""
    for i in range(dose.shape[0]):
        f = compression[i]
        rate = 0.0
        if f > min_n:
            rate = 1.0 / (seconds * pmath.pow_nb((force_n - min_n) / (f - min_n), exponent))
        if rate > 0.0:
            dose[i] = dose[i] + rate * dt
        else:
            dose[i] = max(dose[i] - recovery_per_s * dt, 0.0)


def update_crush_dose(dose: np.ndarray, compression: np.ndarray, dt: float) -> None:
    """Add each person's crush dose of this step (a share of the fatal dose) from the force
    squeezing his chest (at the rate 1 / `seconds_to_death`); a person under no harmful
    compression recovers at `CRUSH_RECOVERY_PER_S`. Both arrays are C-contiguous float rows."""
    _crush_dose(dose, compression, dt, params.CRUSH_MIN_N, CRUSH_FORCE_N, CRUSH_SECONDS, CRUSH_EXPONENT,
                params.CRUSH_RECOVERY_PER_S)
