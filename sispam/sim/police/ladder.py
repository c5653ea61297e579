"""The use-of-force ladder (Perkap 1/2009): who each order touched, and whether that was allowed.

Pasal 5 matches each stage to the behaviour it answers: stage 3 (soft empty-hand) to tindakan
pasif, stage 4 (hard empty-hand) to tindakan aktif, stage 5 (blunt or chemical) to tindakan
agresif; stages 1 (presence) and 2 (verbal) are always allowed. An order that touches people is
an *application*: the ladder keeps, per application, how many people of each behaviour class it
touched (each person counted once, in the class he was in when first touched).

An application is a **violation** when fewer than `JUSTIFIED_SHARE` of the people it touched
behaved in a way that allows its stage: a targeted response (one aggressive person arrested)
is justified, a water cannon on a passive crowd with a few aggressive people in it is not.
A **skipped step** is a stage-5 application with no stage-2 order (an appeal or a negotiation)
before it in the run: Perkap 1/2009 and the drill both put verbal orders first.

Two kinds of people allow stage 4 (an arrest, a push, a Raimas sweep) whatever their behaviour
class (`allowed_stages`):

* a **provokator who incites** (at least pasif): inciting is an *ambang gangguan*, the threshold
  of a disturbance, that Protap Kapolri 1/X/2010 (Penanggulangan Anarki) tells the police to act
  on: his arrest is lawful before he throws anything;
* someone who **stays after a lawful dispersal order** (perintah pembubaran, UU 9/1998 Pasal
  15-16; the order is given by loudspeaker and is lawful once the assembly is disorderly, see
  `police.appeal.DispersalOrder`): `DISPERSAL_GRACE_S` after he heard it, he is no longer part
  of a lawful assembly, and dispersing him is not a violation.

Stage 5 (water cannon, tear gas) on someone who is not himself agresif is lawful in one case: he
stays in a **riot** after the dispersal order, i.e. he heard it while the situation was merah
(melanggar hukum: arson, destruction, assault). The police then act on the anarchic mass as a
whole after the warning, as Protap Kapolri 1/X/2010 (Penanggulangan Anarki) and the merah stage
of the drill have it (domain brief §1.3: tear gas and water cannon in merah); the orderly who
heard the order have gone home.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.scenario import Role

# The highest stage each behaviour class allows (Perkap 1/2009 Pasal 5).
MAX_STAGE = {Behaviour.TERTIB: 2, Behaviour.PASIF: 3, Behaviour.AKTIF: 4, Behaviour.AGRESIF: 5}
MAX_STAGE_BY_CLASS = np.array([MAX_STAGE[b] for b in Behaviour])
STAGES = 6  # 0 (none) .. 5
ARREST_STAGE = 4  # what an inciting provokator and a crowd that stays after a dispersal order allow
RIOT_STAGE = 5  # what a crowd that stays in a riot (merah) after the dispersal order allows
# Three warnings over a minute or so before police move in, as drills give them (game value).
DISPERSAL_GRACE_S = 60.0
_PROVOKATOR = Crowd.ROLES.index(Role.PROVOKATOR)


def allowed_stages(crowd: Crowd, people: np.ndarray, t: float) -> np.ndarray:
    """The highest stage each of `people` (crowd indices) allows now: his behaviour class's,
    raised to `ARREST_STAGE` for an inciting provokator or someone who stays after a lawful
    dispersal order (see the module docstring)."""
    behaviour = crowd.behaviour(people)
    allowed = MAX_STAGE_BY_CLASS[behaviour]
    inciting = (crowd.role[people] == _PROVOKATOR) & (behaviour >= Behaviour.PASIF)
    stayed = (crowd.dispersal_heard_t[people] + DISPERSAL_GRACE_S <= t + 1e-9) & ~crowd.goal_is_exit[people]
    allowed = np.where(inciting | stayed, np.maximum(allowed, ARREST_STAGE), allowed)
    return np.where(stayed & crowd.dispersal_in_riot[people], RIOT_STAGE, allowed)


JUSTIFIED_SHARE = 0.5  # at least half of those touched must behave so as to allow the stage
VERBAL_STAGE = 2
SKIP_CHECKED_STAGE = 5

REFERENCE = "Perkap 1/2009 Pasal 5"


@dataclass(slots=True)
class Application:
    """Force one order used on people.

    Attributes:
        order_id: number of the order in the run (its index in `Command.log`).
        unit, kind, stage: who used which order at which stage.
        t_first, t_last: first and last time it touched someone.
        touched: mask over the crowd of everyone touched.
        by_class: how many of them were in each `Behaviour` class when first touched.
        by_allowed: how many of them allowed each stage (0-5) at most when first touched
            (`allowed_stages`: the class's stage, or more for the lawful exceptions).
    """

    order_id: int
    unit: str
    kind: str
    stage: int
    t_first: float
    t_last: float
    touched: np.ndarray
    by_class: np.ndarray = field(default_factory=lambda: np.zeros(len(Behaviour), np.int64))
    by_allowed: np.ndarray = field(default_factory=lambda: np.zeros(STAGES, np.int64))

    @property
    def justified_share(self) -> float:
        """Share of the people touched whose behaviour (or lawful exception) allows this stage."""
        total = int(self.by_allowed.sum())
        if total == 0:
            return 1.0
        return float(self.by_allowed[self.stage:].sum()) / total

    @property
    def excess(self) -> float:
        """Mean over the people touched of the stages used above what each allowed."""
        total = int(self.by_allowed.sum())
        if total == 0:
            return 0.0
        return float((np.maximum(self.stage - np.arange(STAGES), 0) * self.by_allowed).sum()) / total

    @property
    def violation(self) -> bool:
        """Stage above what the behaviour of the people touched allows."""
        return self.justified_share < JUSTIFIED_SHARE

    def explain(self) -> str:
        """Why the application is a violation, in the words of the doctrine (English; the UI
        translates by the `reason` code in the report)."""
        counts = ", ".join(f"{int(n)} {b.name.lower()}" for b, n in zip(Behaviour, self.by_class, strict=True) if n)
        return (f"stage {self.stage} ({self.kind}) touched {counts}; {REFERENCE} allows stage {self.stage} "
                f"only against behaviour of class {_lowest_class_allowing(self.stage)} or worse")


def _lowest_class_allowing(stage: int) -> str:
    for b in Behaviour:
        if MAX_STAGE[b] >= stage:
            return b.name.lower()
    return Behaviour.AGRESIF.name.lower()


class ForceLadder:
    """Every application of force in a run, violations and skipped steps."""

    def __init__(self, n_crowd: int) -> None:
        self.n_crowd = n_crowd
        self.applications: dict[int, Application] = {}
        self.max_stage = 0
        self.skipped_steps = 0
        self._verbal_given = False
        # Called with (people, stage, allowed stages) for everyone an order touches for the first
        # time: the mood model's ESIM feedback (`Mood.force_used`).
        self.listener: Callable[[np.ndarray, int, np.ndarray], None] | None = None

    def order_effective(self, order_id: int, unit: str, kind: str, stage: int) -> dict[str, Any] | None:
        """An order took effect: note its stage and check the step before it. Returns the
        timeline detail of a skipped step ("force_skipped_step"), or None."""
        self.max_stage = max(self.max_stage, stage)
        if stage == VERBAL_STAGE:
            self._verbal_given = True
        if stage < SKIP_CHECKED_STAGE or self._verbal_given:
            return None
        self.skipped_steps += 1
        return {
            "order_id": order_id, "unit": unit, "order": kind, "stage": stage, "reason": "no_appeal_first",
            "explain": f"stage {stage} ({kind}) with no appeal or negotiation (stage 2) before it; "
                       f"{REFERENCE} asks for verbal orders first",
        }

    def touch(self, t: float, order_id: int, unit: str, kind: str, stage: int,
              people: np.ndarray, behaviour: np.ndarray, allowed: np.ndarray | None = None) -> None:
        """Record that an order touched `people` (crowd body indices) of class `behaviour`,
        who allow at most stage `allowed` each (default: what their class allows)."""
        if allowed is None:
            allowed = MAX_STAGE_BY_CLASS[behaviour]
        if len(people) == 0:
            return
        self.max_stage = max(self.max_stage, stage)  # a line walked into people pressed them
        app = self.applications.get(order_id)
        if app is None:
            app = Application(order_id, unit, kind, stage, t, t, np.zeros(self.n_crowd, bool))
            self.applications[order_id] = app
        app.t_last = t
        new = ~app.touched[people]
        if new.any():
            app.touched[people[new]] = True
            app.by_class += np.bincount(behaviour[new], minlength=len(Behaviour))
            app.by_allowed += np.bincount(allowed[new], minlength=STAGES)
            if self.listener is not None:
                self.listener(people[new], stage, allowed[new])

    @property
    def violations(self) -> list[Application]:
        """Applications whose stage the people touched did not justify."""
        return [a for a in self.applications.values() if a.violation]

    def audit(self) -> list[dict[str, Any]]:
        """One entry per application, for the report."""
        out = []
        for a in sorted(self.applications.values(), key=lambda a: (a.t_first, a.order_id)):
            entry = {
                "t": round(a.t_first, 3), "until": round(a.t_last, 3), "order_id": a.order_id, "unit": a.unit,
                "order": a.kind, "stage": a.stage, "touched": int(a.touched.sum()),
                "by_class": {b.name.lower(): int(n) for b, n in zip(Behaviour, a.by_class, strict=True)},
                "lawful_exceptions": int(a.by_allowed[a.stage:].sum()
                                         - a.by_class[MAX_STAGE_BY_CLASS >= a.stage].sum()),
                "violation": a.violation,
            }
            if a.violation:
                entry["reason"] = "stage_above_behaviour"
                entry["explain"] = a.explain()
            out.append(entry)
        return out
