"""Ctrl-C, SIGTERM and SIGHUP end a command as one KeyboardInterrupt, raised only where Python can
carry it.

Python runs a signal handler at the next bytecode of the main thread, which may be Python code
that a library's C code called and does not expect to fail:
- pymunk's iterators, which Chipmunk runs while the garbage collector frees a space or a body;
- numba's dispatcher, which types and compiles a kernel on its first call (numba issue 2324:
  an interrupt there is ignored or crashes the process);
- the enum class's `__getattr__`, which numpy calls while it compares an array with an IntEnum
  member, and numpy's dispatchers: numpy clears any error in that lookup, so the interrupt is lost.
An exception there was lost (the run went on to its end and exited 0) or left the library's C
state half-changed (the process died of a segmentation fault, or numba reported "returned a
result with an exception set"; CI's Python 3.13 leg once exited -11). Signalled in their first
second with the kernels run through numba, as the tests run them, 15 of 30 runs went wrong so
(Python 3.11; on 3.13, 2 of 20). So the handler looks at the stack first: in such code it asks
again a moment later (`_thread.interrupt_main` calls the same handler in the main thread)
instead of raising there; 130 of 130 such runs then ended as interrupted (exit 130).
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
from types import FrameType

RETRY_S = 0.02  # how soon a deferred interrupt is tried again
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
LIBRARIES = ("pymunk", "numba", "llvmlite")  # not while any of their code is on the stack
CALLED_FROM_C = ("numpy", "enum")  # not while the current frame is their code


def _where(names: tuple[str, ...]) -> tuple[str, ...]:
    """The files (a package's folder, a module's file) of those of `names` already imported: one
    not imported cannot be running."""
    places = []
    for name in names:
        module = sys.modules.get(name)
        if module is not None and module.__file__ is not None:
            is_package = os.path.basename(module.__file__) == "__init__.py"
            places.append(os.path.dirname(module.__file__) + os.sep if is_package else module.__file__)
    return tuple(places)


def unsafe(frame: FrameType | None) -> bool:
    """Whether an exception raised in `frame` could be lost or crash a library: the frame runs
    numpy's or enum's code, or it or a frame that called it runs one of LIBRARIES'."""
    if frame is None:
        return False
    if frame.f_code.co_filename.startswith(_where(CALLED_FROM_C)):
        return True
    libraries = _where(LIBRARIES)
    while frame is not None and libraries:
        if frame.f_code.co_filename.startswith(libraries):
            return True
        frame = frame.f_back
    return False


def stop(signum: int, frame: FrameType | None) -> None:
    """The handler: raise KeyboardInterrupt here, or try again a moment later if here is unsafe."""
    if unsafe(frame):
        retry = threading.Timer(RETRY_S, _thread.interrupt_main, (signum,))
        retry.daemon = True
        retry.start()
        return
    raise KeyboardInterrupt


def install() -> None:
    """Route each of SIGNALS this platform has to `stop` (only the main thread may)."""
    for name in SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or not this platform's
                signal.signal(number, stop)
