"""The loading screen of a first start: the simulation's kernels compiled, with progress.

Shown by `App.prepare_then` only when some kernel is neither compiled nor in numba's cache
(`sispam.sim.kernels.pending`), which is on the first start after an install or an update; a
warm start goes straight to its first screen. In a window the kernels are compiled in a thread
of their own (LLVM lets go of the interpreter while it works), so the window keeps drawing,
answers its events and can be closed at any moment; headless (tests, screenshots) they are
compiled one per frame.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from sispam.sim.kernels import Kernel, prepare
from sispam.ui import palette
from sispam.ui.screen import Screen
from sispam.ui.widgets import blit_text, blit_wrapped

if TYPE_CHECKING:
    from sispam.ui.app import App

log = logging.getLogger(__name__)

SWEEP_S = 1.2  # a stripe crosses the kernel being compiled in this time: the window is alive


class LoadingScreen(Screen):
    """Prepares `unready`, then calls `then` (which shows the screen the game opens on).

    Args:
        app: the game.
        unready: the kernels to prepare (`sispam.sim.kernels.pending()`).
        then: shows the first screen once the kernels are ready.
        background: compile in a thread (default: in a window, not headless).
        prepare_one: how one kernel is prepared (default `sispam.sim.kernels.prepare`).
    """

    def __init__(self, app: App, unready: Sequence[Kernel], then: Callable[[], None], *,
                 background: bool | None = None, prepare_one: Callable[[Kernel], None] | None = None) -> None:
        super().__init__(app)
        self.unready = list(unready)
        self.then = then
        self.done = 0  # kernels prepared so far
        self.elapsed_s = 0.0
        self.background = not app.headless if background is None else background
        self._prepare_one = prepare_one or prepare
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn_once = False

    @property
    def finished(self) -> bool:
        return self.done >= len(self.unready)

    def _prepare(self, kernel: Kernel) -> None:
        try:
            self._prepare_one(kernel)
        except Exception as e:  # noqa: BLE001 - preparing only saves time: the step compiles it itself
            log.warning("could not prepare %s (the first step compiles it): %s", kernel.name, e)
        self.done += 1

    def _work(self) -> None:
        for kernel in self.unready:
            if self._stop.is_set():
                return
            self._prepare(kernel)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()

    def update(self, dt_s: float) -> None:
        self.elapsed_s += dt_s
        if self.background:
            if self._thread is None:
                # Not a daemon: quitting mid-way waits for the kernel being compiled, so numba
                # never stops half-way through writing its cache.
                self._thread = threading.Thread(target=self._work, name="prepare-kernels")
                self._thread.start()
        elif self._drawn_once and not self.finished:
            self._prepare(self.unready[self.done])  # one a frame, after a frame showing where it is
        if self.finished and (self._thread is None or not self._thread.is_alive()):
            self.then()

    def leave(self) -> None:
        self._stop.set()  # the game quits or moves on: prepare no further kernel

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        w, h = surf.get_size()
        surf.fill(palette.SCREEN)
        self.heading(surf, "Sispam", self.t("menu.subtitle"))
        n = max(len(self.unready), 1)
        bar = pygame.Rect(0, 0, min(s.px(720), w - s.px(96)), s.px(28))
        bar.center = (w // 2, h // 2 + s.px(20))
        line = self.t("loading.preparing", k=min(self.done + 1, len(self.unready)), n=len(self.unready))
        blit_text(surf, line, s.heading, (bar.left, bar.top - s.px(14)), bar.width, bold=True, anchor="bottomleft")
        pygame.draw.rect(surf, palette.BUTTON, bar)
        filled = bar.width * self.done // n
        pygame.draw.rect(surf, palette.SCORE_BAR, (bar.left, bar.top, filled, bar.height))
        if not self.finished:  # the kernel being compiled: a stripe sweeping across its share
            share = pygame.Rect(bar.left + filled, bar.top, bar.width * (self.done + 1) // n - filled, bar.height)
            pygame.draw.rect(surf, palette.BUTTON_ACTIVE, share)
            stripe_w = max(min(s.px(24), share.width // 2), 1)
            phase = (self.elapsed_s / SWEEP_S) % 1.0
            pygame.draw.rect(surf, palette.BUTTON_HOVER,
                             (share.left + round(phase * (share.width - stripe_w)), bar.top, stripe_w, bar.height))
        pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
        blit_wrapped(surf, self.t("loading.why"), s.body,
                     pygame.Rect(bar.left, bar.bottom + s.px(16), bar.width, s.px(60)), palette.TEXT_MUTED)
        blit_text(surf, self.t("loading.quit"), s.small, (s.px(24), h - s.px(36)), w - s.px(48), palette.TEXT_MUTED)
        self._drawn_once = True
