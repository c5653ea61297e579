"""A level file that cannot be used: every problem the checker found, with its line, and the
way back to the menu."""

from __future__ import annotations

import pygame

from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, blit_text, blit_wrapped


class ErrorScreen(Screen):
    def __init__(self, app, file: str, problems: list[str]) -> None:
        super().__init__(app)
        self.file = file
        self.problems = problems
        self.first_line = 0

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        self.buttons.add(Button(pygame.Rect(w - s.px(24) - s.px(260), h - s.px(56), s.px(260), s.px(40)),
                                self.t("error.back"), self.app.main_menu, hotkey=pygame.K_ESCAPE,
                                hotkey_label="Esc"))

    def _box(self, size: tuple[int, int]) -> pygame.Rect:
        s = self.style
        return pygame.Rect(s.px(40), s.px(200), size[0] - s.px(80), size[1] - s.px(200) - s.px(80))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.first_line = max(0, self.first_line - 3 * event.y)
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.main_menu()
            return
        super().handle(event)

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        w, h = surf.get_size()
        surf.fill(palette.SCREEN)
        y = self.heading(surf, self.t("error.title"), self.t("error.subtitle"))
        blit_text(surf, self.file, s.body, (s.px(24), y + s.px(14)), w - s.px(48), bold=True)
        count = self.t("error.count", n=len(self.problems))
        blit_text(surf, count, s.body, (s.px(24), y + s.px(44)), w - s.px(48), palette.LOST)
        box = self._box((w, h))
        pygame.draw.rect(surf, palette.BUTTON_HOVER, box.inflate(s.px(16), s.px(16)))
        pygame.draw.rect(surf, palette.PANEL_BORDER, box.inflate(s.px(16), s.px(16)), 1)
        self.first_line, longer = blit_wrapped(surf, "\n".join(self.problems), s.body, box,
                                               first_line=self.first_line)
        if longer:
            blit_text(surf, self.t("error.scroll"), s.small, (s.px(24), h - s.px(44)), w // 2, palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
