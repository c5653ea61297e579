"""The briefing before a level: the situation and mission in the level's own words, a map of the
situation with the units (`briefing_map`), the objectives, who is playing (the trainee's name and
group, for the training records), and the way into the play screen."""

from __future__ import annotations

from pathlib import Path

import pygame

from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.ui import palette
from sispam.ui.briefing_map import SituationMap, readable_on, unit_legend
from sispam.ui.describe import clock, objective_text
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
        self.name_needed = False  # Start was asked for before a name was typed: say so at the field
        self.map = SituationMap(scenario, app.settings.lang)
        self.areas: dict[str, pygame.Rect] = {}  # where each part was drawn last (text, map, units, objectives)

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
        self.app.set_trainee(self.name.value.strip(), self.group.value.strip())
        self.app.show(PlayScreen(self.app, self.scenario, self.path, self.campaign_index, self.orders, back_to=self.back))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.first_line = max(0, self.first_line - 3 * event.y)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            self.name.focused, self.group.focused = not self.name.focused, self.name.focused
            return
        pressed = event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN  # Start's own key
        clicked = event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.start.rect.collidepoint(event.pos)
        wants_start = pressed or clicked
        if wants_start and not self.name.value.strip():  # the greyed Start: tell why, at the name field
            self.name_needed = True
            self.name.focused, self.group.focused = True, False
            return
        taken = False
        for field in (self.name, self.group):
            taken = field.handle(event) or taken
        self._update_start()
        if not taken:
            super().handle(event)

    def _areas(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """Where each part goes: the level's text on the left; on the right the situation map as
        large as the rest leaves room for, the unit legend beside it (a map about as tall as wide)
        or under it beside the objectives (a wide map), whichever gives the larger map. No two of
        them overlap."""
        s, (w, h) = self.style, size
        top, bottom, margin, gap = s.px(112), h - s.px(110), s.px(24), s.px(24)
        inner_w = w - 2 * margin
        text_w = max(s.px(300), (inner_w - gap) * 2 // 5)
        text_box = pygame.Rect(margin, top, text_w, bottom - top)
        right = pygame.Rect(text_box.right + gap, top, inner_w - text_w - gap, bottom - top)
        inner_gap = s.px(16)
        legend_h = self._legend_height()
        legend_w = min(right.width * 2 // 5, self._legend_width())
        least_map_h = right.height * 35 // 100

        # The legend beside the map, the objectives across the column under both.
        map_h = max(least_map_h, right.height - inner_gap - self._objectives_height(right.width))
        fit = self.map.fitted(pygame.Rect(right.left, right.top, right.width - legend_w - inner_gap, map_h))
        beside_map = fit.move(right.left - fit.left, 0)
        beside_units = pygame.Rect(beside_map.right + inner_gap, right.top, right.right - beside_map.right - inner_gap,
                                   max(beside_map.height, legend_h))
        beside_objectives = pygame.Rect(right.left, max(beside_map.bottom, beside_units.bottom) + inner_gap,
                                        right.width, 0)
        beside_objectives.height = max(0, right.bottom - beside_objectives.top)

        # The map across the column, the objectives and the legend side by side under it.
        half = (right.width - inner_gap) // 2
        under_h = max(legend_h, self._objectives_height(half))
        below_map = self.map.fitted(pygame.Rect(right.left, right.top, right.width,
                                                max(least_map_h, right.height - inner_gap - under_h)))
        below_top = below_map.bottom + inner_gap
        below_objectives = pygame.Rect(right.left, below_top, half, right.bottom - below_top)
        below_units = pygame.Rect(below_objectives.right + inner_gap, below_top,
                                  right.right - below_objectives.right - inner_gap, right.bottom - below_top)

        if beside_map.width * beside_map.height >= below_map.width * below_map.height:
            map_rect, units, objectives = beside_map, beside_units, beside_objectives
        else:
            map_rect, units, objectives = below_map, below_units, below_objectives
        return {"text": text_box, "right": right, "map": map_rect, "units": units, "objectives": objectives}

    def _objective_lines(self) -> list[tuple[str, int, bool]]:
        s, sc, lang = self.style, self.scenario, self.lang
        lines: list[tuple[str, int, bool]] = [(self.t("briefing.objectives"), s.heading, True)]
        for o in sc.objectives:
            extra = "" if o.required else " " + self.t("briefing.optional_mark")
            lines.append((f"• {objective_text(o, lang)}{extra}", s.small, False))
        if any(not o.required for o in sc.objectives):
            lines.append((self.t("briefing.optional"), s.small, False))
        people = sum(g.count for g in sc.crowd)
        lines.append(("", s.px(6), False))
        lines.append((self.t("briefing.facts", people=people, duration=clock(sc.duration_s)), s.small, True))
        return lines

    def _objectives_height(self, width: int) -> int:
        return sum(TEXT.font(size, bold).get_linesize() * (len(TEXT.wrap(line, size, width, bold)) if line else 1)
                   for line, size, bold in self._objective_lines())

    def _legend_line_h(self) -> int:
        return max(TEXT.font(self.style.small).get_linesize(), self.style.px(20))

    def _legend_height(self) -> int:
        s = self.style
        return (TEXT.font(s.heading, True).get_linesize() + TEXT.font(s.small).get_linesize()
                + len(self.scenario.units) * self._legend_line_h())

    def _legend_width(self) -> int:
        s = self.style
        widest = max((TEXT.font(s.small).size(words)[0] for _, _, words in unit_legend(self.scenario, self.lang)),
                     default=0)
        return max(TEXT.font(s.heading, True).size(self.t("briefing.units"))[0],
                   TEXT.font(s.small).size(self.t("briefing.units_keys"))[0],
                   self._legend_line_h() + s.px(6) + widest)

    def draw(self, surf: pygame.Surface) -> None:
        s, sc, lang = self.style, self.scenario, self.lang
        surf.fill(palette.SCREEN)
        where = (self.t("briefing.campaign", n=self.campaign_index + 1) if self.campaign_index is not None
                 else self.t("briefing.custom", file=self.path.name))
        self.heading(surf, getattr(sc.title, lang), where)
        self.areas = areas = self._areas(surf.get_size())
        left = areas["text"]
        for box in (left, areas["right"]):
            pygame.draw.rect(surf, palette.BUTTON_HOVER, box.inflate(s.px(16), s.px(16)))
            pygame.draw.rect(surf, palette.PANEL_BORDER, box.inflate(s.px(16), s.px(16)), 1)
        self.first_line, longer = blit_wrapped(surf, getattr(sc.briefing, lang).strip(), s.body, left,
                                               first_line=self.first_line)
        if longer:
            blit_text(surf, self.t("briefing.scroll"), s.small, (left.left, left.bottom + s.px(10)), left.width,
                      palette.TEXT_MUTED)
        if self.map.lang != lang:
            self.map = SituationMap(sc, lang)
        if self.map.rect != areas["map"]:
            self.map.place(areas["map"])
        self.map.draw(surf, s)
        self._objectives(surf, areas["objectives"])
        self._legend(surf, areas["units"])
        for field, label in ((self.name, "briefing.name"), (self.group, "briefing.group")):
            needed = field is self.name and self.name_needed and not field.value.strip()
            blit_text(surf, self.t("briefing.name_needed" if needed else label), s.small,
                      (field.rect.left, field.rect.top - s.px(18)), field.rect.width,
                      palette.LOST if needed else palette.TEXT_MUTED, bold=True)
            field.draw(surf, s)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

    def _objectives(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        y = box.top
        for line, size, bold in self._objective_lines():
            for part in TEXT.wrap(line, size, box.width, bold) if line else [""]:
                if y + TEXT.font(size, bold).get_linesize() > box.bottom:
                    return
                surf.blit(TEXT.render(part, size, palette.TEXT, bold), (box.left, y))
                y += TEXT.font(size, bold).get_linesize()

    def _legend(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        """The units as the map marks them: key, colour, name, officers, and when late ones come."""
        s = self.style
        blit_text(surf, self.t("briefing.units"), s.heading, box.topleft, box.width, bold=True)
        y = box.top + TEXT.font(s.heading, True).get_linesize()
        blit_text(surf, self.t("briefing.units_keys"), s.small, (box.left, y), box.width, palette.TEXT_MUTED)
        y += TEXT.font(s.small).get_linesize()
        line_h = self._legend_line_h()
        sw = line_h - s.px(2)
        for key, unit, words in unit_legend(self.scenario, self.lang):
            if y + line_h > box.bottom:
                return
            swatch = pygame.Rect(box.left, y + (line_h - sw) // 2, sw, sw)
            pygame.draw.rect(surf, palette.UNIT[unit.type], swatch)
            pygame.draw.rect(surf, palette.OFFICER_OUTLINE, swatch, 1)
            if key:
                img = TEXT.render(key, s.small, readable_on(palette.UNIT[unit.type]), bold=True)
                surf.blit(img, img.get_rect(center=swatch.center))
            blit_text(surf, words, s.small, (swatch.right + s.px(6), swatch.centery), box.right - swatch.right - s.px(6),
                      anchor="midleft")
            y += line_h
