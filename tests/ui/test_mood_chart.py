"""The debrief's chart of the crowd by behaviour class: shares stacked column by column."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.sim.crowd import Behaviour
from sispam.ui import palette
from sispam.ui.charts import _stack_image


def _pixels(surface: pygame.Surface, colour) -> np.ndarray:
    return np.all(pygame.surfarray.pixels3d(surface) == np.array(colour), axis=-1)  # (columns, rows)


def test_classes_nobody_belongs_to_leave_no_trace_and_the_empty_start_stays_blank():
    # Nobody on the map for the first 20 s, then a crowd that is tertib and pasif only: no line
    # of aktif or agresif where it appears (a polygon of zero thickness drew its outline there).
    times = np.arange(0.0, 61.0, 1.0)
    counts = np.zeros((len(Behaviour), len(times)))
    counts[0, 20:] = 30  # tertib
    counts[1, 20:] = np.linspace(0, 60, len(times) - 20)  # pasif, growing
    image = _stack_image((600, 200), times, counts, 60.0)
    assert not _pixels(image, palette.BEHAVIOUR[Behaviour.AKTIF]).any()
    assert not _pixels(image, palette.BEHAVIOUR[Behaviour.AGRESIF]).any()
    blank = _pixels(image, palette.BUTTON_HOVER)
    assert blank[:190].all() and not blank[210:].any()  # before 19 s nobody; from 21 s the stack fills the column
    # At the end two thirds are pasif (60 of 90), stacked above the tertib third.
    last = image.get_width() - 1
    tertib = _pixels(image, palette.BEHAVIOUR[Behaviour.TERTIB])[last]
    pasif = _pixels(image, palette.BEHAVIOUR[Behaviour.PASIF])[last]
    assert abs(tertib.sum() - 200 / 3) <= 2 and abs(pasif.sum() - 400 / 3) <= 2
    assert np.flatnonzero(pasif).max() < np.flatnonzero(tertib).min()  # pasif on top (smaller row numbers)
