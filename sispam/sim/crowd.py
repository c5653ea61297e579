"""The crowd's per-person parameters and the forces that move it.

Walking follows the social force model (Helbing & Molnár 1995; Helbing, Farkas & Vicsek 2000):
a driving force relaxes each person's velocity towards the desired one, and an exponential
repulsion keeps them off others and off walls. pymunk resolves body contact itself, so the
contact terms of HFV2000 are pymunk's, and the pushing a crowd does is real pushing.

Two additions, both documented in params.py: calm walkers limit their desired speed to the gap
ahead divided by a headway time (which reproduces Weidmann's speed-density relation), and the
repulsion a person generates is capped by what their own legs can do, m·v0/τ, scaled down by
agitation (a pusher does not keep his distance). Everything is vectorised over the crowd.
"""

from __future__ import annotations

import numpy as np

from sispam.sim import params
from sispam.sim.bodies import Bodies, BodyState
from sispam.sim.navigation import NavField, WallField
from sispam.sim.neighbours import Neighbourhood
from sispam.sim.scenario import Role


class Crowd:
    """Per-person crowd parameters (arrays of length n_crowd, same index as `Bodies`).

    Attributes:
        group: index of the crowd group in the scenario.
        role: index into `ROLES`.
        goal: index of the goal in the navigation field.
        goal_is_exit: the person leaves the map on reaching the goal.
        free_speed: desired walking speed when calm and unobstructed (m/s).
        agitation: 0 calm .. 1 pushing hard. Issue 4's mood model will drive it.
        arrival_s: when the person appears.
    """

    ROLES: tuple[Role, ...] = tuple(Role)

    def __init__(self, n: int) -> None:
        self.group = np.zeros(n, np.int32)
        self.role = np.zeros(n, np.int8)
        self.goal = np.zeros(n, np.int32)
        self.goal_is_exit = np.zeros(n, bool)
        self.free_speed = np.zeros(n)
        self.agitation = np.zeros(n)
        self.arrival_s = np.zeros(n)
        self.spawn_zone = np.zeros(n, np.int32)
        # Walking direction of the last step: the "forward" of the field of view and headway.
        self.heading = np.zeros((n, 2))
        self.remaining_m = np.zeros(n)  # walking distance left to the goal
        self.breached = np.zeros(n, bool)


def steer(bodies: Bodies, crowd: Crowd, nav: NavField) -> None:
    """Look up every active crowd member's walking direction and distance to goal."""
    active = bodies.state[: bodies.n_crowd] == BodyState.ACTIVE
    direction, remaining = nav.lookup(crowd.goal[active], bodies.pos[: bodies.n_crowd][active])
    crowd.heading[active] = direction
    crowd.remaining_m[active] = remaining


def crowd_forces(bodies: Bodies, crowd: Crowd, walls: WallField, near: Neighbourhood) -> None:
    """Write driving plus social forces of every active crowd member into `bodies.force`.

    `steer` must have run this step, and `near` must have been computed with its headings.
    """
    nc = bodies.n_crowd
    idx = np.flatnonzero(bodies.state[:nc] == BodyState.ACTIVE)
    if len(idx) == 0:
        return
    pos, vel = bodies.pos[idx], bodies.vel[idx]
    mass, radius = bodies.mass[idx], bodies.radius[idx]
    agit = crowd.agitation[idx]
    direction = crowd.heading[idx]

    v0 = crowd.free_speed[idx] * (1.0 + (params.AGITATED_SPEED_FACTOR - 1.0) * agit)
    tau = params.RELAXATION_TIME_S - (params.RELAXATION_TIME_S - params.RELAXATION_TIME_AGITATED_S) * agit
    arriving = np.clip(crowd.remaining_m[idx] / params.ARRIVAL_SLOWDOWN_M, 0.0, 1.0)
    arriving[crowd.goal_is_exit[idx]] = 1.0  # walk on into the exit
    # Headway (Tordeux et al. 2016): the nearest person in one's path limits one's speed.
    free = np.clip(near.headway_m[idx] / (params.HEADWAY_TIME_S * np.maximum(v0, 1e-6)), 0.0, 1.0)
    speed_wish = v0 * arriving * (free + agit * (1.0 - free))
    drive = mass[:, None] * (speed_wish[:, None] * direction - vel) / tau[:, None]

    social = near.social_n[idx] + walls.repulsion(pos, radius)
    # The repulsion is the person's own doing, so it is bounded by their own strength, and a
    # pusher gives up personal space in proportion to agitation.
    cap = (1.0 - agit) * mass * np.maximum(v0, params.FREE_SPEED_MEAN_MPS) / tau
    size = np.hypot(social[:, 0], social[:, 1])
    social *= (np.minimum(size, cap) / np.maximum(size, 1e-9))[:, None]

    bodies.force[idx] = drive + social
