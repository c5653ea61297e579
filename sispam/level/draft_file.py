"""The files of the level editor: a level `foo.toml` and its draft `foo.draft.toml`, and
what `load_level` would say of a text saved as one.

A draft is a level that is not valid yet, kept beside the level file (never over it) and marked
so: its first line says it is a draft and how many problems it has, and one comment line a
problem follows, each as `game.py check` would print it for the draft file.
"""

from __future__ import annotations

import os
from pathlib import Path

from sispam.level.errors import LevelError, Problem
from sispam.level.limits import MAX_FILE_BYTES
from sispam.level.load import asset_problems, manifest_problem, parse_toml, validate_level
from sispam.level.schema import LevelFile

SUFFIX = ".toml"
DRAFT_SUFFIX = ".draft.toml"
MARK = "# DRAFT"
"""The marker's first line starts so; it and the `#   ` lines right after it are the marker."""
MARK_DETAIL = "#   "
MAX_MARKED_PROBLEMS = 20


def draft_path(path: Path) -> Path:
    """`levels/foo.toml` -> `levels/foo.draft.toml` (a draft path stays as it is)."""
    if path.name.endswith(DRAFT_SUFFIX):
        return path
    stem = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
    return path.with_name(stem + DRAFT_SUFFIX)


def level_path(path: Path) -> Path:
    """`levels/foo.draft.toml` -> `levels/foo.toml` (a level path stays as it is)."""
    if path.name.endswith(DRAFT_SUFFIX):
        return path.with_name(path.name[: -len(DRAFT_SUFFIX)] + SUFFIX)
    return path


def marked(text: str, problems: list[Problem], path: Path) -> str:
    """`text` as the draft file `path`: the marker, then the text. The marker names each problem
    (at most 20) with its line in that file."""
    if not problems:
        head = [f"{MARK} of a valid level, not saved as the level yet. Open it in the editor "
                f"(game.py edit {path}) to save it."]
    else:
        count = f"{len(problems)} problem{'s' * (len(problems) != 1)}"
        head = [f"{MARK}, not a valid level yet: {count}. Open it in the editor "
                f"(game.py edit {path}) to finish it."]
    shown = problems[:MAX_MARKED_PROBLEMS]
    more = len(problems) - len(shown)
    shift = 1 + len(shown) + (more > 0)
    for p in shown:
        line = p.line + shift if p.line else 0
        message = " ".join(p.message.splitlines())
        head.append(f"{MARK_DETAIL}{path}:{line}: {p.where}: {message}")
    if more:
        head.append(f"{MARK_DETAIL}... and {more} more")
    return "\n".join(head) + "\n" + text


def without_marker(text: str) -> tuple[str, int]:
    """The text with a draft marker taken off its top, and how many lines that was."""
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].startswith(MARK):
        return text, 0
    end = 1
    while end < len(lines) and lines[end].startswith(MARK_DETAIL):
        end += 1
    return "".join(lines[end:]), end


def text_problems(text: str, name: str) -> list[Problem]:
    """What `load.read_level_text` refuses in a file's text: too large, or empty."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return [Problem(name, 0, "file", f"file is {size / 1024 / 1024:.1f} MB; a level file may be at "
                        f"most {MAX_FILE_BYTES // 1024 // 1024} MB")]
    if not text.strip():
        return [Problem(name, 0, "file", "file is empty")]
    return []


def folder(path: Path) -> Path:
    """The folder a level file's pictures are looked for in, as `load_level` finds it."""
    return Path(os.path.abspath(path)).parent


def level_problems(text: str, name: str, path: Path | None) -> tuple[list[Problem], LevelFile | None]:
    """What `load_level` finds in a level file's text: its problems in line order, or the
    validated level. The pictures it names are looked for beside `path`; without a path (a
    level not saved yet) they are not looked for."""
    found = text_problems(text, name)
    if found:
        return found, None
    try:
        data = parse_toml(text, name)
    except LevelError as e:
        return e.problems, None
    manifest = manifest_problem(data, text, name)
    if manifest is not None:
        return [manifest], None
    assets = [] if path is None else asset_problems(data, text, name, folder(path))
    try:
        level = validate_level(data, text, name)
    except LevelError as e:
        return LevelError([*e.problems, *assets]).problems, None
    return (LevelError(assets).problems, None) if assets else ([], level)
