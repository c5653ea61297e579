"""A crowd driven at a police line loads it: loads, densities and injuries under pushing."""

from __future__ import annotations

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.sim import params
from sispam.sim.bodies import BodyKind, BodyState
from sispam.sim.metrics import seconds_to_death, update_crush_dose, update_strain
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


def test_line_load_grows_with_the_pushers_agitation():
    # Pressed into a crowd one only leans, and how hard is agitation's doing (params.LEAN_BW).
    leaning = mean_line_load(people=120, agitation=0.6)
    pushing = mean_line_load(people=120, agitation=0.95)
    assert pushing > 1.4 * leaning


def test_a_calm_crowd_does_not_push_the_line():
    assert mean_line_load(people=300, agitation=0.0) < 100.0


@pytest.mark.parametrize(("people", "agitation", "pushing"), [
    pytest.param(100, 0.0, False, id="100-calm"),
    pytest.param(300, 0.0, False, id="300-calm"),
    pytest.param(150, 0.8, True, id="150-pushing"),
    pytest.param(300, 0.8, True, id="300-pushing"),
])
def test_densities_above_8_per_m2_and_crowd_turbulence_appear_only_under_pushing(people, agitation, pushing):
    # 8-10 /m²: people pressed against each other (domain brief §2.3); a calm crowd stands at a
    # barrier at 4-5 /m², with short-lived local peaks above 6. Crowd pressure above Helbing et
    # al.'s 0.02 /s², anywhere over the run: the calm crowds' walk up to the line and stop is none.
    world = World(push_against_line(people=people, agitation=agitation))
    world.run_until(25.0)
    assert bool(world.measure.max_density_ppm2 > 8.0) == pushing
    assert bool(world.measure.max_pressure_per_s2 > 0.02) == pushing
    # The chest's load, over about a second: a calm crowd at a line squeezes nobody to the
    # crush threshold, a pushing one does (the solver's one-step sums reach kilonewtons in both).
    assert bool(world.measure.max_compression_n > params.CRUSH_MIN_N) == pushing


@pytest.mark.parametrize(("force_n", "seconds"), [
    pytest.param(6227.0, 15.0, id="6.2-kN-kills-in-15-s"),
    pytest.param(1112.0, 300.0, id="1.1-kN-kills-in-5-min"),
])
def test_the_crush_dose_follows_hopkins_times_to_death(force_n, seconds):
    assert seconds_to_death(force_n) == pytest.approx(seconds, rel=1e-9)


def test_a_load_a_braced_man_bears_does_no_harm():
    dose = np.zeros(1)
    for _ in range(20 * 600):  # ten minutes just under the harmless limit
        update_crush_dose(dose, np.array([params.CRUSH_MIN_N - 1.0]), 0.05)
    assert dose[0] == 0.0


def test_the_time_to_death_grows_without_bound_as_the_load_falls_to_what_a_braced_man_bears():
    # No jump at the harmless limit: just above it a chest bears the load for hours, and each
    # newton more shortens the time.
    forces = params.CRUSH_MIN_N + np.array([0.1, 1.0, 10.0, 100.0, 300.0, 1000.0])
    times = seconds_to_death(forces)
    assert times[0] > 24 * 3600.0
    assert (np.diff(times) < 0).all()


@pytest.mark.parametrize("force_n", [1500.0, 2200.0, 4000.0])
def test_injury_comes_after_the_share_of_the_fatal_time_under_that_force(force_n):
    dose = np.zeros(1)
    steps = 0
    while dose[0] < params.INJURY_DOSE:
        update_crush_dose(dose, np.array([force_n]), 0.05)
        steps += 1
    assert steps * 0.05 == pytest.approx(params.INJURY_DOSE * seconds_to_death(force_n), abs=0.05)


def test_relief_lets_the_dose_drain():
    dose = np.array([0.3])
    for _ in range(20 * 10):  # ten seconds with nobody pressing
        update_crush_dose(dose, np.array([0.0]), 0.05)
    assert dose[0] == pytest.approx(0.3 - 10 * params.CRUSH_RECOVERY_PER_S)


@pytest.mark.parametrize(("seconds_over", "down"), [
    pytest.param(params.KNOCKDOWN_SUSTAIN_S - 0.05, False, id="just-short"),
    pytest.param(params.KNOCKDOWN_SUSTAIN_S, True, id="sustained"),
])
def test_an_officer_falls_after_his_knockdown_load_is_held(seconds_over, down):
    strain = np.zeros(1)
    for _ in range(round(seconds_over / 0.05)):
        update_strain(strain, np.array([2000.0]), np.array([2001.0]), 0.05)
    assert bool(strain[0] >= params.KNOCKDOWN_SUSTAIN_S - 1e-9) == down


def test_a_hard_push_injures_only_after_sustained_pressure_and_only_at_the_line():
    world = World(push_against_line(people=300, agitation=0.85, seed=3))
    n = world.bodies.n_crowd
    world.riot.update = lambda: None  # people push; nobody throws
    while world.t < 30.0:
        world.step()
    assert world.injuries["civilian"] == 0, "crush injuries take sustained pressure, not seconds"
    behind_line = []  # each injured person's distance behind the line's front when he fell
    while world.t < 150.0:
        seen = len(world.events)
        world.step()
        line_y = world.bodies.pos[n:, 1].min()
        behind_line += [line_y - e.detail["y"] for e in world.events[seen:] if e.kind == "civilian_injured"]
    assert 0 < len(behind_line) < 0.1 * n
    # In the rows against the line: nine in ten within 1.5 m, none deeper than about four rows
    # (seed 3 has one of ten at 2.1 m: issue 17 asks for "about 1.5 m").
    assert np.mean(np.array(behind_line) < 1.5) >= 0.9, "injuries belong in the rows against the line"
    assert max(behind_line) < 2.2


def test_no_injuries_when_a_calm_crowd_stands_at_the_line():
    world = World(push_against_line(people=300, agitation=0.0))
    n = world.bodies.n_crowd
    world.run_until(60.0)
    assert world.bodies.crush_dose[:n].max() == 0.0
    assert world.injuries == {"civilian": 0, "officer": 0}


def test_the_injured_lie_on_the_ground_where_the_press_walks_over_them():
    world = World(push_against_line(people=300, agitation=0.85, seed=3))
    world.riot.update = lambda: None
    world.run_until(150.0)
    b = world.bodies
    lying = np.flatnonzero(b.state == BodyState.INJURED)
    assert len(lying) > 0
    # They stay on the map as bodies for the medics, and barely move ...
    assert np.all(b.in_space()[lying])
    assert np.hypot(*b.vel[lying].T).mean() < 0.2
    # ... but the standing crowd no longer presses on them: they are out of the press.
    assert b.compression_n[lying].max() < params.CRUSH_MIN_N
    walking = np.flatnonzero((b.state == BodyState.ACTIVE) & (b.kind == BodyKind.CROWD))
    gaps = np.hypot(*(b.pos[walking, None] - b.pos[None, lying]).transpose(2, 0, 1)) \
        - b.radius[walking, None] - b.radius[None, lying]
    assert gaps.min() < -0.1, "nobody stands over a casualty: they would wall the crowd in"


def test_a_line_without_officers_lets_the_crowd_into_the_protected_zone():
    world = World(push_against_line(people=120, agitation=0.3, officers=False))
    world.run_until(40.0)
    assert world.breaches > 15  # the first ranks in (the rest stand behind them at the zone's edge)
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
