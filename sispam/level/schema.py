"""The level file model: pydantic classes that mirror the TOML file key for key.

Only the file edge uses pydantic; `sispam.level.build` turns a validated `LevelFile` into the
plain `sispam.sim.scenario.Scenario`. Cross-references and geometry are checked in
`sispam.level.checks`, called from `LevelFile`'s after-validator so that every problem is
reported in one pass.

Caps (a level beyond them is refused): 20,000 people in the whole crowd and in one group,
2,000 officers in all and 200 in one unit, 2,000 obstacles, 500 points per polygon or
polyline, and a file of at most 2 MB (checked by the loader before parsing).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from sispam.level.background import BackgroundFile
from sispam.level.checks import level_problems
from sispam.level.fieldtypes import Bilingual, FileModel, Flag, Label, LevelId, Number, Vec2, Whole
from sispam.level.limits import (
    MAX_CROWD_TOTAL,
    MAX_DURATION_S,
    MAX_GROUP_COUNT,
    MAX_MAP_SIDE_M,
    MAX_OBSTACLES,
    MAX_OFFICERS_TOTAL,
    MAX_UNIT_OFFICERS,
    MIN_DURATION_S,
)
from sispam.level.script_schema import EventFile, ObjectiveFile, ScoringFile
from sispam.level.shapes import AreaShapeFile, SolidShapeFile
from sispam.sim.scenario import Formation, GroundKind, ObstacleKind, Role, UnitType, ZoneRole

SCHEMA_VERSION = 1
ROLE_SUM_TOLERANCE = 1e-6

PLATOON_OFFICERS = 30
DEFAULT_OFFICERS: dict[UnitType, int] = {
    UnitType.DALMAS_AWAL: PLATOON_OFFICERS,
    UnitType.DALMAS_LANJUT: PLATOON_OFFICERS,
    UnitType.BRIMOB_PHH: PLATOON_OFFICERS,
    UnitType.RAIMAS: PLATOON_OFFICERS,
    UnitType.TNI: PLATOON_OFFICERS,
    UnitType.SATPOL_PP: PLATOON_OFFICERS,
    UnitType.TIM_TANGKAP: 8,
    UnitType.NEGOSIATOR: 2,
    UnitType.GAS_TEAM: 4,
    UnitType.WATER_CANNON: 3,
    UnitType.DAMKAR: 3,
    UnitType.AMBULANCE: 3,
}
"""Officers in a unit whose file gives no `officers`: a platoon is 30, a vehicle crew 3."""

DEFAULT_REQUEST_DELAY_S = 180.0
REQUEST_DELAY_S: dict[UnitType, float] = {UnitType.TNI: 300.0}
"""Seconds from a `request` order to the arrival of a unit held `on_request` whose file gives no
`request_delay_s`: 3 minutes for a police reserve staged nearby (a second Dalmas platoon, Brimob
PHH), 5 minutes for the TNI, asked for through the Kodim or Koramil. Game-design values: the
drill reports name the order of events, not times."""

MAX_WIND_MPS = 30.0
MAX_EVENTS = 200
MAX_OBJECTIVES = 50

Seconds = Annotated[Number, Field(ge=0, le=MAX_DURATION_S)]
Fraction = Annotated[Number, Field(ge=0, le=1)]
MapLength = Annotated[Number, Field(ge=10, le=MAX_MAP_SIDE_M)]


class MapFile(FileModel):
    """The `[map]` table: the playing area, from [0, 0] (south-west) to `size` (north-east)."""

    size: tuple[MapLength, MapLength] = Field(
        description=f"Width (west-east) and height (south-north) in metres, each 10 to {MAX_MAP_SIDE_M}."
    )
    background: BackgroundFile | None = Field(
        default=None,
        description="A picture of the site (site plan, aerial photo) drawn under the map to trace over; "
        "none by default.",
    )

    @model_validator(mode="after")
    def _background_on_the_map(self) -> MapFile:
        bg = self.background
        if bg is not None and bg.size is not None:
            (x, y), (w, h) = bg.origin, bg.size
            if x >= self.size[0] or y >= self.size[1] or x + w <= 0 or y + h <= 0:
                raise ValueError("the background picture lies wholly outside the map; check its origin and size")
        elif bg is not None and (bg.origin[0] >= self.size[0] or bg.origin[1] >= self.size[1]):
            raise ValueError("the background picture lies wholly outside the map; check its origin")
        return self


class ObstacleFile(FileModel):
    """One `[[obstacles]]` entry: static geometry such as a building, fence, gate or tree."""

    id: LevelId = Field(description="Unique among the obstacles.")
    kind: ObstacleKind = Field(description="What it is; decides how it is drawn.")
    shape: SolidShapeFile = Field(description="Its outline: polygon, rect, circle or polyline.")
    solid: Flag = Field(
        default=True, description="Whether it blocks people; false for an open gate."
    )
    label: Label = Field(default="", description="Name shown on the map.")


class GroundFile(FileModel):
    """One `[[ground]]` entry: a drawn, walkable surface (road, field, yard...)."""

    id: LevelId = Field(description="Unique among the ground entries.")
    kind: GroundKind = Field(description="What surface it is; it never blocks or slows anyone.")
    shape: AreaShapeFile = Field(description="Its outline: polygon, rect or circle.")
    label: Label = Field(default="", description="Name shown on the map.")


class ZoneFile(FileModel):
    """One `[[zones]]` entry: a named area that is not physical (spawn, exit, protected...)."""

    id: LevelId = Field(description="Unique among the zones; crowd groups refer to it.")
    role: ZoneRole = Field(description="What the zone is for.")
    shape: AreaShapeFile = Field(description="Its outline: polygon, rect or circle.")
    label: Label = Field(default="", description="Name shown on the map.")


class ZoneGoalFile(FileModel):
    """Go into a zone and stay there."""

    kind: Literal["zone"] = Field(description='Goal tag: "zone".')
    zone: LevelId = Field(description="Id of the zone to enter.")


class PointGoalFile(FileModel):
    """Gather around a point."""

    kind: Literal["point"] = Field(description='Goal tag: "point".')
    point: Vec2 = Field(description="The point [x, y] in metres, inside the map.")


class ExitGoalFile(FileModel):
    """Walk to an exit zone and leave the map."""

    kind: Literal["exit"] = Field(description='Goal tag: "exit".')
    zone: LevelId = Field(description='Id of a zone whose role is "exit".')


GoalFile = Annotated[ZoneGoalFile | PointGoalFile | ExitGoalFile, Field(discriminator="kind")]


class CrowdFile(FileModel):
    """One `[[crowd]]` entry: people who arrive together and share a goal."""

    id: LevelId = Field(description="Unique among the crowd groups.")
    count: Annotated[Whole, Field(ge=1, le=MAX_GROUP_COUNT)] = Field(
        description=(
            f"Number of people, 1 to {MAX_GROUP_COUNT:,}; all groups together at most "
            f"{MAX_CROWD_TOTAL:,}."
        )
    )
    spawn: LevelId = Field(description="Id of the zone they appear in (any role).")
    roles: dict[Role, Fraction] = Field(
        default_factory=lambda: {Role.MASSA: 1.0},
        min_length=1,
        description="Fraction of the group in each role, e.g. {massa = 0.9, provokator = 0.1}; "
        "the fractions sum to 1.",
    )
    goal: GoalFile = Field(description="Where they head: a zone, a point or an exit.")
    speed_mean_mps: Annotated[Number, Field(ge=0.3, le=3)] = Field(
        default=1.34, description="Mean free walking speed in m/s, 0.3 to 3."
    )
    speed_sd_mps: Annotated[Number, Field(ge=0, le=1)] = Field(
        default=0.26, description="Standard deviation of the walking speed in m/s, 0 to 1."
    )
    arrival_s: Seconds = Field(default=0.0, description="When the first of them appears, in s.")
    arrival_spread_s: Seconds = Field(
        default=0.0, description="They keep arriving evenly over this many seconds; 0 = at once. A spawn zone "
        "places each arrival on a free spot at random, at most about 2.3 /m² at once; the rest appear as room frees: "
        "within a second where those placed walk off, up to half a minute late where they cannot (a corridor filled "
        "at 4 /m²)."
    )
    agitation: Fraction = Field(
        default=0.0, description="Starting agitation, 0 calm (they queue) to 1 pushing hard; the mood model "
        "moves it from then on (unless the level sets mood = false)."
    )
    hardship: Fraction = Field(
        default=0.5, description="Mean hardship H, 0 to 1: with legitimacy it makes the grievance "
        "G = H·(1 − L) of Epstein's model."
    )
    legitimacy: Fraction = Field(
        default=0.7, description="Perceived legitimacy L of the election result the group arrives with, 0 to 1."
    )
    on_event: Flag = Field(
        default=False, description="Wait off the map until a crowd_wave or provocateurs event releases the group; "
        "arrival_s then counts from that event."
    )

    @field_validator("roles")
    @classmethod
    def _roles_sum_to_one(cls, roles: dict[Role, float]) -> dict[Role, float]:
        total = sum(roles.values())
        if abs(total - 1.0) > ROLE_SUM_TOLERANCE:
            raise ValueError(f"role fractions must sum to 1, they sum to {total:.6g}")
        return roles


class UnitFile(FileModel):
    """One `[[units]]` entry: a police or support unit standing in formation."""

    id: LevelId = Field(description="Unique among the units.")
    type: UnitType = Field(description="Unit type.")
    officers: Annotated[Whole, Field(ge=1, le=MAX_UNIT_OFFICERS)] | None = Field(
        default=None,
        description=(
            f"Number of officers, 1 to {MAX_UNIT_OFFICERS}; all units together at most "
            f"{MAX_OFFICERS_TOTAL:,}. Default by type: 30 for a platoon (dalmas_awal, "
            "dalmas_lanjut, brimob_phh, raimas, tni, satpol_pp), 8 for tim_tangkap, "
            "2 for negosiator, 4 for gas_team, 3 for a water_cannon, damkar or ambulance crew."
        ),
    )
    formation: Formation = Field(description="Formation the unit stands in.")
    position: Vec2 = Field(
        description="Centre of the front rank [x, y] in metres, inside the map, not in a "
        "solid obstacle."
    )
    facing_deg: Annotated[Number, Field(ge=-360, le=360)] = Field(
        description="Direction the front rank faces, degrees counter-clockwise from east "
        "(90 = north, -90 = south)."
    )
    width_m: Annotated[Number, Field(ge=1, le=200)] | None = Field(
        default=None,
        description=("Frontage in metres, 1 to 200, from the first to the last officer's centre in the front rank; "
                     "left out = the formation's natural spacing. In a bersaf line officers stand at least 0.45 m "
                     "apart: more than fit make it wider; give more ranks. The second rank stands in the front rank's "
                     "gaps, half a spacing to the unit's right, so a full one reaches that much further right. "
                     "For a line from wall to wall, keep its end men a body's radius (0.3 m) off the walls, on the "
                     "right half a spacing more with a second rank; `check` notes any officer whose place (his "
                     "centre) would lie inside a solid obstacle."),
    )
    ranks: Annotated[Whole, Field(ge=1, le=3)] = Field(
        default=1, description="Ranks for bersaf, 1 to 3; other formations ignore it. Each rear man stands in a "
        "gap of the rank ahead, at least 0.6 m from each of the two men he braces and at least 0.3 m behind them."
    )
    arrival_s: Seconds = Field(
        default=0.0, description="When the unit is on the map, in s (for a unit on request: not before then)."
    )
    on_request: Flag = Field(
        default=False,
        description="Held in reserve off the map until a `request` order calls it up "
        "(reinforcements, the TNI); it then arrives `request_delay_s` later on its position.",
    )
    request_delay_s: Annotated[Number, Field(ge=0, le=MAX_DURATION_S)] | None = Field(
        default=None,
        description="Seconds from the request to the unit's arrival; only with on_request = true. "
        f"Default {REQUEST_DELAY_S[UnitType.TNI]:g} for tni, {DEFAULT_REQUEST_DELAY_S:g} for the others.",
    )

    @property
    def officer_count(self) -> int:
        """`officers`, or the default for the unit's type."""
        return self.officers if self.officers is not None else DEFAULT_OFFICERS[self.type]

    @property
    def request_delay(self) -> float:
        """`request_delay_s`, or the default for the unit's type."""
        if self.request_delay_s is not None:
            return self.request_delay_s
        return REQUEST_DELAY_S.get(self.type, DEFAULT_REQUEST_DELAY_S)


