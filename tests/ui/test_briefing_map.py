"""The briefing's situation map, headless: each unit in its colour at its starting place with the
number key that selects it in play, late units with their arrival time, names on the map, and
the map, the legend and the objectives beside the level's text without overlapping it, at the
window sizes the game supports and in both languages."""

from __future__ import annotations

import itertools

import numpy as np
import pygame
import pytest

from sispam.resources import levels_dir
from sispam.settings import Settings
from sispam.ui import palette
from sispam.ui.app import App
from sispam.ui.briefing import Briefing
from sispam.ui.briefing_map import LABEL_PLATE, unit_legend

LEVEL_1 = "campaign_1_hijau"
LEVEL_6 = "campaign_6_dua_lokasi"


@pytest.fixture
def open_briefing(tmp_path, monkeypatch):
    """A function: the briefing of a campaign level drawn in a headless window."""
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path / "data"))
    apps: list[App] = []

    def open_(level: str, lang: str, size: tuple[int, int] = (1280, 720)) -> tuple[App, Briefing]:
        app = App(Settings(lang=lang, window=size), headless=True, save=False)
        apps.append(app)
        app.open_level(levels_dir() / f"{level}.toml")
        app.frame([], 0.0)
        assert isinstance(app.screen, Briefing)
        return app, app.screen

    yield open_
    for app in apps:
        app.close()


def _pixels(surf: pygame.Surface, rect: pygame.Rect) -> np.ndarray:
    return pygame.surfarray.array3d(surf.subsurface(rect)).reshape(-1, 3)


def _has_colour(surf: pygame.Surface, rect: pygame.Rect, colour) -> bool:
    return bool((_pixels(surf, rect) == np.array(colour[:3])).all(axis=1).any())


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("level", [LEVEL_1, LEVEL_6])
def test_each_unit_is_marked_in_its_colour_at_its_starting_place(open_briefing, level, lang) -> None:
    app, briefing = open_briefing(level, lang)
    situation = briefing.map
    assert len(situation.marks) == len(briefing.scenario.units)
    offset = np.array(briefing.areas["map"].topleft)
    for i, mark in enumerate(situation.marks):
        where = situation.camera.to_screen(np.array([mark.unit.position]))[0] + offset
        assert np.hypot(*(np.array(mark.place) - where)) <= 1.0, mark.unit.id
        # On its place, or beside it (a neighbour was there first) within two marks' width.
        assert np.hypot(*(np.array(mark.rect.center) - where)) <= 2 * mark.rect.width, mark.unit.id
        assert briefing.areas["map"].contains(mark.rect), mark.unit.id
        assert _has_colour(app.surface, mark.rect, palette.UNIT[mark.unit.type]), mark.unit.id
        assert mark.key == str((i + 1) % 10)  # the key PlayScreen selects this unit with
    named = [m for m in situation.marks if m.label is not None]
    assert named, "no unit named on the map"
    for mark in named:
        assert briefing.areas["map"].contains(mark.label)
        assert _has_colour(app.surface, mark.label, LABEL_PLATE)
        assert _has_colour(app.surface, mark.label, palette.TEXT)  # the name's letters on the plate


def test_units_that_come_later_carry_their_arrival_time_on_the_map_and_in_the_legend(open_briefing) -> None:
    app, briefing = open_briefing(LEVEL_6, "en")
    late = {m.unit.id: m for m in briefing.map.marks if m.unit.on_request}
    assert set(late) == {"tni-1", "brimob-phh-1"}
    for mark in late.values():  # drawn as a ring: the plate colour inside the unit's colour
        assert _has_colour(app.surface, mark.rect, LABEL_PLATE)
    legend = {u.id: words for _, u, words in unit_legend(briefing.scenario, "en")}
    assert legend["brimob-phh-1"].endswith("on request, +4:00")
    assert legend["tni-1"].endswith("on request, +2:30")
    assert "on request" not in legend["dalmas-awal-1"]


@pytest.mark.parametrize(("lang", "officers", "late"), [("id", "personel", "atas permintaan, tiba +4:00"),
                                                        ("en", "officers", "on request, +4:00")])
def test_the_legend_speaks_the_players_language_and_keeps_the_unit_names(lang, officers, late) -> None:
    from sispam.level import load_level

    scenario = load_level(levels_dir() / f"{LEVEL_6}.toml")
    lines = unit_legend(scenario, lang)
    assert [key for key, _, _ in lines] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    assert all(words.startswith(u.id) and officers in words for _, u, words in lines)
    assert lines[-1][2].endswith(late)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("level", [LEVEL_1, LEVEL_6])
def test_the_map_legend_and_objectives_sit_beside_the_text_without_overlapping(open_briefing, level, lang,
                                                                               size) -> None:
    app, briefing = open_briefing(level, lang, size)
    areas = briefing.areas
    window = pygame.Rect((0, 0), size)
    parts = {name: areas[name] for name in ("text", "map", "units", "objectives")}
    for name, rect in parts.items():
        assert window.contains(rect), name
        assert rect.bottom <= briefing.name.rect.top, name  # above the trainee's name and the buttons
    for (a, ra), (b, rb) in itertools.combinations(parts.items(), 2):
        assert not ra.colliderect(rb), (a, b)
    assert areas["map"].width >= size[0] // 4 and areas["map"].height >= size[1] // 5
    for plate in [*briefing.map.labels, *(m.rect for m in briefing.map.marks)]:
        assert areas["map"].contains(plate)
        assert not plate.colliderect(areas["text"])
    for a, b in itertools.combinations(briefing.map.labels, 2):
        assert not a.colliderect(b)


def test_the_briefing_map_names_the_gate_it_sends_the_first_unit_to_and_the_ambulance_point(open_briefing,
                                                                                             monkeypatch) -> None:
    """'Put Dalmas Awal in the gate', said the briefing, and the map named no gate; its red ring
    (where casualties are carried) had no name."""
    from sispam.level import load_level
    from sispam.sim.scenario import ObstacleKind
    from sispam.ui.briefing_map import SituationMap
    from sispam.ui.camera import Camera
    from sispam.ui.map_layer import MapLayer

    scenario = load_level(levels_dir() / f"{LEVEL_1}.toml")
    camera = Camera((640, 400), scenario.size)
    camera.fit()
    gate = next(o for o in scenario.obstacles if o.kind is ObstacleKind.GATE)
    (x0, y), (x1, _) = camera.to_screen(np.asarray(gate.shape.points, float)).tolist()
    under = pygame.Rect(round(x0), round(y) + 2, round(x1 - x0), 14)  # where its name goes

    def plate(labels: bool) -> int:
        surf = MapLayer(scenario, labels=labels).surface(camera)
        return _has_colour(surf, under, palette.PANEL_SOLID)

    assert plate(True) and not plate(False)
    named: list[str] = []
    label = SituationMap._label

    def spy(self, surf, words, *args, **kwargs):
        named.append(words)
        return label(self, surf, words, *args, **kwargs)

    monkeypatch.setattr(SituationMap, "_label", spy)
    open_briefing(LEVEL_1, "en")
    ambulance = next(z for z in scenario.zones if z.id == "ambulance")
    assert (ambulance.label or "ambulance point") in named
