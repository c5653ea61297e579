"""Between steps the play screen draws the world again only where the UI went over it the frame
before. Every such frame must look exactly like the same frame drawn whole: a trainee plays
through the tutorial (tooltips, the hint, selection, a line dragged, an aimed order, pause, the
pause menu, a notice, the legend and a heatmap), and after each frame the screen is drawn again
whole and compared pixel for pixel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from sispam.resources import levels_dir
from sispam.sim.scenario import UnitType
from sispam.ui import commands, world_view
from sispam.ui.app import App
from sispam.ui.figures import FIGURE_SCALE
from sispam.ui.pause_menu import PauseMenu
from sispam.ui.play import PlayScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
PROVOKATOR_LEVEL = levels_dir() / "campaign_3_provokator.toml"
FRAME_S = 1 / 60


@pytest.fixture
def repairs(monkeypatch) -> list[bool]:
    """Whether each frame of the world view drew only the places the UI went over."""
    done: list[bool] = []
    repair = world_view.WorldView._repair

    def counted(self, *args):
        drawn = repair(self, *args)
        done.append(drawn)
        return drawn

    monkeypatch.setattr(world_view.WorldView, "_repair", counted)
    return done


def checked(app: App, events: list | None = None, n: int = 1) -> None:
    """Run `n` frames (the events in the first) and check each against the same frame drawn whole."""
    for k in range(n):
        app.frame(events if k == 0 and events else [], FRAME_S)
        if not isinstance(app.screen, PlayScreen | PauseMenu):
            continue
        got = pygame.surfarray.array3d(app.surface)
        app.screen.redraw_all()
        app.screen.draw(app.surface)
        app._draw_notices(0.0)
        want = pygame.surfarray.array3d(app.surface)
        if not np.array_equal(got, want):
            xs, ys = np.nonzero((got != want).any(axis=2))
            pytest.fail(f"frame differs from the whole frame at x {xs.min()}-{xs.max()}, y {ys.min()}-{ys.max()} "
                        f"(t = {app.screen.world.t if isinstance(app.screen, PlayScreen) else '-'} s)")


def motion(pos, buttons=(0, 0, 0)) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=(int(pos[0]), int(pos[1])), rel=(1, 1), buttons=buttons)


def keydown(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def start(app: App, level: Path) -> PlayScreen:
    app.open_level(level)
    app.frame([pygame.event.Event(pygame.TEXTINPUT, text="Uji"), keydown(pygame.K_RETURN)], FRAME_S)
    assert isinstance(app.screen, PlayScreen)
    app.frame([keydown(pygame.K_SPACE)], FRAME_S)  # the level waits for the trainee to start it
    return app.screen


def test_frames_drawn_in_part_match_frames_drawn_whole(app, repairs) -> None:
    screen = start(app, TUTORIAL)
    assert screen.hints.current is not None  # the tutorial's hint box sits over the map
    checked(app, n=6)
    # The pointer over the map, then over a button (its tooltip goes over the map), then away.
    cam = screen.camera
    checked(app, [motion(cam.to_screen(np.array([[80.0, 40.0]]))[0])], n=3)
    button = next(b for b in screen.buttons.items if b.tooltip and b.rect.bottom > app.size[1] // 2)
    checked(app, [motion(button.rect.center)], n=3)
    checked(app, [motion(cam.to_screen(np.array([[60.0, 50.0]]))[0])], n=3)
    # A unit selected (its rings and front), then a line dragged with the right button: the
    # preview follows the pointer frame by frame, and goes when the button is let go.
    checked(app, [keydown(pygame.K_1)], n=4)
    a, b = cam.to_screen(np.array([[79.0, 24.5], [91.0, 24.5]]))
    checked(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=tuple(map(int, a)), button=3)])
    for x in np.linspace(a[0], b[0], 8):
        checked(app, [motion((x, a[1] + (x - a[0]) / 3), buttons=(0, 0, 1))])
    checked(app, [pygame.event.Event(pygame.MOUSEBUTTONUP, pos=tuple(map(int, b)), button=3)], n=4)
    checked(app, [keydown(pygame.K_ESCAPE)], n=3)  # the pause menu: the shade over everything
    assert isinstance(app.screen, PauseMenu)
    checked(app, [keydown(pygame.K_ESCAPE)], n=3)
    assert app.screen is screen
    # Paused: no step, every frame drawn in part while the pointer moves about.
    checked(app, [keydown(pygame.K_SPACE)])
    assert screen.paused
    for x in range(200, 900, 70):
        checked(app, [motion((x, 300 + x // 5))])
    app.notice("A notice over the map")
    checked(app, n=4)
    checked(app, [keydown(pygame.K_SPACE)], n=6)
    checked(app, [keydown(pygame.K_k)], n=4)  # the legend away, and back
    checked(app, [keydown(pygame.K_k)], n=4)
    checked(app, [keydown(pygame.K_o)], n=4)  # a heatmap: drawn whole every frame
    checked(app, [keydown(pygame.K_o)], n=2)
    checked(app, [keydown(pygame.K_o)], n=4)
    assert screen.world.t >= 0.5  # the world stepped between the frames drawn in part
    assert sum(repairs) >= 40  # most of those frames were drawn in part


def test_an_aimed_order_and_role_marks_drawn_in_part_match_the_whole(app, repairs) -> None:
    screen = start(app, PROVOKATOR_LEVEL)
    # Closer, but short of the figures' zoom: there people move every frame (drawn between
    # steps), and the whole view is drawn anew.
    screen.camera.zoom_at((500, 350), min(2.0, 0.95 * FIGURE_SCALE / screen.camera.scale))
    checked(app, n=4)
    unit = next(u for u in screen.world.units if u.type is UnitType.TIM_TANGKAP)
    screen.select([unit])
    checked(app, n=2)
    # An aimed order: the aiming mark and its prompt follow the pointer; Esc puts it away.
    screen.order_key(next(k for k in commands.orders_for([unit]) if k.target == "person"))
    assert screen.targeting is not None
    for x in range(300, 800, 60):
        checked(app, [motion((x, 260 + x // 4))])
    checked(app, [keydown(pygame.K_ESCAPE)], n=3)
    assert sum(repairs) >= 10
