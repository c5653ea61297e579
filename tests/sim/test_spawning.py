"""People arrive where there is floor: thin zones, crowded zones and late units."""

from __future__ import annotations

import time

import numpy as np

from sispam.sim.bodies import BodyState
from sispam.sim.geometry import points_in_shape
from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    PoliceUnit,
    Polygon,
    Rect,
    Role,
    Scenario,
    Text,
    UnitType,
    Zone,
    ZoneRole,
)
from sispam.sim.world import World


def scenario(spawn_shape, count: int, *, units=()) -> Scenario:
    return Scenario(
        mood=False,  # physics fixture: agitation stays as set
        id="spawn", title=Text("", ""), briefing=Text("", ""), size=(200.0, 200.0), seed=4, duration_s=60.0,
        zones=(Zone("start", ZoneRole.SPAWN, spawn_shape), Zone("goal", ZoneRole.PROTECTED, Rect((150, 5), (190, 40)))),
        crowd=(CrowdGroup("g", count, "start", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="goal")),),
        units=units,
    )


def test_a_thin_diagonal_spawn_zone_fills_quickly_and_only_inside():
    sliver = Polygon(((1.0, 1.0), (199.0, 199.0), (198.5, 199.0)))  # 0.5 m wide at its far end
    world = World(scenario(sliver, 40))
    started = time.monotonic()
    world.run_until(2.0)
    assert time.monotonic() - started < 20.0
    arrived = world.bodies.state[:40] != BodyState.WAITING
    assert arrived.sum() >= 30
    first_positions = world.bodies.pos[:40][arrived]
    assert len(first_positions) > 0


def test_people_wait_when_their_spawn_zone_is_full_and_arrive_as_it_empties():
    world = World(scenario(Rect((1.0, 1.0), (3.0, 3.0)), 300))
    world.run_until(1.0)
    on_map = (world.bodies.state[:300] != BodyState.WAITING).sum()
    assert 5 <= on_map <= 40  # a 2 m x 2 m patch holds a handful at a time
    here = world.bodies.state[:300] == BodyState.ACTIVE
    placed, radius = world.bodies.pos[:300][here], world.bodies.radius[:300][here]
    gaps = np.hypot(*(placed[:, None] - placed[None]).transpose(2, 0, 1)) + np.eye(len(placed)) * 9
    assert (gaps - radius[:, None] - radius[None]).min() > -0.02  # nobody was dropped on top of anybody
    world.run_until(40.0)
    assert (world.bodies.state[:300] != BodyState.WAITING).sum() > on_map + 100


def test_everyone_spawns_inside_the_zone_and_off_the_walls():
    zone = Rect((10.0, 10.0), (20.0, 14.0))
    world = World(scenario(zone, 60))
    world.step()
    placed = world.bodies.state[:60] == BodyState.ACTIVE
    assert placed.sum() > 40
    assert points_in_shape(world.bodies.pos[:60][placed], zone, margin=0.1).all()


def test_a_unit_arriving_late_appears_at_its_time():
    unit = PoliceUnit("late", UnitType.DALMAS_LANJUT, 10, Formation.BERSAF, (100.0, 100.0), 0.0, None, 1, 5.0)
    world = World(scenario(Rect((1.0, 1.0), (20.0, 20.0)), 10, units=(unit,)))
    officers = world.bodies.officers
    world.run_until(4.9)
    assert (world.bodies.state[officers] == BodyState.WAITING).all()
    world.run_until(5.2)
    assert (world.bodies.state[officers] == BodyState.ACTIVE).all()
    assert [e.t for e in world.events if e.kind == "unit_arrived"] == [5.0]


def test_a_late_unit_waits_for_people_standing_on_its_slots():
    crowd_spot = Rect((95.0, 99.5), (105.0, 100.5))
    unit = PoliceUnit("late", UnitType.DALMAS_LANJUT, 10, Formation.BERSAF, (100.0, 100.0), 0.0, None, 1, 1.0)
    world = World(Scenario(
        mood=False,
        id="slots", title=Text("", ""), briefing=Text("", ""), size=(200.0, 200.0), seed=4, duration_s=60.0,
        zones=(Zone("street", ZoneRole.SPAWN, crowd_spot),
               Zone("goal", ZoneRole.PROTECTED, Rect((0, 150), (200, 200)))),
        crowd=(CrowdGroup("g", 15, "street", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="goal")),),
        units=(unit,),
    ))
    world.run_until(1.1)
    b = world.bodies
    officers = np.flatnonzero(b.state[b.officers] == BodyState.ACTIVE) + b.n_crowd
    crowd = np.flatnonzero(b.state[: b.n_crowd] == BodyState.ACTIVE)
    gaps = np.hypot(*(b.pos[officers, None] - b.pos[None, crowd]).transpose(2, 0, 1)) \
        - b.radius[officers, None] - b.radius[None, crowd]
    assert len(officers) == 0 or gaps.min() > -0.05  # nobody was placed on top of anybody
    world.run_until(30.0)  # the crowd walks north, off the slots
    assert (b.state[b.officers] == BodyState.ACTIVE).all()
