"""Words for what the simulation holds: an objective, its state, an order, an event, in the
player's language (from the catalogue)."""

from __future__ import annotations

import math
from numbers import Real

from sispam.review.debrief import Finding
from sispam.sim.objectives import PENDING, ObjectiveState
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Objective, ObjectiveKind
from sispam.textsafe import printable
from sispam.ui.i18n import CATALOGUE, text


def objective_text(objective: Objective, lang: str) -> str:
    """The level's own text for an objective, else one made from its kind and numbers."""
    if objective.text is not None:
        return getattr(objective.text, lang)
    o = objective
    values = {"zone": o.zone or "", "n": o.max_breaches, "until": clock(o.until_s), "civ": o.civilian_max,
              "off": o.officer_max, "v": o.max_violations, "at_least": o.at_least,
              "pct": round(o.fraction * 100), "by": clock(o.by_s), "within": clock(o.within_s)}
    return text(f"objective.{o.kind}", lang).format(**values)


def order_name(order: Order, lang: str) -> str:
    """What an order is called in the feed and on a unit card: its kind ("Bergerak"), or for a
    FORM order that names a formation, the formation being taken ("Membentuk Tali Dalmas"): a
    change of formation is not a plain move."""
    if order.kind is OrderKind.FORM and order.formation is not None:
        return text("order.form_formation", lang).format(formation=text(f"formation.{order.formation}", lang))
    return text(f"order.{order.kind}", lang)


def objective_label(state: ObjectiveState, lang: str) -> str:
    """An objective's text as the play screen lists it: while an arrest objective is pending,
    with its running count ("Tangkap paling sedikit 2 provokator. (1/2)")."""
    label = objective_text(state.objective, lang)
    if state.status == PENDING and state.objective.kind is ObjectiveKind.ARREST_PROVOCATEURS:
        return text("objective.running_count", lang).format(objective=label, n=state.progress.get("arrested", 0),
                                                            of=state.objective.at_least)
    return label


def objective_status(state: ObjectiveState, lang: str) -> str:
    return text(f"objective.status.{state.status}", lang)


def clock(seconds: float | None) -> str:
    """`m:ss` of a simulation time ("–" for none)."""
    if seconds is None or isinstance(seconds, bool) or not isinstance(seconds, Real) or not math.isfinite(seconds):
        return "–"  # numpy's numbers are Real too
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def inject_text(detail: dict, lang: str) -> str:
    """What an instructor's inject did (its timeline entry's detail), e.g. "a crowd wave of 100
    people"."""
    kind = str(detail.get("inject", ""))
    key = f"inject.what.{kind}"
    if key not in CATALOGUE:
        return kind
    drop = detail.get("legitimacy_drop")
    values = {"count": detail.get("count", ""), "unit": detail.get("unit", ""),
              "drop": "" if drop is None else f"{float(drop):g}".replace(".", "," if lang == "id" else ".")}
    return text(key, lang).format(**values)


def term(prefix: str, value: object, lang: str) -> str:
    """The catalogue's word `prefix.value` in `lang`; a value it does not know (an edited
    replay's, a newer game's) as it is."""
    key = f"{prefix}.{value}"
    return text(key, lang) if key in CATALOGUE else printable("" if value is None else value)


def finding_text(finding: Finding, lang: str) -> str:
    """A debrief finding (`sispam.review.debrief`) in `lang`: times as m:ss, outcomes, colours
    and orders by their names, objectives by their text."""
    v = dict(finding.values)
    for key in ("t", "end", "hijau", "kuning", "merah", "lost", "when"):
        if key in v:
            v[key] = clock(v[key])
    for key, prefix in (("outcome", "records.outcome"), ("worst", "situation"), ("cause", "cause")):
        if key in v:
            v[key] = term(prefix, v[key], lang)
    if v.get("order"):
        v["order"] = term("order", v["order"], lang)
    if isinstance(v.get("inject"), dict):
        v["what"] = inject_text(v.pop("inject"), lang)
    if "id" in v:
        own = v.get("text")
        v["objective"] = (own.get(lang, v["id"]) if isinstance(own, dict) else v["id"]).rstrip(".")
    return text(finding.key, lang).format(**v)


def force_time(report: dict, entry: dict, lang: str) -> str:
    """When a force-ladder entry touched people first, and, if that was later than the order was
    given (an appeal reaches the crowd once the unit is there), when it was given: the feed
    shows the order at that time."""
    when = clock(entry.get("t", 0.0))
    given = next((o.get("t") for o in report.get("orders", [])
                  if isinstance(o, dict) and o.get("id") == entry.get("order_id")), None)
    if isinstance(given, (int, float)) and clock(given) != when:
        when += text("debrief.ordered_at", lang).format(t=clock(given))
    return when
