"""From the player's hands to orders: which order each hotkey gives, which orders a selection
can take, the formation line a right-drag places, and what is under the pointer.

Everything here is plain arithmetic on the world's arrays, so the UI tests can check it without
a window: a drag from A to B gives FORM orders with B−A's midpoint, length and facing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pygame

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.police.officers import Unit
from sispam.sim.police.orders import LINE_UNITS, ORDER_SPECS, Order, OrderKind, formation_allowed
from sispam.sim.scenario import Formation, ObstacleKind, Polyline, Role
from sispam.sim.world import World

MIN_LINE_M = 2.0  # a right-drag shorter than this on the ground is a click: "move here"
PICK_PERSON_M = 1.5  # a click picks the person whose centre is this close
PICK_OFFICER_M = 1.2
PICK_KORLAP_M = 3.0  # a click this near a korlap (marked, among his people) means him


@dataclass(frozen=True, slots=True)
class OrderKey:
    """How the player gives one order kind.

    Attributes:
        kind: the order.
        key: its hotkey.
        key_label: the hotkey as printed on its button.
        target: what the next left click must give: "point", "person", "korlap" (one, or
            the crowd round him), "unit" (the unit to relieve), or "" (the order is given at once).
    """

    kind: OrderKind
    key: int
    key_label: str
    target: str = ""


ORDER_KEYS: tuple[OrderKey, ...] = (
    OrderKey(OrderKind.HOLD, pygame.K_h, "H"),
    OrderKey(OrderKind.BRACE, pygame.K_b, "B"),
    OrderKey(OrderKind.BERLINDUNG, pygame.K_l, "L"),
    OrderKey(OrderKind.DESAK, pygame.K_d, "D"),
    OrderKey(OrderKind.DORONG, pygame.K_p, "P"),
    OrderKey(OrderKind.FALL_BACK, pygame.K_r, "R"),
    OrderKey(OrderKind.LAPIS_GANTI, pygame.K_g, "G", "unit"),
    OrderKey(OrderKind.LINTAS_GANTI, pygame.K_g, "G", "unit"),
    OrderKey(OrderKind.ARREST, pygame.K_a, "A", "person"),
    OrderKey(OrderKind.NEGOTIATE, pygame.K_n, "N", "korlap"),
    OrderKey(OrderKind.APPEAL, pygame.K_i, "I"),
    OrderKey(OrderKind.DISPERSAL_ORDER, pygame.K_u, "U"),
    OrderKey(OrderKind.WATER_CANNON, pygame.K_w, "W", "point"),
    OrderKey(OrderKind.TEAR_GAS, pygame.K_t, "T", "point"),
    OrderKey(OrderKind.DISPERSE, pygame.K_x, "X", "point"),
    OrderKey(OrderKind.EXTINGUISH, pygame.K_e, "E", "point"),
    OrderKey(OrderKind.EVACUATE, pygame.K_v, "V"),
    OrderKey(OrderKind.REQUEST, pygame.K_q, "Q"),
)
ORDER_KEY = {k.kind: k for k in ORDER_KEYS}

FORMATION_KEYS: tuple[tuple[Formation, int, str], ...] = (
    (Formation.BERSAF, pygame.K_F1, "F1"),
    (Formation.BANJAR_3, pygame.K_F2, "F2"),
    (Formation.PARUH_LEMBING, pygame.K_F3, "F3"),
    (Formation.MELINTANG_KANAN, pygame.K_F4, "F4"),
    (Formation.MELINTANG_KIRI, pygame.K_F5, "F5"),
    (Formation.TALI_DALMAS, pygame.K_F6, "F6"),
    (Formation.TANGAN_BERKAIT, pygame.K_F7, "F7"),
)


def can(unit: Unit, kind: OrderKind) -> bool:
    """Whether the unit's type carries out this order (REQUEST only for a unit in reserve)."""
    if unit.type not in ORDER_SPECS[kind].units:
        return False
    if kind is OrderKind.REQUEST:
        return unit.on_request and not unit.arrived
    return True


RELIEVE = (OrderKind.LAPIS_GANTI, OrderKind.LINTAS_GANTI)  # one key (G): each unit relieves its own way


def order_for(unit: Unit, kind: OrderKind) -> OrderKind | None:
    """The order `unit` carries out for the key of `kind`: the kind itself if it can; for a
    relieve key, whichever relieve order its type has; else None."""
    if can(unit, kind):
        return kind
    if kind in RELIEVE:
        return next((k for k in RELIEVE if can(unit, k)), None)
    return None


def orders_for(units: list[Unit]) -> list[OrderKey]:
    """The orders at least one of `units` can carry out, in the hotkey table's order (one
    relieve order for lapis and lintas ganti: the G key gives each unit its own)."""
    keys = [k for k in ORDER_KEYS if any(can(u, k.kind) for u in units)]
    relieve = [k for k in keys if k.kind in RELIEVE]
    return [k for k in keys if k.kind not in RELIEVE or k is relieve[0]]


