"""People find their way round buildings; officers stand in their formation's slots."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest

from sispam.sim.bodies import BodyState
from sispam.sim.geometry import points_in_shape
from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    Obstacle,
    ObstacleKind,
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

# A U-shaped building whose open side faces away from the walkers: they must go round it.
U_BUILDING = Polygon(((10, 5), (20, 5), (20, 25), (10, 25), (10, 22), (17, 22), (17, 8), (10, 8)))


def round_the_building(goal: Goal) -> Scenario:
    return Scenario(
        mood=False,  # physics fixture: agitation stays as set
        id="nav", title=Text("", ""), briefing=Text("", ""), size=(30.0, 30.0), seed=2, duration_s=120.0,
        obstacles=(Obstacle("u", ObstacleKind.BUILDING, U_BUILDING),),
        zones=(Zone("start", ZoneRole.SPAWN, Rect((12, 10), (16, 20))),
               Zone("behind", ZoneRole.MEASUREMENT, Rect((24, 12), (29, 18)))),
        crowd=(CrowdGroup("g", 30, "start", ((Role.MASSA, 1.0),), goal),),
    )


@pytest.mark.parametrize("goal", [
    pytest.param(Goal(GoalKind.ZONE, zone="behind"), id="zone-goal"),
    pytest.param(Goal(GoalKind.POINT, point=(26.5, 15.0)), id="point-goal"),
])
def test_people_inside_a_u_shaped_building_find_the_way_out_and_round_it(goal):
    world = World(round_the_building(goal))
    world.run_until(50.0)
    pos = world.bodies.pos[world.bodies.state == BodyState.ACTIVE]
    assert len(pos) == 30
    assert not points_in_shape(pos, U_BUILDING).any()
    near_goal = np.hypot(pos[:, 0] - 26.5, pos[:, 1] - 15.0) < 4.0
    assert near_goal.mean() > 0.9


def test_everyone_at_a_zone_goal_ends_up_inside_it_and_stops():
    world = World(round_the_building(Goal(GoalKind.ZONE, zone="behind")))
    world.run_until(60.0)
    b = world.bodies
    assert points_in_shape(b.pos, Rect((24, 12), (29, 18))).mean() > 0.9
    assert np.hypot(*b.vel.T).mean() < 0.15
    # "behind" is a measurement zone: its crowd count is kept.
    area = world.measure.areas[0]
    assert area.id == "behind" and area.max_people >= area.people >= 27
    assert area.max_density_ppm2 == area.max_people / 30.0


@pytest.mark.parametrize("formation", [pytest.param(f, id=f.value) for f in Formation])
def test_every_formation_gives_one_distinct_slot_per_officer(formation):
    offsets = slot_offsets(formation, 30, 0.6, None, ranks=2)
    assert offsets.shape == (30, 2)
    gaps = np.hypot(*(offsets[:, None] - offsets[None]).transpose(2, 0, 1)) + np.eye(30) * 9
    assert gaps.min() >= 0.42  # officers fit side by side
    assert offsets[:, 1].max() == pytest.approx(0.0)  # nothing stands ahead of the anchor


def test_bersaf_spreads_its_front_rank_over_the_width_and_rotates_to_the_facing():
    offsets = slot_offsets(Formation.BERSAF, 30, 0.6, 10.0, ranks=2)
    front = offsets[offsets[:, 1] == 0.0]
    assert len(front) == 15
    assert front[:, 0].max() - front[:, 0].min() == pytest.approx(10.0)
    slots = world_slots(offsets, (85.0, 24.8), -90.0)  # facing south
    assert np.allclose(slots[offsets[:, 1] == 0.0][:, 1], 24.8)
    assert np.all(slots[offsets[:, 1] < 0.0][:, 1] > 24.8)  # the rear rank stands north of it


@pytest.mark.parametrize(("officers", "ranks", "strength"), [
    (32, 2, None), (31, 2, None), (5, 2, None), (29, 3, None), (30, 3, None), (29, 2, 32),
])
def test_each_rear_man_of_a_bersaf_stands_in_a_gap_of_the_rank_ahead(officers, ranks, strength):
    # Half a spacing to the side of the nearest man ahead, so that he braces two men in front:
    # also when his rank is short (the last rank of an odd count, or men fallen from it).
    spacing = 0.6
    slots = slot_offsets(Formation.BERSAF, officers, spacing, None, ranks=ranks, strength=strength)
    rows = [slots[slots[:, 1] == y, 0] for y in sorted(set(slots[:, 1]), reverse=True)]
    assert len(rows) == ranks
    for ahead, rank in pairwise(rows):
        nearest = np.abs(rank[:, None] - ahead[None, :]).min(axis=1)
        assert nearest == pytest.approx(np.full(len(rank), 0.5 * spacing))


@pytest.mark.parametrize(("formation", "trailing_side"), [
    pytest.param(Formation.MELINTANG_KANAN, 1.0, id="kanan-right-end-trails"),
    pytest.param(Formation.MELINTANG_KIRI, -1.0, id="kiri-left-end-trails"),
])
def test_echelons_sweep_back_towards_their_named_side(formation, trailing_side):
    offsets = slot_offsets(formation, 11, 0.6, None)
    rightmost, leftmost = offsets[np.argmax(offsets[:, 0])], offsets[np.argmin(offsets[:, 0])]
    trailing, leading = (rightmost, leftmost) if trailing_side > 0 else (leftmost, rightmost)
    assert trailing[1] < leading[1] - 2.0  # 6 m of line at 30°: 3 m of sweep
    assert leading[1] == pytest.approx(0.0)


def test_officers_hold_their_slots_when_nobody_pushes():
    scenario = Scenario(
        mood=False,
        id="hold", title=Text("", ""), briefing=Text("", ""), size=(20.0, 20.0), seed=1, duration_s=60.0,
        units=(PoliceUnit("u", UnitType.DALMAS_LANJUT, 20, Formation.BERSAF, (10.0, 10.0), 90.0, 8.0, 2),),
    )
    world = World(scenario)
    world.run_until(10.0)
    off = world.bodies.officers
    assert np.abs(world.bodies.pos[off] - world.officers.slot).max() < 0.02
    assert math.isclose(world.measure.line_load_n[0], 0.0)


def _corridor(width_m: float, offset_m: float, *, fence: bool = False) -> Scenario:
    """A room 12 m x 12 m with a corridor `width_m` wide leading east from it to an exit, its
    south wall at y = 4 + `offset_m` (the same corridor shifted across the navigation cells);
    with `fence`, a fence 5 cm thick runs east through the middle of the room."""
    y0 = 4.0 + offset_m
    walls = [Obstacle("south", ObstacleKind.BUILDING, Rect((12, 0), (30, y0))),
             Obstacle("north", ObstacleKind.BUILDING, Rect((12, y0 + width_m), (30, 14)))]
    if fence:
        walls.append(Obstacle("fence", ObstacleKind.BUILDING, Rect((2, 9.0), (10, 9.05))))
    return Scenario(mood=False, id="corridor", title=Text("", ""), briefing=Text("", ""), size=(30.0, 14.0), seed=1,
                    duration_s=10.0, obstacles=tuple(walls),
                    zones=(Zone("out", ZoneRole.EXIT, Rect((28, 0), (30, 14))),), crowd=())


def _along_corridor_walls(width_m: float, offset_m: float) -> np.ndarray:
    """The walking direction in the corridor's wall cells beside its floor, in its middle (x 18-24)."""
    from scipy import ndimage

    from sispam.sim.navigation import NavField

    nav = NavField(_corridor(width_m, offset_m), [("zone", "out")])
    x, y = nav.grid.centres()[..., 0], nav.grid.centres()[..., 1]
    y0 = 4.0 + offset_m
    beside_floor = nav.blocked & ndimage.binary_dilation(~nav.blocked)
    edge = beside_floor & (x > 18) & (x < 24) & (y > y0 - 0.3) & (y < y0 + width_m + 0.3)
    return nav.direction[0][edge]


