"""The instructor's screen of training records: every result of every trainee, filtered by name,
group, date and level, sorted by any column, exported as CSV; any result's replay opens from here,
and two results side by side (`CompareScreen`)."""

from __future__ import annotations

import zipfile
from datetime import datetime
from functools import partial
from pathlib import Path

import pygame

from sispam.atomic import OutputError
from sispam.level import LevelError
from sispam.records import Records, RecordsError, Result, export_csv, records_path
from sispam.review.import_replays import ImportReport, import_replays
from sispam.review.replay_file import SUFFIX, read_replay
from sispam.sim.scenario import SCORE_PARTS
from sispam.ui import palette
from sispam.ui.charts import draw_mood_chart
from sispam.ui.class_summary import export_summary, level_title
from sispam.ui.file_notice import notice_text
from sispam.ui.screen import Screen
from sispam.ui.widgets import Button, TextField, blit_text, panel
from sispam.userdata import data_dir, user_folder

# Columns: (sort key, catalogue key of the heading, share of the table's width)
COLUMNS = (("played_at", "records.col.date", 0.16), ("trainee", "records.col.trainee", 0.20),
           ("group", "records.col.group", 0.14), ("level_id", "records.col.level", 0.24),
           ("outcome", "records.col.outcome", 0.10), ("score", "records.col.score", 0.08),
           ("violations", "records.col.violations", 0.08))
SORTABLE = ("played_at", "trainee", "group", "level_id", "outcome", "score")


def holds_replays(path: str | Path) -> bool:
    """Whether a dropped path is a class's replays to import: a folder, or a zip with replays."""
    path = Path(path)
    if path.is_dir():
        return True
    if path.suffix.lower() != ".zip":
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.lower().endswith(SUFFIX) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


