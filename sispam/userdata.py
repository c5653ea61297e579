"""The per-user data folder and the small JSON files kept in it (settings, campaign progress).

Reading never raises: a missing file is simply absent, and a damaged one is reported as problem
lines that name the file, so the game can start with defaults and show what it ignored. Writing
is atomic (see `sispam.atomic`) and raises `OutputError` with the file and the reason.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from sispam.atomic import OutputError, atomic_text
from sispam.textsafe import SURROGATE_PROBLEM, lone_surrogates, long_number_line, too_long_number

MAX_FILE_BYTES = 64 * 1024


def data_dir(*, create: bool = True) -> Path:
    """The per-user data folder.

    `SISPAM_DATA_DIR` if set (tests and portable installs), else `%APPDATA%\\Sispam` on Windows,
    `~/Library/Application Support/Sispam` on macOS, and `$XDG_DATA_HOME/sispam` or
    `~/.local/share/sispam` elsewhere.

    Args:
        create: make the folder (and its parents) if it does not exist yet.

    Raises:
        OutputError: `create` is set and the folder cannot be made, or there is no home folder to
            put it in (and no SISPAM_DATA_DIR).
    """
    folder = _data_dir_path()
    if create:
        _make_folder(folder, for_file=folder)
    return folder


def user_folder(name: str) -> Path:
    """The folder `name` in the data folder, made if needed.

    Raises:
        OutputError: it cannot be made (the message names it and why).
    """
    folder = data_dir() / name
    _make_folder(folder, for_file=folder)
    return folder


def _home() -> Path:
    """The user's home folder.

    Raises:
        OutputError: there is none (no HOME and a user id with no passwd entry: a container).
    """
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        raise OutputError("cannot find a home folder to keep the game's data in (no HOME); set SISPAM_DATA_DIR "
                          "to a folder for it") from None


def _data_dir_path() -> Path:
    override = os.environ.get("SISPAM_DATA_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        return (Path(appdata) if appdata else _home() / "AppData" / "Roaming") / "Sispam"
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / "Sispam"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative path in the variable is invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else _home() / ".local" / "share"
    return base / "sispam"


def _make_folder(folder: Path, for_file: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{for_file}: cannot write: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{for_file}: cannot create folder {folder}: {e.strerror or e}") from None


def read_json(path: Path) -> tuple[object | None, list[str]]:
    """The JSON value in `path`, or None with the reason when it cannot be used.

    A missing file gives (None, []). A file larger than `MAX_FILE_BYTES` is refused without
    reading it all. Never raises for a bad or unreadable file.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None, []
    except OSError as e:
        return None, [f"{path}: cannot read: {e.strerror or e}"]
    if not stat.S_ISREG(info.st_mode):
        return None, [f"{path}: is not a plain file"]
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        return None, [f"{path}: cannot read: {e.strerror or e}"]
    if len(raw) > MAX_FILE_BYTES:
        return None, [f"{path}: larger than {MAX_FILE_BYTES // 1024} KB; not read"]
    try:
        # utf-8-sig: Windows editors often put a byte-order mark in front.
        text = raw.decode("utf-8-sig")
        data, line = lone_surrogates(text, json.loads(text))
        return data, ([f"{path}:{line}: {SURROGATE_PROBLEM}; replaced by \ufffd"] if line else [])
    except UnicodeDecodeError:
        return None, [f"{path}: not UTF-8 text"]
    except json.JSONDecodeError as e:
        return None, [f"{path}: not JSON: {e.msg} (line {e.lineno} column {e.colno})"]
    except RecursionError:
        return None, [f"{path}: not usable JSON: nested too deeply"]
    except ValueError:  # an integer beyond Python's digit limit
        text = raw.decode("utf-8-sig")
        return None, [f"{path}:{long_number_line(text)}: not usable: {too_long_number()}"]


def write_json(path: Path, data: object) -> None:
    """Write `data` as indented JSON to `path` atomically, making its folder if needed.

    Raises:
        OutputError: the folder cannot be made or the file cannot be written.
    """
    _make_folder(path.parent, for_file=path)
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    with atomic_text(path) as out:
        out.write(text)


def shown(value: object) -> str:
    """`value` as it appears in the JSON file, shortened for a problem line."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def kind_of(value: object) -> str:
    """The JSON name of `value`'s type ("an object", "a list", ...), for a problem line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)
