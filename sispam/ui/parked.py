"""Where the support units' vehicles stand: the ambulance (Dinkes) and the Damkar fire truck.

The simulation has no body for them (only the water cannon drives a truck among the people;
the medics and the fire crew are officers on foot), so the view parks each one where its crew
works from, for the trainee to see which unit is which and where casualties go:

- the ambulance at the level's ambulance point (the zone its medics carry casualties to), or
  beside its crew if the level has none;
- the Damkar truck beside its crew where they last stood formed up (where the unit arrived or
  was sent); the crew walks from it to a fire with the hoses, and it stays.

A vehicle is parked on the first side of its crew (behind, beside, in front) where it
lies on the map and clear of every solid obstacle. Nothing here changes the simulation: it is
drawing only, read from the level and the units' state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sispam.sim.geometry import points_in_shape, shape_bounds
from sispam.sim.police.officers import Unit
from sispam.sim.police.orders import OrderKind
from sispam.sim.scenario import UnitType, ZoneRole
from sispam.sim.world import World

# Sizes from above (m): a van ambulance (about 5.4 × 2.0 m) and a medium fire engine (about
# 8 × 2.5 m).
SIZE_M = {UnitType.AMBULANCE: (5.4, 2.0), UnitType.DAMKAR: (8.0, 2.5)}
CLEAR_M = 1.0  # between a parked vehicle and its crew


@dataclass(frozen=True, slots=True)
class Parked:
    """A support vehicle on the map: its unit, centre (m), heading (deg, the nose) and size."""

    unit: Unit
    centre: tuple[float, float]
    heading_deg: float
    length_m: float
    width_m: float


class ParkedVehicles:
    """The support vehicles of a world, kept where their crews last stood formed up."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._at: dict[str, Parked] = {}
        self._placed_for: dict[str, tuple[float, float]] = {}  # the crew's anchor each was parked for
        zones = [z for z in world.scenario.zones if z.role is ZoneRole.AMBULANCE]
        self._ambulance_point = None
        if zones:
            x0, y0, x1, y1 = shape_bounds(zones[0].shape)
            self._ambulance_point = ((x0 + x1) / 2, (y0 + y1) / 2)

    def update(self) -> list[Parked]:
        """Every support vehicle of a unit on the map, after the world's last step."""
        w = self.world
        for unit in w.units:
            if unit.type not in SIZE_M or not unit.arrived:
                continue
            if unit.id in self._at and not self._moved_on(unit):
                continue
            if unit.type is UnitType.AMBULANCE and self._ambulance_point is not None:
                if unit.id not in self._at:
                    length, width = SIZE_M[unit.type]
                    self._at[unit.id] = Parked(unit, self._ambulance_point, unit.facing_deg - 90.0, length, width)
                continue
            self._at[unit.id] = self._beside(unit)
        return list(self._at.values())

    def _moved_on(self, unit: Unit) -> bool:
        """The Damkar crew stands formed up somewhere new (not at a fire): the truck follows."""
        w = self.world
        op = w.command.active.get(unit.id)
        if op is not None and not op.done and op.order.kind is OrderKind.EXTINGUISH:
            return False
        if not w.lines.formed(unit):
            return False
        return self._placed_for.get(unit.id) != tuple(unit.anchor)

    def _beside(self, unit: Unit) -> Parked:
        """The vehicle of `unit` on the first free side of its crew's formation."""
        length, width = SIZE_M[unit.type]
        anchor = np.asarray(unit.anchor, float)
        f = math.radians(unit.facing_deg)
        ahead = np.array([math.cos(f), math.sin(f)])
        left = np.array([-ahead[1], ahead[0]])
        half_front = max(unit.width_m or 0.0, 1.0) / 2
        depth = max(unit.ranks or 1, 1) * max(unit.rank_spacing_m, 0.8)
        aside = half_front + CLEAR_M
        back = -ahead * depth / 2
        candidates = [  # (centre, heading): across its crew's back, across or along each side, then in front
            (anchor - ahead * (depth + CLEAR_M + width / 2), unit.facing_deg - 90.0),
            (anchor + left * (aside + length / 2) + back, unit.facing_deg + 90.0),
            (anchor - left * (aside + length / 2) + back, unit.facing_deg - 90.0),
            (anchor + left * (aside + width / 2) + back, unit.facing_deg + 180.0),
            (anchor - left * (aside + width / 2) + back, unit.facing_deg + 180.0),
            (anchor + ahead * (CLEAR_M + width / 2), unit.facing_deg - 90.0),
        ]
        centre, heading = next(((c, h) for c, h in candidates if self._free(c, h, length, width)), candidates[0])
        self._placed_for[unit.id] = tuple(unit.anchor)
        return Parked(unit, (float(centre[0]), float(centre[1])), heading, length, width)

    def _free(self, centre: np.ndarray, heading_deg: float, length_m: float, width_m: float) -> bool:
        """Whether a vehicle there lies on the map and clear of every solid obstacle."""
        a = math.radians(heading_deg)
        nose, side = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
        u, v = np.meshgrid(np.linspace(-0.5, 0.5, 7), np.linspace(-0.5, 0.5, 3))
        points = centre + np.outer(u.ravel() * length_m, nose) + np.outer(v.ravel() * width_m, side)
        w, h = self.world.scenario.size
        if not ((points >= 0).all() and (points[:, 0] <= w).all() and (points[:, 1] <= h).all()):
            return False
        return not any(points_in_shape(points, o.shape, margin=0.3).any()
                       for o in self.world.scenario.obstacles if o.solid)
