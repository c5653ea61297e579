"""The briefing before a level: the situation and mission in the level's own words, the
objectives, the forces at hand, who is playing (the trainee's name and group, for the training
records), and the way into the play screen."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pygame

from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.ui import palette
from sispam.ui.describe import clock, objective_text
from sispam.ui.i18n import text
from sispam.ui.screen import Screen
from sispam.ui.widgets import TEXT, Button, TextField, blit_text, blit_wrapped


class Briefing(Screen):
    def __init__(self, app, scenario: Scenario, path: Path, campaign_index: int | None,
                 orders: tuple[Order, ...] = (), back=None) -> None:
        super().__init__(app)
        self.back = back  # a test-play from the editor goes back there, not to the menu
        self.scenario = scenario
        self.path = path
        self.campaign_index = campaign_index
        self.orders = orders
        self.first_line = 0
        name, group = app.trainee
        self.name = TextField(pygame.Rect(0, 0, 0, 0), name, focused=not name)
        self.group = TextField(pygame.Rect(0, 0, 0, 0), group)

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        bw, bh = s.px(240), s.px(44)
        self.start = self.buttons.add(Button(pygame.Rect(w - s.px(24) - bw, h - s.px(24) - bh, bw, bh),
                                             self.t("briefing.start"), self._start, self.t("briefing.start_tip"),
                                             hotkey=pygame.K_RETURN, hotkey_label="Enter"))
        self.buttons.add(Button(pygame.Rect(s.px(24), h - s.px(24) - bh, bw, bh), self.t("common.back"),
                                self.back or self.app.main_menu, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))
        # Who plays, between the two buttons: a label over each field.
        left, right = s.px(24) + bw + s.px(24), w - s.px(48) - bw
        name_w = (right - left) * 3 // 5
        top = h - s.px(24) - bh
        self.name.rect = pygame.Rect(left, top + s.px(18), name_w - s.px(12), bh - s.px(18))
        self.group.rect = pygame.Rect(left + name_w, top + s.px(18), right - left - name_w, bh - s.px(18))
        self.name.placeholder, self.group.placeholder = self.t("briefing.name_hint"), self.t("briefing.group_hint")
        self._update_start()

    def _update_start(self) -> None:
        self.start.enabled = bool(self.name.value.strip())

    def _start(self) -> None:
        from sispam.ui.play import PlayScreen

        if not self.name.value.strip():
            return
        self.app.trainee = (self.name.value.strip(), self.group.value.strip())
        self.app.show(PlayScreen(self.app, self.scenario, self.path, self.campaign_index, self.orders, back_to=self.back))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.first_line = max(0, self.first_line - 3 * event.y)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            self.name.focused, self.group.focused = not self.name.focused, self.name.focused
            return
        taken = False
        for field in (self.name, self.group):
            taken = field.handle(event) or taken
        self._update_start()
        if not taken:
            super().handle(event)

    def _columns(self, size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
        s, (w, h) = self.style, size
        top = s.px(112)
        bottom = h - s.px(110)
        right_w = max(s.px(300), w * 2 // 5)
        left = pygame.Rect(s.px(24), top, w - right_w - s.px(72), bottom - top)
        right = pygame.Rect(left.right + s.px(24), top, right_w, bottom - top)
        return left, right

    def draw(self, surf: pygame.Surface) -> None:
        s, sc, lang = self.style, self.scenario, self.lang
        surf.fill(palette.SCREEN)
        where = (self.t("briefing.campaign", n=self.campaign_index + 1) if self.campaign_index is not None
                 else self.t("briefing.custom", file=self.path.name))
        self.heading(surf, getattr(sc.title, lang), where)
        left, right = self._columns(surf.get_size())
        for box in (left, right):
            pygame.draw.rect(surf, palette.BUTTON_HOVER, box.inflate(s.px(16), s.px(16)))
            pygame.draw.rect(surf, palette.PANEL_BORDER, box.inflate(s.px(16), s.px(16)), 1)
        self.first_line, longer = blit_wrapped(surf, getattr(sc.briefing, lang).strip(), s.body, left,
                                               first_line=self.first_line)
        if longer:
            blit_text(surf, self.t("briefing.scroll"), s.small, (left.left, left.bottom + s.px(10)), left.width,
                      palette.TEXT_MUTED)
        self._side(surf, right)
        for field, label in ((self.name, "briefing.name"), (self.group, "briefing.group")):
            blit_text(surf, self.t(label), s.small, (field.rect.left, field.rect.top - s.px(18)), field.rect.width,
                      palette.TEXT_MUTED, bold=True)
            field.draw(surf, s)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

    def _side(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        s, sc, lang = self.style, self.scenario, self.lang
        lines: list[tuple[str, int, bool]] = [(self.t("briefing.objectives"), s.heading, True)]
        for o in sc.objectives:
            extra = "" if o.required else " " + self.t("briefing.optional_mark")
            lines.append((f"• {objective_text(o, lang)}{extra}", s.body, False))
        if any(not o.required for o in sc.objectives):
            lines.append((self.t("briefing.optional"), s.small, False))
        lines.append(("", s.small, False))
        lines.append((self.t("briefing.forces"), s.heading, True))
        kinds = Counter(u.type for u in sc.units)
        for kind, n in kinds.items():
            officers = sum(u.officers for u in sc.units if u.type == kind)
            lines.append((self.t("briefing.unit_line", n=n, unit=text(f"unit.{kind}", lang), officers=officers),
                          s.body, False))
        people = sum(g.count for g in sc.crowd)
        lines.append(("", s.small, False))
        lines.append((self.t("briefing.facts", people=people, duration=clock(sc.duration_s)), s.body, False))
        y = box.top
        for line, size, bold in lines:
            for part in TEXT.wrap(line, size, box.width, bold) if line else [""]:
                if y + TEXT.font(size).get_linesize() > box.bottom:
                    return
                surf.blit(TEXT.render(part, size, palette.TEXT, bold), (box.left, y))
                y += TEXT.font(size, bold).get_linesize()
