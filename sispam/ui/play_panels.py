"""What the play screen shows round the map: the top bar (level, time, situation, speed,
overlays, menu), the right column (crowd mood, line load, force ladder, objectives, event
feed, minimap), the order bar and unit cards at the bottom, the legend, tutorial hints, and the
marks drawn on the map (selection, ordered lines, the line a right drag would place, the box).

The numbers the panels show are read from the world four times a second of wall time, not every
frame; the text images are cached (see `widgets.Text`).
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pygame

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.objectives import FAILED, MET
from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.police.negotiate import Negotiate
from sispam.sim.police.orders import LINE_UNITS, ORDER_SPECS, OrderKind
from sispam.sim.police.teams import surface_gap
from sispam.ui import commands, palette
from sispam.ui.camera import Camera
from sispam.ui.describe import clock, objective_label, order_name
from sispam.ui.i18n import text
from sispam.ui.legend import Legend
from sispam.ui.map_layer import MapLayer
from sispam.ui.widgets import TEXT, Button, blit_text, panel

if TYPE_CHECKING:
    from sispam.ui.play import PlayScreen

READ_EVERY_S = 0.25
ORDER_ROWS = 2  # the order bar's height kept free under the map, in rows of buttons
STAGE_COLOURS = ((0, 158, 115), (86, 180, 233), (240, 228, 66), (230, 159, 0), (213, 94, 0))
FEED_COLOURS = {"info": palette.TEXT, "good": (0, 110, 80), "bad": (170, 60, 0), "order": (0, 80, 140),
                "message": (60, 40, 110)}


def status_mark(surf: pygame.Surface, centre: tuple[int, int], r: int, status: str, required: bool) -> None:
    """An objective's state as a drawn mark (the default font has no check or cross): met a
    green disc with a tick, failed an orange cross, open a dot (a ring if optional)."""
    x, y = centre
    if status == MET:
        pygame.draw.circle(surf, palette.WON, centre, r)
        pygame.draw.lines(surf, palette.TEXT_LIGHT, False, [(x - r * 0.5, y), (x - r * 0.1, y + r * 0.45),
                                                            (x + r * 0.55, y - r * 0.45)], 2)
    elif status == FAILED:
        pygame.draw.line(surf, palette.LOST, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surf, palette.LOST, (x - r, y + r), (x + r, y - r), 3)
    else:
        pygame.draw.circle(surf, palette.TEXT, centre, max(2, r // 2), 0 if required else 1)


# Orders that leave the unit in a posture once carried out (the card names it, not "standing").
POSTURES = frozenset({OrderKind.BRACE, OrderKind.BERLINDUNG})


class Panels:
    def __init__(self, screen: PlayScreen) -> None:
        self.screen = screen
        self.world = screen.world
        self.feed_places: list[tuple[pygame.Rect, tuple[float, float]]] = []  # alert lines of the feed
        self._since_read = READ_EVERY_S
        self.counts: dict = {}
        self.loads: list[tuple[str, float, float]] = []
        self.last_stage = 0
        self.violations = 0
        self._seen_violations = 0
        self._minimap: pygame.Surface | None = None
        self._minimap_dots: pygame.Surface | None = None
        self._minimap_camera: Camera | None = None
        self.rects: dict[str, pygame.Rect] = {}
        self.cards: list[tuple[pygame.Rect, object]] = []
        self._overlay = None
        self._legend_rows: Legend | None = None
        self.legend_at: pygame.Rect | None = None  # where the legend goes, chosen once a layout
        self._overlay_legend_at: pygame.Rect | None = None  # where the heatmap's legend went last
        self.update(force=True)

    @property
    def lang(self) -> str:
        return self.screen.lang

    def t(self, key: str, **values) -> str:
        return self.screen.t(key, **values)

    # --- layout ---

    def build(self, size: tuple[int, int]) -> None:
        s, sc = self.screen.style, self.screen
        w, h = size
        add = sc.buttons.add
        self.legend_at = None
        top_h = s.px(40)
        right_w = min(s.px(300), w // 3)
        self.rects = {"top": pygame.Rect(0, 0, w, top_h), "right": pygame.Rect(w - right_w, top_h, right_w, h - top_h)}
        # Top bar, right to left: menu, legend, overlays, speed, pause.
        bh = s.px(28)
        y = (top_h - bh) // 2
        x = w - s.pad
        items = [
            (self.t("play.menu"), sc.open_pause_menu, self.t("play.menu_tip"), "Esc", False),
            (self.t("play.legend"), sc.toggle_legend, self.t("play.legend_tip"), "K", sc.show_legend),
            (self.t("overlay.pressure"), partial(self._set_overlay, "pressure"), self.t("overlay.pressure_tip"), "O",
             sc.overlay == "pressure"),
            (self.t("overlay.density"), partial(self._set_overlay, "density"), self.t("overlay.density_tip"), "O",
             sc.overlay == "density"),
            *[(f"{v}×", partial(sc.set_speed, v), self.t("play.speed_tip", n=v), "", sc.speed == v and not sc.paused)
              for v in (4, 2, 1)],
            (self.t("play.start") if sc.awaiting_start else self.t("play.pause"), lambda: sc.set_paused(not sc.paused),
             self.t("play.start_tip") if sc.awaiting_start else self.t("play.pause_tip"), self.t("key.space"),
             sc.paused and not sc.awaiting_start),
        ]
        for label, action, tip, key, active in items:
            bw = max(s.px(44), TEXT.width(label, s.small) + (TEXT.width(key, s.small) + s.pad if key else 0) + 2 * s.pad)
            x -= bw
            add(Button(pygame.Rect(x, y, bw, bh), label, action, tip, None, key, active=active))
            x -= s.px(4)
        self.rects["top_buttons_left"] = pygame.Rect(x, 0, 0, 0)
        self._build_bottom(size, right_w)

    def _build_bottom(self, size: tuple[int, int], right_w: int) -> None:
        s, sc = self.screen.style, self.screen
        w, h = size
        add = sc.buttons.add
        area_w = w - right_w - 2 * s.pad
        units = self.world.units
        min_card = s.px(124)
        cols = max(1, min(len(units), area_w // min_card))
        rows = math.ceil(len(units) / cols) if units else 0
        card_w = min(s.px(240), (area_w - (cols - 1) * s.px(4)) // cols)  # room for a status line
        card_h = s.px(60)
        top = h - s.pad - rows * card_h - (rows - 1) * s.px(4)
        self.cards = []
        for i, unit in enumerate(units):
            r, c = divmod(i, cols)
            rect = pygame.Rect(s.pad + c * (card_w + s.px(4)), top + r * (card_h + s.px(4)), card_w, card_h)
            tip = self.t("card.tip", unit=unit.id, type=text(f"unit.{unit.type}", self.lang), hotkey=str((i + 1) % 10)) \
                if i < 10 else self.t("card.tip_nokey", unit=unit.id, type=text(f"unit.{unit.type}", self.lang))
            add(Button(rect, "", partial(self._card_click, unit), tip, active=unit in sc.selected))
            self.cards.append((rect, unit))
        # The order bar: the selection's orders, then its formations, flowing into rows upwards.
        buttons = []
        for key in commands.orders_for(sc.selected):
            label = text(f"order.{key.kind}", self.lang)
            tip = self._order_tip(key.kind)
            buttons.append((label, partial(sc.order_key, key), tip, key.key, key.key_label,
                            sc.targeting is not None and sc.targeting.kind is key.kind))
        for formation, hotkey, key_label in commands.formations_for(sc.selected):
            buttons.append((text(f"formation.{formation}", self.lang), partial(sc.formation, formation),
                            self.t("formation_tip", name=text(f"formation.{formation}", self.lang),
                                   what=text(f"formation_tip.{formation}", self.lang)),
                            hotkey, key_label, False))
        bh, gap = s.px(30), s.px(4)
        rows_of: list[list[tuple]] = [[]]
        x = 0
        for b in buttons:
            # the label, its hotkey half a pad apart, a pad each side (as `Button.draw` lays them)
            bw = TEXT.width(b[0], s.small) + TEXT.width(b[4], s.small) + 2 * s.pad + s.pad // 2
            if x + bw > area_w and rows_of[-1]:
                rows_of.append([])
                x = 0
            rows_of[-1].append((b, bw))
            x += bw + gap
        y = top - s.pad - bh
        for row in reversed(rows_of):
            x = s.pad
            for (label, action, tip, hotkey, key_label, active), bw in row:
                add(Button(pygame.Rect(x, y, bw, bh), label, action, tip, hotkey, key_label, active=active))
                x += bw + gap
            y -= bh + gap
        # The map ends above the order bar, kept two rows high whatever is selected (so the
        # view does not jump with the selection) and higher only if a selection needs it.
        rows = max(ORDER_ROWS, len(rows_of))
        orders_top = top - s.pad - rows * bh - (rows - 1) * gap
        self.rects["orders"] = pygame.Rect(s.pad, orders_top, area_w, top - orders_top)
        top_h = self.rects["top"].bottom
        map_bottom = max(orders_top - s.pad, top_h + s.px(100))
        self.rects["map"] = pygame.Rect(0, top_h, w - right_w, map_bottom - top_h)
        self.rects["bottom"] = pygame.Rect(0, map_bottom, w - right_w, h - map_bottom)

    def _order_tip(self, kind) -> str:
        stage = ORDER_SPECS[kind].stage
        return self.t("order_tip", name=text(f"order.{kind}", self.lang), what=text(f"order_tip.{kind}", self.lang),
                      stage=stage, stage_name=text(f"stage.{stage}", self.lang))

    def _card_click(self, unit) -> None:
        add = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
        self.screen.select([unit], add=add)

    def _set_overlay(self, kind: str) -> None:
        self.screen.overlay = None if self.screen.overlay == kind else kind
        self.screen.layout(self.screen.app.size)

    def covers(self, pos: tuple[int, int]) -> bool:
        """Whether a click at `pos` falls on a panel rather than the map."""
        return any(self.rects[k].collidepoint(pos) for k in ("top", "right", "bottom")) or \
            any(r.collidepoint(pos) for r, _ in self.cards)

    # --- reading the world ---

    def update(self, dt_s: float = 0.0, force: bool = False) -> None:
        self._since_read += dt_s
        if not force and self._since_read < READ_EVERY_S:
            return
        self._since_read = 0.0
        w = self.world
        self.counts = w.mood.counts()
        self.loads = sorted(((u.id, load, hold) for u, load, hold in w.lines_held()), key=lambda x: -x[1])[:3]
        effective = [i for i in w.command.log if i.status in ("active", "done")]
        self.last_stage = effective[-1].stage if effective else 0
        self.violations = len(w.ladder.violations) + w.ladder.skipped_steps
        if self.violations > self._seen_violations:
            self.screen.feed.add(w.t, "feed.violation", "bad", n=self.violations)
            self._seen_violations = self.violations
        self._minimap_dots = None

    # --- drawing ---

    def draw_overlay(self, surf: pygame.Surface, kind: str) -> None:
        """The heatmap (drawn on the map, under the people)."""
        from sispam.ui.overlays import Overlay

        if self._overlay is None:
            self._overlay = Overlay(self.world)
        self._overlay.draw(surf, self.screen.camera, kind, self.lang, legend=False)

    def draw_overlay_legend(self, surf: pygame.Surface, kind: str) -> pygame.Rect | None:
        """The heatmap's legend; returns where it went."""
        if self._overlay is None:
            return None
        s = self.screen.style
        self._overlay_legend_at = self._overlay.draw_legend(surf, kind, self.lang, (s.pad, self.rects["top"].bottom + s.pad))
        return self._overlay_legend_at

    def draw(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """The top bar, the right column, the bottom strip (under the order bar and the cards:
        the map does not show past its frame there) and the legend; returns their rects (all
        solid)."""
        self._top(surf)
        self._right(surf)
        surf.fill(palette.PANEL_SOLID, self.rects["bottom"])
        legend = [self._legend(surf)] if self.screen.show_legend else []
        return [self.rects["top"], self.rects["right"], self.rects["bottom"], *legend]

    def draw_after_buttons(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """The unit cards, the tutorial's hint and the aiming mark; returns where they went."""
        return [*self._cards(surf), self._hint(surf), *self._targeting(surf)]

    def _top(self, surf: pygame.Surface) -> None:
        s, w = self.screen.style, self.world
        rect = self.rects["top"]
        panel(surf, rect, palette.PANEL_SOLID)
        x = s.pad
        cy = rect.centery
        end = self.rects["top_buttons_left"].left - s.pad
        colour = str(w.situation.colour)
        t_text = f"{clock(w.t)} / {clock(self.screen.scenario.duration_s)}"
        r = blit_text(surf, t_text, s.body, (x, cy), colour=palette.TEXT, bold=True, anchor="midleft")
        x = r.right + s.pad * 2
        sw = s.px(14)
        pygame.draw.rect(surf, palette.SITUATION[colour], (x, cy - sw // 2, sw, sw))
        pygame.draw.rect(surf, palette.PANEL_BORDER, (x, cy - sw // 2, sw, sw), 1)
        x += sw + s.pad // 2
        sit = f"{text('situation', self.lang)}: {text('situation.' + colour, self.lang)}"
        r = blit_text(surf, sit, s.body, (x, cy), max(end - x, 1), anchor="midleft")
        x = r.right + s.pad * 2
        branch = self.screen.recorder.branch_of if self.screen.recorder is not None else None
        if branch is not None and end - x > s.px(60):
            # A replay taken over: say so, and from which replay and moment (the run is recorded
            # as a branch of it, not as the trainee's own first run).
            said = TEXT.fit(self.t("play.branch", replay=str(branch["replay"]), t=clock(float(branch["at_t"]))),
                            s.small, end - x - s.pad, True)
            font = TEXT.font(s.small, True)
            tag = pygame.Rect(x, 0, font.size(said)[0] + s.pad, font.get_linesize() + s.px(4))
            tag.centery = cy
            pygame.draw.rect(surf, palette.BUTTON_ACTIVE, tag, border_radius=s.px(3))
            blit_text(surf, said, s.small, tag.center, bold=True, anchor="center")
            x = tag.right + s.pad * 2
        if end - x > s.px(60):
            title = getattr(self.screen.scenario.title, self.lang)
            blit_text(surf, title, s.small, (x, cy), end - x, palette.TEXT_MUTED, anchor="midleft")

    def _section(self, surf: pygame.Surface, y: int, title: str) -> int:
        s = self.screen.style
        right = self.rects["right"]
        blit_text(surf, title, s.small, (right.left + s.pad, y), right.width - 2 * s.pad, bold=True)
        return y + TEXT.font(s.small, True).get_linesize() + s.px(2)

    def _right(self, surf: pygame.Surface) -> None:
        s = self.screen.style
        right = self.rects["right"]
        panel(surf, right, palette.PANEL_SOLID)
        x0, inner = right.left + s.pad, right.width - 2 * s.pad
        y = right.top + s.pad
        # Crowd mood: the behaviour classes as one bar.
        y = self._section(surf, y, self.t("panel.mood"))
        c = self.counts
        classes = [(palette.BEHAVIOUR[b], c.get(b.name.lower(), 0)) for b in Behaviour]
        total = sum(n for _, n in classes)
        bar = pygame.Rect(x0, y, inner, s.px(12))
        pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
        xx = bar.left
        for colour, n in classes:
            seg = round(inner * n / total) if total else 0
            pygame.draw.rect(surf, colour, (xx, bar.top, seg, bar.height))
            xx += seg
        pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
        y = bar.bottom + s.px(3)
        parts = "  ".join(f"{b.name.lower()} {c.get(b.name.lower(), 0)}" for b in Behaviour)
        blit_text(surf, parts, s.small, (x0, y), inner)
        y += TEXT.font(s.small).get_linesize()
        more = self.t("panel.mood_more", injured=c.get("injured", 0), arrested=c.get("arrested", 0),
                      breaches=self.world.breaches)
        blit_text(surf, more, s.small, (x0, y), inner, palette.TEXT_MUTED)
        y += TEXT.font(s.small).get_linesize() + s.pad
        # Line load.
        y = self._section(surf, y, self.t("panel.load"))
        if not self.loads:
            blit_text(surf, self.t("panel.no_line"), s.small, (x0, y), inner, palette.TEXT_MUTED)
            y += TEXT.font(s.small).get_linesize()
        for unit_id, load, capacity in self.loads:
            share = min(load / capacity, 1.0) if capacity > 0 else 0.0
            label = f"{unit_id} {load / 1000:.1f} kN"
            blit_text(surf, label, s.small, (x0, y), inner * 3 // 5)
            bar = pygame.Rect(x0 + inner * 3 // 5 + s.pad, y + s.px(3), inner * 2 // 5 - s.pad, s.px(9))
            pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
            colour = STAGE_COLOURS[0] if share < 0.5 else STAGE_COLOURS[3] if share < 0.85 else STAGE_COLOURS[4]
            pygame.draw.rect(surf, colour, (bar.left, bar.top, round(bar.width * share), bar.height))
            pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
            y += TEXT.font(s.small).get_linesize()
        y += s.pad
        # Force ladder: five stages, the highest used filled, the last used outlined.
        y = self._section(surf, y, self.t("panel.ladder"))
        top_stage = self.world.ladder.max_stage
        cell = (inner - 4 * s.px(3)) // 5
        for k in range(1, 6):
            r = pygame.Rect(x0 + (k - 1) * (cell + s.px(3)), y, cell, s.px(18))
            pygame.draw.rect(surf, STAGE_COLOURS[k - 1] if k <= top_stage else palette.BUTTON_DISABLED, r)
            pygame.draw.rect(surf, palette.TEXT if k == self.last_stage else palette.PANEL_BORDER, r,
                             s.px(3) if k == self.last_stage else 1)
            blit_text(surf, str(k), s.small, r.center, anchor="center")
        y += s.px(18) + s.px(3)
        last = self.t("panel.last_stage", stage=self.last_stage,
                      name=text(f"stage.{self.last_stage}", self.lang)) if self.last_stage else self.t("panel.no_force")
        blit_text(surf, last, s.small, (x0, y), inner)
        y += TEXT.font(s.small).get_linesize()
        v_colour = palette.LOST if self.violations else palette.TEXT_MUTED
        blit_text(surf, self.t("panel.violations", n=self.violations), s.small, (x0, y), inner, v_colour)
        y += TEXT.font(s.small).get_linesize() + s.pad
        # Objectives.
        y = self._section(surf, y, self.t("panel.objectives"))
        line_h = TEXT.font(s.small).get_linesize()
        minimap_top = self._minimap_rect().top
        for state in self.world.objectives.states:
            colour = palette.WON if state.status == MET else palette.LOST if state.status == FAILED else palette.TEXT
            lines = TEXT.wrap(objective_label(state, self.lang), s.small, inner - s.px(16))[:2]
            if y + line_h > minimap_top:
                break
            status_mark(surf, (x0 + s.px(6), y + line_h // 2), s.px(5), state.status, state.objective.required)
            for line in lines:
                if y + line_h > minimap_top:
                    break
                blit_text(surf, line, s.small, (x0 + s.px(16), y), inner - s.px(16), colour)
                y += line_h
        y += s.pad
        # Event feed, newest first, down to the minimap.
        y = self._section(surf, y, self.t("panel.feed"))
        self.feed_places = []
        for line in self.screen.feed.lines:
            parts = TEXT.wrap(f"{clock(line.t)}  {line.text(self.lang)}", s.small, inner)
            if y + line_h * len(parts[:3]) > minimap_top - s.pad:
                break
            top = y
            for part in parts[:3]:
                blit_text(surf, part, s.small, (x0, y), inner, FEED_COLOURS.get(line.kind, palette.TEXT))
                y += line_h
            if line.at is not None:  # an alert: a click on it looks there
                self.feed_places.append((pygame.Rect(x0, top, inner, y - top), line.at))
        self._draw_minimap(surf)

    def feed_place(self, pos: tuple[int, int]) -> tuple[float, float] | None:
        """The place of the alert line of the feed under `pos`, if there is one."""
        return next((at for rect, at in self.feed_places if rect.collidepoint(pos)), None)

    # --- minimap ---

    def _minimap_rect(self) -> pygame.Rect:
        s = self.screen.style
        right = self.rects["right"]
        mw, mh = self.world.scenario.size
        width = right.width - 2 * s.pad
        height = min(round(width * mh / mw), right.height // 3)
        return pygame.Rect(right.left + s.pad, right.bottom - s.pad - height, width, height)

    def _draw_minimap(self, surf: pygame.Surface) -> None:
        rect = self._minimap_rect()
        if self._minimap is None or self._minimap.get_size() != rect.size:
            self._minimap_camera = Camera(rect.size, self.world.scenario.size)
            self._minimap_camera.fit(margin_px=0)
            self._minimap = MapLayer(self.world.scenario, labels=False).surface(self._minimap_camera).copy()
            self._minimap_dots = None
        cam = self._minimap_camera
        if self._minimap_dots is None:
            dots = self._minimap.copy()
            b = self.world.bodies
            px = cam.to_screen(b.pos).astype(int)
            ok = (px[:, 0] >= 0) & (px[:, 0] < rect.width - 1) & (px[:, 1] >= 0) & (px[:, 1] < rect.height - 1)
            crowd = ok.copy()
            crowd[b.n_crowd:] = False
            crowd &= b.state == BodyState.ACTIVE
            police = ok.copy()
            police[: b.n_crowd] = False
            police &= b.state == BodyState.ACTIVE
            # Each person a 2x2 dot: the crowd in its behaviour colours, officers dark blue.
            colours = np.array([palette.BEHAVIOUR[c] for c in Behaviour] + [palette.OFFICER_DOT], np.uint8)
            key = np.full(b.n, len(Behaviour))
            key[: b.n_crowd] = self.world.crowd.behaviour()
            shown = crowd | police
            p, k = px[shown], key[shown]
            rgb = pygame.surfarray.pixels3d(dots)
            for dx in (0, 1):
                for dy in (0, 1):
                    rgb[p[:, 0] + dx, p[:, 1] + dy] = colours[k]
            del rgb
            self._minimap_dots = dots
        surf.blit(self._minimap_dots, rect)
        # The main view's rectangle.
        main = self.screen.camera
        w, h = main.screen_size
        corners = cam.to_screen(np.array([main.to_world((0, 0)), main.to_world((w, h))]))
        view = pygame.Rect(corners[0], corners[1] - corners[0]).clip(pygame.Rect((0, 0), rect.size)).move(rect.topleft)
        pygame.draw.rect(surf, palette.SELECTION, view, 2)
        pygame.draw.rect(surf, palette.PANEL_BORDER, rect, 1)

    def minimap_click(self, pos: tuple[int, int]) -> bool:
        """A click on the minimap centres the view there."""
        if "right" not in self.rects or self._minimap_camera is None:
            return False
        rect = self._minimap_rect()
        if not rect.collidepoint(pos):
            return False
        self.screen.camera.centre_on(self._minimap_camera.to_world((pos[0] - rect.left, pos[1] - rect.top)))
        return True

    # --- bottom ---

    def _cards(self, surf: pygame.Surface) -> list[pygame.Rect]:
        s, w = self.screen.style, self.world
        b, off = w.bodies, w.officers
        for rect, unit in self.cards:
            inner = rect.inflate(-2 * s.px(6), -2 * s.px(4))
            sw = s.px(10)
            pygame.draw.rect(surf, palette.UNIT[unit.type], (inner.left, inner.top + s.px(3), sw, sw))
            pygame.draw.rect(surf, palette.PANEL_BORDER, (inner.left, inner.top + s.px(3), sw, sw), 1)
            blit_text(surf, unit.id, s.small, (inner.left + sw + s.px(4), inner.top), inner.width - sw - s.px(4),
                      bold=True)
            rows = slice(unit.first, unit.first + unit.count)
            standing = int((b.state[rows] == BodyState.ACTIVE).sum())
            if unit.id in w.vehicles.by_unit:  # the crew rides in the vehicle
                standing = int((b.state[rows] != BodyState.DOWN).sum())
            if unit.on_request and not unit.arrived:
                status = self.t("card.reserve")
            elif not unit.arrived:
                status = self.t("card.arriving", t=clock(unit.arrival_s))
            else:
                status = self._card_status(unit)
            line_h = TEXT.font(s.small).get_linesize()
            bar = pygame.Rect(inner.left, inner.bottom - s.px(8), inner.width, s.px(7))
            # A long status ("Membentuk Tali Dalmas dalam 2 s") takes a second line where the card
            # has room; past that, the orders' terms alone, not cut in the middle.
            room = max(1, (bar.top - inner.top - line_h) // line_h)
            lines = TEXT.wrap(f"{standing}/{unit.count} · {status}", s.small, inner.width)
            if len(lines) > room:
                lines = TEXT.wrap(f"{standing}/{unit.count} · {self._card_status(unit, short=True)}", s.small,
                                  inner.width)
            for k, line in enumerate(lines[:room]):
                blit_text(surf, line, s.small, (inner.left, inner.top + (1 + k) * line_h), inner.width,
                          palette.TEXT_MUTED)
            fatigue = float(off.fatigue[rows.start - b.n_crowd: rows.stop - b.n_crowd].mean()) if unit.count else 0.0
            pygame.draw.rect(surf, palette.BUTTON_DISABLED, bar)
            pygame.draw.rect(surf, STAGE_COLOURS[3], (bar.left, bar.top, round(bar.width * fatigue), bar.height))
            pygame.draw.rect(surf, palette.PANEL_BORDER, bar, 1)
        return [rect for rect, _ in self.cards]

    def _legend(self, surf: pygame.Surface) -> pygame.Rect:
        at = self.legend_rect()
        assert self._legend_rows is not None  # made by legend_rect
        return self._legend_rows.draw(surf, at.topleft)

    def legend_rect(self) -> pygame.Rect:
        """Where the legend goes in this layout (chosen once, the same whether or not it has
        been drawn yet this frame)."""
        s = self.screen.style
        legend = self._legend_rows
        if legend is None or (legend.lang, legend.size_px) != (self.lang, s.small):
            legend = self._legend_rows = Legend(self.world, self.lang, s.small)
            self.legend_at = None
        if self.legend_at is None:
            self.legend_at = self.legend_place(legend.size())
        return self.legend_at

    def legend_place(self, size: tuple[int, int]) -> pygame.Rect:
        """Where a legend of `size` goes: the corner of the map (bottom-left, top-left,
        bottom-right, top-right, the first of the best) that hides least of what the trainee
        must see: where the crowd comes from or stands, his units, the gates, the tutorial's
        hint and the heatmap's legend. Chosen for the camera of each layout, so it does not
        wander while the view pans."""
        s = self.screen.style
        top, bottom = self.rects["top"].bottom + s.pad, self.rects["orders"].top - s.pad
        left, right = s.pad, self.rects["right"].left - s.pad
        w, h = size
        corners = [pygame.Rect(left, bottom - h, w, h), pygame.Rect(left, top, w, h),
                   pygame.Rect(right - w, bottom - h, w, h), pygame.Rect(right - w, top, w, h)]
        keep = self._keep_clear()

        def hidden(rect: pygame.Rect) -> int:
            return sum(c.width * c.height for c in (rect.clip(k) for k in keep))

        return min(corners, key=hidden)  # min keeps the first of equals

    def _keep_clear(self) -> list[pygame.Rect]:
        """The screen rects a panel over the map should not hide (see `legend_place`)."""
        from sispam.sim.geometry import shape_bounds
        from sispam.sim.scenario import ObstacleKind, ZoneRole
        from sispam.ui.world_view import SUPPORT_UNITS

        cam, w, sc = self.screen.camera, self.world, self.screen
        b = w.bodies

        def box(points) -> pygame.Rect:
            p = cam.to_screen(np.asarray(points, float).reshape(-1, 2))
            lo, hi = p.min(axis=0), p.max(axis=0)
            return pygame.Rect(int(lo[0]) - 4, int(lo[1]) - 4, int(hi[0] - lo[0]) + 9, int(hi[1] - lo[1]) + 9)

        scenario = w.scenario
        areas = [shape_bounds(z.shape) for z in scenario.zones if z.role is ZoneRole.SPAWN]
        areas += [shape_bounds(o.shape) for o in scenario.obstacles if o.kind is ObstacleKind.GATE]
        keep = [box([(x0, y0), (x1, y1)]) for x0, y0, x1, y1 in areas]
        for unit in w.units:
            rows = slice(unit.first, unit.first + unit.count)
            on = b.state[rows] == BodyState.ACTIVE
            if unit.arrived and unit.type not in SUPPORT_UNITS and on.any():
                keep.append(box(b.pos[rows][on]))
        crowd = b.pos[: b.n_crowd][b.state[: b.n_crowd] == BodyState.ACTIVE]
        if len(crowd):
            keep.append(box(np.percentile(crowd, (5, 95), axis=0)))
        hint = self.hint_rect()
        if hint is not None:
            keep.append(hint)
        if sc.overlay is not None and self._overlay_legend_at is not None:
            keep.append(self._overlay_legend_at)
        return keep

    def hint_rect(self) -> pygame.Rect | None:
        """Where the tutorial's hint goes (centred under the top bar), None if there is none."""
        line = self.screen.hint_text()
        if line is None:
            return None
        s = self.screen.style
        right = self.rects["right"]
        width = min(s.px(520), right.left - 2 * s.pad)
        lines = TEXT.wrap(line, s.body, width - 2 * s.pad)
        return pygame.Rect((right.left - width) // 2, self.rects["top"].bottom + s.pad, width,
                           TEXT.font(s.small, True).get_linesize() + TEXT.font(s.body).get_linesize() * len(lines)
                           + 2 * s.pad)

    def hint_close_rect(self) -> pygame.Rect | None:
        """The hint's close control (a cross in its top-right corner), the only part of the
        hint that takes a click: elsewhere a click goes to the map under it."""
        rect = self.hint_rect()
        if rect is None:
            return None
        s = self.screen.style
        side = TEXT.font(s.small, True).get_linesize()
        return pygame.Rect(rect.right - side - s.px(4), rect.top + s.px(4), side, side)

    def _hint(self, surf: pygame.Surface) -> pygame.Rect | None:
        rect = self.hint_rect()
        if rect is None:
            return None
        s = self.screen.style
        width = rect.width
        lines = TEXT.wrap(self.screen.hint_text() or "", s.body, width - 2 * s.pad)
        line_h = TEXT.font(s.body).get_linesize()
        head_h = TEXT.font(s.small, True).get_linesize()
        panel(surf, rect, palette.TOOLTIP, palette.SELECTION)
        blit_text(surf, self.t("hint.title"), s.small, (rect.left + s.pad, rect.top + s.pad), width - 2 * s.pad,
                  palette.TEXT_MUTED, bold=True)
        for i, line in enumerate(lines):
            blit_text(surf, line, s.body, (rect.left + s.pad, rect.top + s.pad + head_h + i * line_h))
        close = self.hint_close_rect()
        assert close is not None  # there is a hint
        hover = close.collidepoint(self.screen.mouse)
        pygame.draw.rect(surf, palette.SELECTION if hover else palette.PANEL_BORDER, close, 1)
        blit_text(surf, "×", s.small, close.center, colour=palette.TEXT if hover else palette.TEXT_MUTED, bold=True,
                  anchor="center")
        return rect

    def _targeting(self, surf: pygame.Surface) -> list[pygame.Rect]:
        key = self.screen.targeting
        if key is None:
            return []
        s = self.screen.style
        x, y = self.screen.mouse
        r = s.px(10)
        pygame.draw.circle(surf, palette.SELECTION, (x, y), r, 2)
        pygame.draw.line(surf, palette.SELECTION, (x - 2 * r, y), (x + 2 * r, y), 1)
        pygame.draw.line(surf, palette.SELECTION, (x, y - 2 * r), (x, y + 2 * r), 1)
        cross = pygame.Rect(x - 2 * r - 1, y - 2 * r - 1, 4 * r + 3, 4 * r + 3)
        prompt = self.t(f"play.aim.{key.target}", order=text(f"order.{key.kind}", self.lang))
        img = TEXT.render(TEXT.fit(prompt, s.small, s.px(420)), s.small)
        box = img.get_rect(topleft=(x + 2 * r, y + r)).inflate(2 * s.pad, s.pad)
        box.clamp_ip(surf.get_rect())
        panel(surf, box, palette.TOOLTIP)
        surf.blit(img, img.get_rect(center=box.center))
        return [cross, box]

    # --- marks on the map ---

    def draw_world_marks(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """Role marks, the selection, the preview of a line being dragged and the selection box;
        returns where they went."""
        cam, w = self.screen.camera, self.world
        b = w.bodies
        drawn = []
        for unit in self.screen.selected:
            rows = slice(unit.first, unit.first + unit.count)
            on = b.state[rows] == BodyState.ACTIVE
            ring = max(3.0, (unit.spec.radius_m + 0.25) * cam.scale)
            drawn.append(_union([pygame.draw.circle(surf, palette.SELECTION, (x, y), ring, 1)
                                 for x, y in cam.to_screen(b.pos[rows][on]).tolist()]))
            vehicle = w.vehicles.by_unit.get(unit.id)
            if vehicle is not None:
                c = cam.to_screen(vehicle.pos[None])[0]
                drawn.append(pygame.draw.circle(surf, palette.SELECTION, c.tolist(), max(6.0, 3.5 * cam.scale), 2))
            if unit.arrived and unit.type in LINE_UNITS:  # a negotiator or a team has no front to show
                drawn += self._front(surf, unit, unit.anchor, unit.facing_deg, unit.width_m, palette.SELECTION,
                                     dots=False)
        drawn += self._order_traces(surf)
        for alert, age in self.screen.alerts.marks():  # a ring that pulses, then fades
            c = cam.to_screen(np.array([alert.at]))[0].tolist()
            pulse = 0.5 + 0.5 * math.sin(age * 8 * math.pi)
            ring = max(10.0, 3.0 * cam.scale) * (1.0 + 0.35 * pulse)
            drawn.append(pygame.draw.circle(surf, palette.ALERT, c, ring, 3))
        preview = self.screen.preview()
        for order in preview:
            unit = w.command.unit(order.unit)
            drawn += self._front(surf, unit, order.point, order.facing_deg, order.width_m, palette.SELECTION, dots=True)
        if preview and self.screen.snapped is not None:  # closing a gate: its posts are marked
            ring = max(6.0, 0.8 * cam.scale)
            drawn += [pygame.draw.circle(surf, palette.SELECTION, (x, y), ring, 2)
                      for x, y in cam.to_screen(self.screen.snapped).tolist()]
        box = self.screen.box()
        if box is not None:
            drawn.append(pygame.draw.rect(surf, palette.SELECTION, box, 1))
        return drawn

    def _card_status(self, unit, short: bool = False) -> str:
        """What a unit does now: an order still coming down the chain of command (with its
        seconds left), the order it carries out, standing in line once formed, or how its last
        order ended if it failed; else standing by. Orders by their full names, or if `short`
        by their terms alone (`order_term`)."""
        w = self.world

        def called(order) -> str:
            return order_term(order.kind, self.lang) if short else order_name(order, self.lang)

        coming = w.command.coming(unit.id)
        if coming is not None:
            return self.t("card.coming", order=called(coming.order),
                          t=f"{max(0.0, coming.t_effective - w.t):.0f}")
        op = w.command.active.get(unit.id)
        if op is not None and not op.done and op.issued.status == "active":
            if op.returning:
                return self.t("card.returning")
            if op.order.kind is OrderKind.FORM and w.lines.formed(unit):
                return self._in_line(unit)
            if isinstance(op, Negotiate) and op.korlap is not None:  # walking up, then talking
                if op.talked_s > 0:
                    return self.t("card.talking")
                gap = surface_gap(w, w.standing(unit), op.korlap)
                return self.t("card.to_korlap", m=f"{float(gap.min()) if len(gap) else 0.0:.0f}")
            return called(op.order)
        last = next((i for i in reversed(w.command.log) if i.order.unit == unit.id), None)
        if last is not None and last.outcome.get("result") == "failed":
            return self.t("card.failed", order=called(last.order))
        if unit.order in POSTURES and w.lines.formed(unit):  # braced or shields up: the posture holds
            return order_term(unit.order, self.lang) if short else text(f"order.{unit.order}", self.lang)
        return self._in_line(unit) if unit.order is OrderKind.FORM and w.lines.formed(unit) else self.t("card.standing")

    def _in_line(self, unit) -> str:
        """A line unit formed up: the formation it holds, in position."""
        if unit.type not in LINE_UNITS:
            return self.t("card.in_line")
        return self.t("card.in_formation", formation=text(f"formation.{unit.formation}", self.lang))

    def _order_traces(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """Every unit's order until it is done: a thin line from the unit to where it goes (or
        aims), the new front of a line still forming, and an order still passing down the chain
        of command (its command delay) marked with the seconds left before it takes effect."""
        cam, w = self.screen.camera, self.world
        drawn: list[pygame.Rect] = []
        colour, waiting = palette.ORDER_TRACE, palette.ORDER_WAITING
        for issued in w.command.log:
            if issued.status not in ("pending", "given", "active") or not w.command.given_by_now(issued):
                continue  # done, or not given yet (a replay's or a plan's order still to come)
            o = issued.order
            unit = w.command.unit(o.unit)
            if not unit.arrived:
                continue
            target = self._order_target(issued)
            if issued.status == "active":
                op = w.command.active.get(o.unit)
                if op is None or op.done or op.returning or op.issued is not issued:
                    continue
                if o.kind is OrderKind.FORM and w.lines.formed(unit):
                    continue
            centre = commands.unit_centre(w, unit)
            ink = colour if issued.status == "active" else waiting
            if target is not None:
                a, b = cam.to_screen(np.array([centre, target])).tolist()
                drawn.append(_dashed(surf, ink, a, b))
                drawn.append(pygame.draw.circle(surf, ink, b, max(4.0, 0.5 * cam.scale), 2))
            if o.kind is OrderKind.FORM and o.point is not None:
                drawn += self._front(surf, unit, o.point, o.facing_deg if o.facing_deg is not None else unit.facing_deg,
                                     o.width_m if o.width_m is not None else unit.width_m, ink, dots=False)
            if issued.status != "active":
                left = max(0.0, issued.t_effective - w.t)
                spot = cam.to_screen(np.array([target if target is not None else centre]))[0].tolist()
                drawn.append(blit_text(surf, f"{left:.0f} s", self.screen.style.small,
                                       (spot[0] + 8, spot[1] - 8), colour=waiting, bold=True, anchor="bottomleft"))
        return drawn

    def _order_target(self, issued) -> tuple[float, float] | None:
        """Where an order goes or aims: its point, or the person it names (where he is now), or
        for a negotiation under way the korlap it talks with."""
        o, b = issued.order, self.world.bodies
        op = self.world.command.active.get(o.unit)
        if isinstance(op, Negotiate) and op.issued is issued and op.korlap is not None:
            return tuple(map(float, b.pos[op.korlap]))
        if o.person is not None and 0 <= o.person < b.n and b.state[o.person] == BodyState.ACTIVE:
            return tuple(map(float, b.pos[o.person]))
        return None if o.point is None else (float(o.point[0]), float(o.point[1]))

    def _front(self, surf: pygame.Surface, unit, anchor, facing_deg: float, width_m: float | None, colour,
               dots: bool) -> list[pygame.Rect]:
        """A unit's front: the line from its end slots with an arrow the way it faces; with
        `dots`, every slot (the preview of where the officers will stand). Returns where it went."""
        cam = self.screen.camera
        slots = world_slots(slot_offsets(unit.formation, unit.count, unit.spec.spacing_m, width_m, unit.ranks,
                                         unit.rank_spacing_m), anchor, facing_deg)
        f = math.radians(facing_deg)
        right = np.array([math.sin(f), -math.cos(f)])
        along = (slots - np.asarray(anchor)) @ right
        ends = np.asarray(anchor) + np.outer([along.min(), along.max()], right)
        a, b_ = cam.to_screen(ends).tolist()
        drawn = [pygame.draw.line(surf, colour, a, b_, 2)]
        tip = cam.to_screen(np.asarray(anchor)[None] + np.array([[math.cos(f), math.sin(f)]]) * 3.0)[0].tolist()
        mid = cam.to_screen(np.asarray(anchor)[None])[0].tolist()
        drawn.append(pygame.draw.line(surf, colour, mid, tip, 2))
        drawn.append(pygame.draw.circle(surf, colour, tip, 3))
        if dots:
            r = max(2.0, unit.spec.radius_m * cam.scale * 0.6)
            drawn += [pygame.draw.circle(surf, colour, (x, y), r, 1) for x, y in cam.to_screen(slots).tolist()]
        return [_union(drawn)]


def order_term(kind, lang: str) -> str:
    """An order's name without the English gloss in brackets ("Negosiasi (negotiate)" is
    "Negosiasi"): on a unit's card when the whole name would cut the line; its button says the rest."""
    return text(f"order.{kind}", lang).split(" (")[0]


def _union(rects: list[pygame.Rect]) -> pygame.Rect | None:
    """The smallest rect round all of `rects` (None for none)."""
    return rects[0].unionall(rects[1:]) if rects else None


def _dashed(surf: pygame.Surface, colour, a, b, dash: float = 8.0) -> pygame.Rect:
    """A dashed line from a to b (screen pixels); returns where it went."""
    ax, ay = a
    length = math.hypot(b[0] - ax, b[1] - ay)
    n = max(1, int(length // (2 * dash)))
    rects = []
    for k in range(n):
        t0, t1 = 2 * k * dash / max(length, 1e-9), min((2 * k + 1) * dash / max(length, 1e-9), 1.0)
        p0 = (ax + (b[0] - ax) * t0, ay + (b[1] - ay) * t0)
        p1 = (ax + (b[0] - ax) * t1, ay + (b[1] - ay) * t1)
        rects.append(pygame.draw.line(surf, colour, p0, p1, 2))
    return _union(rects)
