"""Level files: the pydantic file model, loading with line-accurate errors, and building a
`sispam.sim.scenario.Scenario` from a file. Never imports pygame.
"""

from sispam.level.errors import LevelError, Problem
from sispam.level.load import load_level
from sispam.level.schema import level_json_schema

__all__ = ["LevelError", "Problem", "level_json_schema", "load_level"]