@pytest.mark.parametrize("offset_m", [0.0, 0.05, 0.1, 0.15, 0.2])
def test_beside_open_floor_a_wall_cell_leads_along_the_wall_but_a_narrow_passage_keeps_its_middle(offset_m):
    # Pressed against the wall of a 2 m corridor one walks on along it (east, to the exit; the
    # clearance still tilts the way off the wall, by 46° beside it) ...
    wide = _along_corridor_walls(2.0, offset_m)
    assert len(wide) and (wide[:, 0] > 0.6).all()
    # ... but in a 1 m corridor the wall cells lead back to its middle (single file, as RiMEA 12
    # wants), wherever the corridor lies on the navigation cells.
    narrow = _along_corridor_walls(1.0, offset_m)
    assert len(narrow) and (np.abs(narrow[:, 1]) > 0.9).all()


def test_a_fence_one_cell_thick_leads_people_off_it_not_along_the_other_sides_way():
    from sispam.sim.navigation import NavField

    # A hairpin: south of a thin fence the way to the exit leads east round its end, north of it
    # west. The fence is one navigation cell thick, with floor on both sides.
    scenario = Scenario(mood=False, id="hairpin", title=Text("", ""), briefing=Text("", ""), size=(30.0, 14.0),
                        seed=1, duration_s=10.0,
                        obstacles=(Obstacle("fence", ObstacleKind.BUILDING, Rect((2, 9.1), (20, 9.13))),),
                        zones=(Zone("out", ZoneRole.EXIT, Rect((0, 10), (1, 14))),), crowd=())
    nav = NavField(scenario, [("zone", "out")])
    x, y = nav.grid.centres()[..., 0], nav.grid.centres()[..., 1]
    fence = nav.blocked & (x > 5) & (x < 15)
    assert fence.any() and (np.abs(y[fence] - 9.125) < 0.01).all()  # one cell thick
    # Which side's way its cells should take is a guess: they lead off the fence (north, the
    # nearer way round), never east along the south side's way, into someone pressed against
    # it from the north.
    way = nav.direction[0][fence]
    assert (way[:, 1] > 0.5).all() and (way[:, 0] < 0.3).all()


