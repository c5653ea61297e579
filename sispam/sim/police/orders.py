"""Orders: what a commander tells a unit, with the force stage each one uses (SPEC §4).

An `Order` is a plain value. The UI builds one from a click or a drag, an order plan builds one
from a file line, and `Command.issue` takes either the same way. Each kind has an `OrderSpec`:
its use-of-force stage (Perkap 1/2009 Pasal 5), the command delay before it takes effect, and
the unit types that can carry it out.

Stages (Perkap 1/2009 Pasal 5, see docs/research/domain.md): 1 presence (deterrent), 2 verbal
orders, 3 soft empty-hand control, 4 hard empty-hand control, 5 blunt or chemical means. Stage 6
(firearms) has no order here: firearms do not exist in the game.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from numbers import Integral

from sispam.sim.scenario import Formation, UnitType, Vec2


class OrderKind(StrEnum):
    """Every order a unit can be given; the value is the name plans and replays use."""

    FORM = "form"  # move and form up on a line: position, width, facing, formation
    HOLD = "hold"  # siaga: stand on the current slots
    BRACE = "brace"  # close the ranks and lean into the load
    BERLINDUNG = "berlindung"  # shields up against projectiles; the line stands
    DESAK = "desak"  # press forward slowly and steadily
    DORONG = "dorong"  # push forward
    FALL_BACK = "fall_back"  # withdraw, facing the crowd
    LAPIS_GANTI = "lapis_ganti"  # Dalmas Lanjut takes over the line of a Dalmas Awal unit
    LINTAS_GANTI = "lintas_ganti"  # Brimob PHH takes over the line of a Dalmas unit
    ARREST = "arrest"  # tim tangkap seizes a person and brings him back
    NEGOTIATE = "negotiate"  # negosiator talks with a korlap
    APPEAL = "appeal"  # imbauan over the loudspeaker
    DISPERSAL_ORDER = "perintah_bubar"  # the lawful order to disperse (UU 9/1998), over the loudspeaker
    WATER_CANNON = "water_cannon"  # spray an aimed cone of water
    TEAR_GAS = "tear_gas"  # fire a salvo of tear gas at a point
    DISPERSE = "disperse"  # Raimas sweeps an area and breaks the crowd up
    EXTINGUISH = "extinguish"  # Damkar puts out a fire
    EVACUATE = "evacuate"  # medics carry a casualty to the ambulance point
    REQUEST = "request"  # call up a unit held in reserve (TNI, reinforcements)


LINE_UNITS = frozenset({
    UnitType.DALMAS_AWAL, UnitType.DALMAS_LANJUT, UnitType.BRIMOB_PHH, UnitType.RAIMAS,
    UnitType.TNI, UnitType.SATPOL_PP,
})
ALL_UNITS = frozenset(UnitType)
# Polri units: the verbal step of Perkap 1/2009 is the police's (not the TNI's, nor Satpol PP's,
# a local-government force; nor the fire brigade's or the medics').
POLICE_UNITS = ALL_UNITS - {UnitType.DAMKAR, UnitType.AMBULANCE, UnitType.TNI, UnitType.SATPOL_PP}
SHIELD_UNITS = frozenset({UnitType.DALMAS_LANJUT, UnitType.BRIMOB_PHH})


@dataclass(frozen=True, slots=True)
class OrderSpec:
    """What an order kind is.

    Attributes:
        stage: use-of-force stage 1-5 (Perkap 1/2009 Pasal 5).
        delay_s: command delay: from the order to its first effect (relayed by radio and the
            platoon commander's voice; longer for vehicles and gas, which must aim).
        units: unit types that can carry it out.
        needs: parameters an order of this kind must have ("a|b": one of them).
    """

    stage: int
    delay_s: float
    units: frozenset[UnitType]
    needs: tuple[str, ...] = ()


ORDER_SPECS: dict[OrderKind, OrderSpec] = {
    OrderKind.FORM: OrderSpec(1, 2.0, ALL_UNITS, ("point",)),
    OrderKind.HOLD: OrderSpec(1, 1.0, ALL_UNITS),
    OrderKind.BRACE: OrderSpec(1, 1.0, LINE_UNITS),
    OrderKind.BERLINDUNG: OrderSpec(1, 1.0, SHIELD_UNITS),
    OrderKind.DESAK: OrderSpec(3, 2.0, LINE_UNITS),
    OrderKind.DORONG: OrderSpec(4, 2.0, LINE_UNITS),
    OrderKind.FALL_BACK: OrderSpec(1, 2.0, ALL_UNITS),
    OrderKind.LAPIS_GANTI: OrderSpec(1, 3.0, frozenset({UnitType.DALMAS_LANJUT}), ("relieve",)),
    OrderKind.LINTAS_GANTI: OrderSpec(1, 3.0, frozenset({UnitType.BRIMOB_PHH}), ("relieve",)),
    OrderKind.ARREST: OrderSpec(4, 3.0, frozenset({UnitType.TIM_TANGKAP}), ("point|person",)),
    OrderKind.NEGOTIATE: OrderSpec(2, 2.0, frozenset({UnitType.NEGOSIATOR})),
    OrderKind.APPEAL: OrderSpec(2, 2.0, POLICE_UNITS),
    OrderKind.DISPERSAL_ORDER: OrderSpec(2, 2.0, POLICE_UNITS),
    OrderKind.WATER_CANNON: OrderSpec(5, 5.0, frozenset({UnitType.WATER_CANNON}), ("point",)),
    # Gas launchers are Dalmas Lanjut and PHH equipment (domain.md: "penembak gas air mata").
    OrderKind.TEAR_GAS: OrderSpec(
        5, 4.0, frozenset({UnitType.GAS_TEAM, UnitType.DALMAS_LANJUT, UnitType.BRIMOB_PHH}), ("point",)
    ),
    OrderKind.DISPERSE: OrderSpec(4, 3.0, frozenset({UnitType.RAIMAS}), ("point",)),
    OrderKind.EXTINGUISH: OrderSpec(1, 3.0, frozenset({UnitType.DAMKAR}), ("point",)),
    OrderKind.EVACUATE: OrderSpec(1, 2.0, frozenset({UnitType.AMBULANCE})),
    OrderKind.REQUEST: OrderSpec(1, 0.0, ALL_UNITS),
}

# Formations a unit type can take. Tali Dalmas is the rope of Dalmas Awal (and Satpol PP, who
# train with it); linked arms need free hands, so no shield units.
ROPE_UNITS = frozenset({UnitType.DALMAS_AWAL, UnitType.SATPOL_PP})
ARMS_UNITS = frozenset({UnitType.DALMAS_AWAL, UnitType.SATPOL_PP, UnitType.TNI})


def formation_allowed(unit_type: UnitType, formation: Formation) -> bool:
    """Whether a unit of this type can take this formation."""
    if formation is Formation.TALI_DALMAS:
        return unit_type in ROPE_UNITS
    if formation is Formation.TANGAN_BERKAIT:
        return unit_type in ARMS_UNITS
    return True


@dataclass(frozen=True, slots=True)
class Order:
    """One order to one unit.

    Attributes:
        t: simulation time the order is given (s). `Command.issue` may set it to "now".
        unit: id of the unit.
        kind: what to do.
        point: FORM: anchor (centre of the new front rank); ARREST: where the person is (the
            nearest matching person is chosen when the order takes effect); WATER_CANNON,
            TEAR_GAS: aim point; DISPERSE, EXTINGUISH: where; FALL_BACK, DESAK, DORONG: optional
            point to go to (default: `distance_m` along or against the facing).
        facing_deg: FORM: facing of the new front (default: keep).
        width_m: FORM: frontage (default: keep).
        formation: FORM: formation (default: keep).
        ranks: FORM: ranks for bersaf (default: keep).
        distance_m: DESAK, DORONG, FALL_BACK: how far (default 5, 5, 10 m).
        person: ARREST, EVACUATE: body index of the chosen person (the UI sends it; plans give a
            point and optionally a role instead); NEGOTIATE: the korlap to talk with.
        role: ARREST: only people of this crowd role (e.g. "provokator") who are resisting (aktif or
            agresif); the team lets its man be if he stops resisting before it has him.
        relieve: LAPIS_GANTI, LINTAS_GANTI: id of the unit whose line is taken over.
        duration_s: how long: WATER_CANNON sprays (default 10 s), APPEAL lasts (default 30 s),
            NEGOTIATE talks and DISPERSE sweeps (default: until the next order, 60 s).
        source_line: line in the order plan it came from (0 = not from a file); not compared.
    """

    t: float
    unit: str
    kind: OrderKind
    point: Vec2 | None = None
    facing_deg: float | None = None
    width_m: float | None = None
    formation: Formation | None = None
    ranks: int | None = None
    distance_m: float | None = None
    person: int | None = None
    role: str | None = None
    relieve: str | None = None
    duration_s: float | None = None
    source_line: int = field(default=0, compare=False)

    @property
    def spec(self) -> OrderSpec:
        """The kind's stage, delay and unit types."""
        return ORDER_SPECS[self.kind]


def order_problem(order: Order, unit_type: UnitType | None, unit_ids: frozenset[str]) -> str | None:
    """Why a unit of `unit_type` cannot carry out `order` (None if it can); `order_issue` says
    which of the order's keys it is about."""
    issue = order_issue(order, unit_type, unit_ids)
    return None if issue is None else issue[1]


def order_issue(order: Order, unit_type: UnitType | None, unit_ids: frozenset[str]) -> tuple[str, str] | None:
    """(the order's key it is about, why) a unit of `unit_type` cannot carry out `order`, or
    None if it can.

    Args:
        order: the order.
        unit_type: type of the unit the order names; None if there is no such unit.
        unit_ids: ids of every unit, to check a relieved unit exists.
    """
    if unit_type is None:
        known = ", ".join(sorted(unit_ids)) or "none"
        return "unit", f"there is no unit '{order.unit}' (units: {known})"
    value = _value_problem(order)
    if value is not None:
        return value
    spec = order.spec
    if unit_type not in spec.units:
        able = ", ".join(sorted(str(u) for u in spec.units))
        return "order", f"a {unit_type} unit cannot '{order.kind}'; units that can: {able}"
    for need in spec.needs:
        names = need.split("|")  # "point|person": one of them
        if all(getattr(order, name) is None for name in names):
            return names[0], f"'{order.kind}' needs " + " or ".join(f"'{name}'" for name in names)
    if order.formation is not None and not formation_allowed(unit_type, order.formation):
        return "formation", f"a {unit_type} unit cannot form '{order.formation}'"
    if order.relieve is not None:
        if order.relieve not in unit_ids:
            return "relieve", f"there is no unit '{order.relieve}' to relieve"
        if order.relieve == order.unit:
            return "relieve", "a unit cannot relieve itself"
    return None


def _value_problem(order: Order) -> tuple[str, str] | None:
    """(key, why) of a value no order may have: an unknown kind or formation, a time, point or
    length that is not a finite number, a length or duration that is not positive."""
    if not isinstance(order.kind, OrderKind):
        return "order", f"unknown order '{order.kind}'"
    if order.formation is not None and not isinstance(order.formation, Formation):
        return "formation", f"unknown formation '{order.formation}'"
    numbers = {"t": order.t, "facing_deg": order.facing_deg, "width_m": order.width_m,
               "distance_m": order.distance_m, "duration_s": order.duration_s}
    if order.point is not None:
        if len(order.point) != 2:
            return "point", "'point' must be [x, y]"
        numbers |= {"point": order.point[0], "point ": order.point[1]}
    for name, v in numbers.items():
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)):
            return name.strip(), f"'{name.strip()}' must be a finite number, not {v!r}"
    for name in ("width_m", "distance_m", "duration_s"):
        v = getattr(order, name)
        if v is not None and v <= 0:
            return name, f"'{name}' must be more than 0, not {v:g}"
    if order.person is not None and (isinstance(order.person, bool) or not isinstance(order.person, Integral)
                                     or order.person < 0):  # Integral: numpy's from np.argmax too
        return "person", f"'person' must be a whole number from 0 (a crowd member's index), not {order.person!r}"
    if order.ranks is not None and order.ranks not in (1, 2, 3):
        return "ranks", f"'ranks' must be 1, 2 or 3, not {order.ranks!r}"
    return None
