"""What a world is built from: plain, frozen values, independent of any file format.

`sispam.level` turns a level file into a `Scenario`; `sispam.sim.world.World` builds pymunk
bodies and numpy arrays from it. Coordinates are metres with y pointing up (north), angles are
degrees counter-clockwise from east (+x), times are simulation seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Vec2 = tuple[float, float]


# --- shapes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Polygon:
    """A simple polygon (no self-intersections), any winding; may be concave."""

    points: tuple[Vec2, ...]


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle from its lower-left `min` to its upper-right `max` corner."""

    min: Vec2
    max: Vec2


@dataclass(frozen=True, slots=True)
class Circle:
    """A disc."""

    center: Vec2
    radius: float


@dataclass(frozen=True, slots=True)
class Polyline:
    """Connected straight segments of a given thickness (a wall, a fence, a closed gate)."""

    points: tuple[Vec2, ...]
    thickness: float


AreaShape = Polygon | Rect | Circle
SolidShape = Polygon | Rect | Circle | Polyline


# --- map ----------------------------------------------------------------------------------


class ObstacleKind(StrEnum):
    """What a piece of static geometry is; decides how it is drawn and described."""

    BUILDING = "building"
    SHOP = "shop"
    FENCE = "fence"
    GATE = "gate"
    BARRIER = "barrier"
    WALL = "wall"
    VEHICLE = "vehicle"
    TREE = "tree"


@dataclass(frozen=True, slots=True)
class Obstacle:
    """Static geometry. `solid=False` (an open gate) is drawn but does not block anyone."""

    id: str
    kind: ObstacleKind
    shape: SolidShape
    solid: bool = True
    label: str = ""


class GroundKind(StrEnum):
    """Walkable surfaces that are only drawn (they never block or slow anyone)."""

    ROAD = "road"
    FIELD = "field"
    YARD = "yard"
    PAVEMENT = "pavement"
    PARKING = "parking"


@dataclass(frozen=True, slots=True)
class Ground:
    """A drawn, walkable surface such as a road or a field."""

    id: str
    kind: GroundKind
    shape: AreaShape
    label: str = ""


class ZoneRole(StrEnum):
    """What a named zone is for."""

    PROTECTED = "protected"  # crowd inside = breach
    SPAWN = "spawn"
    EXIT = "exit"  # crowd reaching it leaves the map
    AMBULANCE = "ambulance"  # ambulance point for casualty evacuation
    MEASUREMENT = "measurement"  # density and flow are reported for it
    STAGING = "staging"  # police assembly area


@dataclass(frozen=True, slots=True)
class Zone:
    """A named area that is not physical: spawn areas, exits, the protected zone and so on."""

    id: str
    role: ZoneRole
    shape: AreaShape
    label: str = ""


# --- crowd --------------------------------------------------------------------------------


class Role(StrEnum):
    """Crowd roles (SPEC §3). Their behaviour differs once the mood model (issue 4) lands."""

    MASSA = "massa"  # ordinary supporters
    KORLAP = "korlap"  # field coordinator, the negotiation partner
    PROVOKATOR = "provokator"  # low threshold, incites neighbours
    PERUSUH = "perusuh"  # hardcore rioters
    SIMPATISAN = "simpatisan"  # hangers-on
    PENONTON = "penonton"  # bystanders
    PERS = "pers"  # press


class GoalKind(StrEnum):
    """Where a crowd group heads."""

    POINT = "point"  # gather around a point
    ZONE = "zone"  # go into a zone and stay there
    EXIT = "exit"  # walk to an exit zone and leave the map


@dataclass(frozen=True, slots=True)
class Goal:
    """A crowd group's destination. `point` is set for POINT, `zone` (a zone id) otherwise."""

    kind: GoalKind
    point: Vec2 | None = None
    zone: str | None = None


