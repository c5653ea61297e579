"""The event feed: what just happened, in the player's words, newest first.

It reads the world's timeline (`world.events`) as it grows and turns the events a commander
must hear about into lines from the catalogue; the player's own orders and refusals are added by
the play screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sispam.sim.crowd import Crowd
from sispam.sim.scenario import Role
from sispam.sim.world import World
from sispam.ui.describe import clock, term
from sispam.ui.i18n import CATALOGUE, LANGUAGES, text

MAX_LINES = 40
_PROVOKATOR = Crowd.ROLES.index(Role.PROVOKATOR)
HITS_EVERY_S = 5.0  # stones hitting officers: one line per 5 s at most


@dataclass(frozen=True, slots=True)
class Line:
    """One feed line, in every language (the player may switch while it is shown)."""

    t: float
    texts: dict[str, str]
    kind: str  # "info", "good", "bad", "order", "message"
    at: tuple[float, float] | None = None  # where it happened (an alert's): a click on the line looks there

    def text(self, lang: str) -> str:
        return self.texts[lang]


GOOD = {"arrest_completed", "fire_extinguished", "negotiation_talking", "evacuation_completed", "objective_met",
        "level_won"}
BAD = {"first_projectile", "fire_lit", "rioters_lit_fire", "shop_damaged", "shop_looted", "hostage_attempt",
       "arrest_failed", "negotiation_failed", "evacuation_failed", "dispersal_refused", "objective_failed",
       "level_lost", "force_skipped_step",
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
        self._hits = -math.inf  # officer hits are summed: one line per burst, not per stone

    def add(self, t: float, key: str, kind: str = "info", at: tuple[float, float] | None = None, **values) -> None:
        """Add the catalogue line `key` filled with `values` (each a string, or a function of
        the language for a value that is itself translated); `at`: where it happened."""
        self.add_texts(t, {lang: text(key, lang).format_map(_Blank(
            {k: v(lang) if callable(v) else v for k, v in values.items()})) for lang in LANGUAGES}, kind, at)

    def add_texts(self, t: float, texts: dict[str, str], kind: str, at: tuple[float, float] | None = None) -> None:
        """Add a line, newest first (after any line of the same time already there)."""
        k = next((i for i, line in enumerate(self.lines) if line.t < t), len(self.lines))
        self.lines.insert(k, Line(t, texts, kind, at))
        del self.lines[MAX_LINES:]

    def locate_latest(self, at: tuple[float, float]) -> None:
        """Give the newest line without a place (an event's own line) the place `at`."""
        for k, line in enumerate(self.lines):
            if line.at is None and line.kind == "bad":
                self.lines[k] = Line(line.t, line.texts, line.kind, at)
                return

    def update(self) -> None:
        events = self.world.events
        while self._read < len(events):
            e = events[self._read]
            self._read += 1
            if e.kind == "officer_hit":
                if e.t - self._hits < HITS_EVERY_S:
                    continue
                self._hits = e.t
            texts = {lang: self.describe(e.kind, e.detail, lang) for lang in LANGUAGES}
            if texts["id"] is not None:
                kind = "message" if e.kind in ("scripted_event", "inject") else "good" if e.kind in GOOD else \
                    "bad" if e.kind in BAD else "info"
                self.add_texts(e.t, texts, kind)

    def describe(self, kind: str, detail: dict, lang: str) -> str | None:
        """The feed line of one timeline event, or None for events the feed leaves out."""
        if kind == "scripted_event":
            message = detail.get("message")
            return None if message is None else message[lang]
        if kind == "inject":
            from sispam.ui.describe import inject_text

            return text("event.inject", lang).format(what=inject_text(detail, lang))
        key = f"event.{kind}"
        if key not in CATALOGUE:
            return None
        if kind in ("arrest_seized", "arrest_completed") and self._provokator(detail.get("person")):
            key = f"event.{kind}_provokator"  # Intelkam marked him: the police know whom they took
        if kind == "arrest_failed" and detail.get("released"):
            key = "event.arrest_failed_released"  # seized, then let go: the arrested count falls again
        values = _Blank(detail)
        if kind == "situation":
            values["to"] = text(f"situation.{detail.get('to')}", lang)
            if f"cause.{detail.get('cause')}" in CATALOGUE:
                key = "event.situation_cause"
                values["cause"] = text(f"cause.{detail['cause']}", lang)
        if kind.startswith("objective_"):
            values["objective"] = self._objective(detail.get("objective"), lang)
        if "reason" in detail:
            values["reason"] = term("reason", detail["reason"], lang)
        if "after_s" in detail:
            values["after"] = clock(float(detail["after_s"]))
        return text(key, lang).format_map(values)

    def _provokator(self, person: int | None) -> bool:
        """Whether the crowd member `person` (a body index) is one the level marks a provokator."""
        role = self.world.crowd.role
        return person is not None and 0 <= person < len(role) and int(role[person]) == _PROVOKATOR

    def _objective(self, objective_id: str | None, lang: str) -> str:
        from sispam.ui.describe import objective_text

        for s in self.world.objectives.states:
            if s.objective.id == objective_id:
                return objective_text(s.objective, lang)
        return str(objective_id)
