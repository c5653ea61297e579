"""Bringing a class's replays into the instructor's training records.

Each trainee plays on his own laptop, which keeps his replays (`replays/` in its user-data
folder). The instructor collects them (a folder, or a zip of one) and imports them: each replay
becomes a result in the records, with its trainee, group, score and debrief (the replay itself
is copied into `replays/imported/`, where the records screen opens it). A run imported twice is
recognised by its identity (level, seed, orders and checkpoints, trainee) and counted once. A
damaged or foreign file is reported on its own line and the others go on; nothing is executed."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sispam.atomic import OutputError, atomic_bytes
from sispam.level.errors import LevelError
from sispam.level.limits import MAX_FILE_BYTES
from sispam.level.load import load_level
from sispam.records import Records, RecordsError, Result
from sispam.review.recording import Recording
from sispam.review.replay_file import SUFFIX, level_for, read_replay_text
from sispam.textsafe import printable, text_path

MAX_MEMBERS = 5_000  # replays read from one zip
MAX_ZIP_TOTAL = 2_000_000_000  # bytes unpacked from one zip, at most
_STAMP = re.compile(r"^(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)_")


@dataclass
class ImportReport:
    """What an import did: the results added, the names of runs already in the records, and
    one line per file that could not be imported (naming it and why)."""

    added: list[Result] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    name: str  # as shown in messages: the file, or zip:member
    data: bytes | None
    modified: datetime
    problem: str = ""


def run_id(rec: Recording) -> str:
    """The identity of a recorded run: the same run imported again has the same one."""
    key = {"level": rec.level_sha256, "seed": rec.seed, "end": rec.end_step, "checkpoints": rec.checkpoints,
           "orders": [(o.t, o.unit, str(o.kind)) for o in rec.orders], "trainee": rec.trainee.get("name", "")}
    return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()


def _files(paths: Iterable[Path]) -> Iterator[_Found]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(path.rglob(f"*{SUFFIX}")):
                yield from _files([file])
        elif path.suffix.lower() == ".zip":
            yield from _members(path)
        elif not path.exists():
            yield _Found(str(path), None, datetime.now(), "no such file or folder")
        elif not path.is_file():  # a device, a pipe, a socket
            yield _Found(str(path), None, datetime.now(), "not a plain file")
        else:
            try:
                size = path.stat().st_size
                if size > MAX_FILE_BYTES:
                    yield _Found(str(path), None, datetime.now(), f"{size / 1e6:.1f} MB is too large for a replay")
                    continue
                yield _Found(str(path), path.read_bytes(), datetime.fromtimestamp(path.stat().st_mtime))
            except OSError as e:
                yield _Found(str(path), None, datetime.now(), f"cannot read it: {e.strerror or e}")


def _members(path: Path) -> Iterator[_Found]:
    """The replays in a zip, read in memory (no member is written out by its own name)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(SUFFIX) and not m.is_dir()]
            if len(members) > MAX_MEMBERS:
                yield _Found(str(path), None, datetime.now(), f"holds {len(members)} replays; at most {MAX_MEMBERS}")
                return
            total = 0
            for member in members:
                name = f"{path}:{member.filename}"
                if member.file_size > MAX_FILE_BYTES or total + member.file_size > MAX_ZIP_TOTAL:
                    yield _Found(name, None, datetime.now(), "too large for a replay")
                    continue
                try:
                    with archive.open(member) as f:
                        data = f.read(MAX_FILE_BYTES + 1)
                except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as e:
                    yield _Found(name, None, datetime.now(), f"cannot be unpacked: {e}")
                    continue
                if len(data) > MAX_FILE_BYTES:
                    yield _Found(name, None, datetime.now(), "too large for a replay")
                    continue
                total += len(data)
                try:
                    stamp = datetime(*member.date_time)
                except ValueError:
                    stamp = datetime.now()
                yield _Found(name, data, stamp)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        yield _Found(str(path), None, datetime.now(), f"not a readable zip: {e}")


