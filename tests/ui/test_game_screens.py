"""The game window, headless, driven by synthetic input: selecting, placing a line, every
order's hotkey, active pause, the language switch, bad and dropped level files, quitting."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pygame
import pytest

from sispam.resources import levels_dir
from sispam.settings import Settings
from sispam.sim.bodies import BodyState
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, Role
from sispam.sim.world import Event
from sispam.ui import commands, palette
from sispam.ui.app import App
from sispam.ui.briefing import Briefing
from sispam.ui.error_screen import ErrorScreen
from sispam.ui.i18n import text
from sispam.ui.menu import MainMenu
from sispam.ui.play import PlayScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
ALL_UNITS = levels_dir() / "kpu_sispamkota.toml"
FRAME_S = 1 / 60


def frames(app: App, n: int = 1, events: list | None = None) -> None:
    app.frame(events or [], FRAME_S)
    for _ in range(n - 1):
        app.frame([], FRAME_S)


def click(app: App, pos, button: int = 1) -> None:
    pos = (int(round(pos[0])), int(round(pos[1])))
    frames(app, events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])


def key(app: App, k: int, mod: int = 0) -> None:
    frames(app, events=[pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def right_drag(app: App, a, b) -> None:
    """Press the right button at pixel `a` and move to `b`, without letting go."""
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=3),
                        pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(1, 0), buttons=(0, 0, 1))])


def play(app: App, level: Path = TUTORIAL, start: bool = True) -> PlayScreen:
    """`level` from its briefing (the trainee named), its clock started with Space unless not
    `start` (a level waits for the trainee)."""
    app.open_level(level)
    assert isinstance(app.screen, Briefing)
    if not app.screen.name.value:  # the trainee's name, typed once a session
        frames(app, events=[pygame.event.Event(pygame.TEXTINPUT, text="Uji")])
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, PlayScreen)
    if start:
        assert app.screen.awaiting_start
        key(app, pygame.K_SPACE)
    return app.screen


def korlap_in_view(screen: PlayScreen, near: str = "negosiator-1") -> int:
    """The free korlap on the map nearest the unit `near` (the world run on until one has
    come), with the camera centred on him: where a trainee would look before clicking him."""
    w = screen.world
    b = w.bodies

    def free() -> np.ndarray:
        return np.flatnonzero((b.state[:b.n_crowd] == BodyState.ACTIVE) & ~w.crowd.arrested
                              & (w.crowd.role == w.crowd.ROLES.index(Role.KORLAP)))

    while len(free()) == 0:
        w.step()
    here = commands.unit_centre(w, w.command.unit(near))
    korlap = int(min(free(), key=lambda k: float(np.hypot(*(b.pos[k] - here)))))
    screen.camera.centre_on(tuple(map(float, b.pos[korlap])))
    return korlap


def negotiate_with(app: App, screen: PlayScreen, korlap: int) -> None:
    """N, then a click on `korlap`: the selected negotiator's order."""
    key(app, pygame.K_n)
    click(app, screen.camera.to_screen(screen.world.bodies.pos[korlap][None])[0])


def officer_pixel(screen: PlayScreen, unit_id: str):
    unit = screen.world.command.unit(unit_id)
    b = screen.world.bodies
    rows = slice(unit.first, unit.first + unit.count)
    on = np.flatnonzero(b.state[rows] == BodyState.ACTIVE)
    return screen.camera.to_screen(b.pos[rows][on[len(on) // 2]][None])[0]


def test_clicking_an_officer_selects_his_unit_and_clicking_the_ground_clears_it(app) -> None:
    screen = play(app)
    click(app, officer_pixel(screen, "dalmas-awal-1"))
    assert [u.id for u in screen.selected] == ["dalmas-awal-1"]
    click(app, screen.camera.to_screen(np.array([[20.0, 60.0]]))[0])  # the field: nobody there
    assert screen.selected == []
    key(app, pygame.K_2)  # hotkey: the second unit
    assert [u.id for u in screen.selected] == ["negosiator-1"]


def test_a_box_drag_selects_every_unit_inside(app) -> None:
    screen = play(app)
    a = screen.camera.to_screen(np.array([[70.0, 44.0]]))[0]
    b = screen.camera.to_screen(np.array([[100.0, 30.0]]))[0]
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=tuple(map(int, a)), button=1),
                        pygame.event.Event(pygame.MOUSEMOTION, pos=tuple(map(int, b)), rel=(1, 1), buttons=(1, 0, 0)),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=tuple(map(int, b)), button=1)])
    assert {u.id for u in screen.selected} == {"dalmas-awal-1", "negosiator-1"}


