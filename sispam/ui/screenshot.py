"""`game.py play LEVEL --screenshot OUT.png --at S [--plan PLAN]`: run a level headless to a
simulation time and save what the play view shows then, without opening a window."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sispam.atomic import atomic_bytes, check_writable
from sispam.sim.bodies import BodyState
from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.sim.world import World

DEFAULT_WINDOW = (1280, 720)


def render_at(scenario: Scenario, orders: Sequence[Order], at_s: float,
              window: tuple[int, int] = DEFAULT_WINDOW, lang: str = "id", seed: int | None = None):
    """The world run to `at_s` with `orders`, and a surface of the view of it in `lang`."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window: works on a machine without a display
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep the command's output to its own line
    import pygame

    from sispam.ui.camera import Camera
    from sispam.ui.hud import Hud
    from sispam.ui.world_view import WorldView

    pygame.font.init()
    world = World(scenario, seed=seed)
    for order in orders:
        world.command.issue(order)
    world.run_until(at_s)
    surface = pygame.Surface(window)
    camera = Camera(window, scenario.size)
    b = world.bodies
    crowd = b.pos[: b.n_crowd][b.state[: b.n_crowd] == BodyState.ACTIVE]
    if len(crowd):  # framed on the crowd (stragglers aside); the whole map while there is none
        crowd = np.percentile(crowd, (5, 95), axis=0)
    camera.frame(crowd)
    WorldView(world).draw(surface, camera)
    Hud(lang).draw(surface, world)
    return world, surface


def save_png(surface, path: Path) -> None:
    """Write `surface` as a PNG, atomically."""
    import pygame

    check_writable(path)
    data = io.BytesIO()
    pygame.image.save(surface, data, "screenshot.png")
    with atomic_bytes(path) as out:
        out.write(data.getvalue())
