"""Small scenarios built in code for simulation tests (the level files in tests/levels are for
tests that should read like an instructor's level)."""

from __future__ import annotations

from sispam.sim.scenario import (
    CrowdGroup, Formation, Goal, GoalKind, Obstacle, ObstacleKind, PoliceUnit, Rect, Role,
    Scenario, Text, UnitType, Zone, ZoneRole,
)


def push_against_line(*, people: int, agitation: float, speed_mps: float = 1.34, seed: int = 5,
                      width_m: float = 8.0, officers: bool = True,
                      unit_type: UnitType = UnitType.DALMAS_LANJUT, ranks: int = 2) -> Scenario:
    """A street `width_m` wide, walled on both sides: `people` start in its south part and head
    for a protected zone in the north, behind a two-rank line of Dalmas Lanjut across it."""
    length = 40.0
    line_y = 26.0
    units = ()
    if officers:
        per_rank = int(width_m / 0.6)
        units = (PoliceUnit("line", unit_type, ranks * per_rank, Formation.BERSAF,
                            (width_m / 2 + 1.0, line_y), -90.0, width_m - 0.6, ranks),)
    return Scenario(
        id="push", title=Text("Dorong", "Push"), briefing=Text("", ""),
        size=(width_m + 2.0, length), seed=seed, duration_s=600.0,
        obstacles=(
            Obstacle("west", ObstacleKind.WALL, Rect((0.0, 0.0), (1.0, length))),
            Obstacle("east", ObstacleKind.WALL, Rect((width_m + 1.0, 0.0), (width_m + 2.0, length))),
        ),
        zones=(
            Zone("start", ZoneRole.SPAWN, Rect((1.3, 1.0), (width_m + 0.7, 22.0))),
            Zone("kpu", ZoneRole.PROTECTED, Rect((1.0, 32.0), (width_m + 1.0, length))),
        ),
        crowd=(CrowdGroup("massa", people, "start", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="kpu"),
                          speed_mean_mps=speed_mps, speed_sd_mps=0.1, agitation=agitation),),
        units=units,
    )
