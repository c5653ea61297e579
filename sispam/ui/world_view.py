"""Draws what moves: people by behaviour class, officers by unit with their facing and shields,
vehicles, fires and projectiles in flight.

Each kind of person is one small pre-drawn sprite, blitted for everyone of that kind at once with
`Surface.fblits` (no per-person drawing call); officers share one sprite per unit, turned to the
unit's facing. Sprites are redrawn only when the zoom changes.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pygame

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.vehicles import VEHICLE_LENGTH_M, VEHICLE_WIDTH_M
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.map_layer import MapLayer

MIN_PERSON_PX = 2.0  # a person never shrinks below this radius on screen, so the crowd stays visible
MAX_SPRITE_PX = 80  # half the largest person sprite (an officer with his shield, fully zoomed in)
FIRE_BASE_M = 0.6  # a fire's drawn radius grows from this with the square root of its heat
FIRE_GROW_M = 1.6


def _disc(radius_px: float, fill: tuple, outline: tuple | None) -> pygame.Surface:
    size = math.ceil(2 * radius_px) + 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    pygame.draw.circle(surf, fill, (c, c), radius_px)
    if outline is not None and radius_px >= 3:
        pygame.draw.circle(surf, outline, (c, c), radius_px, 1)
    return surf


def _officer(radius_px: float, fill: tuple, shield: bool) -> pygame.Surface:
    """An officer facing east (+x): a disc and, in front, his shield or a facing notch."""
    size = math.ceil(2 * radius_px * 1.6) + 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    pygame.draw.circle(surf, fill, (c, c), radius_px)
    pygame.draw.circle(surf, palette.OFFICER_OUTLINE, (c, c), radius_px, max(1, round(radius_px / 4)))
    if shield:
        w = max(2, round(radius_px * 0.5))
        pygame.draw.rect(surf, palette.SHIELD, (c + radius_px * 0.9, c - radius_px * 1.25, w, radius_px * 2.5))
        pygame.draw.rect(surf, palette.OFFICER_OUTLINE, (c + radius_px * 0.9, c - radius_px * 1.25, w, radius_px * 2.5), 1)
    else:
        tip = (c + radius_px * 1.5, c)
        pygame.draw.polygon(surf, palette.OFFICER_OUTLINE,
                            [(c + radius_px * 0.7, c - radius_px * 0.5), tip, (c + radius_px * 0.7, c + radius_px * 0.5)])
    return surf


class WorldView:
    """Draws a world through a camera."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.map = MapLayer(world.scenario)
        self._sprite_scale: float | None = None
        self._crowd: dict[object, pygame.Surface] = {}
        self._officers: dict[tuple[str, float], pygame.Surface] = {}

    def draw(self, surf: pygame.Surface, camera: Camera) -> None:
        surf.blit(self.map.surface(camera), (0, 0))
        if self._sprite_scale != camera.scale:
            self._make_sprites(camera.scale)
        # Everyone's place on screen, once; those off screen (with a sprite's margin) are skipped.
        b = self.world.bodies
        screen = camera.to_screen(b.pos)
        w, h = surf.get_size()
        m = 2 * MAX_SPRITE_PX
        on = (screen[:, 0] > -m) & (screen[:, 0] < w + m) & (screen[:, 1] > -m) & (screen[:, 1] < h + m)
        self._draw_fires(surf, camera)
        self._draw_crowd(surf, screen, on)
        self._draw_vehicles(surf, camera)
        self._draw_officers(surf, camera, screen, on)
        self._draw_projectiles(surf, camera)

    # --- sprites ---------------------------------------------------------------------------

    def _make_sprites(self, scale: float) -> None:
        b = self.world.bodies
        crowd_r = float(np.mean(b.radius[: b.n_crowd])) if b.n_crowd else 0.22
        r = max(MIN_PERSON_PX, crowd_r * scale)
        self._crowd = {cls: _disc(r, colour, palette.PERSON_OUTLINE) for cls, colour in palette.BEHAVIOUR.items()}
        self._crowd["injured"] = _disc(r, palette.INJURED, palette.INJURED_MARK)
        self._crowd["held"] = _disc(r, palette.HELD, palette.PERSON_OUTLINE)
        self._officers = {}
        self._sprite_scale = scale

    def _officer_sprite(self, unit, scale: float) -> pygame.Surface:
        key = (unit.id, round(unit.facing_deg, 1))
        sprite = self._officers.get(key)
        if sprite is None:
            base = _officer(max(MIN_PERSON_PX + 0.5, unit.spec.radius_m * scale), palette.UNIT[unit.type],
                            unit.spec.shield)
            sprite = self._officers[key] = pygame.transform.rotate(base, unit.facing_deg)
        return sprite

    # --- layers ----------------------------------------------------------------------------

    @staticmethod
    def _blit_all(surf: pygame.Surface, sprite: pygame.Surface, centres: np.ndarray) -> None:
        """One `fblits` of `sprite` centred on each of `centres` (already culled to the screen)."""
        if len(centres) == 0:
            return
        corners = (centres - np.array(sprite.get_size()) / 2).astype(int).tolist()
        surf.fblits(list(zip(itertools.repeat(sprite, len(corners)), corners, strict=True)))

    def _draw_crowd(self, surf: pygame.Surface, screen: np.ndarray, on: np.ndarray) -> None:
        b, c = self.world.bodies, self.world.crowd
        nc = b.n_crowd
        state = b.state[:nc]
        # One drawing key per person: behaviour class 0-3, 4 injured, 5 held by a tim tangkap.
        key = np.where(c.arrested, 5, c.behaviour()).astype(np.int8)
        key[state == BodyState.INJURED] = 4
        key[~on[:nc] | ((state != BodyState.ACTIVE) & (state != BodyState.INJURED))] = -1
        order = np.argsort(key, kind="stable")
        bounds = np.searchsorted(key[order], np.arange(-1, 7))
        sprites = [*(self._crowd[cls] for cls in Behaviour), self._crowd["injured"], self._crowd["held"]]
        for k, sprite in enumerate(sprites):
            self._blit_all(surf, sprite, screen[order[bounds[k + 1]:bounds[k + 2]]])

    def _draw_officers(self, surf: pygame.Surface, camera: Camera, screen: np.ndarray, on: np.ndarray) -> None:
        b = self.world.bodies
        active = on & (b.state == BodyState.ACTIVE)
        for unit in self.world.units:
            rows = slice(unit.first, unit.first + unit.count)
            if active[rows].any():
                self._blit_all(surf, self._officer_sprite(unit, camera.scale), screen[rows][active[rows]])
            down = screen[rows][b.state[rows] == BodyState.DOWN]
            r = max(MIN_PERSON_PX, unit.spec.radius_m * camera.scale)
            for x, y in down.tolist():  # officers down are few: a ring each
                pygame.draw.circle(surf, palette.UNIT[unit.type], (x, y), r)
                pygame.draw.circle(surf, palette.DOWN_MARK, (x, y), r, max(1, round(r / 3)))

    def _draw_vehicles(self, surf: pygame.Surface, camera: Camera) -> None:
        for vehicle in self.world.vehicles.by_unit.values():
            a = math.radians(vehicle.facing_deg)
            fwd = np.array([math.cos(a), math.sin(a)]) * VEHICLE_LENGTH_M / 2
            side = np.array([-math.sin(a), math.cos(a)]) * VEHICLE_WIDTH_M / 2
            p = vehicle.pos
            corners = camera.to_screen(np.array([p + fwd + side, p + fwd - side, p - fwd - side, p - fwd + side]))
            pygame.draw.polygon(surf, palette.UNIT[vehicle.unit.type], corners.tolist())
            pygame.draw.polygon(surf, palette.OFFICER_OUTLINE, corners.tolist(), 2)
            nose = camera.to_screen(np.array([p + fwd * 0.8]))[0]
            pygame.draw.circle(surf, palette.SHIELD, nose.tolist(), max(2.0, 0.4 * camera.scale))

    def _draw_fires(self, surf: pygame.Surface, camera: Camera) -> None:
        for fire in self.world.fires:
            centre = camera.to_screen(np.array([fire.pos]))[0].tolist()
            if not fire.burning:
                pygame.draw.circle(surf, (70, 66, 60), centre, max(2.0, FIRE_BASE_M * camera.scale))
                continue
            share = math.sqrt(max(fire.heat_kw, 0.0) / max(fire.max_kw, 1e-9))
            r = (FIRE_BASE_M + FIRE_GROW_M * share) * camera.scale
            pygame.draw.circle(surf, palette.SMOKE, centre, max(3.0, r * 1.8), max(1, round(r / 4)))
            pygame.draw.circle(surf, palette.FIRE, centre, max(2.5, r))
            pygame.draw.circle(surf, palette.FIRE_CORE, centre, max(1.5, r * 0.5))

    def _draw_projectiles(self, surf: pygame.Surface, camera: Camera) -> None:
        p = self.world.riot.projectiles
        if len(p.t_launch) == 0:
            return
        t = self.world.t
        frac = np.clip((t - p.t_launch) / np.maximum(p.t_land - p.t_launch, 1e-9), 0.0, 1.0)
        flying = (t >= p.t_launch) & (t < p.t_land)
        where = p.origin + (p.landing - p.origin) * frac[:, None]
        for x, y in camera.to_screen(where[flying]).tolist():  # a few stones in the air at a time
            pygame.draw.circle(surf, palette.PROJECTILE, (x, y), max(1.5, 0.15 * camera.scale))


def opening_camera(world: World, window: tuple[int, int]) -> Camera:
    """The view the play screen opens on: framed on the crowd, stragglers aside (its 5th to 95th
    percentile of positions); the whole map while no one has arrived."""
    camera = Camera(window, world.scenario.size)
    b = world.bodies
    crowd = b.pos[: b.n_crowd][b.state[: b.n_crowd] == BodyState.ACTIVE]
    camera.frame(np.percentile(crowd, (5, 95), axis=0) if len(crowd) else crowd)
    return camera
