"""The frame benchmark times what it says: the play view of the KPU level with its crowd scaled,
against one bare fblits of as many sprites; and the view's fast paths draw the same picture as
the plain ones."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from area_scenarios import square

from sispam.bench import scaled_level
from sispam.sim.bodies import BodyState
from sispam.sim.params import DT_S
from sispam.sim.scenario import UnitType
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.frame_bench import _steps, main, measure_frames
from sispam.ui.map_layer import lay_map
from sispam.ui.world_view import WorldView, opening_camera


def test_the_frame_benchmark_times_simulation_rendering_ui_and_the_floor():
    r = measure_frames(300, window=(640, 480), at_s=30.0, frames=3)
    assert r["people"] == 300 and r["shown"] > 50  # the first of the crowd and the line are on screen
    assert r["render_ms"] > 0 and r["render_after_step_ms"] > 0 and r["ui_ms"] > 0 and r["floor_ms"] > 0 and r["floor_hot_ms"] > 0
    assert abs(r["sim_ms"] - r["step_ms"] / (60.0 * DT_S)) < 1e-9  # a step every third frame at 60 fps


def test_the_frame_benchmark_refuses_a_bad_window(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--window", "big"])
    assert stop.value.code == 2 and "1280x720" in capsys.readouterr().err


def _plain(view: WorldView, world: World, camera: Camera, size: tuple[int, int]) -> np.ndarray:
    """The map, the press glows and every body's sprite blitted one by one, in the view's drawing
    order (the crowd, then the officers from the last to the first): what its single fblits must
    match."""
    surf = pygame.Surface(size)
    surf.blit(view.map.surface(camera), (0, 0))
    n, nc = world.bodies.n, world.bodies.n_crowd
    order = np.concatenate([np.arange(nc), np.arange(n - 1, nc - 1, -1)])  # the police last to first
    pressed, glow = view._pressed()
    slot = np.concatenate([glow, view._slots()[order]])
    centre = camera.to_screen(np.concatenate([world.bodies.pos[pressed], world.bodies.pos[order]]))
    for k in np.flatnonzero(slot >= 0).tolist():
        sprite = view._slot_sprites[slot[k]]
        half = sprite.get_width() / 2
        surf.blit(sprite, (int(np.floor(centre[k, 0] - half + 0.5)), int(np.floor(centre[k, 1] - half + 0.5))))
    for colour, points, width in view._links(camera):  # the tali Dalmas and linked arms, over them
        pygame.draw.lines(surf, palette.OFFICER_OUTLINE, False, points, width + 2)
        pygame.draw.lines(surf, colour, False, points, width)
    return pygame.surfarray.array3d(surf)


@pytest.mark.parametrize("size", [(640, 360), (500, 300)], ids=["16:9", "5:3"])
def test_the_view_draws_every_body_where_plain_blits_would(size):
    world = World(scaled_level(300))
    world.run_until(30.0)
    camera = opening_camera(world, size)
    camera.pan(size[0] / 3, 0)  # part of the crowd off the left edge
    view, surf = WorldView(world), pygame.Surface(size)
    view.draw(surf, camera)
    assert not world.fires and (world.bodies.state == BodyState.ACTIVE).sum() > 100
    drawn, plain = pygame.surfarray.array3d(surf), _plain(view, world, camera, size)
    _hide_vehicles(world, camera, drawn, plain)
    assert np.array_equal(drawn, plain)


def _hide_vehicles(world: World, camera: Camera, *images: np.ndarray) -> None:
    """Black out each vehicle (and a margin round it) in the images: the plain blits leave them out."""
    for vehicle in world.vehicles.by_unit.values():
        x, y = camera.to_screen(vehicle.pos)[0]
        r = 8.0 * camera.scale  # beyond half the truck's length
        for image in images:
            image[max(0, int(x - r)):max(0, int(x + r)), max(0, int(y - r)):max(0, int(y + r))] = 0


def test_between_steps_the_view_draws_the_same_picture_and_after_a_step_the_new_one():
    world = World(scaled_level(300))
    world.run_until(20.0)
    camera = opening_camera(world, (640, 360))
    view, surf = WorldView(world), pygame.Surface((640, 360))
    view.draw(surf, camera)
    first = pygame.surfarray.array3d(surf)
    over = pygame.Rect(100, 80, 200, 120)
    surf.fill((0, 0, 0), over)  # the UI drew there, and says so: the world is drawn again there only
    view.drawn_over([over])
    surf.fill((0, 0, 0), (0, 0, 4, 4))  # not said: left as it is
    view.draw(surf, camera)
    again = pygame.surfarray.array3d(surf)
    assert np.array_equal(again[4:, 4:], first[4:, 4:]) and not again[:4, :4].any()
    surf.fill((0, 0, 0))
    view.redraw_all()
    view.draw(surf, camera)
    assert np.array_equal(pygame.surfarray.array3d(surf), first)
    for _ in range(10):
        world.step()
    view.draw(surf, camera)
    moved, plain = pygame.surfarray.array3d(surf), _plain(view, world, camera, (640, 360))
    assert not np.array_equal(moved, first)
    _hide_vehicles(world, camera, moved, plain)
    assert np.array_equal(moved, plain)


def test_between_steps_a_place_drawn_over_again_is_copied_back_as_kept(monkeypatch):
    world = World(scaled_level(300))
    world.run_until(20.0)
    camera = opening_camera(world, (640, 360))
    view, surf = WorldView(world), pygame.Surface((640, 360))
    drawn = []
    draw_on_map = WorldView._draw_on_map
    monkeypatch.setattr(WorldView, "_draw_on_map", lambda self, *args: (drawn.append(1), draw_on_map(self, *args)))
    view.draw(surf, camera)
    first = pygame.surfarray.array3d(surf)
    over = pygame.Rect(100, 80, 200, 120)
    for _ in range(3):  # the UI goes over the same place every frame
        surf.fill((0, 0, 0), over)
        view.drawn_over([over])
        view.draw(surf, camera)
        assert np.array_equal(pygame.surfarray.array3d(surf), first)
    assert len(drawn) == 2  # drawn whole, then drawn again there once; copied back after
    world.step()
    surf.fill((0, 0, 0), over)
    view.drawn_over([over])
    view.draw(surf, camera)  # drawn whole, and kept where the UI went the frame before
    moved = pygame.surfarray.array3d(surf)
    assert len(drawn) == 3 and not np.array_equal(moved, first)
    surf.fill((0, 0, 0), over)
    view.drawn_over([over])
    view.draw(surf, camera)
    assert len(drawn) == 3 and np.array_equal(pygame.surfarray.array3d(surf), moved)


def test_the_map_is_laid_as_a_blit_would_lay_it_on_any_surface():
    world = World(square(units=(("awc", UnitType.WATER_CANNON, 3, (25.0, 5.0), 90.0),)))
    view = WorldView(world)
    camera = Camera((320, 240), world.scenario.size)
    ground = view.map.surface(camera)
    expected = pygame.surfarray.array3d(ground)
    whole = pygame.Surface((320, 240))
    lay_map(whole, ground)  # the same format: copied as one block
    assert np.array_equal(pygame.surfarray.array3d(whole), expected)
    parent = pygame.Surface((400, 300))
    part = parent.subsurface((40, 30, 320, 240))  # rows longer than the map's: blitted
    lay_map(part, ground)
    assert np.array_equal(pygame.surfarray.array3d(part), expected)
    clipped = pygame.Surface((320, 240))
    clipped.fill((1, 2, 3))
    clipped.set_clip((0, 0, 100, 240))  # a clip is honoured
    lay_map(clipped, ground)
    image = pygame.surfarray.array3d(clipped)
    assert np.array_equal(image[:100], expected[:100]) and (image[100:] == (1, 2, 3)).all()


@pytest.mark.parametrize("speed", [1, 2, 4])
def test_the_frame_benchmark_steps_the_world_as_often_as_the_game_at_each_speed(speed):
    # At 60 frames per second a second of play is 60 frames and speed / DT_S steps.
    assert sum(_steps(frame, speed) for frame in range(60)) == round(speed / DT_S)
    assert all(_steps(frame, speed) == _steps(frame + 3, speed) for frame in range(57))  # evenly spread
