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
