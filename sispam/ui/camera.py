"""Where the map is on the screen: a scale (pixels per metre) and the world point at the
screen's top-left corner. World y points north (up), screen y down."""

from __future__ import annotations

import numpy as np

MIN_SCALE = 1.0  # px/m: a 1 km map still fits a small window
MAX_SCALE = 80.0  # px/m: one person fills a thumb's width


class Camera:
    """A view of a `world_size` map (m) in a `screen_size` window (px)."""

    def __init__(self, screen_size: tuple[int, int], world_size: tuple[float, float]) -> None:
        self.screen_size = screen_size
        self.world_size = world_size
        self.scale = 1.0
        self.left = 0.0  # world x at the screen's left edge (m)
        self.top = 0.0  # world y at the screen's top edge (m)
        self.fit()

    def fit(self, margin_px: int = 8) -> None:
        """Show the whole map, centred."""
        w, h = self.screen_size
        mw, mh = self.world_size
        self.scale = float(np.clip(min((w - 2 * margin_px) / mw, (h - 2 * margin_px) / mh), MIN_SCALE, MAX_SCALE))
        self.centre_on((mw / 2, mh / 2))

    def frame(self, points: np.ndarray, margin_m: float = 12.0, min_span_m: float = 40.0) -> None:
        """Show `points` (n, 2) with `margin_m` round them, at least `min_span_m` across, as
        close as the window allows; the whole map if there are none."""
        p = np.asarray(points, float).reshape(-1, 2)
        if len(p) == 0:
            self.fit()
            return
        lo, hi = p.min(axis=0) - margin_m, p.max(axis=0) + margin_m
        span = np.maximum(hi - lo, min_span_m)
        w, h = self.screen_size
        self.scale = float(np.clip(min(w / span[0], h / span[1]), MIN_SCALE, MAX_SCALE))
        self.centre_on(tuple((lo + hi) / 2))

    def centre_on(self, point: tuple[float, float]) -> None:
        w, h = self.screen_size
        self.left = point[0] - w / 2 / self.scale
        self.top = point[1] + h / 2 / self.scale

    def to_screen(self, points: np.ndarray) -> np.ndarray:
        """World points (n, 2) in metres to screen pixels (n, 2), as floats."""
        p = np.asarray(points, float).reshape(-1, 2)
        return np.column_stack(((p[:, 0] - self.left) * self.scale, (self.top - p[:, 1]) * self.scale))

    def bounds_m(self) -> tuple[float, float, float, float]:
        """The world rectangle on the screen: (west, south, east, north), metres."""
        w, h = self.screen_size
        return (self.left, self.top - h / self.scale, self.left + w / self.scale, self.top)

    def to_world(self, pixel: tuple[float, float]) -> tuple[float, float]:
        return (self.left + pixel[0] / self.scale, self.top - pixel[1] / self.scale)

    def zoom_at(self, pixel: tuple[float, float], factor: float) -> None:
        """Zoom by `factor`, keeping the world point under `pixel` where it is."""
        anchor = self.to_world(pixel)
        self.scale = float(np.clip(self.scale * factor, MIN_SCALE, MAX_SCALE))
        self.left = anchor[0] - pixel[0] / self.scale
        self.top = anchor[1] + pixel[1] / self.scale
        self._keep_map_in_view()

    def pan(self, dx_px: float, dy_px: float) -> None:
        """Move the view by a drag of (dx, dy) pixels: the map follows the pointer, as far as
        the view's centre stays on the map (the pointer resting at the window's edge, or a long
        drag, never scrolls it out of sight)."""
        self.left -= dx_px / self.scale
        self.top += dy_px / self.scale
        self._keep_map_in_view()

    def _keep_map_in_view(self) -> None:
        w, h = self.screen_size
        cx, cy = self.to_world((w / 2, h / 2))
        mw, mh = self.world_size
        self.centre_on((float(np.clip(cx, 0.0, mw)), float(np.clip(cy, 0.0, mh))))

    def key(self) -> tuple[float, float, float, tuple[int, int]]:
        """Changes whenever what the camera shows changes (for cached layers)."""
        return (self.scale, self.left, self.top, self.screen_size)