def test_a_right_drag_places_the_line_with_its_position_width_and_facing(app) -> None:
    screen = play(app)
    key(app, pygame.K_1)
    cam = screen.camera
    a, b = cam.to_screen(np.array([[79.0, 24.5], [91.0, 24.5]]))
    a, b = tuple(map(int, np.rint(a))), tuple(map(int, np.rint(b)))
    right_drag(app, a, b)
    # Before release: the preview is the order the release will give, drawn on the map.
    preview = screen.preview()
    assert len(preview) == 1 and len(screen.world.command.log) == 0
    line = app.surface.get_at((int((a[0] + b[0]) / 2), a[1]))[:3]
    assert tuple(line) == palette.SELECTION
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    order = screen.world.command.log[-1].order
    tolerance = 1.5 / cam.scale  # a pixel's worth of rounding at each end
    assert order.kind is OrderKind.FORM and order.unit == "dalmas-awal-1"
    assert order == preview[0]
    assert math.isclose(order.point[0], 85.0, abs_tol=tolerance) and math.isclose(order.point[1], 24.5, abs_tol=tolerance)
    assert math.isclose(order.width_m, 12.0, abs_tol=2 * tolerance)
    assert math.isclose(order.facing_deg, -90.0, abs_tol=1.0)  # the unit stands north of the gate: it faces the road
    # Shift turns the line round.
    right_drag(app, a, b)
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    try:
        frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    finally:
        pygame.key.set_mods(0)
    assert math.isclose(screen.world.command.log[-1].order.facing_deg, 90.0, abs_tol=1.0)
    # And the unit goes there: in 16 s it stands in the gate.
    screen.set_speed(4)
    frames(app, 240)
    unit = screen.world.command.unit("dalmas-awal-1")
    assert abs(float(screen.world.bodies.pos[unit.first:unit.first + unit.count, 1].mean()) - 24.5) < 1.0


