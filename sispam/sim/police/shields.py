"""Shields: a segment on the front of each shield officer's body, and which directions it covers.

A riot shield is carried in front of the chest; Polri's fibre shields (tameng) are about
0.55 m wide (Protap Korbrimob 01/IX/2004 speaks of the "tameng penyekat"; catalogue shields of
this type measure 50-60 cm by 90-110 cm). The shield is a `pymunk.Segment` on the officer's own
body, in the body's frame, across the front of the body circle: everything that pushes on it
pushes on the officer, and the contact loads (summed per body in `contacts`) count it as his.

Officer bodies have an infinite moment, so their angle only changes when it is set: each
officer's `body.angle` is kept equal to his unit's facing (local +x = forward), set whenever the
unit takes a new facing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pymunk

from sispam.sim import params, pmath
from sispam.sim.physics import Category, CollisionType, shape_filter

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit
    from sispam.sim.world import World

SHIELD_WIDTH_M = 0.55
SHIELD_RADIUS_M = 0.03  # half the thickness of the segment (fibre shield with its rim)


def shield_offset_m(body_radius_m: float) -> float:
    """Distance from the body's centre to the shield's centre line. The shield's face is flush
    with the front of the body circle: it widens the front without reaching further forward, so
    people who keep their distance from an officer (headway, social repulsion, both measured to
    his circle) do not walk into his shield."""
    return body_radius_m - SHIELD_RADIUS_M


def reach_m(body_radius_m: float) -> float:
    """How far from an officer's centre his shield reaches (its corners): the size people keep
    their distance from, as they do from his body (see `social_radius`)."""
    return pmath.hypot(shield_offset_m(body_radius_m), SHIELD_WIDTH_M / 2) + SHIELD_RADIUS_M


def social_radius(world: World) -> np.ndarray:
    """Every body's size as people see it when keeping their distance: the body's radius, or
    for an officer with a shield the shield's reach. Calm people stop short of a shield line
    instead of pressing into the corners of the shields."""
    radius = world.bodies.radius.copy()
    for unit in world.units:
        if unit.spec.shield:
            radius[unit.indices] = reach_m(unit.spec.radius_m)
    return radius


def cover_half_angle_deg(body_radius_m: float) -> float:
    """Half the angle, seen from the officer's centre, that his shield spans."""
    return math.degrees(pmath.arctan2(SHIELD_WIDTH_M / 2, shield_offset_m(body_radius_m)))


def shield_covers(facing_deg: np.ndarray | float, towards: np.ndarray, body_radius_m: float,
                  shields_up: np.ndarray | bool = False) -> np.ndarray:
    """Whether a shield covers the direction `towards` (vectors from the officer to the threat).

    Args:
        facing_deg: each officer's facing (degrees, counter-clockwise from +x).
        towards: (n, 2) or (2,) direction from the officer towards where the threat comes from
            (its length does not matter; a zero vector is not covered).
        body_radius_m: the officers' body radius (sets the angle the shield spans).
        shields_up: berlindung: shields raised over the head as well cover a wider arc; this
            adds 30° either side (the raised shields of the neighbours overlap).

    Returns:
        bool array: True where the direction lies within the shield's arc.
    """
    towards = np.atleast_2d(np.asarray(towards, float))
    f = np.radians(np.asarray(facing_deg, float))
    fwd = np.stack((pmath.cos(f), pmath.sin(f)), axis=-1)
    length = pmath.hypot(towards[:, 0], towards[:, 1])
    cos = (towards * fwd).sum(axis=-1) / np.maximum(length, 1e-12)
    half = cover_half_angle_deg(body_radius_m) + np.where(shields_up, 30.0, 0.0)
    covered: np.ndarray = (length > 0) & (cos >= pmath.cos(np.radians(half)))
    return covered


def equip(world: World, unit: Unit, i: int) -> None:
    """Give officer `i` (body index) of a shield unit his shield, facing the unit's facing."""
    if not unit.spec.shield:
        return
    body = world._pymunk_bodies[i]
    assert body is not None  # an officer being equipped is in the space
    x = shield_offset_m(unit.spec.radius_m)
    half = SHIELD_WIDTH_M / 2
    shield = pymunk.Segment(body, (x, -half), (x, half), SHIELD_RADIUS_M)
    shield.friction = params.BODY_FRICTION
    shield.collision_type = CollisionType.OFFICER
    shield.filter = shape_filter(Category.SHIELD)
    world.space.add(shield)
    body.angle = math.radians(unit.facing_deg)


def face(world: World, unit: Unit) -> None:
    """Turn every officer of the unit (and his shield) to the unit's facing."""
    angle = math.radians(unit.facing_deg)
    for i in unit.indices:
        body = world._pymunk_bodies[i]
        if body is not None:
            body.angle = angle


def set_passing(world: World, unit: Unit, passing: bool) -> None:
    """Let a unit's officers (and shields) pass through other officers, or stop letting them."""
    for i in unit.indices:
        body = world._pymunk_bodies[i]
        if body is None:
            continue
        for shape in body.shapes:
            category = Category.SHIELD if isinstance(shape, pymunk.Segment) else Category.OFFICER
            shape.filter = shape_filter(category, passing)
