"""Recording a run, played or headless: enough to simulate it again step for step, and what the
debrief shows of it.

A `Recorder` follows a world step by step (`after_step`). It keeps:

- a checkpoint every `CHECKPOINT_S` simulated seconds: the step and the world's `state_hash`,
  so that a re-simulation can say whether, and from when, it differs;
- a sample every `SAMPLE_S`: the crowd's behaviour classes, the situation colour, the load on
  the most loaded line against its hold force, the densest and most pressed spot, the injured,
  the arrested and the breaches: the timeline of the debrief;
- the peak density and crowd pressure reached in each `PEAK_CELL_M` cell of the map (sampled as
  often as the timeline): the debrief's heatmaps.

`finish` adds the orders given and the instructor's injects (the command and inject logs: all
the re-simulation needs besides the level, the seed and whether the injects' reserve was there),
a last checkpoint and the run report, and returns a `Recording`, the content of a replay file (`sispam.review.replay_file`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sispam import __version__
from sispam.review.fingerprint import machine_fingerprint
from sispam.review.report import build_report, file_sha256
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.injects import Inject, has_reserve
from sispam.sim.police.orders import Order
from sispam.sim.state_hash import state_hash
from sispam.sim.world import World
from sispam.textsafe import text_path

SAMPLE_S = 1.0
CHECKPOINT_S = 5.0
PEAK_CELL_M = 1.0
SAMPLE_KEYS = ("t", *(b.name.lower() for b in Behaviour), "situation", "line_load_n", "line_load_share",
               "density_ppm2", "pressure", "injured", "arrested", "breaches")


@dataclass(slots=True)
class Recording:
    """A recorded run: the level (id, file as given, SHA-256 of its bytes), the seed, every
    order, the checkpoints (step, state hash), the samples (columns by `SAMPLE_KEYS`), the peak
    grids (density, pressure; rows south to north), the run report, and where it branched from
    (the replay's name and the take-over time) if it continues another run."""

    level_id: str
    level_file: str
    level_sha256: str
    seed: int
    dt: float
    orders: list[Order]
    end_step: int
    checkpoints: list[tuple[int, str]]
    samples: dict[str, list]
    peak_density: np.ndarray
    peak_pressure: np.ndarray
    report: dict[str, Any]
    game_version: str = __version__
    branch_of: dict[str, Any] | None = None
    trainee: dict[str, str] = field(default_factory=dict)
    injects: list[Inject] = field(default_factory=list)  # an instructor's, in time order
    live_injects: bool = False  # the world was built with the injects' reserve (`with_reserve`)
    machine: dict[str, str] = field(default_factory=dict)  # `fingerprint.machine_fingerprint` of the recorder
    played_at: str = ""  # when a kept run ended, local time to the second (ISO 8601)

    @property
    def end_t(self) -> float:
        return self.end_step * self.dt


class Recorder:
    """Follows a world and records it (see the module's docstring).

    Args:
        world: the world at its start, or at the moment a take-over begins.
        level_file: the level file the world was made from, as given (its bytes are hashed now).
        branch_of: for a take-over, the replay it continues and the time it took over.
    """

    def __init__(self, world: World, level_file: str | Path, branch_of: dict[str, Any] | None = None,
                 history: Recording | None = None) -> None:
        self.world = world
        self.level_file = text_path(level_file)  # the replay is UTF-8: a name that is not keeps U+FFFD
        self.level_sha256 = file_sha256(level_file)
        self.branch_of = branch_of
        w, h = world.scenario.size
        self._shape = (max(1, int(np.ceil(h / PEAK_CELL_M))), max(1, int(np.ceil(w / PEAK_CELL_M))))
        self.peak_density = np.zeros(self._shape, np.float32)
        self.peak_pressure = np.zeros(self._shape, np.float32)
        self.samples: dict[str, list] = {key: [] for key in SAMPLE_KEYS}
        self.checkpoints: list[tuple[int, str]] = []
        self._every_sample = round(SAMPLE_S / world.dt)
        self._every_check = round(CHECKPOINT_S / world.dt)
        if history is not None:  # a take-over keeps what was recorded up to its moment
            self._keep(history, world.step_count)
        self.after_step(world)

    def _keep(self, history: Recording, step: int) -> None:
        keep = sum(1 for t in history.samples["t"] if t <= step * history.dt + 1e-9)
        self.samples = {key: list(values[:keep]) for key, values in history.samples.items()}
        self.checkpoints = [c for c in history.checkpoints if c[0] < step]
        if history.peak_density.shape == self._shape:  # the peaks so far (over the whole run: an upper bound)
            self.peak_density[:] = history.peak_density
            self.peak_pressure[:] = history.peak_pressure

    def after_step(self, world: World) -> None:
        """Record what is due at the world's current step."""
        step = world.step_count
        if step % self._every_check == 0 and (not self.checkpoints or self.checkpoints[-1][0] != step):
            self.checkpoints.append((step, state_hash(world)))
        if step % self._every_sample == 0 and (not self.samples["t"] or self.samples["t"][-1] < world.t - 1e-9):
            self._sample(world)

    def _sample(self, world: World) -> None:
        b, c, m = world.bodies, world.crowd, world.measure
        nc = b.n_crowd
        here = b.state[:nc] == BodyState.ACTIVE
        classes = np.bincount(c.behaviour()[here], minlength=len(Behaviour))
        lines = world.lines_held()
        load = max((load for _, load, _ in lines), default=0.0)
        share = max((load / hold if hold > 0 else 0.0 for _, load, hold in lines), default=0.0)
        s = self.samples
        s["t"].append(round(world.t, 6))
        for cls in Behaviour:
            s[cls.name.lower()].append(int(classes[cls]))
        s["situation"].append(str(world.situation.colour))
        s["line_load_n"].append(round(load, 1))
        s["line_load_share"].append(round(share, 4))
        s["density_ppm2"].append(round(float(m.density_ppm2[:nc][here].max(initial=0.0)), 3))
        s["pressure"].append(round(float(m.pressure_per_s2[:nc][here].max(initial=0.0)), 5))
        s["injured"].append(world.injuries["civilian"] + world.injuries["officer"])  # so far
        s["arrested"].append(int((b.state[:nc] == BodyState.ARRESTED).sum() + c.arrested.sum()))
        s["breaches"].append(int(world.breaches))
        if here.any():
            pos = b.pos[:nc][here]
            ny, nx = self._shape
            ix = np.clip((pos[:, 0] / PEAK_CELL_M).astype(np.intp), 0, nx - 1)
            iy = np.clip((pos[:, 1] / PEAK_CELL_M).astype(np.intp), 0, ny - 1)
            np.maximum.at(self.peak_density, (iy, ix), m.density_ppm2[:nc][here].astype(np.float32))
            np.maximum.at(self.peak_pressure, (iy, ix), m.pressure_per_s2[:nc][here].astype(np.float32))

    def finish(self, world: World, plan_file: str | None = None) -> Recording:
        """The recording of the run so far (it may go on being recorded)."""
        checkpoints = list(self.checkpoints)
        if not checkpoints or checkpoints[-1][0] != world.step_count:
            checkpoints.append((world.step_count, state_hash(world)))
        return Recording(
            level_id=world.scenario.id, level_file=self.level_file, level_sha256=self.level_sha256,
            seed=int(world.seed), dt=world.dt, orders=[issued.order for issued in world.command.log],
            end_step=world.step_count, checkpoints=checkpoints,
            samples={key: list(values) for key, values in self.samples.items()},
            peak_density=self.peak_density.copy(), peak_pressure=self.peak_pressure.copy(),
            report=build_report(world, self.level_file, plan_file), branch_of=self.branch_of,
            injects=list(world.injects.log), live_injects=has_reserve(world.scenario),
            machine=machine_fingerprint(),
        )