def _target_pixel(screen: PlayScreen, target: str, unit) -> tuple[int, int]:
    w = screen.world
    if target in ("person", "korlap"):  # a negotiation aimed at a person of the crowd talks with its korlap
        b = w.bodies
        people = np.flatnonzero(b.state[: b.n_crowd] == BodyState.ACTIVE)
        pixels = np.rint(screen.camera.to_screen(b.pos[people])).astype(int)
        free = screen.panels.rects["map"]
        visible = [tuple(p) for p in pixels.tolist() if free.collidepoint(p)]
        assert visible, "no one of the crowd on screen"
        return visible[len(visible) // 2]
    if target == "unit":
        other = next(u for u in w.units if u.type.value == "dalmas_awal" and u.arrived)
        return tuple(map(int, np.rint(officer_pixel(screen, other.id))))
    return tuple(map(int, np.rint(screen.camera.to_screen(np.array([[40.0, 12.0]]))[0])))


@pytest.mark.parametrize("order_key", commands.ORDER_KEYS, ids=lambda k: str(k.kind))
def test_each_hotkey_gives_its_order(app, order_key: commands.OrderKey) -> None:
    screen = play(app, ALL_UNITS)
    screen.world.run_until(48.0)  # the crowd is on the road
    screen.set_paused(True)
    unit = next(u for u in screen.world.units if commands.can(u, order_key.kind))
    screen.select([unit])
    frames(app)
    before = len(screen.world.command.log)
    key(app, order_key.key)
    if order_key.target:
        assert screen.targeting is not None and screen.targeting.kind is order_key.kind
        click(app, _target_pixel(screen, order_key.target, unit))
    log = screen.world.command.log
    assert len(log) == before + 1, [f.texts['en'] for f in screen.feed.lines[:3]]
    assert log[-1].order.kind is order_key.kind and log[-1].order.unit == unit.id


@pytest.mark.parametrize("formation_key", commands.FORMATION_KEYS, ids=lambda f: str(f[0]))
def test_each_formation_hotkey_forms_the_unit_up(app, formation_key) -> None:
    formation, hotkey, _ = formation_key
    screen = play(app, ALL_UNITS)
    unit = next(u for u in screen.world.units
                if commands.can(u, OrderKind.BRACE) and commands.formation_allowed(u.type, formation) and u.arrived)
    screen.select([unit])
    key(app, hotkey)
    order = screen.world.command.log[-1].order
    assert (order.kind, order.unit, order.formation) == (OrderKind.FORM, unit.id, formation)


def test_pause_stops_the_clock_and_orders_given_while_paused_apply_on_resume(app) -> None:
    screen = play(app)
    frames(app, 30)
    key(app, pygame.K_SPACE)
    t = screen.world.t
    frames(app, 120)
    assert screen.world.t == t and screen.paused
    key(app, pygame.K_1)
    click(app, screen.camera.to_screen(np.array([[85.0, 26.0]]))[0], button=3)  # right click: go there
    issued = screen.world.command.log[-1]
    frames(app, 120)
    assert issued.status == "pending" and screen.world.t == t  # nothing happens while paused
    key(app, pygame.K_SPACE)
    frames(app, 180)  # 3 s: past the order's 2 s command delay
    assert screen.world.t > t + 2.5 and issued.status in ("active", "done")


def test_speed_keys_run_the_clock_faster(app) -> None:
    screen = play(app)
    t0 = screen.world.t
    frames(app, 60)
    one = screen.world.t - t0
    key(app, pygame.K_PLUS)
    key(app, pygame.K_PLUS)
    t1 = screen.world.t
    frames(app, 60)
    assert screen.speed == 4 and math.isclose(one, 1.0, abs_tol=0.06)
    assert math.isclose(screen.world.t - t1, 4.0, abs_tol=0.11)


def strings_drawn(app: App, monkeypatch, n: int = 1) -> set[str]:
    """The strings drawn in the next `n` frames."""
    from sispam.ui import widgets

    seen: set[str] = set()
    original = widgets.Text.render

    def record(self, text, *args, **kwargs):
        seen.add(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(widgets.Text, "render", record)
    frames(app, n)
    monkeypatch.setattr(widgets.Text, "render", original)
    return seen


def test_switching_the_language_in_settings_changes_every_string_on_screen(app, monkeypatch, tmp_path) -> None:
    from sispam.ui.i18n import CATALOGUE

    indonesian = {v["id"] for v in CATALOGUE.values() if v["id"] != v["en"]}
    english = {v["en"] for v in CATALOGUE.values() if v["id"] != v["en"]}
    en_menu = strings_drawn(app, monkeypatch)
    key(app, pygame.K_s)  # settings
    button = next(b for b in app.screen.buttons.items if b.label == "Bahasa Indonesia")
    click(app, button.rect.center)
    assert app.settings.lang == "id"
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MainMenu)
    id_menu = strings_drawn(app, monkeypatch)
    assert en_menu & indonesian == set() and id_menu & english == set()
    assert "Keluar" in {s.strip() for s in id_menu} and "Quit" in en_menu
    saved = json.loads((tmp_path / "data" / "settings.json").read_text())
    assert saved["lang"] == "id"
    # Every screen of a level, in both languages: no string of the other language.
    for lang, other in (("id", english), ("en", indonesian)):
        app.apply_settings(Settings(lang=lang, window=(1280, 720)))
        screen = play(app, ALL_UNITS)
        screen.select([screen.world.units[0]])
        drawn = strings_drawn(app, monkeypatch)
        screen.open_pause_menu()
        drawn |= strings_drawn(app, monkeypatch)
        assert drawn & other == set(), drawn & other


def test_a_bad_level_file_shows_its_problems_and_goes_back_to_the_menu(app, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = "x"\nseed = "many"\n', encoding="utf-8")
    app.open_level(bad)
    assert isinstance(app.screen, ErrorScreen)
    assert any(p.startswith(f"{bad}:3:") and "seed" in p for p in app.screen.problems)
    frames(app)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, MainMenu)


def test_a_level_file_dropped_on_the_window_opens_its_briefing(app, tmp_path) -> None:
    frames(app, events=[pygame.event.Event(pygame.DROPFILE, file=str(TUTORIAL))])
    assert isinstance(app.screen, Briefing) and app.screen.scenario.id == "campaign_1_hijau"
    frames(app, events=[pygame.event.Event(pygame.DROPFILE, file=str(tmp_path / "missing.toml"))])
    assert isinstance(app.screen, ErrorScreen)


def test_the_file_dialog_opens_a_level(app) -> None:
    key(app, pygame.K_o)
    dialog = app.screen
    target = next(b for b in dialog.buttons.items if b.label == TUTORIAL.name)
    click(app, target.rect.center)
    assert isinstance(app.screen, Briefing) and app.screen.path == TUTORIAL


@pytest.mark.parametrize("app", ["en", "id"], indirect=True)
def test_the_tutorial_walks_through_select_zoom_line_rope_appeal_and_pause(app) -> None:
    screen = play(app)
    lang = app.settings.lang

    def shown(step: str) -> None:
        assert screen.hints.current == step
        assert screen.hint_text() == text(f"hint.{step}", lang).format(n={"select": "1"}.get(step, "2"))
        frames(app)
        assert screen.panels.hint_rect() is not None  # drawn over the map, the game running

    shown("select")
    key(app, pygame.K_1)
    shown("zoom")
    gate = screen.camera.to_screen(np.array([[85.0, 24.0]]))[0].astype(int).tolist()
    frames(app, events=[pygame.event.Event(pygame.MOUSEMOTION, pos=gate, rel=(0, 0), buttons=(0, 0, 0)),
                        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False)])
    shown("line")
    a, b = screen.camera.to_screen(np.array([[80.0, 24.5], [90.0, 24.5]])).astype(int).tolist()
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=3),
                        pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(1, 0), buttons=(0, 0, 1)),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    shown("rope")
    click(app, screen.panels.hint_close_rect().center)  # its cross puts an explaining hint away
    assert [u.id for u in screen.selected] == ["dalmas-awal-1"]  # the click went to the cross, not the map
    assert screen.hints.current is None  # the appeal and the talks wait for the crowd at the gate
    screen.world.events.append(Event(screen.world.t, "scripted_event", {"id": "massa-tiba"}))
    frames(app)
    shown("appeal")
    key(app, pygame.K_2)
    key(app, pygame.K_i)
    shown("negotiate")
    key(app, pygame.K_n)
    shown("negotiate")  # N waits for the korlap to talk to
    click(app, screen.camera.to_screen(screen.world.bodies.pos[korlap_in_view(screen)][None])[0])
    shown("pause")
    key(app, pygame.K_SPACE)
    shown("resume")
    key(app, pygame.K_PLUS)
    assert screen.hints.current is None and not screen.paused
    screen.world.events.append(Event(screen.world.t, "scripted_event", {"id": "isu-kecurangan"}))
    frames(app)
    shown("feed")
    # Only campaign levels teach.
    assert not play(app, ALL_UNITS).hints.enabled


