"""The translation catalogue: both languages for every key, the same fields in each, and only
characters the game's font can draw (a missing glyph shows as an empty box)."""

from __future__ import annotations

import string
from pathlib import Path

import pygame
import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.ui.i18n import CATALOGUE, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        assert _fields(texts["id"]) == _fields(texts["en"]), key


@pytest.fixture(scope="module")
def missing_glyph():
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    notdef = font.metrics("\ue000")[0]  # a private-use character: surely not in the font
    return lambda text: sorted({ch for ch in text if not ch.isspace() and font.metrics(ch)[0] == notdef})


def test_every_string_and_every_campaign_text_draws_with_the_font(missing_glyph) -> None:
    for key, texts in CATALOGUE.items():
        for lang in LANGUAGES:
            assert missing_glyph(texts[lang]) == [], (key, lang)
    for path in sorted(levels_dir().glob("campaign_*.toml")):
        level = load_level(path)
        texts = [level.title, level.briefing, *(o.text for o in level.objectives if o.text is not None),
                 *(e.message for e in level.events if e.message is not None)]
        for t in texts:
            assert missing_glyph(t.id + t.en) == [], (path.name, t)
