"""Small scenarios built in code for simulation tests (the level files in tests/levels are for
tests that should read like an instructor's level)."""

from __future__ import annotations

from dataclasses import replace

from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    Obstacle,
    ObstacleKind,
    PoliceUnit,
    Rect,
    Role,
    Scenario,
    Text,
    UnitType,
    Zone,
    ZoneRole,
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
        mood=False,  # physics fixture: agitation stays as set
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


def cordon_across_street(*, people: int, agitation: float, formation: Formation, officers: int,
                         unit_type: UnitType = UnitType.DALMAS_AWAL, seed: int = 5) -> Scenario:
    """`push_against_line`'s 8 m street, held by a single line of `officers` in `formation`
    spread over the street's width (a rope lets them stand 2-3 m apart)."""
    scn = push_against_line(people=people, agitation=agitation, seed=seed, officers=False)
    unit = PoliceUnit("line", unit_type, officers, formation, (5.0, 26.0), -90.0, 7.4, 1)
    return replace(scn, units=(unit,))


def handover_under_pressure(*, people: int, agitation: float, front: UnitType, relief: UnitType,
                            front_ranks: int = 2, seed: int = 5) -> Scenario:
    """An 8 m street (x 8-16) walled up to y = 27 that opens into a square 24 m wide. `people`
    start in the street and head for the protected zone beyond y = 34; a line of `front`
    ("front", `front_ranks` ranks) holds the street at y = 26 facing south, and a unit of
    `relief` ("relief", two ranks) waits in the square at (20, 38), away from the street."""
    width, length = 24.0, 50.0
    per_rank = 13
    units = (
        PoliceUnit("front", front, front_ranks * per_rank, Formation.BERSAF, (12.0, 26.0), -90.0, 7.0,
                   front_ranks),
        PoliceUnit("relief", relief, 2 * per_rank, Formation.BERSAF, (20.0, 38.0), -90.0, 7.0, 2),
    )
    return Scenario(
        mood=False,  # physics fixture: agitation stays as set
        id="handover", title=Text("Lapis ganti", "Hand-over"), briefing=Text("", ""),
        size=(width, length), seed=seed, duration_s=600.0,
        obstacles=(
            Obstacle("west", ObstacleKind.WALL, Rect((7.0, 0.0), (8.0, 27.0))),
            Obstacle("east", ObstacleKind.WALL, Rect((16.0, 0.0), (17.0, 27.0))),
        ),
        zones=(
            Zone("start", ZoneRole.SPAWN, Rect((8.3, 1.0), (15.7, 22.0))),
            Zone("kpu", ZoneRole.PROTECTED, Rect((0.0, 34.0), (width, length))),
        ),
        crowd=(CrowdGroup("massa", people, "start", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="kpu"),
                          speed_mean_mps=1.34, speed_sd_mps=0.1, agitation=agitation),),
        units=units,
    )
