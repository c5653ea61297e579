"""Frame budget of the play view: simulation, rendering and UI per frame, against the floor.

Run `python -m sispam.ui.frame_bench` (`--people 3000`, `--window 1280x720`). It scales the
crowd of the shipped KPU level to N people, runs the level to `--at` seconds so the crowd stands
at the gate, frames the view on it as the play screen opens, and then times frames at 60 frames
per second and 1× speed:

- simulation: at 60 fps and 1× speed a step (of `DT_S` = 0.05 s) falls every 60 · DT_S = 3
  frames, so a frame's share is the step time / 3;
- rendering: the world view (the cached map, every person and officer, vehicles, fires, stones);
- UI: the status panel and the legend;
- floor: one bare `Surface.fblits` of the same number of person-sized sprites at the same
  places, the least any renderer must do to show that many people.

It prints each in ms, their sum against the 16.7 ms of a 60 fps frame, and rendering / floor.
No window opens (SDL's dummy video driver), so it runs on a machine without a display.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402  (after the environment that keeps it headless)

from sispam.bench import scaled_level  # noqa: E402
from sispam.cli import window_size  # noqa: E402
from sispam.sim.params import DT_S  # noqa: E402
from sispam.sim.world import World  # noqa: E402
from sispam.ui.hud import Hud  # noqa: E402
from sispam.ui.world_view import WorldView, opening_camera  # noqa: E402

FRAME_BUDGET_MS = 1000.0 / 60.0
STEP_EVERY_FRAMES = 60.0 * DT_S  # at 60 fps and 1x speed, one simulation step every this many frames


def measure_frames(people: int, window: tuple[int, int] = (1280, 720), at_s: float = 120.0,
                   frames: int = 120) -> dict[str, float]:
    """Per-frame costs (ms) of the play view of the KPU level with `people` in its crowd."""
    pygame.font.init()
    world = World(scaled_level(people))
    world.run_until(at_s)
    surface = pygame.Surface(window)
    camera = opening_camera(world, window)
    b = world.bodies
    view, hud = WorldView(world), Hud("id")
    view.draw(surface, camera)  # the map layer and sprites are made once, as the play screen does

    steps = max(20, round(frames / STEP_EVERY_FRAMES))  # the steps that fall in these frames, 20 at least
    start = time.perf_counter()
    for _ in range(steps):
        world.step()
    step_ms = (time.perf_counter() - start) * 1e3 / steps

    render = ui = floor = 0.0
    sprite = view._crowd[0]
    for _ in range(frames):
        t0 = time.perf_counter()
        view.draw(surface, camera)
        t1 = time.perf_counter()
        hud.draw(surface, world)
        t2 = time.perf_counter()
        render += t1 - t0
        ui += t2 - t1
    shown = b.pos[b.in_space()]
    centres = camera.to_screen(shown)
    w, h = window
    on = (centres[:, 0] >= 0) & (centres[:, 0] < w) & (centres[:, 1] >= 0) & (centres[:, 1] < h)
    corners = np.rint(centres[on] - np.array(sprite.get_size()) / 2).astype(int).tolist()
    blits = list(zip(itertools.repeat(sprite, len(corners)), corners, strict=True))
    for _ in range(frames):
        t0 = time.perf_counter()
        surface.fblits(blits)
        floor += time.perf_counter() - t0
    sim_ms = step_ms / STEP_EVERY_FRAMES
    return {"people": b.n_crowd, "shown": len(corners), "step_ms": step_ms,
            "sim_ms": sim_ms, "render_ms": render * 1e3 / frames, "ui_ms": ui * 1e3 / frames,
            "floor_ms": floor * 1e3 / frames}


def _people(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"people must be a whole number, not {text!r}") from None
    if not 1 <= n <= 20_000:
        raise argparse.ArgumentTypeError(f"people must be 1 to 20,000, not {n}")
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sispam.ui.frame_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=_people, default=3000)
    parser.add_argument("--window", type=window_size, default=(1280, 720), metavar="WxH")
    args = parser.parse_args(argv)
    r = measure_frames(args.people, args.window)
    whole = r["sim_ms"] + r["render_ms"] + r["ui_ms"]
    print(f"{r['people']} people at {args.window[0]}x{args.window[1]}, {r['shown']} bodies on screen: "
          f"simulation {r['sim_ms']:.2f} ms/frame (a step {r['step_ms']:.2f} ms every {STEP_EVERY_FRAMES:g} "
          f"frames), rendering {r['render_ms']:.2f} ms, UI {r['ui_ms']:.2f} ms; whole frame {whole:.2f} ms "
          f"of {FRAME_BUDGET_MS:.1f}; floor (bare fblits of {r['shown']} sprites) {r['floor_ms']:.2f} ms, "
          f"rendering / floor {r['render_ms'] / max(r['floor_ms'], 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
