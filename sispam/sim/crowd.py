"""The crowd's per-person parameters, as arrays indexed like `Bodies` (the forces that move
the crowd are in `motion`)."""

from __future__ import annotations

from enum import IntEnum
from typing import overload

import numpy as np

from sispam.sim.scenario import Role

# The behaviour class follows agitation, which the mood model (`sispam.sim.mood`) drives from
# what each person perceives: at or above each bound a person is in the next class.
BEHAVIOUR_BOUNDS = (0.3, 0.7, 0.9)
# How hard a korlap called forward to talk presses through his own people: as a motivated man
# (the motivated bottleneck crowds of the validation, agitation 0.4), not as a rioter.
CALLED_EFFORT = 0.4


class Behaviour(IntEnum):
    """Behaviour classes of Perkap 1/2009 Pasal 1 (plus the orderly), which decide the force
    the police may use on a person (see `police.ladder`)."""

    TERTIB = 0  # orderly
    PASIF = 1  # disturbs order, ignores orders to stop, does not resist
    AKTIF = 2  # resists, tries to break free or flee, does not attack
    AGRESIF = 3  # attacks police, the public or property


class Crowd:
    """Per-person crowd parameters (arrays of length n_crowd, same index as `Bodies`).

    Attributes:
        group: index of the crowd group in the scenario.
        role: index into `ROLES`.
        goal: index of the goal in the navigation field.
        goal_is_exit: the person leaves the map on reaching the goal.
        free_speed: desired walking speed when calm and unobstructed (m/s).
        agitation: 0 calm .. 1 pushing hard; the mood model drives it (see `sispam.sim.mood`
            for the dispositions and state below: hardship, legitimacy, risk_aversion,
            threshold, cascade_threshold, fear).
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
        # Police effects on each person (read by the mood model, issue 4).
        self.soaked_s = np.zeros(n)  # time spent in a water cannon's jet
        self.gas_dose = np.zeros(n)  # tear gas concentration integrated over time
        self.arrested = np.zeros(n, bool)
        # Fleeing tear gas (set by `gas`, read by `motion`): while flee_s > 0 the person walks
        # along the unit vector `flee` (down the gas gradient), faster than normal.
        self.flee = np.zeros((n, 2))
        self.flee_s = np.zeros(n)
        # Added for the orders acting on people (police/arrest, evacuate, negotiate, appeal, disperse):
        self.carried = np.zeros(n, bool)  # being carried by medics to the ambulance
        self.negotiated_s = np.zeros(n)  # time a negotiator talked with this korlap
        self.called = np.zeros(n, bool)  # a korlap called forward by negotiators: he presses to them
        self.appeal_heard_s = np.zeros(n)  # time spent within earshot of a loudspeaker appeal
        self.dispersed = np.zeros(n, bool)  # sent home by a Raimas sweep (goal switched to an exit)
        # When he first heard a lawful dispersal order (perintah pembubaran; inf: never).
        self.dispersal_heard_t = np.full(n, np.inf)
        self.dispersal_in_riot = np.zeros(n, bool)  # heard it while the situation was merah
        # Mood (sispam.sim.mood): dispositions drawn on arrival, and what police conduct changes.
        self.hardship = np.zeros(n)
        self.legitimacy = np.zeros(n)
        self.legitimacy_start = np.zeros(n)
        self.risk_aversion = np.zeros(n)
        self.threshold = np.zeros(n)  # Epstein's T
        self.cascade_threshold = np.zeros(n)  # Granovetter's share of actives in view
        self.fear = np.zeros(n)
        self.addressed_t = np.full(n, -np.inf)  # when police last talked to him (appeal, negotiation)
        # How far short of his goal a person stops (m): the mood model keeps the orderly and the
        # passive rallying in front of a protected zone; motion treats the goal as reached there.
        self.standoff_m = np.zeros(n)
        # How hard each person pushes (0..1, what motion reads): his agitation while the mood
        # model is off; with it, what his behaviour class allows (see `mood.push_effort`).
        self.effort = np.zeros(n)
        # Where a standing person has planted his feet (see `motion`): he resists being moved
        # off it up to the strength of his legs.
        self.anchor = np.zeros((n, 2))
        self.anchored = np.zeros(n, bool)
        self.mood_driven = False

    def push_effort(self) -> np.ndarray:
        """The agitation motion works with: `effort` when the mood model drives it, else agitation;
        a korlap called forward to talk (`called`) presses through his own people like a motivated
        man (`CALLED_EFFORT`), or he would stand stuck in the press in front of a police line."""
        effort = self.effort if self.mood_driven else self.agitation
        if self.called.any():
            effort = np.where(self.called, np.maximum(effort, CALLED_EFFORT), effort)
        return effort

    @overload
    def behaviour(self, idx: int) -> np.int8: ...
    @overload
    def behaviour(self, idx: np.ndarray | slice = ...) -> np.ndarray: ...
    def behaviour(self, idx: np.ndarray | slice | int = slice(None)) -> np.ndarray | np.int8:
        """Behaviour class (`Behaviour` values) of the people at `idx` (of one person for a row number)."""
        return np.searchsorted(BEHAVIOUR_BOUNDS, self.agitation[idx], side="right").astype(np.int8)
