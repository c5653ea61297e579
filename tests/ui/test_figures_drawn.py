"""How formations and people look on the map (issue 20, items 6 and 11): the tali Dalmas between
the officers who hold it, shields as arcs on the side a line faces, three ranks as three rows of
helmets, people as head-and-shoulders figures when zoomed in, a glow where the crowd is pressed,
vehicles from above, and movement drawn between the simulation's steps."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from scenarios import cordon_across_street, handover_under_pressure

from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import Formation, UnitType
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.figures import FIGURE_SCALE
from sispam.ui.world_view import MIN_PERSON_PX, PRESS_N, WorldView


def _view(world: World, scale: float, at: tuple[float, float], size=(480, 320)) -> tuple[WorldView, Camera, pygame.Surface]:
    surf = pygame.Surface(size)
    camera = Camera(size, world.scenario.size)
    camera.scale = scale
    camera.centre_on(at)
    view = WorldView(world)
    view.draw(surf, camera)
    return view, camera, surf


def _near(surf: pygame.Surface, point, colour: tuple, reach: int = 2, tolerance: int = 6) -> bool:
    """Some pixel within `reach` of `point` has `colour`."""
    x, y = round(point[0]), round(point[1])
    rgb = pygame.surfarray.pixels3d(surf)[max(x - reach, 0):x + reach + 1, max(y - reach, 0):y + reach + 1]
    return bool((np.abs(rgb.astype(int) - np.array(colour)).sum(axis=2) <= tolerance).any())


def test_the_rope_is_drawn_between_each_two_officers_who_hold_it():
    world = World(cordon_across_street(people=0, agitation=0.0, formation=Formation.TALI_DALMAS, officers=6))
    world.run_until(6.0)
    unit = world.units[0]
    view, camera, surf = _view(world, 40.0, unit.anchor)
    centres = camera.to_screen(world.bodies.pos[unit.first:unit.first + unit.count])
    order = np.argsort(centres[:, 0])
    for a, b in zip(order[:-1], order[1:], strict=True):
        assert _near(surf, (centres[a] + centres[b]) / 2, palette.ROPE, reach=4), (a, b)


@pytest.mark.parametrize("scale", [6.0, 30.0], ids=["zoomed-out", "zoomed-in"])
def test_shields_are_arcs_on_the_side_the_line_faces(scale):
    world = World(handover_under_pressure(people=0, agitation=0.0, front=UnitType.DALMAS_LANJUT,
                                          relief=UnitType.DALMAS_LANJUT, front_ranks=1))
    world.run_until(4.0)
    front = world.units[0]  # facing south: screen down
    view, camera, surf = _view(world, scale, front.anchor)
    rgb = pygame.surfarray.pixels3d(surf).astype(int)
    shield = (np.abs(rgb - np.array(palette.SHIELD)).sum(axis=2) <= 6)
    centres = camera.to_screen(world.bodies.pos[front.first:front.first + front.count])
    line_y = float(np.mean(centres[:, 1]))
    x0, x1 = int(centres[:, 0].min()), int(centres[:, 0].max())
    ys = np.nonzero(shield[x0:x1].any(axis=0))[0]
    assert len(ys) and ys.min() > line_y  # all shield pixels in front (south) of the officers' centres
    # An arc, not a bar: beside each officer the shield curves back, nearer his line than in front of him.
    k = int(np.argmin(np.abs(centres[:, 0] - (x0 + x1) / 2)))
    cx = round(centres[k, 0])
    r = front.spec.radius_m * scale if scale >= FIGURE_SCALE else max(MIN_PERSON_PX + 0.5, front.spec.radius_m * scale)
    ahead = np.nonzero(shield[cx])[0]
    side = np.nonzero(shield[round(cx + 0.8 * r)])[0]
    assert len(ahead) and len(side) and side.min() < ahead.min()


def test_three_ranks_show_three_rows_of_helmets():
    world = World(handover_under_pressure(people=0, agitation=0.0, front=UnitType.BRIMOB_PHH,
                                          relief=UnitType.DALMAS_LANJUT, front_ranks=3))
    world.run_until(6.0)
    front = world.units[0]
    view, camera, surf = _view(world, 30.0, front.anchor, size=(640, 320))
    centres = camera.to_screen(world.bodies.pos[front.first:front.first + front.count])
    seen = [c for c in centres if 0 <= c[0] < 640 and _near(surf, c, palette.HELMET_DARK, reach=2)]
    rows = np.unique(np.round(np.array(seen)[:, 1] / 4))  # within 4 px: one row
    assert len(seen) >= 0.9 * sum(1 for c in centres if 0 <= c[0] < 640) and len(rows) == 3


def test_zoomed_in_a_person_is_a_figure_with_a_head_of_another_colour():
    world = World(cordon_across_street(people=20, agitation=0.0, formation=Formation.BERSAF, officers=6))
    view, _, _ = _view(world, 3 * FIGURE_SCALE, (5.0, 20.0))  # closer in, his hair shows dark
    person = view.look_sprite(Behaviour.TERTIB)
    cx, cy = person.get_width() // 2, person.get_height() // 2
    assert view.figures and person.get_width() > 4 * MIN_PERSON_PX
    assert any(tuple(person.get_at((cx + dx, cy + dy)))[:3] == palette.HAIR for dx in (-1, 0, 1, 2) for dy in (-1, 0, 1))
    assert any(tuple(person.get_at((x, y)))[:3] == palette.BEHAVIOUR[Behaviour.TERTIB]
               for x in range(person.get_width()) for y in range(person.get_height()))
    zoomed_out, _, _ = _view(world, FIGURE_SCALE / 2, (5.0, 20.0))
    assert not zoomed_out.figures


def test_zoomed_in_people_are_turned_the_way_they_walk():
    world = World(cordon_across_street(people=20, agitation=0.0, formation=Formation.BERSAF, officers=6))
    world.run_until(3.0)
    view, _, _ = _view(world, 2 * FIGURE_SCALE, (5.0, 20.0))
    b = world.bodies
    v = b.vel_smooth[: b.n_crowd]
    walking = np.hypot(v[:, 0], v[:, 1]) > 0.5
    assert walking.any()
    want = np.rint(np.arctan2(v[walking, 1], v[walking, 0]) * 16 / (2 * np.pi)).astype(int) % 16
    assert np.array_equal(view._heading[: b.n_crowd][walking], want)


def test_a_pressed_crowd_member_glows_red_under_him():
    world = World(cordon_across_street(people=20, agitation=0.0, formation=Formation.BERSAF, officers=6))
    world.run_until(1.0)
    b = world.bodies
    k = int(np.flatnonzero(b.state[: b.n_crowd] == 1)[0])  # an active crowd member
    b.compression_n[k] = PRESS_N[1] + 1.0
    view, camera, surf = _view(world, 30.0, tuple(b.pos[k]))
    centre = camera.to_screen(b.pos[k])[0]
    edge = centre + (b.radius[k] * 30.0 * 1.35, 0)
    r, g, bl = surf.get_at((round(edge[0]), round(edge[1])))[:3]
    assert r > g + 25 and r > bl + 25  # reddened ground beside him
    b.compression_n[k] = 0.0
    view.refresh()
    view.draw(surf, camera)
    r, g, bl = surf.get_at((round(edge[0]), round(edge[1])))[:3]
    assert abs(r - g) < 25  # no glow once the press is off


def test_between_steps_zoomed_in_bodies_are_drawn_part_of_the_way():
    world = World(cordon_across_street(people=20, agitation=0.0, formation=Formation.BERSAF, officers=6))
    world.run_until(3.0)
    view, camera, surf = _view(world, 30.0, (5.0, 20.0))
    before = world.bodies.pos.copy()
    world.step()
    after = world.bodies.pos.copy()
    view.draw(surf, camera, between=0.5)
    drawn = view._positions(view._blend(0.5))
    moving = np.hypot(*(after - before).T) > 1e-3
    assert moving.any()
    assert np.allclose(drawn[moving], (before[moving] + after[moving]) / 2)
    assert np.allclose(view._positions(view._blend(1.0)), after)
    assert view._blend(None) is None  # no clock: the last step as it is
