"""Scripted events of a level (SPEC §5): at a time or when a condition holds, each once.

An event fires at the first step at which its `at_s` has come, or at which every test of its
`when` holds (`Condition`). What each kind does:

* crowd_wave, provocateurs: the crowd group waiting `on_event` starts arriving (its `arrival_s`
  and `arrival_spread_s` count from now).
* rumour: everyone in the crowd on the map loses `legitimacy_drop` of perceived legitimacy (a
  rumour of fraud, domain brief §2.6: a sudden fall of legitimacy is what sets off outbursts).
* fire: rioters set tyres alight at `point` (`sispam.sim.fires`).
* hostage_attempt: the most agitated rioters go for the building (`sispam.sim.riot`).
* reinforcements: a unit held `on_request` is on the map now.
* message: only its message.

Each firing goes on the timeline as "scripted_event" with its id, kind and message (both
languages), for the event feed and the debrief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.fires import light_fire
from sispam.sim.injects import call_up, lower_legitimacy
from sispam.sim.scenario import COLOURS, Condition, EventKind, ScriptedEvent

if TYPE_CHECKING:
    from sispam.sim.world import World


def condition_holds(world: World, when: Condition) -> bool:
    """Whether every test the condition gives holds now."""
    c = world.tally()
    tests = (
        (when.after_s, world.t + 1e-9 >= (when.after_s or 0.0)),
        (when.situation, when.situation is not None
         and COLOURS.index(world.situation.colour) >= COLOURS.index(when.situation)),
        (when.breaches_at_least, world.breaches >= (when.breaches_at_least or 0)),
        (when.arrests_at_least, c["arrested"] >= (when.arrests_at_least or 0)),
        (when.injuries_at_least, c["injured"] >= (when.injuries_at_least or 0)),
        (when.fires_at_least, len(world.fires) >= (when.fires_at_least or 0)),
    )
    return all(ok for given, ok in tests if given is not None)


class Script:
    """The level's scripted events, fired in the world as they come due."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.pending: list[ScriptedEvent] = list(world.scenario.events)
        self.fired: list[tuple[float, str]] = []

    def update(self) -> None:
        """Fire every event that is due (called once per step)."""
        if not self.pending:
            return
        w = self.world
        due = [e for e in self.pending
               if (e.at_s is not None and w.t + 1e-9 >= e.at_s) or (e.when is not None and condition_holds(w, e.when))]
        for event in due:
            self.pending.remove(event)
            self._fire(event)

    def _fire(self, event: ScriptedEvent) -> None:
        w = self.world
        detail: dict[str, Any] = {"id": event.id, "kind": str(event.kind)}
        if event.message is not None:
            detail["message"] = {"id": event.message.id, "en": event.message.en}
        w.note("scripted_event", detail)
        self.fired.append((w.t, event.id))
        match event.kind:
            case EventKind.CROWD_WAVE | EventKind.PROVOCATEURS:
                self._release(event.group or "")
            case EventKind.RUMOUR:
                lower_legitimacy(w, event.legitimacy_drop)
            case EventKind.FIRE:
                light_fire(w, event.point or (0.0, 0.0))
            case EventKind.HOSTAGE_ATTEMPT:
                w.riot.hostage_attempt(event.building or "", event.people)
            case EventKind.REINFORCEMENTS:
                call_up(w, event.unit or "")
            case EventKind.MESSAGE:
                pass

    def _release(self, group_id: str) -> None:
        w = self.world
        k = next(i for i, g in enumerate(w.scenario.crowd) if g.id == group_id)
        group = w.scenario.crowd[k]
        members = np.flatnonzero(w.crowd.group == k)
        spread = group.arrival_spread_s * np.arange(len(members)) / max(len(members), 1)
        w.crowd.arrival_s[members] = w.t + group.arrival_s + spread
