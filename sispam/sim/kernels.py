"""The simulation's compiled kernels, and preparing them before the first step.

Every numba kernel the step calls from Python is listed here with the argument types the step
passes. On a fresh install numba compiles each on its first call, which froze the first level
for 6-40 s at 0:00; `pending` tells cheaply (from numba's cache index, without compiling) which
kernels are neither compiled in this process nor cached on disk for this processor, and
`prepare` compiles one of them, so that the game can show progress while it does. (An
installed package carries them compiled ahead of time, `sispam.sim.jit`: then nothing is
listed here and nothing is to prepare.)

A kernel is prepared with `dispatcher.compile(types)` where `types` is the tuple of argument
types, exactly as numba's own call path passes it: numba keys its disk cache by that very
object, and a `numba.void(...)` signature would be cached under another key, so the next
process would compile again. Kernels called only from other kernels (`idmap._slot`,
`metrics._cell`, `neighbours._bounds`, `neighbours._bin`, and the inlined helpers) are compiled
into their callers and need nothing of their own. `tests/sim/test_kernels.py` checks that after
`prepare`, world steps compile nothing more, in this process and in the next.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sispam.sim import batch, contacts, idmap, jit, keep_side, metrics, motion, neighbours, pmath, sight

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Kernel:
    """One compiled kernel as the step calls it.

    Attributes:
        name: `module.function`, e.g. `motion._forces`.
        dispatcher: numba's dispatcher of the kernel.
        arg_types: the numba types of the arguments the step passes.
    """

    name: str
    dispatcher: Any  # numba.core.dispatcher.Dispatcher
    arg_types: tuple[Any, ...]  # numba.core.types.Type


@cache
def kernels() -> tuple[Kernel, ...]:
    """Every kernel the step calls from Python, roughly the slowest to compile last (none when
    they were compiled ahead of time: see `sispam.sim.jit`)."""
    if jit.mode() == "aot":
        return ()
    import numba
    from numba.core import types as nt
    from numba.core.dispatcher import Dispatcher

    # C-contiguous arrays, as the step's arrays are (row slices `a[:n]` of C arrays stay C).
    _B1, _B2 = nt.boolean[::1], nt.boolean[:, ::1]
    _I8 = nt.int8[::1]
    _I32 = nt.int32[::1]
    _I1, _I2 = nt.int64[::1], nt.int64[:, ::1]
    _F1, _F2, _F3, _F4 = nt.float64[::1], nt.float64[:, ::1], nt.float64[:, :, ::1], nt.float64[:, :, :, ::1]
    _S2, _S3, _S4 = nt.float32[:, ::1], nt.float32[:, :, ::1], nt.float32[:, :, :, ::1]
    _INT, _FLOAT = nt.int64, nt.float64
    constants = numba.typeof(motion._constants())  # type: ignore[no-untyped-call]  # a tuple of floats: its length follows params
    lane_constants = nt.UniTuple(_FLOAT, 9)  # type: ignore[no-untyped-call]  # keep_side's cells, reach, density, steer, route, wall look
    table = (
        (idmap, "_build", (_I1, _I1, _INT)),
        (idmap, "_lookup_many", (_I2, _INT, _I1)),
        (batch, "_scatter", (_F2, _I1, _F2, _F2)),
        (batch, "_gather", (_F2, _I1, _F2)),
        (pmath, "_box_muller", (_F1, _F1, _F1)),
        (keep_side, "_keep_side", (_B1, _F2, _F1, _F2, _I32, _F1, lane_constants, _F4, _F3, _F2, _S4, _S2, _S2, _FLOAT)),
        (motion, "_steer", (_I8, _F2, _I32, _S4, _S3, _FLOAT, _F2, _F1, _F2, _F1)),
        (contacts, "_reduce", (_I2, _F2, _I2, _INT, _INT, _INT, _FLOAT, _FLOAT)),
        (sight, "_march", (_F2, _F2, _F1, _S2, _S2, _FLOAT, _INT, _INT, _B1)),
        (metrics, "_crush_dose", (_F1, _F1) + (_FLOAT,) * 6),
        (metrics, "_crowding", (_F2, _I1, _F1, _F2, _F1, _F1, _FLOAT, _F3, _F2, _B2, _FLOAT, _FLOAT, _FLOAT, _FLOAT,
                                  _S2, _S2)),
        (neighbours, "_scan", (_F2, _F2, _F1, _F2, _B1, _B1, _FLOAT, _FLOAT, _F1)  # _F1: the repulsion table
         + (_FLOAT,) * 5 + (_F1,)),  # ... overtake_pace_mps
        (motion, "_forces", (_I8, _F2, _F2, _F2, _F1, _F1, _INT,  # state .. n_crowd
                             _F2, _F2, _F1, _F1, _F1, _B1, _F1,  # heading, lane .. flee_s
                             _F2, _F1, _F1, _F2, _F1,  # social, headway, blocker, room, blocker's pace
                             _F1, _F1, _F2, _F2, _F2,  # compression, contact, squeeze, contact_squeeze, fluct
                             _F2, _B1, _S2, _S2, _FLOAT,  # anchor, anchored, wall_x, wall_y, wall_cell
                             _F2, _F2, _F1, _FLOAT,  # slot, slot_vel, hold_force, dt
                             constants)),
    )
    found = []
    for module, function, arg_types in table:
        dispatcher = getattr(module, function)
        if isinstance(dispatcher, Dispatcher):  # not so with NUMBA_DISABLE_JIT=1: nothing to compile
            found.append(Kernel(f"{module.__name__.rsplit('.', 1)[-1]}.{function}", dispatcher, arg_types))
    return tuple(found)


def is_compiled(kernel: Kernel) -> bool:
    """Whether the kernel is compiled in this process for the step's argument types."""
    return kernel.arg_types in kernel.dispatcher.overloads


