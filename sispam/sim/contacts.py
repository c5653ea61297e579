"""Contact forces per body from the engine's contact rows, in one compiled pass.

Force = impulse / dt. A person's compressive load is the sum of the normal contact forces on
him; his compression, the force that squeezes his chest, is the larger principal value of
½·Σ f·n nᵀ over his contacts (f the normal force, n its direction): pressed from the front
and from behind by f, it is f; pressed equally from all sides, half of what presses on him.
An officer's crowd load counts only contacts with crowd members, and his push vector is what a
line's load is made of.

The engine lists contacts in an order that differs between processes. Every sum here is made
of whole multiples of `QUANTUM_N` (1 mN) accumulated in integers, so it is exact and the same
in any order: runs stay bit-identical across processes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim.batch import ContactRows
from sispam.sim.idmap import lookup
from sispam.sim.jit import kernel

QUANTUM_N = 1e-3


@dataclass(slots=True)
class ContactLoads:
    """Per-body contact forces of the last step (arrays indexed by body index).

    Attributes:
        load_n: sum of normal contact forces from everything (people and walls).
        crowd_load_n: sum of normal contact forces from crowd members.
        crowd_push_n: (n, 2) vector sum of the forces crowd members applied.
        compression_n: the force squeezing each body along its most compressed direction.
        squeeze_n: (n, 3) the contact stress ½·Σ f·n nᵀ of each body as (xx, xy, yy): the force
            squeezing him along a unit direction d is dᵀ·S·d.
    """

    load_n: np.ndarray
    crowd_load_n: np.ndarray
    crowd_push_n: np.ndarray
    compression_n: np.ndarray
    squeeze_n: np.ndarray


@kernel()
def _reduce(ids, values, table, bits, n, n_crowd, inv_dt, quantum):  # type: ignore[no-untyped-def]
    load = np.zeros(n, np.int64)
    crowd_load = np.zeros(n, np.int64)
    push = np.zeros((n, 2), np.int64)
    stress = np.zeros((n, 3), np.int64)  # Σ f·(nx², nx·ny, ny²) in quanta
    for r in range(ids.shape[0]):
        if ids[r, 2] == 0:
            continue  # separated, kept by the engine for a few steps with zero impulse
        a = lookup(table, bits, ids[r, 0])
        b = lookup(table, bits, ids[r, 1])
        fx, fy = values[r, 0] * inv_dt, values[r, 1] * inv_dt  # on a; b gets the opposite
        normal = round(abs(fx * values[r, 2] + fy * values[r, 3]) / quantum)
        qx, qy = round(fx / quantum), round(fy / quantum)
        f = normal * quantum
        nx, ny = values[r, 2], values[r, 3]
        sxx, sxy, syy = round(f * nx * nx / quantum), round(f * nx * ny / quantum), round(f * ny * ny / quantum)
        if a >= 0:
            load[a] += normal
            stress[a, 0] += sxx
            stress[a, 1] += sxy
            stress[a, 2] += syy
        if b >= 0:
            load[b] += normal
            stress[b, 0] += sxx
            stress[b, 1] += sxy
            stress[b, 2] += syy
        if 0 <= b < n_crowd and a >= 0:
            crowd_load[a] += normal
            push[a, 0] += qx
            push[a, 1] += qy
        if 0 <= a < n_crowd and b >= 0:
            crowd_load[b] += normal
            push[b, 0] -= qx
            push[b, 1] -= qy
    squeeze = 0.5 * quantum * stress.astype(np.float64)  # ½·Σ f·n nᵀ as (xx, xy, yy)
    compression = np.empty(n)
    for i in range(n):
        xx, xy, yy = squeeze[i, 0], squeeze[i, 1], squeeze[i, 2]
        compression[i] = 0.5 * (xx + yy) + np.sqrt(0.25 * (xx - yy) ** 2 + xy * xy)
    return load * quantum, crowd_load * quantum, push * quantum, compression, squeeze


def contact_loads(rows: ContactRows, n: int, n_crowd: int, dt: float) -> ContactLoads:
    """Reduce the engine's contact rows to per-body loads."""
    m = rows.id_map
    return ContactLoads(*_reduce(rows.ids, rows.values, m.table, m.bits, n, n_crowd,
                                 1.0 / dt, QUANTUM_N))
