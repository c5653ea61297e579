"""The sprites of people and officers, and the top-down shapes of vehicles.

Zoomed out, a person is a disc (a readable dot among thousands). Zoomed in to `FIGURE_SCALE`
or closer, where one can tell a man's shoulders from his head, he is drawn from above: an
ellipse for his shoulders, across the way he walks, and his head in front of their middle;
officers with a helmet (or cap) in a colour apart from their uniform. A shield officer carries
his shield as an arc in front of him at every zoom. All sprites face east (+x): the view turns
them to the walking direction or the unit's facing.

Vehicles are few, so they are drawn as polygons each frame they move: a truck body with its cab
at the nose and what shows on its roof (the water cannon's turret, the Damkar's ladder, the
ambulance's cross and light bar)."""

from __future__ import annotations

import math

import pygame

from sispam.sim.scenario import UnitType
from sispam.ui import palette

FIGURE_SCALE = 12.0  # px/m: from here in, people are figures (head and shoulders), not discs
SHOULDER_WIDTH = 2.0  # across the shoulders, in body radii (a body's disc is his shoulder width)
SHOULDER_DEPTH = 1.15  # chest to back, in body radii
HEAD_RADIUS = 0.52  # in body radii
SHIELD_REACH = 1.3  # the shield's arc from the body's centre, in body radii
SHIELD_HALF_ANGLE_DEG = 60.0  # half the arc a shield covers, seen from the man holding it
DETAIL_SCALE = 8.0  # px/m: from here in, a vehicle shows what is on its roof
# Below this radius (px) a person's outline is his own colour darkened, not near-black: a
# 1 px black rim and a dark head swamped a 3 px body, and 444 orderly people looked black.
SMALL_PERSON_PX = 8.0
RIM_SHADE = 0.6  # a small person's outline: his fill at this share of its brightness
SMALL_HEAD_SHADE = 0.65  # a small civilian's hair: his fill, darker
RIMLESS_PX = 5.0  # below this radius (px) a civilian figure has no outline: it would be all outline


def shade(colour: tuple, share: float) -> tuple:
    """`colour` darkened to `share` of its brightness (its alpha, if any, kept)."""
    return (*(int(v * share) for v in colour[:3]), *colour[3:])


def _canvas(reach_px: float) -> tuple[pygame.Surface, float]:
    size = math.ceil(2 * reach_px) + 2
    return pygame.Surface((size, size), pygame.SRCALPHA), size / 2


def disc(radius_px: float, fill: tuple, outline: tuple | None) -> pygame.Surface:
    """A person as a disc with an outline (zoomed out); a small disc's outline is its own
    colour darkened, so the colour holds most of it."""
    surf, c = _canvas(radius_px)
    pygame.draw.circle(surf, fill, (c, c), radius_px)
    if outline == palette.PERSON_OUTLINE and radius_px < SMALL_PERSON_PX:  # not a mark's rim (the injured)
        outline = shade(fill, RIM_SHADE)
    if outline is not None and radius_px >= 3:
        pygame.draw.circle(surf, outline, (c, c), radius_px, 1)
    return surf


def marked(fill: tuple, colour: tuple, radius_px: float) -> pygame.Surface:
    """A person of `fill` with a known role's mark in `colour`: a dot in the middle and a ring
    round him, both kept big enough to find at any zoom (the ring stands out of the crowd's
    discs, the dot says which mark it is)."""
    ring = max(1.5, 0.25 * radius_px)
    outer = radius_px + ring + 0.5
    sprite, c = _canvas(outer)
    pygame.draw.circle(sprite, palette.PERSON_OUTLINE, (c, c), outer + 0.5)
    pygame.draw.circle(sprite, colour, (c, c), outer - 0.5)
    pygame.draw.circle(sprite, fill, (c, c), radius_px - 0.5)
    pygame.draw.circle(sprite, colour, (c, c), max(1.5, 0.45 * radius_px))
    return sprite


