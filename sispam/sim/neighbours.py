"""Everything computed over pairs of nearby people, in one compiled pass per step.

The pass bins people into 1 m cells (a counting sort over the bounding box of everyone present)
and visits each person's 3 × 3 cells once. For each person it sums, over neighbours within
`PAIR_RANGE_M`: the social repulsion (HFV2000 A·exp(−gap/B) with the HM95 field of view), the
gap to the nearest person in one's walking path (headway), the neighbour count and the sums of
their velocities and squared speeds (local density and velocity variance).

This is the one place the step loops over people, so it is compiled with numba (no Python runs
per person); the visiting order depends only on positions, so results are bit-identical between
runs and processes. Everything else in the step is numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numba
import numpy as np

from sispam.sim import params

PAIR_RANGE_M = 1.0  # covers social repulsion (gaps up to 0.45 m) and the 1 m density disc


@dataclass(slots=True)
class Neighbourhood:
    """Per-person sums over neighbours within `PAIR_RANGE_M` (arrays indexed by body index).

    Attributes:
        social_n: (n, 2) social repulsion on each receiver (N), before the strength cap.
        headway_m: gap to the nearest person in the receiver's path (inf if none in range).
        count: neighbours within range (not counting oneself).
        sum_v: (n, 2) sum of the neighbours' velocities.
        sum_v2: sum of the neighbours' squared speeds.
    """

    social_n: np.ndarray
    headway_m: np.ndarray
    count: np.ndarray
    sum_v: np.ndarray
    sum_v2: np.ndarray


@numba.njit(cache=True, nogil=True)
def _scan(pos, vel, radius, heading, present, receiver, reach, a_n, b_m, cutoff, view_cos, behind):  # noqa: PLR0913
    n = pos.shape[0]
    social = np.zeros((n, 2))
    headway = np.full(n, np.inf)
    count = np.zeros(n)
    sum_v = np.zeros((n, 2))
    sum_v2 = np.zeros(n)
    idx = np.flatnonzero(present)
    m = idx.shape[0]
    if m == 0:
        return social, headway, count, sum_v, sum_v2
    xmin, ymin = pos[idx[0], 0], pos[idx[0], 1]
    xmax, ymax = xmin, ymin
    for k in range(m):
        x, y = pos[idx[k], 0], pos[idx[k], 1]
        xmin, xmax = min(xmin, x), max(xmax, x)
        ymin, ymax = min(ymin, y), max(ymax, y)
    ncx = int((xmax - xmin) / reach) + 1
    ncy = int((ymax - ymin) / reach) + 1
    cell = np.empty(m, np.int64)
    start = np.zeros(ncx * ncy + 1, np.int64)
    for k in range(m):
        i = idx[k]
        c = int((pos[i, 1] - ymin) / reach) * ncx + int((pos[i, 0] - xmin) / reach)
        cell[k] = c
        start[c + 1] += 1
    for c in range(ncx * ncy):
        start[c + 1] += start[c]
    fill = start[:-1].copy()
    members = np.empty(m, np.int64)
    for k in range(m):
        members[fill[cell[k]]] = idx[k]
        fill[cell[k]] += 1
    reach2 = reach * reach
    for k in range(m):
        i = idx[k]
        cx = int((pos[i, 0] - xmin) / reach)
        cy = int((pos[i, 1] - ymin) / reach)
        hx, hy = heading[i, 0], heading[i, 1]
        for gy in range(max(cy - 1, 0), min(cy + 2, ncy)):
            for gx in range(max(cx - 1, 0), min(cx + 2, ncx)):
                c = gy * ncx + gx
                for q in range(start[c], start[c + 1]):
                    j = members[q]
                    if j == i:
                        continue
                    dx = pos[j, 0] - pos[i, 0]
                    dy = pos[j, 1] - pos[i, 1]
                    d2 = dx * dx + dy * dy
                    if d2 > reach2:
                        continue
                    count[i] += 1.0
                    sum_v[i, 0] += vel[j, 0]
                    sum_v[i, 1] += vel[j, 1]
                    sum_v2[i] += vel[j, 0] * vel[j, 0] + vel[j, 1] * vel[j, 1]
                    if not receiver[i]:
                        continue
                    dist = math.sqrt(d2) if d2 > 1e-18 else 1e-9
                    ux, uy = dx / dist, dy / dist
                    gap = dist - radius[i] - radius[j]
                    ahead = ux * hx + uy * hy
                    if gap < cutoff:
                        w = 1.0 if ahead >= view_cos else behind
                        mag = a_n * math.exp(-max(gap, 0.0) / b_m) * w
                        social[i, 0] -= mag * ux
                        social[i, 1] -= mag * uy
                    if ahead > 0.0 and abs(dx * hy - dy * hx) < radius[i] + radius[j]:
                        headway[i] = min(headway[i], max(gap, 0.0))
    return social, headway, count, sum_v, sum_v2


def scan_neighbours(pos: np.ndarray, vel: np.ndarray, radius: np.ndarray, heading: np.ndarray,
                    present: np.ndarray, receiver: np.ndarray) -> Neighbourhood:
    """Run the pair pass.

    Args:
        pos, vel, radius: every body's state (indexed by body index).
        heading: (n, 2) each receiver's walking direction (field of view and path).
        present: bodies in the space (neighbours).
        receiver: bodies that get social repulsion and headway (active crowd members).
    """
    return Neighbourhood(*_scan(
        pos, vel, radius, heading, present, receiver, PAIR_RANGE_M, params.SOCIAL_A_N,
        params.SOCIAL_B_M, params.SOCIAL_CUTOFF_M, params.SOCIAL_VIEW_COS, params.SOCIAL_BEHIND_FACTOR,
    ))
