"""Raimas (Peleton Pengurai Massa): ride to a point and break the crowd up (stage 4).

The unit moves its formation to the order's `point` at motorbike speed, facing the way it
rides (its slots lead the officers by at most `LEAD_M`, so a packed crowd slows the bikes down
as it slows a line). For the order's `duration_s` (default `SWEEP_S`) after the order takes
effect, every `PERIOD_S` the active crowd members within `SWEEP_RADIUS_M` of a standing officer
give up: their goal becomes the nearest exit zone of the level by walking distance
(`crowd.goal_is_exit`, so they walk there and leave the map), `crowd.dispersed` marks them, and
they are touched at stage 4 (the ladder sees them). A level without an exit zone sends them to
a point `AWAY_M` beyond the sweep point in the direction the unit rides: away from the Raimas
line. Until issue 4's mood model decides who resists, everyone swept gives up.
Timeline: disperse_started, disperse_ended (with how many were dispersed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sispam.sim.navigation import goal_key_for_point
from sispam.sim.police.command import Operation
from sispam.sim.police.movement import LEAD_M
from sispam.sim.police.teams import facing_deg
from sispam.sim.scenario import ZoneRole

if TYPE_CHECKING:
    from sispam.sim.world import World

# Motorbikes crawl through a crowd at about running pace: 18 km/h.
MOTORBIKE_MPS = 5.0
# People within a few metres of a riot bike's revving engine and swinging batons step back;
# 4 m is a game value (about two bike lengths).
SWEEP_RADIUS_M = 4.0
SWEEP_S = 60.0
PERIOD_S = 0.5
AWAY_M = 30.0


def home_goals(world: World) -> tuple[list[int], bool]:
    """The navigation goals of the level's exit zones, and True; ([], False) if it has none."""
    exits = [z.id for z in world.scenario.zones if z.role is ZoneRole.EXIT]
    return [world.nav.goal_index(("zone", z)) for z in exits], bool(exits)


def send_home(world: World, people: np.ndarray, goals: list[int], to_exit: bool) -> None:
    """Give `people` the nearest of `goals` by walking distance as their goal."""
    walk = np.stack([world.nav.distance_at(g, world.bodies.pos[people]) for g in goals])
    world.crowd.goal[people] = np.asarray(goals)[np.argmin(walk, axis=0)]
    world.crowd.goal_is_exit[people] = to_exit


class Disperse(Operation):
    """Ride to a point and send the crowd there home (see the module docstring).

    `issued.outcome`: dispersed (people), exits (goal zone ids or the away point).
    """

    def start(self) -> None:
        w, u, o = self.world, self.unit, self.order
        point = np.asarray(o.point, float)
        u.facing_deg = facing_deg(np.asarray(u.anchor), point, u.facing_deg)
        u.anchor = (float(point[0]), float(point[1]))
        w.lines.set_hold(u, 1.0)
        w.lines.set_speed(u, MOTORBIKE_MPS, LEAD_M)
        w.lines.reform(u)
        w.formation_changed(u)
        self.goals, self.to_exit = home_goals(w)
        if not self.goals:
            size = np.asarray(w.scenario.size, float)
            away = np.clip(point + AWAY_M * u.facing_vector(), 1.0, size - 1.0)
            self.goals = [w.nav.goal_index(goal_key_for_point((float(away[0]), float(away[1]))))]
        self.t_end = w.t + (SWEEP_S if o.duration_s is None else float(o.duration_s))
        self.next_t = w.t
        self.issued.outcome = {"dispersed": 0, "goals": [w.nav.goals[g][1] for g in self.goals]}
        w.note("disperse_started", {"order_id": self.issued.id, "unit": u.id})

    def after_step(self) -> None:
        w = self.world
        c = w.crowd
        if w.t >= self.next_t - 1e-9:
            self.next_t += PERIOD_S
            people = w.crowd_near(w.bodies.pos[w.standing(self.unit)], SWEEP_RADIUS_M)
            people = people[~c.arrested[people] & ~c.carried[people]]
            if len(people):
                self.touch(people)  # first: whether they stayed after a dispersal order is read now
                send_home(w, people, self.goals, self.to_exit)
                c.dispersed[people] = True
            self.issued.outcome["dispersed"] = int(w.ladder.applications[self.issued.id].touched.sum()) \
                if self.issued.id in w.ladder.applications else 0
        if w.t >= self.t_end - 1e-9:
            w.note("disperse_ended", {"order_id": self.issued.id, "unit": self.unit.id,
                                      "dispersed": self.issued.outcome["dispersed"]})
            self.done = True