@dataclass(frozen=True, slots=True)
class CrowdGroup:
    """People who arrive together and share a goal.

    Attributes:
        count: number of people.
        spawn: id of the zone they appear in.
        roles: fraction of the group in each role; the fractions sum to 1.
        goal: where they head.
        speed_mean_mps, speed_sd_mps: free walking speed, normally distributed, clipped to
            [0.3, 2.5] m/s.
        arrival_s: when the first of them appears.
        arrival_spread_s: they keep arriving, evenly, over this many seconds (0 = all at once).
        agitation: 0 calm (they queue and never shove) .. 1 pushing hard (higher desired speed,
            shorter relaxation time, they press into whoever is in front).
    """

    id: str
    count: int
    spawn: str
    roles: tuple[tuple[Role, float], ...]
    goal: Goal
    speed_mean_mps: float = 1.34
    speed_sd_mps: float = 0.26
    arrival_s: float = 0.0
    arrival_spread_s: float = 0.0
    agitation: float = 0.0


# --- police -------------------------------------------------------------------------------


class UnitType(StrEnum):
    """Police and support unit types (SPEC §4)."""

    DALMAS_AWAL = "dalmas_awal"
    DALMAS_LANJUT = "dalmas_lanjut"
    BRIMOB_PHH = "brimob_phh"
    TIM_TANGKAP = "tim_tangkap"
    NEGOSIATOR = "negosiator"
    WATER_CANNON = "water_cannon"
    GAS_TEAM = "gas_team"
    RAIMAS = "raimas"
    DAMKAR = "damkar"
    AMBULANCE = "ambulance"
    TNI = "tni"
    SATPOL_PP = "satpol_pp"


class Formation(StrEnum):
    """Dalmas and PHH formations as trainers and drill reports name them."""

    BERSAF = "bersaf"  # line abreast, 1-3 ranks: hold and push
    BANJAR_3 = "banjar_3"  # column of threes
    PARUH_LEMBING = "paruh_lembing"  # wedge
    MELINTANG_KANAN = "melintang_kanan"  # echelon right
    MELINTANG_KIRI = "melintang_kiri"  # echelon left
    TALI_DALMAS = "tali_dalmas"  # rope cordon
    TANGAN_BERKAIT = "tangan_berkait"  # linked arms


@dataclass(frozen=True, slots=True)
class PoliceUnit:
    """A unit standing in formation.

    Attributes:
        officers: number of officer bodies (a platoon is about 30).
        position: the formation's anchor, the centre of its front rank.
        facing_deg: the direction the front rank faces.
        width_m: frontage of the formation; None = the formation's natural spacing.
        ranks: ranks for bersaf (1-3); other formations ignore it.
        arrival_s: when the unit is on the map (for a unit on request: not before then).
        on_request: held in reserve off the map until a REQUEST order calls it up
            (reinforcements, the TNI); it arrives `request_delay_s` after the request.
        request_delay_s: from the request to the unit's arrival.
    """

    id: str
    type: UnitType
    officers: int
    formation: Formation
    position: Vec2
    facing_deg: float
    width_m: float | None = None
    ranks: int = 1
    arrival_s: float = 0.0
    on_request: bool = False
    request_delay_s: float = 0.0


# --- the whole thing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Bahasa Indonesia and English."""

    id: str
    en: str


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything needed to build a world: map, crowd, police and the seed."""

    id: str
    title: Text
    briefing: Text
    size: Vec2
    seed: int
    duration_s: float
    obstacles: tuple[Obstacle, ...] = ()
    ground: tuple[Ground, ...] = ()
    zones: tuple[Zone, ...] = ()
    crowd: tuple[CrowdGroup, ...] = ()
    units: tuple[PoliceUnit, ...] = ()
    wind_mps: Vec2 = (0.0, 0.0)  # carries tear gas; east and north components
    source: str = field(default="", compare=False)

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id (KeyError if none)."""
        for z in self.zones:
            if z.id == zone_id:
                return z
        raise KeyError(zone_id)
