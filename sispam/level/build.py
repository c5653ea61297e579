"""Turn a validated level file model into the simulation's plain `Scenario` values."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sispam.level.fieldtypes import Bilingual
from sispam.level.schema import (
    CrowdFile,
    ExitGoalFile,
    LevelFile,
    PointGoalFile,
    UnitFile,
    ZoneGoalFile,
)
from sispam.level.script_schema import EventFile, ObjectiveFile
from sispam.sim.scenario import (
    SCORE_PARTS,
    Background,
    Condition,
    CrowdGroup,
    EventKind,
    Goal,
    GoalKind,
    Ground,
    Objective,
    ObjectiveKind,
    Obstacle,
    PoliceUnit,
    Scenario,
    ScriptedEvent,
    Text,
    Zone,
)


def build_scenario(level: LevelFile, source: str = "", folder: Path | None = None) -> Scenario:
    """The scenario described by a level file; `source` names where it came from, `folder` is
    the folder its assets are in (its background is left out without one). The background's
    file must already have been checked (`sispam.level.background.asset_problem`)."""
    return Scenario(
        id=level.id,
        title=Text(id=level.title.id, en=level.title.en),
        briefing=Text(id=level.briefing.id, en=level.briefing.en),
        size=level.map.size,
        seed=level.seed,
        duration_s=level.duration_s,
        obstacles=tuple(
            Obstacle(id=o.id, kind=o.kind, shape=o.shape.to_shape(), solid=o.solid, label=o.label)
            for o in level.obstacles
        ),
        ground=tuple(
            Ground(id=g.id, kind=g.kind, shape=g.shape.to_shape(), label=g.label)
            for g in level.ground
        ),
        zones=tuple(
            Zone(id=z.id, role=z.role, shape=z.shape.to_shape(), label=z.label) for z in level.zones
        ),
        crowd=tuple(_crowd_group(group) for group in level.crowd),
        units=tuple(_police_unit(unit) for unit in level.units),
        wind_mps=level.wind_mps,
        events=tuple(_event(e) for e in level.events),
        objectives=tuple(_objective(o) for o in level.objectives),
        score_weights=tuple(float(getattr(level.scoring, part)) for part in SCORE_PARTS),
        mood=level.mood,
        riot=level.riot,
        source=source,
        background=_background(level, folder),
    )


def _background(level: LevelFile, folder: Path | None) -> Background | None:
    bg = level.map.background
    if bg is None or folder is None:
        return None
    return Background(path=str((folder / PurePosixPath(bg.file)).resolve()), file=bg.file, origin=bg.origin,
                      size=bg.size if bg.size is not None else level.map.size, opacity=bg.opacity)


def _text(text: Bilingual | None) -> Text | None:
    return None if text is None else Text(id=text.id, en=text.en)


def _event(e: EventFile) -> ScriptedEvent:
    when = None
    if e.when is not None:
        w = e.when
        when = Condition(after_s=w.after_s, situation=w.situation, breaches_at_least=w.breaches_at_least,
                         arrests_at_least=w.arrests_at_least, injuries_at_least=w.injuries_at_least,
                         fires_at_least=w.fires_at_least)
    return ScriptedEvent(
        id=e.id, kind=EventKind(e.kind), at_s=e.at_s, when=when, message=_text(e.message),
        group=getattr(e, "group", None), unit=getattr(e, "unit", None), point=getattr(e, "point", None),
        legitimacy_drop=getattr(e, "legitimacy_drop", 0.0), building=getattr(e, "building", None),
        people=getattr(e, "people", 0),
    )


def _objective(o: ObjectiveFile) -> Objective:
    fields = {name: getattr(o, name) for name in ("zone", "max_breaches", "until_s", "civilian_max", "officer_max",
                                                  "max_violations", "at_least", "fraction", "by_s",
                                                  "within_s")
              if hasattr(o, name)}
    return Objective(id=o.id, kind=ObjectiveKind(o.kind), required=o.required, weight=o.weight, text=_text(o.text),
                     **fields)


def _goal(goal: ZoneGoalFile | PointGoalFile | ExitGoalFile) -> Goal:
    match goal:
        case PointGoalFile(point=point):
            return Goal(kind=GoalKind.POINT, point=point)
        case ZoneGoalFile(zone=zone):
            return Goal(kind=GoalKind.ZONE, zone=zone)
        case ExitGoalFile(zone=zone):
            return Goal(kind=GoalKind.EXIT, zone=zone)
    raise TypeError(f"unknown goal {goal!r}")


def _crowd_group(group: CrowdFile) -> CrowdGroup:
    return CrowdGroup(
        id=group.id,
        count=group.count,
        spawn=group.spawn,
        roles=tuple(group.roles.items()),
        goal=_goal(group.goal),
        speed_mean_mps=group.speed_mean_mps,
        speed_sd_mps=group.speed_sd_mps,
        arrival_s=group.arrival_s,
        arrival_spread_s=group.arrival_spread_s,
        agitation=group.agitation,
        hardship=group.hardship,
        legitimacy=group.legitimacy,
        on_event=group.on_event,
    )


def _police_unit(unit: UnitFile) -> PoliceUnit:
    return PoliceUnit(
        id=unit.id,
        type=unit.type,
        officers=unit.officer_count,
        formation=unit.formation,
        position=unit.position,
        facing_deg=unit.facing_deg,
        width_m=unit.width_m,
        ranks=unit.ranks,
        arrival_s=unit.arrival_s,
        on_request=unit.on_request,
        request_delay_s=unit.request_delay if unit.on_request else 0.0,
    )
