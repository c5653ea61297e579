"""What is measured every step: contact loads, line loads, density, crowd pressure.

Contact force comes from pymunk's arbiter impulses (force = impulse / dt). A person's
compressive load is the sum of the normal contact forces on him, the standard crush measure.
Local density is the number of people within 1 m of a person divided by π m², and crowd
pressure is that density times the local velocity variance (Helbing, Johansson & Al-Abideen
2007). Both are evaluated at every person and also kept as per-cell peaks on a grid.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import params
from sispam.sim.batch import Contacts, exact_sum
from sispam.sim.bodies import Bodies, BodyState
from sispam.sim.navigation import Grid
from sispam.sim.neighbours import PAIR_RANGE_M, Neighbourhood
from sispam.sim.police.officers import Unit

DENSITY_RADIUS_M = PAIR_RANGE_M
DENSITY_AREA_M2 = math.pi * DENSITY_RADIUS_M**2


class Measurements:
    """Per-step measurements and their running peaks.

    Args:
        n: number of bodies.
        units: the police units (for line loads).
        size: map size, for the peak grids.
    """

    def __init__(self, n: int, units: list[Unit], size: tuple[float, float]) -> None:
        self.officer_crowd_load_n = np.zeros(n)  # normal force from crowd contacts on each body
        self.density_ppm2 = np.zeros(n)
        self.pressure_per_s2 = np.zeros(n)
        self.line_load_n = np.zeros(len(units))
        self.peak_line_load_n = np.zeros(len(units))
        self.max_density_ppm2 = 0.0
        self.max_pressure_per_s2 = 0.0
        self.max_crowd_load_n = 0.0
        self.grid = Grid.over(size, params.DENSITY_CELL_M)
        self.peak_density_grid = np.zeros((self.grid.ny, self.grid.nx), np.float32)
        self.peak_pressure_grid = np.zeros((self.grid.ny, self.grid.nx), np.float32)

    def contact_loads(self, bodies: Bodies, contacts: Contacts, units: list[Unit], dt: float) -> None:
        """Compressive load per body, crowd load per officer, and each unit's line load."""
        a, b = contacts.a, contacts.b
        force = contacts.impulse / dt  # on body a; body b receives the opposite
        normal = np.abs(np.einsum("ij,ij->i", force, contacts.normal))
        n = bodies.n
        both = np.concatenate((a, b))
        on_body = both >= 0
        bodies.load_n[:] = exact_sum(both[on_body], np.concatenate((normal, normal))[on_body], n)
        nc = bodies.n_crowd
        if nc:
            standing = bodies.state[:nc] == BodyState.ACTIVE
            self.max_crowd_load_n = max(self.max_crowd_load_n, float(bodies.load_n[:nc][standing].max(initial=0.0)))

        # Crowd against officers: per-officer normal load and the vector force on him.
        is_officer = np.concatenate(((a >= nc), (b >= nc)))
        other = np.concatenate((b, a))
        from_crowd = is_officer & (other >= 0) & (other < nc)
        officer = both[from_crowd]
        push = np.concatenate((force, -force))[from_crowd]
        self.officer_crowd_load_n[:] = exact_sum(officer, np.concatenate((normal, normal))[from_crowd], n)
        px = exact_sum(officer, push[:, 0], n)
        py = exact_sum(officer, push[:, 1], n)
        for k, unit in enumerate(units):
            sl = slice(unit.first, unit.first + unit.count)
            fwd = unit.facing_vector()
            # The push the line resists: crowd force on its officers, against its facing.
            self.line_load_n[k] = max(0.0, -(px[sl].sum() * fwd[0] + py[sl].sum() * fwd[1]))
        np.maximum(self.peak_line_load_n, self.line_load_n, out=self.peak_line_load_n)

    def density_pressure(self, bodies: Bodies, near: Neighbourhood) -> None:
        """Local density (people within 1 m / π m²) and crowd pressure ρ·Var(v) at each person."""
        present = bodies.in_space()
        count = 1.0 + near.count
        mean_v = (near.sum_v + bodies.vel) / count[:, None]
        mean_v2 = (near.sum_v2 + np.einsum("ij,ij->i", bodies.vel, bodies.vel)) / count
        variance = np.maximum(mean_v2 - np.einsum("ij,ij->i", mean_v, mean_v), 0.0)
        density = np.where(present, count / DENSITY_AREA_M2, 0.0)
        pressure = density * variance
        self.density_ppm2[:] = density
        self.pressure_per_s2[:] = pressure
        nc = bodies.n_crowd
        live = present[:nc]
        if live.any():
            d, p = density[:nc][live], pressure[:nc][live]
            self.max_density_ppm2 = max(self.max_density_ppm2, float(d.max()))
            self.max_pressure_per_s2 = max(self.max_pressure_per_s2, float(p.max()))
            iy, ix = self.grid.cell_of(bodies.pos[:nc][live])
            np.maximum.at(self.peak_density_grid, (iy, ix), d.astype(np.float32))
            np.maximum.at(self.peak_pressure_grid, (iy, ix), p.astype(np.float32))


def update_strain(bodies: Bodies, limit_n: np.ndarray, load_n: np.ndarray, dt: float) -> None:
    """Accumulate time over the load limit; relief drains it at `STRAIN_RECOVERY_RATE`."""
    over = load_n > limit_n
    bodies.strain_s[:] = np.where(
        over, bodies.strain_s + dt, np.maximum(bodies.strain_s - params.STRAIN_RECOVERY_RATE * dt, 0.0)
    )
