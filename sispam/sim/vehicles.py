"""Vehicles: the armoured water cannon (AWC) as a heavy physical body in the space.

An AWC is a box `VEHICLE_LENGTH_M` × `VEHICLE_WIDTH_M` (7 × 2.5 m) of `VEHICLE_MASS_KG`
(10 t): the order of the Indonesian police's truck-based AWCs and of the German WaWe 10000
(about 10 m and 30 t fully loaded, a larger vehicle; Indonesian AWCs are built on 4x4 medium
trucks). Crowd members collide with it like with a wall, but it moves: it is driven towards
its unit's anchor (its centre stands there, its nose along the unit's facing), so FORM and
FALL_BACK orders drive it. The drive is bounded like the officers' hold: a force
m·(v_wish − v)/τ towards the wished velocity (at most `DRIVE_SPEED_MPS`, slowing over the last
metres), capped at the tyres' grip μ·m·g with μ = 0.7 (dry asphalt): a crowd can stop a driving
truck or shove a parked one only by pushing with more than ~69 kN. It turns in place at
`TURN_RATE_DEG_S` (a simplification: a truck cannot turn on the spot; contacts do not rotate it).

The crew of a water cannon unit (3 officers: driver, commander, monitor operator) ride inside:
their bodies leave the map when the vehicle appears (state WAITING, as before their arrival)
and nobody can push or knock them down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pymunk

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.police.movement import FORM_SPEED_MPS
from sispam.sim.scenario import UnitType

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit
    from sispam.sim.world import World

VEHICLE_LENGTH_M = 7.0
VEHICLE_WIDTH_M = 2.5
VEHICLE_MASS_KG = 10_000.0
VEHICLE_FRICTION = 0.5  # sliding friction against people and walls
DRIVE_SPEED_MPS = FORM_SPEED_MPS[UnitType.WATER_CANNON]
DRIVE_TAU_S = 1.0
ARRIVE_SLOWDOWN_S = 2.0  # the wished speed is at most distance / 2 s: it stops without overshoot
TYRE_GRIP_MU = 0.7
GRAVITY_MPS2 = 9.81
TURN_RATE_DEG_S = 15.0
TANK_L = 10_000.0  # water carried by an AWC (WaWe 10000: 10,000 L)
VEHICLE_UNITS = frozenset({UnitType.WATER_CANNON})


@dataclass(slots=True)
class Vehicle:
    """One vehicle: its unit, its pymunk body (local x axis = forward) and the water left (L)."""

    unit: Unit
    body: pymunk.Body
    water_l: float = TANK_L

    @property
    def pos(self) -> np.ndarray:
        """Centre (m)."""
        return np.array(self.body.position)

    @property
    def facing_deg(self) -> float:
        """Direction of the nose."""
        return math.degrees(self.body.angle)

    def standing_at(self, anchor: tuple[float, float], facing_deg: float, tolerance_m: float) -> bool:
        """Stopped within `tolerance_m` of `anchor`, nose along `facing_deg` (within 1°)."""
        turn = (facing_deg - self.facing_deg + 180.0) % 360.0 - 180.0
        return (pmath.distance(self.body.position, anchor) < tolerance_m and abs(turn) < 1.0
                and pmath.hypot(*self.body.velocity) < 0.1)

    def point(self, forward_m: float) -> np.ndarray:
        """A point on the vehicle's axis, `forward_m` ahead of its centre."""
        return np.array(self.body.local_to_world((forward_m, 0.0)))


class Vehicles:
    """The vehicles of a world, one per unit of a vehicle type, each created when its unit arrives."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.by_unit: dict[str, Vehicle] = {}
        self._pending = [u for u in world.units if u.type in VEHICLE_UNITS]

    def update(self) -> bool:
        """Put on the map the vehicle of every unit that has just arrived (its crew boards);
        True if the space's bodies changed."""
        w = self.world
        changed = False
        for unit in [u for u in self._pending if u.arrived]:
            self._pending.remove(unit)
            body = pymunk.Body(VEHICLE_MASS_KG, math.inf)
            body.position = unit.anchor
            body.angle = math.radians(unit.facing_deg)
            half_l, half_w = VEHICLE_LENGTH_M / 2, VEHICLE_WIDTH_M / 2
            shape = pymunk.Poly(body, [(-half_l, -half_w), (half_l, -half_w), (half_l, half_w), (-half_l, half_w)])
            shape.friction = VEHICLE_FRICTION
            w.space.add(body, shape)
            self.by_unit[unit.id] = Vehicle(unit, body)
            for i in unit.indices:
                pb = w._pymunk_bodies[i]
                if pb is not None:
                    w.space.remove(pb, *pb.shapes)
                    w._pymunk_bodies[i] = None
                w.bodies.state[i] = BodyState.WAITING
                w.bodies.vel[i] = 0.0
            changed = True
        return changed

    def add_forces(self) -> None:
        """Drive every vehicle towards its unit's anchor and facing (after the people's forces
        are written: the batch write zeroes the force of every body it does not know)."""
        dt = self.world.dt
        for v in self.by_unit.values():
            body, unit = v.body, v.unit
            to_go = np.asarray(unit.anchor, float) - np.array(body.position)
            dist = float(pmath.hypot(*to_go))
            speed = min(DRIVE_SPEED_MPS, dist / ARRIVE_SLOWDOWN_S)
            wish = to_go / dist * speed if dist > 1e-9 else np.zeros(2)
            force = VEHICLE_MASS_KG * (wish - np.array(body.velocity)) / DRIVE_TAU_S
            grip = TYRE_GRIP_MU * VEHICLE_MASS_KG * GRAVITY_MPS2
            size = float(pmath.hypot(*force))
            if size > grip:
                force *= grip / size
            body.force = (float(force[0]), float(force[1]))
            turn = (unit.facing_deg - math.degrees(body.angle) + 180.0) % 360.0 - 180.0
            step = max(-TURN_RATE_DEG_S * dt, min(TURN_RATE_DEG_S * dt, turn))
            if step:
                body.angle += math.radians(step)
