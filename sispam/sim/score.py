"""The score of a run, 0-100, in named parts (SPEC §5, issue 4) with the level's weights.

Each part is a share from 0 to 1:

* **objectives** — the weighted share of objectives met.
* **safety** — 1 / (1 + harm / `SAFETY_HALF`), harm = civilians injured + 2 × officers injured
  (an officer down also weakens the line): five civilians hurt halve it.
* **proportionality** — 1 − `VIOLATION_COST` per force violation − `SKIP_COST` per skipped step
  of the force ladder (Perkap 1/2009), not below 0.
* **legitimacy** — the crowd's mean perceived legitimacy now over what it came with (capped at
  1): what the police's conduct did to the crowd's trust (ESIM).
* **time** — the share of the run spent in hijau, kuning counting half: how long the situation
  was kept under control.

The total is the weighted mean of the parts × 100. The costs are game-design values: one
violation costs a quarter of the part, so four make it zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.objectives import MET
from sispam.sim.scenario import SCORE_PARTS, Colour

if TYPE_CHECKING:
    from sispam.sim.world import World

SAFETY_HALF = 5.0
VIOLATION_COST = 0.25
SKIP_COST = 0.1


def score(world: World) -> dict[str, Any]:
    """The score so far: total (0-100), each part (0-100) and the weights."""
    parts = {
        "objectives": _objectives(world),
        "safety": 1.0 / (1.0 + (world.injuries["civilian"] + 2 * world.injuries["officer"]) / SAFETY_HALF),
        "proportionality": max(0.0, 1.0 - VIOLATION_COST * len(world.ladder.violations)
                               - SKIP_COST * world.ladder.skipped_steps),
        "legitimacy": _legitimacy(world),
        "time": _time(world),
    }
    weights = dict(zip(SCORE_PARTS, world.scenario.score_weights, strict=True))
    total = sum(weights[k] * parts[k] for k in SCORE_PARTS) / max(sum(weights.values()), 1e-9)
    return {"total": int(round(100 * total)), "parts": {k: int(round(100 * parts[k])) for k in SCORE_PARTS},
            "weights": weights}


def _objectives(world: World) -> float:
    states = world.objectives.states
    total = sum(s.objective.weight for s in states)
    if total <= 0:
        return 0.0
    return sum(s.objective.weight for s in states if s.status == MET) / total


def _legitimacy(world: World) -> float:
    b, c = world.bodies, world.crowd
    came = b.state[: b.n_crowd] != BodyState.WAITING
    if not came.any():
        return 1.0
    start = float(c.legitimacy_start[came].mean())
    return float(np.clip(c.legitimacy[came].mean() / max(start, 1e-9), 0.0, 1.0))


def _time(world: World) -> float:
    seconds = world.situation.seconds
    total = sum(seconds.values())
    if total <= 0:
        return 1.0
    return (seconds[Colour.HIJAU] + 0.5 * seconds[Colour.KUNING]) / total