def formations_for(units: list[Unit]) -> list[tuple[Formation, int, str]]:
    """The formations at least one of `units` can take (vehicles and teams take none)."""
    line = [u for u in units if u.type in LINE_UNITS]
    return [f for f in FORMATION_KEYS if any(formation_allowed(u.type, f[0]) for u in line)]


def facing_deg(vector: np.ndarray) -> float:
    return math.degrees(math.atan2(vector[1], vector[0]))


def line_orders(world: World, units: list[Unit], start: tuple[float, float], end: tuple[float, float],
                flip: bool = False) -> list[Order]:
    """FORM orders placing `units` side by side along the line from `start` to `end` (metres).

    The line is shared out in equal parts, the unit standing furthest towards `start` taking
    the part at `start`, so no two units cross. Each part faces square to the line, away from
    where its unit stands now (the line is placed *ahead* of the unit); `flip` turns it round.
    A unit standing on its part keeps the side it faces now.
    """
    a, b = np.asarray(start, float), np.asarray(end, float)
    along = b - a
    length = float(np.hypot(*along))
    if length < 1e-6 or not units:
        return []
    u_hat = along / length
    normal = np.array([-u_hat[1], u_hat[0]])  # to the left of the drag
    centres = np.array([unit_centre(world, u) for u in units])
    order = np.argsort((centres - a) @ u_hat, kind="stable")
    part = length / len(units)
    out = []
    for k, i in enumerate(order):
        unit = units[i]
        mid = a + u_hat * part * (k + 0.5)
        side = float((centres[i] - mid) @ normal)
        if abs(side) < 1.0:  # on the line already: keep the side it faces
            side = -float(unit.facing_vector() @ normal)
        facing = -normal if side > 0 else normal
        if flip:
            facing = -facing
        out.append(Order(world.t, unit.id, OrderKind.FORM, point=(float(mid[0]), float(mid[1])),
                         facing_deg=round(facing_deg(facing), 3), width_m=round(part, 3)))
    return out


POST_SNAP_M = 2.0  # a drag's end this near a gate post (a fence or wall end) is taken to mean the post
GATE_OVERLAP_M = 2.0  # a line across a gate reaches this far past each post (levels 1-6: 12 m for 8 m)
GATE_SET_BACK_M = 0.5  # and stands this far behind the posts, on its own side, clear of the fence


def posts(world: World) -> np.ndarray:
    """(n, 2) the gate posts and fence ends of the map: the two ends of every fence, wall and
    gate drawn as a line (an open gate's gap lies between two of them)."""
    ends = {tuple(map(float, o.shape.points[k])) for o in world.scenario.obstacles
            if isinstance(o.shape, Polyline) and o.kind in (ObstacleKind.FENCE, ObstacleKind.WALL, ObstacleKind.GATE)
            for k in (0, -1)}
    return np.array(sorted(ends), float).reshape(-1, 2)


def snap_to_gate(world: World, units: list[Unit], start: tuple[float, float],
                 end: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float], np.ndarray | None]:
    """A drag across a gap between two posts, each end within `POST_SNAP_M` of one, closes the
    gap: the line runs from `GATE_OVERLAP_M` beyond one post to as far beyond the other,
    `GATE_SET_BACK_M` behind them on the units' side. Returns the line's ends and the two posts
    it snapped to (if it did not: the drag's own ends and None)."""
    found = posts(world)
    if len(found) < 2 or not units:
        return start, end, None
    picked = []
    for point in (start, end):
        d = np.hypot(*(found - np.asarray(point, float)).T)
        k = int(np.argmin(d))
        if d[k] > POST_SNAP_M:
            return start, end, None
        picked.append(found[k])
    a, b = picked
    along = b - a
    length = float(np.hypot(*along))
    if length < 1e-6:
        return start, end, None
    u_hat = along / length
    normal = np.array([-u_hat[1], u_hat[0]])
    centre = np.mean([unit_centre(world, u) for u in units], axis=0)
    side = 1.0 if float((centre - (a + b) / 2) @ normal) >= 0 else -1.0
    back = normal * side * GATE_SET_BACK_M
    a2, b2 = a - u_hat * GATE_OVERLAP_M + back, b + u_hat * GATE_OVERLAP_M + back
    return (float(a2[0]), float(a2[1])), (float(b2[0]), float(b2[1])), np.array([a, b])


def move_order(world: World, unit: Unit, point: tuple[float, float]) -> Order:
    """A right click: the unit goes to `point` and forms up there as it stands (its formation,
    width and facing)."""
    return Order(world.t, unit.id, OrderKind.FORM, point=(float(point[0]), float(point[1])))


