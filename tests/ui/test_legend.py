"""The map legend explains every mark the map draws."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.legend import Legend


def test_an_officer_knocked_down_has_his_row_a_red_ring_as_on_the_map():
    world = World(load_level(levels_dir() / "campaign_2_dorong.toml"))
    for lang, label in (("en", "officer down"), ("id", "petugas jatuh")):
        legend = Legend(world, lang, 14)
        row = next(r for r in legend.rows if r[1] == label)
        assert row[2] == palette.DOWN_MARK and row[0] == palette.UNIT[world.units[0].type]
    surface = pygame.Surface(legend.size())
    rect = legend.draw(surface, (0, 0))
    red = np.all(pygame.surfarray.pixels3d(surface) == np.array(palette.DOWN_MARK), axis=-1)
    assert red.sum() > 10 and rect.size == legend.size()
