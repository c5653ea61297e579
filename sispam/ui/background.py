"""A level's background picture (a site plan or aerial photo, `[map.background]`), drawn under the
map's geometry at its place, scale and opacity.

The level loader has already checked the file (inside the level's folder, a PNG or JPEG, at most
8 MB and 8192 pixels on a side). A picture that pygame still cannot load is drawn as nothing,
with a warning in the log: it is a tracing aid, never a reason to stop the game.
"""

from __future__ import annotations

import logging
import math
import os
from functools import lru_cache

import numpy as np
import pygame

from sispam.sim.scenario import Background
from sispam.ui import palette
from sispam.ui.camera import Camera

log = logging.getLogger(__name__)

SMALLEST_PX = 256  # the picture is kept halved down to about this size, for views of the whole map


@lru_cache(maxsize=4)
def _halvings(path: str, stamp: tuple[int, int], opacity: float) -> tuple[pygame.Surface, ...]:
    """The picture already blended at `opacity` onto the map's background colour (it is drawn
    straight onto that colour, so each frame then only copies opaque pixels), at full size and
    halved again and again down to about `SMALLEST_PX`; () if pygame cannot load it. Cached by
    path and (modification time, size): the play view, the minimap and the debrief's maps share
    one copy."""
    try:
        image = pygame.image.load(path)
        flat = pygame.Surface(image.get_size())
        flat.fill(palette.BACKGROUND)
        image.set_alpha(round(255 * opacity))
        flat.blit(image, (0, 0))
        del image
        sizes = [flat]
        while max(sizes[-1].get_size()) > 2 * SMALLEST_PX:
            w, h = sizes[-1].get_size()
            sizes.append(pygame.transform.smoothscale(sizes[-1], (max(1, w // 2), max(1, h // 2))))
    except (pygame.error, OSError, ValueError, MemoryError) as e:
        log.warning("the background picture %s cannot be drawn: %s", path, e)
        return ()
    return tuple(sizes)


class BackgroundPicture:
    """One level's background picture, loaded the first time it is drawn."""

    def __init__(self, background: Background) -> None:
        self.background = background
        self._sizes: tuple[pygame.Surface, ...] | None = None

    def _pictures(self) -> tuple[pygame.Surface, ...]:
        if self._sizes is None:
            path = self.background.path
            try:
                info = os.stat(path)
            except OSError as e:
                log.warning("the background picture %s cannot be drawn: %s", path, e.strerror or e)
                self._sizes = ()
            else:
                self._sizes = _halvings(path, (info.st_mtime_ns, info.st_size), self.background.opacity)
        return self._sizes

    def draw(self, surf: pygame.Surface, camera: Camera) -> None:
        """Draw the part of the picture that `camera` shows onto `surf`, which must be filled
        with `palette.BACKGROUND` (the picture comes blended onto that colour)."""
        bg = self.background
        if bg.opacity <= 0:
            return
        sizes = self._pictures()
        if not sizes:
            return
        (ox, oy), (w_m, h_m) = bg.origin, bg.size
        (x0, y0), (x1, y1) = camera.to_screen(np.array([(ox, oy + h_m), (ox + w_m, oy)])).tolist()
        sw, sh = surf.get_size()
        vx0, vy0, vx1, vy1 = max(x0, 0.0), max(y0, 0.0), min(x1, float(sw)), min(y1, float(sh))
        if vx1 <= vx0 or vy1 <= vy0:
            return
        # The smallest copy with at least one picture pixel per screen pixel (the full one when
        # zoomed in further than that): only the part on screen is then scaled.
        image = next((im for im in reversed(sizes) if im.get_width() >= x1 - x0 and im.get_height() >= y1 - y0),
                     sizes[0])
        iw, ih = image.get_size()
        sx, sy = iw / (x1 - x0), ih / (y1 - y0)  # picture pixels per screen pixel
        left, top = max(0, math.floor((vx0 - x0) * sx)), max(0, math.floor((vy0 - y0) * sy))
        right, bottom = min(iw, math.ceil((vx1 - x0) * sx)), min(ih, math.ceil((vy1 - y0) * sy))
        if right <= left or bottom <= top:
            return
        at = (round(x0 + left / sx), round(y0 + top / sy))
        size = (max(1, round(x0 + right / sx) - at[0]), max(1, round(y0 + bottom / sy) - at[1]))
        crop = image.subsurface((left, top, right - left, bottom - top))
        # Shrinking by less than half (the copies are halvings): nearest pixels look as well and
        # take a tenth of the time; enlarging: smoothed, not blocky.
        surf.blit(pygame.transform.scale(crop, size) if sx >= 1 else pygame.transform.smoothscale(crop, size), at)
