"""Training records: every finished exercise of every trainee, kept in a SQLite database in the
user-data folder (`records.sqlite`), for instructors to list, filter, sort, compare and export.

Each result is written in one transaction with the journal on disk and `synchronous=FULL`: a
crash or a power cut in the middle of a write loses at most that result, never an earlier one,
and leaves the database readable. A database that is damaged or not ours is reported, named,
and left as it is (never overwritten): the game goes on without records until it is moved away.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from sispam.atomic import atomic_text
from sispam.userdata import data_dir

FILE_NAME = "records.sqlite"
SCHEMA_VERSION = 2  # 2: run_id (the imported run's identity, to recognise it imported twice)
SORT_KEYS = ("played_at", "trainee", "group", "level_id", "score", "outcome")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    id INTEGER PRIMARY KEY,
    trainee TEXT NOT NULL,
    grp TEXT NOT NULL,
    level_id TEXT NOT NULL,
    level_title TEXT NOT NULL,
    played_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    score INTEGER NOT NULL,
    parts TEXT NOT NULL,
    sim_seconds REAL NOT NULL,
    violations INTEGER NOT NULL,
    max_stage INTEGER NOT NULL,
    replay TEXT NOT NULL,
    branch_of TEXT NOT NULL,
    run_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS results_by_trainee ON results (trainee, played_at);
CREATE INDEX IF NOT EXISTS results_by_level ON results (level_id, played_at);
CREATE INDEX IF NOT EXISTS results_by_run ON results (run_id);
"""
_UPGRADES = {1: ("ALTER TABLE results ADD COLUMN run_id TEXT NOT NULL DEFAULT ''",
                 "CREATE INDEX IF NOT EXISTS results_by_run ON results (run_id)")}


class RecordsError(Exception):
    """The records database cannot be used; the message names the file and why."""


@dataclass(frozen=True, slots=True)
class Result:
    """One finished exercise.

    Attributes:
        trainee, group: who played it (the group, a class or intake, may be empty).
        level_id, level_title: which level (the title in the trainee's language).
        played_at: when it ended, local time, ISO 8601 to the second.
        outcome: won, lost or incomplete.
        score: 0-100; parts: its weighted parts by name.
        sim_seconds: how long the exercise ran in simulated time.
        violations: breaches of the use-of-force rules (Perkap 1/2009); max_stage: the highest
            force stage used.
        replay: the replay file; branch_of: the replay it took over from ("" if none).
        id: the database's number for it (0 before it is stored).
    """

    trainee: str
    group: str
    level_id: str
    level_title: str
    played_at: str
    outcome: str
    score: int
    parts: dict[str, int]
    sim_seconds: float
    violations: int
    max_stage: int
    replay: str
    branch_of: str = ""
    id: int = 0


_COLUMNS = [f.name for f in fields(Result) if f.name != "id"]
_SQL_COLUMNS = ["grp" if c == "group" else c for c in _COLUMNS]


def records_path() -> Path:
    return data_dir(create=False) / FILE_NAME


