"""The water cannon: a heavy vehicle driven by FORM orders, and a jet that pushes and soaks only
the people in its cone, in range and in sight."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from area_scenarios import square

from sispam.sim.navigation import WallField
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.police.water_cannon import NOZZLE_FORWARD_M
from sispam.sim.scenario import Obstacle, ObstacleKind, Polyline, Rect, UnitType
from sispam.sim.sight import clear_paths, in_sight
from sispam.sim.world import World

AWC = (("awc", UnitType.WATER_CANNON, 3, (25.0, 5.0), 90.0),)  # facing north, nozzle at (25, 6.5)
PEOPLE = 8


def _spray(world: World, point, until: float, duration_s: float = 5.0) -> None:
    world.run_until(6.0)  # everyone has arrived and stands at his point
    world.command.issue(Order(world.t, "awc", OrderKind.WATER_CANNON, point=point, duration_s=duration_s))
    world.run_until(until)


def test_jet_soaks_and_pushes_only_people_in_the_cone_and_in_range():
    groups = (("aimed", PEOPLE, (25.0, 20.0)),  # in the cone, 13.5 m from the nozzle
              ("aside", PEOPLE, (37.0, 17.0)),  # 16 m away but 41° off the aim line
              ("far", PEOPLE, (25.0, 45.0)))  # on the aim line, 38 m away: beyond range
    w = World(square(groups=groups, units=AWC))
    quiet = World(square(groups=groups, units=AWC))
    _spray(w, (25.0, 20.0), until=16.0)  # effective at 11 s (5 s command delay), sprays until 16 s
    quiet.run_until(16.0)
    aimed, aside, far = (np.arange(k * PEOPLE, (k + 1) * PEOPLE) for k in range(3))
    soaked = w.crowd.soaked_s
    assert (soaked[aimed] > 4.0).all()
    assert (soaked[aside] == 0).all() and (soaked[far] == 0).all()
    nozzle = w.vehicles.by_unit["awc"].point(NOZZLE_FORWARD_M)

    def mean_distance(world, idx):
        return float(np.hypot(*(world.bodies.pos[idx] - nozzle).T).mean())

    assert mean_distance(w, aimed) > mean_distance(quiet, aimed) + 0.5  # the jet drove them back
    for idx in (aside, far):
        assert abs(mean_distance(w, idx) - mean_distance(quiet, idx)) < 0.1
    outcome = w.command.log[0].outcome
    assert outcome["people_hit"] == PEOPLE and outcome["litres"] > 0
    assert w.ladder.applications[0].touched.sum() == PEOPLE


def test_a_wall_shields_the_people_behind_it():
    groups = (("behind", PEOPLE, (25.0, 20.0)),)
    wall = Rect((20.0, 14.0), (30.0, 14.5))
    shielded = World(square(groups=groups, units=AWC, walls=(wall,)))
    open_ = World(square(groups=groups, units=AWC))
    for w in (shielded, open_):
        _spray(w, (25.0, 20.0), until=14.0)
    assert (shielded.crowd.soaked_s == 0).all()
    assert (open_.crowd.soaked_s > 2.0).all()


def test_form_drives_the_vehicle_and_the_crew_rides_in_it():
    w = World(square(units=AWC))
    crew = w.units[0].indices
    assert not w.bodies.in_space()[crew].any()  # aboard, not on the map
    v = w.vehicles.by_unit["awc"]
    w.command.issue(Order(0.0, "awc", OrderKind.FORM, point=(15.0, 20.0), facing_deg=0.0))
    w.run_until(6.0)
    assert 0.5 < np.hypot(*(v.pos - (25.0, 5.0))) < 10.0  # under way, at a truck's walking pace
    assert w.command.log[0].status == "active"  # not formed before the vehicle stands there
    w.run_until(40.0)
    assert np.hypot(*(v.pos - (15.0, 20.0))) < 0.35
    assert abs(v.facing_deg) < 1.0
    assert w.command.log[0].status == "done"


def test_line_of_sight_is_cut_by_a_thin_fence_at_any_angle():
    fence = Obstacle("fence", ObstacleKind.FENCE, Polyline(((10.0, 30.0), (40.0, 30.0)), 0.1))
    walls = WallField(replace(square(), obstacles=(fence,)))
    origin = np.array([25.0, 10.0])
    angles = np.radians(np.linspace(-35.0, 35.0, 141))
    beyond = origin + np.column_stack((np.sin(angles), np.cos(angles))) * (25.0 / np.cos(angles))[:, None]
    short = origin + (beyond - origin) * 0.7  # the same rays, stopping before the fence
    assert not in_sight(walls, origin, beyond, 0.25).any()
    assert in_sight(walls, origin, short, 0.25).all()


def test_many_origins_at_once_see_exactly_what_each_sees_alone():
    fence = Obstacle("fence", ObstacleKind.FENCE, Polyline(((10.0, 30.0), (40.0, 30.0)), 0.1))
    walls = WallField(replace(square(), obstacles=(fence,)))
    rng = np.random.default_rng(3)
    origins = rng.uniform(5.0, 45.0, (200, 2))
    targets = rng.uniform(5.0, 45.0, (200, 2))
    together = clear_paths(walls, origins, targets)
    alone = np.array([in_sight(walls, o, t[None], 0.0)[0] for o, t in zip(origins, targets, strict=True)])
    assert (together == alone).all()
    crossing = (origins[:, 1] - 30.0) * (targets[:, 1] - 30.0) < 0
    assert not together[crossing & (np.minimum(origins[:, 0], targets[:, 0]) > 12.0)
                        & (np.maximum(origins[:, 0], targets[:, 0]) < 38.0)].any()  # through the fence: never
    assert together[~crossing].mean() > 0.9  # the same side: (nearly) always
