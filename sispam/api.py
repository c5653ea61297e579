"""The researcher's API: load a level, build its world, step it, read the people, give orders.

Everything here is re-exported by the package (`import sispam; sispam.World`), which imports
this module only when one of these names is first used: `import sispam` alone stays cheap.
Neither module imports pygame or the user interface. See docs/api.md.

    import sispam

    scenario = sispam.load_level("levels/kpu_sispamkota.toml")
    world = sispam.World(scenario, seed=1)
    world.run_until(30.0)
    world.give(sispam.Order(t=world.t, unit="dalmas-awal-1", kind=sispam.OrderKind.BRACE))
    world.run_until(60.0)
    on_map = world.positions[world.states == sispam.BodyState.ACTIVE]
"""

from __future__ import annotations

from sispam.level import LevelError, Problem, load_level, load_plan
from sispam.sim.bodies import BodyKind, BodyState
from sispam.sim.police.command import Issued, OrderRefused
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, Scenario
from sispam.sim.world import World

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
