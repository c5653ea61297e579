"""The map view: a drag or the pointer resting at the window's edge moves it, but never so far
that the map leaves the window (a new user's first level showed plain grey after two seconds
with the pointer parked in a corner)."""

from __future__ import annotations

import pytest

from sispam.ui.camera import Camera

SCREEN = (1000, 600)
MAP = (160.0, 100.0)


EPS = 1e-6  # the view is kept by its corner: its centre comes back within rounding


def _centre(camera: Camera) -> tuple[float, float]:
    return camera.to_world((SCREEN[0] / 2, SCREEN[1] / 2))


def test_a_pan_within_the_map_moves_the_view_by_the_drag() -> None:
    camera = Camera(SCREEN, MAP)
    camera.zoom_at((500, 300), 4.0)
    left, top = camera.left, camera.top
    camera.pan(30, -20)
    assert camera.left == pytest.approx(left - 30 / camera.scale)
    assert camera.top == pytest.approx(top - 20 / camera.scale)


@pytest.mark.parametrize("drag", [(1e6, 0), (-1e6, 0), (0, 1e6), (0, -1e6), (-5e5, 5e5)])
def test_however_far_it_is_dragged_the_view_stays_on_the_map(drag: tuple[float, float]) -> None:
    camera = Camera(SCREEN, MAP)
    camera.zoom_at((500, 300), 6.0)
    for _ in range(200):  # the pointer resting at an edge: many small steps, one way
        camera.pan(drag[0] / 200, drag[1] / 200)
    x, y = _centre(camera)
    assert -EPS <= x <= MAP[0] + EPS and -EPS <= y <= MAP[1] + EPS
    west, south, east, north = camera.bounds_m()
    assert west < MAP[0] and east > 0.0 and south < MAP[1] and north > 0.0  # some of the map shows


def test_zooming_in_at_the_window_corner_keeps_the_map_in_view() -> None:
    camera = Camera(SCREEN, MAP)
    camera.pan(-1e6, -1e6)
    camera.zoom_at((0, 0), 20.0)
    x, y = _centre(camera)
    assert -EPS <= x <= MAP[0] + EPS and -EPS <= y <= MAP[1] + EPS
