"""The run report (SPEC §2 `--report`): what happened, in numbers and a timeline.

Keys that later features fill (objectives, score, arrests) are present with zero values of the
right type, so readers of the report never need to special-case them.

`orders` is the run's order log (`Issued.as_dict`: time given, time effective, unit, kind,
force stage, parameters, status, outcome); `force_ladder` is the use-of-force audit
(`ForceLadder.audit`: one entry per order that touched people, with the behaviour classes it
touched and whether that was a violation) with its counts. Every order also shows in `timeline`
as an "order" event when given and an "order_effective" event when it takes effect, each with
its stage.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sispam import __version__
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.scenario import Role
from sispam.sim.score import score
from sispam.sim.world import World
from sispam.textsafe import text_path


def build_report(world: World, level_file: str, plan_file: str | None = None) -> dict[str, Any]:
    """The report of a world run so far; `plan_file` names the order plan that drove it, if any."""
    m = world.measure
    b = world.bodies
    crowd_state = b.state[: b.n_crowd]
    ladder = world.ladder
    audit = ladder.audit()
    violations = sum(1 for entry in audit if entry["violation"])
    riot = world.riot.summary()
    return {
        "level": world.scenario.id,
        "level_file": text_path(level_file),  # the report is UTF-8 (a name that is not keeps U+FFFD)
        "level_sha256": _sha256(level_file),
        "game_version": __version__,
        "plan_file": None if plan_file is None else text_path(plan_file),
        "title": {"id": world.scenario.title.id, "en": world.scenario.title.en},
        "seed": int(world.seed),
        "sim_seconds": round(world.t, 6),
        "outcome": world.objectives.outcome,
        "ended_s": None if world.objectives.ended_t is None else round(world.objectives.ended_t, 3),
        "objectives": [s.as_dict() for s in world.objectives.states],
        "score": score(world),
        "situation": {"now": str(world.situation.colour), "worst": str(world.situation.worst),
                      "seconds": {str(k): round(v, 3) for k, v in world.situation.seconds.items()}},
        "mood": world.mood.summary(),
        "metrics": {
            "max_density_ppm2": round(m.max_density_ppm2, 3),
            "max_crowd_pressure": round(m.max_pressure_per_s2, 5),
            "peak_line_load_n": round(float(m.peak_line_load_n.max(initial=0.0)), 1),
            "breaches": int(world.breaches),
            "injuries": {"civilian": world.injuries["civilian"], "officer": world.injuries["officer"]},
            "arrests": _arrests(world),
            "force_violations": violations,
            "max_force_stage": int(ladder.max_stage),
            "skipped_steps": int(ladder.skipped_steps),
            "max_crowd_load_n": round(m.max_crowd_load_n, 1),
            "max_compression_n": round(m.max_compression_n, 1),
            "projectiles": riot["projectiles"],
            "fires_lit_by_rioters": riot["fires_lit"],
            "property": riot["property"],
            "hostages": riot["hostages"],
        },
        "units": [
            {"id": u.id, "type": str(u.type), "officers": u.count,
             "peak_line_load_n": round(float(m.peak_line_load_n[k]), 1)}
            for k, u in enumerate(world.units)
        ],
        "measurement_areas": [
            {"id": a.id, "area_m2": round(a.area_m2, 2), "people_now": a.people, "max_people": a.max_people,
             "max_density_ppm2": round(a.max_density_ppm2, 3), "mean_density_ppm2": round(a.mean_density_ppm2, 3)}
            for a in m.areas
        ],
        "crowd": {
            "total": int(b.n_crowd),
            "arrived": int((crowd_state != BodyState.WAITING).sum()),
            "exited": int((crowd_state == BodyState.EXITED).sum()),
            "arrested": int((crowd_state == BodyState.ARRESTED).sum()),
            "evacuated": int((crowd_state == BodyState.EVACUATED).sum()),
            "injured": int((crowd_state == BodyState.INJURED).sum()),
            "breached": int(world.crowd.breached.sum()),
        },
        "orders": [issued.as_dict() for issued in world.command.log],
        "force_ladder": {
            "applications": len(audit),
            "violations": violations,
            "skipped_steps": int(ladder.skipped_steps),
            "max_stage": int(ladder.max_stage),
            "audit": audit,
        },
        "timeline": _timeline(world),
    }


def file_sha256(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes (what a replay ties itself to its level by).

    Raises:
        OSError: the file cannot be read.
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _sha256(level_file: str) -> str | None:
    try:
        return file_sha256(level_file)
    except OSError:
        return None


def _arrests(world: World) -> dict[str, int]:
    """People arrested and handed over, provocateurs apart."""
    b, c = world.bodies, world.crowd
    arrested = b.state[: b.n_crowd] == BodyState.ARRESTED
    provokator = c.role == Crowd.ROLES.index(Role.PROVOKATOR)
    return {"provocateur": int((arrested & provokator).sum()), "other": int((arrested & ~provokator).sum())}


def _timeline(world: World) -> list[dict[str, Any]]:
    """The world's events, with each force violation placed where it began (stable in time)."""
    entries = [{"t": round(e.t, 3), "event": e.kind, **e.detail} for e in world.events]
    for a in world.ladder.violations:
        entries.append({"t": round(a.t_first, 3), "event": "force_violation", "order_id": a.order_id,
                        "unit": a.unit, "order": a.kind, "stage": a.stage, "reason": "stage_above_behaviour",
                        "explain": a.explain()})
    return sorted(entries, key=lambda e: e["t"])
