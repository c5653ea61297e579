"""Banners over the map that say how the clock stands: paused (the map framed in amber and a
slim band at its top edge saying so, in the player's language), and the breach moment, a few seconds between a
lost level (or a breach) and what follows, with the camera on the place.

The moment is wall time, not game time: a loss at 4x holds as long as at 1x. The world does not
step during it (a lost level's clock has stopped; a breach drops the speed to 1x)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from sispam.ui import palette
from sispam.ui.widgets import TEXT, Style, blit_text, panel

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
                  below: pygame.Rect | None = None, clear_of: pygame.Rect | None = None,
                  keep_clear: tuple[pygame.Rect, ...] = ()) -> list[pygame.Rect]:
    """The map `area` framed in amber and a slim band saying so in one line at the top edge of
    the map, out of the way of what the trainee is looking at (a walkthrough zoomed in on his
    unit found it under a big banner). The band goes to the first place of `band_places` that
    covers none of `keep_clear` (his selected units, the view's centre), nor `below` (the
    tutorial's hint), nor `clear_of` (the legend). Returns where they went."""
    line = "  ·  ".join(details)
    band = _band_rect(area, style, title, line)
    panels = [r for r in (below, clear_of) if r is not None]
    places = band_places(area, style, band.size, below, clear_of)
    band = next((p for p in places if p.collidelist([*panels, *keep_clear]) < 0),  # clear of all
                next((p for p in places if p.collidelist(panels) < 0), places[0]))  # else of the panels
    panel(surf, band, palette.PANEL_SOLID, palette.PAUSED)
    pygame.draw.rect(surf, palette.PAUSED, band, 2)
    x = band.left + style.pad
    head = blit_text(surf, title, style.body, (x, band.centery), colour=palette.PAUSED, bold=True, anchor="midleft")
    blit_text(surf, line, style.small, (head.right + style.pad, band.centery), band.right - head.right - 2 * style.pad,
              palette.TEXT, anchor="midleft")
    return _frame(surf, area, style, palette.PAUSED) + [band]


def _band_rect(area: pygame.Rect, s: Style, title: str, line: str) -> pygame.Rect:
    """The paused band's size: its title and line side by side, at most the map's width."""
    width = (TEXT.font(s.body, True).size(title)[0] + TEXT.font(s.small).size(line)[0] + 3 * s.pad + s.px(4))
    height = TEXT.font(s.body, True).get_linesize() + s.px(8)
    return pygame.Rect(0, 0, min(width, area.width - 2 * s.px(FRAME_PX) - 2 * s.pad), height)


def band_places(area: pygame.Rect, s: Style, size: tuple[int, int], hint: pygame.Rect | None,
                legend: pygame.Rect | None) -> list[pygame.Rect]:
    """Where the paused band may go, best first: at the top edge of the map (centred, then at
    its left and right ends), under the tutorial's hint, under the legend, at the bottom edge."""
    inset = s.px(FRAME_PX) + s.px(6)
    w, h = size
    top = area.top + inset
    places = [pygame.Rect(area.centerx - w // 2, top, w, h), pygame.Rect(area.left + inset, top, w, h),
              pygame.Rect(area.right - inset - w, top, w, h)]
    for above in (hint, legend):
        if above is not None:
            places.append(pygame.Rect(area.centerx - w // 2, above.bottom + s.px(8), w, h))
    places.append(pygame.Rect(area.centerx - w // 2, area.bottom - inset - h, w, h))
    return places


def moment_banner(surf: pygame.Surface, area: pygame.Rect, style: Style, moment: Moment,
                  clear_of: pygame.Rect | None = None) -> list[pygame.Rect]:
    """The breach moment's banner (red) at the map's top centre, below `clear_of` (the
    tutorial's hint) if it would cover the banner, and the map framed in red."""
    box = moment_box(area, style, moment, clear_of)
    return _frame(surf, area, style, palette.ALERT) + [
        _banner(surf, box, style, moment.title, moment.details, palette.ALERT)]


def moment_box(area: pygame.Rect, s: Style, moment: Moment, clear_of: pygame.Rect | None = None) -> pygame.Rect:
    """Where the breach moment's banner goes: at the map's top centre, or just under
    `clear_of` if that stands there (a walkthrough found the banner under the tutorial's hint)."""
    width = min(area.width - s.px(40), s.px(600))
    box = pygame.Rect(0, area.top + s.px(10), width, s.px(50) + s.px(22) * len(moment.details))
    box.centerx = area.centerx
    if clear_of is not None and box.colliderect(clear_of):
        box.top = clear_of.bottom + s.px(8)
    return box


def _frame(surf: pygame.Surface, area: pygame.Rect, s: Style, colour: tuple) -> list[pygame.Rect]:
    """A frame just inside `area`, as its four sides (so only they are drawn again under it)."""
    k = s.px(FRAME_PX)
    sides = [pygame.Rect(area.left, area.top, area.width, k), pygame.Rect(area.left, area.bottom - k, area.width, k),
             pygame.Rect(area.left, area.top, k, area.height), pygame.Rect(area.right - k, area.top, k, area.height)]
    for side in sides:
        surf.fill(colour, side)
    return sides


def _banner(surf: pygame.Surface, box: pygame.Rect, s: Style, title: str, details: list[str],
            colour: tuple) -> pygame.Rect:
    width, line_h = box.width, s.px(22)
    panel(surf, box, palette.PANEL_SOLID, colour)
    pygame.draw.rect(surf, colour, box, 3)
    blit_text(surf, title, s.heading, (box.centerx, box.top + s.px(8)), width - 2 * s.pad, colour, bold=True,
              anchor="midtop")
    for k, line in enumerate(details):
        blit_text(surf, line, s.small, (box.centerx, box.top + s.px(44) + k * line_h), width - 2 * s.pad,
                  palette.TEXT, anchor="midtop")
    return box
