"""Small random shoves: the fluctuation term of the social force model (Helbing, Farkas &
Vicsek 2000, ξ_i), as a force that varies smoothly in time.

In a press people never stand still: they shift their weight, twist their shoulders, step to
keep their balance. Without this a crowd of rigid discs pressing on a door forms an arch that
friction locks for ever, which real crowds never do: their clogs break after seconds, with a
heavy-tailed distribution of waiting times (Zuriguel et al. 2014; Garcimartín et al. 2014;
Pastor et al. 2015). Each person's fluctuation is an Ornstein-Uhlenbeck process with a
correlation time of a body sway (`FLUCTUATION_TIME_S`), so that it moves bodies, not the
solver's step-to-step jitter; its strength grows with agitation (`FLUCTUATION_BW`). It acts
across the walking direction: shoulders twist and bodies sway sideways, which is what opens an
arch, while the push forward is the driving force's alone.

The draws come from a child of the world's generator, so no other random draw moves.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import params, pmath


class Fluctuations:
    """One 2-D Ornstein-Uhlenbeck state of unit variance per crowd member.

    Args:
        n_crowd: crowd members.
        rng: the generator to draw from (its own: a child of the world's).
        dt: the world's step.
    """

    def __init__(self, n_crowd: int, rng: np.random.Generator, dt: float) -> None:
        self._rng = rng
        self.state = np.zeros((n_crowd, 2))
        self._keep = pmath.exp(-dt / params.FLUCTUATION_TIME_S)
        self._kick = math.sqrt(1.0 - self._keep * self._keep)  # keeps the stationary variance at 1

    def advance(self) -> None:
        """Move every state one step on (also for people not yet on the map: no index shifts
        the draws of another)."""
        if len(self.state):
            self.state *= self._keep
            self.state += self._kick * pmath.standard_normal(self._rng, self.state.shape)

    def force(self, mass: np.ndarray, effort: np.ndarray, heading: np.ndarray,
              compression: np.ndarray) -> np.ndarray:
        """The fluctuation force on each crowd member (N), from his mass, push effort and how hard
        he is squeezed (`compression`, N: someone pinned twists to get free, as hard as a pusher
        sways): a sway across his walking direction `heading` (rows like the crowd's), in any
        direction for someone without one. Sideways, it opens arches without adding to the push
        forward."""
        lo, hi = params.FLUCTUATION_BW
        stir = np.maximum(effort, np.minimum(compression / params.SQUIRM_FULL_N, 1.0))
        scale = (lo + (hi - lo) * stir) * mass * params.GRAVITY_MPS2
        along = self.state[:, 0] * heading[:, 0] + self.state[:, 1] * heading[:, 1]
        shove: np.ndarray = (self.state - along[:, None] * heading) * scale[:, None]
        return shove
