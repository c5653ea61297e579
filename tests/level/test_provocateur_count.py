"""The level check's count of provocateurs (for `arrest_provocateurs.at_least`) is the number the
world actually draws, so a level is refused exactly when its objective can never be met."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sispam.level import LevelError, load_level
from sispam.level.script_checks import _provocateurs
from sispam.sim.crowd import Crowd
from sispam.sim.scenario import Role
from sispam.sim.world import World

LEVEL = """\
schema_version = 1
id = "hitung"
seed = 3
duration_s = 60
title = { id = "Uji", en = "Test" }
briefing = { id = "Uji coba.", en = "A test." }
mood = false
[map]
size = [60, 40]
[[zones]]
id = "start"
role = "spawn"
shape = { kind = "rect", min = [0, 0], max = [30, 40] }
[[crowd]]
id = "massa"
count = COUNT
spawn = "start"
goal = { kind = "point", point = [50, 20] }
roles = ROLES
[[objectives]]
id = "tangkap"
kind = "arrest_provocateurs"
at_least = AT_LEAST
"""

GROUPS = [  # (people, roles, provocateurs by floor(share·people) with the remainder to the largest role)
    (7, "{ provokator = 0.5, massa = 0.3, pers = 0.2 }", 4),  # 3 + 2 + 1, remainder 1 to the provocateurs
    (5, "{ provokator = 0.5, massa = 0.5 }", 3),  # a tie goes to the role written first
    (5, "{ massa = 0.5, provokator = 0.5 }", 2),
    (13, "{ massa = 0.85, provokator = 0.15 }", 1),  # floor(1.95) = 1
    (9, "{ massa = 1.0 }", 0),
]


def level_text(count: int, roles: str, at_least: int) -> str:
    return LEVEL.replace("COUNT", str(count)).replace("ROLES", roles).replace("AT_LEAST", str(at_least))


@pytest.mark.parametrize(("count", "roles", "expected"), GROUPS)
def test_the_check_counts_the_provocateurs_the_world_draws(tmp_path: Path, count: int, roles: str,
                                                           expected: int) -> None:
    path = tmp_path / "hitung.toml"
    path.write_text(level_text(count, roles, 1).replace("[[objectives]]", "[[x]]").split("[[x]]")[0],
                    encoding="utf-8")
    scenario = load_level(path)
    world = World(scenario)
    drawn = int(np.sum(world.crowd.role[:count] == Crowd.ROLES.index(Role.PROVOKATOR)))
    assert drawn == expected
    assert _provocateurs(count, dict(scenario.crowd[0].roles)) == drawn

    if drawn:  # exactly as many as drawn may be asked for, one more is refused
        path.write_text(level_text(count, roles, drawn), encoding="utf-8")
        assert load_level(path).objectives[0].at_least == drawn
    path.write_text(level_text(count, roles, drawn + 1), encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    (problem,) = caught.value.problems
    assert problem.where == "objectives[0].at_least" and f"holds only {drawn}" in problem.message
