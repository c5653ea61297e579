"""The tutorial's hints without a window: when each becomes due, what closes it, which shows."""

from __future__ import annotations

from types import SimpleNamespace

from sispam.sim.world import Event
from sispam.ui.hints import LEVEL_HINTS, Hints, Pasif
from sispam.ui.i18n import LANGUAGES, text


def world(t: float = 0.0, events=(), tertib: int = 0, pasif: int = 0):
    counts = {"tertib": tertib, "pasif": pasif, "aktif": 0, "agresif": 0}
    return SimpleNamespace(t=t, events=list(events), mood=SimpleNamespace(counts=lambda: counts))


def test_every_hint_is_in_both_languages_and_names_only_its_unit_key() -> None:
    for hints in LEVEL_HINTS.values():
        for hint in hints:
            for lang in LANGUAGES:
                line = text(f"hint.{hint.key}", lang)
                assert line and line != f"hint.{hint.key}"
                assert ("{n}" in line) == (hint.unit is not None), (hint.key, lang)
                line.format(n="1")


def test_the_yellow_crowd_hint_waits_for_a_pasif_crowd_and_goes_once_read() -> None:
    hints = Hints(True, "campaign_1_hijau")
    hints.done("select")
    w = world(t=40, tertib=80, pasif=20)
    hints.update(w, 0.1)
    assert hints.current == "zoom"  # a fifth of the crowd yellow: not yet
    w.mood.counts = lambda: {"tertib": 60, "pasif": 40, "aktif": 0, "agresif": 0}
    hints.update(w, 0.1)
    assert hints.current == "yellow"  # timely hints come before the walk-through
    hints.update(w, 30.0)  # read: it goes after its time on screen
    hints.update(w, 0.1)
    assert hints.current == "zoom"
    assert not Pasif(0.3).holds(world(tertib=5, pasif=10), set())  # too few people to tell


def test_an_order_given_before_its_hint_is_due_skips_it() -> None:
    hints = Hints(True, "campaign_2_dorong")
    hints.update(world(t=10), 0.1)
    assert hints.current is None
    hints.done("order.brace")
    hints.update(world(t=40), 0.1)
    assert hints.current is None
    hints.update(world(t=61, events=[Event(60, "unit_arrived", {"unit": "dalmas-lanjut-1"})]), 0.1)
    assert hints.current == "lapis_ganti" and hints.unit_type() == "dalmas_lanjut"
    hints.done("order.lapis_ganti")
    assert hints.current is None


def test_no_hints_when_switched_off_or_outside_the_campaign() -> None:
    off = Hints(False, "campaign_1_hijau")
    off.update(world(t=100), 1.0)
    assert off.current is None
    other = Hints(True, "kpu_sispamkota")
    other.update(world(t=100), 1.0)
    assert other.current is None


def test_the_first_levels_appeal_waits_for_the_crowd_at_the_gate_then_the_negotiation_follows() -> None:
    hints = Hints(True, "campaign_1_hijau")
    for action in ("select", "zoom", "order.form"):
        hints.done(action)
    hints.update(world(t=10), 0.1)
    assert hints.current == "rope"
    hints.update(world(t=30), 30.0)  # read
    hints.update(world(t=30), 0.1)
    assert hints.current is None  # nobody at the gate yet to hear an appeal
    arrived = [Event(60, "scripted_event", {"id": "massa-tiba"})]
    hints.update(world(t=60, events=arrived), 0.1)
    assert hints.current == "appeal" and hints.unit_type() == "negosiator"
    hints.done("order.appeal")
    hints.update(world(t=61, events=arrived), 0.1)
    assert hints.current == "negotiate"
