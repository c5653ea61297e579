"""Heatmap overlays of the crowd: local density or crowd pressure, over the map, with a legend.

Both fields are built from what the simulation measures at every person (`world.measure`):
`density_ppm2`, the people within 0.8 m per m², and `pressure_per_s2`, density times the variance
in time of the local velocity field at a place, at people pressed into the crowd (Helbing,
Johansson & Al-Abideen 2007; `metrics`).
Each person's value is spread over the `measure.grid` cells (0.5 m) with a Gaussian of the same
0.8 m, as a weighted mean (normalised convolution: a cell shows the value of the people round
it, not their number), and the heatmap fades out where there is nobody.

Scales:
- density, persons/m², linear from 0 to 6, in the bands of Fruin and Still: < 2 comfortable,
  2-4 crowded, 4-5 dangerous, > 5 crush risk (docs/research/domain.md §2.3);
- pressure, 1/s², on a log scale from 0.005 to 0.5: Helbing et al. saw crowd turbulence, and
  the Jamarat disaster begin, where it passed about 0.02/s² (§2.4).

The field is rebuilt at most `REFRESH_HZ` times a second of wall time, and only when the world
has stepped since; in between, the same picture is drawn.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pygame
from scipy import ndimage

from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.grid_image import GridImage
from sispam.ui.i18n import text
from sispam.ui.widgets import TEXT, Style, blit_text, panel

SPREAD_M = 0.8  # the Gaussian each person's value is spread with: the sim's density disc
PRESENCE_FULL = 0.15  # smoothed people per cell at which the heatmap is fully opaque (~0.6 p/m²)
REFRESH_HZ = 4.0
TOP_BAR_PX = 40  # the play screen's top bar (at 1280x720): the legend goes below it unless told


@dataclass(frozen=True, slots=True)
class Band:
    """A band of a scale: values up to `upto` (the last band: above the one before), named by
    the catalogue key `name`."""

    upto: float
    name: str


@dataclass(frozen=True, slots=True)
class Scale:
    """How a measure maps onto the heat ramp, and its legend."""

    title: str  # catalogue key
    low: float
    high: float
    log: bool
    bands: tuple[Band, ...]
    ticks: tuple[float, ...]

    def position(self, value: np.ndarray) -> np.ndarray:
        """0 at `low` (and below), 1 at `high` (and above)."""
        if self.log:
            v = np.log(np.maximum(value, self.low) / self.low) / math.log(self.high / self.low)
        else:
            v = (value - self.low) / (self.high - self.low)
        return np.clip(v, 0.0, 1.0)


SCALES: dict[str, Scale] = {
    "density": Scale("overlay.legend.density", 0.0, 6.0, False,
                     (Band(2.0, "overlay.band.comfortable"), Band(4.0, "overlay.band.crowded"),
                      Band(5.0, "overlay.band.dangerous"), Band(math.inf, "overlay.band.crush")),
                     (0.0, 2.0, 4.0, 5.0, 6.0)),
    "pressure": Scale("overlay.legend.pressure", 0.005, 0.5, True,
                      (Band(0.02, "overlay.band.steady"), Band(math.inf, "overlay.band.turbulent")),
                      (0.005, 0.02, 0.1, 0.5)),
}


def heat_rgb(position: np.ndarray) -> np.ndarray:
    """(...) positions in [0, 1] to (..., 3) colours of `palette.HEAT_RAMP`, linearly between stops."""
    ramp = np.array(palette.HEAT_RAMP, float)
    x = np.clip(np.nan_to_num(position, nan=0.0), 0.0, 1.0) * (len(ramp) - 1)  # an edited replay's NaN is 0
    k = np.minimum(x.astype(int), len(ramp) - 2)
    f = (x - k)[..., None]
    return ramp[k] * (1 - f) + ramp[k + 1] * f


def number(value: float, lang: str) -> str:
    """A scale value as the language writes it (decimal comma in Indonesian)."""
    s = f"{value:g}"
    return s.replace(".", ",") if lang == "id" else s


class Overlay:
    """Draws a heatmap of the crowd's density or pressure over the map of `world`."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.grid = world.measure.grid
        self.image = GridImage(self.grid.cell)
        self._built: tuple[str, int] | None = None  # kind and step of the picture
        self._built_wall = -math.inf
        self._legends: dict[tuple[str, str, float], pygame.Surface] = {}

    def draw(self, surf: pygame.Surface, camera: Camera, kind: str, lang: str, *,
             legend_at: tuple[int, int] | None = None, legend: bool = True) -> None:
        """Draw the `kind` ("density" or "pressure") heatmap and (unless `legend` is False) its
        legend in `lang`, the legend's top-left corner at `legend_at` (default: the top-left
        corner, below the top bar)."""
        scale = SCALES[kind]
        now = time.perf_counter()
        stale = self._built is None or self._built[0] != kind or (
            self._built[1] != self.world.step_count and now - self._built_wall >= 1.0 / REFRESH_HZ)
        if stale:
            self._build(kind, scale)
            self._built, self._built_wall = (kind, self.world.step_count), now
        self.image.draw(surf, camera)
        if legend:
            self.draw_legend(surf, kind, lang, legend_at)

    def draw_legend(self, surf: pygame.Surface, kind: str, lang: str,
                    at: tuple[int, int] | None = None) -> pygame.Rect:
        """The `kind` heatmap's legend in `lang`, its top-left corner at `at` (default: the
        top-left corner, below the top bar); returns where it went."""
        style = Style.for_window(surf.get_size())
        image = self._legend(kind, lang, style)
        return surf.blit(image, at if at is not None else (style.pad, style.px(TOP_BAR_PX) + style.pad))

    # --- the field ---------------------------------------------------------------------------

    def field(self, kind: str) -> tuple[np.ndarray, np.ndarray, int, int]:
        """The smoothed measure and the smoothed presence (people per cell) over the cells round
        the crowd, and the grid cell (ix0, iy0) of their first element; rows run south to north."""
        b, m, g = self.world.bodies, self.world.measure, self.grid
        nc = b.n_crowd
        present = b.in_space()[:nc]
        values = (m.density_ppm2 if kind == "density" else m.pressure_per_s2)[:nc][present]
        iy, ix = g.cell_of(b.pos[:nc][present])
        if len(ix) == 0:
            return np.zeros((0, 0)), np.zeros((0, 0)), 0, 0
        sigma = SPREAD_M / g.cell
        pad = math.ceil(3 * sigma) + 1
        ix0, iy0 = max(int(ix.min()) - pad, 0), max(int(iy.min()) - pad, 0)
        nx, ny = min(int(ix.max()) + pad + 1, g.nx) - ix0, min(int(iy.max()) + pad + 1, g.ny) - iy0
        flat = (iy - iy0) * nx + (ix - ix0)
        people = np.bincount(flat, minlength=nx * ny).reshape(ny, nx).astype(float)
        total = np.bincount(flat, weights=values, minlength=nx * ny).reshape(ny, nx)
        people = ndimage.gaussian_filter(people, sigma, mode="constant")
        total = ndimage.gaussian_filter(total, sigma, mode="constant")
        return total / np.maximum(people, 1e-12), people, ix0, iy0

    def _build(self, kind: str, scale: Scale) -> None:
        value, people, ix0, iy0 = self.field(kind)
        if value.size == 0:
            self.image.clear()
            return
        pos = scale.position(value)
        alpha = (palette.HEAT_ALPHA_LOW + (palette.HEAT_ALPHA_HIGH - palette.HEAT_ALPHA_LOW) * pos) \
            * np.clip(people / PRESENCE_FULL, 0.0, 1.0)
        rgba = np.empty((*value.shape, 4), np.uint8)
        rgba[..., :3] = heat_rgb(pos)
        rgba[..., 3] = alpha
        self.image.set(rgba, ix0, iy0)

    # --- the legend --------------------------------------------------------------------------

    def _legend(self, kind: str, lang: str, style: Style) -> pygame.Surface:
        key = (kind, lang, style.scale)
        legend = self._legends.get(key)
        if legend is None:
            legend = self._legends[key] = draw_legend(SCALES[kind], lang, style)
        return legend


