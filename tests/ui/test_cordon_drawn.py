"""The tali Dalmas and linked arms are drawn on the map: a rope in hemp colour from hand to
hand along a roped line, and the sleeves of linked arms in the unit's colour, darker."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from scenarios import cordon_across_street

from sispam.sim.scenario import Formation
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.world_view import WorldView


def _frame(formation: Formation) -> tuple[World, WorldView, pygame.Surface]:
    world = World(cordon_across_street(people=0, agitation=0.0, formation=formation, officers=6))
    world.run_until(6.0)
    surf = pygame.Surface((400, 240))
    camera = Camera(surf.get_size(), world.scenario.size)
    camera.scale = 40.0
    camera.centre_on(world.units[0].anchor)
    view = WorldView(world)
    view.draw(surf, camera)
    return world, view, surf


def _pixels(surf: pygame.Surface, colour: tuple) -> int:
    rgb = pygame.surfarray.pixels3d(surf)
    return int((np.abs(rgb.astype(int) - np.array(colour)).sum(axis=2) <= 6).sum())


@pytest.mark.parametrize("formation", [Formation.TALI_DALMAS, Formation.TANGAN_BERKAIT])
def test_ropes_and_linked_arms_are_drawn_between_the_officers(formation):
    world, view, surf = _frame(formation)
    assert len(world.cordon.links) == 5  # six officers, five links
    unit_colour = palette.UNIT[world.units[0].type]
    colour = palette.ROPE if formation is Formation.TALI_DALMAS else tuple(int(v * 0.6) for v in unit_colour)
    assert len(view._scene.links) == 5 and all(link[0] == colour for link in view._scene.links)
    assert _pixels(surf, colour) > 100  # visible between the officers, not just listed


def test_a_line_without_rope_or_arms_draws_none():
    world, view, surf = _frame(Formation.BERSAF)
    assert view._scene.links == [] and _pixels(surf, palette.ROPE) == 0
