"""The game window: settings, the current screen, the frame loop and the window's own events
(quit, resize, focus lost, a file dropped onto it).

`App.frame(events, dt_s)` is one frame: the loop in `run` feeds it the real events and clock,
and the UI tests feed it synthetic ones, so both go through the same code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import pygame

from sispam.atomic import OutputError
from sispam.campaign_progress import CampaignProgress
from sispam.level import LevelError, load_level
from sispam.resources import campaign_file
from sispam.review.replay_file import SUFFIX as REPLAY_SUFFIX
from sispam.settings import Settings, fit_window, load_settings, save_settings, trainee_line, within_desktop
from sispam.ui import palette
from sispam.ui.file_notice import notice_text
from sispam.ui.i18n import text
from sispam.ui.problem_text import problem_text
from sispam.ui.screen import Screen
from sispam.ui.widgets import TEXT, Style, panel

FPS = 60
NOTICE_S = 6.0  # how long a notice stays at the top of the window
MAX_FRAME_S = 0.25  # a frame longer than this (a stall, a dragged window) counts as this long


class App:
    """The running game.

    Args:
        settings: what this session uses (language, window, fullscreen, volume, hints).
        headless: draw into an off-screen surface instead of a window (tests, screenshots).
        save: write settings and campaign progress to the user-data folder when they change.
        saved: the settings as saved, when the command line chose differently for this session
            (only what the player changes in the settings screen is saved over them).
    """

    def __init__(self, settings: Settings, headless: bool = False, save: bool = True,
                 saved: Settings | None = None) -> None:
        from sispam.ui.sound import Sound

        self.settings = settings
        self.saved = saved or settings
        self.headless = headless
        self.save = save
        self.running = True
        self.notices: list[tuple[str, float]] = []
        self.progress, problems = CampaignProgress.load()
        for p in problems:
            self.notice_problem(p)
        pygame.display.init()
        pygame.font.init()
        TEXT.reset()
        self.surface = self._open_window()
        self.sound = Sound(settings.volume)
        self.campaign = self._campaign()
        self._titles: dict[Path, object] = {}
        self.screen: Screen | None = None
        self._drawn: Screen | None = None  # the screen that drew the last frame
        # The text of the key that just changed screens (a menu's 1 opening a level): SDL sends it
        # after the key, and it must not land in the new screen's text field.
        self._screen_key: str | None = None
        self.last_folder: Path | None = None  # where the file dialog opens next

    @property
    def trainee(self) -> tuple[str, str]:
        """Who plays (name, group): asked at the briefing, offered again there, kept in the
        saved settings from one launch to the next."""
        return self.settings.trainee_name, self.settings.trainee_group

    def set_trainee(self, name: str, group: str, remember: bool = True) -> None:
        """Who plays from now on; `remember` keeps him in the saved settings for the next launch
        (not so a trainee taken over from a replay: the next briefing offers him this session
        only)."""
        name, group = trainee_line(name), trainee_line(group)
        if (name, group) == self.trainee:
            return
        chosen = replace(self.settings, trainee_name=name, trainee_group=group)
        if remember:
            self.apply_settings(chosen)
        else:
            self.settings = chosen

    # --- window ---

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def _open_window(self) -> pygame.Surface:
        if self.headless:
            return pygame.Surface(self.settings.window)
        pygame.display.set_caption("Sispam")
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(within_desktop(self.settings.window, self.desktop()), pygame.RESIZABLE)

    def desktop(self) -> tuple[int, int] | None:
        """The screen's size, if there is a screen and SDL knows it."""
        if self.headless or not pygame.display.get_init():
            return None
        sizes = pygame.display.get_desktop_sizes()
        return tuple(sizes[0]) if sizes else None  # type: ignore[return-value]

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings: reopen the window if its size or mode changed, relay the screen
        out (the language may have changed), set the volume, and save what changed."""
        old = self.settings
        self.settings = settings
        changed = {f.name: getattr(settings, f.name) for f in fields(settings)
                   if getattr(settings, f.name) != getattr(old, f.name)}
        self.saved = replace(self.saved, **changed)
        if (settings.window, settings.fullscreen) != (old.window, old.fullscreen):
            self.surface = self._open_window()
        self.sound.set_volume(settings.volume)
        if self.screen is not None:
            self.screen.layout(self.size)
        if self.save:
            try:
                save_settings(self.saved)
            except OutputError as e:
                self.notice_problem(str(e))

    def _resized(self) -> None:
        if not self.headless:
            self.surface = pygame.display.get_surface()
            if not self.settings.fullscreen:
                self.settings = replace(self.settings, window=fit_window(self.surface.get_size()))
        if self.screen is not None:
            self.screen.layout(self.size)

    # --- screens ---

    def show(self, screen: Screen) -> None:
        if self.screen is not None:
            self.screen.leave()
        self.screen = screen
        screen.layout(self.size)

    def prepare_then(self, go: Callable[[], None]) -> None:
        """Show the first screen (`go`) now if the simulation's compiled kernels are ready (a
        warm start), else after a loading screen that prepares them with progress: the first
        level then starts as fast as on any later start, with no freeze at 0:00."""
        from sispam.sim.kernels import pending
        from sispam.ui.loading import LoadingScreen

        unready = pending()
        if unready:
            self.show(LoadingScreen(self, unready, go))
        else:
            go()

    def main_menu(self) -> None:
        from sispam.ui.menu import MainMenu

        self.show(MainMenu(self))

    def open_level(self, path: str | os.PathLike[str], campaign_index: int | None = None,
                   plan: str | None = None) -> None:
        """Open a level file at its briefing, or show its problems on the error screen."""
        from sispam.ui.briefing import Briefing
        from sispam.ui.error_screen import ErrorScreen

        try:
            scenario = load_level(path)
            orders = ()
            if plan is not None:
                from sispam.level.plan import load_plan

                orders = tuple(load_plan(plan, scenario))
        except LevelError as e:
            self.show(ErrorScreen(self, str(path), [problem_text(p, self.settings.lang) for p in e.problems]))
            return
        if campaign_index is None:
            campaign_index = self.campaign_index(path)
        self.show(Briefing(self, scenario, Path(path), campaign_index, orders))

    def open_editor(self, path: str | os.PathLike[str] | None = None) -> None:
        """The level editor on `path` (a new level there if no such file; a draft of it left
        beside it is taken up), or on a new level; a file that is not TOML shows its problem."""
        from sispam.level.draft import Draft
        from sispam.ui.editor import EditorScreen
        from sispam.ui.error_screen import ErrorScreen

        try:
            if path is None:
                draft = Draft.new()
            else:
                target = Path(path)
                sibling = Draft.draft_path(target)
                if sibling != target and sibling.is_file():
                    draft = Draft.open(sibling)
                    self.notice(text("editor.continuing_draft", self.settings.lang).format(path=str(sibling)))
                elif target.exists():
                    draft = Draft.open(target)
                else:
                    draft = Draft.new(level_id=re.sub(r"[^A-Za-z0-9_-]+", "_", target.stem) or "level_baru")
                    draft.path = target
        except LevelError as e:
            self.show(ErrorScreen(self, str(path), [problem_text(p, self.settings.lang) for p in e.problems]))
            return
        self.show(EditorScreen(self, draft))

    def open_file(self, path: str | os.PathLike[str]) -> None:
        """Open a file given to the game (dropped on the window, or chosen): a folder or zip of
        replays (or anything dropped on the records screen) imported into the training records,
        a replay in the replay viewer, a shared level (.zip) unpacked, anything else as a level."""
        from sispam.ui.records_screen import RecordsScreen, holds_replays

        if isinstance(self.screen, RecordsScreen) or holds_replays(path):  # the instructor collects replays
            screen = self.screen if isinstance(self.screen, RecordsScreen) else RecordsScreen(self)
            if screen is not self.screen:
                self.show(screen)
            screen.import_paths([Path(path)])
        elif str(path).lower().endswith(REPLAY_SUFFIX):
            self.open_replay(path)
        elif str(path).lower().endswith(".zip"):
            self.open_shared_level(path)
        else:
            self.open_level(path)

    def open_shared_level(self, path: str | os.PathLike[str]) -> None:
        """Unpack a shared level (.zip) into the user-data folder's `levels/` and open it at its
        briefing; a refused archive, or a level in it with problems, shows on the error screen."""
        from sispam.level.share import ShareError, unpack_level
        from sispam.ui.error_screen import ErrorScreen
        from sispam.ui.i18n import text
        from sispam.userdata import data_dir

        lang = self.settings.lang
        try:
            level = unpack_level(path, data_dir() / "levels")
        except ShareError as e:
            reason = e.reason if e.entry is None else f"{e.entry}: {e.reason}"
            self.show(ErrorScreen(self, str(path), [text("share.refused", lang).format(reason=reason)]))
            return
        except OutputError as e:
            self.show(ErrorScreen(self, str(path), [text("share.cannot_unpack", lang).format(reason=str(e))]))
            return
        except LevelError as e:
            self.show(ErrorScreen(self, str(path), [problem_text(p, self.settings.lang) for p in e.problems]))
            return
        self.notice(text("share.unpacked", lang).format(folder=str(level.parent)))
        self.open_level(level)

    def open_replay(self, path: str | os.PathLike[str], back=None, level: str | None = None, start_s: float = 0.0,
                    debrief: bool = False) -> None:
        """Watch a replay from `start_s` (of `level` if given, else of the level it names), or
        with `debrief` read its debrief; or show why it cannot be opened on the error screen."""
        from sispam.review.replay_file import level_for, read_replay
        from sispam.ui.error_screen import ErrorScreen
        from sispam.ui.replay_view import ReplayScreen

        try:
            rec, _ = read_replay(path)
            level = level_for(rec, path, level)
            scenario = load_level(level)
            rec, _ = read_replay(path, scenario)
        except LevelError as e:
            self.show(ErrorScreen(self, str(path), [problem_text(p, self.settings.lang) for p in e.problems]))
            return
        except ValueError as e:  # what the checks let through and the replay still cannot do
            self.show(ErrorScreen(self, str(path), [f"{path}: {e}"]))
            return
        if debrief:
            from sispam.ui.debrief_screen import DebriefScreen

            self.show(DebriefScreen(self, rec, scenario, Path(path), back=back))
            return
        self.show(ReplayScreen(self, rec, scenario, Path(path), level, start=round(start_s / rec.dt), back=back))

    def campaign_index(self, path: str | os.PathLike[str]) -> int | None:
        """Where a level file stands in the campaign (None: not a campaign level)."""
        try:
            resolved = Path(path).resolve()
        except OSError:
            return None
        for i, p in enumerate(self.campaign):
            if p.resolve() == resolved:
                return i
        return None

    def _campaign(self) -> list[Path]:
        from sispam.level.campaign import load_campaign

        try:
            return load_campaign(campaign_file())
        except LevelError as e:
            self.notice(str(e).splitlines()[0])
            return []

    def level_title(self, path: Path) -> str:
        """A campaign level's title in the player's language (its file name if it does not load:
        opening it shows why)."""
        if path not in self._titles:
            try:
                self._titles[path] = load_level(path).title
            except LevelError:
                self._titles[path] = None
        title = self._titles[path]
        return path.stem if title is None else getattr(title, self.settings.lang)

    def record_result(self, level_path: Path, outcome: str, score: int) -> None:
        """Note a finished campaign level in the progress file."""
        if self.campaign_index(level_path) is None:
            return
        self.progress.record(level_path.stem, outcome, score)
        if self.save:
            try:
                self.progress.save()
            except OutputError as e:
                self.notice_problem(str(e))

    def notice(self, message: str) -> None:
        """Show a message at the top of the window for a few seconds (a file that could not be
        saved, a settings file with a bad field)."""
        self.notices.append((message, NOTICE_S))

    def notice_problem(self, message: str) -> None:
        """A file's problem as the layers below say it, in English (a settings file's bad field,
        a file that cannot be written), as a notice in the player's language."""
        self.notice(notice_text(message, self.settings.lang))

    def quit(self) -> None:
        self.running = False

    # --- frames ---

    def frame(self, events: list[pygame.event.Event], dt_s: float) -> None:
        """One frame: the window's events, then the screen's, its update and its drawing."""
        assert self.screen is not None, "show a screen first"
        dt_s = min(max(dt_s, 0.0), MAX_FRAME_S)
        for event in events:
            if event.type == pygame.QUIT:
                self.quit()
                return
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                self._resized()
            elif event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
                self.screen.focus_lost()
            elif event.type == pygame.DROPFILE:
                self.open_file(event.file)
            elif event.type == pygame.TEXTINPUT and self._screen_key is not None and event.text == self._screen_key:
                self._screen_key = None  # the text of the key that opened this screen is not typed into it
            else:
                before = self.screen
                if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
                    self._screen_key = None
                self.screen.handle(event)
                if event.type == pygame.KEYDOWN and self.screen is not before:
                    self._screen_key = getattr(event, "unicode", "") or None
            if not self.running:
                return
        self.screen.update(dt_s)
        if self.screen is not self._drawn:  # the last frame on the window was another screen's
            self.screen.redraw_all()
            self._drawn = self.screen
        self.screen.draw(self.surface)
        self._draw_notices(dt_s)

    def _draw_notices(self, dt_s: float) -> None:
        self.notices = [(m, left - dt_s) for m, left in self.notices if left - dt_s > 0]
        if not self.notices:
            return
        style = Style.for_window(self.size)
        area = self.screen.notice_area(self.size)
        lines = [line for m, _ in self.notices[-3:] for line in TEXT.wrap(m, style.small, area.width - 2 * style.pad)]
        h = len(lines) * TEXT.font(style.small).get_linesize() + 2 * style.pad
        rect = pygame.Rect(area.left, area.top, area.width, h)
        if area.height:
            rect.bottom = area.bottom
        panel(self.surface, rect, palette.TOOLTIP)
        self.screen.drawn_over([rect])
        y = rect.top + style.pad
        for line in lines:
            self.surface.blit(TEXT.render(line, style.small), (rect.left + style.pad, y))
            y += TEXT.font(style.small).get_linesize()

    def run(self) -> int:
        """The frame loop at 60 frames per second until the player quits; returns the exit code."""
        clock = pygame.time.Clock()
        try:
            while self.running:
                dt_s = clock.tick(FPS) / 1000.0
                self.frame(pygame.event.get(), dt_s)
                if self.running and not self.headless:
                    pygame.display.flip()
        finally:
            self.close()
        return 0

    def close(self) -> None:
        if self.screen is not None:
            self.screen.leave()
        self.sound.close()
        pygame.quit()
        TEXT.reset()  # its fonts died with pygame


def start(lang: str | None, window: tuple[int, int] | None, fullscreen: bool, level: str | None = None,
          plan: str | None = None, replay: str | None = None, replay_level: str | None = None,
          edit: str | None = None) -> int:
    """`python game.py [play LEVEL | replay FILE]`: open the window at the main menu, a level's
    briefing or a replay.
    Command-line choices apply to this session only; the saved settings stay as they were."""
    from sispam.ui.i18n import system_language

    settings, problems = load_settings(system_language())
    session = replace(settings, lang=lang or settings.lang, window=fit_window(window) if window else settings.window,
                      fullscreen=fullscreen or settings.fullscreen)
    app = App(session, saved=settings)
    for p in problems:
        app.notice_problem(p)

    def first_screen() -> None:
        if replay is not None:
            app.open_replay(replay, level=replay_level)
        elif edit is not None:
            app.open_editor(edit or None)
        elif level is None:
            app.main_menu()
        else:
            app.open_level(level, plan=plan)

    app.prepare_then(first_screen)
    return app.run()
