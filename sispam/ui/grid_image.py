"""A picture of a field on a map grid (tear gas, crowd density): a small RGBA image with one
pixel per cell, drawn through a camera.

The image is scaled smoothly (bilinear: cells blend into a soft field rather than squares),
premultiplied by its alpha for fast blending, and only when the zoom, the picture or the part of
it on screen changes; when the picture is larger than the screen, only the part on screen, with
some slack round it so that panning rarely rescales, is scaled.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from sispam.ui.camera import Camera

SLACK_CELLS = 24


class GridImage:
    """An RGBA picture of the cells `ix0 <= ix < ix1`, `iy0 <= iy < iy1` of a grid of `cell_m`
    cells whose cell (0, 0) has its south-west corner at the map's origin."""

    def __init__(self, cell_m: float) -> None:
        self.cell_m = cell_m
        self._image: pygame.Surface | None = None  # top row northmost
        self._cells = (0, 0, 0, 0)
        self._version = 0
        self._scaled_key: tuple | None = None
        self._scaled: pygame.Surface | None = None
        self._scaled_at = (0.0, 0.0)  # world x, y of the scaled image's top-left corner

    @property
    def empty(self) -> bool:
        return self._image is None

    def clear(self) -> None:
        self._image = self._scaled = None
        self._scaled_key = None

    def set(self, rgba: np.ndarray, ix0: int, iy0: int) -> None:
        """The picture: `rgba` (ny, nx, 4) uint8 in grid order (row 0 southmost) for the cells
        from (ix0, iy0)."""
        ny, nx = rgba.shape[:2]
        # BGRA bytes make the ARGB surface pygame draws with (RGBA bytes would make ABGR, which
        # SDL blends ten times slower).
        data = np.ascontiguousarray(rgba[::-1][..., [2, 1, 0, 3]], np.uint8)
        self._image = pygame.image.frombytes(data.tobytes(), (nx, ny), "BGRA")
        self._cells = (ix0, iy0, ix0 + nx, iy0 + ny)
        self._version += 1

    def draw(self, surf: pygame.Surface, camera: Camera) -> pygame.Rect | None:
        """Blit the picture where the camera shows its cells; returns where it went."""
        scaled = self._scaled_for(camera)
        if scaled is None:
            return None
        x, y = self._scaled_at
        at = (round((x - camera.left) * camera.scale), round((camera.top - y) * camera.scale))
        return surf.blit(scaled, at, special_flags=pygame.BLEND_PREMULTIPLIED)

    def _scaled_for(self, camera: Camera) -> pygame.Surface | None:
        if self._image is None:
            return None
        cell = self.cell_m
        ix0, iy0, ix1, iy1 = self._cells
        w, h = camera.screen_size
        # The cells on screen, with slack, snapped to half the slack so that small pans keep them.
        snap = SLACK_CELLS // 2
        vx0 = (math.floor(camera.left / cell) - SLACK_CELLS) // snap * snap
        vx1 = -(-(math.ceil((camera.left + w / camera.scale) / cell) + SLACK_CELLS) // snap) * snap
        vy0 = (math.floor((camera.top - h / camera.scale) / cell) - SLACK_CELLS) // snap * snap
        vy1 = -(-(math.ceil(camera.top / cell) + SLACK_CELLS) // snap) * snap
        cx0, cx1, cy0, cy1 = max(ix0, vx0), min(ix1, vx1), max(iy0, vy0), min(iy1, vy1)
        if cx0 >= cx1 or cy0 >= cy1:
            return None
        key = (self._version, camera.scale, cx0, cx1, cy0, cy1)
        if key != self._scaled_key:
            part = self._image.subsurface((cx0 - ix0, iy1 - cy1, cx1 - cx0, cy1 - cy0))
            size = (max(1, round((cx1 - cx0) * cell * camera.scale)), max(1, round((cy1 - cy0) * cell * camera.scale)))
            # Premultiplied by its alpha: pygame blends such images twice as fast.
            self._scaled = pygame.transform.smoothscale(part, size).premul_alpha()
            self._scaled_at = (cx0 * cell, cy1 * cell)
            self._scaled_key = key
        return self._scaled