@pytest.mark.parametrize("app", ["en", "id"], indirect=True)
def test_a_later_level_gives_its_first_time_hint_when_it_is_needed(app) -> None:
    screen = play(app, levels_dir() / "campaign_3_provokator.toml")
    frames(app)
    assert screen.hints.current is None
    screen.world.events.append(Event(screen.world.t, "scripted_event", {"id": "provokator-menyusup"}))
    frames(app)
    assert screen.hints.current == "arrest"
    assert screen.hint_text() == text("hint.arrest", app.settings.lang).format(n="2")  # the tim tangkap is unit 2
    click(app, screen.panels.hint_close_rect().center)
    assert screen.hints.current is None and screen.selected == []  # put away; nothing else clicked


def test_the_window_survives_resize_focus_loss_and_quits_from_every_screen(app) -> None:
    screen = play(app)
    frames(app, events=[pygame.event.Event(pygame.WINDOWFOCUSLOST)])
    assert screen.paused
    app.surface = pygame.Surface((1920, 1080))
    frames(app, events=[pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)])
    assert screen.camera.screen_size == (1920, 1080)
    for open_screen in (app.main_menu, lambda: app.open_level(TUTORIAL), lambda: play(app),
                        lambda: play(app).open_pause_menu(), lambda: key(app, pygame.K_o)):
        app.running = True
        open_screen()
        frames(app, events=[pygame.event.Event(pygame.QUIT)])
        assert not app.running


def short_play(app: App, seconds: float = 20.0) -> PlayScreen:
    """Campaign 1 cut to `seconds`, on its play screen."""
    from dataclasses import replace

    from sispam.level import load_level

    screen = PlayScreen(app, replace(load_level(TUTORIAL), duration_s=seconds), TUTORIAL, 0)
    app.show(screen)
    screen.set_paused(False)  # the trainee starts the clock
    return screen


def test_the_end_of_a_level_shows_the_result_and_counts_the_attempt(app) -> None:
    from sispam.ui.result import ResultScreen

    screen = short_play(app)
    screen.set_speed(4)
    frames(app, 30)
    screen.world.run_until(screen.scenario.duration_s)
    frames(app)
    assert isinstance(app.screen, ResultScreen)
    assert app.progress.attempts("campaign_1_hijau") == 1
    assert app.screen.outcome == screen.world.objectives.outcome


def _every_screen(app: App):
    """Open each screen in turn; yield its name once it is drawn."""
    app.main_menu()
    frames(app)
    yield "menu"
    key(app, pygame.K_o)
    yield "file dialog"
    app.open_level(ALL_UNITS)
    frames(app)
    yield "briefing"
    screen = play(app, ALL_UNITS)
    screen.select(list(screen.world.units))  # every unit: the most buttons the order bar can have
    frames(app)
    yield "play"
    screen.open_pause_menu()
    frames(app)
    yield "pause"
    key(app, pygame.K_s)
    yield "settings"
    app.open_level(Path("no/such/level.toml"))
    frames(app)
    yield "error"
    screen = play(app)
    screen.world.run_until(1.0)
    screen._finish()
    frames(app)
    yield "result"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_button_is_cut_off_or_covers_another_at_either_size(app, size, lang) -> None:
    app.apply_settings(Settings(lang=lang, window=size))
    app.surface = pygame.Surface(size)
    window = pygame.Rect((0, 0), size)
    for name in _every_screen(app):
        buttons = app.screen.buttons.items
        assert buttons, name
        for i, b in enumerate(buttons):
            assert window.contains(b.rect), (name, b.label, b.rect)
            for other in buttons[i + 1:]:
                assert not b.rect.colliderect(other.rect), (name, b.label, other.label)


def test_the_window_opens_runs_its_loop_and_quits(tmp_path, monkeypatch) -> None:
    """`python game.py play LEVEL` through the real window and frame loop (the dummy video
    driver stands in for a display): the briefing opens, a quit ends the loop with exit 0."""
    from sispam.cli import main

    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sispam.sim.kernels.pending", lambda: [])  # a warm start (tests/ui/test_loading_screen.py: a first)
    seen = []
    original = App.frame

    def frame_then_quit(self, events, dt_s):
        original(self, events, dt_s)
        seen.append(type(self.screen).__name__)
        if len(seen) == 3:
            pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setattr(App, "frame", frame_then_quit)
    assert main(["play", str(TUTORIAL), "--lang", "en", "--window", "1024x600"]) == 0
    assert seen[:3] == ["Briefing"] * 3


