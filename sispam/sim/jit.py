"""How the simulation's kernels run: compiled ahead of time, or by numba when first used.

The step's passes over people and contacts are Python functions marked with `kernel`. They run
in one of two ways, chosen once, when the first of them is defined (`mode`):

- **ahead of time** (`aot`): an installed package (`pip install .`) carries them compiled into
  the extension module `sispam.sim._kernels`, built by `sispam.sim.aot` when the package is
  built. Numba is then needed only to build the package, not to run it, so an install is about
  200 MB lighter, and nothing is compiled when the game starts. `kernel` hands each module the
  compiled function in place of its Python source.
- **just in time** (`jit`): in a checkout with numba installed (the tests, development), numba
  compiles each kernel on its first call and keeps it in its disk cache (`sispam.sim.kernels`
  prepares them behind a progress display).

The compiled module is used only if it was built from the simulation's present sources (a hash
of `sispam/sim/*.py`, written beside it at build time), so that a checkout whose kernels were
edited since falls back to numba instead of running stale code. Where the sources cannot be
read (a bundle built from bytecode only) the compiled module is trusted. The environment
variable `SISPAM_KERNELS=aot` or `=jit` forces one way. If neither way can run, the modules
still import, and the first kernel called raises `KernelsMissing`, which says how to install
them. Both ways give bit-identical results (`tests/sim/test_aot.py`): the same LLVM code,
ahead of time for a generic processor of the platform.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import stat
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

log = logging.getLogger(__name__)

Mode = Literal["aot", "jit"]

COMPILED_MODULE = "sispam.sim._kernels"
STAMP = "_kernels.json"  # beside the compiled module: {"sources": hash, "numba": version}
HERE = Path(__file__).resolve().parent


class KernelsMissing(ImportError):
    """Neither compiled kernels for these sources nor numba to compile them."""


def sources_hash(folder: Path = HERE, everything: bool = False) -> str | None:
    """The hash of the simulation's sources (`sispam/sim/*.py`, and its subpackages' too if
    `everything`, by path and content), or None if they cannot be read (a frozen bundle)."""
    files = sorted(folder.rglob("*.py") if everything else folder.glob("*.py"))
    if not files:
        return None
    h = hashlib.sha256()
    for f in files:
        try:
            data = f.read_bytes()
        except OSError:
            return None
        h.update(f.relative_to(folder).as_posix().encode())
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def exported_name(fn: Callable[..., Any]) -> str:
    """The name of a kernel in the compiled module: `motion___forces` for `motion._forces`."""
    return f"{fn.__module__.rsplit('.', 1)[-1]}__{fn.__name__}"


def built_with() -> str:
    """The numba version the compiled kernels were built with ("" just in time)."""
    compiled = _choice()[1]
    if compiled is None:
        return ""
    try:
        stamp = json.loads((Path(compiled.__file__ or "").parent / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "unknown"
    return str(stamp.get("numba", "unknown"))


def _compiled_module() -> tuple[ModuleType | None, str]:
    """The compiled module if it matches the sources, and why not otherwise."""
    try:
        module = importlib.import_module(COMPILED_MODULE)
    except ImportError as e:
        return None, f"no compiled kernels ({e})"
    try:
        stamp = json.loads((Path(module.__file__ or "").parent / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return None, f"compiled kernels without a readable {STAMP} ({e})"
    now = sources_hash()
    if now is not None and stamp.get("sources") != now:
        return None, "compiled kernels built from other sources (sispam/sim changed since)"
    return module, "compiled kernels match the sources"


@cache
def _choice() -> tuple[Mode | None, ModuleType | None, str]:
    """(how the kernels run, the compiled module if ahead of time, why not if neither can)."""
    forced = os.environ.get("SISPAM_KERNELS", "").strip().lower()
    if forced not in ("", "aot", "jit"):
        return None, None, f"SISPAM_KERNELS={forced!r}: expected 'aot' or 'jit'"
    if forced != "jit":
        module, why = _compiled_module()
        if module is not None:
            return "aot", module, why
        if forced == "aot":
            return None, None, f"SISPAM_KERNELS=aot but {why}; rebuild them with `pip install .`"
        log.debug("%s: numba compiles the kernels", why)
    _numba_cache_dir()
    try:
        import numba  # noqa: F401
    except ImportError:
        return None, None, (
            "The simulation's compiled kernels are missing or out of date, and numba (which would "
            "compile them) is not installed. Install the game with `pip install .` (or `pip install -e .` "
            "in a checkout), which compiles them, or install numba (`pip install -r requirements-dev.txt`).")
    return "jit", None, "numba compiles the kernels"


def _numba_cache_dir() -> None:
    """Numba keeps what it compiles beside the sources, else in the user's cache folder; with
    neither writable (a read-only checkout run with no home folder) it cannot cache, and a
    cached kernel refuses to compile. Then it gets a folder in the temporary directory."""
    if os.environ.get("NUMBA_CACHE_DIR") or os.access(HERE, os.W_OK):
        return
    try:
        home: Path | None = Path.home()
    except (RuntimeError, KeyError):
        home = None
    if home is not None and os.access(home, os.W_OK):
        return
    os.environ["NUMBA_CACHE_DIR"] = str(_own_temp_folder())


def _own_temp_folder() -> Path:
    """A folder in the temporary directory that only this user can write: numba loads what it
    finds in its cache, so a folder another user made first (or can write) must not serve."""
    if hasattr(os, "getuid"):
        folder = Path(tempfile.gettempdir()) / f"sispam-numba-{os.getuid()}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            info = folder.lstat()
            if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022:
                return folder
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix="sispam-numba-"))


def mode() -> Mode:
    """How the kernels run here: "aot" or "jit" (raises `KernelsMissing` if neither can)."""
    how, _, why = _choice()
    if how is None:
        raise KernelsMissing(why)
    return how


def kernel(*, inline: bool = False, cache: bool = True, nogil: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """Mark a kernel of the step.

    Ahead of time, a kernel the step calls from Python is replaced by its compiled version; one
    called only from other kernels (`inline`, or not exported) stays Python, compiled into its
    callers. Just in time, it is `numba.njit(cache=True, nogil=True)`, inlined if `inline`.
    """
    # The result is typed Any, as numba's dispatchers are: kernels stay unannotated (numba types
    # them from their arguments), and their callers are checked strictly all the same.
    def wrap(fn: Callable[..., Any]) -> Any:
        how, module, why = _choice()
        if how is None:  # the modules still import (to check levels, say); running a step says why not
            def missing(*args: Any, **kwargs: Any) -> Any:
                raise KernelsMissing(why)

            return missing
        if how == "aot":
            compiled = getattr(module, exported_name(fn), None)
            return fn if compiled is None else compiled
        import numba

        options: dict[str, Any] = {"cache": cache}
        if nogil:
            options["nogil"] = True
        if inline:
            options["inline"] = "always"
        return numba.njit(**options)(fn)

    return wrap
