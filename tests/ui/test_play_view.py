"""What the play screen shows of the drill (issue 20): the opening view, the legend out of the
way and as the player left it, the pause on the map, the breach moment before a loss, people
readable when zoomed out, and map labels off the people."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Behaviour
from sispam.sim.geometry import shape_bounds
from sispam.sim.injects import with_reserve
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import ObstacleKind, Role, UnitType, ZoneRole
from sispam.sim.state_hash import state_hash
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.banners import LOSS_MOMENT_S
from sispam.ui.i18n import text
from sispam.ui.legend import ROLE_MARKS
from sispam.ui.play import PlayScreen
from sispam.ui.result import ResultScreen
from sispam.ui.world_view import MIN_PERSON_PX, SUPPORT_UNITS
from tests.ui.test_game_screens import frames, key, play

LEVELS = levels_dir()
# The first sprite slot of a korlap's looks (the behaviour classes with his mark), as `world_view` orders them.
LOOKS_KORLAP = len(Behaviour) * (1 + [role for role, _ in ROLE_MARKS].index(Role.KORLAP))


def screen_box(screen, bounds) -> pygame.Rect:
    x0, y0, x1, y1 = bounds
    (a, b), (c, d) = screen.camera.to_screen(np.array([[x0, y1], [x1, y0]])).tolist()
    return pygame.Rect(round(a), round(b), round(c - a), round(d - b))


@pytest.mark.parametrize("level", ["campaign_2_dorong", "campaign_3_provokator"])
def test_a_level_opens_with_the_trainees_units_and_the_gate_in_view(app, level: str) -> None:
    screen = play(app, LEVELS / f"{level}.toml")
    frames(app)
    w, free = screen.world, screen.panels.rects["map"]
    b = w.bodies
    shown = [u for u in w.units if u.arrived and u.type not in SUPPORT_UNITS]
    assert shown
    for unit in shown:
        rows = slice(unit.first, unit.first + unit.count)
        pixels = screen.camera.to_screen(b.pos[rows][b.state[rows] == BodyState.ACTIVE])
        assert all(free.collidepoint(p) for p in pixels.tolist()), unit.id
    for gate in (o for o in w.scenario.obstacles if o.kind is ObstacleKind.GATE):
        assert free.contains(screen_box(screen, shape_bounds(gate.shape)))


def test_the_legend_hides_not_where_the_crowd_comes_from(app) -> None:
    screen = play(app)  # the tutorial: its legend shown
    frames(app)
    assert screen.show_legend and screen.panels.legend_at is not None
    spawns = [screen_box(screen, shape_bounds(z.shape)) for z in screen.world.scenario.zones
              if z.role is ZoneRole.SPAWN]
    assert spawns and all(spawn.colliderect(screen.panels.rects["map"]) for spawn in spawns)
    assert not any(screen.panels.legend_at.colliderect(spawn) for spawn in spawns)


def test_the_legend_is_shown_on_the_first_level_then_as_the_player_left_it(app) -> None:
    assert play(app).show_legend
    app.main_menu()
    assert not play(app, LEVELS / "campaign_2_dorong.toml").show_legend  # not chosen: hidden after the first
    key(app, pygame.K_k)
    assert app.screen.show_legend and app.settings.legend is True
    app.main_menu()
    assert play(app, LEVELS / "campaign_3_provokator.toml").show_legend
    key(app, pygame.K_k)
    app.main_menu()
    assert not play(app).show_legend and app.saved.legend is False


def _map_frame_colour(app, screen) -> tuple:
    area = screen.panels.rects["map"]
    return tuple(app.surface.get_at((area.centerx, area.top + 1)))[:3]


def test_a_paused_map_is_framed_and_says_so_in_the_players_language(app) -> None:
    screen = play(app)
    frames(app, 2)
    assert _map_frame_colour(app, screen) != palette.PAUSED
    key(app, pygame.K_SPACE)
    frames(app)
    assert screen.paused and _map_frame_colour(app, screen) == palette.PAUSED
    band = screen._draw_clock_banner(app.surface)[-1]
    assert band.top > screen.panels.hint_rect().bottom  # the band stands under the tutorial's hint
    row = [tuple(app.surface.get_at((x, band.top)))[:3] for x in range(0, screen.panels.rects["map"].width)]
    assert row.count(palette.PAUSED) > 200  # the band's top edge
    key(app, pygame.K_SPACE)
    frames(app)
    assert not screen.paused and _map_frame_colour(app, screen) != palette.PAUSED


def _lost_soon(app) -> PlayScreen:
    """Campaign 2 without orders, run until one more breach loses it, on the play screen."""
    path = LEVELS / "campaign_2_dorong.toml"
    scenario = load_level(path)
    world = World(scenario)
    allowed = next(s.objective.max_breaches for s in world.objectives.states if s.objective.zone == "kpu")
    while world.zone_breaches.get("kpu", 0) < allowed and world.t < 300.0:
        world.step()
    assert not world.objectives.ended
    screen = PlayScreen(app, scenario, path, 1, world=world)
    app.show(screen)
    return screen


def test_a_loss_at_4x_holds_on_the_breach_before_the_result(app) -> None:
    screen = _lost_soon(app)
    screen.set_speed(4)
    for _ in range(60 * 30):
        frames(app)
        if screen.moment is not None or app.screen is not screen:
            break
    assert app.screen is screen and screen.moment is not None and screen.moment.final, "no breach moment"
    assert screen.speed == 4 and screen.world.objectives.outcome == "lost"
    at = screen.camera.to_screen(np.array([screen.moment.at]))[0]
    assert np.allclose(at, screen.panels.rects["map"].center, atol=2)  # the camera on the place
    t = screen.world.t
    frames(app, int(60 * LOSS_MOMENT_S) - 10)  # it holds, the clock stopped, the banner red
    assert app.screen is screen and screen.world.t == t and _map_frame_colour(app, screen) == palette.ALERT
    frames(app, 12)
    assert isinstance(app.screen, ResultScreen)


def test_a_key_goes_on_from_the_breach_moment_to_the_result(app) -> None:
    screen = _lost_soon(app)
    screen.set_speed(4)
    for _ in range(60 * 30):
        frames(app)
        if screen.moment is not None:
            break
    key(app, pygame.K_RETURN)
    frames(app)
    assert isinstance(app.screen, ResultScreen)


def test_a_breach_at_4x_drops_the_game_to_1x_with_a_banner(app) -> None:
    path = LEVELS / "campaign_2_dorong.toml"
    scenario = load_level(path)
    world = World(scenario)
    world.run_until(80.0)  # the first of the crowd gets in at about 90 s
    assert world.breaches == 0
    screen = PlayScreen(app, scenario, path, 1, world=world)
    app.show(screen)
    screen.set_speed(4)
    for _ in range(60 * 30):
        frames(app)
        if world.breaches:
            break
    assert world.breaches and not world.objectives.ended
    assert screen.speed == 1 and screen.moment is not None and not screen.moment.final
    assert _map_frame_colour(app, screen) == palette.ALERT


def test_people_are_readable_discs_at_the_opening_zoom_and_marked_roles_stand_out_at_any_zoom(app) -> None:
    screen = play(app, LEVELS / "campaign_3_provokator.toml")
    frames(app)
    assert screen.view.crowd_sprite.get_width() >= 2 * MIN_PERSON_PX >= 6  # no 2-3 px dots
    for scale in (1.0, 4.0, 30.0):  # zoomed right out to right in
        screen.camera.scale = scale
        frames(app)
        plain, korlap = screen.view.look_sprite(Behaviour.PASIF), screen.view.look_sprite(LOOKS_KORLAP + Behaviour.PASIF)
        assert korlap.get_width() >= plain.get_width() + 2, scale  # its ring stands out of the crowd
        centre = (korlap.get_width() // 2, korlap.get_height() // 2)
        assert tuple(korlap.get_at(centre))[:3] == palette.KORLAP_MARK, scale


@pytest.mark.parametrize("unit", list(palette.UNIT), ids=str)
def test_the_orderly_crowd_is_coloured_unlike_any_police_unit(unit) -> None:
    tertib = np.array(palette.BEHAVIOUR[Behaviour.TERTIB], float)
    assert np.linalg.norm(tertib - np.array(palette.UNIT[unit], float)) > 90


def test_the_names_of_the_ground_people_walk_on_are_faint_and_a_buildings_name_is_not() -> None:
    from sispam.ui.camera import Camera
    from sispam.ui.map_layer import MapLayer

    scenario = load_level(LEVELS / "campaign_2_dorong.toml")
    camera = Camera((1280, 720), scenario.size)
    named = pygame.surfarray.array3d(MapLayer(scenario).surface(camera)).astype(int)
    bare = pygame.surfarray.array3d(MapLayer(scenario, labels=False).surface(camera)).astype(int)
    change = np.abs(named - bare).sum(axis=2)

    def strongest(area: str) -> int:
        shape = next(item.shape for item in (*scenario.ground, *scenario.obstacles) if item.id == area)
        box = screen_box(type("S", (), {"camera": camera})(), shape_bounds(shape))
        return int(change[box.left:box.right, box.top:box.bottom].max())

    assert 0 < strongest("jalan") < 250  # "Jalan Diponegoro": there, but under the crowd's outlines
    assert strongest("gedung-kpu") > 250  # "Kantor KPU": no one walks there


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_paused_banner_keeps_clear_of_the_legend(app) -> None:
    """A walkthrough saw the wider Indonesian legend under the edge of the JEDA banner."""
    screen = play(app, LEVELS / "campaign_3_provokator.toml")
    if not screen.show_legend:
        key(app, pygame.K_k)
    key(app, pygame.K_SPACE)
    frames(app)
    assert screen.paused and screen.panels.legend_at is not None
    banner = screen._draw_clock_banner(app.surface)[-1]
    assert not banner.colliderect(screen.panels.legend_at)
    assert screen.panels.rects["map"].contains(banner)


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_paused_band_covers_neither_a_selected_unit_zoomed_in_nor_the_views_centre(app) -> None:
    """A walkthrough zoomed in on his Dalmas line, paused, and found the JEDA banner over it: the
    pause is a slim band at the map's top edge, off the unit and the centre of the view."""
    screen = play(app, LEVELS / "campaign_2_dorong.toml")
    key(app, pygame.K_1)  # Dalmas Awal, in the gate
    unit = screen.selected[0]
    area = screen.panels.rects["map"]
    rows = slice(unit.first, unit.first + unit.count)
    b = screen.world.bodies
    for placed_at in (0.5, 0.2):  # the unit in the middle of the view, then high up in it
        screen.camera.scale = 20.0
        centre = b.pos[rows][b.state[rows] == BodyState.ACTIVE].mean(axis=0)
        screen.camera.centre_on((centre[0], centre[1] - (0.5 - placed_at) * area.height / screen.camera.scale))
        if not screen.paused:
            key(app, pygame.K_SPACE)
        frames(app)
        band = screen._draw_clock_banner(app.surface)[-1]
        officers = screen.camera.to_screen(b.pos[rows][b.state[rows] == BodyState.ACTIVE])
        assert not any(band.collidepoint(p) for p in officers.tolist()), placed_at
        assert not band.collidepoint(area.center)
        assert area.contains(band) and band.height < area.height // 10  # slim
        if screen.panels.hint_rect() is not None:
            assert not band.colliderect(screen.panels.hint_rect())
        if screen.show_legend:
            assert not band.colliderect(screen.panels.legend_rect())
        title = text("play.paused_banner", app.settings.lang)
        assert any(tuple(app.surface.get_at((x, band.centery)))[:3] == palette.PAUSED  # its title, in amber
                   for x in range(band.left + 6, band.left + 6 + 10 * len(title)))


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_a_level_waits_for_the_trainee_before_its_clock_runs(app) -> None:
    """A walkthrough found the clock running before he could pause: a level opens waiting, says
    so on the map, takes orders, and starts with Space; the run is the one it would have been."""
    screen = play(app, LEVELS / "campaign_2_dorong.toml", start=False)
    frames(app, 120)  # two seconds of looking round
    w = screen.world
    assert screen.paused and screen.awaiting_start and w.t == 0.0 and w.step_count == 0
    assert _map_frame_colour(app, screen) == palette.PAUSED
    band = screen._draw_clock_banner(app.surface)[-1]
    assert band.collidelist(list(screen._in_sight())) < 0
    start_button = next(b for b in screen.buttons.items if b.hotkey_label == text("key.space", app.settings.lang))
    assert start_button.label == text("play.start", app.settings.lang)
    key(app, pygame.K_1)
    key(app, pygame.K_b)  # an order before the start: it waits with the clock
    assert [i.order.kind for i in w.command.log] == ["brace"] and w.t == 0.0
    key(app, pygame.K_SPACE)
    frames(app, 60)
    assert not screen.paused and not screen.awaiting_start and w.t > 0.5
    assert _map_frame_colour(app, screen) != palette.PAUSED
    assert next(b for b in screen.buttons.items if b.hotkey_label == start_button.hotkey_label).label == text(
        "play.pause", app.settings.lang)
    # The same run as one started at once with the same order: waiting changes nothing in it.
    twin = World(with_reserve(screen.scenario))
    twin.command.issue(w.command.log[0].order)
    while twin.step_count < w.step_count:
        twin.step()
    assert state_hash(twin) == state_hash(w)


