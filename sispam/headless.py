"""`game.py run`: simulate a level as fast as the CPU allows and write what was asked."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sispam.atomic import OutputError, atomic_path, atomic_text, check_writable
from sispam.jsonsafe import finite
from sispam.progress import Progress
from sispam.review.recording import Recorder
from sispam.review.replay_file import write_replay
from sispam.review.report import build_report
from sispam.sim.injects import Inject, with_reserve
from sispam.sim.police.orders import Order
from sispam.sim.record import TrajectoryWriter
from sispam.sim.record_sqlite import SQLITE_SUFFIXES, SqliteTrajectoryWriter
from sispam.sim.scenario import Scenario
from sispam.sim.world import World


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What `game.py run` was asked to do."""

    level_file: str
    seed: int | None
    duration_s: float | None
    report: Path | None
    trajectories: Path | None
    sample_hz: float
    plan_file: str | None = None
    orders: tuple[Order, ...] = ()
    replay: Path | None = None
    injects: tuple[Inject, ...] = ()


def _trajectory_writer(stack: contextlib.ExitStack, path: Path, sample_hz: float,
                       world: World) -> TrajectoryWriter | SqliteTrajectoryWriter:
    """The trajectories writer for `path`, entered on `stack`: JuPedSim's SQLite layout for a
    name ending in .sqlite or .sqlite3, else CSV; either written to a temporary file that
    becomes `path` when the stack closes without an error."""
    if path.suffix.lower() in SQLITE_SUFFIXES:
        database = stack.enter_context(atomic_path(path))
        return stack.enter_context(SqliteTrajectoryWriter(database, sample_hz=sample_hz, world=world))
    return TrajectoryWriter(stack.enter_context(atomic_text(path)), sample_hz)


def run_level(scenario: Scenario, request: RunRequest) -> tuple[dict[str, Any], float]:
    """Simulate `scenario` under the request's orders and write the report and trajectories.

    The orders and injects must already be checked against the scenario
    (`sispam.level.plan.read_plan`); `Command.issue` refuses any order that is not (OrderRefused).

    Returns the report and the wall-clock seconds the simulation took (kept out of the report,
    which is the same on every run with the same inputs).

    Output files are checked before the run starts and written atomically, so an error or an
    interruption never leaves a partial file behind.
    """
    outputs = [p for p in (request.report, request.trajectories, request.replay) if p is not None]
    inputs = {Path(request.level_file).resolve(): "level file"}
    if request.plan_file is not None:
        inputs[Path(request.plan_file).resolve()] = "order plan"
    for path in outputs:
        if path.resolve() in inputs:
            raise OutputError(f"{path}: is the {inputs[path.resolve()]} itself; write the output elsewhere")
        check_writable(path)
    seen: set[Path] = set()
    for path in outputs:
        if path.resolve() in seen:
            raise OutputError(f"{path}: given for two of --report, --trajectories and --replay")
        seen.add(path.resolve())
    duration = scenario.duration_s if request.duration_s is None else request.duration_s
    world = World(with_reserve(scenario) if request.injects else scenario, seed=request.seed)
    for order in request.orders:  # each waits in the command queue for its time
        world.command.issue(order)
    for inject in request.injects:
        world.injects.add(inject)
    recorder = None if request.replay is None else Recorder(world, request.level_file)
    progress = Progress(duration)
    started = time.monotonic()
    try:
        with contextlib.ExitStack() as stack:
            writer = None
            if request.trajectories is not None:
                writer = _trajectory_writer(stack, request.trajectories, request.sample_hz, world)
                writer.maybe_sample(world)
            try:
                # The run ends at its duration, or earlier when the level is won or lost.
                while world.t < duration - 1e-9 and not world.objectives.ended:
                    world.step()
                    if writer is not None:
                        writer.maybe_sample(world)
                    if recorder is not None:
                        recorder.after_step(world)
                    progress.update(world.t)
            finally:
                progress.close()
    except sqlite3.Error as e:  # only the trajectories database is written with sqlite3
        raise OutputError(f"{request.trajectories}: cannot write: {e}") from None
    report = build_report(world, request.level_file, request.plan_file)
    if request.report is not None:
        with atomic_text(request.report) as out:
            json.dump(finite(report), out, indent=2, ensure_ascii=False, allow_nan=False)
            out.write("\n")
    if recorder is not None:
        write_replay(recorder.finish(world, request.plan_file), request.replay)
    return report, time.monotonic() - started