def is_ready(kernel: Kernel) -> bool:
    """Whether the step's first call of the kernel is quick: compiled in this process, or in
    numba's disk cache for this numba, this processor and this source (read from the cache's
    index without loading or compiling anything)."""
    if is_compiled(kernel):
        return True
    d = kernel.dispatcher
    try:
        # numba's private cache API (numba 0.5x-0.6x), which its type hints do not describe
        store = d._cache._cache_file
        key = d._cache._index_key(kernel.arg_types, d.targetctx.codegen())
        data = store._load_index().get(key)
        return data is not None and os.path.isfile(store._data_path(data))
    except (AttributeError, TypeError, OSError, EOFError, ValueError, pickle.UnpicklingError) as e:
        # Another numba, or an unreadable cache: say "not ready", so that preparing (which
        # then only loads the cache if it is there) runs behind a progress display.
        log.debug("cannot read numba's cache index for %s: %s", kernel.name, e)
        return False


def pending() -> list[Kernel]:
    """The kernels that the first step would have to compile (empty on a warm start)."""
    return [k for k in kernels() if not is_ready(k)]


def prepare(kernel: Kernel) -> None:
    """Compile the kernel for the step's argument types (or load it from numba's cache) and
    save it to the cache, so that neither this process nor a later one compiles it again."""
    kernel.dispatcher.compile(kernel.arg_types)


def prepare_all(which: Iterable[Kernel] | None = None,
                progress: Callable[[int, int, Kernel], None] | None = None) -> int:
    """Prepare `which` kernels (default: the pending ones) one at a time.

    Args:
        which: the kernels to prepare.
        progress: called before each kernel with (k, n, kernel), k counting from 0, and once
            more at the end with (n, n, last kernel).

    Returns:
        How many kernels were prepared.
    """
    unready = pending() if which is None else list(which)
    for k, kernel in enumerate(unready):
        if progress is not None:
            progress(k, len(unready), kernel)
        prepare(kernel)
    if progress is not None and unready:
        progress(len(unready), len(unready), unready[-1])
    return len(unready)
