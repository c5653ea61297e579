"""What every screen of the game is: it lays itself out for a window, takes events, advances and
draws. The `App` holds one screen at a time and hands it the window's events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from sispam.ui import palette
from sispam.ui.i18n import text
from sispam.ui.widgets import Buttons, Style, blit_text

if TYPE_CHECKING:
    from sispam.ui.app import App


class Screen:
    """A screen of the game. Subclasses build their buttons in `layout` (called on entry, on a
    window resize and on a language switch) and override what they need."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.buttons = Buttons(on_click=lambda: app.sound.click())
        self.style = Style.for_window(app.size)

    @property
    def lang(self) -> str:
        return self.app.settings.lang

    def t(self, key: str, **values: object) -> str:
        """The catalogue string `key` in the player's language, with `{name}` fields filled."""
        s = text(key, self.lang)
        return s.format(**values) if values else s

    def layout(self, size: tuple[int, int]) -> None:
        self.style = Style.for_window(size)
        self.buttons.clear()
        self.build(size)

    def build(self, size: tuple[int, int]) -> None:
        """Make the screen's buttons for a window of `size`."""

    def handle(self, event: pygame.event.Event) -> None:
        self.buttons.handle(event)

    def update(self, dt_s: float) -> None:
        """Advance by `dt_s` seconds of wall time."""

    def draw(self, surf: pygame.Surface) -> None:
        surf.fill(palette.SCREEN)
        self.buttons.draw(surf, self.style)
        self.buttons.draw_tooltip(surf, self.style)

    def drawn_over(self, rects: list[pygame.Rect]) -> None:
        """Something else (the app's notices) drew on the screen this frame, at `rects`: a screen
        that draws only what changed draws there again next frame."""

    def redraw_all(self) -> None:
        """Draw all of the screen next frame, not only what changed: something else drew on it."""

    def leave(self) -> None:
        """The screen is replaced or the game quits."""

    def notice_area(self, size: tuple[int, int]) -> pygame.Rect:
        """Where the app's notices go on this screen: their left edge and width, hanging from the
        rect's top if it has no height (by default below the title band, which they must not
        hide), else standing on its bottom."""
        s = self.style
        return pygame.Rect(s.px(80), s.px(92), size[0] - 2 * s.px(80), 0)

    def focus_lost(self) -> None:
        """The window lost the keyboard (alt-tab) or was minimised."""

    # --- shared drawing ---

    def heading(self, surf: pygame.Surface, title: str, subtitle: str = "") -> int:
        """A screen's title band; returns the y below it."""
        s = self.style
        w = surf.get_width()
        band = pygame.Rect(0, 0, w, s.px(64) + (s.px(24) if subtitle else 0))
        pygame.draw.rect(surf, palette.BACKGROUND_DARK, band)
        blit_text(surf, title, s.heading + s.px(6), (s.px(24), s.px(14)), w - s.px(48), palette.TEXT_LIGHT, bold=True)
        if subtitle:
            blit_text(surf, subtitle, s.body, (s.px(24), s.px(56)), w - s.px(48), palette.TEXT_LIGHT)
        return band.bottom
