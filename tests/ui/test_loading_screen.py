"""The loading screen of a first start (issue 20, item 9): it draws the title, a progress bar and
the progress line in either language, prepares the kernels one at a time and then opens the
first screen; in a window it keeps drawing while a kernel compiles and can be closed mid-way.
The kernels are stood in for here (tests/sim/test_kernels.py compiles the real ones)."""

from __future__ import annotations

import threading
from dataclasses import replace

import pygame
import pytest

from sispam.resources import levels_dir
from sispam.sim.kernels import kernels
from sispam.ui import palette
from sispam.ui.loading import LoadingScreen
from sispam.ui.menu import MainMenu

FRAME_S = 1 / 60
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"


def _bar_fill(surf: pygame.Surface, screen: LoadingScreen) -> int:
    """How many pixels of the bar's middle row have the bar's colour."""
    w, h = surf.get_size()
    y = h // 2 + screen.style.px(20)
    return sum(1 for x in range(w) if surf.get_at((x, y))[:3] == palette.SCORE_BAR)


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_loading_screen_shows_each_kernel_prepared_then_opens_the_menu(app):
    seen = []
    unready = kernels()
    screen = LoadingScreen(app, unready, app.main_menu, background=False, prepare_one=lambda k: seen.append(k.name))
    app.show(screen)
    fills, pictures = [], []
    for _ in unready:
        app.frame([], FRAME_S)
        fills.append(_bar_fill(app.surface, screen))
        pictures.append(pygame.image.tobytes(app.surface, "RGB"))
        assert isinstance(app.screen, LoadingScreen)
    assert seen == [k.name for k in unready[:-1]]  # one kernel a frame, after a frame showing 0 of n
    assert screen.done == len(unready) - 1
    assert fills == sorted(fills) and fills[-1] > fills[0]  # the bar fills up
    assert len(set(pictures)) == len(unready)  # and the line's count changes with it
    app.frame([], FRAME_S)
    assert seen == [k.name for k in unready]
    assert isinstance(app.screen, MainMenu)


def test_the_progress_line_is_in_the_players_language(app):
    screen = LoadingScreen(app, kernels(), app.main_menu, background=False, prepare_one=lambda k: None)
    n = len(kernels())
    assert screen.t("loading.preparing", k=1, n=n) == f"Preparing the simulation (first start only)… 1/{n}"
    app.settings = replace(app.settings, lang="id")
    assert screen.t("loading.preparing", k=1, n=n) == f"Menyiapkan simulasi (hanya pada awal pertama)… 1/{n}"


def test_in_a_window_it_keeps_drawing_while_a_kernel_compiles_and_closing_mid_way_is_clean(app):
    started, release = threading.Event(), threading.Event()
    seen = []

    def slow(kernel):
        seen.append(kernel.name)
        started.set()
        release.wait(10)

    screen = LoadingScreen(app, kernels(), app.main_menu, background=True, prepare_one=slow)
    app.show(screen)
    app.frame([], FRAME_S)
    assert started.wait(10)
    pictures = set()
    for _ in range(20):  # the first kernel "compiles" all this while: the stripe still sweeps
        app.frame([], 0.05)
        pictures.add(pygame.image.tobytes(app.surface, "RGB"))
    assert len(pictures) > 1
    app.frame([pygame.event.Event(pygame.QUIT)], FRAME_S)
    assert not app.running
    app.screen.leave()  # what App.close does
    release.set()
    screen._thread.join(10)
    assert not screen._thread.is_alive()
    assert seen == [kernels()[0].name]  # no kernel started after the player quit


def test_escape_quits_the_loading_screen(app):
    app.show(LoadingScreen(app, kernels(), app.main_menu, background=False, prepare_one=lambda k: None))
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)], FRAME_S)
    assert not app.running


def test_a_warm_start_shows_no_loading_screen(app, monkeypatch):
    monkeypatch.setattr("sispam.sim.kernels.pending", lambda: [])
    app.prepare_then(app.main_menu)
    assert isinstance(app.screen, MainMenu)


def test_a_first_start_shows_the_loading_screen_first(app, monkeypatch):
    monkeypatch.setattr("sispam.sim.kernels.pending", lambda: list(kernels()[:2]))
    app.prepare_then(app.main_menu)
    assert isinstance(app.screen, LoadingScreen)
    assert len(app.screen.unready) == 2


def test_a_kernel_that_cannot_be_prepared_does_not_stop_the_game(app):
    def broken(kernel):
        raise RuntimeError("LLVM failed")

    app.show(LoadingScreen(app, kernels()[:2], app.main_menu, background=False, prepare_one=broken))
    for _ in range(3):
        app.frame([], FRAME_S)
    assert isinstance(app.screen, MainMenu)


def test_closing_the_window_mid_preparation_ends_the_game_cleanly(tmp_path, monkeypatch):
    """`python game.py play LEVEL` on a first start, through the real frame loop: the loading
    screen comes first, and a quit while a kernel compiles exits 0 with no kernel started after."""
    from sispam.cli import main
    from sispam.sim import kernels as kernels_module
    from sispam.ui.app import App

    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(kernels_module, "pending", lambda: list(kernels()))
    started = threading.Event()
    seen, screens = [], []

    def slow(kernel):
        seen.append(kernel.name)
        started.set()
        threading.Event().wait(0.5)

    monkeypatch.setattr("sispam.ui.loading.prepare", slow)
    original = App.frame

    def frame_then_quit(self, events, dt_s):
        original(self, events, dt_s)
        screens.append(type(self.screen).__name__)
        if len(screens) == 3:
            started.wait(10)
            pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setattr(App, "frame", frame_then_quit)
    assert main(["play", str(TUTORIAL), "--lang", "en", "--window", "1024x600"]) == 0
    assert screens[:3] == ["LoadingScreen"] * 3
    for worker in [t for t in threading.enumerate() if t.name == "prepare-kernels"]:
        worker.join(10)  # the kernel being compiled when the window closed
    assert 1 <= len(seen) < len(kernels())
