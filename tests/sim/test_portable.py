"""The simulation calls no arithmetic that differs between processors or operating systems:
no numpy or C-library transcendental function, no BLAS product, no power with a non-integer
exponent, no numpy normal draws. `sispam.sim.pmath` has the portable replacements. This is what
lets a trainee's replay show the same run on the instructor's laptop (tests/review/
test_replay_portable.py runs one with the processor-specific kernels switched off)."""

from __future__ import annotations

import ast
from pathlib import Path

import sispam

ROOT = Path(sispam.__file__).parent
PACKAGES = ("sim", "level")
TRANSCENDENTAL = {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "power", "float_power", "pow",
                  "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "asin", "acos", "atan",
                  "atan2", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "hypot", "dist",
                  "cbrt", "erf", "erfc", "gamma", "lgamma", "dot", "vdot", "inner", "matmul", "einsum",
                  "tensordot", "linalg"}
DRAWS = {"normal", "standard_normal", "exponential", "standard_exponential", "gamma", "lognormal",
         "poisson", "vonmises", "beta", "weibull", "laplace", "logistic", "wald", "rayleigh"}


def _offences(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in {"np", "numpy", "math"} and node.attr in TRANSCENDENTAL:
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
            if node.value.id.endswith("rng") and node.attr in DRAWS:
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            found.append((node.lineno, "@"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            if not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, int)):
                found.append((node.lineno, "** with a non-integer exponent"))
    return sorted(found)


def test_the_simulation_and_level_building_use_only_portable_arithmetic():
    offences = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "pmath.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            offences += [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in _offences(tree)]
    assert offences == [], "use sispam.sim.pmath instead:\n" + "\n".join(offences)


def test_the_guard_finds_what_it_looks_for():
    tree = ast.parse("import numpy as np\nx = np.exp(1.0)\ny = a @ b\nz = rng.normal(0, 1)\nw = q ** 0.5\nv = q ** 2\n")
    assert [what for _, what in _offences(tree)] == ["np.exp", "@", "rng.normal", "** with a non-integer exponent"]