def draw_legend(scale: Scale, lang: str, style: Style) -> pygame.Surface:
    """The legend of a scale: its title (with units), the colour bar with its ticks, and each band
    with its colour and name."""
    s = style
    small, tiny = s.small, s.px(13)
    title = text(scale.title, lang)
    bands = []
    lower = None
    for band in scale.bands:
        if lower is None:
            span = f"< {number(band.upto, lang)}"
        elif math.isinf(band.upto):
            span = f"> {number(lower, lang)}"
        else:
            span = f"{number(lower, lang)}–{number(band.upto, lang)}"
        # The band's colour: the middle of the band, or just above its bottom for the last one.
        top = band.upto if not math.isinf(band.upto) else scale.high
        bottom = lower if lower is not None else scale.low
        middle = math.sqrt(max(bottom, 1e-12) * top) if scale.log else (bottom + top) / 2
        bands.append((span, text(band.name, lang), middle))
        lower = band.upto
    bar_w = s.px(200)
    span_w = max(TEXT.width(span, small) for span, _, _ in bands)
    name_w = max(TEXT.width(name, small) for _, name, _ in bands)
    swatch = s.px(12)
    line = TEXT.font(small).get_linesize()
    width = 2 * s.pad + max(TEXT.width(title, small, bold=True), bar_w, swatch + s.pad + span_w + s.pad + name_w)
    height = s.pad + line + s.px(4) + s.px(10) + TEXT.font(tiny).get_linesize() + s.px(4) + len(bands) * line + s.pad
    legend = pygame.Surface((width, height), pygame.SRCALPHA)
    panel(legend, legend.get_rect())
    x, y = s.pad, s.pad
    blit_text(legend, title, small, (x, y), width - 2 * s.pad, bold=True)
    y += line + s.px(4)
    ramp = heat_rgb(np.linspace(0.0, 1.0, bar_w))
    for i, colour in enumerate(ramp.round().astype(int).tolist()):
        pygame.draw.line(legend, colour, (x + i, y), (x + i, y + s.px(10) - 1))
    pygame.draw.rect(legend, palette.PANEL_BORDER, (x, y, bar_w, s.px(10)), 1)
    y += s.px(10)
    for tick in scale.ticks:
        tx = x + round(float(scale.position(np.array(tick))) * (bar_w - 1))
        pygame.draw.line(legend, palette.TEXT, (tx, y - s.px(3)), (tx, y + s.px(1)))
        label = number(tick, lang) + ("+" if tick == scale.high and not scale.log else "")
        anchor = "topleft" if tx - x < s.px(8) else "topright" if x + bar_w - tx < s.px(8) else "midtop"
        blit_text(legend, label, tiny, (tx, y + s.px(1)), colour=palette.TEXT_MUTED, anchor=anchor)
    y += TEXT.font(tiny).get_linesize() + s.px(4)
    for span, name, middle in bands:
        colour = heat_rgb(scale.position(np.array(middle))).round().astype(int).tolist()
        box = pygame.Rect(x, y + (line - swatch) // 2, swatch, swatch)
        pygame.draw.rect(legend, colour, box)
        pygame.draw.rect(legend, palette.PANEL_BORDER, box, 1)
        blit_text(legend, span, small, (x + swatch + s.pad, y))
        blit_text(legend, name, small, (x + swatch + 2 * s.pad + span_w, y))
        y += line
    return legend
