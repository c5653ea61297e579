"""Level files and order plans: the pydantic file models, loading with line-accurate errors,
and building a `sispam.sim.scenario.Scenario` (or a list of orders) from a file. Never imports
pygame.
"""

from sispam.level.errors import LevelError, Problem
from sispam.level.load import load_level
from sispam.level.plan import load_plan
from sispam.level.schema import level_json_schema

__all__ = ["LevelError", "Problem", "level_json_schema", "load_level", "load_plan"]
