"""Recording a run: trajectory samples as CSV rows, written straight to a text stream."""

from __future__ import annotations

from typing import TextIO

import numpy as np

from sispam.sim.bodies import BodyKind, BodyState
from sispam.sim.world import World

# `group`: the crowd group's id for a crowd member, the unit's id for an officer (both as the
# level names them), so a researcher can tell groups apart, e.g. counting a group's crossings.
TRAJECTORY_HEADER = "t,id,kind,x,y,vx,vy,state,group\n"
_KIND_NAMES_ARRAY = np.array([k.name.lower() for k in sorted(BodyKind)], dtype=object)
_STATE_NAMES_ARRAY = np.array([s.name.lower() for s in sorted(BodyState)], dtype=object)
_ROW = "%.3f,%d,%s,%.3f,%.3f,%.3f,%.3f,%s,%s\n"


class SampleClock:
    """When trajectory samples fall: at the first step at or after each multiple of
    1/`sample_hz` simulated seconds.

    Args:
        sample_hz: samples per simulated second.
    """

    def __init__(self, sample_hz: float) -> None:
        self.sample_hz = sample_hz
        self._period = 1.0 / sample_hz
        self._next = 0.0
        self._frame = 0

    def due(self, t: float) -> int | None:
        """The frame number k of the sample due at time `t` (its sample time is k/`sample_hz`),
        or None if none is; a sample time that no step reached is skipped, frame and all."""
        if t + 1e-9 < self._next:
            return None
        periods = int((t + 1e-9 - self._next) / self._period)
        frame = self._frame + periods
        self._next += self._period * (periods + 1)
        self._frame = frame + 1
        return frame


class TrajectoryWriter:
    """Writes one row per body on the map every 1/`sample_hz` simulated seconds.

    Args:
        out: the text stream (the CSV file).
        sample_hz: samples per simulated second; a sample is taken at the first step at or
            after each sample time, and its `t` is that step's time.
    """

    def __init__(self, out: TextIO, sample_hz: float) -> None:
        self._out = out
        self._clock = SampleClock(sample_hz)
        self._groups: np.ndarray | None = None  # each body's group or unit id, made at the first sample
        out.write(TRAJECTORY_HEADER)

    def maybe_sample(self, world: World) -> None:
        """Write a sample if one is due at the world's current time."""
        if self._clock.due(world.t) is None:
            return
        b = world.bodies
        idx = np.flatnonzero(b.in_space())
        if len(idx) == 0:
            return
        if self._groups is None:
            self._groups = group_ids(world)
        table = np.empty((len(idx), 9), dtype=object)
        table[:, 0] = round(world.t, 6)
        table[:, 1] = idx
        table[:, 2] = _KIND_NAMES_ARRAY[b.kind[idx]]
        table[:, 3:5] = b.pos[idx]
        table[:, 5:7] = b.vel[idx]
        table[:, 7] = _STATE_NAMES_ARRAY[b.state[idx]]
        table[:, 8] = self._groups[idx]
        # One formatting call for the whole sample: the C formatter, not a Python loop per row.
        self._out.write((_ROW * len(idx)) % tuple(table.ravel()))


def group_ids(world: World) -> np.ndarray:
    """Each body's group: its crowd group's id (crowd) or its unit's id (officers)."""
    nc = world.bodies.n_crowd
    crowd = np.array([g.id for g in world.scenario.crowd] or [""], dtype=object)[world.crowd.group[:nc]]
    units = np.array([u.id for u in world.units] or [""], dtype=object)[world.officers.unit]
    return np.concatenate((crowd, units)).astype(object)
