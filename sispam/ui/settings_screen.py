"""Settings: language, window size, full screen, volume and the tutorial hints. Every change
applies at once and is saved in the user-data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

import pygame

from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, blit_text

WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080))
VOLUME_STEP = 0.1


class SettingsScreen(Screen):
    def __init__(self, app, back: Callable[[], None]) -> None:
        super().__init__(app)
        self.back = back
        self.rows: list[tuple[str, int]] = []

    def _set(self, **change) -> None:
        self.app.apply_settings(replace(self.app.settings, **change))

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        st = self.app.settings
        label_w = s.px(300)
        x0 = s.px(40) + label_w
        bh, gap = s.px(40), s.px(16)
        y = s.px(120)
        self.rows = []

        def row(key: str, options: list[tuple[str, Callable[[], None], bool]], tip: str = "") -> None:
            nonlocal y
            self.rows.append((key, y))
            bw = min(s.px(210), (w - x0 - s.px(40)) // max(len(options), 1) - s.px(8))
            for i, (label, action, active) in enumerate(options):
                self.buttons.add(Button(pygame.Rect(x0 + i * (bw + s.px(8)), y, bw, bh), label, action, tip,
                                        active=active))
            y += bh + gap

        row("settings.language", [("Bahasa Indonesia", partial(self._set, lang="id"), st.lang == "id"),
                                  ("English", partial(self._set, lang="en"), st.lang == "en")])
        sizes = list(WINDOW_SIZES)
        if st.window not in sizes:
            sizes.append(st.window)
        row("settings.window", [(f"{a}×{b}", partial(self._set, window=(a, b)), st.window == (a, b))
                                for a, b in sizes], self.t("settings.window_tip"))
        row("settings.fullscreen", [(self.t("settings.on"), partial(self._set, fullscreen=True), st.fullscreen),
                                    (self.t("settings.off"), partial(self._set, fullscreen=False), not st.fullscreen)])
        vol = round(st.volume * 100)
        row("settings.volume", [("−", partial(self._set, volume=max(0.0, round(st.volume - VOLUME_STEP, 2))), False),
                                (f"{vol}%", partial(self._set, volume=0.0 if vol else 0.7), False),
                                ("+", partial(self._set, volume=min(1.0, round(st.volume + VOLUME_STEP, 2))), False)],
            self.t("settings.volume_tip"))
        row("settings.hints", [(self.t("settings.on"), partial(self._set, tutorial_hints=True), st.tutorial_hints),
                               (self.t("settings.off"), partial(self._set, tutorial_hints=False), not st.tutorial_hints)],
            self.t("settings.hints_tip"))
        self.buttons.add(Button(pygame.Rect(s.px(40), h - s.px(24) - s.px(44), s.px(240), s.px(44)),
                                self.t("common.back"), self.back, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        surf.fill(palette.SCREEN)
        self.heading(surf, self.t("settings.title"), self.t("settings.subtitle"))
        for key, y in self.rows:
            blit_text(surf, self.t(key), s.body, (s.px(40), y + s.px(10)), s.px(290), bold=True)
        if not self.app.sound.available:
            blit_text(surf, self.t("settings.no_audio"), s.small, (s.px(40), self.rows[-1][1] + s.px(64)),
                      surf.get_width() - s.px(80), palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
