"""Read a level file into a `Scenario`, or explain everything that is wrong with it.

Nothing in the file is ever executed: it is read as bytes, decoded as UTF-8, parsed by
`tomllib` and validated by `sispam.level.schema`.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sispam.level.background import asset_problem
from sispam.level.build import build_scenario
from sispam.level.checks import level_notes
from sispam.level.errors import LevelError, Problem
from sispam.level.limits import MAX_FILE_BYTES
from sispam.level.locate import Loc, TomlLines, file_path, readable_path
from sispam.level.messages import describe
from sispam.level.schema import (
    SCHEMA_VERSION,
    CrowdFile,
    GroundFile,
    LevelFile,
    ObstacleFile,
    UnitFile,
    ZoneFile,
)
from sispam.sim.scenario import Scenario
from sispam.textsafe import long_number_line, too_long_number

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")


def load_level(path: str | os.PathLike[str]) -> Scenario:
    """Load and check a level file.

    Args:
        path: the TOML level file.

    Returns:
        The scenario, with `source` set to `path` as given.

    Raises:
        LevelError: the file is missing, unreadable, too large, not UTF-8, not TOML, not a
            valid level, or names a picture that is not one inside its folder; `problems` lists
            everything found, with file lines.
    """
    level, _, name, folder = _checked_level(path)
    return build_scenario(level, source=name, folder=folder)


def _checked_level(path: str | os.PathLike[str]) -> tuple[LevelFile, str, str, Path]:
    """The validated level in the file `path`, its text, its name as given and its folder; as
    `load_level` (which builds the scenario from it), raising LevelError for what it finds."""
    name = os.fspath(path)
    text = read_level_text(Path(path), name)
    data = parse_toml(text, name)
    manifest = manifest_problem(data, text, name)
    if manifest is not None:
        raise LevelError([manifest])
    folder = Path(os.path.abspath(path)).parent
    assets = asset_problems(data, text, name, folder)
    try:
        level = validate_level(data, text, name)
    except LevelError as e:
        raise LevelError([*e.problems, *assets]) from None
    if assets:
        raise LevelError(assets)
    return level, text, name, folder


def is_manifest(data: dict[str, Any]) -> bool:
    """Whether a parsed file is a campaign manifest (a `levels` list and no level `id`)."""
    return isinstance(data.get("levels"), list) and "id" not in data


def manifest_problem(data: dict[str, Any], text: str, name: str) -> Problem | None:
    """The one problem of a campaign manifest opened as a level (None for anything else): it is
    the campaign's list of levels, and these are the levels it names."""
    if not is_manifest(data):
        return None
    files = [entry["file"] for entry in data["levels"] if isinstance(entry, dict) and isinstance(entry.get("file"), str)]
    return Problem(name, TomlLines(text).line_of(("levels",)), "levels",
                   "this is a campaign's list of levels, not a level: open one of the levels it names"
                   + (f" ({', '.join(files)})" if files else ""))


def note_problems(level: LevelFile, text: str, name: str) -> list[Problem]:
    """`checks.level_notes` of a valid level, with lines in its `text`, as `Problem`s whose
    message says it is a note."""
    lines = TomlLines(text)
    return [Problem(name, lines.line_of(loc), readable_path(loc), f"note: {message}") for loc, message in level_notes(level)]


def level_notes_of(path: str | os.PathLike[str]) -> list[Problem]:
    """What a level that loads does that its author may not have meant (`checks.level_notes`),
    with file lines, as `Problem`s whose message says it is a note.

    Raises:
        LevelError: as `load_level`, for a file that does not load.
    """
    level, text, name, _ = _checked_level(path)
    return note_problems(level, text, name)


def asset_problems(data: dict[str, Any], text: str, name: str, folder: Path) -> list[Problem]:
    """Problems with the files a level names (today its background picture), which must lie
    inside the level's `folder` (SPEC §5). Only a name that is a string is looked at: the
    validation reports any other."""
    background = data.get("map", {}).get("background") if isinstance(data.get("map"), dict) else None
    file = background.get("file") if isinstance(background, dict) else None
    if not isinstance(file, str):
        return []
    problem = asset_problem(file, folder)
    if problem is None:
        return []
    loc = ("map", "background", "file")
    return [Problem(name, TomlLines(text).line_of(loc), readable_path(loc), problem)]


