"""Tutorial hints for the first campaign level: one step at a time, each shown until the player
has done it — select a unit, place a line, negotiate, pause — then a last word on speed."""

from __future__ import annotations

from dataclasses import dataclass, field

STEPS = ("select", "line", "negotiate", "pause", "resume")


@dataclass(slots=True)
class Hints:
    """Which tutorial steps the player has done. The play screen reports what happens with
    `done(step)`; `current` is the hint to show (None when the tutorial is over)."""

    enabled: bool
    finished: set[str] = field(default_factory=set)

    def done(self, step: str) -> None:
        self.finished.add(step)

    @property
    def current(self) -> str | None:
        if not self.enabled:
            return None
        for step in STEPS:
            if step not in self.finished:
                return step
        return None
