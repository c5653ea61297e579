"""A crowd gathered on a square, for the orders that act on people (arrest, evacuate,
negotiate, appeal, disperse): `people` stand around the square's centre, police units wait on
its west side, an exit lies along the east edge and an ambulance point in the south-west."""

from __future__ import annotations

from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    PoliceUnit,
    Rect,
    Role,
    Scenario,
    Text,
    UnitType,
    Zone,
    ZoneRole,
)

SIZE_M = 40.0
CENTRE = (24.0, 20.0)


def gathering(*, people: int, units: tuple[PoliceUnit, ...], agitation: float = 0.2, seed: int = 3,
              roles: tuple[tuple[Role, float], ...] = ((Role.MASSA, 0.9), (Role.PROVOKATOR, 0.05),
                                                       (Role.KORLAP, 0.05)),
              exit_zone: bool = True) -> Scenario:
    """The square with `people` gathered around `CENTRE` and the given units."""
    zones = [
        Zone("square", ZoneRole.SPAWN, Rect((CENTRE[0] - 6, CENTRE[1] - 6), (CENTRE[0] + 6, CENTRE[1] + 6))),
        Zone("ambulans", ZoneRole.AMBULANCE, Rect((1.0, 1.0), (5.0, 5.0))),
    ]
    if exit_zone:
        zones.append(Zone("jalan", ZoneRole.EXIT, Rect((SIZE_M - 2.0, 0.5), (SIZE_M - 0.5, SIZE_M - 0.5))))
    return Scenario(
        mood=False,  # physics fixture: agitation stays as set
        id="square", title=Text("Alun-alun", "Square"), briefing=Text("", ""),
        size=(SIZE_M, SIZE_M), seed=seed, duration_s=600.0, zones=tuple(zones),
        crowd=(CrowdGroup("massa", people, "square", roles, Goal(GoalKind.POINT, point=CENTRE),
                          speed_sd_mps=0.1, agitation=agitation),),
        units=units,
    )


def unit(uid: str, kind: UnitType, officers: int, x: float = 6.0, y: float = 20.0,
         formation: Formation = Formation.BANJAR_3) -> PoliceUnit:
    """A unit standing on the square's west side, facing east."""
    return PoliceUnit(uid, kind, officers, formation, (x, y), 0.0)
