"""Everything computed over pairs of nearby people, in one compiled pass per step.

The pass bins people into square cells of half the pair range (a counting sort over the
bounding box of everyone present), and each person gathers from everyone within `PAIR_RANGE_M`
in the 5 × 5 cells round his own: the social repulsion (HFV2000 A·exp(−gap/B) with the HM95
field of view), the gap to the nearest person in one's walking path (headway), the local density
(people within 0.8 m over the disc's area) and the local velocity field V (the mean velocity
within the same disc), from which `metrics` takes the crowd pressure of Helbing, Johansson &
Al-Abideen 2007. The disc's radius, 0.8 m, lies within the 0.7-1 m used for local density in
the literature.

This is the one place the step visits pairs of people, so it is compiled with numba (no Python
runs per person or pair); the visiting order depends only on positions, so results are
bit-identical between runs and processes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sispam.sim import params, pmath
from sispam.sim.jit import kernel

PAIR_RANGE_M = 0.8  # the density disc, and social repulsion up to its cutoff gap
DENSITY_AREA_M2 = math.pi * PAIR_RANGE_M * PAIR_RANGE_M
CELLS_PER_PERSON = 16  # at most this many half-range cells per person, else cells of the range
# The repulsion's exp(−gap/B) over gaps 0..cutoff, tabulated (with the portable exp) and read
# by linear interpolation: a relative error under 1e-6, at a fifth of the cost of an exp in
# the pass's inner loop, which visits every pair.
REPULSION_TABLE_STEPS = 2048


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
        blocker_speed_mps: how fast the person who sets the headway walks along the receiver's
            way (his smoothed velocity; 0 if nobody does).
        room_m: (n, 2) the room beside each receiver, on his left and on his right: the
            smallest gap to someone beside him (off his path, from a body behind him to the
            pair range ahead), inf if nobody is there; measured only for those held up by someone
            who walks faster than their `overtake_pace_mps`, NaN for everyone else.
    """

    social_n: np.ndarray
    headway_m: np.ndarray
    density_ppm2: np.ndarray
    velocity_field: np.ndarray
    blocker_offset_m: np.ndarray
    room_m: np.ndarray
    blocker_speed_mps: np.ndarray


@kernel()
def _bounds(pos, idx):  # type: ignore[no-untyped-def]
    xmin, ymin = pos[idx[0], 0], pos[idx[0], 1]
    xmax, ymax = xmin, ymin
    for k in range(idx.shape[0]):
        x, y = pos[idx[k], 0], pos[idx[k], 1]
        xmin, xmax = min(xmin, x), max(xmax, x)
        ymin, ymax = min(ymin, y), max(ymax, y)
    return xmin, ymin, xmax, ymax


@kernel()
def _bin(pos, idx, reach, xmin, ymin, xmax, ymax):  # type: ignore[no-untyped-def]
    """Counting sort of bodies `idx` into square cells of side `reach` over their bounds."""
    m = idx.shape[0]
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


@kernel(inline=True)
def _room_beside(px, py, r, hx, hy, start, ncx, ncy, k, reach2, pace, pass_from, room_l, room_r):  # type: ignore[no-untyped-def]  # noqa: PLR0913
    """The room beside one's path (into `room_l`, `room_r`, in cell order as `_scan` works), only
    for those held up by someone who walks fast enough to be passed (`pace` above `pass_from`):
    the smallest gap to someone beside it (not on it), from a body behind to the range ahead."""
    for cy in range(ncy):
        for cx in range(ncx):
            c0 = cy * ncx + cx
            for a in range(start[c0], start[c0 + 1]):
                if not pace[a] > pass_from[a]:
                    continue
                left, right = np.inf, np.inf
                xa, ya, ra, hxa, hya = px[a], py[a], r[a], hx[a], hy[a]
                for gy in range(max(cy - k, 0), min(cy + k + 1, ncy)):
                    row = gy * ncx
                    for b in range(start[row + max(cx - k, 0)], start[row + min(cx + k + 1, ncx)]):
                        dx = px[b] - xa
                        dy = py[b] - ya
                        if dx * dx + dy * dy > reach2 or b == a:
                            continue
                        lateral = dy * hxa - dx * hya  # + to a's left
                        off_path, touch = abs(lateral), ra + r[b]
                        if off_path >= 0.5 * touch and dx * hxa + dy * hya > -touch:
                            if lateral > 0.0:
                                left = min(left, off_path - ra - r[b])
                            else:
                                right = min(right, off_path - ra - r[b])
                room_l[a], room_r[a] = left, right


