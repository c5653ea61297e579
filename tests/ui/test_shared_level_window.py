"""A shared level (.zip) dropped on the window or chosen in the file dialog is unpacked and opens
at its briefing; a refused one shows why on the error screen. A level's background picture is
drawn under the map's geometry at its place, scale and opacity, and a picture pygame cannot load
is drawn as nothing, never a crash."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pygame
import pytest

from sispam.level import load_level
from sispam.level.share import pack_level
from sispam.sim.scenario import ObstacleKind
from sispam.ui import palette
from sispam.ui.app import App
from sispam.ui.briefing import Briefing
from sispam.ui.camera import Camera
from sispam.ui.error_screen import ErrorScreen
from sispam.ui.file_dialog import FileDialog
from sispam.ui.map_layer import MapLayer
from sispam.ui.menu import MainMenu
from sispam.userdata import data_dir

FRAME_S = 1 / 60
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 30), (30, 30, 220), (230, 220, 20)

LEVEL = """\
schema_version = 1
id = "shared_site"
seed = 1
title = { id = "Kantor bersama", en = "Shared office" }
briefing = { id = "Uji coba.", en = "A test." }
[map]
size = [100, 50]
[map.background]
file = "pictures/site.png"
origin = [10, 5]
size = [80, 40]
opacity = 1.0
[[obstacles]]
id = "kantor"
kind = "building"
shape = { kind = "rect", min = [52, 27], max = [58, 33] }
[[zones]]
id = "start"
role = "spawn"
shape = { kind = "rect", min = [0, 0], max = [8, 8] }
[[zones]]
id = "exit"
role = "exit"
shape = { kind = "rect", min = [92, 0], max = [100, 50] }
[[crowd]]
id = "g"
count = 5
spawn = "start"
goal = { kind = "exit", zone = "exit" }
"""


def site_level(folder: Path, opacity: float = 1.0) -> Path:
    """A level whose background (80 x 40 m from [10, 5]) is four coloured quarters: red and green
    in the north, blue and yellow in the south."""
    (folder / "pictures").mkdir(parents=True)
    picture = pygame.Surface((200, 100))
    for colour, rect in ((RED, (0, 0, 100, 50)), (GREEN, (100, 0, 100, 50)), (BLUE, (0, 50, 100, 50)),
                         (YELLOW, (100, 50, 100, 50))):
        picture.fill(colour, rect)
    pygame.image.save(picture, str(folder / "pictures" / "site.png"))
    level = folder / "shared_site.toml"
    level.write_text(LEVEL.replace("opacity = 1.0", f"opacity = {opacity}"), encoding="utf-8")
    return level


def frames(app: App, events: list | None = None) -> None:
    app.frame(events or [], FRAME_S)
    app.frame([], FRAME_S)


def drop(app: App, path: Path) -> None:
    frames(app, [pygame.event.Event(pygame.DROPFILE, file=str(path))])


def test_a_shared_level_dropped_on_the_window_is_unpacked_and_opens_at_its_briefing(app, tmp_path) -> None:
    archive = tmp_path / "shared_site.zip"
    pack_level(site_level(tmp_path / "mine"), archive)
    drop(app, archive)
    assert isinstance(app.screen, Briefing) and app.screen.scenario.id == "shared_site"
    unpacked = data_dir() / "levels" / "shared_site"
    assert app.screen.path == unpacked / "shared_site.toml"
    background = app.screen.scenario.background
    assert background is not None and Path(background.path) == (unpacked / "pictures" / "site.png").resolve()
    assert any(str(unpacked) in message for message, _ in app.notices)


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_a_refused_zip_shows_why_on_the_error_screen_in_the_players_language(app, tmp_path) -> None:
    import zipfile

    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("shared_site.toml", LEVEL)
        z.writestr("../../evil.png", b"x")
    drop(app, archive)
    assert isinstance(app.screen, ErrorScreen) and app.screen.file == str(archive)
    start = {"en": "The shared level is refused: ", "id": "Arsip level bersama ditolak: "}[app.settings.lang]
    assert len(app.screen.problems) == 1 and app.screen.problems[0].startswith(start)
    assert "../../evil.png" in app.screen.problems[0] and "goes up out" in app.screen.problems[0]
    assert not (data_dir() / "levels").exists() or list((data_dir() / "levels").iterdir()) == []
    frames(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")])
    assert isinstance(app.screen, MainMenu)


def test_a_damaged_zip_shows_the_error_screen(app, tmp_path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 not really a zip")
    drop(app, archive)
    assert isinstance(app.screen, ErrorScreen) and "not a zip archive" in app.screen.problems[0]


def test_the_file_dialog_lists_a_shared_level_and_opens_it(app, tmp_path) -> None:
    pack_level(site_level(tmp_path / "mine"), tmp_path / "shared_site.zip")
    app.last_folder = tmp_path
    app.show(FileDialog(app))
    frames(app)
    button = next(b for b in app.screen.buttons.items if b.label == "shared_site.zip")
    pos = button.rect.center
    frames(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                 pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                 pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    assert isinstance(app.screen, Briefing) and app.screen.scenario.background is not None


def _colour_at(surf: pygame.Surface, camera: Camera, point: tuple[float, float]) -> tuple[int, int, int]:
    x, y = camera.to_screen(point)[0]
    return tuple(surf.get_at((int(x), int(y))))[:3]


def test_the_background_is_drawn_under_the_geometry_at_its_place_and_scale(app, tmp_path) -> None:
    scenario = load_level(site_level(tmp_path))
    camera = Camera((640, 360), scenario.size)
    camera.scale = 12.0
    camera.centre_on((40.0, 20.0))  # zoomed in: the picture's west edge is off the screen
    surf = MapLayer(scenario).surface(camera)
    assert _colour_at(surf, camera, (30, 30)) == RED
    assert _colour_at(surf, camera, (48, 10)) == BLUE
    assert _colour_at(surf, camera, (62, 32)) == GREEN
    assert _colour_at(surf, camera, (62, 8)) == YELLOW
    assert _colour_at(surf, camera, (55, 30)) == palette.OBSTACLE[ObstacleKind.BUILDING]  # drawn over it

    camera.fit()  # the whole map: the picture's edges where its origin and size put them
    surf = MapLayer(scenario).surface(camera)
    assert _colour_at(surf, camera, (10.6, 44.4)) == RED and _colour_at(surf, camera, (9.4, 44.4)) == palette.BACKGROUND
    assert _colour_at(surf, camera, (89.4, 5.6)) == YELLOW and _colour_at(surf, camera, (90.6, 5.6)) == palette.BACKGROUND
    quarters = [_colour_at(surf, camera, p) for p in ((49.4, 25.6), (50.6, 25.6), (49.4, 24.4), (50.6, 24.4))]
    assert quarters == [RED, GREEN, BLUE, YELLOW]  # round the picture's centre, (50, 25) on the map
    assert _colour_at(surf, camera, (50, 47)) == palette.BACKGROUND  # north of the picture


def test_the_background_is_drawn_at_its_opacity(app, tmp_path) -> None:
    scenario = load_level(site_level(tmp_path, opacity=0.5))
    camera = Camera((400, 200), scenario.size)
    surf = MapLayer(scenario).surface(camera)
    expected = tuple((a + b) / 2 for a, b in zip(RED, palette.BACKGROUND, strict=True))
    assert all(abs(c - e) <= 2 for c, e in zip(_colour_at(surf, camera, (20, 40)), expected, strict=True))


def test_a_picture_pygame_cannot_load_is_drawn_as_nothing_with_a_warning(app, tmp_path, caplog) -> None:
    scenario = load_level(site_level(tmp_path))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    for path in (broken, tmp_path / "gone.png"):
        bad = dataclasses.replace(scenario, background=dataclasses.replace(scenario.background, path=str(path)))
        camera = Camera((400, 200), bad.size)
        with caplog.at_level(logging.WARNING):
            surf = MapLayer(bad).surface(camera)
        assert _colour_at(surf, camera, (20, 40)) == palette.BACKGROUND
        assert any(str(path) in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