def test_an_order_button_names_its_doctrine_term_and_force_stage(app) -> None:
    screen = play(app, ALL_UNITS)
    screen.select([next(u for u in screen.world.units if u.type.value == "dalmas_lanjut")])
    button = next(b for b in screen.buttons.items if b.hotkey == pygame.K_p)  # dorong
    frames(app, events=[pygame.event.Event(pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert button.label == "Dorong (push)"
    assert "Perkap 1/2009 stage 4" in button.tooltip and "hard empty-hand control" in button.tooltip


def test_the_pause_button_and_the_pause_menu_keep_the_clock_right(app) -> None:
    screen = play(app)
    pause = next(b for b in screen.buttons.items if b.label == "Pause")
    click(app, pause.rect.center)
    assert screen.paused
    pause = next(b for b in screen.buttons.items if b.label == "Pause")
    assert pause.active
    click(app, pause.rect.center)  # the second click runs the clock again
    assert not screen.paused
    key(app, pygame.K_ESCAPE)  # the pause menu stops the clock ...
    assert screen.paused and not isinstance(app.screen, PlayScreen)
    key(app, pygame.K_ESCAPE)  # ... and Resume gives it back running
    assert app.screen is screen and not screen.paused
    t = screen.world.t
    frames(app, 30)
    assert screen.world.t > t
    key(app, pygame.K_SPACE)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert screen.paused  # paused before the menu: still paused after it


def test_leaving_a_run_under_way_from_the_pause_menu_takes_a_second_press(app) -> None:
    """Main menu, Restart and Quit end the run unkept: a mis-click lost a trainee's exercise. The
    first press says so, the second leaves; a level not yet started leaves at once."""
    screen = play(app)
    frames(app, 30)
    assert screen.world.t > 0 and screen.recorder is not None
    key(app, pygame.K_ESCAPE)
    menu = app.screen
    key(app, pygame.K_m)
    assert app.screen is menu and any(b.label == "Press again: this run is not kept" for b in menu.buttons.items)
    key(app, pygame.K_m)
    assert isinstance(app.screen, MainMenu)
    screen = play(app, start=False)  # waiting for the trainee: nothing to lose
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_m)
    assert isinstance(app.screen, MainMenu)


def test_the_relieve_key_gives_each_selected_unit_its_own_relieve_order(app) -> None:
    screen = play(app, ALL_UNITS)
    w = screen.world
    lanjut = w.command.unit("dalmas-lanjut-1")
    brimob = w.command.unit("brimob-phh-1")
    screen.select([lanjut, brimob])
    assert [b.label for b in screen.buttons.items if b.hotkey == pygame.K_g] == ["Lapis ganti"]
    key(app, pygame.K_g)
    click(app, officer_pixel(screen, "dalmas-awal-1"))
    given = {i.order.unit: (i.order.kind, i.order.relieve) for i in w.command.log}
    assert given == {"dalmas-lanjut-1": (OrderKind.LAPIS_GANTI, "dalmas-awal-1"),
                     "brimob-phh-1": (OrderKind.LINTAS_GANTI, "dalmas-awal-1")}


def test_the_event_feed_follows_a_language_switch_during_a_level(app) -> None:
    screen = play(app)
    key(app, pygame.K_1)
    key(app, pygame.K_h)  # an order: its feed line
    frames(app)
    lines = screen.feed.lines
    assert any(line.text("en").endswith("Siaga (hold)") for line in lines)
    app.apply_settings(Settings(lang="id", window=(1280, 720)))
    assert any(line.text("id").endswith("Siaga") for line in lines)
    assert any(line.text("id").startswith("Intelkam: ±250 massa") for line in lines)  # the level's own message


def test_sound_follows_the_next_level_after_a_level_ends(app) -> None:
    screen = short_play(app)
    screen.world.run_until(screen.scenario.duration_s)
    frames(app)  # the result screen
    assert not app.sound._paused
    key(app, pygame.K_r)  # try again
    assert isinstance(app.screen, PlayScreen) and not app.sound._paused


def test_command_line_choices_last_one_session_and_are_not_saved(tmp_path, monkeypatch) -> None:
    from sispam.cli import parse_args
    from sispam.settings import load_settings

    for argv in (["--lang", "en", "play", "x.toml"], ["play", "x.toml", "--lang", "en"]):
        assert parse_args(argv).lang == "en"
    assert parse_args(["play", "x.toml"]).lang is None
    monkeypatch.setenv("SISPAM_DATA_DIR", str(tmp_path))
    stored = Settings(lang="id", window=(1280, 720))
    game = App(Settings(lang="en", window=(1600, 900)), headless=True, saved=stored)  # --lang en --window 1600x900
    try:
        game.main_menu()
        game.apply_settings(Settings(lang="en", window=(1600, 900), volume=0.3))  # the player turns the volume down
    finally:
        game.close()
    saved, problems = load_settings("id")
    assert problems == [] and (saved.lang, saved.window, saved.volume) == ("id", (1280, 720), 0.3)


def test_a_trainee_wins_the_tutorial_with_mouse_and_keys(app) -> None:
    """Campaign 1 as its briefing asks, through the screen alone: the platoon's line across the
    gate by a right drag, an appeal, the negotiator to the korlap; then the result screen."""
    from sispam.ui.result import ResultScreen

    screen = play(app)
    key(app, pygame.K_1)
    a, b = screen.camera.to_screen(np.array([[79.0, 24.5], [91.0, 24.5]])).astype(int).tolist()
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=3),
                        pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(1, 0), buttons=(0, 0, 1)),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    key(app, pygame.K_2)
    key(app, pygame.K_PLUS)
    key(app, pygame.K_PLUS)  # 4x
    while screen.world.t < 30.0:
        frames(app)
    key(app, pygame.K_i)  # imbauan as the crowd comes up
    while screen.world.t < 62.0:
        frames(app)
    negotiate_with(app, screen, korlap_in_view(screen))  # and talk to the korlap
    screen.world.run_until(screen.scenario.duration_s - 1.0)  # the rest without drawing every frame
    frames(app, 30)
    assert isinstance(app.screen, ResultScreen) and app.screen.outcome == "won", \
        [s.as_dict() for s in screen.world.objectives.states]
    assert app.progress.won("campaign_1_hijau")
    app.main_menu()
    frames(app)
    level_2 = next(b for b in app.screen.buttons.items if b.label.startswith("2."))
    assert level_2.enabled  # the next campaign level is open now


