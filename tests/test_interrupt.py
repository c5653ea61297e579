"""A signal that lands in Python code a library's C code called (pymunk's callbacks, numba's
dispatcher, enum's lookups that numpy makes) must still end the command: raised there, the
KeyboardInterrupt was lost or the process crashed (sispam.interrupt)."""

import os
import signal
import sys
import time

import pymunk
import pytest

from sispam import interrupt


@pytest.fixture
def handlers():
    saved = {n: signal.getsignal(getattr(signal, n)) for n in interrupt.SIGNALS if hasattr(signal, n)}
    interrupt.install()
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)


def test_a_signal_inside_a_pymunk_callback_is_raised_after_the_callback_returns(handlers) -> None:
    space = pymunk.Space()
    body = pymunk.Body(1.0, 1.0)
    space.add(body, pymunk.Circle(body, 0.3))
    finished: list[bool] = []

    def velocity(b: pymunk.Body, gravity, damping: float, dt: float) -> None:
        interrupt.stop(signal.SIGTERM, sys._getframe())  # as if SIGTERM arrived here
        finished.append(True)
        pymunk.Body.update_velocity(b, gravity, damping, dt)

    body.velocity_func = velocity
    with pytest.raises(KeyboardInterrupt):
        space.step(0.01)
        assert finished == [True], "the callback ran to its end"
        time.sleep(5.0)  # the helper sends the signal again: it ends this sleep


def test_a_signal_outside_pymunk_is_raised_at_once(handlers) -> None:
    with pytest.raises(KeyboardInterrupt):
        interrupt.stop(signal.SIGTERM, sys._getframe())


def _frame_running(place: str, action) -> object:
    """A frame of the code in `place` (a file, or a folder ending in a separator), caught while
    `action` runs (its Python calls profiled)."""
    caught = []

    def profile(frame, event, _arg) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(place) and not caught:
            caught.append(frame)

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    assert caught, f"nothing of {place} ran"
    return caught[0]


def test_enum_and_numpy_code_is_unsafe_and_ours_is_not() -> None:
    """numpy compares an array with an IntEnum member by looking attributes up on the enum class,
    which on Python 3.11 runs enum's `__getattr__`; numpy clears any error raised there, so an
    interrupt raised in it was lost. Any frame of enum's or numpy's own code waits."""
    import enum

    class Kind(enum.IntEnum):
        A = 1

    assert interrupt.unsafe(_frame_running(enum.__file__, lambda: Kind(1)))
    assert interrupt.unsafe(_numpy_frame())
    assert not interrupt.unsafe(sys._getframe())


def _numpy_frame():
    import numpy as np
    return _frame_running(os.path.dirname(np.__file__) + os.sep, lambda: np.linspace(0, 1, 3))


def test_a_second_signal_while_one_waits_is_raised_at_once(handlers) -> None:
    """Ctrl-C pressed again: the user insists, wherever the program is."""
    frame = _numpy_frame()
    interrupt.stop(signal.SIGINT, frame)  # deferred: numpy's code
    with pytest.raises(KeyboardInterrupt):
        interrupt.stop(signal.SIGINT, frame)
    assert not interrupt.take()


def test_a_command_that_ends_while_a_signal_waits_ends_as_interrupted(handlers, monkeypatch, capsys) -> None:
    """The signal came while the last of the work ran in a library, and the command returned
    before the retry: it still ends as interrupted (it exited 0 before)."""
    from sispam import cli

    def work(_args) -> int:
        interrupt.stop(signal.SIGTERM, _numpy_frame())
        return 0

    monkeypatch.setattr(cli, "_command", work)
    assert cli.main(["check", "x.toml"]) == cli.EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err
    time.sleep(5 * interrupt.RETRY_S)  # the helper's retry, if one was sent, is ignored
    assert not interrupt.take()
