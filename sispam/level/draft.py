"""The document behind the level editor: a level file being edited, with undo and live checks.

A `Draft` holds the file as a tomlkit document, so comments, key order and the formatting of
everything not changed survive a save (`sispam.level.draft_toml` does the careful editing).
It checks itself with the very code `game.py check` runs (`sispam.level.load`), and saves a
level only when it is valid; an unfinished level can be kept as `<name>.draft.toml`, marked
as not valid yet. Never imports pygame.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError

from sispam.atomic import atomic_text
from sispam.level import draft_file, draft_toml
from sispam.level.build import build_scenario
from sispam.level.draft_history import TextHistory
from sispam.level.draft_locate import Box, entry_box, problem_entry, translated
from sispam.level.errors import LevelError, Problem
from sispam.level.load import note_problems, parse_toml, read_level_text
from sispam.level.schema import LevelFile
from sispam.sim.scenario import Scenario

TABLES = ("obstacles", "ground", "zones", "crowd", "units", "events", "objectives")
"""The arrays of tables of a level, in the order a new one is placed in the file."""

UNSAVED_NAME = "<draft>"
"""The file name problems and the scenario carry before the level has a path."""


class DraftInvalid(ValueError):
    """A level that is not valid cannot be saved as a level; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            f"not a valid level yet ({len(problems)} problem{'s' * (len(problems) != 1)}); "
            "save it as a draft:\n" + "\n".join(str(p) for p in problems)
        )


