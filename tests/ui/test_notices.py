"""Where the app's notices stand: never over a screen's title band; on the debrief, beside its
buttons (the export's "report saved"), over neither the tabs nor the report."""

from __future__ import annotations

import pygame

from sispam.ui import palette
from sispam.ui.debrief_screen import DebriefScreen
from tests.ui.test_game_screens import frames, key


def test_the_export_notice_stands_beside_the_debriefs_buttons(app, tutorial_replay) -> None:
    app.open_replay(tutorial_replay, debrief=True)
    screen = app.screen
    assert isinstance(screen, DebriefScreen)
    frames(app)
    key(app, pygame.K_e)
    assert app.notices
    frames(app)
    area = screen.notice_area(app.size)
    title_band = pygame.Rect(0, 0, app.size[0], screen.style.px(88))
    tabs_and_report = [b.rect for b in screen.buttons.items] + [screen.content]
    assert area.height and not area.colliderect(title_band)
    assert not any(area.colliderect(r) for r in tabs_and_report)
    drawn = tuple(app.surface.get_at((area.left + 4, area.bottom - 4)))[:3]
    assert max(abs(a - b) for a, b in zip(drawn, palette.TOOLTIP[:3], strict=True)) <= 3  # the notice stands on the area's bottom
