"""`game.py play LEVEL --screenshot OUT.png --at S [--plan PLAN]`: run a level headless to a
simulation time and save what the play view shows then, without opening a window."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from sispam.atomic import atomic_bytes
from sispam.sim.injects import Inject, with_reserve
from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.sim.world import World

DEFAULT_WINDOW = (1280, 720)


def world_at(scenario: Scenario, orders: Sequence[Order], at_s: float, injects: Sequence[Inject] = ()) -> World:
    """The level run to `at_s` simulated seconds with `orders` (and an instructor's `injects`)
    given at their times, as in the game's window: with the injects' reserve waiting."""
    world = World(with_reserve(scenario))
    for order in orders:
        world.command.issue(order)
    for inject in injects:
        world.injects.add(inject)
    world.run_until(at_s)
    return world


def render_at(scenario: Scenario, orders: Sequence[Order], at_s: float,
              window: tuple[int, int] = DEFAULT_WINDOW, lang: str = "id", path: Path | None = None,
              injects: Sequence[Inject] = ()):
    """The world run to `at_s` with `orders`, and a surface of the play screen then, in `lang`:
    the same screen, panels and all, that a player would see at that moment."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window: works on a machine without a display
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep the command's output to its own line

    from sispam.settings import Settings
    from sispam.ui.app import App
    from sispam.ui.play import PlayScreen

    world = world_at(scenario, orders, at_s, injects)
    app = App(Settings(lang=lang, window=window), headless=True, save=False)
    try:
        path = path or Path(scenario.source or scenario.id)
        screen = PlayScreen(app, scenario, path, app.campaign_index(path), tuple(orders), world=world)
        app.show(screen)
        screen.feed.update()  # what the play screen has read by then; no clock runs, so a
        screen.draw(app.surface)  # level that ends at `at_s` still shows its play screen
        return world, app.surface.copy()
    finally:
        app.sound.close()


def save_png(surface, path: Path) -> None:
    """Write `surface` as a PNG, atomically."""
    import pygame

    data = io.BytesIO()
    pygame.image.save(surface, data, "screenshot.png")
    with atomic_bytes(path) as out:
        out.write(data.getvalue())
