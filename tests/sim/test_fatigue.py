"""Officers tire under load and recover at rest; a tired officer holds with less force."""

import numpy as np
from scenarios import push_against_line

from sispam.sim.police.officers import FATIGUE_LOSS
from sispam.sim.world import World


def test_a_loaded_line_tires_and_loses_hold_force_and_a_rested_one_recovers():
    world = World(push_against_line(people=150, agitation=0.6))
    world.run_until(40.0)
    o = world.officers
    front = o.fatigue > 0
    assert front.any()
    tired = np.argmax(o.fatigue)
    assert o.hold_force_n[tired] < o.base_hold_n[tired]
    assert o.hold_force_n[tired] >= o.base_hold_n[tired] * (1 - FATIGUE_LOSS)
    before = o.fatigue.copy()
    o.tire(np.zeros_like(o.fatigue), 10.0)  # ten seconds without load
    assert (o.fatigue[front] < before[front]).all()


def test_a_line_nobody_pushes_does_not_tire():
    world = World(push_against_line(people=60, agitation=0.0))
    world.run_until(20.0)
    assert world.officers.fatigue.max() < 0.01
