"""Portable math: the transcendental functions the simulation uses, computed with nothing but
IEEE-754 addition, subtraction, multiplication, division, square root, `floor`, `frexp` and
`ldexp`, so that a run gives the same bits on every processor and operating system.

Why: numpy picks a kernel for `exp`, `log`, `arctan2`, `power`, `tanh` … by the processor it
finds (AVX-512, AVX2, SSE), and those kernels differ in the last bit; the C library behind
`math.exp` and numba's `math.*` differs between glibc, macOS and Windows, and glibc itself picks
an FMA variant on newer processors. A last bit that differs at one step grows into a different
crowd a minute later, so a trainee's replay would not show on the instructor's laptop what the
trainee saw. The five operations above are correctly rounded everywhere (IEEE-754 requires it),
numpy applies each as its own pass (no fused multiply-add), and numba compiles without
`fastmath` (no contraction), so these functions are bit-reproducible.

They are accurate to a few units in the last place, which is all a crowd model needs. Each
comes twice with the same algorithm: for numpy arrays (and Python floats) and, with the `_nb`
suffix, as scalars for numba kernels. `tests/sim/test_pmath.py` checks accuracy against numpy
and `tests/sim/test_portable.py` that the simulation calls nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast, overload

import numpy as np
import numpy.typing as npt

from sispam.sim.jit import kernel

Floats = npt.NDArray[np.float64]

LN2_HI = 6.93147180369123816490e-01  # ln 2 split so that k · LN2_HI is exact (fdlibm)
LN2_LO = 1.90821492927058770002e-10
INV_LN2 = 1.44269504088896338700e00
PIO2_HI = 1.57079632673412561417e00  # π/2 split the same way (fdlibm)
PIO2_LO = 6.07710050650619224932e-11
TWO_OVER_PI = 6.36619772367581382433e-01
HALF_PI = 1.5707963267948966
PI = 3.141592653589793
TWO_PI = 6.283185307179586
EXP_MAX = 709.78
EXP_MIN = -745.2

# 1/n! for n = 0 … 13 (exp on |r| ≤ ln2/2: the first term left out is below 1e-17)
_EXP = tuple(1.0 / math.factorial(n) for n in range(14))
# 1/(2n+1) for the series of atanh (log), (-1)^n/(2n+1) for atan's
_ODD = tuple(1.0 / (2 * n + 1) for n in range(12))
_ATAN = tuple((-1.0) ** n / (2 * n + 1) for n in range(13))
# sin and cos on |r| ≤ π/4: (-1)^n / (2n+1)! and (-1)^n / (2n)!
_SIN = tuple((-1.0) ** n / math.factorial(2 * n + 1) for n in range(9))
_COS = tuple((-1.0) ** n / math.factorial(2 * n) for n in range(10))


def _horner(x: Floats, coefficients: tuple[float, ...]) -> Floats:
    out: Floats | float = coefficients[-1]
    for c in coefficients[-2::-1]:
        out = out * x + c
    return cast(Floats, out)  # an array from the first product on


def _out(value: Floats, scalar: bool) -> Floats | float:
    return float(value) if scalar else value


# Each numpy version gives a float for floats and an array for arrays.
@overload
def exp(x: float) -> float: ...
@overload
def exp(x: Floats) -> Floats: ...
def exp(x: Floats | float) -> Floats | float:
    """e**x."""
    scalar = np.ndim(x) == 0
    x = np.clip(np.asarray(x, dtype=np.float64), EXP_MIN, EXP_MAX)
    k = np.floor(x * INV_LN2 + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    return _out(np.ldexp(_horner(r, _EXP), k.astype(np.int64)), scalar)


@overload
def log(x: float) -> float: ...
@overload
def log(x: Floats) -> Floats: ...
def log(x: Floats | float) -> Floats | float:
    """Natural logarithm (−inf at 0, nan below)."""
    scalar = np.ndim(x) == 0
    x = np.asarray(x, dtype=np.float64)
    m, e = np.frexp(np.where((x > 0) & np.isfinite(x), x, 1.0))
    low = m < 0.7071067811865476
    m = np.where(low, m * 2.0, m)
    e = (e - low).astype(np.float64)
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    lm = 2.0 * s * _horner(z, _ODD)
    out = e * LN2_HI + (e * LN2_LO + lm)
    out = np.where(x > 0, out, np.where(x == 0, -np.inf, np.nan))
    out = np.where(np.isinf(x) & (x > 0), np.inf, out)
    return _out(out, scalar)


def _atan_unit(t: Floats) -> Floats:
    """atan(t) for 0 ≤ t ≤ 1: two half-angle reductions to t ≤ tan(π/16), then the series."""
    for _ in range(2):
        t = t / (1.0 + np.sqrt(1.0 + t * t))
    return 4.0 * (t * _horner(t * t, _ATAN))


@overload
def arctan2(y: float, x: float) -> float: ...
@overload
def arctan2(y: Floats, x: Floats | float) -> Floats: ...
@overload
def arctan2(y: float, x: Floats) -> Floats: ...
def arctan2(y: Floats | float, x: Floats | float) -> Floats | float:
    """The angle of (x, y) in (−π, π]."""
    scalar = np.ndim(y) == 0 and np.ndim(x) == 0
    y = np.asarray(y, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    ay, ax = np.abs(y), np.abs(x)
    steep = ay > ax
    num = np.where(steep, ax, ay)
    den = np.where(steep, ay, ax)
    a = _atan_unit(np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0))
    a = np.where(steep, HALF_PI - a, a)
    a = np.where(x < 0, PI - a, a)
    return _out(np.where(np.signbit(y), -a, a), scalar)


def _quadrant(x: Floats) -> tuple[npt.NDArray[np.int64], Floats, Floats]:
    k = np.floor(x * TWO_OVER_PI + 0.5)
    r = (x - k * PIO2_HI) - k * PIO2_LO
    z = r * r
    s = r * _horner(z, _SIN)
    c = _horner(z, _COS)
    return k.astype(np.int64) & 3, s, c


@overload
def sin(x: float) -> float: ...
@overload
def sin(x: Floats) -> Floats: ...
def sin(x: Floats | float) -> Floats | float:
    scalar = np.ndim(x) == 0
    q, s, c = _quadrant(np.asarray(x, dtype=np.float64))
    return _out(np.choose(q, (s, c, -s, -c)), scalar)


@overload
def cos(x: float) -> float: ...
@overload
def cos(x: Floats) -> Floats: ...
def cos(x: Floats | float) -> Floats | float:
    scalar = np.ndim(x) == 0
    q, s, c = _quadrant(np.asarray(x, dtype=np.float64))
    return _out(np.choose(q, (c, -s, -c, s)), scalar)


@overload
def hypot(x: float, y: float) -> float: ...
@overload
def hypot(x: Floats, y: Floats | float) -> Floats: ...
@overload
def hypot(x: float, y: Floats) -> Floats: ...
def hypot(x: Floats | float, y: Floats | float) -> Floats | float:
    """√(x² + y²) (no overflow guard: the simulation's lengths are far from 1e154)."""
    scalar = np.ndim(x) == 0 and np.ndim(y) == 0
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return _out(np.sqrt(x * x + y * y), scalar)


@overload
def power(x: float, y: float) -> float: ...
@overload
def power(x: Floats, y: Floats | float) -> Floats: ...
@overload
def power(x: float, y: Floats) -> Floats: ...
def power(x: Floats | float, y: Floats | float) -> Floats | float:
    """x**y for x ≥ 0 (0**y is 0 for y > 0 and 1 for y = 0)."""
    scalar = np.ndim(x) == 0 and np.ndim(y) == 0
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    out = exp(y * log(np.where(x > 0, x, 1.0)))
    out = np.where(x > 0, out, np.where(y == 0, 1.0, 0.0))
    return _out(out, scalar)


@overload
def degrees(x: float) -> float: ...
@overload
def degrees(x: Floats) -> Floats: ...
def degrees(x: Floats | float) -> Floats | float:
    return x * (180.0 / PI)


def standard_normal(rng: np.random.Generator, size: int | tuple[int, ...]) -> Floats:
    """Standard normal draws by Box and Muller from two uniform draws each (numpy's own normal
    generator calls the C library's `exp` and `log1p`)."""
    n = int(np.prod(size))
    u = rng.random((2, (n + 1) // 2))
    out = np.empty(2 * u.shape[1])
    _box_muller(u[0], u[1], out)
    return out[:n].reshape(size)


def normal(rng: np.random.Generator, loc: npt.ArrayLike = 0.0, scale: npt.ArrayLike = 1.0,
           size: int | tuple[int, ...] | None = None) -> Floats | float:
    """Like `rng.normal`, portable."""
    shape = np.broadcast_shapes(np.shape(loc), np.shape(scale)) if size is None else size
    z = standard_normal(rng, shape if shape != () else (1,))
    out = np.asarray(loc, dtype=np.float64) + np.asarray(scale, dtype=np.float64) * z.reshape(shape)
    return float(out) if np.ndim(out) == 0 else out


# --- scalar versions for numba kernels (same algorithms) -------------------------------------

@kernel(inline=True)
def exp_nb(x: float) -> float:
    x = min(max(x, EXP_MIN), EXP_MAX)
    k = math.floor(x * INV_LN2 + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    n = int(k)
    if n < -1000:  # near underflow: ldexp rounds the subnormal result itself
        return math.ldexp(p, n)
    return p * 2.0 ** n  # an integer power of two: exact, and cheaper than a call to ldexp


@kernel(inline=True)
def log_nb(x: float) -> float:
    if x <= 0.0:
        return -math.inf if x == 0.0 else math.nan
    m, e = math.frexp(x)
    if m < 0.7071067811865476:
        m *= 2.0
        e -= 1
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    p = 1.0 / 23.0
    for n in range(10, -1, -1):
        p = p * z + 1.0 / (2 * n + 1)
    return e * LN2_HI + (e * LN2_LO + 2.0 * s * p)


@kernel(inline=True)
def pow_nb(x: float, y: float) -> float:
    """x**y for x ≥ 0."""
    if x <= 0.0:
        return 1.0 if y == 0.0 else 0.0
    power: float = exp_nb(y * log_nb(x))
    return power


def dot2(a: npt.ArrayLike, v: npt.ArrayLike) -> Floats:
    """a · v over the last axis of length 2, as two products and a sum (numpy's `@` and `dot`
    go through BLAS, whose kernels fuse multiply-adds on some processors)."""
    a = np.asarray(a, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    product: Floats = a[..., 0] * v[..., 0] + a[..., 1] * v[..., 1]
    return product


def distance(a: Sequence[float] | Floats, b: Sequence[float] | Floats) -> float:
    """Distance between two points (x, y)."""
    dx, dy = float(b[0]) - float(a[0]), float(b[1]) - float(a[1])
    return math.sqrt(dx * dx + dy * dy)


@kernel(inline=True)
def _sin_cos_nb(x: float) -> tuple[float, float]:
    """(sin x, cos x) by the same reduction and series as `sin` and `cos`."""
    k = math.floor(x * TWO_OVER_PI + 0.5)
    r = (x - k * PIO2_HI) - k * PIO2_LO
    z = r * r
    sp = _SIN[8]
    for j in range(7, -1, -1):
        sp = sp * z + _SIN[j]
    cp = _COS[9]
    for j in range(8, -1, -1):
        cp = cp * z + _COS[j]
    sv, cv = r * sp, cp
    q = int(k) & 3
    if q == 0:
        return sv, cv
    if q == 1:
        return cv, -sv
    if q == 2:
        return -sv, -cv
    return -cv, sv


@kernel()
def _box_muller(u0: np.ndarray, u1: np.ndarray, out: np.ndarray) -> None:
    """Pairs of standard normals from pairs of uniforms: the first of each pair in the first
    half of `out`, the second in the second half."""
    m = len(u0)
    for i in range(m):
        radius = math.sqrt(-2.0 * log_nb(1.0 - u0[i]))  # 1 − u is in (0, 1]
        s, c = _sin_cos_nb(TWO_PI * u1[i])
        out[i] = radius * c
        out[m + i] = radius * s
