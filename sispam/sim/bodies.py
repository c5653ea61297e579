"""Every person in the world as rows of numpy arrays, indexed by a stable body index.

Crowd members take indices 0..n_crowd-1, officers n_crowd..n-1. An index never changes or gets
reused, whatever happens to the pymunk body behind it (arrival, exit, falling down).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class BodyKind(IntEnum):
    """Body classes; the name is what the trajectories file writes in its `kind` column."""

    CROWD = 0
    OFFICER = 1


class BodyState(IntEnum):
    """Physical state of a person; the lower-case name goes into the `state` column."""

    WAITING = 0  # not yet arrived (or riding in a vehicle, see vehicles.py): no body in the space
    ACTIVE = 1  # walking, standing, pushing or holding a slot
    INJURED = 2  # a crowd member crushed past the injury threshold: lies as an obstacle
    DOWN = 3  # an officer knocked down (overload, a stone): lies on the ground, out of the press
    EXITED = 4  # left the map through an exit: no body in the space
    # Added for police/arrest and police/evacuate: taken off the map by a team.
    ARRESTED = 5  # seized by a tim tangkap and handed over: no body in the space
    EVACUATED = 6  # carried to an ambulance by medics: no body in the space


class Bodies:
    """Structure of arrays for all people.

    Args:
        n_crowd: crowd members.
        n_officers: officers.
    """

    def __init__(self, n_crowd: int, n_officers: int) -> None:
        n = n_crowd + n_officers
        self.n_crowd = n_crowd
        self.n = n
        self.kind = np.full(n, BodyKind.CROWD, dtype=np.int8)
        self.kind[n_crowd:] = BodyKind.OFFICER
        self.state = np.full(n, BodyState.WAITING, dtype=np.int8)
        self.pos = np.zeros((n, 2))
        self.vel = np.zeros((n, 2))
        # Velocity averaged over about half a second: contact jitter step to step is not the
        # motion that crowd pressure measures (see metrics.py).
        self.vel_smooth = np.zeros((n, 2))
        self.force = np.zeros((n, 2))
        self.radius = np.zeros(n)
        self.mass = np.zeros(n)
        # Measured each step (see metrics.py).
        self.load_n = np.zeros(n)  # compressive contact load: sum of normal contact forces
        self.compression_n = np.zeros(n)  # the force squeezing his chest, over about a second
        self.contact_n = np.zeros(n)  # the same force in the last step alone (contacts.py)
        self.squeeze_n = np.zeros((n, 3))  # the contact stress (xx, xy, yy) over about a second
        self.contact_squeeze_n = np.zeros((n, 3))  # the same in the last step alone
        self.strain_s = np.zeros(n)  # an officer's time over his knock-down load
        self.crush_dose = np.zeros(n)  # a crowd member's share of a fatal crush dose (metrics.py)

    @property
    def crowd(self) -> slice:
        """Index range of the crowd."""
        return slice(0, self.n_crowd)

    @property
    def officers(self) -> slice:
        """Index range of the officers."""
        return slice(self.n_crowd, self.n)

    def in_space(self) -> np.ndarray:
        """Mask of people who have a body in the space."""
        s = self.state
        present: np.ndarray = (s == BodyState.ACTIVE) | (s == BodyState.INJURED) | (s == BodyState.DOWN)
        return present
