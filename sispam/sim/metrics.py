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
from sispam.sim.batch import Contacts
from sispam.sim.bodies import Bodies, BodyKind, BodyState
from sispam.sim.navigation import Grid
from sispam.sim.neighbours import PAIR_RANGE_M, Pairs
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
        load = np.zeros(n)
        on_a, on_b = a >= 0, b >= 0
        load += np.bincount(a[on_a], normal[on_a], minlength=n)
        load += np.bincount(b[on_b], normal[on_b], minlength=n)
        bodies.load_n[:] = load
        crowd_pos = bodies.state[bodies.crowd] == BodyState.ACTIVE
        if bodies.n_crowd:
            self.max_crowd_load_n = max(self.max_crowd_load_n, float(load[: bodies.n_crowd][crowd_pos].max(initial=0.0)))

        # Crowd against officers: per-officer normal load and the vector force on him.
        kind_a = np.where(on_a, bodies.kind[np.maximum(a, 0)], -1)
        kind_b = np.where(on_b, bodies.kind[np.maximum(b, 0)], -1)
        off_a = (kind_a == BodyKind.OFFICER) & (kind_b == BodyKind.CROWD)
        off_b = (kind_b == BodyKind.OFFICER) & (kind_a == BodyKind.CROWD)
        officer = np.concatenate((a[off_a], b[off_b]))
        push = np.concatenate((force[off_a], -force[off_b]))
        self.officer_crowd_load_n[:] = np.bincount(officer, np.concatenate((normal[off_a], normal[off_b])), minlength=n)
        px = np.bincount(officer, push[:, 0], minlength=n)
        py = np.bincount(officer, push[:, 1], minlength=n)
        for k, unit in enumerate(units):
            sl = slice(unit.first, unit.first + unit.count)
            fwd = unit.facing_vector()
            # The push the line resists: crowd force on its officers, against its facing.
            self.line_load_n[k] = max(0.0, -(px[sl].sum() * fwd[0] + py[sl].sum() * fwd[1]))
        np.maximum(self.peak_line_load_n, self.line_load_n, out=self.peak_line_load_n)

    def density_pressure(self, bodies: Bodies, pairs: Pairs) -> None:
        """Local density (people within 1 m / π m²) and crowd pressure ρ·Var(v) at each person."""
        n = bodies.n
        present = bodies.in_space()
        count = 1.0 + np.bincount(pairs.i, minlength=n)
        sum_v = bodies.vel.copy()
        sum_v[:, 0] += np.bincount(pairs.i, bodies.vel[pairs.j, 0], minlength=n)
        sum_v[:, 1] += np.bincount(pairs.i, bodies.vel[pairs.j, 1], minlength=n)
        speed2 = np.einsum("ij,ij->i", bodies.vel, bodies.vel)
        sum_v2 = speed2 + np.bincount(pairs.i, speed2[pairs.j], minlength=n)
        mean_v = sum_v / count[:, None]
        variance = np.maximum(sum_v2 / count - np.einsum("ij,ij->i", mean_v, mean_v), 0.0)
        density = np.where(present, count / DENSITY_AREA_M2, 0.0)
        pressure = density * variance
        self.density_ppm2[:] = density
        self.pressure_per_s2[:] = pressure
        crowd = slice(0, bodies.n_crowd)
        if bodies.n_crowd and present[crowd].any():
            live = present[crowd]
            self.max_density_ppm2 = max(self.max_density_ppm2, float(density[crowd][live].max()))
            self.max_pressure_per_s2 = max(self.max_pressure_per_s2, float(pressure[crowd][live].max()))
            iy, ix = self.grid.cell_of(bodies.pos[crowd][live])
            np.maximum.at(self.peak_density_grid, (iy, ix), density[crowd][live].astype(np.float32))
            np.maximum.at(self.peak_pressure_grid, (iy, ix), pressure[crowd][live].astype(np.float32))


def update_strain(bodies: Bodies, limit_n: np.ndarray, load_n: np.ndarray, dt: float) -> None:
    """Accumulate time over the load limit; relief drains it at `STRAIN_RECOVERY_RATE`."""
    over = load_n > limit_n
    bodies.strain_s[:] = np.where(
        over, bodies.strain_s + dt, np.maximum(bodies.strain_s - params.STRAIN_RECOVERY_RATE * dt, 0.0)
    )
