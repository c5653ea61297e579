"""What is measured every step: contact loads, line loads, density, crowd pressure.

Contact force comes from pymunk's arbiter impulses (force = impulse / dt). A person's
compressive load is the sum of the normal contact forces on him, the standard crush measure.
Local density and crowd pressure (density times the local velocity variance, Helbing, Johansson
& Al-Abideen 2007) come from the pair pass in `neighbours`; they are evaluated at every person
and kept as per-cell peaks on a grid. Velocities are averaged over about half a second first,
so that the step-to-step jitter of rigid contacts does not pass for crowd turbulence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim import params
from sispam.sim.bodies import Bodies, BodyState
from sispam.sim.contacts import ContactLoads
from sispam.sim.geometry import points_in_shape, shape_area
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
        self.areas = [AreaStats(z.id, z.shape, shape_area(z.shape)) for z in areas]

    def contacts(self, bodies: Bodies, loads: ContactLoads, units: list[Unit],
                 joints: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Compressive load per body, crowd load per officer, and each unit's line load.

        `joints`: force (vector, size; N) that ropes and linked arms applied to each body: what
        the crowd pushes on a rope reaches the officers holding it only this way.
        """
        bodies.load_n[:] = loads.load_n
        self.officer_crowd_load_n[:] = loads.crowd_load_n
        push_n = loads.crowd_push_n
        if joints is not None:
            self.officer_crowd_load_n += joints[1]
            push_n = push_n + joints[0]
        nc = bodies.n_crowd
        if nc:
            standing = bodies.state[:nc] == BodyState.ACTIVE
            self.max_crowd_load_n = max(self.max_crowd_load_n, float(loads.load_n[:nc][standing].max(initial=0.0)))
        for k, unit in enumerate(units):
            push = push_n[unit.first : unit.first + unit.count].sum(axis=0)
            # The push the line resists: crowd force on its officers, against its facing.
            self.line_load_n[k] = max(0.0, -float(push @ unit.facing_vector()))
        np.maximum(self.peak_line_load_n, self.line_load_n, out=self.peak_line_load_n)

    def crowding(self, bodies: Bodies, near: Neighbourhood, present: np.ndarray) -> None:
        """Keep this step's density and crowd pressure, their maxima and per-cell peaks."""
        self.density_ppm2[:] = near.density_ppm2
        self.pressure_per_s2[:] = near.pressure_per_s2
        nc = bodies.n_crowd
        live = present[:nc]
        if live.any():
            d, p = near.density_ppm2[:nc][live], near.pressure_per_s2[:nc][live]
            self.max_density_ppm2 = max(self.max_density_ppm2, float(d.max()))
            self.max_pressure_per_s2 = max(self.max_pressure_per_s2, float(p.max()))
            iy, ix = self.grid.cell_of(bodies.pos[:nc][live])
            np.maximum.at(self.peak_density_grid, (iy, ix), d.astype(np.float32))
            np.maximum.at(self.peak_pressure_grid, (iy, ix), p.astype(np.float32))


    def crowd_in_areas(self, bodies: Bodies, present: np.ndarray) -> None:
        """Count the crowd (standing or lying) in each measurement area."""
        if self.areas:
            pos = bodies.pos[: bodies.n_crowd][present[: bodies.n_crowd]]
            for area in self.areas:
                area.count(pos)


def update_strain(bodies: Bodies, limit_n: np.ndarray, load_n: np.ndarray, dt: float) -> None:
    """Accumulate time over the load limit; relief drains it at `STRAIN_RECOVERY_RATE`."""
    over = load_n > limit_n
    bodies.strain_s[:] = np.where(
        over, bodies.strain_s + dt, np.maximum(bodies.strain_s - params.STRAIN_RECOVERY_RATE * dt, 0.0)
    )
