"""Writing files so that a crash or an error never leaves a half-written one behind, and never
replaces anything that is not a plain file."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO


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


TEMP_SUFFIX = ".sispam-tmp"


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (a temporary file of a live writer is not stale)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows (mypy reads this test, not os.name)
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files our writers left in `folder` when their process was killed
    (kill -9, a power cut): `.NAME.PID.XXXX.sispam-tmp` whose process no longer runs. Returns
    what was removed."""
    removed = []
    with contextlib.suppress(OSError):
        for stale in folder.glob(f".*{TEMP_SUFFIX}"):
            parts = stale.name[: -len(TEMP_SUFFIX)].split(".")
            if len(parts) >= 3 and parts[-2].isdigit() and not _alive(int(parts[-2])):
                with contextlib.suppress(OSError):
                    stale.unlink()
                    removed.append(stale)
    return removed


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new empty temporary file in `path`'s folder, `.NAME.PID.XXXX.sispam-tmp`: its open
    descriptor and its name, with the mode any new file would get."""
    check_writable(path)
    remove_stale(_folder(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=_folder(path))
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as e:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    return fd, tmp


@contextlib.contextmanager
def _atomic(path: Path, binary: bool) -> Iterator[Any]:  # a TextIO or a BinaryIO, as `binary` says
    with atomic_path(path) as tmp, open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="\n") as out:
        yield out


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """The name of an empty temporary file beside `path`, for a writer that opens its file by
    name (sqlite3), renamed over `path` only when the block ends without an exception (and
    removed otherwise). The writer must have closed the file when the block ends."""
    fd, tmp = _temporary_beside(path)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
