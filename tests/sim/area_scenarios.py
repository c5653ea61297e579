"""Open squares built in code for the tests of the area orders (water cannon, tear gas, fires)."""

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


def square(*, groups: tuple[tuple[str, int, tuple[float, float]], ...] = (),
           units: tuple[tuple[str, UnitType, int, tuple[float, float], float], ...] = (),
           walls: tuple[Rect, ...] = (), size: tuple[float, float] = (50.0, 60.0),
           wind_mps: tuple[float, float] = (0.0, 0.0), seed: int = 3, patch_m: float = 3.0) -> Scenario:
    """An open square. Each group (id, people, centre) appears in a `patch_m` square patch around its
    centre and stands there (a point goal at the centre); each unit (id, type, officers,
    position, facing) stands in a line; each wall is a solid rectangle."""
    zones, crowd = [], []
    for gid, count, (x, y) in groups:
        half = patch_m / 2
        zones.append(Zone(f"spawn-{gid}", ZoneRole.SPAWN, Rect((x - half, y - half), (x + half, y + half))))
        crowd.append(CrowdGroup(gid, count, f"spawn-{gid}", ((Role.MASSA, 1.0),), Goal(GoalKind.POINT, point=(x, y)),
                                speed_sd_mps=0.1))
    police = tuple(PoliceUnit(uid, utype, n, Formation.BERSAF, pos, facing) for uid, utype, n, pos, facing in units)
    return Scenario(
        mood=False,  # physics fixture: agitation stays as set
        id="square", title=Text("Lapangan", "Square"), briefing=Text("", ""), size=size, seed=seed,
        duration_s=600.0,
        obstacles=tuple(Obstacle(f"wall-{k}", ObstacleKind.WALL, r) for k, r in enumerate(walls)),
        zones=tuple(zones), crowd=tuple(crowd), units=police, wind_mps=wind_mps,
    )
