"""Draws what moves: people by behaviour class, officers by unit with their facing and shields,
vehicles, and over them the hazards (fires, the water-cannon jet, the tear-gas cloud, stones).

Each kind of body is one small pre-drawn sprite: one per crowd class and one per police unit,
turned to the unit's facing; sprites are redrawn only when the zoom changes. Everyone standing or
lying on screen is drawn by a single `Surface.fblits` fed by three flat lists (sprites, x and y
corners) zipped together: no Python object is made per person (`zip` reuses its tuples once
`fblits` lets go of them, and the corners are ints made once, taken from an object array).

Zoomed in to `figures.FIGURE_SCALE` or closer, people are figures seen from above (see
`figures`): each crowd sprite then comes in `HEADINGS` turns, and everyone is drawn turned to
where he last walked, still in one `fblits`. Under the people, a red glow marks those pressed
hard (`PRESS_N`, their chest compression): where a crowd presses on a line or a fence, seen
without the pressure overlay; the hardest pressed pulse with the steps.

Bodies move only when the world steps, so where everyone goes on screen is worked out once per
step and camera view (`_Scene`). The frames in between (two of three at 1x speed, all of them
while paused) show the same world, so the view draws it again only where the UI drew over it the
frame before (`drawn_over`): the map there, and whatever stands on it, clipped to those places.
The UI goes over the same places frame after frame, so the world as drawn is kept there (copied
when a frame is drawn whole, or drawn again in part) and copied back: a plain copy, not drawing.
A frame after a step, a camera move, a new window, a heatmap, or another screen drawn over it
(`redraw_all`) is drawn whole. Zoomed in (few people on screen, and a step's walk a pixel or
more), the frames in between instead show everyone moved part of the way from the step before to
the last one (`draw(..., between=)`): smooth movement at 60 frames a second from 20 steps."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pygame

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.geometry import shape_bounds
from sispam.sim.scenario import ObstacleKind, UnitType, ZoneRole
from sispam.sim.vehicles import VEHICLE_LENGTH_M, VEHICLE_WIDTH_M
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.figures import FIGURE_SCALE, disc, draw_vehicle, figure, head_colour, marked, officer, press_halo
from sispam.ui.hazards import GasCloud, WaterJet, draw_projectiles, fire_marks
from sispam.ui.legend import ROLE_MARKS
from sispam.ui.map_layer import MapLayer, lay_map, pixel_format
from sispam.ui.parked import ParkedVehicles

MIN_PERSON_PX = 3.0  # a person never shrinks below this radius on screen: a readable disc with its outline
FACING_STEP_DEG = 1.0  # a unit's sprite is turned again once its facing moves by this much
REPAIR_MAX_SHARE = 0.5  # drawn over on more of the screen than this, a frame is drawn whole
REPAIR_AS_GIVEN = 8  # up to this many places drawn over are drawn again as they are; more are
REPAIR_TILE_PX = 32  # merged on a grid of tiles this big
KEPT_PLACES_MAX = 64  # the world is kept as drawn in at most this many places of the screen
ROLE_INDEX = {role: k for k, role in enumerate(Crowd.ROLES)}
HEADINGS = 16  # zoomed in, each crowd sprite is turned to this many walking directions
WALKING_MPS = 0.2  # slower than this (smoothed velocity), a person keeps the heading he had
ROPE_SAG_M = 0.3  # a rope piece is drawn bowed out from its officers' line by at most this
JUMP_M = 1.0  # a body further than this from where it was a step before is drawn where it is
# The glow under pressed people: from this chest compression (N) on (contacts.py; params.PRESSED_N,
# where a pushed person only leans on those ahead), stronger from the middle one, and from the
# last (params.CRUSH_MIN_N, more than a braced man bears without harm) it pulses: alpha of each.
PRESS_N = (200.0, 500.0, 800.0)
PRESS_ALPHA = (60, 105, 150, 200)  # the last two: the pulse's two beats
PRESS_PULSE_S = 0.6

# Sprite slots: the crowd's behaviour classes (0-3) without a mark, then with each mark of a
# known role (`ROLE_MARKS`: korlap, provokator, press; a dot in the middle, the police's
# Intelkam picture), then these two, then one per police unit.
LOOKS = len(Behaviour) * (1 + len(ROLE_MARKS))
INJURED_SLOT = LOOKS
HELD_SLOT = INJURED_SLOT + 1
# Zoomed in, each of these looks is `HEADINGS` slots (look * HEADINGS + heading); then come the
# press glows (one per `PRESS_ALPHA`), then one slot per police unit (`WorldView._first_unit_slot`).

# A crowd member's slot by body state and look (behaviour class and mark, HELD_SLOT if held): the
# standing show their look, the injured lie injured whatever they were, the rest are not drawn.
_CROWD_SLOT = np.full((len(BodyState), HELD_SLOT + 1), -1, np.int16)
_CROWD_SLOT[BodyState.ACTIVE] = np.arange(HELD_SLOT + 1)
_CROWD_SLOT[BodyState.INJURED] = INJURED_SLOT

# Python ints for screen coordinates, made once: fblits needs ints, and taking them from here
# (an object array) makes no new int per person each frame. Index: coordinate + _INT_ORIGIN.
_INT_ORIGIN = 512
_int_objects = np.array(list(range(-_INT_ORIGIN, 4096)), dtype=object)


def _ints(largest: int) -> np.ndarray:
    """The ints from -_INT_ORIGIN to at least `largest`."""
    global _int_objects
    if largest + _INT_ORIGIN >= len(_int_objects):
        _int_objects = np.array(list(range(-_INT_ORIGIN, largest + 1024)), dtype=object)
    return _int_objects


@dataclass(slots=True)
class _Scene:
    """What moves, as the screen shows it after a step: sprites and their top-left corners (px;
    as lists for drawing and as arrays, with each sprite's side, to find those in a place),
    officers down (colour, centre, radius), vehicles (kind, colour, where its points go), and
    the tali Dalmas and linked arms between officers (colour, screen points, width px)."""

    sprites: list[pygame.Surface]
    xs: list[int]
    ys: list[int]
    boxes: tuple[np.ndarray, np.ndarray, np.ndarray]
    down: list[tuple[tuple, tuple[float, float], float]]
    vehicles: list[tuple[UnitType, tuple, Callable[[float, float], tuple[float, float]]]]
    links: list[tuple[tuple, list[tuple[float, float]], int]]  # ropes and linked arms: colour, points, width
    parked: list[tuple[UnitType, tuple, Callable[[float, float], tuple[float, float]]]]  # under the people


class WorldView:
    """Draws a world through a camera."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.map = MapLayer(world.scenario)
        self.gas = GasCloud(world.gas)
        self.water = WaterJet(world)
        self.parked = ParkedVehicles(world)  # the ambulance and the Damkar truck (no bodies in the sim)
        b = world.bodies
        # Each officer's unit (its index in world.units), by officer index.
        self._unit_of = np.full(b.n - b.n_crowd, -1, np.int16)
        for k, unit in enumerate(world.units):
            self._unit_of[unit.first - b.n_crowd: unit.first - b.n_crowd + unit.count] = k
        self._mark_of_role = np.zeros(len(Crowd.ROLES), np.int16)  # by role index: 1 + its mark, 0 for none
        for k, (role, _) in enumerate(ROLE_MARKS):
            self._mark_of_role[ROLE_INDEX[role]] = 1 + k
        self._sprite_scale: float | None = None
        self._headings = 1  # crowd sprites per look: HEADINGS when people are figures
        self._heading = np.zeros(b.n, np.int16)  # each body's heading, in HEADINGS steps from east
        self._first_press_slot = self._first_unit_slot = 0
        self._unit_sprites: list[tuple[float, pygame.Surface] | None] = [None] * len(world.units)
        self._slot_sprites = np.empty(0, object)
        self._slot_half = np.zeros(0)  # half a sprite's side (px)
        # Where bodies were at the last step the view saw and at the one before it (for drawing
        # in between), and their step numbers.
        self._seen: tuple[int, np.ndarray] | None = None
        self._before: tuple[int, np.ndarray] | None = None
        # What moves, as the screen shows it, and what for: the step, the camera, and how far
        # between two steps. Bodies and vehicles move only when the world steps.
        self._scene_key: tuple | None = None
        self._scene = _Scene([], [], [], (np.zeros(0, np.intp),) * 3, [], [], [], [])
        # What the screen shows now: the map surface, the scene key and whether a heatmap was
        # laid; and where the UI drew over the world since.
        self._shown: tuple | None = None
        self._over: list[pygame.Rect] = []
        # The world as last drawn whole (or drawn again in part since), in these places of the
        # screen: copied back where the UI goes over it again (`_repair`), and the places the
        # UI's last rects came to (`_merged`, asked every frame with the same rects).
        self._kept: pygame.Surface | None = None
        self._kept_places: list[pygame.Rect] = []
        self._places_for: tuple[tuple, list[pygame.Rect]] = ((), [])

    @property
    def crowd_sprite(self) -> pygame.Surface:
        """The sprite of an orderly (tertib) crowd member at the current zoom."""
        return self.look_sprite(Behaviour.TERTIB)

    @property
    def figures(self) -> bool:
        """People are drawn as figures (head and shoulders), not discs: zoomed in."""
        return self._headings > 1

    def look_sprite(self, look: int, heading: int = 0) -> pygame.Surface:
        """The sprite of a crowd look (behaviour class and mark, INJURED_SLOT, HELD_SLOT) at the
        current zoom, facing `heading` (in HEADINGS steps from east) if people are figures."""
        return self._slot_sprites[look * self._headings + heading % self._headings]

    def draw(self, surf: pygame.Surface, camera: Camera,
             under: Callable[[pygame.Surface], None] | None = None, between: float | None = None) -> None:
        """Draw the world; `under` (a heatmap) goes on the map beneath the people. `between`
        (0-1) is how far the clock has gone towards the next step: zoomed in, everyone is drawn
        that far between the step before and the last one (a step late, and smooth). None
        draws the last step as it is."""
        if self._sprite_scale != camera.scale:
            self._make_sprites(camera.scale)
        self._note_step()
        blend = self._blend(between) if self.figures else None
        ground = self.map.surface(camera, like=surf)
        key = (self.world.step_count, camera.key(), surf.get_size(), blend)
        if key != self._scene_key:
            self._scene = self._scene_for(surf.get_size(), camera, blend)
            self._scene_key = key
        shown = (ground, key, under is not None)
        over, self._over = self._over, []
        if shown == self._shown and under is None and self._repair(surf, ground, camera, over):
            return
        lay_map(surf, ground)
        if under is not None:
            under(surf)
        self._draw_on_map(surf, camera, self._scene.sprites, self._scene.xs, self._scene.ys)
        self._shown = shown
        self._keep(surf, [] if under is not None else self._places(over, surf.get_size()))

    def drawn_over(self, rects: list[pygame.Rect | None]) -> None:
        """Note where something else (the UI) drew over the world this frame: the next frame
        that shows the same world draws it again there."""
        self._over += [r for r in rects if r is not None and r.width > 0 and r.height > 0]

    def redraw_all(self) -> None:
        """Draw the whole world next frame: something not noted has drawn over it."""
        self._shown = None

    def refresh(self) -> None:
        """Forget where everyone was drawn: for a caller that moves bodies without a step."""
        self._scene_key = None
        self._shown = None
        self._seen = self._before = None

    def _places(self, over: list[pygame.Rect], size: tuple[int, int]) -> list[pygame.Rect] | None:
        """`_merged(over, size)`, or None if that is so much of the screen that a whole frame is
        as cheap to draw. The UI goes over the same rects frame after frame: asked again with
        them, the places are the last answer."""
        key = (size, *(tuple(r) for r in over))
        if key != self._places_for[0]:
            places = _merged(over, size)
            if sum(r.width * r.height for r in places) > REPAIR_MAX_SHARE * size[0] * size[1]:
                places = None
            self._places_for = (key, places)
        return self._places_for[1]

    def _keep(self, surf: pygame.Surface, places: list[pygame.Rect] | None) -> None:
        """Copy the world just drawn whole in `places` (where the UI went last frame, so likely
        to go again), to be copied back by `_repair`."""
        self._kept_places = []
        kept = self._kept_like(surf)
        if not places or kept is None:
            return
        for place in places:
            kept.blit(surf, place.topleft, place)
        self._kept_places = list(places)

    def _kept_like(self, surf: pygame.Surface) -> pygame.Surface | None:
        """The surface the world is kept on, of `surf`'s size and pixel format; None for a
        surface with an alpha channel (blitting it would blend, not copy)."""
        if surf.get_flags() & pygame.SRCALPHA:
            return None
        kept = self._kept
        if kept is None or kept.get_size() != surf.get_size() or pixel_format(kept) != pixel_format(surf):
            kept = self._kept = pygame.Surface(surf.get_size(), 0, surf)
            self._kept_places = []
        return kept

    def _repair(self, surf: pygame.Surface, ground: pygame.Surface, camera: Camera,
                over: list[pygame.Rect]) -> bool:
        """Draw the world again where `over` says the UI went: where the world was kept as
        drawn (`_keep`), copied back; elsewhere each place clipped to itself, the map, then
        what stands on it, in the order of a whole frame (and kept). False (nothing drawn) if
        that is so much of the screen that a whole frame is as cheap."""
        places = self._places(over, surf.get_size())
        if places is None:
            return False
        x, y, side = self._scene.boxes
        sprites, xs, ys = self._scene.sprites, self._scene.xs, self._scene.ys
        kept = self._kept_like(surf)
        clip = surf.get_clip()
        try:
            for place in places:
                if kept is not None and any(k.contains(place) for k in self._kept_places):
                    surf.blit(kept, place.topleft, place)
                    continue
                surf.set_clip(place)
                surf.blit(ground, place.topleft, place)
                inside = np.flatnonzero((x < place.right) & (x + side > place.left)
                                        & (y < place.bottom) & (y + side > place.top)).tolist()
                self._draw_on_map(surf, camera, [sprites[i] for i in inside], [xs[i] for i in inside],
                                  [ys[i] for i in inside])
                if kept is not None and len(self._kept_places) < KEPT_PLACES_MAX:
                    kept.blit(surf, place.topleft, place)
                    self._kept_places.append(place)
        finally:
            surf.set_clip(clip)
        return True

    def _draw_on_map(self, surf: pygame.Surface, camera: Camera, sprites: list, xs: list, ys: list) -> None:
        """Everything over the map, in order: fires, the press glows and the people and officers
        (these sprites), ropes and linked arms, officers down, vehicles, the water jet, the gas,
        stones."""
        scene = self._scene
        for mark in fire_marks(camera, self.world.fires):  # under the people
            mark.draw(surf)
        for kind, colour, to_screen in scene.parked:  # the crews walk round their vehicles
            draw_vehicle(surf, kind, colour, to_screen, camera.scale)
        surf.fblits(zip(sprites, zip(xs, ys, strict=True), strict=True))
        for colour, points, width in scene.links:  # held at the hips: seen across the bodies from above
            pygame.draw.lines(surf, palette.OFFICER_OUTLINE, False, points, width + 2)
            pygame.draw.lines(surf, colour, False, points, width)
        for colour, centre, r in scene.down:  # officers knocked down are few: a ring each
            pygame.draw.circle(surf, colour, centre, r)
            pygame.draw.circle(surf, palette.DOWN_MARK, centre, r, max(1, round(r / 3)))
        for kind, colour, to_screen in scene.vehicles:
            draw_vehicle(surf, kind, colour, to_screen, camera.scale)
        self.water.draw(surf, camera)
        self.gas.draw(surf, camera, self.world.t)
        draw_projectiles(surf, camera, self.world.riot.projectiles, self.world.t)

    # --- sprites ---------------------------------------------------------------------------

    def _make_sprites(self, scale: float) -> None:
        b = self.world.bodies
        crowd_r = float(np.mean(b.radius[: b.n_crowd])) if b.n_crowd else 0.22
        r = max(MIN_PERSON_PX, crowd_r * scale)
        if scale >= FIGURE_SCALE:
            looks = [figure(r, palette.BEHAVIOUR[cls], palette.HAIR) for cls in Behaviour]
            for _, mark in ROLE_MARKS:
                looks += [figure(r, palette.BEHAVIOUR[cls], palette.HAIR, mark) for cls in Behaviour]
            looks += [figure(r, palette.INJURED, palette.INJURED_MARK), figure(r, palette.HELD, palette.HAIR)]
            turns = [360.0 * k / HEADINGS for k in range(HEADINGS)]
            sprites = [pygame.transform.rotate(look, a) for look in looks for a in turns]
            self._headings = HEADINGS
        else:
            sprites = [disc(r, palette.BEHAVIOUR[cls], palette.PERSON_OUTLINE) for cls in Behaviour]
            for _, mark in ROLE_MARKS:
                sprites += [marked(palette.BEHAVIOUR[cls], mark, r) for cls in Behaviour]
            sprites += [disc(r, palette.INJURED, palette.INJURED_MARK), disc(r, palette.HELD, palette.PERSON_OUTLINE)]
            self._headings = 1
        self._first_press_slot = len(sprites)
        sprites += [press_halo(r, palette.PRESS, a) for a in PRESS_ALPHA]
        self._first_unit_slot = len(sprites)
        sprites += [sprites[0]] * len(self.world.units)  # till `_turn_unit_sprites` makes them
        self._slot_sprites = np.empty(len(sprites), object)
        self._slot_sprites[:] = sprites
        self._slot_half = np.array([s.get_width() / 2 for s in sprites])
        self._unit_sprites = [None] * len(self.world.units)
        self._sprite_scale = scale

    def _turn_unit_sprites(self, scale: float) -> None:
        """Each unit's sprite turned to its facing (redrawn when the facing has moved)."""
        for k, unit in enumerate(self.world.units):
            facing = round(unit.facing_deg / FACING_STEP_DEG) * FACING_STEP_DEG
            made = self._unit_sprites[k]
            if made is not None and made[0] == facing:
                continue
            head = head_colour(unit.type, unit.spec.helmet) if self.figures else None
            base = officer(max(MIN_PERSON_PX + 0.5, unit.spec.radius_m * scale), palette.UNIT[unit.type],
                           unit.spec.shield, head)
            sprite = pygame.transform.rotate(base, facing)
            self._unit_sprites[k] = (facing, sprite)
            self._slot_sprites[self._first_unit_slot + k] = sprite
            self._slot_half[self._first_unit_slot + k] = sprite.get_width() / 2

    # --- bodies ----------------------------------------------------------------------------

    def _note_step(self) -> None:
        """Zoomed in: keep where bodies stand at each new step, and where they stood at the one
        before; and the crowd's headings, turned to where each walks. Zoomed out neither is
        drawn, and the thousands on screen cost nothing more (everyone moving is turned on the
        first step zoomed in)."""
        w = self.world
        if not self.figures:
            self._before = self._seen = None
            return
        if self._seen is not None and self._seen[0] == w.step_count:
            return
        first = self._seen is None
        self._before, self._seen = self._seen, (w.step_count, w.bodies.pos.copy())
        v = w.bodies.vel_smooth
        least = 1e-3 if first else WALKING_MPS
        walking = np.flatnonzero(np.einsum("ij,ij->i", v, v) > least * least)
        turn = np.arctan2(v[walking, 1], v[walking, 0]) * (HEADINGS / (2 * np.pi))
        self._heading[walking] = np.rint(turn).astype(np.int16) % HEADINGS

    def _blend(self, between: float | None) -> float | None:
        """How far from the step before to the last one to draw everyone (0-1), or None to draw
        the last step as it is (no step before it seen, or no clock given)."""
        if between is None or self._before is None or self._seen is None:
            return None
        steps = self._seen[0] - self._before[0]
        # Drawn a step late: at the last step's time less one step, plus the clock's part of one.
        return round(min(max((steps - 1 + between) / steps, 0.0), 1.0), 3)

    def _positions(self, blend: float | None) -> np.ndarray:
        """Where each body is drawn (n, 2), in metres."""
        pos = self.world.bodies.pos
        if blend is None or self._before is None:
            return pos
        before = self._before[1]
        moved = pos - before
        moved[np.einsum("ij,ij->i", moved, moved) > JUMP_M * JUMP_M] = 0.0  # came into the space, or put aside
        return pos - moved * (1.0 - blend)

    def _slots(self) -> np.ndarray:
        """Every body's sprite slot, -1 for those not drawn as a sprite (absent, officers down)."""
        b, c = self.world.bodies, self.world.crowd
        nc = b.n_crowd
        slot = np.empty(b.n, np.int16)
        look = c.behaviour() + len(Behaviour) * self._mark_of_role[c.role]  # HELD_SLOT if in a tim tangkap's grip
        look[c.arrested] = HELD_SLOT
        look = _CROWD_SLOT[b.state[:nc], look]
        if self._headings > 1:
            look = np.where(look >= 0, look * self._headings + self._heading[:nc], -1)
        slot[:nc] = look
        slot[nc:] = np.where((b.state[nc:] == BodyState.ACTIVE) & (self._unit_of >= 0), self._first_unit_slot + self._unit_of, -1)
        return slot

    def _pressed(self) -> tuple[np.ndarray, np.ndarray]:
        """The crowd members pressed hard enough to glow (standing ones), and their glow slots.
        Officers squeezed in their ranks do not glow: the crowd's press shows where it is."""
        b = self.world.bodies
        nc = b.n_crowd
        who = np.flatnonzero((b.compression_n[:nc] >= PRESS_N[0]) & (b.state[:nc] == BodyState.ACTIVE))
        level = np.searchsorted(PRESS_N, b.compression_n[who], side="right") - 1
        if np.sin(2 * np.pi * self.world.t / PRESS_PULSE_S) > 0:  # the hardest pressed pulse
            level[level == len(PRESS_N) - 1] += 1
        return who, self._first_press_slot + level

    def _scene_for(self, screen: tuple[int, int], camera: Camera, blend: float | None) -> _Scene:
        self._turn_unit_sprites(camera.scale)
        pos = self._positions(blend)
        parked = [(p.unit.type, p.centre, p.heading_deg, p.length_m, p.width_m) for p in self.parked.update()]
        driven = [(v.unit.type, v.body.position, v.facing_deg, VEHICLE_LENGTH_M, VEHICLE_WIDTH_M)
                  for v in self.world.vehicles.by_unit.values()]
        return _Scene(*self._bodies_on_screen(screen, camera, pos), self._down_officers(camera, pos),
                      self._vehicles(camera, driven), self._links(camera, pos), self._vehicles(camera, parked))

    def _bodies_on_screen(self, screen: tuple[int, int], camera: Camera,
                          pos: np.ndarray) -> tuple[list, list, list, tuple]:
        """Everyone with a sprite on screen: the sprites, and the x and y of their top-left
        corners, in drawing order (the press glows, the crowd, then the police over it, front
        ranks last); and the corners with each sprite's side as arrays."""
        w, h = screen
        nc = self.world.bodies.n_crowd
        # Column by column, and in the bodies' order (gathered only once on screen): numpy is
        # slow on (n, 2) arrays broadcast against pairs, and on gathering them.
        scale, half = camera.scale, self._slot_half
        side = 2 * int(half.max()) + 1
        corner_x, corner_y = camera.left * scale, camera.top * scale

        def corners(slot: np.ndarray, at: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
            off = half[slot] - 0.5  # from the centre to the top-left corner, and rounding
            x = pos[at, 0] * scale
            x -= off + corner_x
            y = pos[at, 1] * -scale
            y -= off - corner_y
            return np.floor(x, out=x).astype(np.intp), np.floor(y, out=y).astype(np.intp)

        slot = self._slots()
        x, y = corners(slot, slice(None))
        shown = (slot >= 0) & (x > -side) & (x < w) & (y > -side) & (y < h)
        pressed, glow = self._pressed()
        gx, gy = corners(glow, pressed)
        lit = (gx > -side) & (gx < w) & (gy > -side) & (gy < h)
        # The order bodies are drawn in: the press glows, the crowd, then the police from the
        # last officer of the last unit to the first, so that a line's front rank (its first
        # officers) stands over the ranks behind it, shields and all.
        idx = np.concatenate([np.flatnonzero(shown[:nc]), nc + np.flatnonzero(shown[nc:])[::-1]])
        x, y = np.concatenate([gx[lit], x[idx]]), np.concatenate([gy[lit], y[idx]])
        slot = np.concatenate([glow[lit].astype(np.int16), slot[idx]])
        ints = _ints(max(w, h) + side)
        return (self._slot_sprites[slot].tolist(), ints[x + _INT_ORIGIN].tolist(), ints[y + _INT_ORIGIN].tolist(),
                (x, y, (2 * self._slot_half[slot]).astype(np.intp)))

    def _down_officers(self, camera: Camera, pos: np.ndarray) -> list[tuple[tuple, tuple[float, float], float]]:
        """(colour, centre, radius) of each officer knocked down."""
        b = self.world.bodies
        nc = b.n_crowd
        marks = []
        for k in np.flatnonzero(b.state[nc:] == BodyState.DOWN).tolist():
            unit = self.world.units[int(self._unit_of[k])]
            x, y = camera.to_screen(pos[nc + k])[0].tolist()
            marks.append((palette.UNIT[unit.type], (x, y), max(MIN_PERSON_PX, unit.spec.radius_m * camera.scale)))
        return marks

    def _links(self, camera: Camera, pos: np.ndarray | None = None) -> list[tuple[tuple, list[tuple[float, float]], int]]:
        """The tali Dalmas (a rope piece between two officers: hand, the rope's middle, hand) and linked arms
        (a short thick link in the unit's colour) of every roped or linked unit: a few dozen.
        Drawn between the officers where `pos` draws them (the rope's ends moved as its officers)."""
        now = self.world.bodies.pos
        pos = now if pos is None else pos
        links = self.world.cordon.links
        if not links:
            return []
        ia = np.array([link.a for link in links])
        ib = np.array([link.b for link in links])
        a, b = pos[ia], pos[ib]
        # Each rope piece hand to hand through its middle, bowed out as far as the rope is (at
        # most ROPE_SAG_M): its sag where the crowd leans on it, without the zigzag its ends
        # make sliding in the officers' hands.
        middle = np.array([tuple(link.rope.position) if link.rope is not None else (0.0, 0.0) for link in links])
        chord = b - a
        across = np.column_stack((-chord[:, 1], chord[:, 0])) / np.maximum(np.hypot(chord[:, 0], chord[:, 1]), 1e-9)[:, None]
        sag = np.clip(((middle - (now[ia] + now[ib]) / 2) * across).sum(axis=1), -ROPE_SAG_M, ROPE_SAG_M)
        screen = camera.to_screen(np.stack([a, (a + b) / 2 + across * sag[:, None], b], axis=1).reshape(-1, 2))
        screen = screen.reshape(-1, 3, 2).tolist()
        rope_px, arm_px = max(2, round(0.08 * camera.scale)), max(2, round(0.12 * camera.scale))
        out = []
        for link, (pa, pm, pb) in zip(links, screen, strict=True):
            if link.rope is not None:
                out.append((palette.ROPE, [tuple(pa), tuple(pm), tuple(pb)], rope_px))
            else:
                colour = palette.UNIT[self.world.units[link.unit].type]
                arm = tuple(int(v * 0.6) for v in colour)  # sleeves: the unit's colour, darker
                out.append((arm, [tuple(pa), tuple(pb)], arm_px))
        return out

    def _vehicles(self, camera: Camera, vehicles: list) -> list[tuple[UnitType, tuple,
                                                                    Callable[[float, float], tuple[float, float]]]]:
        """(kind, colour, to_screen) of each of `vehicles` (kind, centre, heading, length and
        width in m): the water cannon, and the support units' parked vehicles
        (`sispam.ui.parked`): `to_screen(u, v)` takes a point
        in halves of its length (u, forward) and width (v, to its left) to the screen."""
        shapes = []
        s, left, top = camera.scale, camera.left, camera.top
        for kind, (px, py), heading_deg, length_m, width_m in vehicles:
            a = math.radians(heading_deg)
            fx, fy = math.cos(a) * length_m / 2, math.sin(a) * length_m / 2  # centre to nose
            sx, sy = -math.sin(a) * width_m / 2, math.cos(a) * width_m / 2  # centre to left side

            def to_screen(u: float, v: float, px=px, py=py, fx=fx, fy=fy, sx=sx, sy=sy) -> tuple[float, float]:
                return ((px + u * fx + v * sx - left) * s, (top - py - u * fy - v * sy) * s)

            shapes.append((kind, palette.UNIT[kind], to_screen))
        return shapes


def _merged(rects: list[pygame.Rect], size: tuple[int, int]) -> list[pygame.Rect]:
    """The places `rects` cover on a screen of `size`, as few rects: a few as they are (on the
    screen), more as the tiles of `REPAIR_TILE_PX` they touch: runs of tiles along each row, and
    runs alike in rows one under the other as one rect."""
    w, h = size
    if len(rects) <= REPAIR_AS_GIVEN:
        screen = pygame.Rect(0, 0, w, h)
        return [p for p in (r.clip(screen) for r in rects) if p.width > 0 and p.height > 0]
    t = REPAIR_TILE_PX
    mask = np.zeros((-(-h // t), -(-w // t)), bool)
    for r in rects:
        if r.right > 0 and r.bottom > 0 and r.left < w and r.top < h:
            mask[max(r.top, 0) // t:(min(r.bottom, h) - 1) // t + 1, max(r.left, 0) // t:(min(r.right, w) - 1) // t + 1] = True
    edges = np.diff(mask.view(np.int8), axis=1, prepend=0, append=0)
    rows, starts = np.nonzero(edges == 1)
    stops = np.nonzero(edges == -1)[1]
    runs: dict[tuple[int, int], pygame.Rect] = {}  # the rect growing down from each run, by its span
    done = []
    for row, x0, x1 in zip(rows.tolist(), starts.tolist(), stops.tolist(), strict=True):
        rect = runs.get((x0, x1))
        if rect is not None and rect.bottom == row * t:
            rect.height = min((row + 1) * t, h) - rect.top
            continue
        if rect is not None:
            done.append(rect)
        runs[(x0, x1)] = pygame.Rect(x0 * t, row * t, min(x1 * t, w) - x0 * t, min((row + 1) * t, h) - row * t)
    return done + list(runs.values())


OPENING_CROWD_MIN = 20  # fewer of the crowd on the map than this, and the opening frames where it will come from
SUPPORT_UNITS = frozenset({UnitType.AMBULANCE, UnitType.DAMKAR})  # parked aside: not what the trainee commands first


def opening_points(world: World) -> np.ndarray:
    """What the play screen opens on (n, 2), in metres: the trainee's units on the map (the
    ambulance and Damkar parked aside left out), the objective (each gate; each protected
    zone's centre if there is none), and the crowd: where it stands, stragglers aside (its 5th
    to 95th percentile of positions), or, before it has come, the edge of each spawn zone
    nearest the objective (where it will appear)."""
    scenario, b = world.scenario, world.bodies
    police = [b.pos[u.first:u.first + u.count][b.state[u.first:u.first + u.count] == BodyState.ACTIVE]
              for u in world.units if u.arrived and u.type not in SUPPORT_UNITS]
    goal = objective_points(scenario)
    crowd = b.pos[: b.n_crowd][b.state[: b.n_crowd] == BodyState.ACTIVE]
    if len(crowd) >= OPENING_CROWD_MIN:
        arrival = np.percentile(crowd, (5, 95), axis=0)
    else:
        centre = np.mean(goal, axis=0)
        arrival = np.array([np.clip(centre, (x0, y0), (x1, y1)) for x0, y0, x1, y1 in
                            (shape_bounds(z.shape) for z in scenario.zones if z.role is ZoneRole.SPAWN)]).reshape(-1, 2)
    return np.concatenate([*police, goal, arrival])


def objective_points(scenario) -> np.ndarray:
    """Where the crowd must be held (n, 2), in metres: each gate's centre; each protected zone's
    centre if there is no gate; the map's centre if there is neither."""
    boxes = [shape_bounds(o.shape) for o in scenario.obstacles if o.kind is ObstacleKind.GATE]
    if not boxes:
        boxes = [shape_bounds(z.shape) for z in scenario.zones if z.role is ZoneRole.PROTECTED]
    if not boxes:
        return np.asarray(scenario.size, float)[None] / 2
    return np.array([((x0 + x1) / 2, (y0 + y1) / 2) for x0, y0, x1, y1 in boxes])


def opening_camera(world: World, window: tuple[int, int]) -> Camera:
    """The view the play screen opens on: `opening_points` framed; the whole map if there are none."""
    camera = Camera(window, world.scenario.size)
    camera.frame(opening_points(world))
    return camera
