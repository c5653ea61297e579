"""The crowd's aggressive acts (SPEC §3 agresif; issue 4): projectiles thrown at the police
(`projectiles`), tyres set alight (`arson`), shops damaged and looted (`looting`), and hostage
attempts on a building (`hostage`).

Who acts is read from `crowd.behaviour()`: agresif people (agitation ≥ 0.9, driven by the mood
model) who are on their feet and free (`Riot.free`: not seized, carried or dispersed) and not
fleeing tear gas. The attackers of a running hostage attempt do nothing else.

`World` owns one `Riot` as `world.riot`: `add_forces` runs with the other forces (the heat of
fires pushes people away), `update` once per step after the zones. Readers: the situation colour
(`last_throw_t`, `last_officer_hurt_t`, `last_property_t`, `hostages_taken`), objectives
(`hostages_taken`), the lead's event conditions (`acts_since`), the report (`summary`), the UI
(`projectiles.origin/landing/t_launch/t_land/kind` of what is in flight).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.riot.arson import Arson
from sispam.sim.riot.hostage import HostageAttempt, start_hostage_attempt
from sispam.sim.riot.looting import Looting
from sispam.sim.riot.projectiles import Projectiles

if TYPE_CHECKING:
    from sispam.sim.world import World

__all__ = ["ACTS", "Riot", "start_hostage_attempt"]

# What `acts_since` counts.
ACTS = ("thrown", "officers_hurt", "fires_lit", "shops_damaged", "shops_looted", "hostage_attempts",
        "hostages_taken", "hostage_attempts_foiled")


class Riot:
    """The aggressive acts of a world's crowd (see the module docstring).

    Attributes:
        projectiles, arson, looting: the parts.
        attempts: hostage attempts so far.
        last_throw_t, last_officer_hurt_t, last_property_t: when a projectile was last thrown,
            an officer last injured by one, a shop last damaged (−inf: never).
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.projectiles = Projectiles(world)
        self.arson = Arson(world)
        self.looting = Looting(world)
        self.attempts: list[HostageAttempt] = []
        self.last_throw_t = -np.inf
        self.last_officer_hurt_t = -np.inf
        self.last_property_t = -np.inf
        self._act_t: list[float] = []
        self._act_kind: list[str] = []

    # --- reading --------------------------------------------------------------------------

    @property
    def hostages_taken(self) -> bool:
        """Whether any hostage attempt has succeeded."""
        return any(a.result == "taken" for a in self.attempts)

    def free(self) -> np.ndarray:
        """Mask over the crowd: on their feet and free (not seized, carried or dispersed)."""
        w = self.world
        c = w.crowd
        free: np.ndarray = (w.bodies.state[: w.bodies.n_crowd] == BodyState.ACTIVE) & ~c.arrested & ~c.carried & ~c.dispersed
        return free

    def acts_since(self, t: float) -> dict[str, int]:
        """How many of each act (`ACTS`) happened at or after time `t` (s)."""
        counts = Counter(self._act_kind[bisect_left(self._act_t, t - 1e-9):])
        since = t - 1e-9
        counts["hostage_attempts"] = sum(a.t_start >= since for a in self.attempts)
        for result, kind in (("taken", "hostages_taken"), ("foiled", "hostage_attempts_foiled")):
            counts[kind] = sum(a.result == result and a.t_end is not None and a.t_end >= since for a in self.attempts)
        return {k: counts.get(k, 0) for k in ACTS}

    def summary(self) -> dict[str, Any]:
        """Counts for the report: projectiles, fires lit, property, hostages."""
        return {
            "projectiles": self.projectiles.summary(),
            "fires_lit": len(self.arson.lit),
            "property": self.looting.summary(),
            "hostages": {"attempts": len(self.attempts), "taken": self.hostages_taken,
                         "foiled": sum(a.result == "foiled" for a in self.attempts)},
        }

    # --- acting ---------------------------------------------------------------------------

    def hostage_attempt(self, building: str, people: int) -> HostageAttempt | None:
        """Start a hostage attempt (the scripted event's entry point; see `hostage`)."""
        return start_hostage_attempt(self.world, building, people)

    def add_forces(self, force: np.ndarray) -> None:
        """Add the riot's forces on people (heat of fires) into `force` (N, per body)."""
        self.arson.add_forces(force)

    def update(self) -> None:
        """Once per step, after the zones: attempts, projectiles, fires, shops."""
        w = self.world
        c = w.crowd
        free = self.free()
        running = [a for a in self.attempts if a.result is None]
        for a in running:
            a.update(w, free)
        able = free & (c.flee_s <= 0.0)
        for a in running:
            able[a.attackers] = False
        # A level without the riot (`Scenario.riot` off): agresif people push and nothing more.
        agresif = np.flatnonzero(able & (c.behaviour() == Behaviour.AGRESIF) & w.scenario.riot)

        thrown, hurt = self.projectiles.update(agresif)
        if thrown:
            self.last_throw_t = w.t
            self._act("thrown", thrown)
        if len(hurt):
            self.last_officer_hurt_t = w.t
            self._act("officers_hurt", len(hurt))
        if self.arson.update(agresif) is not None:
            self._act("fires_lit")
        first, looted, damage = self.looting.update(agresif)
        if damage:
            self.last_property_t = w.t
        self._act("shops_damaged", len(first))
        self._act("shops_looted", len(looted))

    def _act(self, kind: str, n: int = 1) -> None:
        t = self.world.t
        self._act_t.extend([t] * n)
        self._act_kind.extend([kind] * n)
