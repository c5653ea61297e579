"""Sispam: a Sispamkota crowd-control training game (simulation, levels, user interface).

The researcher's API (`sispam.load_level`, `sispam.World`, `sispam.Order`, ...; docs/api.md)
lives in `sispam.api` and is imported on first use of one of its names, so `import sispam`
alone loads neither the simulation nor pygame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sispam.api import (
        BodyKind,
        BodyState,
        Formation,
        Issued,
        LevelError,
        Order,
        OrderKind,
        OrderRefused,
        Problem,
        Scenario,
        World,
        load_level,
        load_plan,
    )

__all__ = ["__version__", "BodyKind", "BodyState", "Formation", "Issued", "LevelError", "Order", "OrderKind",
           "OrderRefused", "Problem", "Scenario", "World", "load_level", "load_plan"]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    """A name of the researcher's API, imported from `sispam.api` when first asked for."""
    if name in _API:
        from sispam import api

        return getattr(api, name)
    raise AttributeError(f"module 'sispam' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
