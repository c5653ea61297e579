"""`game.py play LEVEL --screenshot OUT.png --at S` renders the play view headless: the map,
the crowd in its behaviour colours and the officers in their unit colours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from sispam.cli import main
from sispam.resources import levels_dir
from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import UnitType
from sispam.ui import palette

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "campaign_1_hijau.toml"


def _pixels_of(image: pygame.Surface, colour: tuple[int, int, int]) -> int:
    rgb = pygame.surfarray.array3d(image)
    return int(np.all(rgb == np.array(colour, np.uint8), axis=2).sum())


def test_the_screenshot_shows_the_crowd_and_the_police(tmp_path: Path, capsys) -> None:
    out = tmp_path / "play.png"
    assert main(["play", str(LEVEL), "--screenshot", str(out), "--at", "60", "--window", "960x540"]) == 0
    assert "campaign_1_hijau at 60.0 s, 960x540" in capsys.readouterr().out
    image = pygame.image.load(str(out))
    assert image.get_size() == (960, 540)
    crowd = sum(_pixels_of(image, palette.BEHAVIOUR[c]) for c in Behaviour)
    assert crowd > 300  # a few hundred people are on the road by then, drawn as discs
    assert _pixels_of(image, palette.UNIT[UnitType.DALMAS_AWAL]) > 50  # the line at the gate
    assert _pixels_of(image, palette.GROUND[next(iter(palette.GROUND))]) > 1000  # the road
    assert not list(tmp_path.glob(".play.png.*"))  # written atomically: no temporary file left


@pytest.mark.parametrize(("extra", "message"), [
    ([], "--screenshot needs --at"),
    (["--at", "900"], "after the level ends"),
])
def test_a_screenshot_without_a_usable_time_is_refused(tmp_path: Path, capsys, extra, message) -> None:
    out = tmp_path / "play.png"
    assert main(["play", str(LEVEL), "--screenshot", str(out), *extra]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_a_screenshot_into_a_missing_folder_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "nowhere" / "play.png"
    assert main(["play", str(LEVEL), "--screenshot", str(out), "--at", "1"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_view_speaks_the_chosen_language(tmp_path: Path) -> None:
    shots = {}
    for lang in ("id", "en"):
        out = tmp_path / f"{lang}.png"
        assert main(["play", str(LEVEL), "--screenshot", str(out), "--at", "1", "--lang", lang]) == 0
        shots[lang] = pygame.surfarray.array3d(pygame.image.load(str(out)))
    status = (slice(0, 400), slice(0, 90))  # the level, time and situation panel, top left
    assert not np.array_equal(shots["id"][status], shots["en"][status])


def test_every_string_has_both_languages_and_doctrine_terms_stay_indonesian() -> None:
    from sispam.ui.i18n import CATALOGUE

    for key, texts in CATALOGUE.items():
        assert set(texts) == {"id", "en"} and all(t.strip() for t in texts.values()), key
    for cls in Behaviour:
        term = cls.name.lower()
        assert CATALOGUE[f"legend.{term}"]["en"].startswith(term)
    for colour in ("hijau", "kuning", "merah"):
        assert CATALOGUE[f"situation.{colour}"]["en"].startswith(colour)
    for kind in UnitType:
        assert f"unit.{kind}" in CATALOGUE  # every unit a level can hold has its name


def test_a_screenshot_that_is_not_named_png_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "play.jpg"
    assert main(["play", str(LEVEL), "--screenshot", str(out), "--at", "1"]) == 2
    assert "a file name ending in .png (e.g. view.png), not play.jpg" in capsys.readouterr().err and not out.exists()
    # ".png" alone is a hidden file with no suffix: it said "name it .png, not .png"
    assert main(["play", str(LEVEL), "--screenshot", str(tmp_path / ".png"), "--at", "1"]) == 2
    assert "ending in .png (e.g. view.png), not .png" in capsys.readouterr().err
