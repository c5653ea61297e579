"""What goes wrong in a level file, said so an instructor can fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sispam.textsafe import printable


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a level file.

    Attributes:
        file: the path as given to the loader.
        line: 1-based line in the file; 0 when the problem is about the file as a whole.
        where: a readable path to the value, e.g. `crowd[2].count`; `file` for problems with
            the file itself, `syntax` for TOML syntax errors, `level` for the level as a whole.
        message: what is wrong, in plain words.
    """

    file: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.file}{self.at}: {self.where}: {self.message}")

    @property
    def at(self) -> str:
        """`:line` after the file's name, or nothing for a problem with the file as a whole."""
        return f":{self.line}" if self.line else ""


class LevelError(Exception):
    """A level file that cannot be used. `problems` lists everything found, in line order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems, key=lambda p: p.line)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
