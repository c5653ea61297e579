"""The portable math functions are accurate to a few units in the last place against numpy's
(which are accurate but differ between processors), and keep the special values."""

from __future__ import annotations

import numpy as np
import pytest

from sispam.sim import pmath

RNG = np.random.default_rng(3)
X = RNG.uniform(-60.0, 60.0, 20_000)
Y = RNG.uniform(-60.0, 60.0, 20_000)
P = np.exp(RNG.uniform(-40.0, 40.0, 20_000))


def _rel(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def test_exp_and_log_are_accurate():
    assert _rel(pmath.exp(X / 2), np.exp(X / 2)) < 1e-15
    wide = np.linspace(-740.0, 709.0, 5001)
    assert _rel(pmath.exp(wide), np.exp(wide)) < 1e-15
    assert _rel(pmath.log(P), np.log(P)) < 1e-15
    assert pmath.exp(0.0) == 1.0 and pmath.log(1.0) == 0.0
    assert pmath.log(0.0) == -np.inf and np.isnan(pmath.log(-1.0)) and pmath.log(np.inf) == np.inf
    assert pmath.exp(-1e6) == 0.0 and np.isfinite(pmath.exp(700.0))


def test_angles_are_accurate():
    assert np.max(np.abs(pmath.arctan2(Y, X) - np.arctan2(Y, X))) < 2e-15
    assert np.max(np.abs(pmath.sin(X) - np.sin(X))) < 1e-15
    assert np.max(np.abs(pmath.cos(X) - np.cos(X))) < 1e-15
    for y, x in ((0.0, -1.0), (-0.0, -1.0), (0.0, 0.0), (1.0, 0.0), (-1.0, 0.0), (1.0, -1.0), (-2.0, -2.0)):
        assert pmath.arctan2(y, x) == pytest.approx(np.arctan2(y, x), abs=1e-15)


def test_power_hypot_and_dot():
    assert _rel(pmath.power(P, 1.7), P**1.7) < 1e-13
    assert pmath.power(0.0, 2.0) == 0.0 and pmath.power(0.0, 0.0) == 1.0
    assert _rel(pmath.hypot(X, Y), np.hypot(X, Y)) < 1e-15
    assert np.array_equal(pmath.dot2(np.column_stack((X, Y)), (0.6, 0.8)), X * 0.6 + Y * 0.8)
    assert pmath.distance((0.0, 0.0), (3.0, 4.0)) == 5.0


def test_numba_versions_match_in_accuracy():
    for x in X[:500] / 2:
        assert abs(pmath.exp_nb(x) - np.exp(x)) <= 1e-15 * np.exp(x)
    for p in P[:500]:
        assert abs(pmath.log_nb(p) - np.log(p)) <= 1e-15 * max(abs(np.log(p)), 1.0)
    assert pmath.pow_nb(2.0, 0.5) == pytest.approx(2.0**0.5, rel=1e-15)
    assert pmath.pow_nb(0.0, 1.5) == 0.0 and pmath.pow_nb(0.0, 0.0) == 1.0


def test_normal_draws_are_normal_and_reproducible():
    z = pmath.standard_normal(np.random.default_rng(1), (200_001,))
    assert abs(z.mean()) < 0.01 and abs(z.std() - 1.0) < 0.01
    assert abs(np.mean(np.abs(z) > 1.96) - 0.05) < 0.003
    again = pmath.standard_normal(np.random.default_rng(1), (200_001,))
    assert np.array_equal(z, again)
    drawn = pmath.normal(np.random.default_rng(2), 5.0, 2.0, 1000)
    assert drawn.shape == (1000,) and abs(drawn.mean() - 5.0) < 0.2
