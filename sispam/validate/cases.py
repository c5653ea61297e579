"""The validation battery's scenarios, built in code from `sispam.sim.scenario` values.

Every builder takes the size of its case (people, widths, agitation) and the seed, and returns a
`Scenario` with `mood=False`, so that every person keeps the agitation he was given. Coordinates
are metres, x east, y north. The geometry each measurement needs (where a door is, where the
measurement box lies) is returned beside the scenario in a small frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from sispam.validate.measure import weidmann_speed

MASSA = ((Role.MASSA, 1.0),)
WALL = ObstacleKind.WALL


def _scenario(name: str, title: str, size: tuple[float, float], seed: int, duration_s: float,
              obstacles: tuple[Obstacle, ...], zones: tuple[Zone, ...], crowd: tuple[CrowdGroup, ...],
              units: tuple[PoliceUnit, ...] = ()) -> Scenario:
    return Scenario(
        mood=False,  # validation fixture: agitation stays as set
        riot=False,  # and agresif people (the push, at agitation 1) push, throwing no stones
        id=name, title=Text(title, title), briefing=Text(f"Validasi: {title}.", f"Validation: {title}."),
        size=size, seed=seed, duration_s=duration_s, obstacles=obstacles, zones=zones, crowd=crowd, units=units)


def _wall(name: str, x0: float, y0: float, x1: float, y1: float) -> Obstacle:
    return Obstacle(name, WALL, Rect((x0, y0), (x1, y1)))


def _front_with_opening(x: float, depth: float, y_low: float, y_high: float, centre_y: float,
                        width: float, prefix: str = "front") -> tuple[Obstacle, ...]:
    """A wall across x..x+depth from y_low to y_high with an opening `width` wide at centre_y."""
    a, b = centre_y - width / 2, centre_y + width / 2
    return (_wall(f"{prefix}-south", x, y_low, x + depth, a), _wall(f"{prefix}-north", x, b, x + depth, y_high))


def _group(count: int, spawn: str, goal: Goal, *, agitation: float = 0.0, speed_mean_mps: float = 1.34,
           speed_sd_mps: float = 0.26, name: str = "walkers") -> CrowdGroup:
    return CrowdGroup(name, count, spawn, MASSA, goal, speed_mean_mps=speed_mean_mps, speed_sd_mps=speed_sd_mps,
                      agitation=agitation)


# --- fundamental diagram (RiMEA test 4) ----------------------------------------------------------

CORRIDOR_WIDTH_M = 4.0
OPEN_UP_TO_PPM2 = 2.0  # up to this density the corridor is open; above it a restriction holds the jam
JAM_EXIT_FLOW_PER_M_S = 1.8  # assumed specific flow through the restriction, to size it


@dataclass(frozen=True, slots=True)
class Corridor:
    """A fundamental-diagram corridor and where it is measured."""

    scenario: Scenario
    box: tuple[float, float]  # x range of the measurement box (the corridor's full width)
    window_s: tuple[float, float]  # the time window of the measurement
    restriction_m: float | None  # width of the restriction at the east end (None: open)


def fd_corridor(density_ppm2: float, seed: int, *, length_m: float = 40.0) -> Corridor:
    """People walk east along a 4 m wide corridor (y 3..7).

    Up to `OPEN_UP_TO_PPM2` the first `length_m` metres hold people at the density and the
    corridor is open (the method of tests/sim/test_walking.py): speed and density are measured in
    a 10 m box in the middle of the block, 2-8 s after the start, before the block thins out.
    Above it, the corridor ends at x = 30 in a wall with an opening narrower than the corridor,
    sized so that Weidmann's flow at the density would just pass it; a queue stands behind it
    from the start, fed from the west end, and the box 4-10 m upstream of the opening is
    measured in the congested queue from 40 s to 70 s, once the queue has filled.
    """
    if density_ppm2 <= OPEN_UP_TO_PPM2:
        size = (length_m * 2, 10.0)
        count = round(density_ppm2 * length_m * CORRIDOR_WIDTH_M)
        s, n = _wall("south", 0, 0, size[0], 3), _wall("north", 0, 7, size[0], 10)
        zones = (Zone("start", ZoneRole.SPAWN, Rect((0.3, 3.25), (length_m, 6.75))),
                 Zone("end", ZoneRole.EXIT, Rect((size[0] - 2, 3), (size[0], 7))))
        middle = length_m / 2
        scn = _scenario(f"fd-{density_ppm2:g}", f"Fundamental diagram {density_ppm2:g}/m2", size, seed, 10.0,
                        (s, n), zones, (_group(count, "start", Goal(GoalKind.EXIT, zone="end")),))
        return Corridor(scn, (middle - 8, middle + 2), (2.0, 8.0), None)
    door_x = 30.0
    flow = density_ppm2 * weidmann_speed(density_ppm2) * CORRIDOR_WIDTH_M
    width = round(min(CORRIDOR_WIDTH_M - 0.5, max(0.6, flow / JAM_EXIT_FLOW_PER_M_S)), 2)
    size = (40.0, 10.0)
    duration = 70.0
    # The queue stands behind the restriction from the start, as densely as people can be put
    # down (about 2 /m²); a feed from the west end brings twice what the restriction passes, so
    # that the queue fills up to the density the model's walkers hold at that outflow (the
    # congested branch of the diagram) instead of the density it was put down at.
    queue = round(min(density_ppm2, 2.0) * (door_x - 0.3 - 8.0) * CORRIDOR_WIDTH_M)
    feed = round(2.0 * width * JAM_EXIT_FLOW_PER_M_S * duration)
    obstacles = (_wall("south", 0, 0, door_x, 3), _wall("north", 0, 7, door_x, 10),
                 *_front_with_opening(door_x, 0.4, 0, 10, 5.0, width))
    zones = (Zone("queue", ZoneRole.SPAWN, Rect((8.0, 3.25), (door_x - 0.3, 6.75))),
             Zone("feed", ZoneRole.SPAWN, Rect((0.3, 3.25), (5.0, 6.75))),
             Zone("end", ZoneRole.EXIT, Rect((38, 0), (40, 10))))
    goal = Goal(GoalKind.EXIT, zone="end")
    crowd = (_group(queue, "queue", goal, name="queue"),
             CrowdGroup("feed", feed, "feed", MASSA, goal, arrival_spread_s=duration * 0.8))
    scn = _scenario(f"fd-{density_ppm2:g}", f"Fundamental diagram {density_ppm2:g}/m2 (restricted)", size, seed,
                    duration, obstacles, zones, crowd)
    return Corridor(scn, (door_x - 10, door_x - 4), (40.0, duration), width)


# --- a room emptying through a narrow exit (jam, calm queue) ------------------------------------------


@dataclass(frozen=True, slots=True)
class Room:
    """A room with one opening in its east wall."""

    scenario: Scenario
    door: tuple[float, float]  # centre of the opening's outer end (people count as out past it)
    door_x_in: float  # x of the room side of the opening
    width_m: float


def room_with_exit(*, name: str, title: str, people: int, width_m: float, agitation: float, seed: int,
                   room_length_m: float = 14.0, room_width_m: float = 6.0, duration_s: float = 120.0) -> Room:
    """A room `room_length_m` x `room_width_m` (x 0..L, y 3..3+W) full of people who leave through
    an opening `width_m` wide and 0.4 m deep in its east wall (as tests/levels/bottleneck.toml) into
    an open area, and walk on to an exit zone at its far side."""
    y0, y1 = 3.0, 3.0 + room_width_m
    cy = (y0 + y1) / 2
    x = room_length_m
    size = (x + 16.0, y1 + 3.0)
    obstacles = (_wall("side-south", 0, 0, x, y0), _wall("side-north", 0, y1, x, size[1]),
                 *_front_with_opening(x, 0.4, 0, size[1], cy, width_m))
    zones = (Zone("waiting", ZoneRole.SPAWN, Rect((0.5, y0 + 0.3), (x - 0.5, y1 - 0.3))),
             Zone("out", ZoneRole.EXIT, Rect((size[0] - 2, 0), (size[0], size[1]))))
    scn = _scenario(name, title, size, seed, duration_s, obstacles, zones,
                    (_group(people, "waiting", Goal(GoalKind.EXIT, zone="out"), agitation=agitation),))
    return Room(scn, (x + 0.4, cy), x, width_m)


def bottleneck(width_m: float, agitation: float, people: int, seed: int, duration_s: float = 240.0) -> Room:
    """Seyfried et al. (2009) / Liddle et al. (2011) style: a waiting area, a short opening."""
    return room_with_exit(name=f"bottleneck-{width_m:g}m-a{agitation:g}",
                          title=f"Bottleneck {width_m:g} m, agitation {agitation:g}", people=people,
                          width_m=width_m, agitation=agitation, seed=seed, duration_s=duration_s)


def queue_at_exit(agitation: float, people: int, seed: int, duration_s: float) -> Room:
    """A long queue behind a 0.8 m exit: a room 6 m wide and 20 m long."""
    label = "calm" if agitation == 0 else f"agitation {agitation:g}"
    return room_with_exit(name=f"queue-a{agitation:g}", title=f"Queue at a 0.8 m exit, {label}", people=people,
                          width_m=0.8, agitation=agitation, seed=seed, room_length_m=20.0, duration_s=duration_s)


# --- counterflow --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counterflow:
    """Two groups crossing a corridor x0..x1 from opposite ends (group 0 east, group 1 west)."""

    scenario: Scenario
    x0: float
    x1: float
    y0: float
    y1: float


def counterflow(each: int, seed: int, *, length_m: float = 30.0, width_m: float = 4.0,
                duration_s: float = 180.0, one_way: bool = False) -> Counterflow:
    """A corridor `length_m` x `width_m` between two waiting rooms 10 m x 12 m; `each` people start
    in each room and head for an exit behind the other room. `one_way`: the westbound group stays
    away (the control: one stream alone, with the same free speeds as in the two-way run)."""
    room, depth = 12.0, 10.0
    x0, x1 = depth, depth + length_m
    y0 = (room - width_m) / 2
    y1 = y0 + width_m
    w = x1 + depth
    obstacles = (_wall("corridor-south", x0, 0, x1, y0), _wall("corridor-north", x0, y1, x1, room))
    zones = (Zone("west-room", ZoneRole.SPAWN, Rect((2.5, 0.3), (depth - 0.3, room - 0.3))),
             Zone("east-room", ZoneRole.SPAWN, Rect((x1 + 0.3, 0.3), (w - 2.5, room - 0.3))),
             Zone("west-exit", ZoneRole.EXIT, Rect((0, 0), (2, room))),
             Zone("east-exit", ZoneRole.EXIT, Rect((w - 2, 0), (w, room))))
    crowd = (_group(each, "west-room", Goal(GoalKind.EXIT, zone="east-exit"), name="eastbound"),
             _group(each, "east-room", Goal(GoalKind.EXIT, zone="west-exit"), name="westbound"))
    name, title = ((f"oneway-{each}-{width_m:g}m", f"One way, {each} through {width_m:g} m") if one_way
                   else (f"counterflow-{each}x2", f"Counterflow {each}+{each}"))
    scn = _scenario(name, title, (w, room), seed, duration_s, obstacles, zones, crowd[:1] if one_way else crowd)
    return Counterflow(scn, x0, x1, y0, y1)


# --- RiMEA --------------------------------------------------------------------------------------


def rimea1(seed: int) -> Scenario:
    """RiMEA test 1: one person walks a corridor 2 m wide and 40 m long at 1.33 m/s."""
    obstacles = (_wall("south", 0, 0, 50, 4), _wall("north", 0, 6, 50, 10))
    zones = (Zone("start", ZoneRole.SPAWN, Rect((0.5, 4.6), (0.9, 5.4))),
             Zone("end", ZoneRole.EXIT, Rect((48, 4), (50, 6))))
    crowd = (_group(1, "start", Goal(GoalKind.EXIT, zone="end"), speed_mean_mps=1.33, speed_sd_mps=0.0),)
    return _scenario("rimea1", "RiMEA 1: corridor", (50.0, 10.0), seed, 60.0, obstacles, zones, crowd)


def rimea6(seed: int) -> Scenario:
    """RiMEA test 6: 20 people walk round a left corner of a corridor 2 m wide (as
    tests/levels/rimea6_corner.toml)."""
    obstacles = (
        Obstacle("outer", WALL, Polyline(((0, 1.9), (14.1, 1.9), (14.1, 16)), 0.2)),
        Obstacle("inner", WALL, Polyline(((0, 4.1), (11.9, 4.1), (11.9, 16)), 0.2)),
        _wall("fill-south", 0, 0, 16, 1.8), _wall("fill-north-west", 0, 4.2, 11.8, 16),
        _wall("fill-east", 14.2, 0, 16, 16))
    zones = (Zone("start", ZoneRole.SPAWN, Rect((0.4, 2.3), (6, 3.7))),
             Zone("end", ZoneRole.EXIT, Rect((12, 14.5), (14, 16))))
    return _scenario("rimea6", "RiMEA 6: corner", (16.0, 16.0), seed, 60.0, obstacles, zones,
                     (_group(20, "start", Goal(GoalKind.EXIT, zone="end")),))


def rimea7(seed: int, people: int = 50) -> Scenario:
    """RiMEA test 7: `people` adults walk freely east across a wide hall; their speeds are measured
    between x = 10 and x = 30."""
    zones = (Zone("start", ZoneRole.SPAWN, Rect((1, 1), (6, 29))),
             Zone("end", ZoneRole.EXIT, Rect((48, 0), (50, 30))))
    return _scenario("rimea7", "RiMEA 7: walking speeds", (50.0, 30.0), seed, 60.0, (), zones,
                     (_group(people, "start", Goal(GoalKind.EXIT, zone="end")),))


def rimea8(seed: int, *, per_room: int = 20, speed_mean_mps: float = 1.34) -> Scenario:
    """RiMEA test 8, as one floor rather than three storeys: four rooms 8 m x 8 m, two each side
    of a corridor 3 m wide; each room has a 1 m door onto the corridor, which leads east 23 m to
    the exit."""
    cy0, cy1 = 9.0, 12.0
    obstacles: list[Obstacle] = [_wall("outer-south", 0, 0, 40, 0.5), _wall("outer-north", 0, 20.5, 40, 21),
                                 _wall("outer-west", 0, 0, 0.5, 21)]
    zones: list[Zone] = []
    for xa in (0.5, 9.0):
        for south in (True, False):
            name = f"room{len(zones) + 1}"
            ya, yb = (0.5, cy0) if south else (cy1, 20.5)
            wall_y = cy0 - 0.2 if south else cy1
            door = xa + 4.0
            obstacles += [_wall(f"{name}-east", xa + 8.0, ya, xa + 8.5, yb),
                          _wall(f"{name}-front-west", xa, wall_y, door - 0.5, wall_y + 0.2),
                          _wall(f"{name}-front-east", door + 0.5, wall_y, xa + 8.0, wall_y + 0.2)]
            zones.append(Zone(name, ZoneRole.SPAWN, Rect((xa + 0.4, ya + 0.4), (xa + 7.6, yb - 0.6))))
    obstacles += [_wall("corridor-south", 17.0, 0.5, 40, cy0), _wall("corridor-north", 17.0, cy1, 40, 20.5)]
    crowd = tuple(_group(per_room, z.id, Goal(GoalKind.EXIT, zone="exit"), name=f"from-{z.id}",
                         speed_mean_mps=speed_mean_mps) for z in zones)
    zones.append(Zone("exit", ZoneRole.EXIT, Rect((38, cy0), (40, cy1))))
    return _scenario(f"rimea8-v{speed_mean_mps:g}", f"RiMEA 8: a floor of four rooms, {speed_mean_mps:g} m/s",
                     (40.0, 21.0), seed, 180.0, tuple(obstacles), tuple(zones), crowd)


@dataclass(frozen=True, slots=True)
class TwoRooms:
    """RiMEA test 12's geometry: where the corridor starts and where room 2's exit is."""

    scenario: Scenario
    corridor_entry: tuple[float, float]
    room2_exit: tuple[float, float]


def rimea12(seed: int, people: int = 150) -> TwoRooms:
    """RiMEA test 12: room 1 (10 m x 10 m, `people` in it) leads through a corridor 1 m wide and
    10 m long into room 2 (10 m x 10 m), which has a 1 m door in its far wall."""
    y0, y1, cy = 0.5, 10.5, 5.5
    obstacles = (_wall("south", 0, 0, 31, y0), _wall("north", 0, y1, 31, 11), _wall("west", 0, 0, 0.5, 11),
                 _wall("corridor-south", 10.5, y0, 20.5, cy - 0.5), _wall("corridor-north", 10.5, cy + 0.5, 20.5, y1),
                 *_front_with_opening(30.5, 0.5, y0, y1, cy, 1.0, prefix="room2-door"))
    zones = (Zone("room1", ZoneRole.SPAWN, Rect((0.9, y0 + 0.4), (10.1, y1 - 0.4))),
             Zone("out", ZoneRole.EXIT, Rect((33, 0), (35, 11))))
    scn = _scenario("rimea12", "RiMEA 12: bottleneck effect", (35.0, 11.0), seed, 300.0, obstacles, zones,
                    (_group(people, "room1", Goal(GoalKind.EXIT, zone="out")),))
    return TwoRooms(scn, (10.5, cy), (30.5, cy))


# --- pushing against a fence or a police line -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Push:
    """A street the crowd pushes north in, closed by a fence or a line at `barrier_y`."""

    scenario: Scenario
    barrier_y: float
    fence: bool


def push(*, people: int, seed: int, fence: bool, width_m: float = 14.0, agitation: float = 1.0,
         duration_s: float = 120.0) -> Push:
    """A street `width_m` wide, walled on both sides: `people` start in its south part and push
    for a protected zone in the north, beyond a fence across the street (`fence`) or a two-rank
    line of Dalmas Lanjut (tests/sim/scenarios.py's `push_against_line`, widened)."""
    length, barrier_y = 44.0, 30.0
    x1 = width_m + 1.0
    obstacles: tuple[Obstacle, ...] = (_wall("west", 0, 0, 1, length), _wall("east", x1, 0, x1 + 1, length))
    units: tuple[PoliceUnit, ...] = ()
    if fence:
        obstacles += (Obstacle("fence", ObstacleKind.FENCE, Polyline(((1.0, barrier_y), (x1, barrier_y)), 0.2)),)
    else:
        per_rank = int(width_m / 0.6)
        units = (PoliceUnit("line", UnitType.DALMAS_LANJUT, 2 * per_rank, Formation.BERSAF, (width_m / 2 + 1.0, barrier_y),
                            -90.0, width_m - 0.6, 2),)
    spawn_depth = round(max(8.0, people / (1.6 * (width_m - 0.6))), 2)
    zones = (Zone("start", ZoneRole.SPAWN, Rect((1.3, max(1.0, barrier_y - 4.0 - spawn_depth)), (x1 - 0.3, barrier_y - 4.0))),
             Zone("kpu", ZoneRole.PROTECTED, Rect((1.0, barrier_y + 6.0), (x1, length))))
    crowd = (CrowdGroup("massa", people, "start", MASSA, Goal(GoalKind.ZONE, zone="kpu"), speed_mean_mps=1.34,
                        speed_sd_mps=0.1, agitation=agitation),)
    what = "fence" if fence else "line"
    return Push(_scenario(f"push-{what}", f"Push against a {what}", (x1 + 1.0, length), seed, duration_s, obstacles,
                          zones, crowd, units), barrier_y, fence)
