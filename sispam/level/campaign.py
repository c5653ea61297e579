"""Campaign manifests: the ordered list of level files a campaign plays through.

A manifest is a small TOML file that lives in the levels folder, next to its levels:

    schema_version = 1
    [[levels]]
    file = "campaign_1_hijau.toml"

Each `file` is a path relative to the manifest's folder. Like a level file, a manifest is read
as bytes, parsed and validated, never executed; every problem is reported at once as a
`LevelError` of `Problem(file, line, where, message)`. The levels themselves are not loaded
here (`load_level` does that when one is played), only found.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import Field, ValidationError

from sispam.level.errors import LevelError, Problem
from sispam.level.fieldtypes import FileModel, Whole
from sispam.level.load import is_manifest, parse_toml, read_level_text
from sispam.level.locate import Loc, TomlLines, file_path, readable_path
from sispam.level.messages import describe

CAMPAIGN_SCHEMA_VERSION = 1
MAX_CAMPAIGN_LEVELS = 100  # far more than any campaign; keeps a broken file from listing thousands


class CampaignLevelFile(FileModel):
    """One `[[levels]]` entry: a level of the campaign, in playing order."""

    file: Annotated[str, Field(min_length=1, max_length=255)] = Field(
        description="The level file, relative to the manifest's folder, e.g. \"campaign_1_hijau.toml\"."
    )


class CampaignFile(FileModel):
    """A whole campaign manifest (schema_version 1)."""

    schema_version: Whole = Field(description=f"Version of this file format; must be {CAMPAIGN_SCHEMA_VERSION}.")
    levels: list[CampaignLevelFile] = Field(
        min_length=1, max_length=MAX_CAMPAIGN_LEVELS,
        description=f"The levels in playing order, 1 to {MAX_CAMPAIGN_LEVELS}.",
    )


def load_campaign(path: str | os.PathLike[str]) -> list[Path]:
    """The level files of a campaign manifest, in playing order.

    Args:
        path: the manifest (TOML), in the folder that holds its levels.

    Returns:
        The path of each level, the manifest's folder joined with its `file`.

    Raises:
        LevelError: the manifest is unusable, or a level is missing, outside the manifest's
            folder, not a .toml file, or listed twice; `problems` lists everything, with lines.
    """
    name = os.fspath(path)
    text = read_level_text(Path(path), name, "campaign manifest", ".toml campaign manifest")
    data = parse_toml(text, name)
    lines = TomlLines(text)
    found = _manifest_problems(data)
    levels: list[Path] = []
    if not found:
        folder = Path(path).parent
        seen: dict[Path, int] = {}
        for i, entry in enumerate(data["levels"]):
            level, problem = _level_path(folder, entry["file"], seen, i)
            if problem is not None:
                found.append((("levels", i, "file"), problem))
            elif level is not None:
                levels.append(level)
    if found:
        raise LevelError(Problem(name, lines.line_of(loc), readable_path(loc) if loc else "campaign", message)
                         for loc, message in found)
    return levels


def is_campaign_manifest(path: str | os.PathLike[str]) -> bool:
    """Whether `path` reads as a campaign manifest (a `levels` list and no level `id`), so that
    `game.py check levels/*.toml` can check it as one; an unreadable file is left to the caller."""
    try:
        data = parse_toml(read_level_text(Path(path), os.fspath(path)), os.fspath(path))
    except LevelError:
        return False
    return is_manifest(data)


def _manifest_problems(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != CAMPAIGN_SCHEMA_VERSION:
        return [(("schema_version",), f"schema_version {version} is not supported; this version of Sispam "
                                       f"reads campaign manifests of schema_version {CAMPAIGN_SCHEMA_VERSION}")]
    try:
        CampaignFile.model_validate(data)
    except ValidationError as e:
        return [(file_path(tuple(item["loc"]), data), describe(item, CampaignFile))
                for item in e.errors(include_url=False)]
    return []


def _level_path(folder: Path, file: str, seen: dict[Path, int], index: int) -> tuple[Path | None, str | None]:
    """The level's path, or why it cannot be used; `seen` maps resolved paths to their entry."""
    relative = PurePosixPath(file.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or (relative.parts and ":" in relative.parts[0]):
        return None, f"'{file}' is outside the levels folder; give a path relative to the manifest's folder"
    if relative.suffix.lower() != ".toml":
        return None, f"'{file}' is not a .toml level file"
    level = folder / Path(*relative.parts)
    try:
        resolved = level.resolve()
        inside = resolved.is_relative_to(folder.resolve())
    except OSError as e:
        return None, f"cannot read '{file}': {e.strerror or e}"
    if not inside:
        return None, f"'{file}' leads outside the levels folder (through a link)"
    if not level.is_file():
        return None, f"no such level file '{file}' in {folder}"
    if resolved in seen:
        return None, f"'{file}' is listed twice (already levels[{seen[resolved]}])"
    if is_campaign_manifest(level):  # itself, or another campaign's list
        return None, f"'{file}' is a campaign's list of levels, not a level"
    seen[resolved] = index
    return level, None