class Draft:
    """An editable level file: a tomlkit document (so comments, key order and formatting of
    everything not changed survive a save), an undo/redo history and live validation.

    Attributes:
        path: where it was opened from or last saved to (None for a new level not saved yet).
    """

    def __init__(self, text: str, path: Path | None = None) -> None:
        """A draft of `text`; use `Draft.new` or `Draft.open`."""
        self.path = path
        self._doc = tomlkit.parse(text)
        self._text = text
        self._saved = text
        self._version = 0
        self._history = TextHistory()
        self._checked: tuple[tuple[int, str], list[Problem], LevelFile | None] | None = None
        self._noted: tuple[tuple[int, str], list[Problem]] | None = None
        self._plain: tuple[int, dict[str, list[dict[str, Any]]]] = (-1, {})

    # --- Opening -------------------------------------------------------------------------

    @classmethod
    def new(cls, level_id: str = "level_baru", size: tuple[float, float] = (120.0, 80.0)) -> Draft:
        """The smallest level file: id, texts, seed, length and map. It is not valid until it
        has a crowd group or a unit; `problems()` says so."""
        lines = [
            "schema_version = 1",
            f"id = {draft_toml.toml_value(level_id)}",
            "seed = 1",
            "duration_s = 600",
            'title = { id = "Level baru", en = "New level" }',
            'briefing = { id = "Situasi dan misi.", en = "Situation and mission." }',
            "",
            "[map]",
            f"size = {draft_toml.toml_value(draft_toml.tidy(list(size)))}",
        ]
        return cls("\n".join(lines) + "\n")

    @classmethod
    def open(cls, path: Path) -> Draft:
        """Open a level file (or a draft of one: its marker is dropped).

        Raises:
            LevelError: the file is missing, unreadable, too large, not UTF-8 or not TOML. A
                TOML file that is not a valid level opens; `problems()` lists what is wrong.
        """
        name = str(path)
        text = read_level_text(Path(path), name)
        text, marker_lines = draft_file.without_marker(text)
        try:
            parse_toml(text, name)
            return cls(text, Path(path))
        except LevelError as e:
            raise LevelError(
                Problem(p.file, p.line + marker_lines if p.line else 0, p.where, p.message) for p in e.problems
            ) from None
        except ParseError as e:  # TOML that tomllib reads and tomlkit does not
            raise LevelError([Problem(name, e.line + marker_lines, "syntax", f"TOML: {e}")]) from None

    # --- Reading -------------------------------------------------------------------------

    def text(self) -> str:
        """The TOML text now."""
        return self._text

    @property
    def dirty(self) -> bool:
        """Whether the text differs from what was opened or last saved."""
        return self._text != self._saved

    def entries(self, table: str) -> list[dict[str, Any]]:
        """The entries of an array of tables as plain data (copies), in file order."""
        return copy.deepcopy(self._entries(table))

    def get(self, table: str, index: int) -> dict[str, Any]:
        """One entry as plain data (a copy). Raises IndexError if there is no such entry."""
        entries = self._entries(table)
        if not 0 <= index < len(entries):
            raise IndexError(f"{table}[{index}]: there are {len(entries)} {table} entries")
        return copy.deepcopy(entries[index])

    def value(self, key: tuple[str, ...]) -> object:
        """A value outside the arrays of tables, e.g. `("title", "en")` or `("map", "size")`, as
        plain data; None when the file does not have it."""
        node: Any = self._doc
        for part in key:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return draft_toml.plain(node)

    def _entries(self, table: str) -> list[dict[str, Any]]:
        if table not in TABLES:
            raise ValueError(f"'{table}' is not one of the level's tables: {', '.join(TABLES)}")
        version, cache = self._plain
        if version != self._version:
            cache = {}
            self._plain = (self._version, cache)
        if table not in cache:
            found = draft_toml.plain(self._doc[table]) if table in self._doc else []
            cache[table] = [e if isinstance(e, dict) else {} for e in found] if isinstance(found, list) else []
        return cache[table]

    # --- Changing ------------------------------------------------------------------------

    def add(self, table: str, entry: dict[str, Any]) -> int:
        """Append an entry (nested tables are written inline); returns its index. Values are
        tidied: whole numbers become ints, float noise goes, keys set to None are left out."""
        index = len(self._entries(table))
        new = _tidy_entry(entry)
        self._edit(f"add {table}[{index}]", lambda: draft_toml.append_entry(self._doc, table, new, TABLES))
        return index

    def update(self, table: str, index: int, entry: dict[str, Any]) -> None:
        """Set the entry to exactly `entry` (tidied as in `add`): keys whose value did not change
        keep their text, comment and place; changed keys are rewritten in place, nested tables
        and arrays only where they changed; removed keys go; new keys are appended."""
        self.get(table, index)
        new = _tidy_entry(entry)
        self._edit(f"edit {table}[{index}]", lambda: draft_toml.sync_value(self._doc[table], index, new))

    def remove(self, table: str, index: int) -> None:
        """Remove an entry, with the comment right above it."""
        self.get(table, index)
        self._edit(f"remove {table}[{index}]", lambda: draft_toml.remove_entry(self._doc, table, index))

    def move(self, table: str, index: int, dx: float, dy: float) -> None:
        """Translate the entry's geometry by (dx, dy) metres: its shape (polygon and polyline
        points, rect corners, circle centre), a unit's position, an event's point, a point goal.
        Moved coordinates are rounded to 0.01 m."""
        with self.group(f"move {table}[{index}]"):
            self.update(table, index, translated(self.get(table, index), dx, dy))

    def set_value(self, key: tuple[str, ...], value: object) -> None:
        """Set a value outside the arrays of tables, e.g. `("title", "en")`; None removes it.
        Missing tables on the way are made (`[name]` tables; title and briefing inline)."""
        if not key or key[0] in TABLES:
            raise ValueError(f"set_value takes a key outside {', '.join(TABLES)}: use add, update or remove")
        top = key[0]
        new = _with_value(self.value((top,)), key[1:], value)
        new = None if new is None else draft_toml.tidy(new)
        self._edit(f"set {'.'.join(map(str, key))}", lambda: draft_toml.set_top(self._doc, top, new))

    def _edit(self, label: str, edit: Callable[[], bool]) -> None:
        """Apply `edit` to the document as one undo step. `edit` returns True when it added or
        removed keys, entries or comments: the text is then parsed again, so that tomlkit's
        view of the document is whole."""
        before = self._text
        try:
            structural = edit()
            text = tomlkit.dumps(self._doc)
            if structural:
                self._doc = tomlkit.parse(text)
        except BaseException:
            self._doc = tomlkit.parse(before)  # nothing half done
            raise
        if text != before:
            self._text = text
            self._version += 1
            self._history.record(before, label)

    # --- History -------------------------------------------------------------------------

    def group(self, label: str) -> contextlib.AbstractContextManager[None]:
        """Every change made inside is one undo step (a drag); groups inside groups join it."""
        return self._history.group(label, self.text)

    @property
    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone step to redo."""
        return self._history.can_redo

    @property
    def undo_label(self) -> str | None:
        """What `undo` would take back, e.g. "move units[0]" or a group's label."""
        return self._history.undo_label

    @property
    def redo_label(self) -> str | None:
        """What `redo` would do again."""
        return self._history.redo_label

    def undo(self) -> bool:
        """Take back the last step; False when there is none."""
        return self._load(self._history.undo(self._text))

    def redo(self) -> bool:
        """Do the last undone step again; False when there is none."""
        return self._load(self._history.redo(self._text))

    def _load(self, text: str | None) -> bool:
        if text is None:
            return False
        self._doc = tomlkit.parse(text)
        self._text = text
        self._version += 1
        return True

    # --- Checking ------------------------------------------------------------------------

    def _name(self) -> str:
        return str(self.path) if self.path is not None else UNSAVED_NAME

    def _check(self, path: Path | None = None) -> tuple[list[Problem], LevelFile | None]:
        """The problems of the text now as the file `path` (else `self.path`), as `load_level`
        finds them, and the validated level when there are none. The pictures a level names
        are looked for in the file's folder; an unsaved level has none to look in."""
        path = path if path is not None else self.path
        name = str(path) if path is not None else UNSAVED_NAME
        key = (self._version, name)
        if self._checked is None or self._checked[0] != key:
            self._checked = (key, *draft_file.level_problems(self._text, name, path))
        return self._checked[1], self._checked[2]

    def problems(self) -> list[Problem]:
        """What `game.py check` says is wrong with the text now, with its lines in this text;
        [] when the level is valid. Checked once per change, so it can be asked every frame."""
        return list(self._check()[0])

    def notes(self) -> list[Problem]:
        """What `game.py check` notes about the valid level now (`checks.level_notes`: it loads,
        but may not do what its author meant), with lines in this text; [] when it is invalid.
        Found once per change, as the problems are."""
        problems, level = self._check()
        assert self._checked is not None  # _check has just filled it
        key = self._checked[0]
        if self._noted is None or self._noted[0] != key:
            found = [] if problems or level is None else note_problems(level, self._text, key[1])
            self._noted = (key, found)
        return list(self._noted[1])

    def invalid_summary(self, limit: int = 3) -> list[str]:
        """Short lines "where: message" for the first `limit` problems, and "... and N more"
        after them when there are more; [] when the level is valid."""
        found = self._check()[0]
        lines = [f"{p.where}: {p.message}" for p in found[:limit]]
        if len(found) > limit:
            lines.append(f"... and {len(found) - limit} more")
        return lines

    def locate(self, problem: Problem) -> Box | None:
        """The map box (x0, y0, x1, y1) in metres of what a problem is about: the bounds of the
        entry its `where` names (a shape's bounds; a unit around its position; a crowd group
        its spawn zone, else where it heads; an objective its zone; an event its point or the
        group, building or unit it names). None for what has no place on the map (title,
        briefing, scoring, the map itself...)."""
        found = problem_entry(problem.where)
        if found is None or found[0] not in TABLES:
            return None
        table, index = found
        entries = self._entries(table)
        if index >= len(entries):
            return None
        return entry_box(table, entries[index], self._find)

    def _find(self, table: str, entry_id: object) -> dict[str, Any] | None:
        return next((e for e in self._entries(table) if e.get("id") == entry_id), None)

    def scenario(self) -> Scenario:
        """The scenario `load_level` would build from this text (its source is the path, or
        "<draft>").

        Raises:
            LevelError: the level is not valid.
        """
        found, level = self._check()
        if level is None:
            raise LevelError(found)
        folder = draft_file.folder(self.path) if self.path is not None else None
        return build_scenario(level, source=self._name(), folder=folder)

    # --- Saving --------------------------------------------------------------------------

    @staticmethod
    def draft_path(path: Path) -> Path:
        """Where the draft of a level is kept: `levels/foo.toml` -> `levels/foo.draft.toml`."""
        return draft_file.draft_path(path)

    def _target(self, path: Path | None) -> Path:
        target = path if path is not None else self.path
        if target is None:
            raise ValueError("this level has no file yet: give the path to save it to")
        return Path(target)

    def save(self, path: Path | None = None) -> Path:
        """Write the level to `path` (else to `self.path`; a draft's path means its level file),
        atomically, and remove a draft of it left beside it.

        Returns:
            The path written.

        Raises:
            DraftInvalid: the level has problems; save it with `save_draft` instead.
            sispam.atomic.OutputError: the file cannot be written.
        """
        target = draft_file.level_path(self._target(path))
        found = self._check(target)[0]
        if found:
            raise DraftInvalid(list(found))
        text = self._text
        with atomic_text(target) as out:
            out.write(text)
        stale = draft_file.draft_path(target)
        if stale != target:
            with contextlib.suppress(OSError):  # the level is saved; an old draft is harmless
                stale.unlink()
        self.path, self._saved = target, text
        return target

    def save_draft(self, path: Path | None = None) -> Path:
        """Write the text, marked as a draft that is not a valid level yet, atomically to
        `<stem>.draft.toml` beside `path` (else beside `self.path`), never over the level file.
        The marker's first line says how many problems there are and how to finish the level;
        a line a problem follows (at most 20). A marker already there is replaced.

        Returns:
            The draft's path.
        """
        target = draft_file.draft_path(self._target(path))
        found = self._check(target)[0]
        text = self._text
        with atomic_text(target) as out:
            out.write(draft_file.marked(text, list(found), target))
        self.path, self._saved = target, text
        return target


def _with_value(current: Any, path: tuple[Any, ...], value: Any) -> Any:
    """`current` (a plain value) with the value at `path` inside it set; None removes it."""
    if not path:
        return value
    node = copy.deepcopy(current) if isinstance(current, dict) else {}
    node[path[0]] = _with_value(node.get(path[0]), path[1:], value)
    if node[path[0]] is None:
        del node[path[0]]
    return node


def _tidy_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise TypeError(f"an entry is a dict of keys and values, not {type(entry).__name__}")
    tidy: dict[str, Any] = draft_toml.tidy(entry)
    return tidy

