"""The after-action review (*anev*) of a recorded run: the four questions instructors ask at a
debrief, answered from what the run recorded.

1. What should have happened: the level's objectives and the doctrine (Perkap 16/2006: hold the
   line, persuade first; Perkap 1/2009: force only as far as the crowd's behaviour warrants,
   stage by stage).
2. What happened: the outcome and score, how the situation went, the peak of resistance, the key
   moments (first stone, first breach, injuries, arrests, the instructor's injects), the orders and the force used.
3. Why: what the record shows led there: a line overloaded before a breach, force above what
   the people touched were doing, force without a warning first, crush before an injury, the
   crowd hardening after force or calming after talks and targeted arrests, and what turned the
   situation merah (officers hurt by stones, a shop attacked, hostages, a tenth agresif).
4. What to improve: one line for each thing that went wrong, or what to keep doing.

Beside the four questions, the score is explained part by part (`score_parts`).

Everything is a `Finding`: a catalogue key (`aar.*`) and the values to fill it with, so that the
debrief screen and the HTML report say it in the reader's language (`sispam.ui.i18n`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sispam.jsonsafe import as_dict as _dict
from sispam.jsonsafe import as_list as _list
from sispam.jsonsafe import number as _number
from sispam.review.findings import Finding
from sispam.review.recording import Recording
from sispam.review.score_parts import score_findings

# The debrief's sections, in the order they are shown (each an attribute of `Debrief`).
SECTIONS = ("should", "happened", "score", "why", "improve")
OVERLOAD_SHARE = 0.9  # a line carrying this share of its hold force is at its limit
CRUSH_DENSITY_PPM2 = 5.0  # people per m²: past this, pushing crowds crush (Fruin; see domain.md)
BEFORE_S = 15.0  # how long before a moment the record is searched for its cause
AFTER_S = 30.0  # how long after an order its effect on the crowd is looked for
SHIFT = 0.05  # a change of the resisting share this large (5 points) is a change
LOW_PART = 75  # a score part (0-100) below this is clearly low: the lesson names it and its lever


@dataclass(slots=True)
class Debrief:
    should: list[Finding]
    happened: list[Finding]
    why: list[Finding]
    improve: list[Finding]
    moments: list[Finding]  # the key moments, in time order (also in `happened`, summed up)
    score: list[Finding]  # where the points went, part by part (`score_parts`)


def resisting_share(rec: Recording) -> list[tuple[float, float]]:
    """(t, share of the people on the map who are aktif or agresif) for each sample."""
    s = rec.samples
    out = []
    for k, t in enumerate(s["t"]):
        present = s["tertib"][k] + s["pasif"][k] + s["aktif"][k] + s["agresif"][k]
        out.append((t, (s["aktif"][k] + s["agresif"][k]) / present if present else 0.0))
    return out


def _share_at(series: list[tuple[float, float]], t: float) -> float:
    before = [v for ts, v in series if ts <= t + 1e-9]
    return before[-1] if before else 0.0


def _is_time(value: Any) -> bool:
    return _number(value, -1.0) >= 0.0


def touched_classes(entry: dict[str, Any]) -> str:
    """Whom a force-ladder entry touched, by behaviour class: "20 tertib, 6 pasif"."""
    return ", ".join(f"{int(_number(n))} {c}" for c, n in _dict(entry.get("by_class")).items() if _number(n))


def _max_between(series: list[tuple[float, float]], t0: float, t1: float) -> float:
    return max((v for ts, v in series if t0 - 1e-9 <= ts <= t1 + 1e-9), default=0.0)


def debrief(rec: Recording) -> Debrief:  # noqa: PLR0912 (one part of the review after another)
    """The after-action review of a recorded run."""
    report, s = rec.report, rec.samples
    # An edited replay's report may hold anything: what is not the expected shape is left out.
    timeline = [e for e in _list(report.get("timeline")) if isinstance(e, dict) and _is_time(e.get("t"))]
    metrics = _dict(report.get("metrics"))
    objectives = [o for o in _list(report.get("objectives")) if isinstance(o, dict)]
    events = {}
    for e in timeline:
        events.setdefault(e.get("event"), []).append(e)
    resisting = resisting_share(rec)
    # A plan's orders are all in the log from the start: only those given before the run ended
    # count, and only those that took effect can have done anything.
    # Each order's times and stage as numbers (an edited replay's may be anything).
    orders = [o | {"t": _number(o.get("t")), "effective_t": _number(o.get("effective_t", o.get("t"))),
                   "stage": int(_number(o.get("stage")))}
              for o in _list(report.get("orders")) if isinstance(o, dict) and o.get("status") != "pending"]
    effective = [o for o in orders if o.get("status") != "given"
                 and o["effective_t"] <= rec.end_t + 1e-6]

    should = [Finding("aar.should.objective" if o.get("required", True) else "aar.should.optional",
                      {"id": o.get("id", ""), "text": o.get("text")}) for o in objectives]
    should += [Finding("aar.should.line"), Finding("aar.should.ladder")]

    moments = []
    for kind in ("first_projectile", "first_breach"):
        for e in events.get(kind, [])[:1]:
            moments.append(Finding(f"aar.moment.{kind}", {"t": e["t"]}, e["t"]))
    for e in events.get("civilian_injured", []):
        moments.append(Finding("aar.moment.civilian_injured", {"t": e["t"]}, e["t"]))
    for e in events.get("officer_down", []):
        moments.append(Finding("aar.moment.officer_down", {"t": e["t"], "unit": e.get("unit", "")}, e["t"]))
    for e in events.get("arrest_completed", []):
        moments.append(Finding("aar.moment.arrest", {"t": e["t"], "unit": e.get("unit", "")}, e["t"]))
    for e in events.get("inject", []):
        moments.append(Finding("aar.moment.inject", {"t": e["t"], "inject": {k: v for k, v in e.items() if k != "t"}},
                               e["t"]))
    for e in events.get("force_violation", []):
        moments.append(Finding("aar.moment.violation", {"t": e["t"], "unit": e.get("unit", ""),
                                                         "order": e.get("order", ""), "stage": e.get("stage", 0)}, e["t"]))
    moments.sort(key=lambda f: f.t)

    peak_t, peak = max(resisting, key=lambda p: p[1], default=(0.0, 0.0))
    situation = _dict(report.get("situation"))
    seconds = _dict(situation.get("seconds"))
    injuries = _dict(metrics.get("injuries"))
    arrests = _dict(metrics.get("arrests"))
    happened = [
        Finding("aar.happened.outcome", {"outcome": report.get("outcome", "incomplete"),
                                         "score": _dict(report.get("score")).get("total", 0), "end": rec.end_t}),
        Finding("aar.happened.situation", {"worst": situation.get("worst", "hijau"),
                                           "hijau": seconds.get("hijau", 0.0), "kuning": seconds.get("kuning", 0.0),
                                           "merah": seconds.get("merah", 0.0)}),
        Finding("aar.happened.peak", {"share": round(100 * peak), "t": peak_t}, peak_t),
        Finding("aar.happened.order" if len(orders) == 1 else "aar.happened.orders",
                {"n": len(orders), "stage": metrics.get("max_force_stage", 0)}),
        Finding("aar.happened.harm", {"civilian": injuries.get("civilian", 0), "officer": injuries.get("officer", 0),
                                      "breaches": metrics.get("breaches", 0)}),
        Finding("aar.happened.arrests", {"provocateur": arrests.get("provocateur", 0), "other": arrests.get("other", 0)}),
    ]

    why: list[Finding] = []
    improve: list[Finding] = []
    load = list(zip(s["t"], s["line_load_share"], strict=True))
    first_breach = events.get("first_breach", [])
    if first_breach:
        t = first_breach[0]["t"]
        share = _max_between(load, t - BEFORE_S, t)
        before = [o for o in effective if o["effective_t"] <= t]
        lines_formed = [o for o in before if o.get("order") == "form"]
        fell_back = [o for o in before if o.get("order") == "fall_back"]
        if share >= OVERLOAD_SHARE:
            why.append(Finding("aar.why.overload", {"t": t, "share": round(100 * share)}, t))
        elif fell_back:
            last = fell_back[-1]
            why.append(Finding("aar.why.fell_back", {"t": t, "unit": last.get("unit", ""),
                                                     "when": last["effective_t"]}, t))
        elif not lines_formed:
            why.append(Finding("aar.why.no_line", {"t": t}, t))
        else:
            why.append(Finding("aar.why.gap", {"t": t}, t))
        improve.append(Finding("aar.improve.reinforce"))
    violations = [a for a in _list(_dict(report.get("force_ladder")).get("audit"))
                  if isinstance(a, dict) and a.get("violation") and _is_time(a.get("t"))]
    for a in violations:
        classes = touched_classes(a)
        why.append(Finding("aar.why.violation", {"t": a["t"], "unit": a.get("unit", ""), "order": a.get("order", ""),
                                                 "stage": a.get("stage", 0), "classes": classes}, a["t"]))
    if violations:
        improve.append(Finding("aar.improve.proportional"))
    skipped = int(_number(metrics.get("skipped_steps", 0)))
    if skipped:
        why.append(Finding("aar.why.skipped", {"n": skipped}))
        improve.append(Finding("aar.improve.warn_first"))
    hurt = events.get("civilian_injured", [])
    if hurt:
        t = hurt[0]["t"]
        dense = _max_between(list(zip(s["t"], s["density_ppm2"], strict=True)), t - BEFORE_S, t)
        if dense >= CRUSH_DENSITY_PPM2:
            why.append(Finding("aar.why.crush", {"t": t, "density": round(dense, 1)}, t))
            pushed = any(o.get("order") in ("desak", "dorong") and o["effective_t"] <= t
                         for o in effective)
            # Advice against pushing only where the police pushed; else the crowd pressed itself.
            improve.append(Finding("aar.improve.room" if pushed else "aar.improve.relieve"))
    for o in effective:
        stage, t = o["stage"], o["effective_t"]
        before, after = _share_at(resisting, t - 1.0), _max_between(resisting, t, t + AFTER_S)  # just before it
        if stage >= 4 and o.get("order") != "arrest" and after >= before + SHIFT:
            why.append(Finding("aar.why.hardened", {"t": t, "order": o.get("order", ""), "unit": o.get("unit", ""),
                                                    "before": round(100 * before), "after": round(100 * after)}, t))
            if Finding("aar.improve.targeted") not in improve:
                improve.append(Finding("aar.improve.targeted"))
    calming = [("negotiation_started", "aar.why.talks"), ("arrest_completed", "aar.why.arrest")]
    for kind, key in calming:
        for e in events.get(kind, [])[:1]:
            t = e["t"]
            before, later = _share_at(resisting, t - 1.0), _share_at(resisting, t + AFTER_S)
            if later <= before - SHIFT:
                why.append(Finding(key, {"t": t, "before": round(100 * before), "after": round(100 * later)}, t))
    for e in [e for e in events.get("situation", []) if e.get("to") == "merah"][:1]:
        cause = e.get("cause") or "agresif"
        why.append(Finding("aar.why.merah", {"t": e["t"], "cause": cause}, e["t"]))
        improve.append(Finding("aar.improve.berlindung" if cause == "officer_hurt" else "aar.improve.isolate"))
    dialogue = any(o.get("order") in ("appeal", "negotiate") for o in effective)
    if not dialogue and situation.get("worst", "hijau") != "hijau":
        why.append(Finding("aar.why.no_dialogue"))
        improve.append(Finding("aar.improve.dialogue"))
    for o in objectives:
        if o.get("status") == "failed":
            improve.append(Finding("aar.improve.objective", {"id": o.get("id", ""), "text": o.get("text")}))
    trust = _trust_lesson(report, [e for e in timeline if isinstance(e, dict) and e.get("kind") == "rumour"
                                   and e.get("event") in ("scripted_event", "inject")])
    if trust is not None:
        improve.append(trust)
    if not improve and report.get("outcome") == "won":
        improve.append(Finding("aar.improve.keep", {"score": _dict(report.get("score")).get("total", 0)}))
    elif not improve:  # nothing went wrong, but the drill was not played out
        still = sum(1 for o in objectives if o.get("status") == "pending")
        improve.append(Finding("aar.improve.finish", {"open": still}))
    why.sort(key=lambda f: (f.t is None, f.t or 0.0))
    if not why:
        why.append(Finding("aar.why.none"))
    return Debrief(should, happened, why, improve, moments, score_findings(report))


def _part(value: Any) -> float | None:
    """A number read from a report that anyone can edit (None if it is not one)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e12 else None


