"""Small open squares built in code for the riot tests (projectiles, fires, shops, hostages).

Every builder sets `mood=False`: the tests set `world.crowd.agitation` themselves and nothing
else changes it.
"""

from __future__ import annotations

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

Roles = tuple[tuple[Role, float], ...]
RIOTERS: Roles = ((Role.PERUSUH, 0.5), (Role.PROVOKATOR, 0.5))


def riot_square(*, people: int = 20, centre: tuple[float, float] = (20.0, 18.0), patch_m: float = 4.0,
                roles: Roles = RIOTERS, units: tuple[PoliceUnit, ...] = (),
                obstacles: tuple[Obstacle, ...] = (), size: tuple[float, float] = (40.0, 50.0),
                seed: int = 7) -> Scenario:
    """An open square; one group of `people` appears in a `patch_m` square patch round `centre`
    and stands there (a point goal at the centre)."""
    half = patch_m / 2
    x, y = centre
    return Scenario(
        mood=False,
        id="riot", title=Text("Rusuh", "Riot"), briefing=Text("", ""), size=size, seed=seed, duration_s=600.0,
        obstacles=obstacles,
        zones=(Zone("spawn", ZoneRole.SPAWN, Rect((x - half, y - half), (x + half, y + half))),),
        crowd=(CrowdGroup("massa", people, "spawn", roles, Goal(GoalKind.POINT, point=centre), speed_sd_mps=0.1),),
        units=units,
    )


def line_facing_group(unit_type: UnitType, *, gap_m: float = 12.0, people: int = 20, seed: int = 7) -> Scenario:
    """A two-rank line of `unit_type` across the square at y = 30 facing south, and a group
    standing `gap_m` south of it."""
    line = PoliceUnit("line", unit_type, 24, Formation.BERSAF, (20.0, 30.0), -90.0, 7.0, 2)
    return riot_square(people=people, centre=(20.0, 30.0 - gap_m), units=(line,), seed=seed)


def shop(x0: float, y0: float, x1: float, y1: float, id_: str = "toko") -> Obstacle:
    """A shop occupying the rectangle."""
    return Obstacle(id_, ObstacleKind.SHOP, Rect((x0, y0), (x1, y1)))


def building(x0: float, y0: float, x1: float, y1: float, id_: str = "gedung") -> Obstacle:
    """A building occupying the rectangle."""
    return Obstacle(id_, ObstacleKind.BUILDING, Rect((x0, y0), (x1, y1)))
