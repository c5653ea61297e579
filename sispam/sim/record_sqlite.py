"""Trajectories in JuPedSim's SQLite layout, version 2, which PedPy reads
(`pedpy.load_trajectory_from_jupedsim_sqlite`, `pedpy.load_walkable_area_from_jupedsim_sqlite`).

The layout (written from its description, see docs/api.md for the sources):

- `trajectory_data(frame INTEGER, id INTEGER, pos_x REAL, pos_y REAL, ori_x REAL, ori_y REAL)`:
  one row per person on the map per frame; frame k is the sample at k/fps seconds, `id` the
  stable body index (crowd 0..n_crowd-1, then the officers), positions in metres. The
  orientation is a unit vector: a crowd member's walking direction, an officer's unit's facing
  (0, 0 for someone with none). Indexed on (frame, id).
- `metadata(key TEXT PRIMARY KEY, value TEXT)`: `version` 2, `fps`, the map's bounds `xmin`,
  `xmax`, `ymin`, `ymax`, and Sispam's own `producer`, `level`, `seed` and `dt`.
- `geometry(hash INTEGER, wkt TEXT)`: the walkable area as a WKT polygon with holes
  (`sispam.sim.walkable`); `hash` is the first 8 bytes of its SHA-256, the same on every run.
- `frame_data(frame INTEGER, geometry_hash INTEGER)`: the geometry of each frame (one for all).

Sispam adds `sispam_people(id INTEGER PRIMARY KEY, kind TEXT, group_id TEXT)`: each person's
kind (crowd or officer) and crowd group or unit, the CSV's `kind` and `group` columns, which the
readers of the layout ignore.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from sispam import __version__
from sispam.sim import pmath
from sispam.sim.bodies import BodyKind
from sispam.sim.record import SampleClock, group_ids
from sispam.sim.walkable import walkable_area_wkt
from sispam.sim.world import World

FORMAT_VERSION = 2  # PedPy reads the walkable area of versions 1 and 2 only
SQLITE_SUFFIXES = frozenset({".sqlite", ".sqlite3"})

_SCHEMA = (
    "CREATE TABLE trajectory_data (frame INTEGER NOT NULL, id INTEGER NOT NULL, pos_x REAL NOT NULL, "
    "pos_y REAL NOT NULL, ori_x REAL NOT NULL, ori_y REAL NOT NULL)",
    "CREATE TABLE metadata (key TEXT NOT NULL UNIQUE PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE geometry (hash INTEGER NOT NULL, wkt TEXT NOT NULL)",
    "CREATE UNIQUE INDEX geometry_hash ON geometry (hash)",
    "CREATE TABLE frame_data (frame INTEGER NOT NULL, geometry_hash INTEGER NOT NULL)",
    "CREATE TABLE sispam_people (id INTEGER NOT NULL PRIMARY KEY, kind TEXT NOT NULL, group_id TEXT NOT NULL)",
)


def geometry_hash(wkt: str) -> int:
    """A stable 64-bit signed id of a geometry's text (Python's `hash` of a string changes from
    one process to the next)."""
    return int.from_bytes(hashlib.sha256(wkt.encode("utf-8")).digest()[:8], "big", signed=True)


def orientations(world: World, idx: np.ndarray) -> np.ndarray:
    """(len(idx), 2) unit orientation of these people: a crowd member's walking direction, an
    officer's unit's facing; (0, 0) for someone with none."""
    b = world.bodies
    out: np.ndarray = world.heading[idx].copy()
    officers = b.kind[idx] == BodyKind.OFFICER
    if officers.any():
        facing = np.array([u.facing_vector() for u in world.units]).reshape(-1, 2)
        out[officers] = facing[world.officers.unit[idx[officers] - b.n_crowd]]
    length = pmath.hypot(out[:, 0], out[:, 1])
    has = length > 1e-12
    out[has] /= length[has, None]
    out[~has] = 0.0
    return out


class SqliteTrajectoryWriter:
    """Writes a run's samples into a new SQLite database file, in one transaction.

    Use it as a context manager: on a clean exit the samples are committed, indexed and the
    file closed; after an exception the file is closed as it is (the caller removes it: write
    to a temporary file, `sispam.atomic.atomic_path`).

    Args:
        path: the database file: new or empty.
        sample_hz: samples per simulated second (the layout's `fps`).
        world: the world to be sampled, as it starts (for the map, the people and the seed).

    Raises:
        sqlite3.Error: the file cannot be written (here or at any later call).
    """

    def __init__(self, path: Path, *, sample_hz: float, world: World) -> None:
        self._clock = SampleClock(sample_hz)
        self._con = sqlite3.connect(path, isolation_level=None)
        try:
            # The file is a temporary one, renamed when complete: no journal, no syncs.
            self._con.execute("PRAGMA journal_mode=OFF")
            self._con.execute("PRAGMA synchronous=OFF")
            self._con.execute("BEGIN")
            for statement in _SCHEMA:
                self._con.execute(statement)
            scenario = world.scenario
            width, height = scenario.size
            self._con.executemany("INSERT INTO metadata VALUES (?, ?)", [
                ("version", str(FORMAT_VERSION)), ("fps", repr(float(sample_hz))),
                ("xmin", "0.0"), ("xmax", repr(float(width))), ("ymin", "0.0"), ("ymax", repr(float(height))),
                ("producer", f"sispam {__version__}"), ("level", scenario.id),
                ("seed", str(world.seed)), ("dt", repr(world.dt)),
            ])
            wkt = walkable_area_wkt(scenario)
            self._geometry = geometry_hash(wkt)
            self._con.execute("INSERT INTO geometry VALUES (?, ?)", (self._geometry, wkt))
            kinds = np.array([k.name.lower() for k in sorted(BodyKind)])[world.bodies.kind]
            self._con.executemany("INSERT INTO sispam_people VALUES (?, ?, ?)",
                                  zip(range(world.bodies.n), kinds.tolist(), group_ids(world).tolist(), strict=True))
        except BaseException:
            self._con.close()
            raise

    def maybe_sample(self, world: World) -> None:
        """Write a frame if one is due at the world's current time."""
        frame = self._clock.due(world.t)
        if frame is None:
            return
        self._con.execute("INSERT INTO frame_data VALUES (?, ?)", (frame, self._geometry))
        idx = np.flatnonzero(world.bodies.in_space())
        if len(idx) == 0:
            return
        pos = np.round(world.bodies.pos[idx], 3)  # to the millimetre, as the CSV
        ori = np.round(orientations(world, idx), 4)
        self._con.executemany("INSERT INTO trajectory_data VALUES (?, ?, ?, ?, ?, ?)", zip(
            [frame] * len(idx), idx.tolist(), pos[:, 0].tolist(), pos[:, 1].tolist(), ori[:, 0].tolist(),
            ori[:, 1].tolist(), strict=True))

    def close(self) -> None:
        """Commit every sample, index them by (frame, id), and close the file."""
        try:
            self._con.execute("CREATE INDEX frame_id_idx ON trajectory_data (frame, id)")
            self._con.execute("COMMIT")
        finally:
            self._con.close()

    def __enter__(self) -> SqliteTrajectoryWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self._con.close()
