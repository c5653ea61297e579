"""Writing files so that a crash or an error never leaves a half-written one behind, and never
replaces anything that is not a plain file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO


class OutputError(Exception):
    """An output file that cannot be written; the message names the file and the reason."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_writable(path: Path) -> None:
    """Fail early, before any work, if `path` cannot be written as a new or replaced plain file."""
    try:
        if path.is_symlink() or (path.exists() and not stat.S_ISREG(path.stat().st_mode)):
            kind = "a directory" if path.is_dir() else "not a plain file (a link, device or pipe)"
            raise OutputError(f"{path}: is {kind}; give the name of a file to write")
        folder = _folder(path)
        if not folder.is_dir():
            raise OutputError(f"{path}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise OutputError(f"{path}: folder {folder} is not writable")
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


def atomic_text(path: Path) -> contextlib.AbstractContextManager[TextIO]:
    """A text stream to a temporary file beside `path`, renamed over `path` only when the
    block ends without an exception (and removed otherwise)."""
    return _atomic(path, binary=False)


def atomic_bytes(path: Path) -> contextlib.AbstractContextManager[BinaryIO]:
    """The same as `atomic_text`, for bytes (an image, say)."""
    return _atomic(path, binary=True)


@contextlib.contextmanager
def _atomic(path: Path, binary: bool) -> Iterator:
    check_writable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=_folder(path))
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
