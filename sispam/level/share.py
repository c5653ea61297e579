"""Share a level as one zip: its level file and every asset it names, and back.

`pack_level` writes the level file and its assets (today: its background picture) into a zip,
each under its path relative to the level's folder. `unpack_level` takes such a zip apart into
a new folder and checks it as a level, refusing anything that could write outside that folder,
fill the disk or run: names with `..`, absolute paths, drive letters or backslashes, links and
other special files, duplicate names, more than `MAX_ENTRIES` entries, file kinds other than
`SHARED_SUFFIXES`, and more than `MAX_ENTRY_BYTES` in one file or `MAX_TOTAL_BYTES` in all (a
zip bomb). The sizes the archive declares are not trusted: each file is read in chunks, and
the reading stops as soon as the bytes actually read pass a limit. Nothing from an archive is
ever executed, and extracted files get no execute permission. Never imports pygame.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

from sispam.atomic import OutputError, atomic_bytes
from sispam.level.background import relative_path_problem
from sispam.level.errors import LevelError
from sispam.level.load import load_level
from sispam.textsafe import text_path

MAX_ENTRIES = 100
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_BYTES = MAX_TOTAL_BYTES + 4 * 1024 * 1024
MAX_DIRECTORY_BYTES = 1024 * 1024
"""The zip's table of contents (its central directory) is read whole before any check: it may
be at most 1 MB (100 entries take a few kB), so that a forged one cannot take the memory."""

SHARED_SUFFIXES = (".toml", ".png", ".jpg", ".jpeg", ".json", ".txt", ".md")
LEVEL_SUFFIX = ".toml"
CHUNK_BYTES = 64 * 1024
_MB = 1024 * 1024

# What operating systems add when they zip a folder; skipped, never extracted.
_SYSTEM_FOLDERS = frozenset({"__macosx"})
_SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same level gives the same zip


class ShareError(ValueError):
    """A level that cannot be packed, or an archive that is refused.

    Attributes:
        file: the archive (or the level file) concerned.
        entry: the entry of the archive at fault, None when it is the archive as a whole.
        reason: what is wrong, in plain words.
    """

    def __init__(self, file: str | os.PathLike[str], reason: str, entry: str | None = None) -> None:
        self.file = os.fspath(file)
        self.entry = entry
        self.reason = reason
        super().__init__(f"{self.file}: {entry}: {reason}" if entry is not None else f"{self.file}: {reason}")


def level_assets(level: Path) -> list[tuple[str, Path]]:
    """The level file and each asset it names, as (name in the archive, file to read).

    Raises:
        LevelError: the level does not load without problems.
    """
    scenario = load_level(level)
    found = [(level.name, level)]
    if scenario.background is not None:
        found.append((scenario.background.file, Path(scenario.background.path)))
    return found


def pack_level(level: str | os.PathLike[str], out: str | os.PathLike[str]) -> list[str]:
    """Write the level file and every asset it names into the zip `out`, atomically.

    Args:
        level: the level file (it must load without problems).
        out: the zip to write (its name ends in .zip); replaced if it exists.

    Returns:
        The names written into the zip, the level file's first.

    Raises:
        LevelError: the level has problems.
        ShareError: the names cannot be used.
        OutputError: `out` cannot be written.
    """
    level, out = Path(level), Path(out)
    if out.suffix.lower() != ".zip":
        raise ShareError(out, "a shared level is a zip: name it .zip")
    if level.suffix.lower() != LEVEL_SUFFIX:
        raise ShareError(level, f"a level file to share must be named {LEVEL_SUFFIX}")
    problem = relative_path_problem(level.name) if text_path(level.name) == level.name else "is not UTF-8 text"
    if problem is not None:  # it would be refused when unpacked
        raise ShareError(level, f"the file's name {problem}; rename it to share it")
    found = level_assets(level)
    contents = []
    for name, path in found:
        try:
            contents.append((name, path.read_bytes()))
        except OSError as e:
            raise ShareError(path, f"cannot read: {e.strerror or e}") from None
    with atomic_bytes(out) as f, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return [name for name, _ in contents]


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    files: list[tuple[zipfile.ZipInfo, str]]  # each entry to extract and its name in the new folder
    level: str  # the level file's name in the new folder


def unpack_level(archive: str | os.PathLike[str], into: str | os.PathLike[str]) -> Path:
    """Take a shared level apart into a new folder inside `into`, and check it as a level.

    The new folder is named after the level file (`kpu_office.toml` goes into `kpu_office/`);
    an existing folder is never overwritten nor added to: the next free name is taken instead,
    `kpu_office-2/`, `kpu_office-3/`... The files are first written into a temporary folder in
    `into`, the level is loaded from there (so its assets resolve inside it), and only a level
    without problems is renamed into place; otherwise nothing is left behind. A zip whose files
    all lie in one folder (as the systems' "compress folder" makes them) is read from that folder.

    Args:
        archive: the zip.
        into: the folder to unpack into (made if missing).

    Returns:
        The unpacked level file.

    Raises:
        ShareError: the archive is refused; the message names it, the entry and the reason.
        LevelError: the level in it has problems (each named `ARCHIVE:LEVEL.toml`).
        OutputError: `into` cannot be written.
    """
    archive, into = Path(archive), Path(into)
    _check_archive_file(archive)
    try:
        with zipfile.ZipFile(archive) as z:
            plan = _plan(archive, z.infolist())
            try:
                into.mkdir(parents=True, exist_ok=True)
                work = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=into))
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(work, 0o777 & ~mask)  # mkdtemp's folder is private; give it a new folder's mode
            except OSError as e:
                raise OutputError(f"{into}: cannot unpack here: {e.strerror or e}") from None
            try:
                _extract(archive, z, plan, work)
                _check_level(archive, work / plan.level, plan.level)
                return _move_into_place(work, into, Path(plan.level).stem) / plan.level
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
    except (ShareError, LevelError, OutputError):
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as e:
        raise ShareError(archive, f"is not a zip archive, or a damaged one ({e})") from None
    except NotImplementedError as e:
        raise ShareError(archive, f"uses a kind of compression this game cannot read ({e})") from None
    except OSError as e:
        raise ShareError(archive, f"cannot read: {e.strerror or e}") from None


def _check_archive_file(archive: Path) -> None:
    try:
        info = archive.stat()
    except FileNotFoundError:
        raise ShareError(archive, "no such file") from None
    except OSError as e:
        raise ShareError(archive, f"cannot read: {e.strerror or e}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ShareError(archive, "is not a plain file; give a .zip of a level")
    if info.st_size > MAX_ARCHIVE_BYTES:
        raise ShareError(archive, f"is {info.st_size / _MB:.1f} MB; a shared level may be at most "
                                  f"{MAX_ARCHIVE_BYTES // _MB} MB")
    directory = _directory_size(archive, info.st_size)
    if directory > MAX_DIRECTORY_BYTES:
        raise ShareError(archive, f"its table of contents is {directory / _MB:.1f} MB; a shared level's is a "
                                  f"few kB (it may have at most {MAX_ENTRIES} files)")


def _directory_size(archive: Path, size: int) -> int:
    """The size of the zip's central directory, read from its end record (0 if there is none:
    `zipfile` then says the file is not a zip)."""
    tail = min(size, 22 + 65535 + 20)
    try:
        with archive.open("rb") as f:
            f.seek(size - tail)
            end = f.read(tail)
    except OSError as e:
        raise ShareError(archive, f"cannot read: {e.strerror or e}") from None
    at = end.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(end):
        return 0
    (directory,) = struct.unpack("<I", end[at + 12:at + 16])
    locator = at - 20
    if locator >= 0 and end[locator:locator + 4] == b"PK\x06\x07":  # ZIP64: the real size is elsewhere
        (record,) = struct.unpack("<Q", end[locator + 8:locator + 16])
        try:
            with archive.open("rb") as f:
                f.seek(record)
                head = f.read(56)
        except (OSError, OverflowError, ValueError):
            return 0
        if len(head) == 56 and head[:4] == b"PK\x06\x06":
            (directory,) = struct.unpack("<Q", head[40:48])
    return int(directory)  # struct.unpack gives Any


def _plan(archive: Path, infos: list[zipfile.ZipInfo]) -> _Plan:
    """What to extract, once every entry's name, type and declared size has passed."""
    if len(infos) > MAX_ENTRIES:
        raise ShareError(archive, f"has {len(infos)} entries; a shared level may have at most {MAX_ENTRIES}")
    seen: set[str] = set()
    folders: set[str] = set()
    files: list[zipfile.ZipInfo] = []
    total = 0
    for info in infos:
        raw = info.orig_filename  # as stored: zipfile turns \ into / on Windows
        mode = info.external_attr >> 16
        is_folder = raw.endswith("/") or stat.S_ISDIR(mode)
        name = raw.removesuffix("/")
        problem = relative_path_problem(name)
        if problem is not None:
            raise ShareError(archive, f"the name {problem}", raw)
        if stat.S_ISLNK(mode):
            raise ShareError(archive, "is a symbolic link; a shared level holds only plain files", raw)
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: not said (an MS-DOS zip)
            raise ShareError(archive, "is not a plain file (a device, pipe or socket)", raw)
        if info.flag_bits & 0x1:
            raise ShareError(archive, "is encrypted; share the level without a password", raw)
        key = name.casefold()
        if key in seen:
            raise ShareError(archive, "appears twice (names that differ only in capitals count as the same)", raw)
        seen.add(key)
        parts = key.split("/")
        if parts[0] in _SYSTEM_FOLDERS or parts[-1] in _SYSTEM_FILES:
            continue
        if is_folder:
            if info.file_size:
                raise ShareError(archive, "is a folder with data in it", raw)
            folders.add(key)
            continue
        if not key.endswith(SHARED_SUFFIXES):
            raise ShareError(archive, "is not a kind of file a level holds (only " + ", ".join(SHARED_SUFFIXES)
                             + ")", raw)
        if info.file_size > MAX_ENTRY_BYTES:
            raise ShareError(archive, f"unpacks to {info.file_size / _MB:.1f} MB; a file in a shared level may be "
                                      f"at most {MAX_ENTRY_BYTES // _MB} MB", raw)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ShareError(archive, f"unpacks to more than {MAX_TOTAL_BYTES // _MB} MB; a shared level may be at "
                                      f"most {MAX_TOTAL_BYTES // _MB} MB")
        files.append(info)
    keys = {info.orig_filename.casefold() for info in files}
    for key in sorted(keys | folders):
        parents = key.split("/")[:-1]
        for k in range(1, len(parents) + 1):
            if "/".join(parents[:k]) in keys:
                raise ShareError(archive, "is both a file and a folder in the archive", "/".join(parents[:k]))
    root = _root(files)
    named = [(info, info.orig_filename[len(root):]) for info in files]
    levels = sorted(n for _, n in named if "/" not in n and n.lower().endswith(LEVEL_SUFFIX))
    if len(levels) != 1:
        where = f"in its folder {root}" if root else "at its top"
        if not levels:
            raise ShareError(archive, f"holds no level file ({LEVEL_SUFFIX}) {where}")
        raise ShareError(archive, f"holds {len(levels)} level files {where} ({', '.join(levels)}); "
                                  "a shared level holds exactly one")
    return _Plan(files=named, level=levels[0])


