"""The situation map on the briefing: the level's ground and buildings as the play screen draws
them (its `MapLayer`, at a scale that fits the panel), the protected zones outlined, where the
crowd gathers with an arrow to where it is heading, and each police unit at its starting place
in its colour with the number key that selects it in play; units that come later carry their
arrival time. `unit_legend` lists the same units in words, for beside the map."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pygame

from sispam.sim.scenario import Circle, GoalKind, PoliceUnit, Scenario, Zone, ZoneRole
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.describe import clock
from sispam.ui.i18n import text
from sispam.ui.map_layer import MapLayer, outline
from sispam.ui.widgets import TEXT, Style

# The crowd's gathering place and its arrow: orange (Okabe-Ito), apart from the police's blues
# and greens and the protected zone's blue outline.
CROWD: tuple[int, int, int] = (230, 159, 0)
LABEL_PLATE = (250, 250, 246)
MAP_MARGIN_PX = 6
KEYED_UNITS = 10  # keys 1..9 and 0 select the first ten units in play (PlayScreen)


def unit_key(index: int) -> str:
    """The number key that selects the `index`-th unit in play ("" past the tenth)."""
    return str((index + 1) % 10) if index < KEYED_UNITS else ""


def arrival_note(unit: PoliceUnit, lang: str) -> str:
    """When a unit that is not there at the start comes ("" for one that is)."""
    if unit.on_request:
        return text("briefing.map.on_request", lang).format(t=clock(unit.request_delay_s))
    if unit.arrival_s > 0:
        return text("briefing.map.arrives", lang).format(t=clock(unit.arrival_s))
    return ""


def _centre(zone_shape) -> np.ndarray:
    if isinstance(zone_shape, Circle):
        return np.array(zone_shape.center, float)
    return outline(zone_shape).mean(axis=0)


def _inside(shape, points: np.ndarray) -> np.ndarray:
    """Which of `points` (n, 2), in metres, lie in the area `shape` (even-odd rule)."""
    if isinstance(shape, Circle):
        return np.hypot(*(points - np.array(shape.center)).T) <= shape.radius
    poly = outline(shape)
    x, y = points[:, 0:1], points[:, 1:2]
    x0, y0 = poly[:, 0], poly[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    crosses = (y0 > y) != (y1 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at_x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
    return (crosses & (x < at_x)).sum(axis=1) % 2 == 1


def readable_on(colour) -> tuple[int, int, int]:
    """Black or white, whichever reads on `colour`."""
    r, g, b = colour[:3]
    return (20, 20, 20) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (255, 255, 255)


@dataclass(slots=True)
class UnitMark:
    """Where a unit is drawn on the situation map (screen pixels)."""

    unit: PoliceUnit
    key: str
    place: tuple[int, int]  # its starting place
    rect: pygame.Rect  # the mark: on its place, or beside it with a leader when a neighbour was there first
    label: pygame.Rect | None  # its name beside the mark, if there was room


class SituationMap:
    """The briefing's map of `scenario`, drawn into a panel of the screen."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.lang = lang
        self.layer = MapLayer(scenario)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.camera: Camera | None = None
        self.marks: list[UnitMark] = []
        self.labels: list[pygame.Rect] = []  # every text drawn on the map, in screen pixels

    def fitted(self, box: pygame.Rect) -> pygame.Rect:
        """The largest rectangle of the map's shape inside `box`, at its top and centred across."""
        mw, mh = self.scenario.size
        w = min(box.width, round(box.height * mw / mh))
        h = min(box.height, round(w * mh / mw))
        return pygame.Rect(box.left + (box.width - w) // 2, box.top, w, h)

    def place(self, rect: pygame.Rect) -> None:
        self.rect = rect
        self.camera = Camera(rect.size, self.scenario.size)
        self.camera.fit(MAP_MARGIN_PX)

    def _px(self, points) -> np.ndarray:
        assert self.camera is not None
        return self.camera.to_screen(np.asarray(points, float)) + np.array(self.rect.topleft, float)

    def _box_px(self, shape) -> tuple[np.ndarray, np.ndarray]:
        """The screen box round an area shape: its top-left and bottom-right corners."""
        if isinstance(shape, Circle):
            c, r = np.array(shape.center, float), shape.radius
            pts = self._px([c - r, c + r])
        else:
            pts = self._px(outline(shape))
        return pts.min(axis=0), pts.max(axis=0)

    def draw(self, surf: pygame.Surface, style: Style) -> None:
        if self.camera is None or self.rect.width < 40 or self.rect.height < 30:
            return
        self.marks, self.labels = [], []
        taken: list[pygame.Rect] = []
        surf.blit(self.layer.surface(self.camera, like=surf), self.rect.topleft)
        previous_clip = surf.get_clip()
        surf.set_clip(self.rect)
        protected = [z for z in self.scenario.zones if z.role is ZoneRole.PROTECTED]
        for zone in protected:
            self._outline_zone(surf, zone, style)
        self._crowd(surf, style, taken)
        self._units(surf, style, taken)
        for zone in protected:  # named last, where the units and the crowd left room
            self._zone_name(surf, zone, style, taken)
        for zone in self.scenario.zones:  # the red ring where casualties are carried to, named too
            if zone.role is ZoneRole.AMBULANCE:
                self._zone_name(surf, zone, style, taken, zone.label or text("briefing.ambulance", self.lang))
        surf.set_clip(previous_clip)
        pygame.draw.rect(surf, palette.PANEL_BORDER, self.rect, 1)

    # --- the parts ---

    def _outline_zone(self, surf: pygame.Surface, zone: Zone, style: Style) -> None:
        colour = palette.ZONE[ZoneRole.PROTECTED]
        width = max(2, style.px(3))
        if isinstance(zone.shape, Circle):
            c = self._px([zone.shape.center])[0]
            assert self.camera is not None
            pygame.draw.circle(surf, colour, c.tolist(), zone.shape.radius * self.camera.scale, width)
        else:
            pygame.draw.polygon(surf, colour, self._px(outline(zone.shape)).tolist(), width)

    def _zone_name(self, surf: pygame.Surface, zone: Zone, style: Style, taken: list[pygame.Rect],
                   name: str | None = None) -> None:
        lo, hi = self._box_px(zone.shape)
        # Inside the zone along its top edge, else just above it; a named ring (not an area) just
        # above it, else just below.
        inside = ("midtop", ((lo[0] + hi[0]) / 2, lo[1] + style.px(4)))
        above = ("midbottom", ((lo[0] + hi[0]) / 2, lo[1] - style.px(2)))
        below = ("midtop", ((lo[0] + hi[0]) / 2, hi[1] + style.px(2)))
        for anchor, pos in ((above, below) if name is not None else (inside, above)):
            if self._label(surf, name or zone.label or zone.id, style, anchor, pos, taken, palette.ZONE[zone.role]):
                return

    def _crowd(self, surf: pygame.Surface, style: Style, taken: list[pygame.Rect]) -> None:
        sc = self.scenario
        zones = {z.id: z for z in sc.zones}
        # One arrow per way the crowd goes (spawn to goal); the groups on it summed.
        ways: dict[tuple[str, tuple], list] = {}
        for g in sc.crowd:
            if g.spawn not in zones:
                continue
            if g.goal.kind is GoalKind.POINT and g.goal.point is not None:
                goal = tuple(g.goal.point)
            elif g.goal.zone in zones:
                goal = tuple(_centre(zones[g.goal.zone].shape))
            else:
                continue
            ways.setdefault((g.spawn, goal), []).append(g)
        overlay = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        offset = np.array(self.rect.topleft, float)
        assert self.camera is not None
        for spawn_id in sorted({spawn for spawn, _ in ways}):
            shape = zones[spawn_id].shape
            if isinstance(shape, Circle):
                c = (self._px([shape.center])[0] - offset).tolist()
                r = max(2.0, shape.radius * self.camera.scale)
                pygame.draw.circle(overlay, (*CROWD, 90), c, r)
                pygame.draw.circle(overlay, (*CROWD, 255), c, r, max(1, style.px(2)))
                continue
            pts = (self._px(outline(shape)) - offset).tolist()
            pygame.draw.polygon(overlay, (*CROWD, 90), pts)
            pygame.draw.polygon(overlay, (*CROWD, 255), pts, max(1, style.px(2)))
        surf.blit(overlay, self.rect.topleft)
        for (spawn_id, goal), groups in ways.items():
            start = _centre(zones[spawn_id].shape)
            end = np.array(goal, float)
            target = zones.get(groups[0].goal.zone or "")
            if target is not None:  # the arrow stops where the crowd would enter the zone it heads for
                along = start + np.linspace(0.0, 1.0, 201)[:, None] * (end - start)
                entering = np.flatnonzero(_inside(target.shape, along))
                if len(entering) and entering[0] > 0:
                    end = along[entering[0]]
            head = self._arrow(surf, self._px([start])[0], self._px([end])[0], style)
            if head is not None:  # no name over where the crowd is heading
                taken.append(head)
        labelled: set[str] = set()
        for (spawn_id, _goal), _groups in ways.items():
            if spawn_id in labelled:
                continue
            labelled.add(spawn_id)
            groups = [g for (s, _), gs in ways.items() if s == spawn_id for g in gs]
            now = sum(g.count for g in groups if not g.on_event)
            later = sum(g.count for g in groups if g.on_event)
            first = min((g.arrival_s for g in groups if not g.on_event), default=0.0)
            words = text("briefing.map.crowd", self.lang).format(n=now)
            if first > 0:
                words += " · " + text("briefing.map.arrives", self.lang).format(t=clock(first))
            if later:
                words += " · " + text("briefing.map.crowd_later", self.lang).format(n=later)
            lo, hi = self._box_px(zones[spawn_id].shape)
            mid = (lo[0] + hi[0]) / 2
            for anchor, pos in (("midbottom", (mid, lo[1] - style.px(2))), ("midtop", (mid, hi[1] + style.px(2))),
                                ("topleft", (lo[0], hi[1] + style.px(2))),
                                ("topright", (hi[0], hi[1] + style.px(2)))):
                if self._label(surf, words, style, anchor, pos, taken, CROWD):
                    break

    def _arrow(self, surf: pygame.Surface, a: np.ndarray, b: np.ndarray, style: Style) -> pygame.Rect | None:
        """An arrow from `a` to `b` (screen pixels); the box round its head."""
        d = b - a
        n = float(np.hypot(*d))
        if n < 4:
            return None
        u = d / n
        head = min(style.px(14), n / 2)
        base = b - u * head
        side = np.array([-u[1], u[0]]) * head * 0.55
        width = max(2, style.px(4))
        pygame.draw.line(surf, palette.OUTLINE, a.tolist(), base.tolist(), width + 2)
        pygame.draw.line(surf, CROWD, a.tolist(), base.tolist(), width)
        tip = [b.tolist(), (base + side).tolist(), (base - side).tolist()]
        pygame.draw.polygon(surf, CROWD, tip)
        return pygame.draw.polygon(surf, palette.OUTLINE, tip, 1)

    def _units(self, surf: pygame.Surface, style: Style, taken: list[pygame.Rect]) -> None:
        units = self.scenario.units
        if not units:
            return
        radius = style.px(9)
        size = 2 * radius + 2
        places = self._px([u.position for u in units]).round().astype(int)
        for i, (unit, p) in enumerate(zip(units, places, strict=True)):
            place = (int(p[0]), int(p[1]))
            rect = self._clear_spot(place, size, taken)
            colour = palette.UNIT[unit.type]
            late = bool(arrival_note(unit, self.lang))
            if rect.center != place:  # moved off a neighbour: a leader from the mark to its true place
                pygame.draw.line(surf, palette.OFFICER_OUTLINE, place, rect.center, 1)
                pygame.draw.circle(surf, palette.OFFICER_OUTLINE, place, max(2, style.px(2)))
            pygame.draw.circle(surf, palette.OFFICER_OUTLINE, rect.center, radius + 1)
            pygame.draw.circle(surf, colour, rect.center, radius)
            if late:  # a ring: not there yet
                pygame.draw.circle(surf, LABEL_PLATE, rect.center, max(2, radius - style.px(4)))
            key = unit_key(i)
            if key:
                img = TEXT.render(key, style.small, palette.TEXT if late else readable_on(colour), bold=True)
                surf.blit(img, img.get_rect(center=rect.center))
            taken.append(rect)
            self.marks.append(UnitMark(unit, key, place, rect, None))
        for mark in self.marks:  # the names after every mark, so that no name hides a mark
            note = arrival_note(mark.unit, self.lang)
            words = mark.unit.id + (f" · {note}" if note else "")
            r = mark.rect
            gap = style.px(3)
            for anchor, pos in (("midleft", (r.right + gap, r.centery)), ("midright", (r.left - gap, r.centery)),
                                ("midbottom", (r.centerx, r.top - gap)), ("midtop", (r.centerx, r.bottom + gap)),
                                ("bottomleft", (r.right, r.top)), ("topleft", (r.right, r.bottom))):
                placed = self._label(surf, words, style, anchor, pos, taken, palette.UNIT[mark.unit.type])
                if placed is not None:
                    mark.label = placed
                    break

    def _clear_spot(self, place: tuple[int, int], size: int, taken: list[pygame.Rect]) -> pygame.Rect:
        """A `size` square for a mark at `place`, or as near it as is clear of the marks already
        drawn (units that start side by side would hide each other's keys)."""
        rect = pygame.Rect(0, 0, size, size)
        for ring in range(4):
            for angle in np.linspace(0.0, 2 * np.pi, 8 * ring, endpoint=False) if ring else [0.0]:
                d = ring * size * 0.9
                rect.center = (round(place[0] + d * np.cos(angle)), round(place[1] - d * np.sin(angle)))
                if rect.collidelist(taken) < 0 and self.rect.contains(rect):
                    return rect
        rect.center = place
        return rect

    def _label(self, surf: pygame.Surface, words: str, style: Style, anchor: str, pos,
               taken: list[pygame.Rect], edge) -> pygame.Rect | None:
        """`words` on a small plate at `pos` if it stays inside the map and clear of everything
        already placed; where it went, or None."""
        img = TEXT.render(words, style.small, palette.TEXT)
        pad = style.px(2)
        plate = img.get_rect(**{anchor: (round(pos[0]), round(pos[1]))}).inflate(2 * pad, 2 * pad)
        if not self.rect.contains(plate) or plate.collidelist(taken) >= 0:
            return None
        pygame.draw.rect(surf, LABEL_PLATE, plate)
        pygame.draw.rect(surf, edge, plate, 1)
        surf.blit(img, (plate.left + pad, plate.top + pad))
        taken.append(plate)
        self.labels.append(plate)
        return plate


def unit_legend(scenario: Scenario, lang: str) -> list[tuple[str, PoliceUnit, str]]:
    """One line per unit for beside the map: its key, the unit, and the words after its swatch."""
    lines = []
    for i, u in enumerate(scenario.units):
        words = text("briefing.legend_line", lang).format(unit=u.id, type=text(f"unit.{u.type}", lang),
                                                          officers=u.officers)
        note = arrival_note(u, lang)
        lines.append((unit_key(i), u, words + (f" · {note}" if note else "")))
    return lines
