"""Simulating a recorded run again: to check that it comes out the same (`verify`), to watch it,
and to take over from any moment of it (`world_at`).

The world is made from the replay's level and seed (with the injects' reserve if the run had
it) and given the recorded orders and injects, and steps as
the recorded run did; at each checkpoint its `state_hash` must equal the recorded one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sispam.review.recording import Recording
from sispam.review.report import build_report
from sispam.sim.injects import with_reserve
from sispam.sim.scenario import Scenario
from sispam.sim.state_hash import state_hash
from sispam.sim.world import World


@dataclass(frozen=True, slots=True)
class Diverged(Exception):
    """The re-simulation's state differs from the recorded one at this step."""

    step: int
    t: float
    recorded: str
    got: str

    def __str__(self) -> str:
        return (f"the re-simulation differs from the recording at t = {self.t:.2f} s (step {self.step}): "
                f"state {self.got[:12]}… where {self.recorded[:12]}… was recorded")


class ReportDiffers(Exception):
    """The run re-simulates to its checkpoints, but the recording's report (outcome, score,
    counts) is not what that run gives: the report was edited after it was written."""

    def __init__(self, what: list[str]) -> None:
        super().__init__(what)
        self.what = what

    def __str__(self) -> str:
        return "its report is not the run's: " + "; ".join(self.what)


# What the verify compares of the report: (what it is called, its path in the report).
REPORT_CHECKED = (("outcome", ("outcome",)), ("score", ("score", "total")), ("score parts", ("score", "parts")),
                  ("breaches", ("metrics", "breaches")), ("injuries", ("metrics", "injuries")),
                  ("force violations", ("metrics", "force_violations")))


def report_differences(recorded: dict[str, Any], world: World) -> list[str]:
    """What the recorded report says that the report of the re-simulated run at its end does
    not (`REPORT_CHECKED`: the outcome, the score and its parts, breaches, injuries, force
    violations), both made by `build_report`."""
    got = build_report(world, "")

    def at(report: Any, path: tuple[str, ...]) -> Any:
        for key in path:
            report = report.get(key) if isinstance(report, dict) else None
        return report

    return [f"{name} {at(recorded, path)!r} recorded, {at(got, path)!r} re-simulated" for name, path in REPORT_CHECKED
            if at(recorded, path) != at(got, path)]


def new_world(rec: Recording, scenario: Scenario, before_step: int | None = None) -> World:
    """The recorded run's world at its start, with the orders and injects given before
    `before_step` (all of them if None) waiting for their time."""
    world = World(with_reserve(scenario) if rec.live_injects else scenario, seed=rec.seed)
    if abs(world.dt - rec.dt) > 1e-12:
        raise ValueError(f"the replay steps by {rec.dt} s, this Sispam by {world.dt} s")
    for order in rec.orders:
        if before_step is None or order.t < before_step * rec.dt - 1e-9:
            world.command.issue(order)
    for inject in rec.injects:
        if before_step is None or inject.t < before_step * rec.dt - 1e-9:
            world.injects.add(inject)
    return world


def run_to(world: World, rec: Recording, step: int, check: bool = True,
           progress: Callable[[int], None] | None = None) -> World:
    """Step `world` (of `new_world`) to `step`, comparing each recorded checkpoint on the way.

    Raises:
        Diverged: a checkpoint's state differs.
    """
    recorded = dict(rec.checkpoints) if check else {}

    def compare() -> None:
        want = recorded.get(world.step_count)
        if want is not None:
            got = state_hash(world)
            if got != want:
                raise Diverged(world.step_count, world.t, want, got)

    compare()
    while world.step_count < step:
        world.step()
        compare()
        if progress is not None:
            progress(world.step_count)
    return world


def verify(rec: Recording, scenario: Scenario, progress: Callable[[int], None] | None = None) -> World:
    """Re-simulate the whole run; returns the world at its end.

    Raises:
        Diverged: the re-simulation differs from the recording (at the first checkpoint that does).
        ReportDiffers: it does not, but the recording's report is not what the run gives.
    """
    world = run_to(new_world(rec, scenario), rec, rec.end_step, progress=progress)
    differs = report_differences(rec.report, world)
    if differs:
        raise ReportDiffers(differs)
    return world


def world_at(rec: Recording, scenario: Scenario, step: int,
             progress: Callable[[int], None] | None = None) -> World:
    """The recorded run's world at `step`, to take over from: the orders given before then are
    in it (those not yet in force still wait for their time), none given from then on.

    Raises:
        Diverged: the re-simulation differs from the recording before `step`.
    """
    return run_to(new_world(rec, scenario, before_step=step), rec, min(step, rec.end_step), progress=progress)
