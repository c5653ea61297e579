"""Banners over the map that say how the clock stands: paused (the map framed in amber and a
banner saying so, in the player's language), and the breach moment, a few seconds between a
lost level (or a breach) and what follows, with the camera on the place.

The moment is wall time, not game time: a loss at 4x holds as long as at 1x. The world does not
step during it (a lost level's clock has stopped; a breach drops the speed to 1x)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from sispam.ui import palette
from sispam.ui.widgets import Style, blit_text, panel

LOSS_MOMENT_S = 3.0  # how long a lost level stays on the place before the result screen
BREACH_FLASH_S = 2.5  # how long the banner of a breach that does not end the level stays
FRAME_PX = 4  # the amber frame round a paused map


@dataclass(slots=True)
class Moment:
    """A breach moment: where (world m), what the banner says, and how long it has left (s of
    wall time); `final` if the level is over and the result screen follows."""

    at: tuple[float, float]
    title: str
    details: list[str]
    left_s: float
    final: bool


def paused_banner(surf: pygame.Surface, area: pygame.Rect, style: Style, title: str, details: list[str],
                  below: pygame.Rect | None = None, clear_of: pygame.Rect | None = None) -> list[pygame.Rect]:
    """The map `area` framed in amber and a banner at its top centre (under `below`, the tutorial's
    hint, if there is one), beside `clear_of` (the legend) if it would cover it; returns where
    they went."""
    top = (below.bottom if below is not None else area.top) + style.px(10)
    return _frame(surf, area, style, palette.PAUSED) + [
        _banner(surf, area, style, top, title, details, palette.PAUSED, clear_of)]


def moment_banner(surf: pygame.Surface, area: pygame.Rect, style: Style, moment: Moment) -> list[pygame.Rect]:
    """The breach moment's banner (red) at the map's top centre, and the map framed in red."""
    return _frame(surf, area, style, palette.ALERT) + [
        _banner(surf, area, style, area.top + style.px(10), moment.title, moment.details, palette.ALERT)]


def _frame(surf: pygame.Surface, area: pygame.Rect, s: Style, colour: tuple) -> list[pygame.Rect]:
    """A frame just inside `area`, as its four sides (so only they are drawn again under it)."""
    k = s.px(FRAME_PX)
    sides = [pygame.Rect(area.left, area.top, area.width, k), pygame.Rect(area.left, area.bottom - k, area.width, k),
             pygame.Rect(area.left, area.top, k, area.height), pygame.Rect(area.right - k, area.top, k, area.height)]
    for side in sides:
        surf.fill(colour, side)
    return sides


def _banner(surf: pygame.Surface, area: pygame.Rect, s: Style, top: int, title: str, details: list[str],
            colour: tuple, clear_of: pygame.Rect | None = None) -> pygame.Rect:
    width = min(area.width - s.px(40), s.px(600))
    line_h = s.px(22)
    box = pygame.Rect(0, top, width, s.px(50) + line_h * len(details))
    box.centerx = area.centerx
    if clear_of is not None and box.colliderect(clear_of):
        # Beside it, on the wider side, if the banner fits there; else under it.
        gap = s.px(10)
        left, right = clear_of.left - gap - area.left, area.right - gap - clear_of.right - gap
        if max(left, right) >= width:
            box.centerx = (clear_of.right + gap + area.right) // 2 if right >= left else (area.left + clear_of.left - gap) // 2
        else:
            box.top = clear_of.bottom + gap
    panel(surf, box, palette.PANEL_SOLID, colour)
    pygame.draw.rect(surf, colour, box, 3)
    blit_text(surf, title, s.heading, (box.centerx, box.top + s.px(8)), width - 2 * s.pad, colour, bold=True,
              anchor="midtop")
    for k, line in enumerate(details):
        blit_text(surf, line, s.small, (box.centerx, box.top + s.px(44) + k * line_h), width - 2 * s.pad,
                  palette.TEXT, anchor="midtop")
    return box
