"""Officers: units as index ranges of bodies, and each officer's slot and strength."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.police.units import UNIT_SPECS, UnitSpec
from sispam.sim.scenario import Formation, PoliceUnit, UnitType


@dataclass(slots=True)
class Unit:
    """A unit in the world: its officers are `bodies` indices `first .. first+count-1`.

    Attributes:
        anchor: centre of the front rank (m).
        facing_deg: direction the front faces.
    """

    id: str
    type: UnitType
    spec: UnitSpec
    first: int
    count: int
    formation: Formation
    anchor: tuple[float, float]
    facing_deg: float
    width_m: float | None
    ranks: int
    arrival_s: float
    arrived: bool = False

    @classmethod
    def from_scenario(cls, unit: PoliceUnit, first: int) -> Unit:
        """A unit whose officers start at body index `first`."""
        return cls(unit.id, unit.type, UNIT_SPECS[unit.type], first, unit.officers, unit.formation,
                   unit.position, unit.facing_deg, unit.width_m, unit.ranks, unit.arrival_s)

    @property
    def indices(self) -> np.ndarray:
        """Body indices of the unit's officers."""
        return np.arange(self.first, self.first + self.count)

    def facing_vector(self) -> np.ndarray:
        """Unit vector of the facing."""
        f = np.radians(self.facing_deg)
        return np.array([np.cos(f), np.sin(f)])

    def slots(self) -> np.ndarray:
        """(count, 2) world positions of the formation's slots, in officer order."""
        offsets = slot_offsets(self.formation, self.count, self.spec.spacing_m, self.width_m, self.ranks)
        return world_slots(offsets, self.anchor, self.facing_deg)


class Officers:
    """Per-officer arrays (indexed by body index − n_crowd) and the slot-holding force."""

    def __init__(self, units: list[Unit], n_crowd: int) -> None:
        n = sum(u.count for u in units)
        self.n_crowd = n_crowd
        self.unit = np.zeros(n, np.int32)
        self.slot = np.zeros((n, 2))
        self.hold_force_n = np.zeros(n)
        self.knockdown_load_n = np.zeros(n)
        for k, u in enumerate(units):
            rows = u.indices - n_crowd
            self.unit[rows] = k
            self.slot[rows] = u.slots()
            self.hold_force_n[rows] = u.spec.hold_force_n
            self.knockdown_load_n[rows] = u.spec.knockdown_load_n
