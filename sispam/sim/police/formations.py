"""Formation slot geometry: where each officer of a unit stands.

Slots are computed in a local frame (x across the front, to the unit's right; y forward, the
facing direction) and rotated to the world. The anchor is the centre of the front rank.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from sispam.sim import pmath
from sispam.sim.scenario import Formation

# Ranks are staggered: each rear man stands behind the gap between two front men, RANK_SPACING_M
# from each of them (centre to centre), close enough to brace both with his shield or hands.
RANK_SPACING_M = 0.6
# When a line is spread so thin that its front men stand further apart than that, the rear rank
# steps up into the gaps, its men this far behind the front rank's centres: the two ranks
# interlock into one closed chequer (a 0.52 m-wide shield officer 0.69 m sideways and 0.3 m back
# from his neighbours leaves 0.24 m between bodies, too little for anyone to slip through) and
# each rear man is still in contact reach of the two front men he braces.
MIN_RANK_DEPTH_M = 0.3
BANJAR_FILES = 3


def _ranked_line(officers: int, ranks: int, spacing: float, rank_spacing: float = RANK_SPACING_M,
                 per_rank: int | None = None) -> np.ndarray:
    per_rank = math.ceil(officers / ranks) if per_rank is None else per_rank
    # Depth between ranks: rank_spacing diagonally to the two front men, but never less than
    # MIN_RANK_DEPTH_M (a thin line's rear rank stands in the front rank's gaps).
    depth = math.sqrt(max(rank_spacing * rank_spacing - (0.5 * spacing) * (0.5 * spacing), MIN_RANK_DEPTH_M * MIN_RANK_DEPTH_M))
    slots = []
    shift, ahead = 0.0, 0  # the rank ahead's offset (in spacings) and its number of men
    for rank in range(ranks):
        n = min(per_rank, officers - rank * per_rank)
        if n <= 0:
            break
        # Each rear rank stands in the gaps of the rank ahead, so that each rear man braces two
        # men in front: centred, a rank of an odd number stands on whole spacings, of an even
        # number on half ones, so a short rank (the last, or one thinned by the fallen) may
        # already stand in the gaps where a full one needs half a spacing's offset.
        if rank:
            shift = (shift + 0.5 * (1 + (ahead % 2 == 0) - (n % 2 == 0))) % 1.0
        xs = (np.arange(n) - (n - 1) / 2 + shift) * spacing
        slots += [(x, -rank * depth) for x in xs]
        ahead = n
    return np.array(slots, dtype=float)


def slot_offsets(formation: Formation, officers: int, spacing: float, width: float | None,
                 ranks: int = 1, rank_spacing: float = RANK_SPACING_M, strength: int | None = None) -> np.ndarray:
    """(officers, 2) slot offsets in the unit frame: x to the right, y forward (metres).

    Args:
        formation: the formation.
        officers: how many slots.
        spacing: natural distance between neighbours in a line.
        width: frontage to spread a line over; None keeps the natural spacing.
        ranks: ranks of a bersaf line (1-3).
        rank_spacing: distance from a rear-rank man to each of the two front men he braces.
        strength: the unit's full number of officers, if `officers` is fewer (men have fallen):
            the line keeps the frontage and spacing of its full strength, the front ranks full
            and the rearmost rank short (rapatkan barisan: the rear fills the front's gaps).
    """
    if officers <= 0:
        return np.zeros((0, 2))
    match formation:
        case Formation.BERSAF | Formation.TALI_DALMAS | Formation.TANGAN_BERKAIT:
            r = max(1, min(3, ranks)) if formation is Formation.BERSAF else 1
            per_rank = math.ceil(max(officers, strength or 0) / r)
            if width is not None and per_rank > 1:
                # A rope lets officers stand further apart than arms or shields do.
                widest = 3.0 if formation is Formation.TALI_DALMAS else 1.5
                spacing = min(max(width / (per_rank - 1), 0.45), widest)
            return _ranked_line(officers, r, spacing, rank_spacing, per_rank)
        case Formation.BANJAR_3:
            files = min(BANJAR_FILES, officers)
            idx = np.arange(officers)
            xs = (idx % files - (files - 1) / 2) * spacing
            ys = -(idx // files) * RANK_SPACING_M * 1.2
            return np.column_stack((xs, ys))
        case Formation.PARUH_LEMBING:
            # A wedge: the point man at the anchor, the arms trailing back at ±45°.
            idx = np.arange(officers)
            k = (idx + 1) // 2
            side = np.where(idx % 2 == 1, 1.0, -1.0)
            step = spacing / math.sqrt(2)
            return np.column_stack((side * k * step, -k * step))
        case Formation.MELINTANG_KANAN | Formation.MELINTANG_KIRI:
            line = _ranked_line(officers, 1, spacing)
            # Echelon: the line is swept back 30° towards the named side (kanan: the right end
            # trails), so that a crowd pushed by it slides off towards that side.
            sweep = 1.0 / math.sqrt(3.0)  # tan 30°
            sign = -1.0 if formation is Formation.MELINTANG_KANAN else 1.0
            line[:, 1] = sign * line[:, 0] * sweep
            line[:, 1] -= line[:, 1].max()
            return line
    raise ValueError(f"unknown formation {formation}")


@functools.lru_cache(maxsize=1024)
def _cos_sin(facing_deg: float) -> tuple[float, float]:
    f = math.radians(facing_deg)
    return float(pmath.cos(f)), float(pmath.sin(f))


def facing_vector(facing_deg: float) -> np.ndarray:
    """Unit vector of a facing (degrees counter-clockwise from east). Facings repeat (every
    officer of a unit, every step), so their cosines are remembered."""
    return np.array(_cos_sin(float(facing_deg)))


def world_slots(offsets: np.ndarray, anchor: tuple[float, float], facing_deg: float) -> np.ndarray:
    """Rotate unit-frame offsets (x right, y forward) to world coordinates."""
    c, s = _cos_sin(float(facing_deg))
    fwd = np.array([c, s])
    right = np.array([s, -c])
    slots: np.ndarray = np.asarray(anchor) + offsets[:, :1] * right + offsets[:, 1:2] * fwd
    return slots
