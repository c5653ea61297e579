"""The pause menu over a paused level: resume, restart, settings, back to the main menu, quit."""

from __future__ import annotations

import pygame

from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, blit_text, column, panel


class PauseMenu(Screen):
    def __init__(self, app, play, was_paused: bool) -> None:
        super().__init__(app)
        self.play = play
        self.was_paused = was_paused  # Resume gives back the clock as it was
        self.armed: str | None = None  # a way out that loses the run, pressed once: the second press takes it

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        self.play.layout(size)  # the level underneath is drawn at this size too
        bw, bh, gap = s.px(320), s.px(44), s.px(10)
        items = [("pause.resume", self._resume, pygame.K_ESCAPE, "Esc"),
                 ("pause.restart", self._losing("restart", self._restart), pygame.K_r, "R"),
                 ("pause.settings", self._settings, pygame.K_s, "S"),
                 ("editor.back_to_editor" if self.play.back_to else "pause.to_menu",
                  self._losing("menu", self._to_menu), pygame.K_m, "M"),
                 ("pause.quit", self._losing("quit", self.app.quit), pygame.K_q, "Q")]
        armed = {"pause.restart": "restart", "pause.to_menu": "menu", "editor.back_to_editor": "menu", "pause.quit": "quit"}
        top = (h - len(items) * (bh + gap)) // 2 + s.px(20)
        for rect, (key, action, hotkey, label) in zip(column((w - bw) // 2, top, bw, bh, gap, len(items)), items,
                                                      strict=True):
            text = self.t("pause.again") if self.armed is not None and armed.get(key) == self.armed else self.t(key)
            self.buttons.add(Button(rect, text, action, hotkey=hotkey, hotkey_label=label))

    def _losing(self, name: str, action):  # type: ignore[no-untyped-def]
        """`action`, which ends the run under way unkept: the first press asks for a second."""
        def ask_then_do() -> None:
            kept = self.play.recorder is not None and self.app.save  # a replay watched, a test play: nothing kept
            if self.armed == name or not kept or self.play.world.t <= 0.0 or self.play.finished:
                action()
                return
            self.armed = name
            self.layout(self.app.size)
        return ask_then_do

    def _resume(self) -> None:
        self.app.show(self.play)
        self.play.set_paused(self.was_paused)

    def _restart(self) -> None:
        if self.play.frozen:  # a frozen exercise is the instructor's to resume
            self.app.notice(self.t("inject.frozen_notice"))
            return
        self.play.restart()

    def _settings(self) -> None:
        from sispam.ui.settings_screen import SettingsScreen

        # No PIN from here: a trainee must not set one in the middle of an exercise.
        self.app.show(SettingsScreen(self.app, back=lambda: self.app.show(self), pin=False))

    def _to_menu(self) -> None:
        (self.play.back_to or self.app.main_menu)()

    def draw(self, surf: pygame.Surface) -> None:
        self.play.redraw_all()  # the shade went over all of it last frame
        self.play.draw(surf)
        panel(surf, surf.get_rect(), palette.SHADE, palette.SHADE[:3])
        s = self.style
        first = self.buttons.items[0].rect
        box = pygame.Rect(first.left - s.px(24), first.top - s.px(70), first.width + s.px(48),
                          self.buttons.items[-1].rect.bottom - first.top + s.px(94))
        panel(surf, box, palette.SCREEN)
        blit_text(surf, self.t("pause.title"), s.heading, (box.centerx, box.top + s.px(20)), box.width - 2 * s.pad,
                  bold=True, anchor="midtop")
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
