"""Settings: language, window size, full screen, volume, the tutorial hints and the instructor's
PIN. Every change applies at once and is saved in the user-data folder (a PIN only as its hash;
changing or removing one needs the current one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

import pygame

from sispam.settings import pin_hash, pin_matches, pin_problem, within_desktop
from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, TextField, blit_text

WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080))
VOLUME_STEP = 0.1


class SettingsScreen(Screen):
    def __init__(self, app, back: Callable[[], None], pin: bool = True) -> None:
        super().__init__(app)
        self.back = back
        self.with_pin = pin  # the PIN row: not from the pause menu of a running exercise
        self.rows: list[tuple[str, int]] = []
        self.pin_current = TextField(pygame.Rect(0, 0, 1, 1), secret=True, digits=True, max_chars=8)
        self.pin_new = TextField(pygame.Rect(0, 0, 1, 1), secret=True, digits=True, max_chars=8)
        self.pin_message = ""

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
        desktop = self.app.desktop()  # sizes larger than the screen are not offered
        sizes = [size for size in WINDOW_SIZES if within_desktop(size, desktop) == size]
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
        self.pin_y = y
        if not self.with_pin:
            self.buttons.add(Button(pygame.Rect(s.px(40), h - s.px(24) - s.px(44), s.px(240), s.px(44)),
                                    self.t("common.back"), self.back, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))
            return
        self.rows.append(("settings.pin", y))
        fw = s.px(150)
        fields = [self.pin_new] if not st.instructor_pin else [self.pin_current, self.pin_new]
        for k, field in enumerate(fields):
            field.rect = pygame.Rect(x0 + k * (fw + s.px(8)), y + s.px(20), fw, bh)
        bx = x0 + len(fields) * (fw + s.px(8))
        self.buttons.add(Button(pygame.Rect(bx, y + s.px(20), s.px(150), bh), self.t("settings.pin_set"), self._set_pin,
                                self.t("settings.pin_tip")))
        self.buttons.add(Button(pygame.Rect(bx + s.px(158), y + s.px(20), s.px(150), bh), self.t("settings.pin_clear"),
                                self._clear_pin, self.t("settings.pin_tip"), enabled=bool(st.instructor_pin)))
        self.pin_y = y
        self.buttons.add(Button(pygame.Rect(s.px(40), h - s.px(24) - s.px(44), s.px(240), s.px(44)),
                                self.t("common.back"), self.back, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))

    def _pin_fields(self) -> list[TextField]:
        if not self.with_pin:
            return []
        return [self.pin_current, self.pin_new] if self.app.settings.instructor_pin else [self.pin_new]

    def _current_ok(self) -> bool:
        if pin_matches(self.app.settings, self.pin_current.value):
            return True
        self.pin_message = self.t("settings.pin_wrong")
        return False

    def _set_pin(self) -> None:
        if not self._current_ok():
            return
        if pin_problem(self.pin_new.value) is not None:
            self.pin_message = self.t("settings.pin_bad")
            return
        self._set(instructor_pin=pin_hash(self.pin_new.value))
        self.pin_message = self.t("settings.pin_saved")
        self.pin_current.value = self.pin_new.value = ""

    def _clear_pin(self) -> None:
        if not self._current_ok():
            return
        self._set(instructor_pin="")
        self.pin_message = self.t("settings.pin_removed")
        self.pin_current.value = self.pin_new.value = ""

    def handle(self, event: pygame.event.Event) -> None:
        for field in self._pin_fields():
            if field.handle(event) and event.type != pygame.MOUSEBUTTONDOWN:
                return  # typing is not a hotkey
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            fields = self._pin_fields()
            at = next((k for k, f in enumerate(fields) if f.focused), -1)
            for k, f in enumerate(fields):
                f.focused = k == (at + 1) % len(fields)
            return
        super().handle(event)

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        surf.fill(palette.SCREEN)
        self.heading(surf, self.t("settings.title"), self.t("settings.subtitle"))
        for key, y in self.rows:
            blit_text(surf, self.t(key), s.body, (s.px(40), y + s.px(10)), s.px(290), bold=True)
        fields = self._pin_fields()
        labels = ["settings.pin_current", "settings.pin_new"][-len(fields):] if fields else []
        for field, label in zip(fields, labels, strict=True):
            blit_text(surf, self.t(label), s.small, (field.rect.left, self.pin_y), field.rect.width, palette.TEXT_MUTED)
            field.draw(surf, s)
        if self.with_pin:
            state = self.t("settings.pin_is_set" if self.app.settings.instructor_pin else "settings.pin_none")
            blit_text(surf, " ".join(filter(None, (state, self.pin_message))), s.small,
                      (s.px(40), self.pin_y + s.px(40)), s.px(290), palette.TEXT_MUTED)
        if not self.app.sound.available:
            blit_text(surf, self.t("settings.no_audio"), s.small, (s.px(40), self.pin_y + s.px(90)),
                      surf.get_width() - s.px(80), palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
