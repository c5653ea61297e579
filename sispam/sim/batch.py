"""The one wrapper around the experimental `pymunk.batch` API.

Pitfalls handled here (pymunk 7.3 `batch.py`, Munk2D `cpSpace.c`): rows follow the engine's body arrays, not our agent
order, and change when bodies are added or removed, so every read maps `BODY_ID` to our stable
body index; get and set use separate buffers; forces are zeroed by every `space.step`, so they
are written before each step for every row; arbiter rows come in an order that changes between
processes, so whatever is summed from them is summed exactly (see `sispam.sim.contacts`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pymunk
import pymunk.batch as pb

from sispam.sim.idmap import IdMap, build_id_map, lookup_many
from sispam.sim.jit import kernel

_BODY = pb.BodyFields
_ARB = pb.ArbiterFields


@dataclass(slots=True)
class ContactRows:
    """The contacts solved in the last step, as the engine lists them.

    Attributes:
        ids: (k, 3) body id of A, body id of B, contact point count (0 = already separated),
            as int64.
        values: (k, 4) impulse applied to A during the step (N·s; B got the opposite), and the
            unit contact normal from A to B.
        id_map: body id → stable body index (-1 = not a person: static geometry).

    Row order follows the engine's arbiter set, which differs between processes, so anything
    summed from the rows must not depend on their order (see `sispam.sim.contacts`).
    """

    ids: np.ndarray
    values: np.ndarray
    id_map: IdMap


@kernel()
def _scatter(data, row_index, pos, vel):  # type: ignore[no-untyped-def]
    """Rows (x, y, vx, vy) into `pos` and `vel` at each row's body index (-1: skipped)."""
    for k in range(row_index.shape[0]):
        i = row_index[k]
        if i >= 0:
            pos[i, 0], pos[i, 1], vel[i, 0], vel[i, 1] = data[k, 0], data[k, 1], data[k, 2], data[k, 3]


@kernel()
def _gather(force, row_index, rows):  # type: ignore[no-untyped-def]
    """Each row's force from `force` at its body index (rows of index -1 keep 0)."""
    for k in range(row_index.shape[0]):
        i = row_index[k]
        if i >= 0:
            rows[k, 0], rows[k, 1] = force[i, 0], force[i, 1]


class BatchIO:
    """Bulk reads and writes of body state and contacts for one space.

    Args:
        space: the space whose bodies are read and written.
    """

    def __init__(self, space: pymunk.Space) -> None:
        self._space = space
        self._get = pb.Buffer()
        self._set = pb.Buffer()
        self._arb = pb.Buffer()
        self._id_map = build_id_map(np.empty(0, np.uint64), np.empty(0, np.int64))
        self._row_ids = np.empty(0, np.uint64)
        self._row_index = np.empty(0, np.int64)
        self._force_rows = np.empty((0, 2))

    def register(self, body_ids: np.ndarray, indices: np.ndarray) -> None:
        """Tell the adapter which stable index each body id has (call after adding bodies)."""
        self._id_map = build_id_map(body_ids, indices)
        # pymunk reuses the ids of removed bodies: the rows must be looked up again even if the
        # list of ids happens to read the same.
        self._row_ids = np.empty(0, np.uint64)

    def read_bodies(self, pos: np.ndarray, vel: np.ndarray) -> None:
        """Copy every registered body's position and velocity into rows of `pos`, `vel`."""
        self._get.clear()
        pb.get_space_bodies(self._space, _BODY.BODY_ID | _BODY.POSITION | _BODY.VELOCITY, self._get)
        ids = np.frombuffer(self._get.int_buf(), dtype=np.uint64)
        if not np.array_equal(ids, self._row_ids):
            self._row_ids = ids.copy()
            self._row_index = lookup_many(self._id_map, ids)
            self._force_rows = np.zeros((len(ids), 2))
        _scatter(np.frombuffer(self._get.float_buf(), dtype=np.float64).reshape(-1, 4), self._row_index, pos, vel)

    def write_forces(self, force: np.ndarray) -> None:
        """Set the force of every body row from `force[index]` (0 for unregistered rows).

        Must follow a `read_bodies` made after the last change to the space's bodies.
        """
        rows = self._force_rows
        _gather(force, self._row_index, rows)
        self._set.set_float_buf(rows.ravel())
        pb.set_space_bodies(self._space, _BODY.FORCE, self._set)

    def read_contacts(self) -> ContactRows:
        """The contacts of the last step, with what is needed to map their bodies to indices."""
        self._arb.clear()
        fields = _ARB.BODY_A_ID | _ARB.BODY_B_ID | _ARB.TOTAL_IMPULSE | _ARB.NORMAL | _ARB.CONTACT_COUNT
        pb.get_space_arbiters(self._space, fields, self._arb)
        ids = np.frombuffer(self._arb.int_buf(), dtype=np.int64).reshape(-1, 3)
        values = np.frombuffer(self._arb.float_buf(), dtype=np.float64).reshape(-1, 4)
        return ContactRows(ids, values, self._id_map)
