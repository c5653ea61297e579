"""How far the player has come through the campaign, kept in `campaign_progress.json` in the
per-user data folder (`sispam.userdata.data_dir`).

For each level, keyed by its file's stem (`campaign_1_hijau`): whether it has ever been won, the
best score (0-100) over every run, won or not, and the number of attempts. Level k of the
campaign is unlocked once level k-1 has been won; the first is always open.

The file looks like this; a damaged entry is dropped with a problem line naming the file, the
level and the field, and the rest is kept:

    {"schema_version": 1,
     "levels": {"campaign_1_hijau": {"won": true, "best_score": 82, "attempts": 3}}}
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from pathlib import Path

from sispam.atomic import OutputError
from sispam.userdata import data_dir, kind_of, read_json, shown, write_json

FILE_NAME = "campaign_progress.json"
SCHEMA_VERSION = 1
# The outcomes of a run, as `sispam.sim.objectives.Objectives.outcome` names them.
OUTCOMES = ("won", "lost", "incomplete")


@dataclass(slots=True)
class LevelProgress:
    """One level's record: ever won, best score over all runs (None before the first), attempts."""

    won: bool = False
    best_score: int | None = None
    attempts: int = 0


def progress_path() -> Path:
    """Where the progress lives: `campaign_progress.json` in the per-user data folder."""
    return data_dir(create=False) / FILE_NAME


class CampaignProgress:
    """The player's record for each campaign level, read from and saved to the data folder."""

    def __init__(self, levels: dict[str, LevelProgress] | None = None) -> None:
        self._levels: dict[str, LevelProgress] = dict(levels or {})

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[CampaignProgress, list[str]]:
        """The saved progress and the problems found in the file.

        A missing file is a fresh start with no problems. Never raises for a bad file: what
        cannot be used is left out and reported, one line per problem, naming the file.

        Args:
            path: the progress file; `progress_path()` if None.
        """
        try:
            path = path if path is not None else progress_path()
        except OutputError as e:  # no home folder to keep it in
            return cls(), [f"{e}; starting with no progress"]
        data, problems = read_json(path)
        if data is None:
            if problems:
                problems[-1] += "; starting with no progress"
            return cls(), problems
        if not isinstance(data, dict):
            return cls(), [f"{path}: must be a JSON object, not {kind_of(data)}; starting with no progress"]
        version = data.get("schema_version")
        if version != SCHEMA_VERSION or isinstance(version, bool):
            return cls(), [(f"{path}: schema_version: must be {SCHEMA_VERSION}, not {shown(version)}; "
                            f"starting with no progress")]
        for key in sorted(data.keys() - {"schema_version", "levels"}):
            problems.append(f"{path}: {shown(key)}: unknown field, ignored")
        entries = data.get("levels", {})
        if not isinstance(entries, dict):
            problems.append(f"{path}: levels: must be an object of levels, not {kind_of(entries)}; "
                            f"starting with no progress")
            return cls(), problems
        levels: dict[str, LevelProgress] = {}
        for key, entry in entries.items():
            try:
                levels[key] = _entry(entry, path, key, problems)
            except _BadEntry as e:
                problems.append(f"{path}: levels.{key}{e}; entry dropped")
        return cls(levels), problems

    def save(self, path: Path | None = None) -> None:
        """Write the progress to `path` (`progress_path()` if None) atomically, making its folder.

        Raises:
            sispam.atomic.OutputError: the file cannot be written; the message names it and why.
        """
        path = path if path is not None else progress_path()
        levels = {key: {"won": p.won, "best_score": p.best_score, "attempts": p.attempts}
                  for key, p in sorted(self._levels.items())}
        write_json(path, {"schema_version": SCHEMA_VERSION, "levels": levels})

    def record(self, level_key: str, outcome: str, score: int) -> None:
        """Count one finished run of a level.

        Args:
            level_key: the level file's stem, e.g. "campaign_1_hijau".
            outcome: "won", "lost" or "incomplete"; once won, a level stays won.
            score: the run's total score, a whole number from 0 to 100; the best over all runs
                is kept.

        Raises:
            ValueError: an empty key, an unknown outcome or a score out of range.
        """
        if not isinstance(level_key, str) or not level_key:
            raise ValueError(f"level key must be a non-empty string, not {level_key!r}")
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
        if isinstance(score, bool) or not isinstance(score, Integral) or not 0 <= score <= 100:
            raise ValueError(f"score must be a whole number from 0 to 100, not {score!r}")
        score = int(score)
        level = self._levels.setdefault(level_key, LevelProgress())
        level.attempts += 1
        level.won = level.won or outcome == "won"
        level.best_score = score if level.best_score is None else max(level.best_score, score)

    def won(self, level_key: str) -> bool:
        """Whether the level has ever been won."""
        level = self._levels.get(level_key)
        return level is not None and level.won

    def best(self, level_key: str) -> int | None:
        """The best score over every run of the level, or None if it was never played."""
        level = self._levels.get(level_key)
        return level.best_score if level is not None else None

    def attempts(self, level_key: str) -> int:
        """How many runs of the level have been finished (won, lost or left incomplete)."""
        level = self._levels.get(level_key)
        return level.attempts if level is not None else 0

    def unlocked(self, level_keys: list[str]) -> list[bool]:
        """For the campaign's levels in playing order, which can be opened: the first always,
        each later one once the one before it has been won."""
        return [i == 0 or self.won(level_keys[i - 1]) for i in range(len(level_keys))]


class _BadEntry(Exception):
    """A level's record in the file that cannot be used: ".field: what it must be"."""


def _entry(entry: object, path: Path, key: str, problems: list[str]) -> LevelProgress:
    """One level's record from the file; raises _BadEntry if it cannot be used."""
    if not key:
        raise _BadEntry(": the level name must not be empty")
    if not isinstance(entry, dict):
        raise _BadEntry(f": must be an object with won, best_score and attempts, not {kind_of(entry)}")
    for name in sorted(entry.keys() - {"won", "best_score", "attempts"}):
        problems.append(f"{path}: levels.{key}.{shown(name)}: unknown field, ignored")
    won, best, attempts = entry.get("won"), entry.get("best_score"), entry.get("attempts")
    if not isinstance(won, bool):
        raise _BadEntry(f".won: must be true or false, not {shown(won)}")
    if best is not None and (not _whole(best) or not 0 <= best <= 100):
        raise _BadEntry(f".best_score: must be a whole number from 0 to 100 or null, not {shown(best)}")
    if not _whole(attempts) or attempts < 0:
        raise _BadEntry(f".attempts: must be a whole number from 0 up, not {shown(attempts)}")
    if attempts == 0 and (won or best is not None):
        raise _BadEntry(".attempts: must be at least 1 for a level that was won or scored, not 0")
    return LevelProgress(won=won, best_score=best, attempts=attempts)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
