"""A compiled map from pymunk body ids (pointer values) to stable body indices.

Open addressing with linear probing on a power-of-two table at most a quarter full; the hash is
Fibonacci hashing of the id without its always-zero low bits. Each slot holds its id and index
side by side, so a lookup reads one cache line: with separate arrays of ids and indices, the
contact pass spent three times as long in lookups. Lookups run inside numba kernels, where a
binary search over the sorted ids was three times slower still (branch mispredictions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sispam.sim.jit import kernel

_FIBONACCI = -7046029254386353131  # 0x9E3779B97F4A7C15 as a signed 64-bit integer


@dataclass(frozen=True, slots=True)
class IdMap:
    """The table: `table[h, 0]` is a body id (as int64), `table[h, 1]` its index or -1 if the
    slot is empty."""

    table: np.ndarray
    bits: int


@kernel()
def _slot(body_id, bits):  # type: ignore[no-untyped-def]
    return ((body_id >> 4) * _FIBONACCI) >> (64 - bits) & ((1 << bits) - 1)


@kernel()
def _build(ids, indices, bits):  # type: ignore[no-untyped-def]
    mask = (1 << bits) - 1
    table = np.zeros((1 << bits, 2), np.int64)
    table[:, 1] = -1
    for k in range(ids.shape[0]):
        h = _slot(ids[k], bits)
        while table[h, 1] != -1:
            h = (h + 1) & mask
        table[h, 0] = ids[k]
        table[h, 1] = indices[k]
    return table


@kernel(inline=True)
def lookup(table, bits, body_id):  # type: ignore[no-untyped-def]
    """Index of `body_id`, or -1 if it is not in the map (for use inside kernels)."""
    mask = (1 << bits) - 1
    h = _slot(body_id, bits)
    while table[h, 1] != -1:
        if table[h, 0] == body_id:
            return table[h, 1]
        h = (h + 1) & mask
    return -1


@kernel()
def _lookup_many(table, bits, ids):  # type: ignore[no-untyped-def]
    out = np.empty(ids.shape[0], np.int64)
    for k in range(ids.shape[0]):
        out[k] = lookup(table, bits, ids[k])
    return out


def build_id_map(ids: np.ndarray, indices: np.ndarray) -> IdMap:
    """A map from body ids (uint64 pointer values) to indices."""
    bits = max(4, (max(len(ids), 1) * 4 - 1).bit_length())  # ⌈log2(4n)⌉
    return IdMap(_build(np.asarray(ids, np.uint64).view(np.int64), np.asarray(indices, np.int64), bits), bits)


def lookup_many(table: IdMap, ids: np.ndarray) -> np.ndarray:
    """Indices of many body ids (uint64), -1 where unknown."""
    rows: np.ndarray = _lookup_many(table.table, table.bits, np.ascontiguousarray(ids).view(np.int64))
    return rows
