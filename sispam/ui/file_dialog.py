"""Open a level file: a folder browser inside the game window (it works the same on every
system and without a desktop's file dialog). Folders, `.toml` level files and `.zip` shared levels
are listed; a click on a folder enters it, a click on a file opens it at its briefing (or its
problems on the error screen); a shared level is unpacked into the user-data folder first."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pygame

from sispam.level.campaign import is_campaign_manifest
from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, blit_text

MAX_ENTRIES = 5000  # a folder with more is listed only this far


class FileDialog(Screen):
    def __init__(self, app, folder: Path | None = None, on_open=None, replays: bool = False, back=None) -> None:
        super().__init__(app)
        self.on_open = on_open  # what a chosen file is for (the level editor); else the game opens it
        # replays: choose a folder of replays (the folder shown), a zip or a replay, for on_open to import
        self.replays = replays
        self.back = back or app.main_menu
        from sispam.resources import levels_dir

        self.folder = Path(folder or app.last_folder or levels_dir())
        self.first = 0
        self.entries: list[tuple[Path, bool]] = []  # (path, is a folder)
        self.problem = ""
        self._list()

    def _list(self) -> None:
        self.first = 0
        self.problem = ""
        try:
            with os.scandir(self.folder) as it:
                found = []
                for entry in it:
                    if len(found) >= MAX_ENTRIES:
                        break
                    if entry.name.startswith("."):
                        continue
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        continue
                    name = entry.name.lower()
                    if self.replays:
                        is_level = name.endswith((".zip", ".sispam-replay.json"))
                    else:
                        is_level = name.endswith(".toml") and not is_campaign_manifest(entry.path)
                        is_level = is_level or name.endswith(".zip")  # a shared level
                    if is_dir or is_level:  # a campaign's list of levels is not a level: not offered
                        found.append((not is_dir, entry.name.lower(), Path(entry.path)))
        except OSError as e:
            self.problem = self.t("files.unreadable", folder=str(self.folder), reason=e.strerror or str(e))
            found = []
        self.entries = [(p, not is_file) for is_file, _, p in sorted(found)]

    def _enter(self, folder: Path) -> None:
        self.folder = folder
        self._list()
        self.layout(self.app.size)

    def _open(self, path: Path) -> None:
        self.app.last_folder = path if path.is_dir() else path.parent
        (self.on_open or self.app.open_file)(path)

    def _rows(self, size: tuple[int, int]) -> tuple[int, int, int]:
        s = self.style
        top, row_h = s.px(150), s.px(32)
        return top, row_h, max(1, (size[1] - top - s.px(70)) // (row_h + s.px(4)))

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        top, row_h, rows = self._rows(size)
        for k, (path, is_dir) in enumerate(self.entries[self.first:self.first + rows]):
            label = path.name + ("/" if is_dir else "")
            action = partial(self._enter, path) if is_dir else partial(self._open, path)
            self.buttons.add(Button(pygame.Rect(s.px(24), top + k * (row_h + s.px(4)), w - s.px(48), row_h), label,
                                    action, swatch=palette.BACKGROUND_DARK if is_dir else palette.WON))
        bw = s.px(300)
        y = h - s.px(56)
        self.buttons.add(Button(pygame.Rect(s.px(24), y, bw, s.px(40)), self.t("files.up"),
                                partial(self._enter, self.folder.parent), hotkey=pygame.K_BACKSPACE,
                                hotkey_label="Backspace", enabled=self.folder.parent != self.folder))
        self.buttons.add(Button(pygame.Rect(w - s.px(24) - bw, y, bw, s.px(40)), self.t("common.cancel"),
                                self.back, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))
        if self.replays:
            self.buttons.add(Button(pygame.Rect((w - bw) // 2, y, bw, s.px(40)), self.t("files.import_folder"),
                                    partial(self._open, self.folder), hotkey=pygame.K_RETURN, hotkey_label="Enter"))

    def handle(self, event: pygame.event.Event) -> None:
        _, _, rows = self._rows(self.app.size)
        step = 0
        if event.type == pygame.MOUSEWHEEL:
            step = -3 * event.y
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
            step = rows if event.key == pygame.K_PAGEDOWN else 1
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_UP):
            step = -rows if event.key == pygame.K_PAGEUP else -1
        if step:
            self.first = max(0, min(self.first + step, len(self.entries) - rows))
            self.layout(self.app.size)
            return
        super().handle(event)

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        surf.fill(palette.SCREEN)
        y = self.heading(surf, self.t("files.replays_title" if self.replays else "files.title"),
                         self.t("files.replays_subtitle" if self.replays else "share.files_subtitle"))
        w = surf.get_width()
        blit_text(surf, str(self.folder), s.body, (s.px(24), y + s.px(14)), w - s.px(48), bold=True)
        if self.problem:
            blit_text(surf, self.problem, s.body, (s.px(24), y + s.px(50)), w - s.px(48), palette.LOST)
        elif not self.entries:
            blit_text(surf, self.t("share.files_empty"), s.body, (s.px(24), y + s.px(50)), w - s.px(48), palette.TEXT_MUTED)
        _, _, rows = self._rows(surf.get_size())
        if len(self.entries) > rows:
            shown = f"{self.first + 1}–{min(self.first + rows, len(self.entries))} / {len(self.entries)}"
            blit_text(surf, shown, s.small, (w - s.px(24), y + s.px(16)), anchor="topright", colour=palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
