"""A recorded run drawn as a timeline bar: the situation colour second by second, the share of
the crowd resisting or attacking (aktif and agresif) as a line over it, each order as a tick
above, the key moments (first stone, first breach, each injury, each arrest, each breach of the
force rules, each instructor's inject) as marks below, and a cursor where the viewer stands."""

from __future__ import annotations

import pygame

from sispam.review.debrief import resisting_share
from sispam.review.recording import Recording
from sispam.ui import palette
from sispam.ui.widgets import Style

KEY_MOMENTS = {  # event kind: colour of its mark
    "first_projectile": palette.SITUATION["merah"], "first_breach": palette.LOST, "civilian_injured": palette.INJURED_MARK,
    "officer_down": palette.LOST, "arrest_completed": palette.OFFICER_OUTLINE, "force_violation": palette.LOST,
    "inject": palette.INSTRUCTOR,
}


def x_of(bar: pygame.Rect, t: float, end_t: float) -> int:
    """Where time `t` falls on the bar."""
    return bar.left + round(bar.width * min(max(t / max(end_t, 1e-9), 0.0), 1.0))


def situation_band(surf: pygame.Surface, band: pygame.Rect, rec: Recording, end: float) -> None:
    """The situation colour second by second along `band`."""
    times, colours = rec.samples["t"], rec.samples["situation"]
    for k, t in enumerate(times):
        x0, x1 = x_of(band, t, end), x_of(band, times[k + 1] if k + 1 < len(times) else rec.end_t, end)
        pygame.draw.rect(surf, palette.SITUATION.get(colours[k], palette.BUTTON), (x0, band.top, max(x1 - x0, 1), band.height))


def order_ticks(surf: pygame.Surface, axis: pygame.Rect, top: int, rec: Recording, end: float, style: Style) -> None:
    """A tick for each order, standing on `top` (x along `axis`)."""
    for order in rec.report.get("orders", []):
        x = x_of(axis, float(order.get("t", 0.0)), end)
        pygame.draw.line(surf, palette.TEXT, (x, top - style.px(6)), (x, top - 1), 2)


def moment_marks(surf: pygame.Surface, axis: pygame.Rect, bottom: int, rec: Recording, end: float, size_px: int,
                 outline: bool = False) -> None:
    """A triangle for each key moment, hanging from `bottom` (x along `axis`)."""
    for entry in rec.report.get("timeline", []):
        colour = KEY_MOMENTS.get(entry.get("event"))
        if colour is None:
            continue
        x = x_of(axis, float(entry.get("t", 0.0)), end)
        corners = [(x, bottom + 1), (x - size_px // 2, bottom + size_px), (x + size_px // 2, bottom + size_px)]
        pygame.draw.polygon(surf, colour, corners)
        if outline:
            pygame.draw.polygon(surf, palette.TEXT, corners, 1)


def cursor(surf: pygame.Surface, axis: pygame.Rect, top: int, bottom: int, t: float, end: float) -> None:
    """Where the viewer stands."""
    x = x_of(axis, t, end)
    pygame.draw.line(surf, palette.SELECTION, (x, top), (x, bottom), 3)


def draw_timeline(surf: pygame.Surface, bar: pygame.Rect, rec: Recording, style: Style, now_t: float | None = None,
                  end_t: float | None = None) -> None:
    """Draw `rec` over `bar` (from 0 to `end_t`, by default the run's end), the cursor at `now_t`."""
    s = style
    end = rec.end_t if end_t is None else end_t
    situation_band(surf, bar, rec, end)
    points = [(x_of(bar, t, end), bar.bottom - 2 - round(share * (bar.height - 4))) for t, share in resisting_share(rec)]
    if len(points) > 1:
        pygame.draw.lines(surf, palette.TEXT, False, points, 2)
    pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
    order_ticks(surf, bar, bar.top, rec, end, s)
    moment_marks(surf, bar, bar.bottom, rec, end, s.px(8))
    if now_t is not None:
        cursor(surf, bar, bar.top - s.px(8), bar.bottom + s.px(8), now_t, end)