def test_a_sloppy_drag_across_the_gate_snaps_to_its_posts_and_closes_it(app) -> None:
    """At the opening zoom, a drag that starts and ends up to 1.5 m off the gate posts of level
    1 places the line the reference plan places: 2 m past each post, 0.5 m behind them; the
    preview marks the posts; the formed line leaves no gap, and nobody walks in."""
    screen = play(app)
    key(app, pygame.K_1)
    cam = screen.camera
    a, b = cam.to_screen(np.array([[80.0, 25.2], [90.1, 23.1]]))  # 1.25 m and 1.42 m off the posts
    a, b = tuple(map(int, np.rint(a))), tuple(map(int, np.rint(b)))
    right_drag(app, a, b)
    preview = screen.preview()
    assert screen.snapped is not None and sorted(map(tuple, screen.snapped.tolist())) == [(81.0, 24.0), (89.0, 24.0)]
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    order = screen.world.command.log[-1].order
    assert order == preview[0]
    assert order.point == pytest.approx((85.0, 24.5)) and order.width_m == pytest.approx(12.0)
    assert math.isclose(order.facing_deg, -90.0, abs_tol=0.5)
    w = screen.world
    while w.t < 120.0 and not w.objectives.ended:
        w.step()
    unit = w.command.unit("dalmas-awal-1")
    xs = w.bodies.pos[unit.first:unit.first + unit.count, 0]
    assert xs.min() < 81.0 - 0.3 and xs.max() > 89.0 + 0.3  # the line reaches past both posts
    assert w.breaches == 0 and w.objectives.outcome != "lost"


def test_a_formation_key_right_after_placing_a_line_changes_its_formation_not_its_place(app) -> None:
    """The tutorial's next step after the gate drag is F6 (tali Dalmas), pressed while the line
    order is still coming down the chain of command: the unit forms the rope line in the gate,
    not where it stands (a walkthrough found the gate left open)."""
    screen = play(app)
    screen.set_paused(True)
    key(app, pygame.K_1)
    a, b = screen.camera.to_screen(np.array([[80.0, 25.2], [90.1, 23.1]]))
    a, b = tuple(map(int, np.rint(a))), tuple(map(int, np.rint(b)))
    right_drag(app, a, b)
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    placed = screen.world.command.log[-1].order
    key(app, pygame.K_F6)
    order = screen.world.command.log[-1].order
    assert order.formation is Formation.TALI_DALMAS and order.point == placed.point
    assert (order.facing_deg, order.width_m) == (placed.facing_deg, placed.width_m)
    screen.set_paused(False)
    w = screen.world
    while w.t < 40.0:
        w.step()
    unit = w.command.unit("dalmas-awal-1")
    assert unit.formation is Formation.TALI_DALMAS
    assert abs(float(w.bodies.pos[unit.first:unit.first + unit.count, 1].mean()) - 24.5) < 1.0  # in the gate


def test_a_drag_away_from_any_gate_is_not_snapped(app) -> None:
    screen = play(app)
    key(app, pygame.K_1)
    a, b = screen.camera.to_screen(np.array([[20.0, 12.0], [32.0, 12.0]]))
    right_drag(app, tuple(map(int, a)), tuple(map(int, b)))
    assert screen.preview() and screen.snapped is None


def test_an_order_leaves_a_trace_on_the_map_until_it_is_done(app) -> None:
    """While an order passes down the chain of command it is drawn in its waiting colour with
    the seconds left; while the unit walks, in the trace colour; once formed, nothing."""
    screen = play(app)
    frames(app, 2)

    def count(colour) -> int:
        pixels = pygame.surfarray.pixels3d(app.surface)
        return int(np.all(pixels == np.array(colour), axis=-1).sum())

    before = {c: count(c) for c in (palette.ORDER_WAITING, palette.ORDER_TRACE)}

    def inked(colour) -> int:  # more than before the order: the trace's own pixels
        return count(colour) - before[colour]

    key(app, pygame.K_1)
    cam = screen.camera
    a, b = cam.to_screen(np.array([[56.0, 36.0], [70.0, 36.0]]))
    a, b = tuple(map(int, np.rint(a))), tuple(map(int, np.rint(b)))
    right_drag(app, a, b)
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=3)])
    click(app, cam.to_screen(np.array([[20.0, 60.0]]))[0])  # nothing selected: the trace is not the preview

    frames(app, 2)
    issued = screen.world.command.log[-1]
    assert issued.status in ("pending", "given") and inked(palette.ORDER_WAITING) > 50
    assert screen.panels._card_status(screen.world.command.unit("dalmas-awal-1")).startswith("Move in ")
    screen.set_speed(4)
    while screen.world.command.log[-1].status in ("pending", "given"):
        frames(app, 1)
    frames(app, 2)
    assert inked(palette.ORDER_TRACE) > 50 and inked(palette.ORDER_WAITING) <= 0
    assert screen.panels._card_status(screen.world.command.unit("dalmas-awal-1")) == "Move"
    unit = screen.world.command.unit("dalmas-awal-1")
    for _ in range(3000):
        if screen.world.lines.formed(unit):
            break
        screen.world.step()
    assert screen.world.lines.formed(unit)
    frames(app, 2)
    assert inked(palette.ORDER_TRACE) <= 0
    assert screen.panels._card_status(unit) == f"{text(f'formation.{unit.formation}', 'en')} · in position"  # not "Move" for ever


