"""The translation catalogue: both languages for every key, the same fields in each, and only
characters the game's font can draw (a missing glyph shows as an empty box)."""

from __future__ import annotations

import re
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


# English words a walkthrough found in the Indonesian interface beside their Indonesian twins
# ("file" where "berkas" is used elsewhere, "replay" where "rekaman ulang" is): one word for one
# thing in each language. Placeholders ({file}) and command lines ('game.py play BERKAS') aside.
MIXED_IN_INDONESIAN = re.compile(r"\b(file|files|replay|replays|tip)\b", re.IGNORECASE)


def _words(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "", text)


def test_the_indonesian_strings_say_berkas_and_rekaman_ulang_not_file_and_replay() -> None:
    mixed = {key: texts["id"] for key, texts in CATALOGUE.items() if MIXED_IN_INDONESIAN.search(_words(texts["id"]))}
    assert mixed == {}
    assert not any(re.search(r"\b(berkas|rekaman)\b", texts["en"], re.IGNORECASE) for texts in CATALOGUE.values())


@pytest.mark.parametrize("app", ["id"], indirect=True)
def test_the_indonesian_main_menu_names_files_berkas_on_every_button(app) -> None:
    app.frame([], 1 / 60)
    labels = [b.label + " " + b.tooltip for b in app.screen.buttons.items]
    assert any("berkas" in label for label in labels)
    assert not [label for label in labels if MIXED_IN_INDONESIAN.search(label)]


def test_the_situations_causes_name_the_thresholds_the_simulation_uses() -> None:
    """A cause names its threshold ("more than 1.5 kN"): the words must change with the number."""
    from sispam.sim import situation

    kn = situation.PUSHING_N / 1000.0
    assert f"more than {kn:g} kN" in CATALOGUE["cause.pushed"]["en"]
    assert f"lebih dari {kn:g}".replace(".", ",") + " kN" in CATALOGUE["cause.pushed"]["id"]


def test_every_event_that_raises_an_alert_has_a_feed_line() -> None:
    """An alert's ring and tone point at a red feed line (J looks at it): a failed evacuation and
    a dispersal order refused in hijau rang the alert with no line in the feed to say why."""
    from sispam.ui.alerts import EVENT_ALERTS
    from sispam.ui.feed import BAD

    missing = [kind for kind in EVENT_ALERTS if f"event.{kind}" not in CATALOGUE]
    assert not missing
    assert {kind for kind in EVENT_ALERTS if kind.endswith(("_failed", "_refused"))} <= BAD
