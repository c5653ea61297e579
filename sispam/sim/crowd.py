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
from sispam.sim.neighbours import Pairs
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
        self.breached = np.zeros(n, bool)


def crowd_forces(bodies: Bodies, crowd: Crowd, nav: NavField, walls: WallField,
                 pairs: Pairs) -> None:
    """Write driving plus social forces of every active crowd member into `bodies.force`."""
    nc = bodies.n_crowd
    active = bodies.state[:nc] == BodyState.ACTIVE
    idx = np.flatnonzero(active)
    if len(idx) == 0:
        return
    pos, vel = bodies.pos[idx], bodies.vel[idx]
    mass, radius = bodies.mass[idx], bodies.radius[idx]
    agit = crowd.agitation[idx]

    direction, remaining = nav.lookup(crowd.goal[idx], pos)
    crowd.heading[idx] = direction
    v0 = crowd.free_speed[idx] * (1.0 + (params.AGITATED_SPEED_FACTOR - 1.0) * agit)
    tau = params.RELAXATION_TIME_S - (params.RELAXATION_TIME_S - params.RELAXATION_TIME_AGITATED_S) * agit
    arriving = np.clip(remaining / params.ARRIVAL_SLOWDOWN_M, 0.0, 1.0)
    arriving[crowd.goal_is_exit[idx]] = 1.0  # walk on into the exit

    # Interactions: only pairs whose receiver is an active crowd member.
    recv = pairs.i < nc
    recv[recv] = active[pairs.i[recv]]
    pi, pj = pairs.i[recv], pairs.j[recv]
    d, dist = pairs.d[recv], pairs.dist[recv]
    gap = dist - bodies.radius[pi] - bodies.radius[pj]
    unit = d / np.maximum(dist, 1e-9)[:, None]
    fwd = crowd.heading[pi]
    ahead_cos = np.einsum("ij,ij->i", unit, fwd)

    # Headway (Tordeux et al. 2016): the nearest person in one's path limits one's speed.
    along = dist * ahead_cos
    lateral = np.abs(d[:, 0] * fwd[:, 1] - d[:, 1] * fwd[:, 0])
    in_path = (along > 0) & (lateral < bodies.radius[pi] + bodies.radius[pj])
    slot = np.searchsorted(idx, pi)  # position of each receiver within `idx`
    headway_gap = np.full(len(idx), np.inf)
    np.minimum.at(headway_gap, slot[in_path], np.maximum(gap[in_path], 0.0))
    free = np.clip(headway_gap / (params.HEADWAY_TIME_S * np.maximum(v0, 1e-6)), 0.0, 1.0)
    speed_wish = v0 * arriving * (free + agit * (1.0 - free))

    force = mass[:, None] * (speed_wish[:, None] * direction - vel) / tau[:, None]

    # Social repulsion (HFV2000 A, B) with the HM95 field of view.
    near = gap < params.SOCIAL_CUTOFF_M
    weight = np.where(ahead_cos[near] >= params.SOCIAL_VIEW_COS, 1.0, params.SOCIAL_BEHIND_FACTOR)
    mag = params.SOCIAL_A_N * np.exp(-np.maximum(gap[near], 0.0) / params.SOCIAL_B_M) * weight
    social = np.zeros((len(idx), 2))
    s = slot[near]
    social[:, 0] = np.bincount(s, -mag * unit[near, 0], minlength=len(idx))
    social[:, 1] = np.bincount(s, -mag * unit[near, 1], minlength=len(idx))
    social += walls.repulsion(pos, radius)
    # The repulsion is the person's own doing, so it is bounded by their own strength, and a
    # pusher gives up personal space in proportion to agitation.
    cap = (1.0 - agit) * mass * np.maximum(v0, params.FREE_SPEED_MEAN_MPS) / tau
    size = np.hypot(social[:, 0], social[:, 1])
    social *= (np.minimum(size, cap) / np.maximum(size, 1e-9))[:, None]

    bodies.force[idx] = force + social
