"""Pairs of people near each other, found once per step and shared by every consumer
(social repulsion, headway, local density and velocity variance)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

PAIR_RANGE_M = 1.0  # covers social repulsion (gaps up to 0.45 m) and the 1 m density disc


@dataclass(slots=True)
class Pairs:
    """Directed neighbour pairs within `PAIR_RANGE_M`: row k says `j[k]` is near `i[k]`.

    Attributes:
        i, j: body indices; every unordered pair appears twice, once each way.
        d: (n, 2) vector from i to j.
        dist: centre distance.
    """

    i: np.ndarray
    j: np.ndarray
    d: np.ndarray
    dist: np.ndarray


def find_pairs(pos: np.ndarray, present: np.ndarray) -> Pairs:
    """All pairs of present bodies within `PAIR_RANGE_M` of each other, in a stable order."""
    idx = np.flatnonzero(present)
    if len(idx) < 2:
        empty = np.empty(0, np.int64)
        return Pairs(empty, empty, np.empty((0, 2)), np.empty(0))
    tree = cKDTree(pos[idx])
    half = tree.query_pairs(PAIR_RANGE_M, output_type="ndarray")
    a, b = idx[half[:, 0]], idx[half[:, 1]]
    i = np.concatenate((a, b))
    j = np.concatenate((b, a))
    d = pos[j] - pos[i]
    return Pairs(i, j, d, np.sqrt(np.einsum("ij,ij->i", d, d)))