def _root(files: list[zipfile.ZipInfo]) -> str:
    """"" when a file lies at the archive's top; else the one folder every file lies in, if any."""
    firsts = {info.orig_filename.split("/")[0] for info in files}
    if len(firsts) == 1 and all("/" in info.orig_filename for info in files):
        return next(iter(firsts)) + "/"
    return ""


def _extract(archive: Path, z: zipfile.ZipFile, plan: _Plan, work: Path) -> None:
    total = 0
    for info, name in plan.files:
        target = work.joinpath(*name.split("/"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, target.open("xb") as dst:
                written = 0
                while chunk := src.read(CHUNK_BYTES):
                    written += len(chunk)
                    total += len(chunk)
                    if written > info.file_size:
                        raise ShareError(archive, "holds more than its header says; the archive is damaged or "
                                                  "made to mislead", info.orig_filename)
                    if written > MAX_ENTRY_BYTES:
                        raise ShareError(archive, f"unpacks to more than {MAX_ENTRY_BYTES // _MB} MB; a file in a "
                                                  "shared level may be at most that", info.orig_filename)
                    if total > MAX_TOTAL_BYTES:
                        raise ShareError(archive, f"unpacks to more than {MAX_TOTAL_BYTES // _MB} MB; a shared "
                                                  "level may be at most that")
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as e:
            raise ShareError(archive, f"is damaged ({e})", info.orig_filename) from None
        except NotImplementedError as e:
            raise ShareError(archive, f"uses a kind of compression this game cannot read ({e})",
                             info.orig_filename) from None
        except OSError as e:
            raise OutputError(f"{target}: cannot write: {e.strerror or e}") from None


def _check_level(archive: Path, level: Path, name: str) -> None:
    try:
        load_level(level)
    except LevelError as e:
        shown = f"{archive}:{name}"
        raise LevelError(dataclasses.replace(p, file=shown) for p in e.problems) from None


def _move_into_place(work: Path, into: Path, stem: str) -> Path:
    """Rename `work` to the first free one of `into/stem`, `into/stem-2`, ... and return it.

    A name taken by anything (a folder, a file, a link) is skipped. Between the look and the
    rename another program could make that folder: Windows then refuses the rename and the next
    name is tried; Linux and macOS rename over it only if it is still empty, so nothing is lost."""
    for k in range(1, 1000):
        dest = into / (stem if k == 1 else f"{stem}-{k}")
        if os.path.lexists(dest):
            continue
        try:
            os.rename(work, dest)
        except OSError as e:
            if os.path.lexists(dest):  # it appeared meanwhile
                continue
            raise OutputError(f"{dest}: cannot unpack here: {e.strerror or e}") from None
        return dest
    raise OutputError(f"{into}: {stem} and 998 more folders of that name already exist; choose another folder")
