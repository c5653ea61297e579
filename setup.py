"""Builds the package with the step's kernels compiled ahead of time (`sispam.sim.aot`).

pyproject.toml holds the metadata; this file only adds the compilation to `build_py`, so that
`pip install .` (and `pip install -e .`, which compiles them into the checkout) ships
`sispam/sim/_kernels.*`, and the installed game needs no numba and compiles nothing at start.
The wheel is then specific to this Python and platform, as a wheel with a compiled module is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = Path(__file__).resolve().parent


class BuildWithKernels(build_py):
    """`build_py`, then the kernels compiled into the built package (or, for an editable
    install, into the checkout's `sispam/sim`)."""

    def run(self) -> None:
        super().run()
        editable = getattr(self, "editable_mode", False)
        folder = ROOT / "sispam" / "sim" if editable else Path(self.build_lib) / "sispam" / "sim"
        # In a process of its own: compiling imports the simulation with numba in charge.
        # (pip's isolated build environment reaches its packages through PYTHONPATH: keep them.)
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        subprocess.run([sys.executable, "-m", "sispam.sim.aot", str(folder)], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": path})


class BinaryDistribution(Distribution):
    """A distribution with a compiled module: its wheel is tagged for this Python and platform."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithKernels}, distclass=BinaryDistribution)
