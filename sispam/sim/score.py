"""The score of a run, 0-100, in named parts (SPEC §5) with the level's weights.

Each part is a share from 0 to 1, and every part is judged over the level's whole duration: a
run that is lost before its end (a breach, a violation, too many hurt) has the rest of the
drill out of control, so it earns no safety, legitimacy or time for it. Stopping early can
never pay.

* **objectives** — the weighted share of objectives met. A protected zone that is met with
  people inside (a level may allow a few) earns its weight less one share for each breach:
  with `max_breaches` = 2, one breach leaves two thirds.
* **safety** — 1 / (1 + harm / `SAFETY_HALF`), harm = civilians injured + 2 × officers injured
  (an officer down also weakens the line): five civilians hurt halve it. × the share played.
* **proportionality** — 1 − the cost of each force violation − `SKIP_COST` per skipped step
  of the force ladder (Perkap 1/2009), not below 0. A violation costs `VIOLATION_COST` per stage
  above what the behaviour of the people it touched allows (their mean excess), times
  1 + log10(people touched): stage 4 on one orderly man (an arrest of the wrong man) costs 0.3,
  tear gas on 100 orderly people 1.35, the whole part.
* **legitimacy** — the crowd's mean perceived legitimacy at the end over what it came with
  (capped at 1): what the police's conduct did to the crowd's trust (ESIM). × the share played.
* **time** — hijau seconds plus half the kuning seconds over the level's duration: how long the
  situation was kept under control (after a loss, the rest of the drill counts as merah).

The total is the weighted mean of the parts × 100. The costs are game-design values, chosen so
that a plan a Dalmas instructor would rank lower also scores lower (the ranking is checked by
`sispam.level.plans_battery`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.objectives import MET
from sispam.sim.police.ladder import Application
from sispam.sim.scenario import SCORE_PARTS, Colour, ObjectiveKind

if TYPE_CHECKING:
    from sispam.sim.world import World

SAFETY_HALF = 5.0
VIOLATION_COST = 0.15
SKIP_COST = 0.1


def score(world: World) -> dict[str, Any]:
    """The score so far: total (0-100), each part (0-100), the weights, and what each part
    measured (`detail`, for the debrief)."""
    played = played_share(world)
    harm = world.injuries["civilian"] + 2 * world.injuries["officer"]
    objectives, objectives_detail = _objectives(world)
    violations = [_violation_detail(a) for a in world.ladder.violations]
    legitimacy, legitimacy_detail = _legitimacy(world)
    time, time_detail = _time(world)
    parts = {
        "objectives": objectives,
        "safety": played / (1.0 + harm / SAFETY_HALF),
        "proportionality": max(0.0, 1.0 - sum(v["cost"] for v in violations)
                               - SKIP_COST * world.ladder.skipped_steps),
        "legitimacy": played * legitimacy,
        "time": time,
    }
    weights = dict(zip(SCORE_PARTS, world.scenario.score_weights, strict=True))
    total = sum(weights[k] * parts[k] for k in SCORE_PARTS) / max(sum(weights.values()), 1e-9)
    detail = {
        "played_share": round(played, 4),
        "objectives": objectives_detail,
        "safety": {"civilians": world.injuries["civilian"], "officers": world.injuries["officer"]},
        "proportionality": {"violations": violations, "skipped_steps": world.ladder.skipped_steps},
        "legitimacy": legitimacy_detail,
        "time": time_detail,
    }
    return {"total": int(round(100 * total)), "parts": {k: int(round(100 * parts[k])) for k in SCORE_PARTS},
            "weights": weights, "detail": detail}


def played_share(world: World) -> float:
    """The share of the level's duration the trainee kept the run going: 1 unless it was lost
    early (a won level ends when its last required objective is met, and earns the rest)."""
    o = world.objectives
    if o.outcome != "lost" or o.ended_t is None:
        return 1.0
    return min(1.0, o.ended_t / max(world.scenario.duration_s, 1e-9))


def violation_cost(app: Application) -> tuple[float, float]:
    """(cost, mean excess stage) of a force violation: `VIOLATION_COST` per stage above what
    the touched people allowed (`Application.excess`), times 1 + log10(people touched)."""
    touched = int(app.by_allowed.sum())
    if touched == 0:
        return 0.0, 0.0
    excess = app.excess
    return VIOLATION_COST * excess * (1.0 + pmath.log(touched) / pmath.log(10.0)), excess


def _violation_detail(app: Application) -> dict[str, Any]:
    cost, excess = violation_cost(app)
    return {"order_id": app.order_id, "unit": app.unit, "order": app.kind, "stage": app.stage,
            "touched": int(app.by_class.sum()), "excess": round(excess, 2), "cost": round(cost, 3)}


def _objectives(world: World) -> tuple[float, list[dict[str, Any]]]:
    states = world.objectives.states
    total = sum(s.objective.weight for s in states)
    credits: list[dict[str, Any]] = []
    for s in states:
        o = s.objective
        credit = 1.0 if s.status == MET else 0.0
        if s.status == MET and o.kind is ObjectiveKind.PROTECT_ZONE:
            credit = 1.0 - s.progress.get("breaches", 0) / (o.max_breaches + 1)
        credits.append({"id": o.id, "status": s.status, "weight": o.weight, "credit": round(credit, 4)})
    if total <= 0:
        return 0.0, credits
    return sum(c["weight"] * c["credit"] for c in credits) / total, credits


def _legitimacy(world: World) -> tuple[float, dict[str, float]]:
    b, c = world.bodies, world.crowd
    came = b.state[: b.n_crowd] != BodyState.WAITING
    if not came.any():
        return 1.0, {"start": 1.0, "end": 1.0}
    start, end = float(c.legitimacy_start[came].mean()), float(c.legitimacy[came].mean())
    return float(np.clip(end / max(start, 1e-9), 0.0, 1.0)), {"start": round(start, 3), "end": round(end, 3)}


def _time(world: World) -> tuple[float, dict[str, float]]:
    seconds = world.situation.seconds
    spent = sum(seconds.values())
    # Over the level's duration once it is lost: the rest of the drill counts as merah.
    whole = max(spent, world.scenario.duration_s) if world.objectives.outcome == "lost" else spent
    detail = {str(k): round(v, 1) for k, v in seconds.items()}
    detail["lost_s"] = round(whole - spent, 1)
    if whole <= 0:
        return 1.0, detail
    return (seconds[Colour.HIJAU] + 0.5 * seconds[Colour.KUNING]) / whole, detail