def _vehicle_box(screen, parked) -> pygame.Rect:
    """The screen box round a parked vehicle's footprint."""
    a = np.radians(parked.heading_deg)
    nose, side = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
    corners = [np.asarray(parked.centre) + u * parked.length_m / 2 * nose + v * parked.width_m / 2 * side
               for u in (-1, 1) for v in (-1, 1)]
    px = screen.camera.to_screen(np.array(corners))
    (x0, y0), (x1, y1) = px.min(axis=0), px.max(axis=0)
    return pygame.Rect(int(x0), int(y0), int(x1 - x0) + 1, int(y1 - y0) + 1)


def _has(app, box: pygame.Rect, colour: tuple) -> bool:
    rgb = pygame.surfarray.pixels3d(app.surface)[box.left:box.right, box.top:box.bottom]
    return bool((np.abs(rgb.astype(int) - np.array(colour)).sum(axis=2) <= 6).any())


@pytest.mark.parametrize("app", ["id", "en"], indirect=True)
def test_the_ambulance_and_the_damkar_truck_stand_on_the_map_by_their_crews(app) -> None:
    """A walkthrough never saw the ambulance or the fire engine (the sim has no body for them):
    the ambulance stands at the level's ambulance point, the Damkar truck beside its crew, both
    drawn from above with their roof (cross, ladder) when zoomed in, and the truck goes along
    when its crew forms up somewhere else."""
    path = LEVELS / "campaign_4_batu_ban.toml"
    scenario = load_level(path)
    screen = PlayScreen(app, scenario, path, 3, world=World(scenario))
    app.show(screen)
    screen.show_legend = False
    screen.world.run_until(2.0)
    w, b = screen.world, screen.world.bodies
    point = next(z for z in scenario.zones if z.role is ZoneRole.AMBULANCE)
    x0, y0, x1, y1 = shape_bounds(point.shape)
    looks = {UnitType.AMBULANCE: palette.CROSS, UnitType.DAMKAR: palette.LADDER}
    for kind, roof in looks.items():
        unit = next(u for u in w.units if u.type is kind)
        rows = slice(unit.first, unit.first + unit.count)
        screen.camera.scale = 16.0
        screen.camera.centre_on(tuple(b.pos[rows].mean(axis=0)))
        screen.layout(app.size)
        frames(app)
        parked = next(p for p in screen.view.parked.update() if p.unit is unit)
        box = _vehicle_box(screen, parked)
        assert screen.panels.rects["map"].contains(box)
        assert _has(app, box, roof) and _has(app, box, palette.UNIT[kind]), kind
        crew = screen.camera.to_screen(b.pos[rows])
        assert not any(box.collidepoint(p) for p in crew.tolist()), kind  # beside them, not over them
        if kind is UnitType.AMBULANCE:
            assert (x0, y0) <= parked.centre <= (x1, y1)
    # The fire crew formed up 12 m further west: the truck is parked there now.
    damkar = next(u for u in w.units if u.type is UnitType.DAMKAR)
    before = next(p for p in screen.view.parked.update() if p.unit is damkar).centre
    there = (damkar.anchor[0] - 12.0, damkar.anchor[1])
    w.command.issue(Order(w.t, damkar.id, OrderKind.FORM, point=there))
    while not (w.lines.formed(damkar) and tuple(damkar.anchor) == there):
        assert w.t < 60.0
        w.step()
    frames(app)
    after = next(p for p in screen.view.parked.update() if p.unit is damkar).centre
    assert after[0] == pytest.approx(before[0] - 12.0, abs=1.0)