class LevelFile(FileModel):
    """A whole level file (schema_version 1)."""

    schema_version: Whole = Field(
        json_schema_extra={"const": SCHEMA_VERSION},
        description=f"Version of this file format; must be {SCHEMA_VERSION}.",
    )
    id: LevelId = Field(description="The level's id, e.g. the file name without .toml.")
    title: Bilingual = Field(description="Title shown in the level list.")
    briefing: Bilingual = Field(description="Situation and mission read before the level.")
    seed: Annotated[Whole, Field(ge=0, le=2**63 - 1)] = Field(
        description="Seed of every random choice in the level (an integer, 0 or more)."
    )
    duration_s: Annotated[Number, Field(ge=MIN_DURATION_S, le=MAX_DURATION_S)] = Field(
        default=600.0, description=f"Length of the level in s, at least {MIN_DURATION_S:g}, at most {MAX_DURATION_S:g}."
    )
    map: MapFile = Field(description="The playing area.")
    wind_mps: tuple[
        Annotated[Number, Field(ge=-MAX_WIND_MPS, le=MAX_WIND_MPS)],
        Annotated[Number, Field(ge=-MAX_WIND_MPS, le=MAX_WIND_MPS)],
    ] = Field(
        default=(0.0, 0.0),
        description=f"Wind [east, north] in m/s, each -{MAX_WIND_MPS:g} to {MAX_WIND_MPS:g}; it carries "
        "tear gas. Default: still air.",
    )
    obstacles: list[ObstacleFile] = Field(
        default_factory=list,
        max_length=MAX_OBSTACLES,
        description=f"Static geometry, at most {MAX_OBSTACLES:,} entries.",
    )
    ground: list[GroundFile] = Field(default_factory=list, description="Drawn surfaces.")
    zones: list[ZoneFile] = Field(default_factory=list, description="Named areas.")
    crowd: list[CrowdFile] = Field(
        default_factory=list,
        description=f"Crowd groups; {MAX_CROWD_TOTAL:,} people at most in all.",
    )
    units: list[UnitFile] = Field(
        default_factory=list,
        description=f"Police and support units; {MAX_OFFICERS_TOTAL:,} officers at most in all.",
    )
    mood: Flag = Field(
        default=True, description="false keeps every person at the agitation their group gives (for physics "
        "tests and calibration); true lets the mood model drive it."
    )
    riot: Flag = Field(
        default=True, description="false leaves out what agresif people do of their own accord: they push but throw "
        "no stones or bottles, light no fires and damage no shops (for physics tests: a push on a police line "
        "without the stones); scripted events still happen. true: agresif people riot."
    )
    events: list[EventFile] = Field(
        default_factory=list, max_length=MAX_EVENTS,
        description=f"Scripted events, each fired once, at most {MAX_EVENTS}.",
    )
    objectives: list[ObjectiveFile] = Field(
        default_factory=list, max_length=MAX_OBJECTIVES,
        description=f"Objectives: the level is won when every required one is met, at most {MAX_OBJECTIVES}.",
    )
    scoring: ScoringFile = Field(default_factory=ScoringFile, description="Weights of the score's parts.")

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {version} is not supported; this version of Sispam reads "
                f"schema_version {SCHEMA_VERSION}"
            )
        return version

    @model_validator(mode="after")
    def _cross_checks(self) -> LevelFile:
        problems = level_problems(self)
        if problems:
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type=PydanticCustomError("level", "{message}", {"message": message}),
                        loc=loc,
                        input=None,
                    )
                    for loc, message in problems
                ],
            )
        return self


def level_json_schema() -> dict[str, Any]:
    """JSON Schema of a level file, generated from the field descriptions above."""
    return LevelFile.model_json_schema()
