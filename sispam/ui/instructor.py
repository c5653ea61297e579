"""The instructor panel (F9 on the play screen): live injects into a running exercise.

The exercise goes on under the panel. If a PIN is set in the settings, the panel first asks for
it (each time it is opened: the trainee sits at the same laptop). An inject that needs a place
(a crowd wave, provocateurs, a fire) closes the panel and waits for a click on the map; the
others are given at once. Freezing stops the clock until the instructor unfreezes it from the
panel; the trainee cannot resume it. Every inject goes through `Runner.inject`, so it lands in
the world's inject log, the replay and the debrief (`sispam.sim.injects`).
"""

from __future__ import annotations

from functools import partial

import pygame

from sispam.settings import pin_matches
from sispam.sim.injects import Inject, InjectKind, has_reserve
from sispam.ui import palette
from sispam.ui.describe import inject_text
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, TextField, blit_text, panel

WAVES = (50, 100, 200)
PROVOCATEURS = (2,)
RUMOURS = (0.1, 0.25)
PANEL_KEY = pygame.K_F9


class InstructorPanel(Screen):
    """Over the play screen `play`, which keeps running."""

    def __init__(self, app, play) -> None:
        super().__init__(app)
        self.play = play
        self.unlocked = not app.settings.instructor_pin
        self.pin = TextField(pygame.Rect(0, 0, 1, 1), secret=True, digits=True, max_chars=8, focused=True)
        self.wrong = False
        self.box = pygame.Rect(0, 0, 1, 1)

    # --- layout ---

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        self.play.layout(size)
        bw, bh, gap = s.px(330), s.px(38), s.px(8)
        if not self.unlocked:
            self.box = pygame.Rect(0, 0, s.px(420), s.px(200))
            self.box.center = (w // 2, h // 2)
            self.pin.rect = pygame.Rect(self.box.left + s.px(24), self.box.top + s.px(70), self.box.width - s.px(48), bh)
            half = (self.box.width - s.px(56)) // 2
            y = self.box.bottom - bh - s.px(20)
            self.buttons.add(Button(pygame.Rect(self.box.left + s.px(24), y, half, bh), self.t("inject.open"),
                                    self._check_pin, self.t("inject.pin_tip"), hotkey=pygame.K_RETURN,
                                    hotkey_label="Enter"))
            self.buttons.add(Button(pygame.Rect(self.box.right - s.px(24) - half, y, half, bh),
                                    self.t("common.back"), self.close, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))
            return
        world = self.play.world
        left = {kind: world.injects.left(kind) for kind in (InjectKind.CROWD_WAVE, InjectKind.PROVOCATEURS)}
        no_crowd = "" if any(left.values()) else self.t("inject.no_crowd_reserve" if has_reserve(world.scenario)
                                              or not world.scenario.crowd else "inject.no_reserve_run")
        people: list[tuple[str, object, str, bool]] = []  # left column: what comes to a place
        for count in WAVES:
            people.append((self.t("inject.crowd_wave", count=count),
                           partial(self._aim, Inject(0.0, InjectKind.CROWD_WAVE, count=count)),
                           no_crowd or self.t("inject.crowd_wave_tip", left=left[InjectKind.CROWD_WAVE]),
                           left[InjectKind.CROWD_WAVE] >= count))
        for count in PROVOCATEURS:
            people.append((self.t("inject.provocateurs", count=count),
                           partial(self._aim, Inject(0.0, InjectKind.PROVOCATEURS, count=count)),
                           no_crowd or self.t("inject.provocateurs_tip", left=left[InjectKind.PROVOCATEURS]),
                           left[InjectKind.PROVOCATEURS] >= count))
        people.append((self.t("inject.fire"), partial(self._aim, Inject(0.0, InjectKind.FIRE)),
                       self.t("inject.fire_tip"), True))
        now: list[tuple[str, object, str, bool]] = []  # right column: what happens at once
        for drop in RUMOURS:
            shown = f"{drop:g}".replace(".", "," if self.lang == "id" else ".")
            now.append((self.t("inject.rumour", drop=shown),
                        partial(self._give, Inject(0.0, InjectKind.RUMOUR, legitimacy_drop=drop)),
                        self.t("inject.rumour_tip"), True))
        sent = {i.unit for i in world.injects.log if i.kind is InjectKind.REINFORCEMENTS}
        held = [u for u in world.units if u.on_request and not u.arrived and u.id not in sent]
        for unit in held:
            now.append((self.t("inject.reinforcements", unit=unit.id),
                        partial(self._give, Inject(0.0, InjectKind.REINFORCEMENTS, unit=unit.id)),
                        self.t("inject.reinforcements_tip"), True))
        if not held:
            now.append((self.t("inject.reinforcements", unit="–"), lambda: None, self.t("inject.no_reserve_unit"),
                        False))
        if self.play.frozen:
            now.append((self.t("inject.unfreeze"), self._unfreeze, "", True))
        else:
            now.append((self.t("inject.freeze"), self._freeze, self.t("inject.freeze_tip"), True))
        rows = max(len(people), len(now))
        self.box = pygame.Rect(0, 0, 2 * bw + s.px(16) + s.px(48), s.px(96) + rows * (bh + gap) + s.px(70))
        self.box.center = (w // 2, h // 2)
        for col, items in enumerate((people, now)):
            for row, (label, action, tip, enabled) in enumerate(items):
                rect = pygame.Rect(self.box.left + s.px(24) + col * (bw + s.px(16)),
                                   self.box.top + s.px(96) + row * (bh + gap), bw, bh)
                self.buttons.add(Button(rect, label, action, tip, enabled=enabled))
        self.buttons.add(Button(pygame.Rect(self.box.right - s.px(24) - s.px(160), self.box.bottom - bh - s.px(16),
                                            s.px(160), bh), self.t("inject.close"), self.close,
                                hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))

    # --- actions ---

    def _check_pin(self) -> None:
        if pin_matches(self.app.settings, self.pin.value):
            self.unlocked = True
            self.pin.value = ""
            self.layout(self.app.size)
        else:
            self.wrong = True
            self.pin.value = ""

    def close(self) -> None:
        self.app.show(self.play)

    def _aim(self, inject: Inject) -> None:
        self.play.inject_aim = inject
        self.close()

    def _give(self, inject: Inject) -> None:
        self.play.give_inject(inject)
        self.close()

    def subtitle(self) -> str:
        """What the panel says of the exercise's clock: running, paused or frozen."""
        return self.t("inject.subtitle_frozen" if self.play.frozen else
                      "inject.subtitle_paused" if self.play.paused else "inject.subtitle")

    def _freeze(self) -> None:
        if self.play.give_inject(Inject(0.0, InjectKind.FREEZE)):
            self.play.frozen = True
            self.play.set_paused(True)
        self.close()

    def _unfreeze(self) -> None:
        self.play.frozen = False
        self.play.set_paused(False)
        self.close()

    # --- the loop ---

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.buttons.mouse = event.pos
        if not self.unlocked:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_KP_ENTER:
                self._check_pin()
                return
            if event.type == pygame.TEXTINPUT:  # typed text is the PIN's: no hotkey fires
                self.pin.handle(event)
                self.wrong = False
                return
            if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
                self.pin.handle(event)
                return
        self.buttons.handle(event)

    def update(self, dt_s: float) -> None:
        self.play.update(dt_s)  # the exercise goes on while the instructor chooses

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        self.play.redraw_all()
        self.play.draw(surf)
        panel(surf, self.box, palette.SCREEN, palette.INSTRUCTOR)
        pygame.draw.rect(surf, palette.INSTRUCTOR, self.box, 3)
        blit_text(surf, self.t("inject.title"), s.heading, (self.box.left + s.px(24), self.box.top + s.px(16)),
                  self.box.width - s.px(48), bold=True)
        if not self.unlocked:
            blit_text(surf, self.t("inject.pin"), s.body, (self.pin.rect.left, self.pin.rect.top - s.px(24)),
                      self.pin.rect.width, bold=True)
            self.pin.draw(surf, s)
            if self.wrong:
                blit_text(surf, self.t("inject.wrong_pin"), s.body, (self.pin.rect.left, self.pin.rect.bottom + s.px(6)),
                          self.pin.rect.width, palette.LOST, bold=True)
        else:
            blit_text(surf, self.subtitle(), s.small, (self.box.left + s.px(24), self.box.top + s.px(56)),
                      self.box.width - s.px(48), palette.TEXT_MUTED)
            given = [inject_text(i.as_dict(), self.lang) for i in self.play.world.injects.log]
            line = self.t("inject.given") + " " + ("; ".join(given[-4:]) if given else self.t("inject.none_yet"))
            blit_text(surf, line, s.small, (self.box.left + s.px(24), self.box.bottom - s.px(46)),
                      self.box.width - s.px(48) - s.px(180), palette.TEXT_MUTED)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

