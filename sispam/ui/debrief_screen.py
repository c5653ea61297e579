"""The debrief (*anev*) of a recorded run, on four tabs:

1. AAR: the score and its parts, the objectives, and the four questions (what should have
   happened, what happened, why, what to improve) answered from the run (`sispam.review.debrief`);
2. timeline: orders against crowd mood, situation colour and line load, with the key moments;
   a click on the chart or on a moment opens the replay there;
3. force ladder: every use of force, whom it touched, and each violation explained with its
   doctrine reference (Perkap 1/2009);
4. heatmaps: the peak density and crowd pressure reached over the map.

The report can be exported as HTML with its pictures and a JSON file next to the replay."""

from __future__ import annotations

from pathlib import Path

import pygame

from sispam.atomic import OutputError
from sispam.jsonsafe import as_dict, as_list
from sispam.review.debrief import SECTIONS, Finding, debrief, touched_classes
from sispam.review.recording import Recording
from sispam.sim.scenario import SCORE_PARTS, Scenario
from sispam.ui import palette
from sispam.ui.charts import draw_mood_chart, peak_map, time_at
from sispam.ui.describe import clock, finding_text, force_time, term
from sispam.ui.i18n import text
from sispam.ui.screen import Screen
from sispam.ui.widgets import TEXT, Button, blit_text, blit_wrapped

TABS = ("aar", "timeline", "force", "heat")


