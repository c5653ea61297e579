"""Writing files so that a crash or an error never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """An output file that cannot be written; the message names the file and the reason."""


def check_writable(path: Path) -> None:
    """Fail early, before any work, if `path` cannot be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory, not a file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: folder {parent} is not writable")


@contextlib.contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A text stream to a temporary file beside `path`, renamed over `path` only when the
    block ends without an exception (and removed otherwise)."""
    check_writable(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