@pytest.mark.parametrize("beyond_m", [0.6, 0.8, 1.0])
def test_the_way_to_a_point_just_beyond_a_fence_goes_round_it_not_up_to_its_near_side(beyond_m):
    from sispam.sim.navigation import NavField, goal_key_for_point

    # A fence along y = 10 from x = 0 to 20, open east of it; a point `beyond_m` south of it.
    # Its goal's disc reaches over the fence, but only the floor on the point's own side is
    # the goal: from the north the way leads east round the fence's end, not south up to it.
    scenario = Scenario(mood=False, id="fence", title=Text("", ""), briefing=Text("", ""), size=(30.0, 20.0),
                        seed=1, duration_s=10.0,
                        obstacles=(Obstacle("fence", ObstacleKind.FENCE, Rect((0, 9.85), (20, 10.15))),),
                        zones=(), crowd=())
    point = (8.0, 10.0 - beyond_m)
    nav = NavField(scenario, [goal_key_for_point(point)])
    north = np.array([[8.0, 11.0], [6.0, 12.0], [10.0, 11.5]])
    assert (nav.direction_at(0, north)[:, 0] > 0.5).all()  # east, towards the fence's end
    assert (nav.distance_at(0, north) > 2 * (20.0 - north[:, 0]) - 2.0).all()  # the long way round


def test_a_point_inside_a_closed_fence_is_reached_from_outside_up_to_the_fence():
    from sispam.sim.navigation import NavField, goal_key_for_point

    # A closed fenced box (x 5-15, y 5-15), a point 0.7 m inside its north fence: from outside the
    # goal is the floor just outside that fence, a short walk, not a way through the fence.
    box = tuple(Obstacle(f"f{k}", ObstacleKind.FENCE, r) for k, r in enumerate((
        Rect((5.0, 14.85), (15.0, 15.15)), Rect((5.0, 4.85), (15.0, 5.15)),
        Rect((4.85, 5.0), (5.15, 15.0)), Rect((14.85, 5.0), (15.15, 15.0)))))
    scenario = Scenario(mood=False, id="box", title=Text("", ""), briefing=Text("", ""), size=(20.0, 20.0),
                        seed=1, duration_s=10.0, obstacles=box, zones=(), crowd=())
    nav = NavField(scenario, [goal_key_for_point((10.0, 14.3))])
    assert nav.distance_at(0, np.array([[10.0, 17.0]]))[0] < 3.0  # from 2 m north of the fence
    assert nav.direction_at(0, np.array([[10.0, 17.0]]))[0, 1] < -0.9  # south, towards it
    assert nav.distance_at(0, np.array([[10.0, 12.0]]))[0] < 3.0  # and inside, to the point
