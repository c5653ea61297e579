"""The researcher's API: load a level, build its world, step it, read the people, give orders.

Everything here is re-exported by the package (`import sispam; sispam.World`), which imports
this module only when one of these names is first used: `import sispam` alone stays cheap.
Neither module imports pygame or the user interface. See docs/api.md.

    import sispam

    scenario = sispam.load_level("kpu_sispamkota")  # a shipped level's name, or a file
    world = sispam.World(scenario, seed=1)
    world.run_until(30.0)
    world.give(sispam.Order(t=world.t, unit="dalmas-awal-1", kind=sispam.OrderKind.BRACE))
    world.run_until(60.0)
    on_map = world.positions[world.states == sispam.BodyState.ACTIVE]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sispam import level as _level
from sispam.level import LevelError, Problem
from sispam.resources import shipped_level, shipped_plan
from sispam.sim.bodies import BodyKind, BodyState
from sispam.sim.police.command import Issued, OrderRefused
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, Scenario
from sispam.sim.world import World


def _file_or_shipped(given: str | os.PathLike[str],
                     shipped: Callable[[str], Path | None]) -> str | os.PathLike[str]:
    """`given` if it is a file, else the shipped file of that name if there is one, else `given`
    (whose loader then reports it missing)."""
    if Path(given).is_file():
        return given
    found = shipped(os.fspath(given))
    return given if found is None else found


def load_level(level: str | os.PathLike[str]) -> Scenario:
    """Load and check a level: a TOML file, or the name of a level shipped with the game
    (`"campaign_1_hijau"`, `"kpu_sispamkota"`), as `game.py run` takes them.

    Raises:
        LevelError: as `sispam.level.load_level` (missing, unreadable, not a valid level), with
            every problem and its file line.
    """
    return _level.load_level(_file_or_shipped(level, shipped_level))


def load_plan(plan: str | os.PathLike[str], scenario: Scenario) -> list[Order]:
    """The orders of an order plan for `scenario`, sorted by time: a file, or the name of a shipped
    level whose reference plan is meant (`"campaign_4_batu_ban"`).

    Raises:
        LevelError: as `sispam.level.load_plan`.
    """
    return _level.load_plan(_file_or_shipped(plan, shipped_plan), scenario)


__all__ = [
    "BodyKind",
    "BodyState",
    "Formation",
    "Issued",
    "LevelError",
    "Order",
    "OrderKind",
    "OrderRefused",
    "Problem",
    "Scenario",
    "World",
    "load_level",
    "load_plan",
]
