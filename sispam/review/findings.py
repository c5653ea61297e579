"""A debrief's unit of text: a catalogue key and the values to fill it with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the debrief, said in the reader's language by `sispam.ui.describe`."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    t: float | None = None  # the moment it is about, if one: the debrief jumps the replay there
