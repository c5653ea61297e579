"""How the feed and the unit cards word an order: a formation order names the formation being
taken, then the card names the formation held; a plain move stays a move."""

from __future__ import annotations

import pygame

from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation
from sispam.ui.describe import order_name
from sispam.ui.i18n import text
from tests.ui.test_game_screens import frames, key, play


def _until_in_effect(app, screen) -> None:
    screen.set_speed(4)
    while screen.world.command.log[-1].status in ("pending", "given"):
        frames(app, 1)


def _until_formed(screen, unit) -> None:
    for _ in range(3000):
        if screen.world.lines.formed(unit):
            return
        screen.world.step()
    raise AssertionError(f"{unit.id} never formed")


def test_a_formation_key_names_the_formation_in_the_feed_and_on_the_card_until_held(app) -> None:
    screen = play(app)
    frames(app, 2)
    key(app, pygame.K_1)
    key(app, pygame.K_F6)
    unit = screen.world.command.unit("dalmas-awal-1")
    orders = [line for line in screen.feed.lines if line.kind == "order"]
    assert len(orders) == 1
    assert orders[0].texts == {"id": "dalmas-awal-1: Membentuk Tali Dalmas", "en": "dalmas-awal-1: Forming Tali Dalmas"}
    assert screen.panels._card_status(unit).startswith("Forming Tali Dalmas in ")
    _until_in_effect(app, screen)
    frames(app, 1)
    assert screen.panels._card_status(unit) in ("Forming Tali Dalmas", "Tali Dalmas · in position")
    _until_formed(screen, unit)
    frames(app, 1)
    assert unit.formation is Formation.TALI_DALMAS
    assert screen.panels._card_status(unit) == "Tali Dalmas · in position"


def test_a_plain_move_is_still_called_a_move_and_a_wedge_order_is_not() -> None:
    move = Order(0.0, "dalmas-awal-1", OrderKind.FORM, point=(60.0, 36.0))
    assert order_name(move, "en") == text("order.form", "en") == "Move"
    assert order_name(move, "id") == "Bergerak"
    wedge = Order(0.0, "dalmas-awal-1", OrderKind.FORM, point=(60.0, 36.0), formation=Formation.PARUH_LEMBING)
    assert order_name(wedge, "en") == "Forming Paruh lembing"
    assert order_name(wedge, "id") == "Membentuk Paruh lembing"


def test_a_long_card_status_goes_on_to_a_second_line_rather_than_losing_its_seconds(app) -> None:
    from sispam.ui.widgets import TEXT

    screen = play(app)
    frames(app, 2)
    rect, _ = next((r, u) for r, u in screen.panels.cards if u.id == "dalmas-awal-1")
    s = screen.style
    line_h = TEXT.font(s.small).get_linesize()
    inner = rect.inflate(-2 * s.px(6), -2 * s.px(4))
    band = pygame.Rect(inner.left, inner.top + 2 * line_h, inner.width, line_h)

    def inked() -> int:
        background = app.surface.get_at((band.right - 1, band.top))
        return sum(app.surface.get_at((x, y)) != background for x in range(band.left, band.right)
                   for y in range(band.top, band.bottom))

    assert inked() == 0  # "30/30 · standing": one line
    key(app, pygame.K_1)
    key(app, pygame.K_F6)
    frames(app, 1)
    status = screen.panels._card_status(screen.world.command.unit("dalmas-awal-1"))
    assert status.startswith("Forming Tali Dalmas in ")
    whole = f"30/30 · {status}"
    if TEXT.width(whole, s.small) > inner.width:  # too long for the card's width (cards are up to 240 px)
        assert inked() > 20  # "... in 2 s" on the line below
    else:
        assert TEXT.wrap(whole, s.small, inner.width) == [whole]  # one line, seconds and all


def test_wrapping_keeps_a_number_with_its_unit() -> None:
    """'Membentuk Tali Dalmas dalam 2 s' on a narrow card broke between the 2 and its s."""
    from sispam.ui.widgets import TEXT

    pygame.font.init()
    for line, room_for in (("Membentuk Tali Dalmas dalam 2 s", "Membentuk Tali Dalmas dalam 2"),
                           ("a line pushed with more than 1.5 kN", "a line pushed with more than 1.5")):
        lines = TEXT.wrap(line, 14, TEXT.width(room_for, 14) + 1)  # room for the number, not its unit
        assert len(lines) == 2 and lines[1] == " ".join(line.split()[-2:])
