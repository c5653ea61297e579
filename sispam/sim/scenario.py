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
    """Crowd roles (SPEC §3); `sispam.sim.mood` gives each its own dispositions."""

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
            shorter relaxation time, they press into whoever is in front). The starting value;
            the mood model (`sispam.sim.mood`) drives it from then on unless the scenario's
            `mood` is off.
        hardship: mean hardship H of Epstein's grievance G = H·(1 − L), 0..1.
        legitimacy: the perceived legitimacy L of the election result (and of the police
            guarding it) the group arrives with, 0..1.
        on_event: the group waits off the map until a scripted event (crowd_wave or
            provocateurs) releases it; `arrival_s` then counts from that event.
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
    hardship: float = 0.5
    legitimacy: float = 0.7
    on_event: bool = False


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


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Bahasa Indonesia and English."""

    id: str
    en: str


# --- scripted events, objectives, scoring ------------------------------------------------


class Colour(StrEnum):
    """The situation colour (SPEC §3, domain brief §1.3), computed from what the crowd does."""

    HIJAU = "hijau"  # orderly
    KUNING = "kuning"  # disorderly: ignores appeals, pushes, burns things, throws objects
    MERAH = "merah"  # unlawful: arson, destruction, assault, looting, hostage-taking


COLOURS = tuple(Colour)  # in rising order


@dataclass(frozen=True, slots=True)
class Condition:
    """When a scripted event fires: the first step at which every given test holds.

    Attributes:
        after_s: at least this much simulation time has passed.
        situation: the situation colour is at least this one (hijau < kuning < merah).
        breaches_at_least: at least this many people have entered a protected zone.
        arrests_at_least: at least this many people have been arrested and handed over.
        injuries_at_least: at least this many people (civilians and officers) are injured.
        fires_at_least: at least this many fires have been lit.
    """

    after_s: float | None = None
    situation: Colour | None = None
    breaches_at_least: int | None = None
    arrests_at_least: int | None = None
    injuries_at_least: int | None = None
    fires_at_least: int | None = None


class EventKind(StrEnum):
    """What a scripted event does."""

    CROWD_WAVE = "crowd_wave"  # releases a crowd group that waits `on_event`
    PROVOCATEURS = "provocateurs"  # the same, for a group of provocateurs (timeline says so)
    RUMOUR = "rumour"  # a rumour of fraud: everyone on the map loses `legitimacy_drop`
    FIRE = "fire"  # rioters set tyres alight at `point`
    HOSTAGE_ATTEMPT = "hostage_attempt"  # `people` of the most agitated rioters go for `building`
    REINFORCEMENTS = "reinforcements"  # an `on_request` unit arrives now
    MESSAGE = "message"  # only its message (a radio call, intel report, order from above)


@dataclass(frozen=True, slots=True)
class ScriptedEvent:
    """A scripted event: at a time (`at_s`) or when a condition holds (`when`), once.

    Attributes:
        group: crowd_wave, provocateurs: id of the crowd group it releases.
        unit: reinforcements: id of the unit that arrives.
        point: fire: where the fire is lit.
        legitimacy_drop: rumour: perceived legitimacy lost by everyone on the map (0..1).
        building: hostage_attempt: id of the building obstacle they try to enter.
        people: hostage_attempt: how many rioters try.
        message: shown in the event feed (optional, except for kind message).
    """

    id: str
    kind: EventKind
    at_s: float | None = None
    when: Condition | None = None
    group: str | None = None
    unit: str | None = None
    point: Vec2 | None = None
    legitimacy_drop: float = 0.0
    building: str | None = None
    people: int = 0
    message: Text | None = None


class ObjectiveKind(StrEnum):
    """What an objective asks of the trainee."""

    PROTECT_ZONE = "protect_zone"  # at most `max_breaches` people ever enter `zone`
    HOLD_UNTIL = "hold_until"  # no one enters `zone` before `until_s` (met at that time)
    INJURY_LIMIT = "injury_limit"  # at most `civilian_max` / `officer_max` injured
    NO_FORCE_VIOLATIONS = "no_force_violations"  # at most `max_violations` force violations
    ARREST_PROVOCATEURS = "arrest_provocateurs"  # at least `at_least` provocateurs arrested
    DISPERSE = "disperse"  # at least `fraction` of the crowd has left by `by_s` (or the end)
    PREVENT_HOSTAGES = "prevent_hostages"  # no hostage is taken
    EXTINGUISH_FIRES = "extinguish_fires"  # every fire out within `within_s` of being lit (else by the end)


@dataclass(frozen=True, slots=True)
class Objective:
    """One objective; the level is won when every `required` one is met, lost when one fails.

    `weight` is its share of the score's objectives part; `text` overrides the generated
    description shown to the trainee.
    """

    id: str
    kind: ObjectiveKind
    zone: str | None = None
    max_breaches: int = 0
    until_s: float | None = None
    civilian_max: int | None = None
    officer_max: int | None = None
    max_violations: int = 0
    at_least: int = 1
    fraction: float = 0.0
    by_s: float | None = None
    within_s: float | None = None
    required: bool = True
    weight: float = 1.0
    text: Text | None = None


SCORE_PARTS = ("objectives", "safety", "proportionality", "legitimacy", "time")
DEFAULT_SCORE_WEIGHTS = (40.0, 20.0, 20.0, 10.0, 10.0)


# --- the whole thing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Background:
    """A picture of the site drawn under the map (only the UI draws it; the simulation ignores it).

    Attributes:
        path: the picture file, an absolute path inside the level's folder.
        file: the same file as the level names it, relative to the level's folder.
        origin: where its lower-left corner lies on the map (m).
        size: its width and height on the map (m).
        opacity: 0 invisible to 1 opaque.
    """

    path: str
    file: str
    origin: Vec2
    size: Vec2
    opacity: float


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
    events: tuple[ScriptedEvent, ...] = ()
    objectives: tuple[Objective, ...] = ()
    score_weights: tuple[float, ...] = DEFAULT_SCORE_WEIGHTS  # one per SCORE_PARTS entry
    # False freezes every person's agitation at the group's value (physics tests, calibration).
    mood: bool = True
    # False leaves out the riot's own acts: agresif people push, but throw nothing, light no fire,
    # damage no shop (physics tests: a push on a police line without the stones). Scripted
    # events (fires, hostage attempts) still happen.
    riot: bool = True
    source: str = field(default="", compare=False)
    background: Background | None = field(default=None, compare=False)  # drawn by the UI only

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id (KeyError if none)."""
        for z in self.zones:
            if z.id == zone_id:
                return z
        raise KeyError(zone_id)
