"""JSON that every reader accepts: Python writes a float that is not finite as `NaN` or
`Infinity`, which is not JSON (browsers, spreadsheets and other tools refuse the file). Before a
file is written, such a value becomes `null`, which says "no value"."""

from __future__ import annotations

import math
from typing import Any


def finite(value: Any) -> Any:
    """`value` with every float that is not finite (at any depth of dicts, lists and tuples)
    replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


# Reading JSON of unknown shape (an edited replay's report): each value as what the reader
# expects, else a harmless default.


def number(value: Any, default: float = 0.0) -> float:
    """`value` if it is a real number below 1e12 in size (not true/false, not NaN), else `default`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value) if abs(value) < 1e12 else default


def as_dict(value: Any) -> dict[str, Any]:
    """`value` if it is a dict, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """`value` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []
