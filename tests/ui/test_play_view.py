"""What the play screen shows of the drill (issue 20): the opening view, the legend out of the
way and as the player left it, the pause on the map, the breach moment before a loss, people
readable when zoomed out, and map labels off the people."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from sispam.sim.bodies import BodyState
from sispam.sim.geometry import shape_bounds
from sispam.sim.scenario import ObstacleKind, ZoneRole
from sispam.ui.world_view import SUPPORT_UNITS
from tests.ui.test_game_screens import frames, key, play

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ROOT / "levels"


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
