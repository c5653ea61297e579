"""The crowd's per-person parameters, as arrays indexed like `Bodies` (the forces that move
the crowd are in `motion`)."""

from __future__ import annotations

import numpy as np

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
        self.remaining_m = np.zeros(n)  # walking distance left to the goal
        self.breached = np.zeros(n, bool)
