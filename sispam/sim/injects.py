"""Live instructor injects (issue 7): what an instructor adds to a running exercise.

An instructor steers a running drill as the drill's *pengendali* does: he sends in a crowd wave
at a point, slips provocateurs into the crowd, spreads a rumour of fraud, has tyres lit, sends
reinforcements, or freezes the exercise for a teaching moment. An `Inject` is a plain timed
value like an `Order`: the UI gives one "now", an order plan or a replay gives them for their
times, and `Injects` applies each at the first step that reaches its time, before anything else
in that step, so a run with injects re-simulates bit for bit.

People a wave or the provocateurs bring must exist before the run starts (the world's arrays
never grow): `with_reserve` adds to a scenario two groups waiting off the map for an inject,
`RESERVE_WAVE` people like the level's largest group and `RESERVE_PROVOCATEURS` provocateurs.
Only a world built from such a scenario takes crowd injects; a run records whether it was
(`live_injects` in a replay), so that it is built again the same way.

What each kind does:

* crowd_wave: `count` reserve people arrive around `point`, ten a second.
* provocateurs: `count` reserve provocateurs arrive around `point`.
* rumour: everyone on the map loses `legitimacy_drop` of perceived legitimacy (as the event).
* fire: tyres are lit at `point` (as the event).
* reinforcements: the level's unit held `on_request` named `unit` arrives now, on its position.
* freeze: nothing in the simulation; the UI stops the clock until the instructor lets it run,
  and the moment is marked for the debrief.

Every inject goes on the timeline as "inject" with its kind and values.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.fires import light_fire
from sispam.sim.geometry import points_in_shape
from sispam.sim.scenario import Circle, CrowdGroup, GoalKind, Role, Scenario, Vec2, Zone, ZoneRole

if TYPE_CHECKING:
    from sispam.sim.world import World

RESERVE_WAVE = 300
RESERVE_PROVOCATEURS = 12
WAVE_GROUP = "_inject_wave"
PROVOCATEUR_GROUP = "_inject_provokator"
WAVE_ROLES = ((Role.MASSA, 0.85), (Role.SIMPATISAN, 0.1), (Role.PERUSUH, 0.05))
ARRIVALS_PER_S = 10.0
SPAWN_DENSITY_PPM2 = 1.5  # the circle a wave appears in holds it at this density
MIN_SPAWN_RADIUS_M = 3.0
MAX_WAVE = RESERVE_WAVE
MAX_PROVOCATEURS = 4


class InjectKind(StrEnum):
    """What an inject does; the value is the name plans and replays use."""

    CROWD_WAVE = "crowd_wave"
    PROVOCATEURS = "provocateurs"
    RUMOUR = "rumour"
    FIRE = "fire"
    REINFORCEMENTS = "reinforcements"
    FREEZE = "freeze"


RESERVE = {InjectKind.CROWD_WAVE: RESERVE_WAVE, InjectKind.PROVOCATEURS: RESERVE_PROVOCATEURS}  # people, by kind
NEEDS: dict[InjectKind, tuple[str, ...]] = {
    InjectKind.CROWD_WAVE: ("point", "count"),
    InjectKind.PROVOCATEURS: ("point", "count"),
    InjectKind.RUMOUR: ("legitimacy_drop",),
    InjectKind.FIRE: ("point",),
    InjectKind.REINFORCEMENTS: ("unit",),
    InjectKind.FREEZE: (),
}


@dataclass(frozen=True, slots=True)
class Inject:
    """One inject at simulation time `t` (see the module's docstring for what each kind uses)."""

    t: float
    kind: InjectKind
    point: Vec2 | None = None
    count: int | None = None
    legitimacy_drop: float | None = None
    unit: str | None = None
    source_line: int = field(default=0, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The inject as a plan's `[[injects]]` entry."""
        entry: dict[str, Any] = {"t": self.t, "inject": str(self.kind)}
        for key in NEEDS[self.kind]:
            value = getattr(self, key)
            if value is not None:
                entry[key] = [float(v) for v in value] if key == "point" else value
        return entry


class InjectRefused(ValueError):
    """An inject the world cannot take; the message says why."""


def _largest_group(scenario: Scenario) -> CrowdGroup | None:
    groups = [g for g in scenario.crowd if g.goal.kind is not GoalKind.EXIT]
    return max(groups, key=lambda g: g.count, default=None)


def with_reserve(scenario: Scenario) -> Scenario:
    """The scenario with the people crowd injects bring, waiting off the map (see the module's
    docstring); unchanged if it has them already or has no crowd group to model them on."""
    model = _largest_group(scenario)
    if model is None or has_reserve(scenario):
        return scenario
    like: dict[str, Any] = {"spawn": model.spawn, "goal": model.goal, "speed_mean_mps": model.speed_mean_mps,
            "speed_sd_mps": model.speed_sd_mps, "hardship": model.hardship, "legitimacy": model.legitimacy,
            "agitation": model.agitation, "on_event": True}
    reserve = (CrowdGroup(WAVE_GROUP, RESERVE_WAVE, roles=WAVE_ROLES, **like),
               CrowdGroup(PROVOCATEUR_GROUP, RESERVE_PROVOCATEURS, roles=((Role.PROVOKATOR, 1.0),), **like))
    return dataclasses.replace(scenario, crowd=(*scenario.crowd, *reserve))


def has_reserve(scenario: Scenario) -> bool:
    """Whether the scenario carries the injects' reserve."""
    return any(g.id == WAVE_GROUP for g in scenario.crowd)


def point_problem(scenario: Scenario, point: Vec2) -> str | None:
    """Why people or a fire cannot be put at `point`: off the map or inside a solid obstacle."""
    (x, y), (w, h) = point, scenario.size
    if not (0 <= x <= w and 0 <= y <= h):
        return f"point [{x:g}, {y:g}] is outside the map (x 0..{w:g}, y 0..{h:g})"
    xy = np.array([point], float)
    for obstacle in scenario.obstacles:
        if obstacle.solid and points_in_shape(xy, obstacle.shape)[0]:
            return f"point [{x:g}, {y:g}] is inside solid {obstacle.kind} '{obstacle.id}'"
    return None


def reinforcement_units(scenario: Scenario) -> list[str]:
    """Ids of the units a reinforcements inject can send: those the level holds on request."""
    return [u.id for u in scenario.units if u.on_request]


def inject_problems(inject: Inject, scenario: Scenario) -> list[tuple[str, str]]:
    """What is wrong with an inject for this scenario (built `with_reserve` for crowd injects), as
    (key of the inject, message)."""
    found = [(key, f"a {inject.kind} inject needs {key}") for key in NEEDS[inject.kind] if getattr(inject, key) is None]
    if found:
        return found
    if inject.t > scenario.duration_s:
        found.append(("t", f"the inject is for t = {inject.t:g} s, after the level ends "
                           f"(duration_s = {scenario.duration_s:g})"))
    if inject.point is not None:
        problem = point_problem(scenario, inject.point)
        if problem is not None:
            found.append(("point", problem))
    if inject.kind in (InjectKind.CROWD_WAVE, InjectKind.PROVOCATEURS):
        most = MAX_WAVE if inject.kind is InjectKind.CROWD_WAVE else MAX_PROVOCATEURS
        if not has_reserve(scenario):
            found.append(("inject", "this level has no crowd group for a wave to be like, so it takes no crowd "
                                    "injects"))
        elif not 1 <= (inject.count or 0) <= most:
            found.append(("count", f"count must be 1 to {most}, not {inject.count}"))
    if inject.kind is InjectKind.RUMOUR and not 0 < (inject.legitimacy_drop or 0) <= 1:
        found.append(("legitimacy_drop", f"legitimacy_drop must be above 0 and at most 1, not {inject.legitimacy_drop}"))
    if inject.kind is InjectKind.REINFORCEMENTS and inject.unit not in reinforcement_units(scenario):
        held = reinforcement_units(scenario)
        found.append(("unit", f"unit '{inject.unit}' is not held on request in this level "
                              f"({'held: ' + ', '.join(held) if held else 'it holds no unit on request'})"))
    return found


def given_problem(inject: Inject, earlier: list[Inject]) -> tuple[str, str] | None:
    """What `inject` asks for that the injects given before it have used up (people in reserve,
    a held unit already sent), as (key of the inject, message); None if nothing."""
    if inject.kind in RESERVE:
        left = RESERVE[inject.kind] - sum(i.count or 0 for i in earlier if i.kind is inject.kind)
        if (inject.count or 0) > left:
            return "count", f"only {left} people are left in reserve for a {inject.kind}"
    if inject.kind is InjectKind.REINFORCEMENTS and any(
            i.kind is InjectKind.REINFORCEMENTS and i.unit == inject.unit for i in earlier):
        return "unit", f"unit '{inject.unit}' has already been sent"
    return None


def spawn_radius(count: int) -> float:
    """The radius (m) of the circle `count` people of an inject appear in."""
    return max(MIN_SPAWN_RADIUS_M, math.sqrt(count / (math.pi * SPAWN_DENSITY_PPM2)))


def lower_legitimacy(world: World, drop: float) -> None:
    """A rumour of fraud: everyone in the crowd on the map loses `drop` of perceived legitimacy."""
    c, b = world.crowd, world.bodies
    here = b.state[: b.n_crowd] == BodyState.ACTIVE
    c.legitimacy[here] = np.clip(c.legitimacy[here] - drop, 0.0, 1.0)


def call_up(world: World, unit_id: str) -> None:
    """A unit held on request arrives now."""
    unit = next(u for u in world.units if u.id == unit_id)
    unit.on_request = False
    unit.arrival_s = world.t


class Injects:
    """The injects of one run: those given (`log`) and those waiting for their time."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.log: list[Inject] = []
        self._queue: list[tuple[float, int]] = []  # (time, log index), sorted
        self._done: list[bool] = []  # applied, by log index
        groups = [g.id for g in world.scenario.crowd]
        self._pools = {kind: np.flatnonzero(world.crowd.group == groups.index(gid)) if gid in groups
                       else np.empty(0, np.int64)
                       for kind, gid in ((InjectKind.CROWD_WAVE, WAVE_GROUP),
                                         (InjectKind.PROVOCATEURS, PROVOCATEUR_GROUP))}
        self._taken = {kind: 0 for kind in self._pools}  # people brought so far, from the start of each pool

    def left(self, kind: InjectKind) -> int:
        """People still in reserve for a crowd_wave or provocateurs inject (less those of the
        injects given, applied or not)."""
        return len(self._pools[kind]) - sum(i.count or 0 for i in self.log if i.kind is kind)

    def add(self, inject: Inject) -> None:
        """Accept an inject for time `inject.t` (not before now).

        Raises:
            InjectRefused: it is wrong for this world, lies in the past, or asks for more people
                than are left in reserve.
        """
        w = self.world
        problems = inject_problems(inject, w.scenario)
        if not problems and inject.t < w.t - 1e-9:
            problems = [("t", f"the inject is for t = {inject.t:g} s, but the simulation is already at {w.t:g} s")]
        if not problems:
            problems = [p for p in (given_problem(inject, self.log),) if p is not None]
        if problems:
            raise InjectRefused("; ".join(message for _, message in problems))
        self.log.append(inject)
        self._done.append(False)
        bisect.insort(self._queue, (inject.t, len(self.log) - 1))

    def withdraw_pending(self) -> int:
        """Withdraw every inject whose time has not come (a take-over of a replay: the recorded
        injects still to come are not the trainee's); how many."""
        kept = [i for i, done in zip(self.log, self._done, strict=True) if done]
        withdrawn = len(self.log) - len(kept)
        self.log, self._done, self._queue = kept, [True] * len(kept), []
        return withdrawn

    def update(self) -> None:
        """Apply every inject whose time has come (first thing in a step)."""
        now = self.world.t + 1e-9
        while self._queue and self._queue[0][0] <= now:
            _, k = self._queue.pop(0)
            self._done[k] = True
            self._apply(self.log[k])

    def _apply(self, inject: Inject) -> None:
        w = self.world
        detail = {k: v for k, v in inject.as_dict().items() if k != "t"}
        w.note("inject", detail)
        match inject.kind:
            case InjectKind.CROWD_WAVE | InjectKind.PROVOCATEURS:
                self._bring(inject.kind, inject.point or (0.0, 0.0), inject.count or 0)
            case InjectKind.RUMOUR:
                lower_legitimacy(w, inject.legitimacy_drop or 0.0)
            case InjectKind.FIRE:
                light_fire(w, inject.point or (0.0, 0.0))
            case InjectKind.REINFORCEMENTS:
                call_up(w, inject.unit or "")
            case InjectKind.FREEZE:
                pass

    def _bring(self, kind: InjectKind, point: Vec2, count: int) -> None:
        w = self.world
        pool = self._pools[kind]
        people = pool[self._taken[kind]: self._taken[kind] + count]
        self._taken[kind] += len(people)
        zone = w.spawn_zone(Zone(f"_inject_{len(self.log)}", ZoneRole.SPAWN, Circle(point, spawn_radius(len(people)))))
        w.crowd.spawn_zone[people] = zone
        w.crowd.arrival_s[people] = w.t + np.arange(len(people)) / ARRIVALS_PER_S
