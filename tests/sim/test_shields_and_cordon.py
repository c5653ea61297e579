"""Shields on officers' fronts, and officers joined by linked arms or a rope."""

from __future__ import annotations

import math

import numpy as np
import pymunk
from scenarios import cordon_across_street, push_against_line

from sispam.sim.physics import Category
from sispam.sim.police.cordon import ARM_N
from sispam.sim.police.shields import cover_half_angle_deg, shield_covers
from sispam.sim.scenario import Formation, PoliceUnit, Scenario, Text, UnitType
from sispam.sim.world import World


def test_a_shield_covers_the_front_arc_and_nothing_behind():
    half = cover_half_angle_deg(0.26)
    assert 45.0 < half < 55.0  # 0.55 m wide, 0.23 m in front of the centre
    facing = np.full(4, 90.0)  # facing +y
    towards = np.array([[0.0, 1.0], [math.sin(math.radians(half - 2)), math.cos(math.radians(half - 2))],
                        [1.0, 0.0], [0.0, -1.0]])
    assert shield_covers(facing, towards, 0.26).tolist() == [True, True, False, False]
    # Raised shields (berlindung) cover a wider arc.
    side = [[math.sin(math.radians(half + 10)), math.cos(math.radians(half + 10))]]
    assert not shield_covers(90.0, side, 0.26)[0]
    assert shield_covers(90.0, side, 0.26, shields_up=True)[0]


def test_shields_face_the_unit_and_never_touch_each_other():
    world = World(push_against_line(people=10, agitation=0.0))
    unit = world.units[0]
    for i in unit.indices:
        body = world._pymunk_bodies[int(i)]
        shields = [s for s in body.shapes if isinstance(s, pymunk.Segment)]
        assert len(shields) == 1
        assert body.angle == math.radians(unit.facing_deg)
        f = shields[0].filter
        assert f.categories == Category.SHIELD and not f.mask & Category.SHIELD
        assert f.mask & Category.CROWD and f.mask & Category.OFFICER
        # The shield lies in front of the body, towards the unit's facing (-y here).
        mid = body.local_to_world((shields[0].a + shields[0].b) / 2)
        assert mid.y < body.position.y - 0.2


def test_crowd_pushing_on_shields_counts_as_the_officers_load():
    world = World(push_against_line(people=150, agitation=0.6))
    world.run_until(15.0)
    on_shields = 0.0
    for i in world.units[0].indices:
        body = world._pymunk_bodies[int(i)]
        from_shield = []
        body.each_arbiter(lambda arb, out=from_shield: out.append(arb))
        shield_n = sum(abs(arb.total_impulse.dot(arb.normal)) / world.dt for arb in from_shield
                       if any(isinstance(s, pymunk.Segment) and s.body is body for s in arb.shapes)
                       and any(s.filter.categories == Category.CROWD for s in arb.shapes))
        on_shields += shield_n
        # Everything on his shield is part of his crowd load (1 mN sums in contacts.py).
        assert world.measure.officer_contact_n[i] >= shield_n - 0.01 * (1 + shield_n)
    assert on_shields > 300.0, "the crowd should press on the front rank's shields"


def arms_line(formation: Formation) -> World:
    """Five Dalmas Awal in a line across an empty square, facing -y."""
    unit = PoliceUnit("line", UnitType.DALMAS_AWAL, 5, formation, (10.0, 10.0), -90.0, 2.2, 1)
    scn = Scenario(mood=False, id="arms", title=Text("", ""), briefing=Text("", ""), size=(20.0, 20.0), seed=1,
                   duration_s=60.0, obstacles=(), zones=(), crowd=(), units=(unit,))
    return World(scn)


def dent_under_push(formation: Formation, push_n: float) -> float:
    """How far (m) the middle officer is driven back by `push_n` against the line's facing, after 4 s."""
    world = arms_line(formation)
    world.run_until(0.5)
    middle = int(world.units[0].indices[2])

    class Push:  # a steady push on the middle officer, as a crowd's would be
        done = False

        def update(self): ...
        def after_step(self): ...
        def stop(self): ...
        def add_forces(self, force):
            force[middle, 1] += push_n

    world.command.active["push"] = Push()
    start = world.bodies.pos[middle].copy()
    world.run_until(4.5)
    return float(world.bodies.pos[middle, 1] - start[1])


def test_linked_arms_hold_a_push_one_officer_alone_cannot():
    push = 1100.0  # more than one Dalmas Awal's 700 N hold, less than his and his neighbours' arms
    alone = dent_under_push(Formation.BERSAF, push)
    linked = dent_under_push(Formation.TANGAN_BERKAIT, push)
    assert push < 700.0 + 2 * ARM_N
    assert alone > 2.0, "a single officer cannot hold more than his hold force"
    assert linked < 0.6


def test_a_wide_rope_cordon_stops_a_walking_crowd_that_bare_officers_let_through():
    def run(put_down: bool) -> World:
        world = World(cordon_across_street(people=20, agitation=0.0, formation=Formation.TALI_DALMAS, officers=6))
        if put_down:  # sikap letakkan tali Dalmas: the same four officers without the rope
            world.cordon.put_down(world.units[0])
        world.run_until(25.0)
        return world

    roped, bare = run(False), run(True)
    n = roped.bodies.n_crowd
    spacing = np.diff(np.sort(roped.bodies.pos[n:, 0]))
    assert spacing.min() > 1.4  # 1.5 m between officers: wide enough to walk through
    assert bare.breaches > 5
    assert roped.breaches == 0 and (roped.bodies.pos[:n, 1] < 26.5).all()
    assert len(roped.cordon.links) == 5
    # The crowd pushes only on the rope, yet the line carries the load through the joints.
    assert roped.measure.peak_line_load_n[0] > 200.0
