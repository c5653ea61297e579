"""What the play view shows of the area means and of the crowd's danger: the tear-gas cloud where
the gas is, the water cannon's jet while it sprays, and the density and pressure heatmaps."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from area_scenarios import square
from scipy import ndimage

from sispam.sim import gas
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.police.water_cannon import NOZZLE_FORWARD_M
from sispam.sim.scenario import UnitType
from sispam.sim.world import World
from sispam.ui.camera import Camera
from sispam.ui.hazards import GAS_FAINT_MG_M3
from sispam.ui.overlays import SCALES, Overlay, draw_legend
from sispam.ui.widgets import Style
from sispam.ui.world_view import WorldView

WINDOW = (640, 360)
AWC = (("awc", UnitType.WATER_CANNON, 3, (25.0, 5.0), 90.0),)  # facing north, nozzle at (25, 6.5)


@pytest.fixture(autouse=True)
def _fonts():
    pygame.font.init()


def _frame(world: World, overlay: tuple[str, str] | None = None) -> tuple[np.ndarray, Camera]:
    """The view of the whole map (and an overlay of that kind in that language), as (w, h, 3)."""
    surf = pygame.Surface(WINDOW)
    camera = Camera(WINDOW, world.scenario.size)
    WorldView(world).draw(surf, camera)
    if overlay is not None:
        Overlay(world).draw(surf, camera, *overlay, legend_at=(WINDOW[0] - 1, WINDOW[1] - 1))  # legend off screen
    return pygame.surfarray.array3d(surf).astype(int), camera


def _at(image: np.ndarray, camera: Camera, points) -> np.ndarray:
    """The colours at world points, (k, 3)."""
    px = np.rint(camera.to_screen(np.asarray(points, float))).astype(int)
    return image[px[:, 0], px[:, 1]]


def _changed(a: np.ndarray, b: np.ndarray, camera: Camera, points, near_px: int = 0) -> np.ndarray:
    """How much each world point's colour differs between two frames (sum over channels; the
    most within `near_px` of the point)."""
    diff = np.abs(a - b).sum(axis=2)
    if near_px:
        diff = ndimage.maximum_filter(diff, size=2 * near_px + 1)
    px = np.rint(camera.to_screen(np.asarray(points, float))).astype(int)
    return diff[px[:, 0], px[:, 1]]


def test_the_gas_cloud_covers_the_gas_and_nothing_else():
    gassed, clear = World(square()), World(square())
    gassed.gas.release(gassed, (20.0, 35.0))
    for w in (gassed, clear):
        w.run_until(12.0)
    with_gas, camera = _frame(gassed)
    without, _ = _frame(clear)
    c = gassed.gas.concentration()
    centres = gassed.gas.grid.centres()
    thick = centres[c >= gas.FLEE_THRESHOLD_MG_M3]
    # Clean air: too thin to see here and in the cells round (a cell's colour blends into its neighbours').
    clean = centres[ndimage.maximum_filter(c, size=5) < GAS_FAINT_MG_M3]
    assert len(thick) > 100 and len(clean) > 1000
    assert (_changed(with_gas, without, camera, thick) > 30).all()  # everywhere people flee, the cloud shows
    assert (_changed(with_gas, without, camera, clean) == 0).all()  # and nowhere the air is clean
    # Greyish white: it lightens the beige map and cools it (blue rises against red).
    core = _at(with_gas, camera, [(20.0, 35.0)])[0]
    ground = _at(without, camera, [(20.0, 35.0)])[0]
    assert core[2] - core[0] > ground[2] - ground[0] + 10


def _awc(spray: bool) -> World:
    w = World(square(units=AWC))
    w.run_until(6.0)
    if spray:  # effective after the 5 s command delay, sprays from 11 s to 16 s
        w.command.issue(Order(w.t, "awc", OrderKind.WATER_CANNON, point=(25.0, 25.0), duration_s=5.0))
    w.run_until(13.0)
    return w


def test_the_jet_runs_from_the_nozzle_to_the_aim_point_while_the_cannon_sprays():
    spraying, quiet = _awc(True), _awc(False)
    jet, camera = _frame(spraying)
    calm, _ = _frame(quiet)
    nozzle = spraying.vehicles.by_unit["awc"].point(NOZZLE_FORWARD_M)
    along = nozzle + np.linspace(0.1, 0.95, 12)[:, None] * (np.array([25.0, 25.0]) - nozzle)
    assert (_changed(jet, calm, camera, along, near_px=1) > 100).all()  # the bright core along the aim line
    beside = along[4:] + (0.6, 0.0)  # in the spray round the core, where the cone is wider than that
    sprayed, dry = _at(jet, camera, beside), _at(calm, camera, beside)
    assert (sprayed[:, 2] - sprayed[:, 0] > dry[:, 2] - dry[:, 0] + 15).all()  # tinted water blue
    aside = [(40.0, 20.0), (10.0, 20.0), (25.0, 50.0), (25.0, 3.0)]  # off the cone, beyond its range, behind
    assert (_changed(jet, calm, camera, aside) == 0).all()
    spraying.run_until(17.0)  # the order has run out
    after, _ = _frame(spraying)
    assert (_changed(after, calm, camera, along, near_px=1) == 0).all()


def _crowds() -> World:
    """A packed crowd round (25, 40) and a loose handful round (12, 12); nobody elsewhere."""
    w = World(square(groups=(("packed", 70, (25.0, 40.0)), ("loose", 6, (12.0, 12.0))), patch_m=3.0))
    w.run_until(6.0)
    return w


def test_the_density_heatmap_is_hot_where_the_crowd_is_dense_and_clear_where_nobody_is():
    w = _crowds()
    value, _, ix0, iy0 = Overlay(w).field("density")
    cell = w.measure.grid.cell

    def at(x, y):
        return value[int(y / cell) - iy0, int(x / cell) - ix0]

    assert at(25.0, 40.0) > 2.5 and at(12.0, 12.0) < 1.0  # crowded in the packed crowd, comfortable in the loose one
    heat, camera = _frame(w, ("density", "en"))
    plain, _ = _frame(w)
    packed_change, loose_change = _changed(heat, plain, camera, [(25.0, 40.0), (12.0, 12.0)])
    assert packed_change > 30 and loose_change > 0  # both crowds tinted, the packed one strongly
    packed, loose = _at(heat, camera, [(25.0, 40.5), (12.0, 12.5)])
    assert packed.sum() < loose.sum() - 50  # the ramp darkens as density rises
    empty = [(40.0, 10.0), (5.0, 55.0), (45.0, 30.0)]
    assert (_changed(heat, plain, camera, empty) == 0).all()


def test_the_pressure_heatmap_draws_over_the_crowd_only():
    w = _crowds()
    heat, camera = _frame(w, ("pressure", "id"))
    plain, _ = _frame(w)
    assert _changed(heat, plain, camera, [(25.0, 40.0)])[0] > 0
    assert (_changed(heat, plain, camera, [(40.0, 10.0), (5.0, 55.0)]) == 0).all()


@pytest.mark.parametrize("kind", sorted(SCALES))
def test_the_legend_speaks_the_chosen_language(kind):
    style = Style.for_window((1280, 720))
    legends = {lang: pygame.surfarray.array3d(draw_legend(SCALES[kind], lang, style)) for lang in ("id", "en")}
    assert legends["id"].shape != legends["en"].shape or not np.array_equal(legends["id"], legends["en"])


def test_the_overlay_refuses_an_unknown_kind():
    with pytest.raises(KeyError):
        Overlay(World(square())).draw(pygame.Surface(WINDOW), Camera(WINDOW, (50.0, 60.0)), "noise", "en")
