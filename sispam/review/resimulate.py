"""Simulating a recorded run again: to check that it comes out the same (`verify`), to watch it,
and to take over from any moment of it (`world_at`).

The world is made from the replay's level and seed (with the injects' reserve if the run had
it) and given the recorded orders and injects, and steps as
the recorded run did; at each checkpoint its `state_hash` must equal the recorded one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sispam.review.recording import Recording
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
    """
    return run_to(new_world(rec, scenario), rec, rec.end_step, progress=progress)


def world_at(rec: Recording, scenario: Scenario, step: int,
             progress: Callable[[int], None] | None = None) -> World:
    """The recorded run's world at `step`, to take over from: the orders given before then are
    in it (those not yet in force still wait for their time), none given from then on.

    Raises:
        Diverged: the re-simulation differs from the recording before `step`.
    """
    return run_to(new_world(rec, scenario, before_step=step), rec, min(step, rec.end_step), progress=progress)
