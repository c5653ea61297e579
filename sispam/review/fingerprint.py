"""The arithmetic fingerprint of this machine: what a replay records about where it was made,
and what a verify that differs names.

The simulation is made bit-reproducible across processors and operating systems
(`sispam.sim.pmath`), so a replay should verify anywhere. If one still differs, the cause is in
what lies below the game: the platform's C library (which pymunk's rotations call), a numpy,
numba or pymunk of another version, or a processor feature one of them dispatches on. The
fingerprint names those, so that the message can say which of them differ."""

from __future__ import annotations

import functools
import os
import platform
import sys

KEYS = ("simulation", "platform", "processor", "python", "numpy", "numpy_simd", "numba", "numba_cpu", "pymunk", "libc")


@functools.cache
def simulation_version() -> str:
    """The simulation's own version: the hash of its code (every module of `sispam/sim`), short.
    A replay re-simulates bit for bit only with the code that recorded it; the game's version
    number does not change with every change to the crowd's physics. A bundle without its
    sources says its game version instead."""
    from sispam import __version__
    from sispam.sim.jit import HERE, sources_hash

    code = sources_hash(HERE, everything=True)
    return f"code {code[:16]}" if code is not None else f"game {__version__}"


def _numpy_simd() -> str:
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    disabled = os.environ.get("NPY_DISABLE_CPU_FEATURES", "").split()
    return " ".join(f for f in found if f not in disabled) or "baseline"


def _kernels() -> tuple[str, str]:
    """(numba's version, the processor its kernels were compiled for)."""
    from sispam.sim import jit

    if jit.mode() == "aot":  # compiled when the package was built, for a generic processor
        return jit.built_with(), "generic (ahead of time)"
    return _numba_version(), _numba_cpu()


def _numba_version() -> str:
    try:
        import numba
    except ImportError:  # pragma: no cover
        return "none"
    return str(numba.__version__)


def _numba_cpu() -> str:
    try:
        import llvmlite.binding as llvm
        import numba
    except ImportError:  # pragma: no cover
        return "none"
    return os.environ.get("NUMBA_CPU_NAME") or f"{llvm.get_host_cpu_name()} (numba {numba.__version__})"


def machine_fingerprint() -> dict[str, str]:
    """This machine's fingerprint: short strings under `KEYS`."""
    import numpy
    import pymunk

    numba_version, numba_cpu = _kernels()
    libc = " ".join(platform.libc_ver()).strip() or platform.system()
    return {
        "simulation": simulation_version(),
        "platform": f"{platform.system()} {platform.release()}"[:120],
        "processor": (platform.machine() or "unknown")[:60],
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "numpy_simd": _numpy_simd()[:300],
        "numba": numba_version,
        "numba_cpu": numba_cpu[:120],
        "pymunk": str(pymunk.version),
        "libc": libc[:120],
    }


def differences(recorded: dict[str, str], here: dict[str, str]) -> list[str]:
    """'key: recorded → here' for each part of the fingerprints that differs."""
    return [f"{key}: {recorded.get(key, '?')} → {here.get(key, '?')}" for key in KEYS
            if recorded.get(key) != here.get(key)]


def explain(recorded: dict[str, str]) -> str:
    """A sentence naming where a recording and this machine differ, for a verify that differs."""
    if not recorded:
        return "the replay does not say which machine recorded it (it is older than the fingerprint)"
    here = machine_fingerprint()
    if recorded.get("simulation") != here["simulation"]:  # the first thing to say: nothing else matters then
        if "simulation" not in recorded:
            return ("it was recorded by a version of the simulation that did not note itself (older than that "
                    "note), likely not this one; a replay re-simulates the same only with the code that recorded it")
        return (f"it was recorded by another version of the simulation ({recorded['simulation']}; this one is "
                f"{here['simulation']}); a replay re-simulates the same only with the code that recorded it")
    found = differences(recorded, here)
    if not found:
        return "it was recorded on a machine with the same fingerprint as this one"
    return "recorded on another machine: " + "; ".join(found)
