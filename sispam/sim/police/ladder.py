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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sispam.sim.crowd import Behaviour

# The highest stage each behaviour class allows (Perkap 1/2009 Pasal 5).
MAX_STAGE = {Behaviour.TERTIB: 2, Behaviour.PASIF: 3, Behaviour.AKTIF: 4, Behaviour.AGRESIF: 5}
_MAX_STAGE_BY_CLASS = np.array([MAX_STAGE[b] for b in Behaviour])
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
    """

    order_id: int
    unit: str
    kind: str
    stage: int
    t_first: float
    t_last: float
    touched: np.ndarray
    by_class: np.ndarray = field(default_factory=lambda: np.zeros(len(Behaviour), np.int64))

    @property
    def justified_share(self) -> float:
        """Share of the people touched whose behaviour allows this stage."""
        total = int(self.by_class.sum())
        if total == 0:
            return 1.0
        return float(self.by_class[_MAX_STAGE_BY_CLASS >= self.stage].sum()) / total

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
        # Called with (people, stage, behaviour) for everyone an order touches for the first
        # time: the mood model's ESIM feedback (`Mood.force_used`).
        self.listener: Callable[[np.ndarray, int, np.ndarray], None] | None = None

    def order_effective(self, order_id: int, unit: str, kind: str, stage: int) -> dict | None:
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
              people: np.ndarray, behaviour: np.ndarray) -> None:
        """Record that an order touched `people` (crowd body indices) of class `behaviour`."""
        if len(people) == 0:
            return
        app = self.applications.get(order_id)
        if app is None:
            app = Application(order_id, unit, kind, stage, t, t, np.zeros(self.n_crowd, bool))
            self.applications[order_id] = app
        app.t_last = t
        new = ~app.touched[people]
        if new.any():
            app.touched[people[new]] = True
            app.by_class += np.bincount(behaviour[new], minlength=len(Behaviour))
            if self.listener is not None:
                self.listener(people[new], stage, behaviour[new])

    @property
    def violations(self) -> list[Application]:
        """Applications whose stage the people touched did not justify."""
        return [a for a in self.applications.values() if a.violation]

    def audit(self) -> list[dict]:
        """One entry per application, for the report."""
        out = []
        for a in sorted(self.applications.values(), key=lambda a: (a.t_first, a.order_id)):
            entry = {
                "t": round(a.t_first, 3), "until": round(a.t_last, 3), "order_id": a.order_id, "unit": a.unit,
                "order": a.kind, "stage": a.stage, "touched": int(a.touched.sum()),
                "by_class": {b.name.lower(): int(n) for b, n in zip(Behaviour, a.by_class, strict=True)},
                "violation": a.violation,
            }
            if a.violation:
                entry["reason"] = "stage_above_behaviour"
                entry["explain"] = a.explain()
            out.append(entry)
        return out