class Records:
    """The records database (opened, or made, at `path`; default: in the user-data folder).

    Raises:
        RecordsError: the file is damaged, not a Sispam records database, of a newer version, or
            cannot be opened or made.
    """

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = path if path is not None else data_dir() / FILE_NAME
        self.read_only = read_only
        try:
            if read_only:  # to list: nothing is written, and a missing file is no records
                if not self.path.is_file():
                    raise RecordsError(f"{self.path}: no training records yet")
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0,
                                           isolation_level=None)
            else:
                self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        except sqlite3.Error as e:
            raise RecordsError(f"{self.path}: cannot open the training records: {e}") from None
        try:
            self._db.execute("PRAGMA synchronous = FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version > SCHEMA_VERSION:
                raise RecordsError(f"{self.path}: training records of version {version}, written by a newer "
                                   f"Sispam; this one reads version {SCHEMA_VERSION}")
            if tables and "results" not in tables:
                raise RecordsError(f"{self.path}: is a database, but not Sispam's training records; move it "
                                   "away and the game starts a new one")
            if not read_only and "results" not in tables:
                with self._transaction():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            elif not read_only and version < SCHEMA_VERSION:
                with self._transaction():
                    for step in range(max(version, 1), SCHEMA_VERSION):
                        for statement in _UPGRADES[step]:
                            self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._has_run_id = "results" not in tables or version >= 2 or not read_only
        except sqlite3.OperationalError as e:
            self._db.close()
            raise RecordsError(_busy(self.path, e)) from None
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise RecordsError(f"{self.path}: the training records are damaged ({e}); they are left as they "
                               "are: move the file away to start new records") from None
        except RecordsError:
            self._db.close()
            raise

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:  # SQLite rolls back on its own after some errors (a full disk)
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Records:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def add(self, result: Result, run_id: str = "") -> Result:
        """Store a result (one transaction); returns it with its id. `run_id`: the identity of
        its run (`has_run`), for results imported from replays."""
        values = [json.dumps(v, sort_keys=True) if k == "parts" else v for k, v in asdict(result).items() if k != "id"]
        columns = [*_SQL_COLUMNS, "run_id"]
        try:
            with self._transaction():
                cursor = self._db.execute(
                    f"INSERT INTO results ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [*values, run_id])
        except sqlite3.OperationalError as e:
            raise RecordsError(_busy(self.path, e)) from None
        except sqlite3.Error as e:
            raise RecordsError(f"{self.path}: cannot store the result: {e}") from None
        return _with_id(result, int(cursor.lastrowid))

    def results(self, trainee: str | None = None, group: str | None = None, level_id: str | None = None,
                sort: str = "played_at", descending: bool = True, date: str | None = None) -> list[Result]:
        """The results that match every filter given (trainee and group: any part of the name,
        in any case; date: the start of the date, "2026-11" for a month), sorted by `sort` (one
        of `SORT_KEYS`), newest or highest first by default."""
        if sort not in SORT_KEYS:
            raise ValueError(f"sort must be one of {SORT_KEYS}, not {sort!r}")
        where, args = [], []
        for column, value in (("trainee", trainee), ("grp", group)):
            if value:
                where.append(f"instr(lower({column}), ?) > 0")
                args.append(value.lower())
        if level_id:
            where.append("level_id = ?")
            args.append(level_id)
        if date:
            where.append("substr(played_at, 1, ?) = ?")
            args += [len(date), date]
        column = "grp" if sort == "group" else sort
        query = (f"SELECT id, {', '.join(_SQL_COLUMNS)} FROM results"
                 + (f" WHERE {' AND '.join(where)}" if where else "")
                 + f" ORDER BY {column} {'DESC' if descending else 'ASC'}, id {'DESC' if descending else 'ASC'}")
        return [_row(row) for row in self._read(query, args)]

    def has_run(self, run_id: str) -> bool:
        """Whether a result of this run (see `add`) is stored already."""
        if not run_id or not self._has_run_id:
            return False
        return bool(self._read("SELECT 1 FROM results WHERE run_id = ? LIMIT 1", [run_id]))

    def values(self, column: str) -> list[str]:
        """The distinct trainees, groups or level ids stored, sorted."""
        name = {"trainee": "trainee", "group": "grp", "level_id": "level_id"}[column]
        return [str(r[0]) for r in self._read(f"SELECT DISTINCT {name} FROM results ORDER BY {name}", [])]

    def _read(self, query: str, args: list) -> list[tuple]:
        """The rows of a query; if an index is damaged, read the table itself (`NOT INDEXED`):
        the results are in the table, the indexes only speed up finding them."""
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.DatabaseError as first:
            try:
                return self._db.execute(query.replace(" FROM results", " FROM results NOT INDEXED", 1),
                                        args).fetchall()
            except sqlite3.Error:
                raise RecordsError(f"{self.path}: cannot read the training records: {first}") from None


def _busy(path: Path, error: sqlite3.OperationalError) -> str:
    """What a database error that is not damage means to the player."""
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return f"{path}: the training records are in use by another program; try again when it is closed"
    if "readonly" in message or "read-only" in message:
        return f"{path}: the training records cannot be written (the file or its folder is read-only)"
    if "malformed" in message or "not a database" in message:
        return (f"{path}: the training records are damaged ({error}); they are left as they are: move the file "
                "away to start new records")
    return f"{path}: the training records cannot be used: {error}"


def _with_id(result: Result, id_: int) -> Result:
    return Result(**{**asdict(result), "id": id_})


_NUMBERS = {"id": int, "score": int, "sim_seconds": float, "violations": int, "max_stage": int}


def _row(row: tuple) -> Result:
    """A stored row as a Result; a value another program or damage left of the wrong kind
    reads as empty (0, "", no parts) rather than stopping the list."""
    values = dict(zip(["id", *_COLUMNS], row, strict=True))
    for key, value in values.items():
        if key == "parts":
            try:
                parts = json.loads(value) if isinstance(value, str) else None
            except (ValueError, RecursionError):
                parts = None
            values[key] = ({str(k): int(v) for k, v in parts.items() if isinstance(v, int | float)
                            and not isinstance(v, bool) and math.isfinite(v)} if isinstance(parts, dict) else {})
        elif key in _NUMBERS:
            try:
                number = _NUMBERS[key](value)
                values[key] = number if math.isfinite(number) else 0
            except (TypeError, ValueError, OverflowError):
                values[key] = 0
        else:
            values[key] = "" if value is None else str(value)
    return Result(**values)


CSV_HEADER = ["trainee", "group", "level", "level_title", "played_at", "outcome", "score", "sim_seconds",
              "violations", "max_stage", "replay", "branch_of"]


def csv_text(results: list[Result]) -> str:
    """The results as CSV (a header, then a row each; score parts in their own columns)."""
    parts = sorted({name for r in results for name in r.parts})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER + [f"score_{p}" for p in parts])
    for r in results:
        writer.writerow([safe_cell(v) for v in (r.trainee, r.group, r.level_id, r.level_title, r.played_at, r.outcome,
                                            r.score, r.sim_seconds, r.violations, r.max_stage, r.replay, r.branch_of)]
                        + [r.parts.get(p, "") for p in parts])
    return out.getvalue()


def safe_cell(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (names typed by trainees go in as text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(results: list[Result], path: Path) -> None:
    """Write the results as CSV, atomically.

    Raises:
        OutputError: the file cannot be written.
    """
    with atomic_text(path) as out:
        out.write(csv_text(results))
