"""A crowd driven at a police line loads it: loads, densities and injuries under pushing."""

from __future__ import annotations

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.sim import params
from sispam.sim.bodies import Bodies, BodyKind, BodyState
from sispam.sim.metrics import update_strain
from sispam.sim.scenario import UnitType
from sispam.sim.world import World


def mean_line_load(**kwargs) -> float:
    """Mean push on the line (N) between 12 s and 25 s, once the crowd has reached it."""
    world = World(push_against_line(**kwargs))
    loads = []
    while world.t < 25.0:
        world.step()
        if world.t > 12.0:
            loads.append(world.measure.line_load_n[0])
    return float(np.mean(loads))


def test_line_load_grows_with_the_number_of_pushing_people():
    few, many = mean_line_load(people=60, agitation=0.5), mean_line_load(people=180, agitation=0.5)
    assert few > 300.0
    assert many > 1.4 * few


def test_line_load_grows_with_the_pushers_desired_speed():
    slow = mean_line_load(people=120, agitation=0.5, speed_mps=1.0)
    fast = mean_line_load(people=120, agitation=0.5, speed_mps=1.8)
    assert fast > 1.4 * slow


def test_a_calm_crowd_does_not_push_the_line():
    assert mean_line_load(people=300, agitation=0.0) < 100.0


@pytest.mark.parametrize(("people", "agitation", "pushing"), [
    pytest.param(100, 0.0, False, id="100-calm"),
    pytest.param(300, 0.0, False, id="300-calm"),
    pytest.param(150, 0.8, True, id="150-pushing"),
    pytest.param(300, 0.8, True, id="300-pushing"),
])
def test_densities_above_6_per_m2_appear_only_under_pushing(people, agitation, pushing):
    world = World(push_against_line(people=people, agitation=agitation))
    world.run_until(25.0)
    assert bool(world.measure.max_density_ppm2 > 6.0) == pushing


def injury_limit_n(world: World) -> np.ndarray:
    """Each crowd member's injury load: 1,600 N/m over his circumference (HFV2000)."""
    return params.INJURY_LINE_PRESSURE_N_PER_M * 2 * np.pi * world.bodies.radius[: world.bodies.n_crowd]


def test_injuries_appear_only_after_load_past_the_threshold_is_sustained():
    world = World(push_against_line(people=300, agitation=0.8))
    n = world.bodies.n_crowd
    limit = injury_limit_n(world)
    over_s = np.zeros(n)  # our own bookkeeping of time spent over the limit, with recovery
    injured_seen = 0
    while world.t < 25.0:
        before = world.bodies.state[:n].copy()
        world.step()
        load = world.bodies.load_n[:n]
        over_s = np.where(load > limit, over_s + world.dt,
                          np.maximum(over_s - params.STRAIN_RECOVERY_RATE * world.dt, 0.0))
        newly = (before == BodyState.ACTIVE) & (world.bodies.state[:n] == BodyState.INJURED)
        if newly.any():
            assert np.all(over_s[newly] >= params.INJURY_SUSTAIN_S - 1e-9)
            injured_seen += int(newly.sum())
    assert injured_seen > 0, "a hard push of 300 people in a street should injure someone"
    assert world.injuries["civilian"] == injured_seen


@pytest.mark.parametrize(("seconds_over", "injured"), [
    pytest.param(params.INJURY_SUSTAIN_S - 0.05, False, id="just-short"),
    pytest.param(params.INJURY_SUSTAIN_S, True, id="sustained"),
])
def test_the_strain_rule_counts_time_over_the_limit(seconds_over, injured):
    bodies = Bodies(1, 0)
    steps = round(seconds_over / 0.05)
    limit = np.array([2000.0])
    for _ in range(steps):
        update_strain(bodies, limit, np.array([2001.0]), 0.05)
    assert bool(bodies.strain_s[0] >= params.INJURY_SUSTAIN_S - 1e-9) == injured


def test_relief_drains_strain_at_half_the_rate_it_builds():
    bodies = Bodies(1, 0)
    for _ in range(10):  # 0.5 s over the limit
        update_strain(bodies, np.array([2000.0]), np.array([3000.0]), 0.05)
    for _ in range(10):  # 0.5 s of relief takes 0.25 s of strain away
        update_strain(bodies, np.array([2000.0]), np.array([100.0]), 0.05)
    assert bodies.strain_s[0] == pytest.approx(0.25)


def test_no_injuries_when_loads_stay_below_the_threshold():
    world = World(push_against_line(people=300, agitation=0.0))
    n = world.bodies.n_crowd
    limit = injury_limit_n(world)
    sustained = np.zeros(n)
    while world.t < 25.0:
        world.step()
        sustained = np.where(world.bodies.load_n[:n] > limit, sustained + world.dt, 0.0)
        assert sustained.max() < params.INJURY_SUSTAIN_S
    assert world.injuries == {"civilian": 0, "officer": 0}


def test_the_injured_lie_as_obstacles_that_others_cannot_walk_through():
    world = World(push_against_line(people=300, agitation=0.8))
    world.run_until(25.0)
    b = world.bodies
    lying = np.flatnonzero(b.state == BodyState.INJURED)
    assert len(lying) > 0
    # They stay on the map as bodies, and barely move (they slide only when shoved).
    assert np.all(b.in_space()[lying])
    assert np.hypot(*b.vel[lying].T).mean() < 0.2
    walking = np.flatnonzero((b.state == BodyState.ACTIVE) & (b.kind == BodyKind.CROWD))
    gaps = np.hypot(*(b.pos[walking, None] - b.pos[None, lying]).transpose(2, 0, 1)) \
        - b.radius[walking, None] - b.radius[None, lying]
    assert gaps.min() > -params.COLLISION_SLOP_M - 0.02, "someone walked through an injured person"


def test_a_line_without_officers_lets_the_crowd_into_the_protected_zone():
    world = World(push_against_line(people=120, agitation=0.3, officers=False))
    world.run_until(40.0)
    assert world.breaches > 50
    held = World(push_against_line(people=120, agitation=0.3))
    held.run_until(40.0)
    assert held.breaches < world.breaches / 10


def test_overloaded_officers_are_knocked_down_and_leave_their_slots():
    world = World(push_against_line(people=300, agitation=0.9, unit_type=UnitType.DALMAS_AWAL, ranks=2))
    world.run_until(30.0)
    officers = world.bodies.officers
    down = world.bodies.state[officers] == BodyState.DOWN
    assert down.any()
    assert world.injuries["officer"] == int(down.sum())
    # At agitation 0.9 the crowd is agresif: besides the push, its stones fell some (riot.projectiles).
    events = [e for e in world.events if e.kind == "officer_down"]
    hit = [e for e in world.events if e.kind == "officer_hit"]
    assert events and len(events) + len(hit) == int(down.sum())
    assert all(e.detail["load_n"] >= 0 for e in events)
    # No longer held: a fallen officer is pushed off his slot by the crowd.
    drift = np.hypot(*(world.bodies.pos[officers][down] - world.officers.slot[down]).T)
    assert drift.max() > 0.3


def test_officers_stand_when_the_crowd_is_calm():
    world = World(push_against_line(people=300, agitation=0.0, unit_type=UnitType.DALMAS_AWAL, ranks=2))
    world.run_until(30.0)
    assert world.injuries["officer"] == 0
    assert (world.bodies.state[world.bodies.officers] == BodyState.ACTIVE).all()
