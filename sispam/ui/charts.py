"""The debrief's pictures of a recorded run, drawn the same on the debrief screen and in the HTML
report: the timeline chart and the maps of peak density and crowd pressure.

The timeline chart shows, over the run's time: the situation colour as a band on top; the crowd
by behaviour class as stacked shares (tertib, pasif, aktif, agresif, in their Okabe-Ito colours);
the load on the most loaded line as a share of what it can hold (a dark line; the dashed rule is
the limit); each order as a tick above; the key moments as marks below with their times."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.review.recording import PEAK_CELL_M, Recording
from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import Scenario
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.describe import clock
from sispam.ui.map_layer import MapLayer
from sispam.ui.overlays import SCALES, draw_legend, heat_rgb
from sispam.ui.timeline import cursor, moment_marks, order_ticks, situation_band, x_of
from sispam.ui.widgets import Style, blit_text

LOAD_TOP = 1.5  # the line-load axis runs from 0 to this share of the hold force


def chart_plot(rect: pygame.Rect, style: Style) -> pygame.Rect:
    """The plot area of a chart drawn in `rect` (room for the band, ticks, marks and axis)."""
    s = style
    return pygame.Rect(rect.left + s.px(8), rect.top + s.px(26), rect.width - s.px(16), rect.height - s.px(62))


def time_at(rect: pygame.Rect, style: Style, rec: Recording, x: int) -> float:
    """The run's time under the screen column `x` of a chart drawn in `rect`."""
    plot = chart_plot(rect, style)
    return min(max((x - plot.left) / max(plot.width, 1), 0.0), 1.0) * rec.end_t


def draw_mood_chart(surf: pygame.Surface, rect: pygame.Rect, rec: Recording, style: Style, lang: str,
                    now_t: float | None = None, end_t: float | None = None) -> None:
    """Draw the chart of `rec` in `rect`, its time axis running to `end_t` (default: the run's
    end; two runs compared share one), the cursor at `now_t` if given."""
    s, samples = style, rec.samples
    pygame.draw.rect(surf, palette.BUTTON_HOVER, rect)
    pygame.draw.rect(surf, palette.PANEL_BORDER, rect, 1)
    plot = chart_plot(rect, s)
    end = rec.end_t if end_t is None else max(end_t, 1e-9)
    times = samples["t"]
    band = pygame.Rect(plot.left, plot.top - s.px(12), plot.width, s.px(8))
    situation_band(surf, band, rec, end)  # above the plot
    if len(times) > 1:
        counts = np.array([samples[b.name.lower()] for b in Behaviour], float)  # (classes, samples)
        surf.blit(_stack_image(plot.size, np.asarray(times, float), counts, end), plot.topleft)
        xs = [x_of(plot, t, end) for t in times]
        load = [plot.bottom - round(min(v, LOAD_TOP) / LOAD_TOP * plot.height) for v in samples["line_load_share"]]
        limit_y = plot.bottom - round(plot.height / LOAD_TOP)
        for x in range(plot.left, plot.right, s.px(8)):
            pygame.draw.line(surf, palette.TEXT, (x, limit_y), (min(x + s.px(4), plot.right), limit_y), 1)
        pygame.draw.lines(surf, palette.TEXT, False, list(zip(xs, load, strict=True)), max(2, s.px(2)))
    pygame.draw.rect(surf, palette.PANEL_BORDER, plot, 1)
    order_ticks(surf, plot, band.top, rec, end, s)
    moment_marks(surf, plot, plot.bottom + 1, rec, end, s.px(10), outline=True)
    step = 60.0 if end <= 600 else 120.0
    t = 0.0
    while t <= end + 1e-9:  # the time axis, a label a minute
        x = x_of(plot, t, end)
        blit_text(surf, clock(t), s.px(12), (x, plot.bottom + s.px(13)), colour=palette.TEXT_MUTED, anchor="midtop")
        t += step
    if now_t is not None:
        cursor(surf, plot, band.top - s.px(6), plot.bottom + s.px(12), now_t, end)


def _stack_image(size: tuple[int, int], times: np.ndarray, counts: np.ndarray, end: float) -> pygame.Surface:
    """The behaviour classes' shares of the crowd stacked over time, pixel column by pixel column
    (the time axis running to `end`), on the chart's ground where nobody is on the map yet or
    any more. Filled column by column, a class that is 0 throughout leaves no trace (a polygon
    of zero thickness drew its outline: a line of agresif where the crowd first appeared)."""
    w, h = size
    t = (np.arange(w) + 0.5) / max(w, 1) * end
    total = counts.sum(axis=0)
    cum = np.cumsum(counts / np.maximum(total, 1.0), axis=0)  # (classes, samples)
    on_map = (t >= times[0]) & (t <= times[-1]) & (np.interp(t, times, (total > 0).astype(float)) >= 0.5)
    cum_at = np.array([np.interp(t, times, c) for c in cum])  # (classes, columns)
    height = (h - 0.5 - np.arange(h)) / max(h, 1)  # each row's height in the plot, from the top
    layer = (height[:, None, None] >= cum_at[None, :, :]).sum(axis=1)  # (rows, columns): class, or above all
    layer[:, ~on_map] = len(cum)
    colours = np.array([*(palette.BEHAVIOUR[b] for b in Behaviour), palette.BUTTON_HOVER], np.uint8)
    return pygame.surfarray.make_surface(np.ascontiguousarray(colours[layer].transpose(1, 0, 2)))


def peak_map(scenario: Scenario, grid: np.ndarray, kind: str, size: tuple[int, int], lang: str,
             style: Style, stood: np.ndarray) -> pygame.Surface:
    """The map at `size` with the peak `kind` ("density" or "pressure") reached in each cell,
    coloured on the heatmap's scale (clear where it stayed 0), and its legend. It is framed on
    the cells where anyone ever stood (`stood`: the peak density grid), so that the density and
    the pressure maps of one run show the same place at the same scale."""
    surf = pygame.Surface(size)
    camera = Camera(size, scenario.size)
    seen = grid > 0
    anyone = stood > 0
    rows, cols = np.flatnonzero(anyone.any(axis=1)), np.flatnonzero(anyone.any(axis=0))
    if len(rows):  # framed on where the crowd stood
        camera.frame(np.array([[cols[0], rows[0]], [cols[-1] + 1, rows[-1] + 1]], float) * PEAK_CELL_M, margin_m=6.0)
    else:
        camera.fit()
    surf.blit(MapLayer(scenario).surface(camera, like=surf), (0, 0))
    scale = SCALES[kind]
    ny, nx = grid.shape
    rgba = np.zeros((ny, nx, 4), np.uint8)
    rgba[..., :3] = heat_rgb(scale.position(grid.astype(float))).astype(np.uint8)
    rgba[..., 3] = np.where(seen, 215, 0)
    image = pygame.image.frombuffer(np.ascontiguousarray(rgba[::-1]).tobytes(), (nx, ny), "RGBA")
    (x0, y0), (x1, y1) = camera.to_screen(np.array([[0.0, ny * PEAK_CELL_M], [nx * PEAK_CELL_M, 0.0]])).tolist()
    scaled = pygame.transform.scale(image, (max(1, round(x1 - x0)), max(1, round(y1 - y0))))
    surf.blit(scaled, (round(x0), round(y0)))
    legend = draw_legend(scale, lang, style)
    surf.blit(legend, (style.pad, style.pad))
    return surf