def read_level_text(path: Path, name: str, what: str = "level file", example: str = ".toml level file") -> str:
    """The file's text, refusing anything that is not a small UTF-8 text file.

    `what` names the kind of file in messages ("level file", "order plan"); `example` is what
    to give instead of a device or pipe.
    """

    def refuse(message: str, line: int = 0) -> LevelError:
        return LevelError([Problem(name, line, "file", message)])

    try:
        if not path.exists():
            raise refuse("no such file")
        if path.is_dir():
            raise refuse(f"is a directory, not a {what}")
        if not stat.S_ISREG(path.stat().st_mode):
            raise refuse(f"is not a plain file (a device, pipe or socket); give a {example}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                f"file is {size / 1024 / 1024:.1f} MB; a {what} may be at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise refuse(f"cannot read the file: {e.strerror or e}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise refuse(
            f"not a UTF-8 text file (byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "save it as UTF-8",
            line,
        ) from None
    if not text.strip():
        raise refuse("file is empty")
    return text


MAX_KEY_PARTS = 64  # tomllib takes time quadratic in a dotted key's parts: 8,000 take 3 s


def _overlong_key_line(text: str) -> int:
    """The line of the first key (or table header) with more than `MAX_KEY_PARTS` dotted parts,
    0 if none: such a key would hold the parser for minutes."""
    if text.count(".") <= MAX_KEY_PARTS:
        return 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.count(".") <= MAX_KEY_PARTS:
            continue
        dots, quote = 0, ""
        for char in line.lstrip(" \t["):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char in "=]#":
                break
            elif char == ".":
                dots += 1
                if dots >= MAX_KEY_PARTS:
                    return number
    return 0


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """The parsed TOML document, or a LevelError with the syntax error's line."""
    overlong = _overlong_key_line(text)
    if overlong:
        raise LevelError([Problem(name, overlong, "syntax", f"TOML: a key with more than {MAX_KEY_PARTS} dotted "
                                  "parts (a.b.c…): no key of this file is nested that deep")])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        position = _TOML_POSITION.search(message)
        if position:
            line = int(position.group(1))
            message = f"{message[: position.start()]} (column {position.group(2)})"
        else:
            line = text.count("\n") + 1
            message = _TOML_END.sub(" (at the end of the file)", message)
        raise LevelError([Problem(name, line, "syntax", f"TOML: {message}")]) from None
    except RecursionError:
        raise LevelError(
            [Problem(name, 1, "syntax", "TOML: arrays or tables are nested too deeply")]
        ) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise LevelError([Problem(name, long_number_line(text), "syntax", too_long_number())]) from None


def validate_level(data: dict[str, Any], text: str, name: str) -> LevelFile:
    """The validated file model, or a LevelError with every problem found and its line."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != SCHEMA_VERSION:
        # A different version means different keys: report only that, not a flood of others.
        return _raise_problems(
            name,
            [
                (
                    ("schema_version",),
                    f"schema_version {version} is not supported; this "
                    f"version of Sispam reads schema_version {SCHEMA_VERSION}",
                )
            ],
            text,
        )
    try:
        return LevelFile.model_validate(data)
    except ValidationError as e:
        found = _problems(e, data)
        found += _cross_checks_of_the_rest(data, [loc for loc, _ in found])
        return _raise_problems(name, found, text)


def _problems(error: ValidationError, data: dict[str, Any]) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if item["type"] != "level":  # our own checks already give file paths
            loc = file_path(loc, data)
        if item["type"] == "union_tag_invalid":
            loc = (*loc, "kind")
        found.append((loc, describe(item, LevelFile)))
    return found


_SCRIPT_SECTIONS = ("events", "objectives")
_SCRIPT_REFERENCES = ("group", "unit", "building", "zone")
_ENTRY_MODELS: dict[str, type[BaseModel]] = {"obstacles": ObstacleFile, "ground": GroundFile, "zones": ZoneFile,
                 "crowd": CrowdFile, "units": UnitFile}
# Stand-ins for wrong values that nothing else depends on, so that the rest of their entry can
# still be checked (a group of 1 person still has to spawn somewhere real).
_STAND_INS: dict[str, Any] = {"count": 1, "facing_deg": 0.0, "seed": 0, "id": "level",
                              "title": {"id": "-", "en": "-"}, "briefing": {"id": "-", "en": "-"}}


def _cross_checks_of_the_rest(data: dict[str, Any], bad: list[Loc]) -> list[tuple[Loc, str]]:
    """Reference and geometry problems of everything that is valid on its own.

    pydantic runs the level-wide checks only once every field is valid. So that an instructor
    sees every problem at once, each wrong value is repaired for a second pass where that is
    sound (a key that has a default is left out, a few values get a harmless stand-in, an
    unknown key is dropped), and an entry whose wrong value others may depend on (its shape,
    kind or a reference) is set aside. Problems at the repaired places, and problems that name
    an entry set aside, are left out: they would be guesses.
    """
    pruned: dict[str, Any] = {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
    repaired: list[Loc] = []
    dropped: dict[str, set[int]] = {}
    named_by_dropped: set[str] = set()
    for loc in bad:
        if len(loc) >= 2 and loc[0] in _SCRIPT_SECTIONS and isinstance(loc[1], int):
            # A wrong event or objective is set aside whole, and with it what it names: a group
            # that only a set-aside event releases would otherwise "never arrive".
            entries = pruned.get(str(loc[0]))
            if not isinstance(entries, list) or not isinstance(entries[loc[1]], dict):
                return []
            dropped.setdefault(str(loc[0]), set()).add(loc[1])
            named_by_dropped |= {str(entries[loc[1]][key]) for key in _SCRIPT_REFERENCES if key in entries[loc[1]]}
        elif len(loc) >= 3 and loc[0] in _ENTRY_MODELS and isinstance(loc[1], int) and isinstance(loc[2], str):
            section, index, key = str(loc[0]), loc[1], loc[2]
            entries = pruned.get(section)
            if not isinstance(entries, list) or not isinstance(entries[index], dict):
                return []
            field = _ENTRY_MODELS[section].model_fields.get(key)
            entry = dict(entries[index])
            if field is None or not field.is_required():
                entry.pop(key, None)  # unknown key, or one with a default
            elif key in _STAND_INS:
                entry[key] = _STAND_INS[key]
            else:
                dropped.setdefault(section, set()).add(index)
                continue
            entries[index] = entry
            repaired.append((section, index, key))
        elif len(loc) >= 1 and isinstance(loc[0], str) and loc[0] not in (*_ENTRY_MODELS, *_SCRIPT_SECTIONS, "map"):
            field = LevelFile.model_fields.get(loc[0])
            if field is None or not field.is_required():
                pruned.pop(loc[0], None)
            elif loc[0] in _STAND_INS:
                pruned[loc[0]] = _STAND_INS[loc[0]]
            else:
                return []
            repaired.append((loc[0],))
        else:
            return []  # the map itself, or a whole section: nothing sound to check around it
    kept: dict[str, list[int]] = {}
    dropped_ids: set[str] = set()
    for section, indices in dropped.items():
        entries = pruned[section]
        kept[section] = [k for k in range(len(entries)) if k not in indices]
        dropped_ids |= {str(entries[k].get("id")) for k in indices}
        pruned[section] = [entries[k] for k in kept[section]]
    dropped_ids |= named_by_dropped
    try:
        LevelFile.model_validate(pruned)
    except ValidationError as e:
        found = []
        for loc, message in _problems(e, pruned):
            if len(loc) >= 2 and loc[0] in kept and isinstance(loc[1], int):
                loc = (loc[0], kept[str(loc[0])][loc[1]], *loc[2:])  # back to the file's numbering
            if not loc or any(f"'{i}'" in message for i in dropped_ids):
                continue
            if any(loc[: len(r)] == r for r in repaired):
                continue
            found.append((loc, message))
        return found
    return []


def _raise_problems(name: str, found: list[tuple[Loc, str]], text: str) -> LevelFile:
    lines = TomlLines(text)
    raise LevelError(
        Problem(name, lines.line_of(loc), readable_path(loc), message) for loc, message in found
    )
