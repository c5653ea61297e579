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
(Python 3.11; on 3.13, 2 of 20).

So the handler looks at the stack first. In such code it only notes the signal, and one helper
thread sends the same signal to the main thread again a moment later (which also wakes a
blocking call), until it lands where it can be raised; 30 of 30 such runs then ended as
interrupted (exit 130). A second signal while one waits is raised at once, wherever it lands: the
user insists. A command that ends while a signal still waits is reported as interrupted
(`take`, read by `sispam.cli`).
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import threading
import time
from types import FrameType

RETRY_S = 0.02  # how soon a deferred interrupt is tried again
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
LIBRARIES = ("pymunk", "numba", "llvmlite")  # not while any of their code is on the stack
CALLED_FROM_C = ("numpy", "enum")  # not while the current frame is their code


class _Waiting:
    """The signal that waits to be raised (None if none), and whether the next call of the
    handler is the helper's own retry."""

    signum: int | None = None
    retrying = False
    wake = threading.Event()
    helper: threading.Thread | None = None


def _module(frame: FrameType) -> str:
    name = frame.f_globals.get("__name__")
    return name if isinstance(name, str) else ""


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def unsafe(frame: FrameType | None) -> bool:
    """Whether an exception raised in `frame` could be lost or crash a library: the frame runs
    numpy's or enum's code, or it or a frame that called it runs one of LIBRARIES'. Judged by the
    code's module name, which does not depend on where or how the library is installed."""
    if frame is None:
        return False
    if _within(_module(frame), CALLED_FROM_C):
        return True
    while frame is not None:
        if _within(_module(frame), LIBRARIES):
            return True
        frame = frame.f_back
    return False


def take() -> bool:
    """Whether a signal came and has not been raised yet; it will not be raised now."""
    waiting, _Waiting.signum = _Waiting.signum is not None, None
    return waiting


def stop(signum: int, frame: FrameType | None) -> None:
    """The handler: raise KeyboardInterrupt here, or note the signal and have it sent again a
    moment later if here is unsafe."""
    retry, _Waiting.retrying = _Waiting.retrying, False
    if retry and _Waiting.signum is None:
        return  # the helper's retry of a signal that was raised or taken meanwhile
    insists = _Waiting.signum is not None and not retry
    if unsafe(frame) and not insists:
        _Waiting.signum = signum
        _Waiting.wake.set()
        return
    _Waiting.signum = None
    raise KeyboardInterrupt


def _send_again() -> None:
    """The helper thread: while a signal waits, send it to the main thread every RETRY_S."""
    while True:
        _Waiting.wake.wait()
        _Waiting.wake.clear()
        time.sleep(RETRY_S)
        signum = _Waiting.signum
        if signum is None:
            continue
        _Waiting.retrying = True
        if hasattr(signal, "pthread_kill"):
            signal.pthread_kill(threading.main_thread().ident or 0, signum)  # wakes a blocking call too
        else:
            _thread.interrupt_main(signum)  # Windows: sets the flag the main thread checks


def install() -> None:
    """Route each of SIGNALS this platform has to `stop` (only the main thread may), with the
    helper thread that sends a deferred signal again."""
    if _Waiting.helper is None:
        _Waiting.helper = threading.Thread(target=_send_again, name="interrupt-retry", daemon=True)
        _Waiting.helper.start()
    for name in SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or not this platform's
                signal.signal(number, stop)
