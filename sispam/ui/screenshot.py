"""`game.py play LEVEL --screenshot OUT.png --at S [--plan PLAN]`: run a level headless to a
simulation time and save what the play view shows then, without opening a window."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from sispam.atomic import atomic_bytes
from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.sim.world import World

DEFAULT_WINDOW = (1280, 720)


def render_at(scenario: Scenario, orders: Sequence[Order], at_s: float,
              window: tuple[int, int] = DEFAULT_WINDOW, lang: str = "id"):
    """The world run to `at_s` with `orders`, and a surface of the view of it in `lang`."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window: works on a machine without a display
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep the command's output to its own line
    import pygame

    from sispam.ui.hud import Hud
    from sispam.ui.world_view import WorldView, opening_camera

    pygame.font.init()
    world = World(scenario)
    for order in orders:
        world.command.issue(order)
    world.run_until(at_s)
    surface = pygame.Surface(window)
    WorldView(world).draw(surface, opening_camera(world, window))
    Hud(lang).draw(surface, world)
    return world, surface


def save_png(surface, path: Path) -> None:
    """Write `surface` as a PNG, atomically."""
    import pygame

    data = io.BytesIO()
    pygame.image.save(surface, data, "screenshot.png")
    with atomic_bytes(path) as out:
        out.write(data.getvalue())