def _played_at(rec: Recording, found: _Found) -> str:
    if rec.played_at:
        return rec.played_at
    stamp = _STAMP.match(Path(found.name.rsplit(":", 1)[-1]).name)
    if stamp:
        y, mo, d, h, mi, s = map(int, stamp.groups())
        try:
            return datetime(y, mo, d, h, mi, s).isoformat()
        except ValueError:
            pass
    return found.modified.replace(microsecond=0).isoformat()


def file_slug(name: str) -> str:
    """A trainee's name as it may stand in a file name."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:40] or "tanpa-nama"


def result_of(rec: Recording, *, trainee: str, group: str, title: str, played_at: str, replay: str,
              branch_of: str = "") -> Result:
    """The training-records result of a recorded run (its score, parts, force use, length)."""
    report = rec.report
    return Result(trainee=trainee, group=group, level_id=rec.level_id, level_title=title, played_at=played_at,
                  outcome=report["outcome"], score=int(report["score"]["total"]),
                  parts={k: int(v) for k, v in report["score"].get("parts", {}).items()},
                  sim_seconds=round(rec.end_t, 3), violations=int(report["metrics"].get("force_violations", 0)),
                  max_stage=int(report["metrics"].get("max_force_stage", 0)), replay=replay, branch_of=branch_of)


def _result(rec: Recording, found: _Found, title: str, copy: Path) -> Result:
    name = rec.trainee.get("name", "").strip() or text_path(Path(found.name.rsplit(":", 1)[-1]).name[: -len(SUFFIX)])
    return result_of(rec, trainee=name, group=rec.trainee.get("group", "").strip(), title=title,
                     played_at=_played_at(rec, found), replay=str(copy),
                     branch_of=str((rec.branch_of or {}).get("replay", "")))


def import_replays(paths: Iterable[Path], db: Records, into: Path, lang: str = "id") -> ImportReport:
    """Import every replay found in `paths` (replay files, folders searched through, zips) into
    `db`, copying each into the folder `into`; see the module's docstring.

    Raises:
        RecordsError: the records cannot be written at all (each file's own problems are in the
            report instead).
    """
    report = ImportReport()
    for found in _files(paths):
        where = printable(found.name)
        if found.data is None:
            report.problems.append(f"{where}: {found.problem}")
            continue
        try:
            text = found.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.problems.append(f"{where}: not a replay (not UTF-8 text)")
            continue
        try:
            rec, _ = read_replay_text(text, found.name)
            level = level_for(rec, Path(found.name))
            scenario = load_level(level)
            rec, _ = read_replay_text(text, found.name, scenario)
        except LevelError as e:
            report.problems.append(str(e.problems[0]) + (f" (and {len(e.problems) - 1} more)" if len(e.problems) > 1 else ""))
            continue
        identity = run_id(rec)
        if db.has_run(identity):
            report.duplicates.append(where)
            continue
        trainee = file_slug(rec.trainee.get("name", "")) if rec.trainee.get("name") else "anon"
        copy = into / f"{identity[:12]}_{rec.level_id}_{trainee}{SUFFIX}"
        try:
            result = _result(rec, found, getattr(scenario.title, lang, scenario.id), copy)
        except (KeyError, TypeError, ValueError, OverflowError) as e:
            report.problems.append(f"{where}: its report is incomplete ({e})")
            continue
        had_copy = copy.exists()
        try:
            into.mkdir(parents=True, exist_ok=True)
            with atomic_bytes(copy) as out:
                out.write(found.data)
        except (OutputError, OSError) as e:
            report.problems.append(f"{where}: cannot keep a copy: {e}")
            continue
        try:
            report.added.append(db.add(result, run_id=identity))
        except RecordsError:  # no row for it: no copy of it either (the records stay as they were)
            if not had_copy:
                copy.unlink(missing_ok=True)
            raise
    return report


__all__ = ["ImportReport", "RecordsError", "file_slug", "import_replays", "result_of", "run_id"]
