"""A protest in front of a guarded gate, for the mood model: `people` march from the west end
of a street to rally in front of a police line that closes the gate of a protected yard at
the east end. Provocateurs (a separate group) walk in with them. The line, a negotiator team,
a snatch team and a water cannon wait at the gate unless `police` is False."""

from __future__ import annotations

from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    Obstacle,
    ObstacleKind,
    PoliceUnit,
    Polyline,
    Rect,
    Role,
    Scenario,
    Text,
    UnitType,
    Zone,
    ZoneRole,
)

LENGTH_M, WIDTH_M = 70.0, 24.0
RALLY = (52.0, 12.0)  # in front of the line, where the crowd presses


def protest(*, people: int = 240, provocateurs: int = 6, legitimacy: float = 0.6, hardship: float = 0.6,
            police: bool = True, seed: int = 11, agitation: float = 0.2, rioters: float = 0.0,
            storm: bool = False) -> Scenario:
    """The street with the crowd, its provocateurs and (if `police`) the units at the gate.
    `rioters`: the share of perusuh among the marchers; `storm`: they make for the protected
    yard behind the line (else they rally in front of it)."""
    roles = ((Role.MASSA, 0.92 - rioters), (Role.KORLAP, 0.03), (Role.SIMPATISAN, 0.05))
    if rioters:
        roles += ((Role.PERUSUH, rioters),)
    goal = Goal(GoalKind.ZONE, zone="halaman" if storm else "depan")
    massa = CrowdGroup("massa", people, "barat", roles, goal, arrival_spread_s=40.0, agitation=agitation,
                       hardship=hardship, legitimacy=legitimacy)
    groups = [massa]
    if provocateurs:
        groups.append(CrowdGroup("provokator", provocateurs, "barat", ((Role.PROVOKATOR, 1.0),),
                                 goal, arrival_s=5.0, arrival_spread_s=20.0, agitation=agitation))
    units = (
        PoliceUnit("lini", UnitType.DALMAS_LANJUT, 40, Formation.BERSAF, (58.5, 12.0), 180.0, width_m=13.0, ranks=2),
        PoliceUnit("nego", UnitType.NEGOSIATOR, 2, Formation.BERSAF, (62.0, 12.0), 180.0),
        PoliceUnit("tangkap", UnitType.TIM_TANGKAP, 8, Formation.BANJAR_3, (63.0, 18.0), 180.0),
        PoliceUnit("awc", UnitType.WATER_CANNON, 3, Formation.BANJAR_3, (64.0, 5.0), 180.0),
    ) if police else ()
    return Scenario(
        id="protest", title=Text("Unjuk rasa", "Protest"), briefing=Text("", ""),
        size=(LENGTH_M, WIDTH_M), seed=seed, duration_s=600.0,
        obstacles=(
            Obstacle("pagar-utara", ObstacleKind.FENCE, Polyline(((58.0, 24.0), (58.0, 18.0)), 0.3)),
            Obstacle("pagar-selatan", ObstacleKind.FENCE, Polyline(((58.0, 6.0), (58.0, 0.0)), 0.3)),
        ),
        zones=(
            Zone("barat", ZoneRole.SPAWN, Rect((2.0, 2.0), (20.0, 22.0))),
            Zone("depan", ZoneRole.MEASUREMENT, Rect((42.0, 1.0), (56.0, 23.0))),  # where they rally
            Zone("halaman", ZoneRole.PROTECTED, Rect((60.0, 0.5), (69.5, 23.5))),
        ),
        crowd=tuple(groups), units=units,
    )
