"""Everything computed over pairs of nearby people, in one compiled pass per step.

The pass bins people into square cells of the pair range (a counting sort over the bounding box of everyone present)
and visits each unordered pair within `PAIR_RANGE_M` once. For each person it gathers: the
social repulsion (HFV2000 A·exp(−gap/B) with the HM95 field of view), the gap to the nearest
person in one's walking path (headway), the local density (people within 0.8 m over the disc's area) and
the local velocity field V (the mean velocity within the same disc), from which `metrics`
takes the crowd pressure of Helbing, Johansson & Al-Abideen 2007.
The disc's radius, 0.8 m, lies within the 0.7-1 m used for local density in the literature.

This is the one place the step visits pairs of people, so it is compiled with numba (no Python
runs per person or pair); the visiting order depends only on positions, so results are
bit-identical between runs and processes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numba
import numpy as np

from sispam.sim import params

PAIR_RANGE_M = 0.8  # the density disc, and social repulsion up to its cutoff gap
DENSITY_AREA_M2 = math.pi * PAIR_RANGE_M**2


@dataclass(slots=True)
class Neighbourhood:
    """Per-person results of the pair pass (arrays indexed by body index).

    Attributes:
        social_n: (n, 2) social repulsion on each receiver (N), before the strength cap.
        headway_m: gap to the nearest person in the receiver's path (inf if none in range).
        density_ppm2: people within 0.8 m, oneself included, per m² (0 for absent bodies).
        velocity_field: (n, 2) the local velocity field at each person: the mean (smoothed)
            velocity of the people within 0.8 m, oneself included.
        blocker_offset_m: how far the person who sets the headway stands off the receiver's
            path, positive to his left (0 if nobody does).
    """

    social_n: np.ndarray
    headway_m: np.ndarray
    density_ppm2: np.ndarray
    velocity_field: np.ndarray
    blocker_offset_m: np.ndarray


@numba.njit(cache=True, nogil=True)
def _bin(pos, idx, reach):
    """Counting sort of bodies `idx` into square cells of side `reach` over their bounds."""
    m = idx.shape[0]
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
    return members, start, ncx, ncy, xmin, ymin


@numba.njit(cache=True, nogil=True, inline="always")
def _one_way(a, b, dx, dy, dist, r, hx, hy, social_x, social_y, headway, blocker, a_n, b_m, cutoff,
             view_cos, behind, path_cos, oncoming_cos):
    """Social repulsion and headway that b exerts on receiver a (dx, dy from a to b)."""
    ux, uy = dx / dist, dy / dist
    gap = dist - r[a] - r[b]
    ahead = ux * hx[a] + uy * hy[a]
    if gap < cutoff:
        w = 1.0 if ahead >= view_cos else behind
        # Shifted so that the force fades to zero at the cutoff instead of jumping there.
        mag = a_n * (math.exp(-max(gap, 0.0) / b_m) - math.exp(-cutoff / b_m)) * w
        social_x[a] -= mag * ux
        social_y[a] -= mag * uy
    # Only someone who walks one's own way (or stands) holds one back: one steps round people
    # coming the other way (keep_side.py) instead of waiting for them.
    lateral = dy * hx[a] - dx * hy[a]  # b's offset from a's path, positive to a's left
    if ahead > path_cos and abs(lateral) < r[a] + r[b] and hx[a] * hx[b] + hy[a] * hy[b] > oncoming_cos:
        if gap < headway[a]:
            headway[a] = max(gap, 0.0)
            blocker[a] = lateral


@numba.njit(cache=True, nogil=True)
def _scan(pos, vel, radius, heading, present, receiver, reach, a_n, b_m, cutoff, view_cos, behind, path_cos, oncoming_cos):  # noqa: PLR0913
    n = pos.shape[0]
    social = np.zeros((n, 2))
    headway = np.full(n, np.inf)
    density = np.zeros(n)
    field = np.zeros((n, 2))
    blocked_by = np.zeros(n)
    idx = np.flatnonzero(present & np.isfinite(pos[:, 0]) & np.isfinite(pos[:, 1]))
    m = idx.shape[0]
    if m == 0:
        return social, headway, density, field, blocked_by
    members, start, ncx, ncy, xmin, ymin = _bin(pos, idx, reach)
    # Work on copies in cell order: neighbours then sit next to each other in memory.
    px, py = pos[members, 0].copy(), pos[members, 1].copy()
    vx, vy = vel[members, 0].copy(), vel[members, 1].copy()
    r, rec = radius[members].copy(), receiver[members].copy()
    hx, hy = heading[members, 0].copy(), heading[members, 1].copy()
    count = np.zeros(m)
    sum_vx, sum_vy = np.zeros(m), np.zeros(m)
    soc_x, soc_y, head, block = np.zeros(m), np.zeros(m), np.full(m, np.inf), np.zeros(m)
    reach2 = reach * reach
    for cy in range(ncy):
        for cx in range(ncx):
            c0 = cy * ncx + cx
            for a in range(start[c0], start[c0 + 1]):
                # Own cell (later members only) and the four "forward" cells: each unordered
                # pair is met exactly once.
                for off in range(5):
                    gx = cx + (0, 1, -1, 0, 1)[off]
                    gy = cy + (0, 0, 1, 1, 1)[off]
                    if gx < 0 or gx >= ncx or gy >= ncy:
                        continue
                    c = gy * ncx + gx
                    first = a + 1 if off == 0 else start[c]
                    for b in range(first, start[c + 1]):
                        dx = px[b] - px[a]
                        dy = py[b] - py[a]
                        d2 = dx * dx + dy * dy
                        if d2 > reach2:
                            continue
                        dist = math.sqrt(d2) if d2 > 1e-18 else 1e-9
                        count[a] += 1.0
                        count[b] += 1.0
                        sum_vx[a] += vx[b]
                        sum_vy[a] += vy[b]
                        sum_vx[b] += vx[a]
                        sum_vy[b] += vy[a]
                        if rec[a]:
                            _one_way(a, b, dx, dy, dist, r, hx, hy, soc_x, soc_y, head, block,
                                     a_n, b_m, cutoff, view_cos, behind, path_cos, oncoming_cos)
                        if rec[b]:
                            _one_way(b, a, -dx, -dy, dist, r, hx, hy, soc_x, soc_y, head, block,
                                     a_n, b_m, cutoff, view_cos, behind, path_cos, oncoming_cos)
    area = math.pi * reach2
    for a in range(m):
        i = members[a]
        c = count[a] + 1.0
        density[i] = c / area
        # The local velocity field V at each person: the mean velocity within the disc.
        field[i, 0] = (sum_vx[a] + vx[a]) / c
        field[i, 1] = (sum_vy[a] + vy[a]) / c
        social[i, 0], social[i, 1] = soc_x[a], soc_y[a]
        headway[i] = head[a]
        blocked_by[i] = block[a]
    return social, headway, density, field, blocked_by


def scan_neighbours(pos: np.ndarray, vel: np.ndarray, radius: np.ndarray, heading: np.ndarray,
                    present: np.ndarray, receiver: np.ndarray) -> Neighbourhood:
    """Run the pair pass.

    Args:
        pos, radius: every body's position and size (indexed by body index).
        vel: every body's velocity, smoothed over time, for the crowd pressure.
        heading: (n, 2) each receiver's walking direction (field of view and path).
        present: bodies in the space (neighbours).
        receiver: bodies that get social repulsion and headway (active crowd members).
    """
    return Neighbourhood(*_scan(
        pos, vel, radius, heading, present, receiver, PAIR_RANGE_M, params.SOCIAL_A_N,
        params.SOCIAL_B_M, params.SOCIAL_CUTOFF_M, params.SOCIAL_VIEW_COS, params.SOCIAL_BEHIND_FACTOR,
        params.HEADWAY_CONE_COS, params.HEADWAY_ONCOMING_COS,
    ))