def test_the_key_that_opens_a_level_is_not_typed_into_the_briefings_name(app) -> None:
    """SDL sends a key's text after the key: the menu's 1 opens the first level's briefing, and
    its "1" must not land in the empty name field that has the focus there. What is typed next
    does, a 1 included."""
    assert isinstance(app.screen, MainMenu)
    frames(app, events=[pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=30),
                        pygame.event.Event(pygame.TEXTINPUT, text="1")])
    assert isinstance(app.screen, Briefing) and app.screen.name.value == ""
    for ch in "Budi1":
        frames(app, events=[pygame.event.Event(pygame.KEYDOWN, key=ord(ch.lower()), mod=0, unicode=ch, scancode=0),
                            pygame.event.Event(pygame.TEXTINPUT, text=ch)])
    assert app.screen.name.value == "Budi1"


def test_an_order_for_a_later_time_is_not_shown_before_it_is_given(app) -> None:
    """A replay (or a plan) issues its orders ahead, each for the time it was given: until then
    the unit's card does not announce it and the map draws no trace of it."""
    screen = play(app)
    frames(app, 2)
    w = screen.world
    unit = w.command.unit("dalmas-awal-1")
    issued = w.command.issue(Order(w.t + 30.0, unit.id, OrderKind.FORM, point=(70.0, 36.0)))

    def waiting_ink() -> int:
        pixels = pygame.surfarray.pixels3d(app.surface)
        return int(np.all(pixels == np.array(palette.ORDER_WAITING), axis=-1).sum())

    frames(app, 2)
    assert issued.status == "pending" and w.command.coming(unit.id) is None
    assert not screen.panels._card_status(unit).startswith("Move in ") and waiting_ink() == 0
    while w.t < issued.order.t:
        w.step()
    frames(app, 2)  # given now: announced with its seconds left, and drawn
    assert w.command.coming(unit.id) is issued and screen.panels._card_status(unit).startswith("Move in ")
    assert waiting_ink() > 50


def test_a_crush_alert_is_said_marked_and_looked_at(app) -> None:
    """People injured in the crowd make a red feed line, a ring on the map where they lie and
    the alert tone; J (or a click on the line) brings the camera there."""
    from sispam.sim.params import INJURY_DOSE
    from sispam.ui.alerts import GATHER_S

    screen = play(app)
    frames(app, 2)
    w = screen.world
    b = w.bodies
    active = np.flatnonzero(b.state[:b.n_crowd] == BodyState.ACTIVE)
    while len(active) < 3:
        w.step()
        active = np.flatnonzero(b.state[:b.n_crowd] == BodyState.ACTIVE)
    victims = active[:3]
    b.crush_dose[victims] = 2 * INJURY_DOSE  # a crush past the threshold: they fall at the next step
    start = w.t
    screen.set_speed(4)
    while w.t < start + GATHER_S + 0.5:
        frames(app, 1)
    lines = [line for line in screen.feed.lines if line.kind == "bad" and line.at is not None]
    assert len(lines) == 1 and "3 people injured" in lines[0].text("en")
    assert np.hypot(*(np.asarray(lines[0].at) - b.pos[victims].mean(axis=0))) < 1.0
    assert app.sound.played["alert"] >= 1 or not app.sound.available
    assert screen.alerts.marks()
    screen.camera.centre_on((120.0, 80.0))  # the trainee looks elsewhere
    screen.layout(app.size)
    view = screen.panels.rects["map"]

    def off_centre() -> float:
        x, y = screen.camera.to_screen(np.array([lines[0].at]))[0]
        return float(np.hypot(x - view.centerx, y - view.centery)) if view.collidepoint(x, y) else math.inf

    before = off_centre()
    key(app, pygame.K_j)
    assert off_centre() < min(before, view.width / 3)  # in view, near the middle (the map's edge permitting)


def test_an_arrest_team_on_its_way_back_says_so_and_leaves_no_trace_to_the_crowd(app) -> None:
    """A walkthrough saw the tim tangkap's card read "Tangkap" and its dashed line into the crowd
    stay for minutes after the arrest was done: once the man is handed over, the card says the
    team goes back, and the trace to the crowd is gone."""
    screen = play(app, levels_dir() / "campaign_3_provokator.toml")
    w = screen.world
    w.run_until(100.0)
    w.give(Order(w.t, "tim-tangkap-1", OrderKind.ARREST, point=(85.0, 19.0), role=Role.PROVOKATOR))
    team = w.command.unit("tim-tangkap-1")
    while w.t < 200.0 and not any(e.kind == "arrest_completed" for e in w.events):
        w.step()
    assert any(e.kind == "arrest_completed" for e in w.events)
    op = w.command.active["tim-tangkap-1"]
    if not op.done:  # still walking back
        assert op.returning and screen.panels._card_status(team) == "back to its place"
    assert screen.panels._card_status(team) != "Arrest"
    screen.set_paused(True)
    frames(app, 2)
    trace = palette.ORDER_TRACE
    assert not any(tuple(app.surface.get_at((x, y))[:3]) == trace
                   for x in range(0, app.surface.get_width(), 2) for y in range(0, app.surface.get_height(), 2))


