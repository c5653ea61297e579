"""The files Sispam ships inside its package, in `sispam/data/`: the levels with the campaign
manifest and the level schema (`levels/`), their order plans (`levels/plans/`) and the sounds
(`sounds/`). Everyone finds them here, through `importlib.resources`, so that an installed
wheel or a bundle finds them as a checkout does.

This module imports nothing of sispam: every layer, the simulation too, may use it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

LEVEL_SUFFIX = ".toml"


@cache
def data_dir() -> Path:
    """The folder of the shipped files, as a real folder on disk.

    Installed from a wheel, in a checkout or in a one-folder bundle the package's files are
    files on disk and this is their folder. Imported from a zip (a zipapp), they are copied
    once into a temporary folder that is removed when the process ends: levels name pictures
    beside them and pygame opens sounds by path, so a real folder is what every reader needs.
    """
    root = files("sispam") / "data"
    if isinstance(root, Path):
        return root
    copy = Path(tempfile.mkdtemp(prefix="sispam-data-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    _copy_tree(root, copy)
    return copy


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir():
            _copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


def levels_dir() -> Path:
    """The shipped levels: the campaign's, the KPU level, `campaign.toml` and `level.schema.json`."""
    return data_dir() / "levels"


def plans_dir() -> Path:
    """The shipped order plans: `plans/<level id>.toml` is a level's reference plan."""
    return levels_dir() / "plans"


def sounds_dir() -> Path:
    """The game's sounds (16-bit mono WAV files)."""
    return data_dir() / "sounds"


def campaign_file() -> Path:
    """The campaign manifest: the campaign's levels in their order."""
    return levels_dir() / "campaign.toml"


def shipped_level(name: str) -> Path | None:
    """The shipped level called `name` (`campaign_1_hijau` or `campaign_1_hijau.toml`), else None."""
    return _shipped(levels_dir(), name)


def shipped_plan(name: str) -> Path | None:
    """The shipped order plan called `name` (a level's id, with or without `.toml`), else None."""
    return _shipped(plans_dir(), name)


def shipped_level_names() -> list[str]:
    """The names of the shipped levels (their files without `.toml`; not the campaign manifest,
    which lists levels and is none itself)."""
    return sorted(p.stem for p in levels_dir().glob(f"*{LEVEL_SUFFIX}") if p != campaign_file())


def shipped_plan_names() -> list[str]:
    """The names of the shipped order plans (without `.toml`): the levels they are for."""
    return sorted(p.stem for p in plans_dir().glob(f"*{LEVEL_SUFFIX}"))


def _shipped(folder: Path, name: str) -> Path | None:
    """`folder/name[.toml]` if `name` is a bare file name there (never a path leading elsewhere)."""
    if not name or Path(name).name != name or name in (".", ".."):
        return None
    path = folder / (name if name.endswith(LEVEL_SUFFIX) else name + LEVEL_SUFFIX)
    return path if path.is_file() else None