def figure(radius_px: float, fill: tuple, head: tuple, mark: tuple | None = None,
           outline: tuple = palette.PERSON_OUTLINE) -> pygame.Surface:
    """A person from above, facing east: his shoulders (`fill`) and his head (`head`). A known
    role's `mark` colours his head and rings him, as `marked` does a disc. Small (under
    `SMALL_PERSON_PX`), a civilian's outline is his fill darkened, and smaller than
    `RIMLESS_PX` he has no outline and his hair is his fill darkened: his colour is what tells."""
    plain = outline == palette.PERSON_OUTLINE  # a civilian's, not an officer's
    if radius_px < SMALL_PERSON_PX and plain:
        outline = shade(fill, RIM_SHADE)
        if head == palette.HAIR and radius_px < RIMLESS_PX:  # hair, not a mark (the injured's)
            head = shade(fill, SMALL_HEAD_SHADE)
    ring = max(1.5, 0.25 * radius_px) if mark is not None else 0.0
    reach = radius_px * SHOULDER_WIDTH / 2 + ring + 1
    surf, c = _canvas(reach)
    if mark is not None:
        pygame.draw.circle(surf, outline, (c, c), reach - 0.5)
        pygame.draw.circle(surf, mark, (c, c), reach - 1.5)
    depth, width = radius_px * SHOULDER_DEPTH, radius_px * SHOULDER_WIDTH
    shoulders = pygame.Rect(0, 0, round(depth), round(width))
    shoulders.center = (round(c), round(c))
    rim = not (plain and radius_px < RIMLESS_PX)
    pygame.draw.ellipse(surf, fill, shoulders)
    if rim:
        pygame.draw.ellipse(surf, outline, shoulders, 1)
    head_r = max(1.5, radius_px * HEAD_RADIUS)
    centre = (c + 0.12 * radius_px, c)  # the head a little forward of the shoulders' middle
    pygame.draw.circle(surf, head if mark is None else mark, centre, head_r)
    if rim:
        pygame.draw.circle(surf, outline, centre, head_r, 1)
    return surf


def officer(radius_px: float, fill: tuple, shield: bool, head: tuple | None) -> pygame.Surface:
    """An officer facing east (+x): a disc with a facing notch (`head` None, zoomed out) or his
    figure with his helmet or cap (`head`), and his shield as an arc in front if he has one."""
    reach = radius_px * (SHIELD_REACH + 0.45 if shield else 1.6)
    surf, c = _canvas(reach)
    if head is None:
        pygame.draw.circle(surf, fill, (c, c), radius_px)
        pygame.draw.circle(surf, palette.OFFICER_OUTLINE, (c, c), radius_px, max(1, round(radius_px / 4)))
        if not shield:
            tip = (c + radius_px * 1.5, c)
            pygame.draw.polygon(surf, palette.OFFICER_OUTLINE,
                                [(c + radius_px * 0.7, c - radius_px * 0.5), tip, (c + radius_px * 0.7, c + radius_px * 0.5)])
    else:
        body = figure(radius_px, fill, head, outline=palette.OFFICER_OUTLINE)
        surf.blit(body, body.get_rect(center=(round(c), round(c))))
    if shield:
        draw_shield(surf, (c, c), radius_px)
    return surf


def draw_shield(surf: pygame.Surface, centre: tuple[float, float], radius_px: float) -> None:
    """A shield held in front (east) of a man at `centre`: a band along an arc round him."""
    inner = radius_px * SHIELD_REACH
    thick = max(1.6, 0.32 * radius_px)
    steps = 9
    angles = [math.radians(-SHIELD_HALF_ANGLE_DEG + 2 * SHIELD_HALF_ANGLE_DEG * k / (steps - 1)) for k in range(steps)]
    cx, cy = centre
    band = ([(cx + inner * math.cos(a), cy + inner * math.sin(a)) for a in angles]
            + [(cx + (inner + thick) * math.cos(a), cy + (inner + thick) * math.sin(a)) for a in reversed(angles)])
    pygame.draw.polygon(surf, palette.SHIELD, band)
    pygame.draw.polygon(surf, palette.OFFICER_OUTLINE, band, 1)