class DebriefScreen(Screen):
    def __init__(self, app, rec: Recording, scenario: Scenario, replay_path: Path, back=None) -> None:
        super().__init__(app)
        self.rec = rec
        self.scenario = scenario
        self.replay_path = replay_path
        self.back = back
        self.review = debrief(rec)
        self.tab = "aar"
        self.first_line = 0
        self._maps: dict[tuple, pygame.Surface] = {}

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        tw, th = s.px(200), s.px(34)
        for k, tab in enumerate(TABS):
            self.buttons.add(Button(pygame.Rect(s.px(24) + k * (tw + s.px(8)), s.px(100), tw, th),
                                    self.t(f"debrief.tab.{tab}"), lambda tab=tab: self._show(tab), "",
                                    pygame.K_1 + k, str(k + 1), active=tab == self.tab))
        self.content = pygame.Rect(s.px(24), s.px(100) + th + s.px(14), w - s.px(48), h - s.px(100) - th - s.px(14)
                                   - s.px(84))
        bw, bh = s.px(230), s.px(44)
        items = [("common.back", self._back, "", pygame.K_ESCAPE, "Esc"),
                 ("debrief.watch", lambda: self._watch(0.0), "debrief.watch_tip", pygame.K_r, "R"),
                 ("debrief.export", self._export, "debrief.export_tip", pygame.K_e, "E")]
        for k, (key, action, tip, hotkey, label) in enumerate(items):
            self.buttons.add(Button(pygame.Rect(s.px(24) + k * (bw + s.px(12)), h - s.px(24) - bh, bw, bh), self.t(key),
                                    action, self.t(tip) if tip else "", hotkey, label))
        # Notices (the export's "report saved") beside the buttons: not over the title, the tabs or the report.
        left = s.px(24) + len(items) * (bw + s.px(12))
        self._notices = pygame.Rect(left, h - s.px(24) - bh, max(w - s.px(24) - left, s.px(200)), bh)

    def notice_area(self, size: tuple[int, int]) -> pygame.Rect:
        return self._notices

    def _show(self, tab: str) -> None:
        self.tab = tab
        self.first_line = 0
        self.layout(self.app.size)

    def _back(self) -> None:
        if self.back is not None:
            self.back()
        else:
            self.app.main_menu()

    def _watch(self, t: float) -> None:
        me = self
        self.app.open_replay(self.replay_path, back=lambda: self.app.show(me), start_s=t)

    def _export(self) -> None:
        from sispam.ui.debrief_export import export_debrief

        try:
            html = export_debrief(self.rec, self.scenario, self.replay_path, self.lang)
        except OutputError as e:
            self.app.notice_problem(str(e))
            return
        self.app.notice(self.t("debrief.exported", path=str(html)))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.tab in ("aar", "force"):
            self.first_line = max(0, self.first_line - 3 * event.y)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.tab == "timeline":
            if self._chart.collidepoint(event.pos):
                self._watch(time_at(self._chart, self.style, self.rec, event.pos[0]))
                return
            for rect, moment in self._moment_rects:
                if rect.collidepoint(event.pos):
                    self._watch(max(moment.t - 5.0, 0.0))
                    return
        super().handle(event)

    # --- drawing ---

    def draw(self, surf: pygame.Surface) -> None:
        rec = self.rec
        surf.fill(palette.SCREEN)
        who = " · ".join(v for v in (rec.trainee.get("name", ""), rec.trainee.get("group", "")) if v)
        outcome = text(f"records.outcome.{rec.report.get('outcome', 'incomplete')}", self.lang)
        self.heading(surf, self.t("debrief.title", level=getattr(self.scenario.title, self.lang)),
                     self.t("debrief.subtitle", who=who or self.t("replay.nobody"), outcome=outcome,
                            score=rec.report.get("score", {}).get("total", 0), end=clock(rec.end_t)))
        self._chart = pygame.Rect(0, 0, 0, 0)
        self._moment_rects: list[tuple[pygame.Rect, Finding]] = []
        getattr(self, f"_draw_{self.tab}")(surf, self.content)
        self.buttons.draw(surf, self.style)
        self.buttons.draw_tooltip(surf, self.style)

    def _draw_aar(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        s = self.style
        left = pygame.Rect(box.left, box.top, s.px(330), box.height)
        y = left.top
        blit_text(surf, self.t("result.parts"), s.body, (left.left, y), left.width, bold=True)
        y += s.px(28)
        parts = self.rec.report.get("score", {}).get("parts", {})
        for name in SCORE_PARTS:
            if name not in parts:
                continue
            blit_text(surf, self.t(f"score.{name}"), s.small, (left.left, y), s.px(150))
            bar = pygame.Rect(left.left + s.px(150), y + s.px(3), s.px(130), s.px(12))
            pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
            pygame.draw.rect(surf, palette.SCORE_BAR, (bar.left, bar.top, round(bar.width * parts[name] / 100), bar.height))
            blit_text(surf, str(parts[name]), s.small, (bar.right + s.px(30), y), anchor="topright")
            y += s.px(22)
        y += s.px(12)
        blit_text(surf, self.t("briefing.objectives"), s.body, (left.left, y), left.width, bold=True)
        y += s.px(28)
        for o in self.rec.report.get("objectives", []):
            own = o.get("text")
            label = own.get(self.lang, o.get("id", "")) if isinstance(own, dict) else o.get("id", "")
            status = self.t(f"objective.status.{_ended(o.get('status', 'pending'))}")
            colour = palette.WON if o.get("status") == "met" else palette.LOST if o.get("status") == "failed" else palette.TEXT
            line = f"{status}: {label}"
            blit_wrapped(surf, line, s.small, pygame.Rect(left.left, y, left.width, max(box.bottom - y, 1)), colour)
            y += round((len(TEXT.wrap(line, s.small, left.width)) + 0.4) * TEXT.font(s.small).get_linesize())
        right = pygame.Rect(left.right + s.px(24), box.top, box.right - left.right - s.px(24), box.height)
        lines: list[tuple[str, bool]] = []
        for section in SECTIONS:
            if not getattr(self.review, section):
                continue  # an older replay's report has no score detail
            lines.append((self.t(f"aar.{section}"), True))
            lines += [("• " + finding_text(f, self.lang), False) for f in getattr(self.review, section)]
            lines.append(("", False))
        self._scrolled(surf, right, lines)

    def _scrolled(self, surf: pygame.Surface, box: pygame.Rect, lines: list[tuple[str, bool]]) -> None:
        """Wrapped lines (headings bold) from `first_line` on, as many as fit; a note if more."""
        s = self.style
        rows = [(part, bold) for line, bold in lines
                for part in (TEXT.wrap(line, s.body if bold else s.small, box.width, bold) if line else [""])]
        self.first_line = min(self.first_line, max(len(rows) - 3, 0))
        y = box.top
        for part, bold in rows[self.first_line:]:
            size = s.body if bold else s.small
            h = TEXT.font(size, bold).get_linesize()
            if y + h > box.bottom - s.px(18):
                blit_text(surf, self.t("briefing.scroll"), s.small, (box.left, box.bottom - s.px(16)), box.width,
                          palette.TEXT_MUTED)
                return
            surf.blit(TEXT.render(part, size, palette.TEXT, bold), (box.left, y + (s.px(6) if bold else 0)))
            y += h + (s.px(6) if bold else 0)

    def _draw_timeline(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        s = self.style
        self._chart = pygame.Rect(box.left, box.top, box.width, box.height * 3 // 5)
        draw_mood_chart(surf, self._chart, self.rec, s, self.lang)
        y = self._chart.bottom + s.px(8)
        blit_wrapped(surf, self.t("debrief.chart_help"), s.small, pygame.Rect(box.left, y, box.width, s.px(36)),
                     palette.TEXT_MUTED)
        y += s.px(40)
        blit_text(surf, self.t("debrief.moments"), s.body, (box.left, y), box.width, bold=True)
        y += s.px(26)
        col_w = (box.width - s.px(24)) // 3
        line_h = TEXT.font(s.small).get_linesize() + s.px(4)
        per_col = max(1, (box.bottom - y) // line_h)
        for k, moment in enumerate(self.review.moments[: 3 * per_col]):
            col, row = divmod(k, per_col)
            rect = pygame.Rect(box.left + col * (col_w + s.px(12)), y + row * line_h, col_w, line_h)
            blit_text(surf, finding_text(moment, self.lang), s.small, rect.topleft, col_w, palette.TEXT)
            self._moment_rects.append((rect, moment))
        if not self.review.moments:
            blit_text(surf, self.t("debrief.no_moments"), s.small, (box.left, y), box.width, palette.TEXT_MUTED)

    def _draw_force(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        ladder = as_dict(self.rec.report.get("force_ladder"))
        lines = [(self.t("debrief.force_summary", stage=ladder.get("max_stage", 0), n=ladder.get("violations", 0),
                         skipped=ladder.get("skipped_steps", 0)), True)]
        for a in (a for a in as_list(ladder.get("audit")) if isinstance(a, dict)):
            classes = touched_classes(a)
            line = self.t("debrief.force_line", t=force_time(self.rec.report, a, self.lang), unit=a.get("unit", ""),
                          order=term("order", a.get("order"), self.lang), stage=a.get("stage", 0), classes=classes)
            lines.append((line, False))
            if a.get("violation"):
                finding = Finding("aar.why.violation", {"t": a["t"], "unit": a.get("unit", ""), "order": a.get("order", ""),
                                                        "stage": a.get("stage", 0), "classes": classes})
                lines.append(("    " + self.t("debrief.violation") + " " + finding_text(finding, self.lang), False))
        if not ladder.get("audit"):
            lines.append((self.t("debrief.no_force"), False))
        self._scrolled(surf, box, lines)

    def _draw_heat(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        s = self.style
        w = (box.width - s.px(16)) // 2
        for k, (kind, grid) in enumerate((("density", self.rec.peak_density), ("pressure", self.rec.peak_pressure))):
            rect = pygame.Rect(box.left + k * (w + s.px(16)), box.top + s.px(26), w, box.height - s.px(26))
            key = (kind, rect.size, self.lang)
            if key not in self._maps:
                self._maps = {k2: v for k2, v in self._maps.items() if k2[1] == rect.size}
                self._maps[key] = peak_map(self.scenario, grid, kind, rect.size, self.lang, s,
                                                stood=self.rec.peak_density)
            blit_text(surf, self.t(f"debrief.peak.{kind}"), s.body, (rect.left, box.top), w, bold=True)
            surf.blit(self._maps[key], rect.topleft)
            pygame.draw.rect(surf, palette.PANEL_BORDER, rect, 1)


def _ended(status: str) -> str:
    """An objective's status once the run is over: one still open was not decided."""
    return "undecided" if status == "pending" else status
