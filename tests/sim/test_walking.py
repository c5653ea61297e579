"""Walking against published pedestrian data, on level files in tests/levels.

Figures and sources:
- RiMEA test 1 (RiMEA guideline 4.1.1): 40 m at 1.33 m/s must take 26-34 s.
- RiMEA test 6: 20 people round a corner without crossing the walls.
- Free walking speed 1.34 ± 0.26 m/s (Weidmann 1993; domain brief §2.1).
- Weidmann's speed-density relation v(ρ) = 1.34 (1 − exp(−1.913 (1/ρ − 1/5.4))); the field
  data it was fitted to scatter by about ±0.3 m/s, and we accept 0.25 m/s.
- Specific flow through a 1 m bottleneck ≈ 1.9 /(m·s); laboratory experiments range from about
  1.5 (low motivation) to 2.5 (high motivation) (Seyfried et al. 2009; Kretz et al. 2006;
  Adrian et al. 2020).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from sispam.level import load_level
from sispam.sim.bodies import BodyState
from sispam.sim.geometry import points_in_shape
from sispam.sim.scenario import (
    Scenario,
)
from sispam.sim.world import World
from sispam.validate import runs

LEVELS = Path(__file__).resolve().parent.parent / "levels"


def test_rimea1_one_person_walks_40_m_in_26_to_34_s():
    world = World(load_level(LEVELS / "rimea1_corridor.toml"))
    x0 = world.bodies.pos[0, 0]
    crossed = None
    while world.t < 60 and crossed is None:
        world.step()
        if world.bodies.pos[0, 0] >= x0 + 40.0:
            crossed = world.t
    assert crossed is not None, "never walked 40 m"
    assert 26.0 <= crossed <= 34.0


def test_rimea6_twenty_people_turn_the_corner_without_crossing_walls():
    scenario = load_level(LEVELS / "rimea6_corner.toml")
    world = World(scenario)
    walls = [o.shape for o in scenario.obstacles]
    n = world.bodies.n_crowd
    # The start area is small: the last few step in during the first seconds.
    while world.t < 60 and not (world.bodies.state[:n] == BodyState.EXITED).all():
        world.step()
        on_map = world.bodies.state[:n] == BodyState.ACTIVE
        centres = world.bodies.pos[:n][on_map]
        for wall in walls:
            # A body may press into a wall by the contact slop, never with its centre.
            assert not points_in_shape(centres, wall).any(), f"someone is inside {wall}"
        assert np.all((centres[:, 1] > 1.9) & (centres[:, 0] < 14.1))
    assert (world.bodies.state[:n] == BodyState.EXITED).all(), "not everyone got round the corner"


def test_free_walking_speeds_follow_the_free_speed_distribution():
    world = World(load_level(LEVELS / "free_walking.toml"))
    world.run_until(8.0)
    n = world.bodies.n_crowd
    walking = world.bodies.state[:n] == BodyState.ACTIVE
    speed = np.hypot(*world.bodies.vel[:n][walking].T)
    assert walking.sum() >= 290
    assert speed.mean() == pytest.approx(1.34, abs=0.08)
    assert speed.std() == pytest.approx(0.26, abs=0.06)
    # Each person walks at his own desired speed, not a crowd average.
    assert np.corrcoef(speed, world.crowd.free_speed[walking])[0, 1] > 0.9


def weidmann(density: float) -> float:
    """Weidmann (1993) walking speed at a density in persons/m²."""
    return 1.34 * (1.0 - np.exp(-1.913 * (1.0 / density - 1.0 / 5.4)))


def measured_speed_at(density: float) -> tuple[float, float]:
    """Mean density and speed in the validation battery's corridor (python -m sispam.validate):
    an open 4 m corridor up to 2 /m², beyond it the congested queue before a restriction."""
    r = runs.fundamental(density, seed=1, length_m=40.0)
    return r["density_ppm2"], r["speed_mps"]


@pytest.mark.parametrize("density", [pytest.param(d, id=f"{d}-per-m2") for d in (0.5, 1.0, 1.5, 2.0, 3.0, 4.5)])
def test_speed_falls_with_density_along_weidmanns_relation(density):
    rho, speed = measured_speed_at(density)
    assert rho == pytest.approx(density, rel=0.35)  # the set-up made roughly that density
    assert speed == pytest.approx(weidmann(rho), abs=0.25)


def test_speed_falls_as_density_rises():
    speeds = [measured_speed_at(d)[1] for d in (0.5, 1.5, 2.5, 4.0)]
    assert speeds[0] > speeds[1] > speeds[2] > speeds[3]


def specific_flow(scenario: Scenario) -> float:
    """Persons per metre of opening per second, between the 10th and 90th person through."""
    world = World(scenario)
    passed: list[float] = []
    x_before = world.bodies.pos[:, 0].copy()
    while world.t < 120 and len(passed) < world.bodies.n_crowd:
        world.step()
        x = world.bodies.pos[:, 0]
        passed += [world.t] * int(((x_before < 10.4) & (x >= 10.4)).sum())
        x_before = x.copy()
    n = len(passed)
    first, last = int(0.1 * n), int(0.9 * n)
    return (last - first) / (passed[last] - passed[first]) / 1.0  # the opening is 1 m wide


def test_specific_flow_through_a_1_m_bottleneck_lies_in_the_experimental_range():
    assert 1.5 <= specific_flow(load_level(LEVELS / "bottleneck.toml")) <= 2.5


def test_a_calm_queue_passes_a_bottleneck_slower_than_a_motivated_one():
    motivated = load_level(LEVELS / "bottleneck.toml")
    calm = dataclasses.replace(motivated, crowd=(dataclasses.replace(motivated.crowd[0], agitation=0.0),))
    assert specific_flow(calm) < specific_flow(motivated)