def _trust_lesson(report: dict[str, Any], rumours: list[dict[str, Any]]) -> Finding | None:
    """The lesson of a clearly low legitimacy part: the crowd kept less than `LOW_PART` % of the
    trust it came with, and the lever is dialogue, earlier and throughout, and an answer to the
    first rumour of fraud when it comes. None when trust held, or the report has no score detail."""
    score = report.get("score") if isinstance(report.get("score"), dict) else {}
    parts, weights = (score.get(k) if isinstance(score.get(k), dict) else {} for k in ("parts", "weights"))
    detail = score.get("detail") if isinstance(score.get("detail"), dict) else {}
    trust = detail.get("legitimacy") if isinstance(detail.get("legitimacy"), dict) else {}
    part, start, end = _part(parts.get("legitimacy")), _part(trust.get("start")), _part(trust.get("end"))
    # By the trust kept, not the part: a run stopped early has a small part for a short drill.
    if part is None or start is None or end is None or start <= 0 or 100 * end / start >= LOW_PART:
        return None
    numbers = [w for w in (_part(v) for v in weights.values()) if w is not None and w >= 0]
    weight = _part(weights.get("legitimacy"))
    share = round(100 * weight / sum(numbers)) if weight is not None and sum(numbers) > 0 else None
    values = {"part": int(part), "weight": "?" if share is None else share, "before": round(100 * start),
              "after": round(100 * end)}
    times = sorted(t for t in (_part(e.get("t")) for e in rumours) if t is not None)
    if not times:
        return Finding("aar.improve.trust", values)
    return Finding("aar.improve.trust_rumour", {**values, "when": times[0]}, times[0])
