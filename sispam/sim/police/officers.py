"""Officers: units as index ranges of bodies, and each officer's slot and strength."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim.police.formations import RANK_SPACING_M, facing_vector, slot_offsets, world_slots
from sispam.sim.police.units import UNIT_SPECS, UnitSpec
from sispam.sim.scenario import Formation, PoliceUnit, UnitType

# An exhausted officer holds with 40 % less force. Design choice, no measured source: strength
# endurance tests show force falling to roughly half to two thirds of the maximum over minutes of
# sustained effort; recovery is slower than tiring.
FATIGUE_LOSS = 0.4
RECOVERY_FACTOR = 2.0


@dataclass(slots=True)
class Unit:
    """A unit in the world: its officers are `bodies` indices `first .. first+count-1`.

    Attributes:
        anchor: centre of the front rank where the unit is ordered to stand (m).
        facing_deg: direction the front faces.
        rank_spacing_m: distance between ranks (closed up when bracing).
        on_request: the unit waits off the map until a REQUEST order calls it up.
        request_delay_s: from the request to its arrival.
        order: the order the unit is carrying out (None: standing as deployed).
        shields_up: berlindung: shields raised against projectiles.
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
    on_request: bool = False
    request_delay_s: float = 0.0
    arrived: bool = False
    rank_spacing_m: float = RANK_SPACING_M
    order: str | None = None
    shields_up: bool = False

    @classmethod
    def from_scenario(cls, unit: PoliceUnit, first: int) -> Unit:
        """A unit whose officers start at body index `first`."""
        return cls(unit.id, unit.type, UNIT_SPECS[unit.type], first, unit.officers, unit.formation,
                   unit.position, unit.facing_deg, unit.width_m, unit.ranks,
                   unit.arrival_s, unit.on_request, unit.request_delay_s)

    @property
    def indices(self) -> np.ndarray:
        """Body indices of the unit's officers."""
        return np.arange(self.first, self.first + self.count)

    def facing_vector(self) -> np.ndarray:
        """Unit vector of the facing."""
        return facing_vector(self.facing_deg)

    def slots(self, officers: int | None = None) -> np.ndarray:
        """(officers, 2) world positions of the formation's slots for `officers` men (default:
        the whole unit), in officer order."""
        offsets = slot_offsets(self.formation, self.count if officers is None else officers, self.spec.spacing_m,
                               self.width_m, self.ranks, self.rank_spacing_m, strength=self.count)
        return world_slots(offsets, self.anchor, self.facing_deg)


class Officers:
    """Per-officer arrays (indexed by body index − n_crowd).

    Each officer is held on his `slot` by a bounded spring (see `motion`). When a unit moves,
    the slot itself walks towards the officer's `target` at the unit's speed (see `movement`):
    the officer follows a moving point, and where a crowd resists him he lags and pushes with
    up to his hold force.

    Attributes:
        unit: index of the officer's unit.
        slot: where the spring pulls him now.
        slot_vel: how fast the slot moves (the spring damps the difference to it).
        target: where the slot is going.
        speed_mps: the slot's speed towards the target.
        lead_m: how far the slot may run ahead of him (so a resisted line pushes with its full
            strength but never sprints off once the resistance gives).
        base_hold_n: the unit type's hold force.
        hold_factor: what the current order makes of it (brace and dorong raise it).
        fatigue: 0 fresh .. 1 exhausted; costs up to `FATIGUE_LOSS` of the hold force.
        hold_force_n: the cap of the holding force now: base × factor × (1 − loss × fatigue).
        knockdown_load_n: sustained crowd load that knocks him down.
    """

    def __init__(self, units: list[Unit], n_crowd: int) -> None:
        n = sum(u.count for u in units)
        self.n_crowd = n_crowd
        self.unit = np.zeros(n, np.int32)
        self.slot = np.zeros((n, 2))
        self.slot_vel = np.zeros((n, 2))
        self.target = np.zeros((n, 2))
        self.speed_mps = np.zeros(n)
        self.lead_m = np.full(n, 0.5)
        self.base_hold_n = np.zeros(n)
        self.hold_factor = np.ones(n)
        self.fatigue = np.zeros(n)
        self.endurance_s = np.ones(n)
        self.hold_force_n = np.zeros(n)
        self.knockdown_load_n = np.zeros(n)
        # Area effects (see `gas`): the share of the hold force an officer has left (motion
        # multiplies it in), his tear gas dose (mg·s/m³), and whether he wears a gas mask.
        self.hold_scale = np.ones(n)
        self.gas_dose = np.zeros(n)
        self.gas_mask = np.zeros(n, bool)
        for k, u in enumerate(units):
            rows = u.indices - n_crowd
            self.unit[rows] = k
            self.slot[rows] = u.slots()
            self.base_hold_n[rows] = u.spec.hold_force_n
            self.endurance_s[rows] = u.spec.endurance_s
            self.knockdown_load_n[rows] = u.spec.knockdown_load_n
            self.gas_mask[rows] = u.spec.gas_mask
        self.target[:] = self.slot
        self.hold_force_n[:] = self.base_hold_n

    def tire(self, crowd_load_n: np.ndarray, dt: float) -> None:
        """Officers tire while they hold a load and recover while they do not.

        Exertion is the crowd load an officer carries as a share of his type's hold force (at
        most 1): bracing or pushing lets him hold more, not tire less.
        Fatigue grows by exertion × dt / endurance and recovers by (1 − exertion) × dt /
        (`RECOVERY_FACTOR` × endurance): a platoon that held a surge for its endurance is spent
        and needs relief, which is why doctrine relieves lines (lapis ganti, lintas ganti).

        Args:
            crowd_load_n: crowd contact load on each officer (rows as the other arrays).
            dt: step length (s).
        """
        exertion = np.minimum(crowd_load_n / np.maximum(self.base_hold_n, 1.0), 1.0)
        self.fatigue += dt / self.endurance_s * (exertion - (1.0 - exertion) / RECOVERY_FACTOR)
        np.clip(self.fatigue, 0.0, 1.0, out=self.fatigue)
        self.hold_force_n[:] = self.base_hold_n * self.hold_factor * (1.0 - FATIGUE_LOSS * self.fatigue)