def test_a_braced_line_says_so_on_its_card_not_standing(app) -> None:
    """A walkthrough saw "standing" on the card of a line that had braced (and raised shields)."""
    screen = play(app)
    w = screen.world
    w.give(Order(w.t, "dalmas-awal-1", OrderKind.BRACE))
    unit = w.command.unit("dalmas-awal-1")
    for _ in range(2000):
        w.step()
        op = w.command.active.get("dalmas-awal-1")
        if op is not None and op.done and w.lines.formed(unit):
            break
    assert screen.panels._card_status(unit) == text("order.brace", "en")


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_negotiator_walks_up_to_the_korlap_clicked_and_only_then_talks(app) -> None:
    """A walkthrough could not choose the korlap, and the feed said 'talking' 25 m away: N waits
    for a click on a korlap, the negotiator walks up to him, and the talk begins a few metres off."""
    from sispam.level import load_level, load_plan
    from sispam.sim.police.negotiate import TALK_M
    from sispam.sim.police.teams import surface_gap
    from sispam.ui.screenshot import world_at

    lang = app.settings.lang
    scenario = load_level(TUTORIAL)
    plan = tuple(o for o in load_plan(levels_dir() / "plans" / TUTORIAL.name, scenario) if o.kind != "negotiate")
    screen = PlayScreen(app, scenario, TUTORIAL, 0, plan, world=world_at(scenario, plan, 63.0))
    app.show(screen)
    w, b = screen.world, screen.world.bodies
    key(app, pygame.K_2)
    here = commands.unit_centre(w, screen.selected[0])
    korlaps = sorted(np.flatnonzero((b.state[:b.n_crowd] == BodyState.ACTIVE)
                                    & (w.crowd.role == w.crowd.ROLES.index(Role.KORLAP))),
                     key=lambda k: float(np.hypot(*(b.pos[k] - here))))
    chosen = int(korlaps[1])  # not the nearest: the one the trainee means
    given = len(w.command.log)  # the plan's line and appeal
    key(app, pygame.K_n)
    assert screen.targeting is not None and screen.targeting.target == "korlap" and len(w.command.log) == given
    click(app, screen.camera.to_screen(np.array([[20.0, 60.0]]))[0])  # the empty field: no korlap there
    assert len(w.command.log) == given and screen.targeting is None
    assert screen.feed.lines[0].texts[lang] == text("feed.no_target.korlap", lang)
    screen.camera.centre_on(tuple(map(float, b.pos[chosen])))
    negotiate_with(app, screen, chosen)
    [issued] = w.command.log[given:]
    assert issued.order.kind is OrderKind.NEGOTIATE and issued.order.person == chosen
    w.run_until(w.t + 4.0)  # past the command delay: on his way
    frames(app)
    gap = float(surface_gap(w, w.standing(screen.selected[0]), chosen).min())
    assert gap > TALK_M
    assert screen.panels._card_status(screen.selected[0]) == text("card.to_korlap", lang).format(m=f"{gap:.0f}")
    assert text("card.talking", lang) not in " ".join(line.texts[lang] for line in screen.feed.lines)
    while not any(e.kind == "negotiation_talking" for e in w.events):
        assert w.t < 63.0 + 90.0, "the talk never began"
        w.step()
    talk = next(e for e in w.events if e.kind == "negotiation_talking")
    assert talk.detail["korlap"] == chosen
    negotiators = b.pos[w.standing(screen.selected[0])]
    assert float(np.hypot(*(negotiators - b.pos[chosen]).T).min()) < 3.0  # face to face, not across the road
    frames(app)
    assert screen.panels._card_status(screen.selected[0]) == text("card.talking", lang)
    assert screen.feed.lines[0].texts[lang] == text("event.negotiation_talking", lang).format(unit="negosiator-1")


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_start_before_a_name_says_at_the_name_field_what_is_missing(app) -> None:
    """Enter, or a click on the greyed Start, with no name typed: the briefing stays, the name
    field takes the keys, and its label asks for the name in the alert colour; once a name is
    typed, Enter starts the level."""
    app.open_level(TUTORIAL)
    briefing = app.screen
    assert isinstance(briefing, Briefing)
    briefing.name.value = ""
    briefing.name.focused, briefing.group.focused = False, True
    frames(app)
    key(app, pygame.K_RETURN)
    assert app.screen is briefing and briefing.name_needed and briefing.name.focused
    label = briefing.name.rect.move(0, -briefing.style.px(18))
    label.height = briefing.style.px(16)
    shown = pygame.surfarray.array3d(app.surface.subsurface(label))
    assert (shown == np.array(palette.LOST)).all(axis=2).any()  # the request, in the alert colour
    frames(app, events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=briefing.start.rect.center, button=1),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=briefing.start.rect.center, button=1)])
    assert app.screen is briefing
    frames(app, events=[pygame.event.Event(pygame.TEXTINPUT, text="Budi")])
    frames(app)
    shown = pygame.surfarray.array3d(app.surface.subsurface(label))
    assert not (shown == np.array(palette.LOST)).all(axis=2).any()
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, PlayScreen)
