"""The end of a level: won or lost, the score and its parts, each objective, and what next —
retry, the next campaign level, or the main menu. (The full debrief comes with the after-action
review.)"""

from __future__ import annotations

from functools import partial

import pygame

from sispam.sim.objectives import FAILED, MET
from sispam.ui import palette
from sispam.ui.describe import clock, objective_status, objective_text
from sispam.ui.play_panels import status_mark
from sispam.ui.screen import Screen
from sispam.ui.widgets import TEXT, Button, blit_text, panel

STATUS_KEYS = ("met", "failed", "undecided")  # how an objective stands once the level is over


class ResultScreen(Screen):
    def __init__(self, app, play, result: dict) -> None:
        super().__init__(app)
        self.play = play
        self.result = result

    @property
    def outcome(self) -> str:
        return self.play.world.objectives.outcome

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        bw, bh = s.px(250), s.px(44)
        y = h - s.px(24) - bh
        self.buttons.add(Button(pygame.Rect(s.px(24), y, bw, bh),
                                self.t("editor.back_to_editor" if self.play.back_to else "result.menu"),
                                self.play.back_to or self.app.main_menu,
                                hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))
        self.buttons.add(Button(pygame.Rect(s.px(24) + bw + s.px(12), y, bw, bh), self.t("result.debrief"),
                                self._debrief, self.t("result.debrief_tip"), pygame.K_d, "D",
                                enabled=self.play.replay is not None))
        self.buttons.add(Button(pygame.Rect(s.px(24) + 2 * (bw + s.px(12)), y, bw, bh), self.t("result.retry"),
                                self.play.restart, hotkey=pygame.K_r, hotkey_label="R"))
        index = self.play.campaign_index
        campaign = self.app.campaign
        if index is not None and index + 1 < len(campaign):
            unlocked = self.app.progress.unlocked([p.stem for p in campaign])[index + 1]
            self.buttons.add(Button(pygame.Rect(w - s.px(24) - bw, y, bw, bh), self.t("result.next"),
                                    partial(self.app.open_level, campaign[index + 1], index + 1),
                                    "" if unlocked else self.t("result.next_locked"), pygame.K_RETURN, "Enter",
                                    enabled=unlocked))

    def _debrief(self) -> None:
        if self.play.replay is not None:
            me = self
            self.app.open_replay(self.play.replay, back=lambda: self.app.show(me), debrief=True)

    def draw(self, surf: pygame.Surface) -> None:
        s, lang = self.style, self.lang
        w, h = surf.get_size()
        surf.fill(palette.SCREEN)
        world = self.play.world
        outcome = self.outcome
        title = self.t(f"result.{outcome}")
        self.heading(surf, title, getattr(self.play.scenario.title, lang))
        colour = palette.WON if outcome == "won" else palette.LOST if outcome == "lost" else palette.TEXT_MUTED
        y = s.px(112)
        x = s.px(24)
        big = self.t("result.score", score=self.result["total"])
        r = blit_text(surf, big, s.title, (x, y), w // 2, colour, bold=True)
        ended = world.objectives.ended_t if world.objectives.ended_t is not None else world.t
        blit_text(surf, self.t("result.at", t=clock(ended)), s.body, (r.right + s.px(16), r.bottom - s.px(24)),
                  w // 2 - r.width, palette.TEXT_MUTED)
        y = r.bottom + s.px(16)
        col_w = (w - 3 * s.px(24)) // 2
        left = pygame.Rect(x, y, col_w, h - y - s.px(96))
        right = pygame.Rect(x + col_w + s.px(24), y, col_w, left.height)
        for box in (left, right):
            panel(surf, box.inflate(s.px(12), s.px(12)), palette.BUTTON_HOVER)
        # Score parts with bars.
        yy = left.top
        blit_text(surf, self.t("result.parts"), s.heading, (left.left, yy), left.width, bold=True)
        yy += TEXT.font(s.heading, True).get_linesize() + s.px(4)
        weights = self.result.get("weights", {})
        weight_sum = sum(weights.values()) or 1.0
        for part, value in self.result["parts"].items():
            label = self.t(f"score.{part}")
            if part in weights:
                label += f" ({100 * weights[part] / weight_sum:.0f}%)"
            blit_text(surf, label, s.body, (left.left, yy), left.width * 11 // 20)
            bar = pygame.Rect(left.left + left.width * 11 // 20, yy + s.px(3), left.width * 7 // 20, s.px(14))
            pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
            pygame.draw.rect(surf, palette.SCORE_BAR, (bar.left, bar.top, round(bar.width * value / 100), bar.height))
            pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
            blit_text(surf, f"{value:.0f}", s.body, (left.right, yy), anchor="topright")
            yy += TEXT.font(s.body).get_linesize() + s.px(4)
        yy += s.px(10)
        m = world.injuries
        facts = [self.t("result.injuries", civ=m["civilian"], off=m["officer"]),
                 self.t("result.breaches", n=world.breaches),
                 self.t("result.force", stage=world.ladder.max_stage, name=self.t(f"stage.{world.ladder.max_stage}"),
                        v=len(world.ladder.violations) + world.ladder.skipped_steps),
                 self.t("result.worst", colour=self.t(f"situation.{world.situation.worst}"))]
        for fact in facts:
            for line in TEXT.wrap(fact, s.body, left.width):
                if yy + TEXT.font(s.body).get_linesize() > left.bottom:
                    break
                blit_text(surf, line, s.body, (left.left, yy))
                yy += TEXT.font(s.body).get_linesize()
        # Objectives.
        yy = right.top
        blit_text(surf, self.t("panel.objectives"), s.heading, (right.left, yy), right.width, bold=True)
        yy += TEXT.font(s.heading, True).get_linesize() + s.px(4)
        line_h = TEXT.font(s.body).get_linesize()
        # The status column as wide as its widest word in this language ("tak ditentukan" was cut).
        status_w = max(TEXT.width(self.t(f"objective.status.{k}"), s.body, True) for k in STATUS_KEYS)
        text_x = right.left + s.px(20) + status_w + s.px(8)
        for state in world.objectives.states:
            mark_colour = palette.WON if state.status == MET else palette.LOST if state.status == FAILED else palette.TEXT_MUTED
            status = (self.t("objective.status.undecided") if state.status == "pending"
                      else objective_status(state, lang))  # the level is over: nothing is still open
            status_mark(surf, (right.left + s.px(7), yy + line_h // 2), s.px(6), state.status, state.objective.required)
            blit_text(surf, status, s.body, (right.left + s.px(20), yy), status_w, mark_colour, bold=True)
            for line in TEXT.wrap(objective_text(state.objective, lang), s.body, right.right - text_x):
                if yy + line_h > right.bottom:
                    break
                blit_text(surf, line, s.body, (text_x, yy))
                yy += line_h
            yy += s.px(6)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)