class RecordsScreen(Screen):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.trainee = TextField(pygame.Rect(0, 0, 0, 0))
        self.group = TextField(pygame.Rect(0, 0, 0, 0))
        self.date = TextField(pygame.Rect(0, 0, 0, 0), max_chars=10)
        self.level: str | None = None
        self.sort, self.descending = "played_at", True
        self.first = 0  # the first row shown
        self.chosen: list[int] = []  # ids of the chosen results (two to compare)
        self.rows: list[Result] = []
        self.problem = ""
        self.imported: ImportReport | None = None  # the last import's report, shown until dismissed
        self._load()

    def _load(self) -> None:
        try:
            with Records(read_only=True) as db:
                self.rows = db.results(self.trainee.value.strip() or None, self.group.value.strip() or None,
                                       self.level, self.sort, self.descending, self.date.value.strip() or None)
                self.levels = db.values("level_id")
            self.problem = ""
        except (RecordsError, OutputError) as e:
            self.rows, self.levels = [], []
            # (none yet: the screen says so)
            self.problem = "" if not records_path().is_file() else notice_text(str(e), self.app.settings.lang)
        ids = {r.id for r in self.rows}
        self.chosen = [i for i in self.chosen if i in ids]

    # --- layout ---

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        top = s.px(112)
        self.trainee.rect = pygame.Rect(s.px(24), top + s.px(18), s.px(240), s.px(30))
        self.group.rect = pygame.Rect(self.trainee.rect.right + s.px(16), top + s.px(18), s.px(200), s.px(30))
        self.date.rect = pygame.Rect(self.group.rect.right + s.px(16), top + s.px(18), s.px(150), s.px(30))
        self.trainee.placeholder = self.group.placeholder = self.t("records.any")
        self.date.placeholder = self.t("records.date_hint")
        level_label = (self.t("records.all_levels") if self.level is None
                       else next((level_title(r.level_id, r.level_title, self.lang) for r in self.rows
                                  if r.level_id == self.level), level_title(self.level, "", self.lang)))
        self.buttons.add(Button(pygame.Rect(self.date.rect.right + s.px(16), top + s.px(18), s.px(320), s.px(30)),
                                level_label, self._next_level, self.t("records.level_tip"), pygame.K_l, "L"))
        self.table = pygame.Rect(s.px(24), top + s.px(64), w - s.px(48), h - top - s.px(64) - s.px(84))
        self.row_h = s.px(28)
        x = self.table.left
        self.columns = []
        for key, label, share in COLUMNS:
            width = round(self.table.width * share)
            rect = pygame.Rect(x, self.table.top, width, self.row_h)
            self.columns.append((key, rect))
            if key in SORTABLE and self.imported is None:
                self.buttons.add(Button(rect, self.t(label), partial(self._sort_by, key), self.t("records.sort_tip")))
            x += width
        one = len(self.chosen) >= 1 and bool(self._chosen()[0].replay)
        items = [("common.back", self.app.main_menu, "", pygame.K_ESCAPE, "Esc", True),
                 ("records.watch", self._watch, "records.watch_tip", pygame.K_RETURN, "Enter", one),
                 ("records.debrief", self._debrief, "records.debrief_tip", pygame.K_d, "D", one),
                 ("records.compare", self._compare, "records.compare_tip", pygame.K_c, "C", len(self.chosen) == 2),
                 ("records.export", self._export, "records.export_tip", pygame.K_e, "E", bool(self.rows)),
                 ("records.summary", self._summary, "records.summary_tip", pygame.K_s, "S", bool(self.rows)),
                 ("records.import", self._choose_import, "records.import_tip", pygame.K_i, "I", True)]
        gap = s.px(12)
        bw, bh = min(s.px(200), (w - s.px(48) - gap * (len(items) - 1)) // len(items)), s.px(44)
        y = h - s.px(24) - bh
        if self.imported is not None:
            box = self._import_box(size)
            self.buttons.add(Button(pygame.Rect(box.right - s.px(16) - s.px(160), box.bottom - s.px(16) - s.px(40),
                                                s.px(160), s.px(40)), self.t("common.ok"), self._dismiss_import,
                                    hotkey=pygame.K_RETURN, hotkey_label="Enter"))
            return
        for k, (key, action, tip, hotkey, label, enabled) in enumerate(items):
            self.buttons.add(Button(pygame.Rect(s.px(24) + k * (bw + gap), y, bw, bh), self.t(key), action,
                                    self.t(tip) if tip else "", hotkey, label, enabled=enabled))

    @property
    def visible(self) -> int:
        return max(1, (self.table.height - self.row_h) // self.row_h)

    # --- actions ---

    def _next_level(self) -> None:
        choices = [None, *self.levels]
        self.level = choices[(choices.index(self.level) + 1) % len(choices)] if self.level in choices else None
        self._refresh()

    def _sort_by(self, key: str) -> None:
        self.descending = not self.descending if key == self.sort else key in ("played_at", "score")
        self.sort = key
        self._refresh()

    def _refresh(self) -> None:
        self._load()
        self.first = 0
        self.layout(self.app.size)

    def _chosen(self) -> list[Result]:
        by_id = {r.id: r for r in self.rows}
        return [by_id[i] for i in self.chosen if i in by_id]

    def _watch(self) -> None:
        chosen = self._chosen()
        if chosen and chosen[0].replay:
            self.app.open_replay(chosen[0].replay, back=lambda: self.app.show(RecordsScreen(self.app)))

    def _debrief(self) -> None:
        chosen = self._chosen()
        if chosen and chosen[0].replay:
            self.app.open_replay(chosen[0].replay, back=lambda: self.app.show(RecordsScreen(self.app)), debrief=True)

    def _compare(self) -> None:
        chosen = self._chosen()
        if len(chosen) == 2:
            self.app.show(CompareScreen(self.app, chosen[0], chosen[1], back=self))

    def _export(self) -> None:
        try:
            path = user_folder("exports") / f"records-{datetime.now():%Y%m%d-%H%M%S}.csv"
            export_csv(self.rows, path)
        except (OutputError, OSError) as e:
            self.app.notice_problem(str(e))
            return
        self.app.notice(self.t("records.exported", n=len(self.rows), path=str(path)))

    def _summary(self) -> None:
        try:
            csv_path, html_path = export_summary(self.rows, user_folder("exports"), self.app.settings.lang)
        except (OutputError, OSError) as e:
            self.app.notice_problem(str(e))
            return
        self.app.notice(self.t("records.summary_written", csv=str(csv_path), html=str(html_path)))

    def _choose_import(self) -> None:
        from sispam.ui.file_dialog import FileDialog

        def chosen(path: Path) -> None:
            screen = RecordsScreen(self.app)
            self.app.show(screen)
            screen.import_paths([path])

        self.app.show(FileDialog(self.app, on_open=chosen, replays=True, back=lambda: self.app.show(RecordsScreen(self.app))))

    def import_paths(self, paths: list[Path]) -> ImportReport | None:
        """Import the replays in `paths` (files, folders, zips) into the records and show what
        came of it: the results added, those already there, each file refused and why."""
        try:
            with Records() as db:
                report = import_replays([Path(p) for p in paths], db, data_dir() / "replays" / "imported",
                                        self.app.settings.lang)
        except (RecordsError, OutputError) as e:
            self.app.notice_problem(str(e))
            return None
        self.imported = report
        self._refresh()
        self.app.notice(self.t("records.imported", n=len(report.added), dup=len(report.duplicates),
                               bad=len(report.problems)))
        return report

    def _dismiss_import(self) -> None:
        self.imported = None
        self.layout(self.app.size)

    def _import_box(self, size: tuple[int, int]) -> pygame.Rect:
        s = self.style
        return pygame.Rect(s.px(60), s.px(176), size[0] - s.px(120), size[1] - s.px(236))

    # --- input ---

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.first = min(max(self.first - 3 * event.y, 0), max(len(self.rows) - self.visible, 0))
            return
        fields = (self.trainee, self.group, self.date)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            k = next((i for i, f in enumerate(fields) if f.focused), -1)
            for i, f in enumerate(fields):
                f.focused = i == (k + 1) % len(fields)
            return
        before = [f.value for f in fields]
        taken = False
        for field in fields:
            taken = field.handle(event) or taken
        typing = any(f.focused for f in fields) and event.type == pygame.KEYDOWN
        if typing and event.key == pygame.K_ESCAPE:  # Esc leaves the filter, not the screen
            for f in fields:
                f.focused = False
            return
        if typing and event.key != pygame.K_RETURN:
            taken = True  # letters typed into a filter are not the screen's hotkeys
        if [f.value for f in fields] != before:
            self._refresh()
        if taken:
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._row_at(event.pos) is not None:
            self._choose(self._row_at(event.pos), add=bool(pygame.key.get_mods() & (pygame.KMOD_SHIFT | pygame.KMOD_CTRL)))
            return
        super().handle(event)

    def _row_at(self, pos: tuple[int, int]) -> Result | None:
        body = self.table.inflate(0, -self.row_h).move(0, self.row_h // 2)
        if not body.collidepoint(pos):
            return None
        k = self.first + (pos[1] - body.top) // self.row_h
        return self.rows[k] if k < len(self.rows) else None

    def _choose(self, row: Result, add: bool) -> None:
        """Choose a result (with Shift or Ctrl, add it to the one chosen: two are compared)."""
        if add and self.chosen and row.id not in self.chosen:
            self.chosen = [self.chosen[-1], row.id]
        else:
            self.chosen = [row.id]
        self.layout(self.app.size)

    # --- drawing ---

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        surf.fill(palette.SCREEN)
        self.heading(surf, self.t("records.title"), (self.t("records.count_one") if len(self.rows) == 1
                                                   else self.t("records.count", n=len(self.rows))))
        level = next(b for b in self.buttons.items if b.hotkey == pygame.K_l)
        blit_text(surf, self.t("records.col.level_filter"), s.small, (level.rect.left, level.rect.top - s.px(18)),
                  level.rect.width, palette.TEXT_MUTED, bold=True)
        for field, label in ((self.trainee, "records.col.trainee"), (self.group, "records.col.group"),
                             (self.date, "records.col.date")):
            blit_text(surf, self.t(label), s.small, (field.rect.left, field.rect.top - s.px(18)), field.rect.width,
                      palette.TEXT_MUTED, bold=True)
            field.draw(surf, s)
        pygame.draw.rect(surf, palette.BUTTON_HOVER, self.table)
        pygame.draw.rect(surf, palette.PANEL_BORDER, self.table, 1)
        for (key, col), (_, label, _) in zip(self.columns, COLUMNS, strict=True):
            if key not in SORTABLE or self.imported is not None:  # the sortable ones are buttons
                pygame.draw.rect(surf, palette.BUTTON, col)
                pygame.draw.rect(surf, palette.PANEL_BORDER, col, 1)
                blit_text(surf, self.t(label), s.small, col.center, col.width - s.px(8), anchor="center")
        chosen = set(self.chosen)
        for k, row in enumerate(self.rows[self.first:self.first + self.visible]):
            y = self.table.top + self.row_h * (k + 1)
            if row.id in chosen:
                pygame.draw.rect(surf, palette.BUTTON_ACTIVE, (self.table.left + 1, y, self.table.width - 2, self.row_h))
            for key, col in self.columns:
                blit_text(surf, self._cell(row, key), s.small, (col.left + s.px(6), y + self.row_h // 2),
                          col.width - s.px(12), palette.LOST if key == "violations" and row.violations else palette.TEXT,
                          anchor="midleft")
        if not self.rows:
            blit_text(surf, self.problem or self.t("records.none"), s.body,
                      (self.table.centerx, self.table.centery), self.table.width - 2 * s.pad, palette.TEXT_MUTED,
                      anchor="center")
        if len(self.rows) > self.visible:
            blit_text(surf, self.t("records.more", a=self.first + 1, b=min(self.first + self.visible, len(self.rows)),
                                   n=len(self.rows)), s.small, (self.table.right, self.table.bottom + s.px(4)),
                      colour=palette.TEXT_MUTED, anchor="topright")
        if self.imported is not None:
            self._draw_import(surf)
        else:
            self._sort_mark(surf)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

    def _draw_import(self, surf: pygame.Surface) -> None:
        """The last import's report over the table: how many came in, then each refused file."""
        s, report = self.style, self.imported
        box = self._import_box(surf.get_size())
        pygame.draw.rect(surf, palette.SCREEN, box)
        panel(surf, box)
        x, y, width = box.left + s.px(16), box.top + s.px(16), box.width - s.px(32)
        y = blit_text(surf, self.t("records.imported", n=len(report.added), dup=len(report.duplicates),
                                   bad=len(report.problems)), s.heading, (x, y), width, bold=True).bottom + s.px(10)
        if report.problems:
            y = blit_text(surf, self.t("records.import_problems"), s.body, (x, y), width, palette.LOST,
                          bold=True).bottom + s.px(6)
            room = max(1, (box.bottom - s.px(70) - y) // s.px(20))
            lines = report.problems if len(report.problems) <= room else [
                *report.problems[: room - 1], f"… +{len(report.problems) - room + 1}"]
            for line in lines:
                y = blit_text(surf, line, s.small, (x, y), width, palette.TEXT).bottom + s.px(4)

    def _sort_mark(self, surf: pygame.Surface) -> None:
        """A triangle in the sorted column's heading: down for descending, up for ascending."""
        s = self.style
        col = next(rect for key, rect in self.columns if key == self.sort)
        x, y, r = col.right - s.px(12), col.centery, s.px(5)
        tip = (x, y + r) if self.descending else (x, y - r)
        base = y - r if self.descending else y + r
        pygame.draw.polygon(surf, palette.TEXT, [(x - r, base), (x + r, base), tip])

    def _cell(self, row: Result, key: str) -> str:
        if key == "played_at":
            return row.played_at.replace("T", " ")[:16]
        if key == "outcome":
            return self.t(f"records.outcome.{row.outcome}")
        if key == "level_id":
            return level_title(row.level_id, row.level_title, self.lang)
        if key == "trainee" and row.branch_of:
            return f"{row.trainee} · {self.t('records.branch')}"
        return str(getattr(row, key))


class CompareScreen(Screen):
    """Two results side by side: outcome, score and its parts, force stage and violations, and
    the timelines of the two runs on one time scale."""

    def __init__(self, app, a: Result, b: Result, back: Screen) -> None:
        super().__init__(app)
        self.results = (a, b)
        self.back = back
        self.recordings = []
        for r in self.results:
            try:
                self.recordings.append(read_replay(Path(r.replay))[0] if r.replay else None)
            except LevelError:
                self.recordings.append(None)

    def build(self, size: tuple[int, int]) -> None:
        s, (_w, h) = self.style, size
        bw, bh = s.px(210), s.px(44)
        self.buttons.add(Button(pygame.Rect(s.px(24), h - s.px(24) - bh, bw, bh), self.t("common.back"),
                                self._back, hotkey=pygame.K_ESCAPE, hotkey_label="Esc"))

    def _back(self) -> None:
        self.back._refresh()
        self.app.show(self.back)

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        w, h = surf.get_size()
        surf.fill(palette.SCREEN)
        self.heading(surf, self.t("compare.title"), self.t("compare.subtitle"))
        col_w = (w - s.px(72)) // 2
        end = max((rec.end_t for rec in self.recordings if rec is not None), default=1.0)
        for k, (r, rec) in enumerate(zip(self.results, self.recordings, strict=True)):
            box = pygame.Rect(s.px(24) + k * (col_w + s.px(24)), s.px(104), col_w, h - s.px(104) - s.px(96))
            panel(surf, box, palette.BUTTON_HOVER)
            x, y = box.left + s.pad, box.top + s.pad
            line = s.px(22)
            who = r.trainee + (f" · {r.group}" if r.group else "")
            blit_text(surf, who, s.heading, (x, y), box.width - 2 * s.pad, bold=True)
            y += s.px(32)
            blit_text(surf, f"{level_title(r.level_id, r.level_title, self.lang)} · {r.played_at.replace('T', ' ')[:16]}",
                      s.body, (x, y),
                      box.width - 2 * s.pad, palette.TEXT_MUTED)
            y += s.px(28)
            blit_text(surf, self.t("compare.outcome", outcome=self.t(f"records.outcome.{r.outcome}"), score=r.score),
                      s.heading, (x, y), box.width - 2 * s.pad, palette.WON if r.outcome == "won" else palette.LOST,
                      bold=True)
            y += s.px(36)
            bar_w = box.width - 2 * s.pad - s.px(210)
            for name in (p for p in SCORE_PARTS if p in r.parts):
                value = r.parts[name]
                blit_text(surf, self.t(f"score.{name}"), s.small, (x, y), s.px(160))
                bar = pygame.Rect(x + s.px(170), y + s.px(3), bar_w, s.px(12))
                pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
                pygame.draw.rect(surf, palette.SCORE_BAR, (bar.left, bar.top, round(bar.width * value / 100), bar.height))
                blit_text(surf, str(value), s.small, (bar.right + s.px(36), y), anchor="topright")
                y += line
            y += s.px(6)
            blit_text(surf, self.t("compare.force", stage=r.max_stage, n=r.violations), s.body, (x, y),
                      box.width - 2 * s.pad, palette.LOST if r.violations else palette.TEXT)
            y += s.px(40)
            if rec is None:
                blit_text(surf, self.t("compare.no_replay"), s.small, (x, y), box.width - 2 * s.pad, palette.TEXT_MUTED)
                continue
            blit_text(surf, self.t("compare.timeline"), s.small, (x, y), box.width - 2 * s.pad, palette.TEXT_MUTED,
                      bold=True)
            chart = pygame.Rect(x, y + s.px(20), box.width - 2 * s.pad, max(box.bottom - y - s.px(28), s.px(80)))
            draw_mood_chart(surf, chart, rec, s, self.lang, end_t=end)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

