"""The debrief's two maps, peak density and peak crowd pressure, show the same place at the same
scale: the part of the map where the crowd stood, whatever small patch the pressure rose in."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.review.recording import PEAK_CELL_M
from sispam.ui.charts import peak_map
from sispam.ui.widgets import Style

SIZE = (600, 440)


def _pixels(surf: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surf).astype(int)


def test_the_pressure_map_is_framed_where_the_crowd_stood_as_the_density_map_is(app) -> None:
    scenario = load_level(levels_dir() / "campaign_2_dorong.toml")
    w, h = scenario.size
    shape = (int(np.ceil(h / PEAK_CELL_M)), int(np.ceil(w / PEAK_CELL_M)))
    density = np.zeros(shape, np.float32)
    density[10:20, 5:40] = 2.5  # the crowd stood over 35 m x 10 m
    hot = np.zeros(shape, np.float32)
    hot[12, 38] = 0.08  # the pressure rose in one cell at its edge
    calm = np.zeros(shape, np.float32)
    style = Style(1.0)
    with_hot = _pixels(peak_map(scenario, hot, "pressure", SIZE, "en", style, stood=density))
    without = _pixels(peak_map(scenario, calm, "pressure", SIZE, "en", style, stood=density))
    differ = (with_hot != without).any(axis=2)
    # Same frame: only the hot cell's pixels change (a metre at this scale is a few pixels), not
    # the whole picture as when the map zoomed in on that one cell.
    assert 0 < differ.sum() < 0.01 * differ.size
    # And the density map shows the same background where neither map has heat or a legend.
    dens = _pixels(peak_map(scenario, density, "density", SIZE, "en", style, stood=density))
    corner = (slice(SIZE[0] - 60, SIZE[0]), slice(SIZE[1] - 40, SIZE[1]))
    assert (dens[corner] == without[corner]).all()
