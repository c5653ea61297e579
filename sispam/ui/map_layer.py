"""The static map (the level's background picture, ground, obstacles, zones and their labels),
drawn once per camera view and reused every frame while the camera stands still; `lay_map` puts
it on the screen each frame."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.sim.scenario import Circle, ObstacleKind, Polygon, Polyline, Rect, Scenario, ZoneRole
from sispam.ui import palette
from sispam.ui.background import BackgroundPicture
from sispam.ui.camera import Camera
from sispam.ui.widgets import TEXT

LABEL_PX = 14
MIN_LABEL_AREA_PX = 2500  # shapes smaller than this on screen get no label
GROUND_LABEL_ALPHA = 80  # the crowd walks on the ground: its names stay faint, under the people's outlines


def outline(shape: Rect | Polygon | Polyline) -> np.ndarray:
    """A shape's corners (n, 2) in metres: a rectangle's four, or the points of a polygon or line."""
    if isinstance(shape, Rect):
        (x0, y0), (x1, y1) = shape.min, shape.max
        return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], float)
    return np.array(shape.points, float)


def pixel_format(surf: pygame.Surface) -> tuple:
    """A surface's bits per pixel and colour masks: two surfaces alike in both copy as bytes."""
    return surf.get_bitsize(), surf.get_masks()


def lay_map(surf: pygame.Surface, ground: pygame.Surface) -> None:
    """Cover `surf` with `ground` (a map surface of the same size), as `surf.blit(ground, (0, 0))`.

    When both have the same pixel format and row length, the pixels are copied as one block by
    numpy instead: SDL copies such surfaces with streaming stores that bypass the processor's
    cache, so the hundreds of small sprites drawn next onto the screen would each wait for
    memory (measured: 2,000 sprites then take twice as long as on a screen still in cache)."""
    if (surf.get_size() == ground.get_size() and surf.get_pitch() == ground.get_pitch()
            and pixel_format(surf) == pixel_format(ground) and surf.get_parent() is None
            and surf.get_clip() == surf.get_rect() and not surf.get_locked()):
        # The buffers lock the surfaces while they exist, so they live only in this statement.
        np.frombuffer(surf.get_buffer(), np.uint8)[:] = np.frombuffer(ground.get_buffer(), np.uint8)
    else:
        surf.blit(ground, (0, 0))


class MapLayer:
    """Draws a scenario's geometry; `surface(camera)` is cached until the camera moves."""

    def __init__(self, scenario: Scenario, labels: bool = True) -> None:
        self.scenario = scenario
        self.labels = labels  # the minimap goes without: at its size they would hide the map
        self.picture = None if scenario.background is None else BackgroundPicture(scenario.background)
        self._key: tuple | None = None
        self._surface: pygame.Surface | None = None

    def surface(self, camera: Camera, like: pygame.Surface | None = None) -> pygame.Surface:
        """The map as `camera` shows it, in the pixel format of `like` (the screen it goes on)
        if given."""
        key = (camera.key(), None if like is None else pixel_format(like))
        if self._surface is None or self._key != key:
            self._surface = self._draw(camera, like)
            self._key = key
        return self._surface

    def _draw(self, camera: Camera, like: pygame.Surface | None) -> pygame.Surface:
        s = self.scenario
        surf = pygame.Surface(camera.screen_size) if like is None else pygame.Surface(camera.screen_size, 0, like)
        surf.fill(palette.BACKGROUND)
        if self.picture is not None:  # under everything: the instructor's site plan to trace over
            self.picture.draw(surf, camera)
        for g in s.ground:
            self._fill(surf, camera, g.shape, palette.GROUND[g.kind])
        for z in s.zones:
            colour = palette.ZONE.get(z.role)
            if colour is not None:
                self._line(surf, camera, z.shape, colour, width=2 if z.role is ZoneRole.PROTECTED else 1)
        for o in s.obstacles:
            colour = palette.OBSTACLE[o.kind]
            if isinstance(o.shape, Polyline):
                width = max(2, round(o.shape.thickness * camera.scale))
                if o.kind is ObstacleKind.GATE:
                    width = max(3, width + 1)
                pts = camera.to_screen(outline(o.shape))
                pygame.draw.lines(surf, colour, False, pts.tolist(), width)
            else:
                self._fill(surf, camera, o.shape, colour)
                self._line(surf, camera, o.shape, palette.OUTLINE, width=1)
        for item in (*s.ground, *s.obstacles):
            if item.label and self.labels:
                self._label(surf, camera, item.shape, item.label, faint=item in s.ground)
        for o in s.obstacles:  # a gate is a line with no inside: its name goes under its middle
            if o.kind is ObstacleKind.GATE and o.label and self.labels and isinstance(o.shape, Polyline):
                self._gate_label(surf, camera, o.shape, o.label)
        return surf

    def _gate_label(self, surf: pygame.Surface, camera: Camera, shape: Polyline, text: str) -> None:
        """A gate's name on a plate centred under it: the place the briefing sends the first unit
        to ("Put Dalmas Awal in the gate") is marked on the map (over a faint ground name, if one
        is there)."""
        pts = camera.to_screen(np.asarray(shape.points, float))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        img = TEXT.render(text, LABEL_PX + 2, palette.LABEL)
        plate = img.get_rect(midtop=(round((lo[0] + hi[0]) / 2), round(hi[1]) + 3)).inflate(6, 2)
        if not surf.get_rect().contains(plate):
            return
        pygame.draw.rect(surf, palette.PANEL_SOLID, plate)
        pygame.draw.rect(surf, palette.OUTLINE, plate, 1)
        surf.blit(img, img.get_rect(center=plate.center))

    def _fill(self, surf: pygame.Surface, camera: Camera, shape, colour) -> None:
        if isinstance(shape, Circle):
            c = camera.to_screen(np.array([shape.center]))[0]
            pygame.draw.circle(surf, colour, c.tolist(), max(1.0, shape.radius * camera.scale))
        else:
            pygame.draw.polygon(surf, colour, camera.to_screen(outline(shape)).tolist())

    def _line(self, surf: pygame.Surface, camera: Camera, shape, colour, width: int) -> None:
        if isinstance(shape, Circle):
            c = camera.to_screen(np.array([shape.center]))[0]
            pygame.draw.circle(surf, colour, c.tolist(), max(1.0, shape.radius * camera.scale), width)
        else:
            pygame.draw.polygon(surf, colour, camera.to_screen(outline(shape)).tolist(), width)

    def _label(self, surf: pygame.Surface, camera: Camera, shape, text: str, faint: bool) -> None:
        """A shape's name in its middle (if it fits); `faint` for ground people walk on, so that
        the name does not read as drawn over the crowd there."""
        if isinstance(shape, Circle):
            return
        pts = camera.to_screen(outline(shape))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        if isinstance(shape, Polyline) or np.prod(hi - lo) < MIN_LABEL_AREA_PX:
            return
        img = TEXT.render(text, LABEL_PX + 4, palette.LABEL)
        if faint:
            img = img.copy()  # the text cache's image stays as it is
            img.set_alpha(GROUND_LABEL_ALPHA)
        if img.get_width() > hi[0] - lo[0]:
            return  # does not fit: no label rather than one spilling over its neighbours
        centre = (lo + hi) / 2
        surf.blit(img, img.get_rect(center=(round(centre[0]), round(centre[1]))))
