"""A hostage attempt: a few rioters rush a building to take the people inside (SPEC §5 events).

`start_hostage_attempt(world, building_id, people)` picks the `people` most agitated crowd
members on their feet and free, perusuh and provokator before anyone else (then by agitation,
then by index, so the pick is deterministic), sets their agitation to 1 and sends them to a
navigation goal against the building's wall nearest to them (`goals.goal_against`). If one of
them, on his feet and not seized, comes within `REACH_M` of the building's outline, hostages
are taken ("hostages_taken"; `Riot.hostages_taken`, which the prevent_hostages objective and
the situation colour read). If first every one of them is seized, injured, dispersed or gone
from the map, the attempt is foiled ("hostage_attempt_foiled"). 1.5 m: a man at arm's length
from a door or window is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.crowd import Crowd
from sispam.sim.geometry import points_in_shape
from sispam.sim.riot.goals import goal_against
from sispam.sim.scenario import Obstacle, ObstacleKind, Role

if TYPE_CHECKING:
    from sispam.sim.world import World

REACH_M = 1.5
_FIRST_ROLES = (Crowd.ROLES.index(Role.PERUSUH), Crowd.ROLES.index(Role.PROVOKATOR))


@dataclass(slots=True)
class HostageAttempt:
    """One attempt: the building, the attackers (body indices), when it began and how it ended
    (None while it runs, "taken" or "foiled")."""

    building: Obstacle
    attackers: np.ndarray
    t_start: float
    result: str | None = None
    t_end: float | None = None

    def update(self, world: World, free: np.ndarray) -> str | None:
        """Check the attempt (`free`: mask over the crowd of people on their feet and free);
        returns "taken" or "foiled" on the step it ends."""
        if self.result is not None:
            return None
        on = self.attackers[free[self.attackers]]
        if len(on) == 0:
            return self._end(world, "foiled", {})
        inside = points_in_shape(world.bodies.pos[on], self.building.shape, REACH_M)
        if inside.any():
            return self._end(world, "taken", {"by": int(on[np.argmax(inside)])})
        return None

    def _end(self, world: World, result: str, detail: dict[str, Any]) -> str:
        self.result, self.t_end = result, world.t
        kind = "hostages_taken" if result == "taken" else "hostage_attempt_foiled"
        world.note(kind, {"building": self.building.id, "after_s": round(world.t - self.t_start, 3), **detail})
        return result


def start_hostage_attempt(world: World, building_id: str, people: int) -> HostageAttempt | None:
    """Send the `people` most agitated free crowd members at the building (module docstring).

    Returns the attempt (also kept by `world.riot`), or None if the building is unknown or no
    one is on the map to try (timeline "hostage_attempt_failed" with the reason)."""
    building = next((o for o in world.scenario.obstacles
                     if o.id == building_id and o.kind in (ObstacleKind.BUILDING, ObstacleKind.SHOP)), None)
    if building is None:
        world.note("hostage_attempt_failed", {"building": building_id, "reason": "no_such_building"})
        return None
    c = world.crowd
    free = np.flatnonzero(world.riot.free())
    if len(free) == 0 or people <= 0:
        world.note("hostage_attempt_failed", {"building": building_id, "reason": "no_one"})
        return None
    first = np.isin(c.role[free], _FIRST_ROLES)
    order = np.lexsort((free, -c.agitation[free], ~first))  # last key sorts first
    chosen = np.sort(free[order[:people]])
    c.agitation[chosen] = 1.0
    goal, _ = goal_against(world, building.shape, world.bodies.pos[chosen].mean(axis=0))
    c.goal[chosen] = goal
    c.goal_is_exit[chosen] = False
    attempt = HostageAttempt(building, chosen, world.t)
    world.riot.attempts.append(attempt)
    world.note("hostage_attempt", {"building": building.id, "people": [int(i) for i in chosen]})
    return attempt
