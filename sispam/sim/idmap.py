"""A compiled map from pymunk body ids (pointer values) to stable body indices.

Open addressing with linear probing on a power-of-two table at most a quarter full; the hash is
Fibonacci hashing of the id without its always-zero low bits. Lookups run inside numba kernels,
where a binary search over the sorted ids was three times slower (branch mispredictions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

_FIBONACCI = -7046029254386353131  # 0x9E3779B97F4A7C15 as a signed 64-bit integer


@dataclass(frozen=True, slots=True)
class IdMap:
    """The table: `keys[h]` is a body id (as int64), `values[h]` its index or -1 if empty."""

    keys: np.ndarray
    values: np.ndarray
    bits: int


@numba.njit(cache=True, nogil=True)
def _slot(body_id, bits):
    return ((body_id >> 4) * _FIBONACCI) >> (64 - bits) & ((1 << bits) - 1)


@numba.njit(cache=True, nogil=True)
def _build(ids, indices, bits):
    mask = (1 << bits) - 1
    keys = np.zeros(1 << bits, np.int64)
    values = np.full(1 << bits, -1, np.int64)
    for k in range(ids.shape[0]):
        h = _slot(ids[k], bits)
        while values[h] != -1:
            h = (h + 1) & mask
        keys[h] = ids[k]
        values[h] = indices[k]
    return keys, values


@numba.njit(cache=True, nogil=True, inline="always")
def lookup(keys, values, bits, body_id):
    """Index of `body_id`, or -1 if it is not in the map (for use inside kernels)."""
    mask = (1 << bits) - 1
    h = _slot(body_id, bits)
    while values[h] != -1:
        if keys[h] == body_id:
            return values[h]
        h = (h + 1) & mask
    return -1


@numba.njit(cache=True, nogil=True)
def _lookup_many(keys, values, bits, ids):
    out = np.empty(ids.shape[0], np.int64)
    for k in range(ids.shape[0]):
        out[k] = lookup(keys, values, bits, ids[k])
    return out


def build_id_map(ids: np.ndarray, indices: np.ndarray) -> IdMap:
    """A map from body ids (uint64 pointer values) to indices."""
    bits = max(4, int(np.ceil(np.log2(max(len(ids), 1) * 4))))
    keys, values = _build(np.asarray(ids, np.uint64).view(np.int64), np.asarray(indices, np.int64), bits)
    return IdMap(keys, values, bits)


def lookup_many(table: IdMap, ids: np.ndarray) -> np.ndarray:
    """Indices of many body ids (uint64), -1 where unknown."""
    return _lookup_many(table.keys, table.values, table.bits, np.ascontiguousarray(ids).view(np.int64))