@kernel()
def _scan(pos, vel, radius, heading, present, receiver, reach, a_n, repulsion, cutoff, view_cos, behind,  # type: ignore[no-untyped-def]  # noqa: PLR0913
          path_cos, oncoming_cos, overtake_pace):
    n = pos.shape[0]
    social = np.zeros((n, 2))
    headway = np.full(n, np.inf)
    density = np.zeros(n)
    field = np.zeros((n, 2))
    blocked_by = np.zeros(n)
    room = np.full((n, 2), np.nan)
    pace = np.zeros(n)
    idx = np.flatnonzero(present & np.isfinite(pos[:, 0]) & np.isfinite(pos[:, 1]))
    m = idx.shape[0]
    if m == 0:
        return social, headway, density, field, blocked_by, room, pace
    # Cells of half the range check a third fewer pairs than cells of the range; a few people
    # spread over a large map keep the coarser cells, whose empty ones are fewer to visit.
    bounds = _bounds(pos, idx)
    half = reach / 2
    cells = (int((bounds[2] - bounds[0]) / half) + 1) * (int((bounds[3] - bounds[1]) / half) + 1)
    k = 2 if cells <= CELLS_PER_PERSON * m else 1
    members, start, ncx, ncy, xmin, ymin = _bin(pos, idx, reach / k, *bounds)
    # Work on copies in cell order: neighbours then sit next to each other in memory.
    px, py = pos[members, 0].copy(), pos[members, 1].copy()
    vx, vy = vel[members, 0].copy(), vel[members, 1].copy()
    r, rec = radius[members].copy(), receiver[members].copy()
    hx, hy = heading[members, 0].copy(), heading[members, 1].copy()
    count = np.zeros(m)
    sum_vx, sum_vy = np.zeros(m), np.zeros(m)
    soc_x, soc_y, head, block = np.zeros(m), np.zeros(m), np.full(m, np.inf), np.zeros(m)
    room_l, room_r, pace_a = np.full(m, np.nan), np.full(m, np.nan), np.zeros(m)
    pass_from = overtake_pace[members]
    reach2 = reach * reach
    fade = repulsion[-1]  # the repulsion is shifted so it fades to zero at the cutoff
    last = repulsion.shape[0] - 1
    per_m = last / cutoff
    # Each person gathers from the cells within the range round his own, row by row (a row's
    # cells are contiguous in `members`), and keeps his sums in registers.
    for cy in range(ncy):
        for cx in range(ncx):
            c0 = cy * ncx + cx
            for a in range(start[c0], start[c0 + 1]):
                n_near, svx, svy = 0.0, 0.0, 0.0
                sx, sy, gap_ahead, offset = 0.0, 0.0, np.inf, 0.0
                blocker_pace = 0.0
                xa, ya, ra, hxa, hya, gets_forces = px[a], py[a], r[a], hx[a], hy[a], rec[a]
                for gy in range(max(cy - k, 0), min(cy + k + 1, ncy)):
                    row = gy * ncx
                    for b in range(start[row + max(cx - k, 0)], start[row + min(cx + k + 1, ncx)]):
                        dx = px[b] - xa
                        dy = py[b] - ya
                        d2 = dx * dx + dy * dy
                        if d2 > reach2 or b == a:
                            continue
                        n_near += 1.0
                        svx += vx[b]
                        svy += vy[b]
                        if not gets_forces:
                            continue
                        dist = math.sqrt(d2) if d2 > 1e-18 else 1e-9
                        ux, uy = dx / dist, dy / dist
                        gap = dist - ra - r[b]
                        ahead = ux * hxa + uy * hya
                        if gap < cutoff:
                            w = 1.0 if ahead >= view_cos else behind
                            u = max(gap, 0.0) * per_m
                            j = min(int(u), last - 1)
                            e = repulsion[j] + (u - j) * (repulsion[j + 1] - repulsion[j])
                            mag = a_n * (e - fade) * w
                            sx -= mag * ux
                            sy -= mag * uy
                        # Only someone who walks one's own way (or stands) holds one back: one
                        # steps round people coming the other way (keep_side.py) instead.
                        lateral = dy * hxa - dx * hya  # b's offset from a's path, + to a's left
                        if (ahead > path_cos and abs(lateral) < ra + r[b] and gap < gap_ahead
                                and hxa * hx[b] + hya * hy[b] > oncoming_cos):
                            gap_ahead = max(gap, 0.0)
                            offset = lateral
                            blocker_pace = vx[b] * hxa + vy[b] * hya
                count[a], sum_vx[a], sum_vy[a] = n_near, svx, svy
                soc_x[a], soc_y[a], head[a], block[a] = sx, sy, gap_ahead, offset
                pace_a[a] = blocker_pace
    _room_beside(px, py, r, hx, hy, start, ncx, ncy, k, reach2, pace_a, pass_from, room_l, room_r)
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
        room[i, 0], room[i, 1] = room_l[a], room_r[a]
        pace[i] = pace_a[a]
    return social, headway, density, field, blocked_by, room, pace


_REPULSION = pmath.exp(-np.linspace(0.0, params.SOCIAL_CUTOFF_M, REPULSION_TABLE_STEPS + 1) / params.SOCIAL_B_M)


def scan_neighbours(pos: np.ndarray, vel: np.ndarray, radius: np.ndarray, heading: np.ndarray,
                    present: np.ndarray, receiver: np.ndarray, overtake_pace_mps: np.ndarray) -> Neighbourhood:
    """Run the pair pass.

    Args:
        pos, radius: every body's position and size (indexed by body index).
        vel: every body's velocity, smoothed over time, for the crowd pressure.
        heading: (n, 2) each receiver's walking direction (field of view and path).
        present: bodies in the space (neighbours).
        receiver: bodies that get social repulsion and headway (active crowd members).
        overtake_pace_mps: how fast the one who holds each receiver up must walk before the
            receiver may step round him (motion.py, which steps round nobody whose room
            is not measured); the room beside one's path is measured only for those held up
            by someone faster (inf: nobody).
    """
    return Neighbourhood(*_scan(
        pos, vel, radius, heading, present, receiver, PAIR_RANGE_M, params.SOCIAL_A_N,
        _REPULSION, params.SOCIAL_CUTOFF_M, params.SOCIAL_VIEW_COS, params.SOCIAL_BEHIND_FACTOR,
        params.HEADWAY_CONE_COS, params.HEADWAY_ONCOMING_COS, overtake_pace_mps,
    ))