def unit_centre(world: World, unit: Unit) -> np.ndarray:
    """Where a unit stands: the mean of its officers on the map (its anchor if none is)."""
    b = world.bodies
    rows = slice(unit.first, unit.first + unit.count)
    on = b.in_space()[rows]
    if not on.any():
        return np.asarray(unit.anchor, float)
    return b.pos[rows][on].mean(axis=0)


def unit_at(world: World, point: tuple[float, float], reach_m: float = PICK_OFFICER_M) -> Unit | None:
    """The unit of the officer (or vehicle) nearest `point`, if one is within `reach_m`."""
    p = np.asarray(point, float)
    for vehicle in world.vehicles.by_unit.values():
        if float(np.hypot(*(vehicle.pos - p))) < 3.0:
            return vehicle.unit
    b = world.bodies
    nc = b.n_crowd
    if b.n == nc:
        return None
    officers = b.pos[nc:]
    d = np.hypot(*(officers - p).T)
    d[~b.in_space()[nc:]] = np.inf
    k = int(np.argmin(d))
    if d[k] > max(reach_m, float(b.radius[nc + k]) + 0.3):
        return None
    return world.units[int(world.officers.unit[k])]


def units_in_box(world: World, a: tuple[float, float], b_: tuple[float, float]) -> list[Unit]:
    """Units with an officer (or their vehicle) inside the box with corners `a` and `b_`."""
    lo = np.minimum(a, b_)
    hi = np.maximum(a, b_)
    b = world.bodies
    nc = b.n_crowd
    pos = b.pos[nc:]
    inside = np.all((pos >= lo) & (pos <= hi), axis=1) & b.in_space()[nc:]
    hit = set(np.unique(world.officers.unit[inside]).tolist())
    for vehicle in world.vehicles.by_unit.values():
        if np.all((vehicle.pos >= lo) & (vehicle.pos <= hi)):
            hit.add(world.units.index(vehicle.unit))
    return [u for k, u in enumerate(world.units) if k in hit]


def person_at(world: World, point: tuple[float, float], reach_m: float = PICK_PERSON_M) -> int | None:
    """Body index of the crowd member on the map nearest `point`, if one is within `reach_m`."""
    b = world.bodies
    nc = b.n_crowd
    if nc == 0:
        return None
    d = np.hypot(*(b.pos[:nc] - np.asarray(point, float)).T)
    d[b.state[:nc] != BodyState.ACTIVE] = np.inf
    k = int(np.argmin(d))
    return k if d[k] <= reach_m else None


def korlap_at(world: World, point: tuple[float, float], reach_m: float = PICK_KORLAP_M) -> int | None:
    """Body index of the korlap on the map, free to talk (not arrested), nearest `point`, if one
    is within `reach_m`."""
    b, c = world.bodies, world.crowd
    nc = b.n_crowd
    free = np.flatnonzero((b.state[:nc] == BodyState.ACTIVE) & (c.role == Crowd.ROLES.index(Role.KORLAP)) & ~c.arrested)
    if len(free) == 0:
        return None
    d = np.hypot(*(b.pos[free] - np.asarray(point, float)).T)
    k = int(np.argmin(d))
    return int(free[k]) if d[k] <= reach_m else None


def targeted_order(world: World, unit: Unit, key: OrderKey, point: tuple[float, float]) -> Order | None:
    """The order `key` for `unit` aimed by a click at `point`; None if the click gives it no
    target (no person, no unit to relieve there)."""
    p = (float(point[0]), float(point[1]))
    if key.target == "person":
        person = person_at(world, point)
        if person is None:
            return None
        return Order(world.t, unit.id, key.kind, point=p, person=person)
    if key.target == "korlap":  # him, or a click on his crowd: the korlap nearest it
        korlap = korlap_at(world, point)
        if korlap is not None:
            return Order(world.t, unit.id, key.kind, point=tuple(map(float, world.bodies.pos[korlap])), person=korlap)
        return Order(world.t, unit.id, key.kind, point=p) if person_at(world, point) is not None else None
    if key.target == "unit":
        other = unit_at(world, point, reach_m=3.0)
        if other is None or other.id == unit.id:
            return None
        return Order(world.t, unit.id, key.kind, relieve=other.id)
    return Order(world.t, unit.id, key.kind, point=p)


def within_limits(order: Order, scenario) -> Order:
    """`order` with its point moved onto the map and its frontage into the range an order plan
    allows (a click beside the map, a very short drag), so that every order given can be written
    to a replay and read back (`sispam.level.plan`)."""
    changes = {}
    if order.point is not None:
        w, h = scenario.size
        changes["point"] = (min(max(float(order.point[0]), 0.0), w), min(max(float(order.point[1]), 0.0), h))
    if order.width_m is not None:
        changes["width_m"] = min(max(order.width_m, 1.0), 200.0)
    return replace(order, **changes) if changes else order
