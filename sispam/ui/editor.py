"""The level editor (`game.py edit [LEVEL]`, or E in the main menu): draw a level on its map, fill
in its crowd, units, events and objectives through forms, see every problem `game.py check`
would report and where it is on the map, test-play it and come back, and save it as TOML.

The editor works on a `sispam.level.draft.Draft`: the file's own text, so that saving keeps the
comments and key order of whatever did not change, with undo and redo. A level with problems
can only be saved as a draft beside it (`NAME.draft.toml`, marked invalid at its top), and the
test-play button says what to fix.

Mouse on the map: the tool draws (drag a rect, click the points of a polygon or a fence and
press Enter, drag a gate or barrier, click to place a crowd group or a unit); with the select
tool a click picks what is under the pointer, a drag moves it, its square handles move its
corners. The wheel zooms, a middle or right drag pans. Points snap to the corners already drawn
and to a 1 m grid (N: 0.5 m, off).
"""

from __future__ import annotations

import contextlib
import re
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pygame

from sispam.atomic import OutputError
from sispam.level.background import asset_problem
from sispam.level.draft import TABLES, Draft, DraftInvalid
from sispam.level.draft_locate import problem_entry
from sispam.level.errors import LevelError, Problem
from sispam.level.limits import MAX_MAP_SIDE_M
from sispam.sim.scenario import Background
from sispam.ui import palette
from sispam.ui.background import BackgroundPicture
from sispam.ui.camera import Camera
from sispam.ui.editor_canvas import (
    GRID_STEPS_M,
    HANDLE_PX,
    PICK_PX,
    Canvas,
    contains,
    drawable,
    entry_point,
    handles,
    snap,
)
from sispam.ui.editor_form import LEVEL_KEYS, Field, description, expects, keys_of, parse_value, toml_value
from sispam.ui.editor_templates import EVENT_KINDS, OBJECTIVE_KINDS, ZONE_ROLES, template
from sispam.ui.problem_text import message_text, problem_text
from sispam.ui.screen import Screen
from sispam.ui.widgets import TEXT, Button, TextField, blit_text, blit_wrapped, panel

TOOLS = (("select", pygame.K_v, "V"), ("building", pygame.K_b, "B"), ("polygon", pygame.K_p, "P"),
         ("fence", pygame.K_f, "F"), ("gate", pygame.K_g, "G"), ("barrier", pygame.K_r, "R"),
         ("zone", pygame.K_z, "Z"), ("crowd", pygame.K_c, "C"), ("unit", pygame.K_u, "U"))
TABS = ("level", *TABLES)
PICK_ORDER = ("units", "events", "obstacles", "zones", "ground")
DRAG_PX = 5
SIDE_PX = 400
ZOOM_STEP = 1.15


