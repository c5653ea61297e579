"""Measurements on recorded numbers: flows, time gaps, fits, lane order. Plain numpy, no world."""

from __future__ import annotations

import math

import numpy as np


def weidmann_speed(density_ppm2: float) -> float:
    """Weidmann (1993): walking speed (m/s) at a density (persons/m²); 0 at or above 5.4 /m².

    v(ρ) = 1.34 (1 − exp(−1.913 (1/ρ − 1/5.4))).
    """
    if density_ppm2 <= 0:
        return 1.34
    return max(0.0, 1.34 * (1.0 - math.exp(-1.913 * (1.0 / density_ppm2 - 1.0 / 5.4))))


def flow_10_90(times_s: list[float], total: int) -> float | None:
    """Flow (persons/s) between the passage of the 10th and the 90th percent of `total` people;
    None if fewer than 90 % passed or the two passages coincide."""
    first, last = int(0.1 * total), int(0.9 * total) - 1
    if total < 5 or len(times_s) <= last:
        return None
    t = sorted(times_s)
    span = t[last] - t[first]
    return (last - first) / span if span > 0 else None


def time_gaps(times_s: list[float]) -> list[float]:
    """Time between successive passages."""
    t = np.sort(np.asarray(times_s, float))
    return np.diff(t).tolist()


def longest_wait_gap(times_s: list[float], total: int, end_s: float) -> float:
    """The longest time without a passage while someone still waited to pass: the gaps between
    passages, and the time from the last passage to the end if not everyone passed."""
    t = sorted(times_s)
    gaps = time_gaps(t)
    if t and len(t) < total:
        gaps.append(end_s - t[-1])
    if not t:
        return end_s
    return max(gaps, default=0.0)


def ccdf(values: list[float]) -> tuple[list[float], list[float]]:
    """Complementary cumulative distribution P(X ≥ x) at each sorted value."""
    v = np.sort(np.asarray(values, float))
    n = len(v)
    return v.tolist(), (1.0 - np.arange(n) / n).tolist()


def linear_fit(x: list[float], y: list[float]) -> tuple[float, float, float]:
    """Least-squares y = a·x + c; returns (a, c, R²)."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    a, c = np.polyfit(xa, ya, 1)
    residual = ya - (a * xa + c)
    total = ((ya - ya.mean()) ** 2).sum()
    r2 = 1.0 - (residual**2).sum() / total if total > 0 else 1.0
    return float(a), float(c), float(r2)


def lane_order(pos: np.ndarray, direction: np.ndarray, *, band_m: float = 0.3, reach_m: float = 5.0) -> float | None:
    """Rex & Löwen's lane order parameter Φ for people walking along x.

    For each person i, the neighbours j with |yi − yj| < `band_m` and |xi − xj| < `reach_m` are
    counted by whether they walk the same way (n+) or the other way (n−);
    φi = ((n+ − n−)/(n+ + n−))², and Φ is the mean over the people who have neighbours. Φ is 1
    for perfect lanes and about 1/n for n neighbours in random order. None: nobody has neighbours.
    """
    if len(pos) < 2:
        return None
    dx = np.abs(pos[:, None, 0] - pos[None, :, 0])
    dy = np.abs(pos[:, None, 1] - pos[None, :, 1])
    near = (dx < reach_m) & (dy < band_m)
    np.fill_diagonal(near, False)
    same = (direction[:, None] == direction[None, :]) & near
    n = near.sum(axis=1)
    has = n > 0
    if not has.any():
        return None
    s = same.sum(axis=1)[has]
    phi = ((2 * s - n[has]) / n[has]) ** 2
    return float(phi.mean())


def rolling_max(values: list[float], window: int) -> float:
    """The highest mean over `window` consecutive values (the highest sustained level)."""
    v = np.asarray(values, float)
    if len(v) == 0:
        return 0.0
    if len(v) < window:
        return float(v.mean())
    means = np.convolve(v, np.ones(window) / window, mode="valid")
    return float(means.max())
