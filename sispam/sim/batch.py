"""The one wrapper around the experimental `pymunk.batch` API.

Pitfalls handled here (tech brief §1.2): rows follow the engine's body arrays, not our agent
order, and change when bodies are added or removed, so every read maps `BODY_ID` to our stable
body index; get and set use separate buffers; forces are zeroed by every `space.step`, so they
are written before each step for every row; arbiter rows come in an order that changes between
processes, so they are sorted by stable body indices before anything is summed from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pymunk
import pymunk.batch as pb

_BODY = pb.BodyFields
_ARB = pb.ArbiterFields


@dataclass(slots=True)
class Contacts:
    """The contacts solved in the last step, one row per touching pair, in a stable order.

    Attributes:
        a, b: stable body indices of the two bodies (-1 = static geometry). Rows are in the
            engine's order, which differs between processes: sum them with `exact_sum`.
        impulse: (n, 2) impulse applied to body `a` during the step, N·s (b got the opposite).
        normal: (n, 2) unit contact normal, pointing from a to b.
    """

    a: np.ndarray
    b: np.ndarray
    impulse: np.ndarray
    normal: np.ndarray


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
        self._id_to_index: tuple[np.ndarray, np.ndarray] = (np.empty(0, np.uintp), np.empty(0, int))
        self._row_ids = np.empty(0, np.uintp)
        self._row_index = np.empty(0, np.int64)
        self._force_rows = np.empty((0, 2))

    def register(self, body_ids: np.ndarray, indices: np.ndarray) -> None:
        """Tell the adapter which stable index each body id has (call after adding bodies)."""
        order = np.argsort(body_ids, kind="stable")
        self._id_to_index = (np.asarray(body_ids, np.uintp)[order], np.asarray(indices)[order])

    def _lookup(self, ids: np.ndarray) -> np.ndarray:
        keys, values = self._id_to_index
        if len(keys) == 0:
            return np.full(len(ids), -1, np.int64)
        pos = np.searchsorted(keys, ids)
        pos_c = np.minimum(pos, len(keys) - 1)
        return np.where(keys[pos_c] == ids, values[pos_c], -1).astype(np.int64)

    def read_bodies(self, pos: np.ndarray, vel: np.ndarray) -> None:
        """Copy every registered body's position and velocity into rows of `pos`, `vel`."""
        self._get.clear()
        pb.get_space_bodies(self._space, _BODY.BODY_ID | _BODY.POSITION | _BODY.VELOCITY, self._get)
        ids = np.frombuffer(self._get.int_buf(), dtype=np.uintp)
        if not np.array_equal(ids, self._row_ids):
            self._row_ids = ids.copy()
            self._row_index = self._lookup(ids)
            self._force_rows = np.zeros((len(ids), 2))
        data = np.frombuffer(self._get.float_buf(), dtype=np.float64).reshape(-1, 4)
        known = self._row_index >= 0
        idx = self._row_index[known]
        pos[idx] = data[known, 0:2]
        vel[idx] = data[known, 2:4]

    def write_forces(self, force: np.ndarray) -> None:
        """Set the force of every body row from `force[index]` (0 for unregistered rows).

        Must follow a `read_bodies` made after the last change to the space's bodies.
        """
        rows = self._force_rows
        known = self._row_index >= 0
        rows[known] = force[self._row_index[known]]
        self._set.set_float_buf(rows.ravel())
        pb.set_space_bodies(self._space, _BODY.FORCE, self._set)

    def read_contacts(self) -> Contacts:
        """The contacts of the last step (pairs that separated are dropped).

        Row order follows the engine's arbiter set, which differs between processes: sum over
        rows only with `exact_sum`, which does not depend on the order.
        """
        self._arb.clear()
        fields = _ARB.BODY_A_ID | _ARB.BODY_B_ID | _ARB.TOTAL_IMPULSE | _ARB.NORMAL | _ARB.CONTACT_COUNT
        pb.get_space_arbiters(self._space, fields, self._arb)
        ints = np.frombuffer(self._arb.int_buf(), dtype=np.uintp).reshape(-1, 3)
        floats = np.frombuffer(self._arb.float_buf(), dtype=np.float64).reshape(-1, 4)
        live = ints[:, 2] > 0
        ab = self._lookup(ints[live, :2].ravel()).reshape(-1, 2)
        f = floats[live]
        return Contacts(a=ab[:, 0], b=ab[:, 1], impulse=f[:, 0:2], normal=f[:, 2:4])


QUANTUM = 1e-3  # exact sums are made of multiples of this (1 mN for forces)


def exact_sum(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per-index sums that do not depend on the order of the rows.

    Each value is rounded to a multiple of `QUANTUM`; sums of such integers are exact in
    float64 below 2^53 quanta, so they come out bit-identical in any order. Contact rows come
    in a different order in every process, and this keeps every run reproducible.
    """
    return np.bincount(index, np.round(values / QUANTUM), minlength=n) * QUANTUM
