"""The event feed: what just happened, in the player's words, newest first.

It reads the world's timeline (`world.events`) as it grows and turns the events a commander
must hear about into lines from the catalogue; the player's own orders and refusals are added by
the play screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sispam.sim.world import World
from sispam.ui.describe import clock
from sispam.ui.i18n import CATALOGUE, text

MAX_LINES = 40


@dataclass(frozen=True, slots=True)
class Line:
    t: float
    text: str
    kind: str  # "info", "good", "bad", "order", "message"


GOOD = {"arrest_completed", "fire_extinguished", "negotiation_started", "evacuation_completed", "objective_met",
        "level_won"}
BAD = {"first_projectile", "fire_lit", "rioters_lit_fire", "shop_damaged", "shop_looted", "hostage_attempt",
       "arrest_failed", "negotiation_failed", "objective_failed", "level_lost", "force_skipped_step",
       "officer_hit", "breach"}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class Feed:
    """Lines for the event feed from a world's timeline."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.lines: list[Line] = []
        self._read = 0
        self._hits = 0.0  # officer hits are summed: one line per burst, not per stone

    def add(self, t: float, line: str, kind: str = "info") -> None:
        self.lines.insert(0, Line(t, line, kind))
        del self.lines[MAX_LINES:]

    def update(self, lang: str) -> None:
        events = self.world.events
        while self._read < len(events):
            e = events[self._read]
            self._read += 1
            line = self.describe(e.kind, e.detail, lang)
            if line is not None:
                kind = "message" if e.kind == "scripted_event" else "good" if e.kind in GOOD else \
                    "bad" if e.kind in BAD else "info"
                self.add(e.t, line, kind)

    def describe(self, kind: str, detail: dict, lang: str) -> str | None:
        """The feed line of one timeline event, or None for events the feed leaves out."""
        if kind == "scripted_event":
            message = detail.get("message")
            return None if message is None else message[lang]
        if kind == "officer_hit":
            if self.world.t - self._hits < 5.0:  # one line per 5 s of stones
                return None
            self._hits = self.world.t
        key = f"event.{kind}"
        if key not in CATALOGUE:
            return None
        values = _Blank(detail)
        if kind == "situation":
            values["to"] = text(f"situation.{detail.get('to')}", lang)
        if kind.startswith("objective_"):
            values["objective"] = self._objective(detail.get("objective"), lang)
        if "reason" in detail:
            reason_key = f"reason.{detail['reason']}"
            values["reason"] = text(reason_key, lang) if reason_key in CATALOGUE else str(detail["reason"])
        if "after_s" in detail:
            values["after"] = clock(float(detail["after_s"]))
        return text(key, lang).format_map(values)

    def _objective(self, objective_id: str | None, lang: str) -> str:
        from sispam.ui.describe import objective_text

        for s in self.world.objectives.states:
            if s.objective.id == objective_id:
                return objective_text(s.objective, lang)
        return str(objective_id)