class EditorScreen(Screen):
    """Edit `draft`; `back` is where Esc goes (the main menu)."""

    def __init__(self, app, draft: Draft, back=None) -> None:
        super().__init__(app)
        self.draft = draft
        self.back = back or app.main_menu
        self.tool = "select"
        self.tab = "level"
        self.selected: tuple[str, int] | None = None
        self.points: list[tuple[float, float]] = []  # a polygon or fence being clicked
        self.grid = 0
        self.zone_role = 0
        self.event_kind = 0
        self.objective_kind = 0
        self.camera = Camera((1, 1), self._size())
        self.canvas = Canvas(self.camera)
        self.map_rect = pygame.Rect(0, 0, 1, 1)
        self.fields: list[tuple[Field, TextField]] = []
        self.problem_rects: list[tuple[pygame.Rect, Problem]] = []
        self.focus_problem: Problem | None = None
        self.problems: list[Problem] = draft.problems()
        self.mouse = (0, 0)
        self._down: tuple[int, int] | None = None
        self._pan: tuple[int, int] | None = None
        self._drag: tuple[str, Any] | None = None  # ("move", last point) or ("handle", k) or ("draw", start)
        self._group: contextlib.AbstractContextManager | None = None
        self._form_of: tuple | None = None
        self._leave_armed = False
        self._framed = False
        self._picture: BackgroundPicture | None = None
        self._discard = False
        self._autosaved: Path | None = None
        self._picture_of: tuple[str, BackgroundPicture | None] | None = None

    # --- the draft ---

    def _size(self) -> tuple[float, float]:
        size = self.draft.value(("map", "size"))
        if isinstance(size, list | tuple) and len(size) == 2 and all(drawable(v) and 1 <= v <= MAX_MAP_SIDE_M for v in size):
            return float(size[0]), float(size[1])
        return 120.0, 80.0

    def background(self) -> BackgroundPicture | None:
        """The level's background picture to trace over, once the file it names is found safely
        inside the level's folder (a new level has no folder until it is saved)."""
        text = self.draft.text()
        if self._picture_of is not None and self._picture_of[0] is text:
            return self._picture_of[1]  # the file is checked once per change of the draft, not per frame
        self._picture_of = (text, self._find_background())
        return self._picture_of[1]

    def _find_background(self) -> BackgroundPicture | None:
        bg = self.draft.value(("map", "background"))
        if not isinstance(bg, dict) or not isinstance(bg.get("file"), str) or self.draft.path is None:
            return None
        folder = self.draft.path.parent
        if asset_problem(bg["file"], folder) is not None:
            return None
        origin, size, opacity = bg.get("origin", [0, 0]), bg.get("size", list(self._size())), bg.get("opacity", 0.6)
        if not (isinstance(origin, list) and isinstance(size, list) and len(origin) == len(size) == 2
                and all(drawable(v) for v in (*origin, *size, opacity)) and all(0 < v <= MAX_MAP_SIDE_M for v in size)
                and 0 <= opacity <= 1):
            return None
        key = Background(str((folder / bg["file"]).resolve()), bg["file"], tuple(map(float, origin)),
                         tuple(map(float, size)), float(opacity))
        if self._picture is None or self._picture.background != key:
            self._picture = BackgroundPicture(key)
        return self._picture

    def tables(self) -> dict[str, list[dict]]:
        return {t: self.draft.entries(t) for t in TABLES}

    def changed(self) -> None:
        """After any change to the draft: check it again, rebuild the form."""
        self._leave_armed = False
        self.camera.world_size = self._size()
        if self.selected is not None and self.selected[1] >= len(self.draft.entries(self.selected[0])):
            self.selected = None
        if self._drag is None:
            self.problems = self.draft.problems()
        self._form_of = None
        self.layout(self.app.size)

    def _new_id(self, table: str, stem: str) -> str:
        taken = {str(e.get("id")) for e in self.draft.entries(table)}
        k = 1
        while f"{stem}-{k}" in taken:
            k += 1
        return f"{stem}-{k}"

    def add(self, table: str, entry: dict) -> int:
        """Add an entry and select it."""
        index = self.draft.add(table, entry)
        self.selected = (table, index)
        self.tab = table
        self.changed()
        return index

    # --- layout ---

    def build(self, size: tuple[int, int]) -> None:
        s, (w, h) = self.style, size
        bar, side = s.px(48), s.px(SIDE_PX)
        self.map_rect = pygame.Rect(0, bar, w - side, h - bar - s.px(112))
        self.camera.screen_size = (self.map_rect.width, self.map_rect.height)
        if not self._framed:
            self.camera.fit(margin_px=s.px(16))
            self._framed = True
        aw, bh, x = s.px(100), s.px(36), s.px(8)
        bw = min(s.px(86), (w - 5 * (aw + s.px(4)) - s.px(16)) // len(TOOLS) - s.px(4))
        for name, key, label in TOOLS:
            self.buttons.add(Button(pygame.Rect(x, s.px(6), bw, bh), self.t(f"editor.tool.{name}"),
                                    partial(self.set_tool, name), f"{self.t(f'editor.tool.{name}_tip')} ({label})", key,
                                    active=self.tool == name))
            x += bw + s.px(4)
        right = w - s.px(8)
        valid = not self.problems
        actions = [("editor.back", self.leave_editor, pygame.K_ESCAPE, "Esc", "", True),
                   ("editor.play", self.test_play, pygame.K_F5, "F5",
                    self.t("editor.play_tip") if valid else self.t("editor.play_fix", what="; ".join(
                        self.draft.invalid_summary(3))), True),
                   ("editor.save", self.save, None, "",
                    (self.t("editor.save_tip") if valid else self.t("editor.save_draft_tip")) + " (Ctrl+S)", True),
                   ("editor.redo", self.redo, None, "", f"{self.draft.redo_label or ''} (Ctrl+Y)".strip(),
                    self.draft.can_redo),
                   ("editor.undo", self.undo, None, "", f"{self.draft.undo_label or ''} (Ctrl+Z)".strip(),
                    self.draft.can_undo)]
        for key, action, hotkey, label, tip, enabled in actions:
            right -= aw
            self.buttons.add(Button(pygame.Rect(right, s.px(6), aw, bh), self.t(key), action, tip, hotkey, label,
                                    enabled=enabled))
            right -= s.px(4)
        self.play_button = next(b for b in self.buttons.items if b.action == self.test_play)
        self._build_side(pygame.Rect(w - side, bar, side, h - bar))

    def _build_side(self, area: pygame.Rect) -> None:
        s = self.style
        tw = (area.width - s.px(16)) // 4
        for k, tab in enumerate(TABS):
            rect = pygame.Rect(area.left + s.px(8) + (k % 4) * tw, area.top + s.px(6) + (k // 4) * s.px(30), tw - s.px(4),
                               s.px(26))
            self.buttons.add(Button(rect, self.t(f"editor.tab.{tab}"), partial(self.set_tab, tab), active=self.tab == tab))
        y = area.top + s.px(70)
        rh = s.px(24)
        if self.tab != "level":
            entries = self.draft.entries(self.tab)
            first = max(0, (self.selected[1] if self.selected and self.selected[0] == self.tab else 0) - 5)
            for i in range(first, min(len(entries), first + 6)):
                e = entries[i]
                label = f"{e.get('id', '?')}  ({e.get('kind') or e.get('role') or e.get('type') or e.get('count', '')})"
                self.buttons.add(Button(pygame.Rect(area.left + s.px(8), y, area.width - s.px(16), rh - s.px(2)), label,
                                        partial(self.select, self.tab, i), active=self.selected == (self.tab, i)))
                y += rh
            y = area.top + s.px(70) + 6 * rh + s.px(4)
            half = (area.width - s.px(24)) // 3
            kinds = {"events": (EVENT_KINDS, self.event_kind), "objectives": (OBJECTIVE_KINDS, self.objective_kind),
                     "zones": (ZONE_ROLES, self.zone_role)}.get(self.tab)
            self.buttons.add(Button(pygame.Rect(area.left + s.px(8), y, half, s.px(28)), self.t("editor.add"),
                                    self.add_from_form, self.t("editor.add_tip")))
            if kinds is not None:
                names, k = kinds
                self.buttons.add(Button(pygame.Rect(area.left + s.px(12) + half, y, half, s.px(28)), names[k],
                                        self.cycle_kind, self.t("editor.kind_tip")))
            self.buttons.add(Button(pygame.Rect(area.left + s.px(16) + 2 * half, y, half, s.px(28)),
                                    self.t("editor.delete"), self.delete, self.t("editor.delete_tip"), pygame.K_DELETE,
                                    "Del", enabled=self.selected is not None))
            y += s.px(36)
        self.form_top = y
        self._build_form(pygame.Rect(area.left + s.px(8), y, area.width - s.px(16), area.bottom - y - s.px(8)))

    def _build_form(self, area: pygame.Rect) -> None:
        s = self.style
        if self.tab == "level":
            rows = [(key, self.draft.value(key)) for key in LEVEL_KEYS]
            entry = None
        elif self.selected is not None and self.selected[0] == self.tab:
            entry = self.draft.get(*self.selected)
            rows = [((k,), entry.get(k)) for k in keys_of(self.tab, entry)]
        else:
            rows, entry = [], None
        self.form_entry = entry
        rh = s.px(30)
        key = (self.tab, self.selected, self.draft.text())
        if self._form_of != key:
            focused = next((f.key for f, box in self.fields if box.focused), None)
            same = self._form_of is not None and self._form_of[:2] == key[:2]
            unread = {f.key: (box.value, f.error) for f, box in self.fields if f.error} if same else {}
            self.fields = []
            for path, value in rows:
                box = TextField(pygame.Rect(0, 0, 1, 1), "" if value is None else toml_value(value), max_chars=4000)
                box.focused = path == focused
                field = Field(path, box.value)
                if path in unread:  # a value that could not be read stays, with its message, to be fixed
                    box.value, field.error = unread[path]
                self.fields.append((field, box))
            self._form_of = key
        label_w = s.px(130)
        for k, (_field, box) in enumerate(self.fields):
            box.rect = pygame.Rect(area.left + label_w, area.top + k * rh, area.width - label_w, rh - s.px(4))
        self.form_area = area

    # --- actions ---

    def set_tool(self, name: str) -> None:
        self.tool = name
        self.points = []
        self.layout(self.app.size)

    def set_tab(self, tab: str) -> None:
        self.commit_fields()
        self.tab = tab
        if self.selected is not None and self.selected[0] != tab:
            self.selected = None
        self.layout(self.app.size)

    def select(self, table: str, index: int) -> None:
        self.commit_fields()
        self.selected = (table, index)
        self.tab = table
        self.layout(self.app.size)

    def cycle_kind(self) -> None:
        if self.tab == "events":
            self.event_kind = (self.event_kind + 1) % len(EVENT_KINDS)
        elif self.tab == "objectives":
            self.objective_kind = (self.objective_kind + 1) % len(OBJECTIVE_KINDS)
        elif self.tab == "zones":
            self.zone_role = (self.zone_role + 1) % len(ZONE_ROLES)
        self.layout(self.app.size)

    def add_from_form(self) -> None:
        """The tab's "+ Add": a new entry of the chosen kind in the middle of the view."""
        centre = self.camera.to_world((self.map_rect.width / 2, self.map_rect.height / 2))
        centre = snap(centre, 1.0, [], 0.0)
        kind = {"events": EVENT_KINDS[self.event_kind], "objectives": OBJECTIVE_KINDS[self.objective_kind],
                "zones": ZONE_ROLES[self.zone_role]}.get(self.tab)
        entry = template(self.tab, kind, centre, self.draft, self._new_id)
        if entry is not None:
            self.add(self.tab, entry)

    def busy(self) -> bool:
        """A drag is under way: what would change the draft beneath it waits for the release."""
        return self._drag is not None or self._group is not None

    def delete(self) -> None:
        if self.selected is None or self.busy():
            return
        self.draft.remove(*self.selected)
        self.selected = None
        self.changed()

    def undo(self) -> None:
        if not self.busy() and self.draft.undo():
            self.changed()

    def redo(self) -> None:
        if not self.busy() and self.draft.redo():
            self.changed()

    def commit_fields(self) -> bool:
        """Write every form value that was changed into the draft (one undo step); False if a
        value could not be read (it stays in its box, with its message)."""
        changes: list[tuple[tuple[str, ...], Any]] = []
        ok = True
        for field, box in self.fields:
            if box.value == field.text:
                continue
            if not box.value.strip():
                changes.append((field.key, None))
                continue
            try:
                changes.append((field.key, parse_value(box.value)))
                field.error = ""
            except ValueError as e:
                kind = expects(None if self.tab == "level" else self.tab, self.form_entry or {}, field.key)
                if kind == "text" or field.text.startswith('"'):  # a text needs no quotes
                    changes.append((field.key, box.value.strip()))
                    continue
                field.error = self.t("editor.bilingual_form") if kind == "bilingual" else str(e)
                ok = False
        if not changes:
            return ok
        with self.draft.group(self.t("editor.form_edit")):
            if self.tab == "level":
                for key, value in changes:
                    self.draft.set_value(key, value)
            elif self.selected is not None:
                entry = self.draft.get(*self.selected)
                for (key,), value in changes:
                    if value is None:
                        entry.pop(key, None)
                    else:
                        entry[key] = value
                self.draft.update(*self.selected, entry)
        self.changed()
        return ok

    def _new_path(self) -> Path:
        """Where a new level is first saved: `levels/ID.toml` in the user-data folder, never over
        another level (`ID-2.toml`, ...)."""
        from sispam.userdata import data_dir

        name = re.sub(r"[^A-Za-z0-9_-]+", "_", str(self.draft.value(("id",)) or "level")) or "level"
        folder = data_dir() / "levels"
        folder.mkdir(parents=True, exist_ok=True)
        path, k = folder / f"{name}.toml", 1
        while path.exists() or Draft.draft_path(path).exists():
            k += 1
            path = folder / f"{name}-{k}.toml"
        return path

    def save(self) -> None:
        """Save the level, or (with problems) a draft marked invalid beside it."""
        if self.busy():
            return
        if not self.commit_fields():
            self.app.notice(self.t("editor.form_unread"))
            return
        path = self.draft.path
        try:
            if path is None:
                path = self._new_path()
                if path.stem != self.draft.value(("id",)):
                    self.draft.set_value(("id",), path.stem)  # one id per level file
            try:
                if self.problems:
                    raise DraftInvalid(self.problems)
                written = self.draft.save(path)
                self.app.notice(self.t("editor.saved", path=str(written)))
            except DraftInvalid as e:  # (a picture is checked against the folder it is saved in)
                written = self.draft.save_draft(path)
                self.app.notice(self.t("editor.saved_draft", path=str(written), n=len(e.problems)))
        except (OSError, ValueError, OutputError) as e:
            self.app.notice(self.t("editor.save_failed", reason=str(e)))
        self.layout(self.app.size)

    def test_play(self) -> None:
        """Play the level as it stands, then come back here."""
        from sispam.ui.briefing import Briefing

        self.commit_fields()
        if self.problems:
            self.app.notice(self.t("editor.play_fix", what="; ".join(self.draft.invalid_summary(3))))
            return
        try:
            scenario = self.draft.scenario()
        except LevelError as e:
            self.app.notice(problem_text(e.problems[0], self.lang))
            return
        me = self
        self.app.show(Briefing(self.app, scenario, self.draft.path or Path(scenario.id + ".toml"), None, (),
                               back=lambda: self.app.show(me)))

    def notice_area(self, size: tuple[int, int]) -> pygame.Rect:
        """Notices hang from the top of the map (below its status line), clear of the side panel's tabs."""
        s = self.style
        return pygame.Rect(self.map_rect.left + s.px(16), self.map_rect.top + s.px(30), self.map_rect.width - 2 * s.px(16), 0)

    def leave_editor(self) -> None:
        if self.tool != "select" and self.points:
            self.points = []
            return
        self.commit_fields()
        if self.draft.dirty and not self._leave_armed:
            self._leave_armed = True
            self.app.notice(self.t("editor.unsaved"))
            return
        self._discard = True  # Esc twice: the player chose to leave the changes
        self.back()

    def leave(self) -> None:
        """The editor is replaced (a test-play, a file dropped on the window) or the game quits:
        unsaved changes are kept as the level's draft, never lost; changes the player chose to
        leave (Esc twice) are dropped, with the draft kept for a test-play of them."""
        if self._discard:
            self._discard = False
            if self._autosaved is not None:
                with contextlib.suppress(OSError):
                    self._autosaved.unlink()
                self._autosaved = None
            return
        if not self.draft.dirty or not self.app.save:  # (a game that saves nothing: screenshots)
            return
        self.commit_fields()
        try:
            if self.draft.path is None:
                self.draft.path = self._new_path()
            level = self.draft.path
            self._autosaved = self.draft.save_draft(level)
            self.draft.path = level  # still the level's file: Ctrl+S saves the level there
            self.app.notice(self.t("editor.autosaved", path=str(self._autosaved)))
        except (OSError, ValueError, OutputError) as e:
            self.app.notice(self.t("editor.save_failed", reason=str(e)))

    # --- the map ---

    def _world(self, pixel: tuple[int, int]) -> tuple[float, float]:
        return self.camera.to_world((pixel[0] - self.map_rect.left, pixel[1] - self.map_rect.top))

    def _snapped(self, pixel: tuple[int, int]) -> tuple[float, float]:
        corners = [h for t in ("obstacles", "zones", "ground") for e in self.draft.entries(t) for h in handles(e.get("shape"))]
        corners += self.points
        return snap(self._world(pixel), GRID_STEPS_M[self.grid], corners, PICK_PX / self.camera.scale)

    def pick(self, point: tuple[float, float]) -> tuple[str, int] | None:
        tol = PICK_PX / self.camera.scale
        for table in PICK_ORDER:
            entries = self.draft.entries(table)
            for i in range(len(entries) - 1, -1, -1):
                e = entries[i]
                p = entry_point(table, e)
                if p is not None and np.hypot(p[0] - point[0], p[1] - point[1]) <= max(tol, 1.5):
                    return table, i
                if "shape" in e and contains(e["shape"], point, tol):
                    return table, i
        return None

    def _handle_at(self, pixel: tuple[int, int]) -> int | None:
        if self.selected is None:
            return None
        shape = self.draft.get(*self.selected).get("shape")
        for k, h in enumerate(handles(shape)):
            x, y = self.canvas.px(h)
            if abs(x + self.map_rect.left - pixel[0]) <= HANDLE_PX + 2 and abs(y + self.map_rect.top - pixel[1]) <= HANDLE_PX + 2:
                return k
        return None

    def _press(self, pos: tuple[int, int]) -> None:
        self.commit_fields()
        point = self._snapped(pos)
        self._down = pos
        if self.tool == "select":
            k = self._handle_at(pos)
            if k is not None:
                self._start_group("editor.move_corner")
                self._drag = ("handle", k)
                return
            self.selected = self.pick(self._world(pos))
            if self.selected is not None:
                self.tab = self.selected[0]
                self._start_group("editor.move")
                self._drag = ("move", point)
            self.layout(self.app.size)
        elif self.tool in ("building", "zone", "gate", "barrier"):
            self._drag = ("draw", point)

    def _motion(self, pos: tuple[int, int]) -> None:
        if self._drag is None or self._down is None:
            return
        kind, value = self._drag
        point = self._snapped(pos)
        if kind == "move" and max(abs(pos[0] - self._down[0]), abs(pos[1] - self._down[1])) >= DRAG_PX:
            dx, dy = point[0] - value[0], point[1] - value[1]
            if dx or dy:
                self.draft.move(*self.selected, dx, dy)
                self._drag = ("move", point)
        elif kind == "handle":
            from sispam.ui.editor_canvas import with_handle

            entry = self.draft.get(*self.selected)
            entry["shape"] = with_handle(entry["shape"], value, point)
            self.draft.update(*self.selected, entry)

    def _release(self, pos: tuple[int, int]) -> None:
        drag, self._drag = self._drag, None
        down, self._down = self._down, None
        if self._group is not None:
            self._group.__exit__(None, None, None)
            self._group = None
            self.changed()
            return
        point = self._snapped(pos)
        if drag is not None and drag[0] == "draw":
            self._finish_drag(drag[1], point)
            return
        if down is None or self.tool == "select":
            return
        if self.tool in ("polygon", "fence"):
            if len(self.points) >= 3 and self.tool == "polygon" and point == self.points[0]:
                self.finish_points()
            else:
                self.points.append(point)
        elif self.tool == "crowd":
            self._place_crowd(point)
        elif self.tool == "unit":
            self.add("units", template("units", None, point, self.draft, self._new_id))

    def _finish_drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        lo = [min(start[0], end[0]), min(start[1], end[1])]
        hi = [max(start[0], end[0]), max(start[1], end[1])]
        if self.tool in ("building", "zone"):
            if hi[0] - lo[0] < 0.5 or hi[1] - lo[1] < 0.5:
                return
            shape = {"kind": "rect", "min": lo, "max": hi}
            if self.tool == "building":
                self.add("obstacles", {"id": self._new_id("obstacles", "gedung"), "kind": "building", "shape": shape})
            else:
                role = ZONE_ROLES[self.zone_role]
                self.add("zones", {"id": self._new_id("zones", role), "role": role, "shape": shape})
            return
        if np.hypot(end[0] - start[0], end[1] - start[1]) < 0.5:
            return
        line = {"kind": "polyline", "thickness": 0.3 if self.tool == "gate" else 0.5,
                "points": [list(start), list(end)]}
        entry = {"id": self._new_id("obstacles", "gerbang" if self.tool == "gate" else "barikade"), "kind": self.tool,
                 "shape": line}
        if self.tool == "gate":
            entry["solid"] = False
        self.add("obstacles", entry)

    def finish_points(self) -> None:
        """Enter: the polygon or fence being clicked is done."""
        points, self.points = [list(p) for p in self.points], []
        if points and len(points) < (3 if self.tool == "polygon" else 2):
            self.app.notice(self.t("editor.too_few_points"))
            return
        if self.tool == "polygon" and len(points) >= 3:
            self.add("obstacles", {"id": self._new_id("obstacles", "gedung"), "kind": "building",
                                   "shape": {"kind": "polygon", "points": points}})
        elif self.tool == "fence" and len(points) >= 2:
            self.add("obstacles", {"id": self._new_id("obstacles", "pagar"), "kind": "fence",
                                   "shape": {"kind": "polyline", "thickness": 0.3, "points": points}})

    def _place_crowd(self, point: tuple[float, float]) -> None:
        """A crowd group appears in the zone clicked (a new spawn zone round the point if none)."""
        zone = next((z for z in reversed(self.draft.entries("zones"))
                     if z.get("role") == "spawn" and contains(z.get("shape"), point, 0.0)), None)
        with self.draft.group(self.t("editor.tool.crowd")):
            if zone is None:
                zone = {"id": self._new_id("zones", "spawn"), "role": "spawn",
                        "shape": {"kind": "rect", "min": [point[0] - 10, point[1] - 5], "max": [point[0] + 10, point[1] + 5]}}
                self.draft.add("zones", zone)
            entry = template("crowd", None, point, self.draft, self._new_id)
            entry["spawn"] = zone["id"]
            index = self.draft.add("crowd", entry)
        self.selected = ("crowd", index)
        self.tab = "crowd"
        self.changed()

    def _start_group(self, key: str) -> None:
        self._group = self.draft.group(self.t(key))
        self._group.__enter__()

    # --- events ---

    def handle(self, event: pygame.event.Event) -> None:  # noqa: PLR0912 (one case per kind of event)
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self.buttons.mouse = event.pos
            if self._pan is not None:
                self.camera.pan(*event.rel)
            self._motion(event.pos)
            return
        was_typing = any(box.focused for _, box in self.fields)
        if event.type == pygame.KEYDOWN and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            taken = [False]  # Ctrl+key is a command, not text
        else:
            taken = [box.handle(event) for _, box in self.fields]
        if event.type == pygame.MOUSEBUTTONDOWN and was_typing:
            self.commit_fields()  # a click elsewhere leaves the box: its value goes in
        if any(taken):
            return
        typing = any(box.focused for _, box in self.fields)
        if event.type == pygame.KEYDOWN:
            ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
            if ctrl and event.key == pygame.K_z and typing:
                for field, box in self.fields:
                    if box.focused:
                        box.value, field.error = field.text, ""
                return
            if ctrl and event.key == pygame.K_z:
                (self.redo if event.mod & pygame.KMOD_SHIFT else self.undo)()
                return
            if ctrl and event.key == pygame.K_y:
                self.redo()
                return
            if ctrl and event.key == pygame.K_s:
                self.save()
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if typing:
                    self.commit_fields()
                    for _, box in self.fields:
                        box.focused = False
                else:
                    self.finish_points()
                return
            if typing and event.key == pygame.K_ESCAPE:
                self._form_of = None  # the boxes go back to what the draft says
                for _, box in self.fields:
                    box.focused = False
                self.layout(self.app.size)
                return
            if typing and event.key == pygame.K_TAB:
                k = next(i for i, (_, box) in enumerate(self.fields) if box.focused)
                self.commit_fields()
                for i, (_, box) in enumerate(self.fields):
                    box.focused = i == (k + 1) % len(self.fields)
                return
            if typing:
                return  # typed keys are text, not hotkeys
            if event.key == pygame.K_n:
                self.grid = (self.grid + 1) % len(GRID_STEPS_M)
                return
        if self.buttons.handle(event):
            return
        if event.type == pygame.MOUSEWHEEL and self.map_rect.collidepoint(self.mouse):
            self.camera.zoom_at((self.mouse[0] - self.map_rect.left, self.mouse[1] - self.map_rect.top),
                                ZOOM_STEP ** event.y)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self.mouse = event.pos
            if event.button in (2, 3) and self.map_rect.collidepoint(event.pos):
                self._pan = event.pos
            elif event.button == 1 and self.map_rect.collidepoint(event.pos):
                self._press(event.pos)
            elif event.button == 1:
                for rect, problem in self.problem_rects:
                    if rect.collidepoint(event.pos):
                        self.show_problem(problem)
        elif event.type == pygame.MOUSEBUTTONUP:
            if event.button in (2, 3):
                self._pan = None
            elif event.button == 1:
                self._release(event.pos)

    def show_problem(self, problem: Problem) -> None:
        """Centre the map on where a problem is, and open what it is about."""
        self.focus_problem = problem
        box = self.draft.locate(problem)
        if box is not None and all(drawable(v) for v in box):
            self.camera.centre_on(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        about = problem_entry(problem.where)
        if about is not None and about[0] in TABLES and about[1] < len(self.draft.entries(about[0])):
            self.select(*about)
        elif problem.where.split(".")[0] in {k[0] for k in LEVEL_KEYS}:
            self.set_tab("level")

    # --- drawing ---

    def draw(self, surf: pygame.Surface) -> None:
        s = self.style
        w, h = surf.get_size()
        surf.fill(palette.SCREEN)
        sub = surf.subsurface(self.map_rect)
        self.canvas.draw(sub, self.tables(), self._size(), GRID_STEPS_M[self.grid], self.background())
        if self.selected is not None and self.selected[1] < len(self.draft.entries(self.selected[0])):
            self.canvas.highlight(sub, self.selected[0], self.draft.get(*self.selected))
        for problem in self.problems:
            box = self.draft.locate(problem)
            if box is not None:
                self.canvas.problem_box(sub, box, problem == self.focus_problem)
        self._draw_drawing(sub)
        pygame.draw.rect(surf, palette.BACKGROUND_DARK, (0, 0, w, self.map_rect.top))
        self._draw_status(surf)
        self._draw_problems(surf, pygame.Rect(0, self.map_rect.bottom, self.map_rect.width, h - self.map_rect.bottom))
        side = pygame.Rect(self.map_rect.right, self.map_rect.top, w - self.map_rect.right, h - self.map_rect.top)
        pygame.draw.rect(surf, palette.PANEL_SOLID, side)
        pygame.draw.line(surf, palette.PANEL_BORDER, side.topleft, side.bottomleft)
        self._draw_form(surf)
        self.buttons.draw(surf, s)
        self.buttons.draw_tooltip(surf, s)

    def _draw_drawing(self, sub: pygame.Surface) -> None:
        mouse = (self.mouse[0] - self.map_rect.left, self.mouse[1] - self.map_rect.top)
        if not sub.get_rect().collidepoint(mouse):
            return
        here = self._snapped(self.mouse)
        if self.points:
            pts = [self.canvas.px(p) for p in [*self.points, here]]
            pygame.draw.lines(sub, palette.SELECTION, False, pts, 2)
        if self._drag is not None and self._drag[0] == "draw":
            a, b = self.canvas.px(self._drag[1]), self.canvas.px(here)
            if self.tool in ("building", "zone"):
                pygame.draw.rect(sub, palette.SELECTION, pygame.Rect(min(a[0], b[0]), min(a[1], b[1]),
                                                                     abs(b[0] - a[0]), abs(b[1] - a[1])), 2)
            else:
                pygame.draw.line(sub, palette.SELECTION, a, b, 3)
        x, y = self.canvas.px(here)
        pygame.draw.line(sub, palette.SELECTION, (x - 6, y), (x + 6, y))
        pygame.draw.line(sub, palette.SELECTION, (x, y - 6), (x, y + 6))

    def _draw_status(self, surf: pygame.Surface) -> None:
        s = self.style
        name = self.draft.path.name if self.draft.path is not None else self.t("editor.unsaved_name")
        here = self._world(self.mouse) if self.map_rect.collidepoint(self.mouse) else None
        grid = GRID_STEPS_M[self.grid]
        parts = [name + (" *" if self.draft.dirty else ""),
                 self.t("editor.grid", m=f"{grid:g}") if grid else self.t("editor.grid_off"),
                 "" if here is None else f"x {here[0]:.1f}  y {here[1]:.1f} m",
                 self.t(f"editor.hint.{self.tool}")]
        blit_text(surf, "   ·   ".join(p for p in parts if p), s.small, (s.px(10), self.map_rect.top + s.px(4)),
                  self.map_rect.width - s.px(20), palette.TEXT_LIGHT)

    def _draw_problems(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        s = self.style
        pygame.draw.rect(surf, palette.PANEL_SOLID, area)
        pygame.draw.line(surf, palette.PANEL_BORDER, area.topleft, area.topright)
        self.problem_rects = []
        if not self.problems:
            blit_text(surf, self.t("editor.valid"), s.body, (area.left + s.px(10), area.top + s.px(8)),
                      area.width - s.px(20), palette.WON, bold=True)
            # What `check` notes about a valid level (officers placed inside a building...), each
            # wrapped over the lines it needs, as many as the panel holds.
            top = area.top + s.px(30)
            for note in self.draft.notes():
                box = pygame.Rect(area.left + s.px(10), top, area.width - s.px(20), area.bottom - top)
                if box.height <= 0:
                    break
                said = f"{self.t('editor.line', n=note.line)}  {note.where}: {message_text(note.message, self.lang)}"
                blit_wrapped(surf, said, s.small, box, palette.PAUSED)
                top += len(TEXT.wrap(said, s.small, box.width)) * (TEXT.font(s.small).get_linesize() + 2) + s.px(6)
            return
        blit_text(surf, self.t("editor.problems" if len(self.problems) > 1 else "editor.problem",
                                  n=len(self.problems)), s.body, (area.left + s.px(10), area.top + s.px(6)),
                  area.width - s.px(20), palette.LOST, bold=True)
        for k, problem in enumerate(self.problems[:4]):
            rect = pygame.Rect(area.left + s.px(10), area.top + s.px(30) + k * s.px(20), area.width - s.px(20), s.px(20))
            colour = palette.LOST if problem == self.focus_problem else palette.TEXT
            message = message_text(problem.message, self.lang)
            blit_text(surf, f"{self.t('editor.line', n=problem.line)}  {problem.where}: {message}", s.small,
                      rect.topleft, rect.width, colour)
            self.problem_rects.append((rect, problem))

    def _draw_form(self, surf: pygame.Surface) -> None:
        s = self.style
        area = self.form_area
        if not self.fields:
            blit_wrapped(surf, self.t("editor.form_empty"), s.small, area, palette.TEXT_MUTED)
            return
        table = None if self.tab == "level" else self.tab
        entry = self.form_entry or {}
        focused = None
        for field, box in self.fields:
            label = ".".join(field.key)
            blit_text(surf, label, s.small, (area.left, box.rect.top + s.px(6)), s.px(126),
                      palette.LOST if field.error else palette.TEXT, bold=True)
            box.draw(surf, s)
            if box.focused:
                focused = field
        bottom = self.fields[-1][1].rect.bottom + s.px(8)
        if focused is not None:
            box = next(b for f, b in self.fields if f is focused)
            if len(box.value) > 30:  # a long text (a briefing) read whole
                blit_wrapped(surf, box.value, s.small, pygame.Rect(area.left, bottom, area.width, s.px(120)), palette.TEXT)
                bottom += s.px(128)
            note = focused.error or description(table, entry, focused.key, self.lang)
            colour = palette.LOST if focused.error else palette.TEXT_MUTED
            line_h = TEXT.font(s.small).get_linesize() + 2
            if len(TEXT.wrap(note, s.small, area.width)) * line_h <= area.bottom - bottom:
                blit_wrapped(surf, note, s.small, pygame.Rect(area.left, bottom, area.width, area.bottom - bottom), colour)
            else:  # too long for the room under the fields: beside the field, over the map
                self._draw_help_beside(surf, note, box.rect, colour)

    def _draw_help_beside(self, surf: pygame.Surface, note: str, field: pygame.Rect, colour) -> None:
        """A field's help in a box to the left of the form, level with the field (kept on the
        screen): where the form has no room left for it under its fields."""
        s = self.style
        width = min(s.px(420), self.map_rect.width - 2 * s.pad)
        lines = TEXT.wrap(note, s.small, width - 2 * s.pad)
        line_h = TEXT.font(s.small).get_linesize() + 2
        rect = pygame.Rect(0, 0, width, len(lines) * line_h + 2 * s.pad)
        rect.topright = (self.map_rect.right - s.pad, field.top)
        rect.bottom = min(rect.bottom, surf.get_height() - s.pad)
        rect.top = max(rect.top, self.map_rect.top + s.pad)
        panel(surf, rect, palette.TOOLTIP)
        blit_wrapped(surf, note, s.small, rect.inflate(-2 * s.pad, -2 * s.pad), colour)
