"""Value types shared by the level file models: strict, finite numbers and ids.

TOML already has real types, so nothing is coerced: a string is never read as a number and
`true` is never read as 1. An integer is accepted where a decimal number is expected. TOML also
allows `nan` and `inf`, which are refused everywhere.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AllowInfNan, BaseModel, ConfigDict, Field, Strict

Number = Annotated[float, Strict(), AllowInfNan(False)]
"""A finite decimal number; an integer is accepted, a string or a boolean is not."""

Whole = Annotated[int, Strict()]
"""An integer; a decimal number, a string or a boolean is not accepted."""

Flag = Annotated[bool, Strict()]
"""`true` or `false`; 0 and 1 are not accepted."""

Coordinate = Annotated[Number, Field(ge=-1e6, le=1e6)]
"""A coordinate in metres; the bound only keeps arithmetic finite, the map check is tighter."""

Vec2 = tuple[Coordinate, Coordinate]
"""A point `[x, y]` in metres, y pointing north."""

LevelId = Annotated[
    str,
    Strict(),
    Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
]
"""An id: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64 long."""

Label = Annotated[str, Strict(), Field(max_length=200)]
"""A short free text shown to the player."""


class FileModel(BaseModel):
    """Base of every level file model: unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(FileModel):
    """A text in Bahasa Indonesia and English."""

    id: Annotated[str, Field(min_length=1, max_length=4000)] = Field(
        description="The text in Bahasa Indonesia."
    )
    en: Annotated[str, Field(min_length=1, max_length=4000)] = Field(
        description="The text in English."
    )
