"""The main menu: the campaign with the player's progress, a custom level from a file, the
training records, the settings, quit. A level file dropped onto the window opens too (the `App` handles the drop)."""

from __future__ import annotations

from functools import partial

import pygame

from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, blit_text, blit_wrapped


class MainMenu(Screen):
    def build(self, size: tuple[int, int]) -> None:
        s, (w, _h) = self.style, size
        app = self.app
        keys = [p.stem for p in app.campaign]
        unlocked = app.progress.unlocked(keys)
        top = s.px(150)
        row_h, gap = s.px(44), s.px(8)
        list_w = min(s.px(720), w - s.px(360))
        for i, path in enumerate(app.campaign):
            title = app.level_title(path)
            best = app.progress.best(path.stem)
            if app.progress.won(path.stem):
                status = self.t("menu.won", score=best)
            elif app.progress.attempts(path.stem):
                status = self.t("menu.tried", n=app.progress.attempts(path.stem))
            elif unlocked[i]:
                status = self.t("menu.new")
            else:
                status = self.t("menu.locked")
            tip = self.t("menu.level_tip") if unlocked[i] else self.t("menu.locked_tip")
            self.buttons.add(Button(pygame.Rect(s.px(24), top + i * (row_h + gap), list_w, row_h),
                                    f"{i + 1}. {title}", partial(app.open_level, path, i), tip,
                                    hotkey=pygame.K_1 + i if i < 9 else None, hotkey_label=status,
                                    enabled=unlocked[i],
                                    swatch=palette.WON if app.progress.won(path.stem) else None))
        x = s.px(24) + list_w + s.px(32)
        bw = min(s.px(280), w - x - s.px(24))
        items = [("menu.load", self._load, "menu.load_tip", pygame.K_o, "O"),
                 ("menu.editor", self.app.open_editor, "menu.editor_tip", pygame.K_e, "E"),
                 ("menu.edit_file", self._edit_file, "menu.edit_file_tip", pygame.K_l, "L"),
                 ("menu.records", self._records, "menu.records_tip", pygame.K_r, "R"),
                 ("menu.settings", self._settings, "menu.settings_tip", pygame.K_s, "S"),
                 ("menu.quit", app.quit, "", pygame.K_ESCAPE, "Esc")]
        for j, (key, action, tip, hotkey, label) in enumerate(items):
            self.buttons.add(Button(pygame.Rect(x, top + j * (row_h + gap), bw, row_h), self.t(key), action,
                                    self.t(tip) if tip else "", hotkey, label))

    def _load(self) -> None:
        from sispam.ui.file_dialog import FileDialog

        self.app.show(FileDialog(self.app))

    def _edit_file(self) -> None:
        from sispam.ui.file_dialog import FileDialog
        from sispam.userdata import data_dir

        mine = data_dir(create=False) / "levels"  # where the editor saves new levels
        self.app.show(FileDialog(self.app, mine if mine.is_dir() else None, on_open=self.app.open_editor))

    def _records(self) -> None:
        from sispam.ui.records_screen import RecordsScreen

        self.app.show(RecordsScreen(self.app))

    def _settings(self) -> None:
        from sispam.ui.settings_screen import SettingsScreen

        self.app.show(SettingsScreen(self.app, back=lambda: self.app.main_menu()))

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        surf.fill(palette.SCREEN)
        self.heading(surf, "Sispam", self.t("menu.subtitle"))
        w, h = surf.get_size()
        blit_text(surf, self.t("menu.campaign"), s.heading, (s.px(24), s.px(112)), w // 2, bold=True)
        blit_wrapped(surf, self.t("menu.drop_hint"), s.small,
                     pygame.Rect(s.px(24), h - s.px(48), w - s.px(48), s.px(44)), palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
