"""A recorded run drawn as a timeline bar: the situation colour second by second, the share of
the crowd resisting or attacking (aktif and agresif) as a line over it, each order as a tick
above, the key moments (first stone, first breach, each injury, each arrest, each breach of the
force rules) as marks below, and a cursor where the viewer stands."""

from __future__ import annotations

import pygame

from sispam.review.recording import Recording
from sispam.ui import palette
from sispam.ui.widgets import Style

KEY_MOMENTS = {  # event kind: colour of its mark
    "first_projectile": palette.SITUATION["merah"], "first_breach": palette.LOST, "civilian_injured": palette.INJURED_MARK,
    "officer_down": palette.LOST, "arrest_completed": palette.OFFICER_OUTLINE, "force_violation": palette.LOST,
}


def x_of(bar: pygame.Rect, t: float, end_t: float) -> int:
    """Where time `t` falls on the bar."""
    return bar.left + round(bar.width * min(max(t / max(end_t, 1e-9), 0.0), 1.0))


def draw_timeline(surf: pygame.Surface, bar: pygame.Rect, rec: Recording, style: Style, now_t: float | None = None,
                  end_t: float | None = None) -> None:
    """Draw `rec` over `bar` (from 0 to `end_t`, by default the run's end), the cursor at `now_t`."""
    s, samples = style, rec.samples
    end = rec.end_t if end_t is None else end_t
    times = samples["t"]
    for k, t in enumerate(times):
        x0, x1 = x_of(bar, t, end), x_of(bar, times[k + 1] if k + 1 < len(times) else rec.end_t, end)
        pygame.draw.rect(surf, palette.SITUATION.get(samples["situation"][k], palette.BUTTON),
                         (x0, bar.top, max(x1 - x0, 1), bar.height))
    points = []
    for k, t in enumerate(times):
        present = sum(samples[c][k] for c in ("tertib", "pasif", "aktif", "agresif"))
        share = (samples["aktif"][k] + samples["agresif"][k]) / present if present else 0.0
        points.append((x_of(bar, t, end), bar.bottom - 2 - round(share * (bar.height - 4))))
    if len(points) > 1:
        pygame.draw.lines(surf, palette.TEXT, False, points, 2)
    pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
    for order in rec.report.get("orders", []):
        x = x_of(bar, float(order.get("t", 0.0)), end)
        pygame.draw.line(surf, palette.TEXT, (x, bar.top - s.px(6)), (x, bar.top - 1), 2)
    for entry in rec.report.get("timeline", []):
        colour = KEY_MOMENTS.get(entry.get("event"))
        if colour is not None:
            x = x_of(bar, float(entry.get("t", 0.0)), end)
            pygame.draw.polygon(surf, colour, [(x, bar.bottom + 1), (x - s.px(4), bar.bottom + s.px(8)),
                                               (x + s.px(4), bar.bottom + s.px(8))])
    if now_t is not None:
        x = x_of(bar, now_t, end)
        pygame.draw.line(surf, palette.SELECTION, (x, bar.top - s.px(8)), (x, bar.bottom + s.px(8)), 3)