def head_colour(unit_type: UnitType, helmet: bool) -> tuple:
    """An officer's head seen from above: his helmet, or a cap in his uniform's colour, darker."""
    if helmet:
        return palette.HELMET_DARK if unit_type in (UnitType.BRIMOB_PHH, UnitType.TNI) else palette.HELMET
    return tuple(int(v * 0.4) for v in palette.UNIT[unit_type])


# --- vehicles --------------------------------------------------------------------------------


def draw_vehicle(surf: pygame.Surface, kind: UnitType, colour: tuple, to_screen, scale: float) -> None:
    """A vehicle from above. `to_screen(u, v)` takes a point in the vehicle's frame, in halves
    of its length (u, +1 at the nose) and width (v, +1 on its left), to the screen."""

    def poly(points, fill, width=0):
        pygame.draw.polygon(surf, fill, [to_screen(u, v) for u, v in points], width)

    body = [(0.94, 1), (1, 0.85), (1, -0.85), (0.94, -1), (-1, -1), (-1, 1)]
    poly(body, colour)
    cab = [(1, 0.85), (1, -0.85), (0.94, -1), (0.62, -1), (0.62, 1), (0.94, 1)]
    poly(cab, tuple(int(v * 0.75) for v in colour))
    if scale < DETAIL_SCALE:  # a few pixels long: the body and its cab say enough
        poly(body, palette.OFFICER_OUTLINE, 1)
        return
    poly([(0.9, 0.8), (0.9, -0.8), (0.8, -0.85), (0.8, 0.85)], palette.WINDSCREEN)  # the windscreen
    if kind is UnitType.WATER_CANNON:
        turret = to_screen(0.3, 0)
        r = max(2.0, 0.55 * scale)
        poly([(0.3, 0.12), (0.75, 0.08), (0.75, -0.08), (0.3, -0.12)], palette.OFFICER_OUTLINE)  # the monitor's barrel
        pygame.draw.circle(surf, palette.SHIELD, turret, r)
        pygame.draw.circle(surf, palette.OFFICER_OUTLINE, turret, r, 1)
        poly([(0.5, 0.75), (-0.95, 0.75), (-0.95, -0.75), (0.5, -0.75)], palette.OFFICER_OUTLINE, 1)  # the tank
    elif kind is UnitType.DAMKAR:
        rail = palette.LADDER
        poly([(0.55, 0.42), (-0.98, 0.42), (-0.98, 0.32), (0.55, 0.32)], rail)
        poly([(0.55, -0.42), (-0.98, -0.42), (-0.98, -0.32), (0.55, -0.32)], rail)
        for k in range(8):
            u = 0.5 - k * 0.2
            poly([(u, 0.4), (u - 0.04, 0.4), (u - 0.04, -0.4), (u, -0.4)], rail)
    elif kind is UnitType.AMBULANCE:
        poly([(0.6, 0.7), (0.55, 0.7), (0.55, -0.7), (0.6, -0.7)], palette.LIGHT_BAR)
        arm = (0.09, 0.22)  # the cross's arms: half a length and half a width of the vehicle
        poly([(-0.2 + arm[0], arm[1] * 2.2), (-0.2 - arm[0], arm[1] * 2.2),
              (-0.2 - arm[0], -arm[1] * 2.2), (-0.2 + arm[0], -arm[1] * 2.2)], palette.CROSS)
        poly([(-0.2 + arm[1] * 0.8, arm[0] * 2.8), (-0.2 - arm[1] * 0.8, arm[0] * 2.8),
              (-0.2 - arm[1] * 0.8, -arm[0] * 2.8), (-0.2 + arm[1] * 0.8, -arm[0] * 2.8)], palette.CROSS)
    poly(body, palette.OFFICER_OUTLINE, 2 if scale >= 6 else 1)


def press_halo(radius_px: float, colour: tuple, alpha: int) -> pygame.Surface:
    """A soft red glow under a person pressed in the crowd or against a line: a translucent
    disc wider than him, stronger in the middle."""
    reach = radius_px * 1.7 + 1
    surf, c = _canvas(reach)
    pygame.draw.circle(surf, (*colour, alpha // 2), (c, c), reach)
    pygame.draw.circle(surf, (*colour, alpha), (c, c), reach * 0.72)
    return surf
