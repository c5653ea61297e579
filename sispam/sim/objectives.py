"""Objectives, the outcome of a level, and when it ends (SPEC §5).

Each objective is *pending* until it is *met* or *failed*. Some are decided as they happen (a
breach fails protect_zone, the second provocateur handed over meets arrest_provocateurs), the
rest when the level ends (protect_zone is met if nobody got in by then). The level is **lost**
the moment a required objective fails, **won** when every required objective is met (at the end
at the latest), and ends there. A level without required objectives (a sandbox) runs to its end
and is "incomplete".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.scenario import Objective, ObjectiveKind, Role

if TYPE_CHECKING:
    from sispam.sim.world import World

PENDING, MET, FAILED = "pending", "met", "failed"
_PROVOKATOR = Crowd.ROLES.index(Role.PROVOKATOR)


@dataclass(slots=True)
class ObjectiveState:
    """Where one objective stands."""

    objective: Objective
    status: str = PENDING
    t: float | None = None  # when it was decided
    progress: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        o = self.objective
        out: dict[str, Any] = {"id": o.id, "kind": str(o.kind), "required": o.required, "weight": o.weight,
                               "status": self.status, "t": None if self.t is None else round(self.t, 3),
                               "progress": self.progress}
        if o.text is not None:
            out["text"] = {"id": o.text.id, "en": o.text.en}
        return out


class Objectives:
    """The level's objectives as they stand, and the outcome (see the module docstring)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.states = [ObjectiveState(o) for o in world.scenario.objectives]
        self.outcome = "incomplete"
        self.ended_t: float | None = None

    @property
    def ended(self) -> bool:
        """The level is decided: won or lost."""
        return self.ended_t is not None

    def update(self, final: bool = False) -> None:
        """Decide what can be decided now; `final` at the level's end settles the rest."""
        if self.ended:
            return
        for s in self.states:
            if s.status == PENDING:
                self._judge(s, final)
        required = [s for s in self.states if s.objective.required]
        if not required:
            return
        if any(s.status == FAILED for s in required):
            self._end("lost")
        elif all(s.status == MET for s in required):
            self._end("won")
        elif final:
            self._end("lost")

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.ended_t = self.world.t
        self.world.note("level_" + outcome, {"objectives": {s.objective.id: s.status for s in self.states}})

    def _decide(self, s: ObjectiveState, status: str) -> None:
        s.status = status
        s.t = self.world.t
        self.world.note("objective_" + status, {"objective": s.objective.id, "kind": str(s.objective.kind)})

    def _judge(self, s: ObjectiveState, final: bool) -> None:  # noqa: PLR0912 (one case per kind)
        w, o = self.world, s.objective
        t = w.t + 1e-9
        match o.kind:
            case ObjectiveKind.PROTECT_ZONE:
                n = w.zone_breaches.get(o.zone or "", 0)
                s.progress = {"breaches": n}
                if n > o.max_breaches:
                    self._decide(s, FAILED)
                elif final:
                    self._decide(s, MET)
            case ObjectiveKind.HOLD_UNTIL:
                n = w.zone_breaches.get(o.zone or "", 0)
                s.progress = {"breaches": n}
                if n > 0:
                    self._decide(s, FAILED)
                elif t >= (o.until_s or 0.0) or final:
                    self._decide(s, MET)
            case ObjectiveKind.INJURY_LIMIT:
                s.progress = dict(w.injuries)
                over_civ = o.civilian_max is not None and w.injuries["civilian"] > o.civilian_max
                over_off = o.officer_max is not None and w.injuries["officer"] > o.officer_max
                if over_civ or over_off:
                    self._decide(s, FAILED)
                elif final:
                    self._decide(s, MET)
            case ObjectiveKind.NO_FORCE_VIOLATIONS:
                n = len(w.ladder.violations)
                s.progress = {"violations": n}
                if n > o.max_violations:
                    self._decide(s, FAILED)
                elif final:
                    self._decide(s, MET)
            case ObjectiveKind.ARREST_PROVOCATEURS:
                b = w.bodies
                n = int(((b.state[: b.n_crowd] == BodyState.ARRESTED) & (w.crowd.role == _PROVOKATOR)).sum())
                s.progress = {"arrested": n}
                if n >= o.at_least:
                    self._decide(s, MET)
                elif final:
                    self._decide(s, FAILED)
            case ObjectiveKind.DISPERSE:
                tally = w.tally()
                share = tally["left"] / max(tally["came"], 1)
                s.progress = {"left_share": round(share, 3)}
                if share >= o.fraction:
                    self._decide(s, MET)
                elif final or (o.by_s is not None and t >= o.by_s):
                    self._decide(s, FAILED)
            case ObjectiveKind.PREVENT_HOSTAGES:
                if w.riot.hostages_taken:
                    self._decide(s, FAILED)
                elif final:
                    self._decide(s, MET)
            case ObjectiveKind.EXTINGUISH_FIRES:
                burning = [f for f in w.fires if f.burning]
                s.progress = {"burning": len(burning), "out": len(w.fires) - len(burning)}
                if o.within_s is not None:  # each fire has its own time; one lit late may burn at the end
                    failed = any(t - f.t_lit > o.within_s for f in burning)
                else:
                    failed = final and bool(burning)
                if failed:
                    self._decide(s, FAILED)
                elif final:
                    self._decide(s, MET)


def crowd_tally(world: World) -> dict[str, int]:
    """Counts the objectives and conditions read: arrested (handed over), injured (civilians
    and officers), came (crowd that arrived, less those taken away), left (exited)."""
    b = world.bodies
    count = np.bincount(b.state[: b.n_crowd], minlength=len(BodyState))  # people in each state
    return {
        "arrested": int(count[BodyState.ARRESTED]),
        "injured": int(world.injuries["civilian"] + world.injuries["officer"]),
        "came": int(count.sum() - count[BodyState.WAITING] - count[BodyState.ARRESTED] - count[BodyState.EVACUATED]),
        "left": int(count[BodyState.EXITED]),
    }
