"""Where a run's points went: one finding per part of the score, from the report's score detail
(`sispam.sim.score`), for the debrief and its HTML export.

The report comes from a replay file, which anyone can edit: every value is read defensively,
and a report without detail (an older replay) gives no findings."""

from __future__ import annotations

from typing import Any

from sispam.jsonsafe import as_dict as _dict
from sispam.jsonsafe import as_list as _list
from sispam.jsonsafe import number as _number
from sispam.review.findings import Finding


def score_findings(report: dict[str, Any]) -> list[Finding]:
    """What each part of the score measured in this run, and what cost points."""
    score = _dict(report.get("score"))
    detail, parts = _dict(score.get("detail")), _dict(score.get("parts"))
    if not detail:
        return []
    out: list[Finding] = []
    played = _number(detail.get("played_share"), 1.0)
    if played < 1.0:
        out.append(Finding("aar.score.played", {"share": round(100 * played)}))
    objectives = [o for o in _list(detail.get("objectives")) if isinstance(o, dict)][:50]
    met = sum(1 for o in objectives if o.get("status") == "met")
    out.append(Finding("aar.score.objectives", {"part": int(_number(parts.get("objectives"))), "met": met,
                                                "total": len(objectives)}))
    texts = {o.get("id"): o.get("text") for o in _list(report.get("objectives")) if isinstance(o, dict)}
    for o in objectives:
        credit = _number(o.get("credit"), 1.0)
        if o.get("status") == "met" and credit < 1.0:
            name = str(o.get("id", ""))[:80]
            out.append(Finding("aar.score.breaches", {"id": name, "text": texts.get(name),
                                                      "kept": round(100 * max(credit, 0.0))}))
    safety = _dict(detail.get("safety"))
    out.append(Finding("aar.score.safety", {"part": int(_number(parts.get("safety"))),
                                            "civilian": int(_number(safety.get("civilians"))),
                                            "officer": int(_number(safety.get("officers")))}))
    force = _dict(detail.get("proportionality"))
    violations = [v for v in _list(force.get("violations")) if isinstance(v, dict)][:50]
    out.append(Finding("aar.score.proportionality", {"part": int(_number(parts.get("proportionality"))),
                                                     "violations": len(violations),
                                                     "skipped": int(_number(force.get("skipped_steps")))}))
    for v in violations:
        out.append(Finding("aar.score.violation", {
            "order": str(v.get("order", ""))[:40], "unit": str(v.get("unit", ""))[:40],
            "stage": int(_number(v.get("stage"))), "touched": int(_number(v.get("touched"))),
            "excess": round(_number(v.get("excess")), 1), "cost": round(100 * _number(v.get("cost")))}))
    legitimacy = _dict(detail.get("legitimacy"))
    out.append(Finding("aar.score.legitimacy", {"part": int(_number(parts.get("legitimacy"))),
                                                "before": round(100 * _number(legitimacy.get("start"))),
                                                "after": round(100 * _number(legitimacy.get("end")))}))
    time = _dict(detail.get("time"))
    out.append(Finding("aar.score.time", {"part": int(_number(parts.get("time"))),
                                          "hijau": _number(time.get("hijau")), "kuning": _number(time.get("kuning")),
                                          "merah": _number(time.get("merah")), "lost": _number(time.get("lost_s"))}))
    return out
