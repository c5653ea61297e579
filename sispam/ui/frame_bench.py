"""Frame budget of the play view: simulation, rendering and UI per frame, against the floor.

Run `python -m sispam.ui.frame_bench` (`--people 3000`, `--window 1280x720`, `--speed 1`). It
scales the crowd of the shipped KPU level to N people, runs the level to 120 s so the crowd
stands at the gate, frames the view on it as the play screen opens, and then runs frames as the
game does at 60 frames per second and the given speed, timing each part apart:

- simulation: at 60 fps and 1× speed a step (of `DT_S` = 0.05 s) falls every 60 · DT_S = 3
  frames: the world steps before every third frame, and a frame's share is the step time / 3
  (at 2× two steps in three frames, at 4× four);
- rendering: the world view (the map, every person and officer, the marks of known roles,
  vehicles, fires, gas, water, stones). The frames right after a step draw the world whole; the
  others draw it again only where the UI went over it the frame before. The frames after a
  step are printed apart too;
- UI: everything the play screen draws over the world, with a platoon selected: the top bar,
  the right column (mood, line load, force ladder, objectives, event feed, minimap), the order
  bar, the unit cards, the legend, the marks of the selection; and the panels' and sound's
  reading of the world;
- floor: one bare `Surface.fblits` of the crowd sprite the view draws, once for each body on
  screen, at their places: the least any renderer must do to show that many people. It is
  timed in frames like the view's (a step before every third, the UI after it, untimed), so
  that it finds the processor's caches as the view does; the same fblits repeated in a tight
  loop (everything in cache) is printed too.

It prints each in ms, their sum against the 16.7 ms of a 60 fps frame, and rendering / floor.
No window opens (SDL's dummy video driver), so it runs on a machine without a display."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame

from sispam.bench import scaled_level
from sispam.cli import window_size
from sispam.settings import Settings
from sispam.sim.params import DT_S
from sispam.sim.world import World
from sispam.ui.app import App
from sispam.ui.play import PlayScreen

FRAME_BUDGET_MS = 1000.0 / 60.0
STEP_EVERY_FRAMES = 60.0 * DT_S  # at 60 fps and 1x speed, one simulation step every this many frames


def measure_frames(people: int, window: tuple[int, int] = (1280, 720), at_s: float = 120.0,
                   frames: int = 180, speed: int = 1) -> dict[str, float]:
    """Per-frame costs (ms) of the play view of the KPU level with `people` in its crowd.

    The frames run as in the game at 60 fps and `speed`: at 1x the world steps before every
    `STEP_EVERY_FRAMES`-th frame (timed apart, as simulation), so a third of the frames draw a
    world that has just moved and the rest draw it again unchanged."""
    scenario = scaled_level(people)
    world = World(scenario)
    world.run_until(at_s)
    with tempfile.TemporaryDirectory() as data:
        os.environ["SISPAM_DATA_DIR"] = data  # the benchmark reads no player's settings or progress
        app = App(Settings(lang="id", window=window), headless=True, save=False)
        try:
            screen = PlayScreen(app, scenario, Path("bench.toml"), None, world=world)
            app.show(screen)
            screen.show_legend = True  # drawn as on a first level (hidden by default on the others)
            screen.select([world.units[0]])
            return _frames(app, screen, frames, speed)
        finally:
            app.close()


def _steps(frame: int, speed: int) -> int:
    """How many steps the world takes before `frame` at `speed` (as the play screen's clock)."""
    return (frame + 1) * speed // round(STEP_EVERY_FRAMES) - frame * speed // round(STEP_EVERY_FRAMES)


def _frames(app: App, screen: PlayScreen, frames: int, speed: int) -> dict[str, float]:
    world, surface, camera, view = screen.world, app.surface, screen.camera, screen.view
    b = world.bodies
    view.draw(surface, camera)  # the map layer and sprites are made once, as the play screen does
    screen.draw_ui(surface)

    sim = render = ui = floor = 0.0
    steps = 0
    after_step = []  # rendering time of each frame drawn right after a step
    for frame in range(frames):
        stepped = _steps(frame, speed)
        for _ in range(stepped):
            t0 = time.perf_counter()
            world.step()
            sim += time.perf_counter() - t0
            steps += 1
        t0 = time.perf_counter()
        view.draw(surface, camera)
        t1 = time.perf_counter()
        screen.panels.update(1.0 / 60.0)
        screen.feed.update()
        app.sound.update(world)
        screen.draw_ui(surface)
        t2 = time.perf_counter()
        render += t1 - t0
        ui += t2 - t1
        if stepped:
            after_step.append(t1 - t0)
    # The floor, twice: in the same frames (a step before every third, the UI drawn after it,
    # neither timed) so that it meets the caches as the view does; and hot, in a tight loop.
    sprite = view.crowd_sprite
    blits: list = []
    floor_hot = 0.0
    for frame in range(frames):
        if _steps(frame, speed):
            for _ in range(_steps(frame, speed)):
                world.step()
            blits = _floor_blits(world, camera, sprite, surface.get_size())
        t0 = time.perf_counter()
        surface.fblits(blits)
        floor += time.perf_counter() - t0
        screen.draw_ui(surface)
    for _ in range(frames):
        t0 = time.perf_counter()
        surface.fblits(blits)
        floor_hot += time.perf_counter() - t0
    return {"people": b.n_crowd, "shown": len(blits), "step_ms": sim * 1e3 / steps,
            "sim_ms": sim * 1e3 / frames, "render_ms": render * 1e3 / frames, "ui_ms": ui * 1e3 / frames,
            "render_after_step_ms": sum(after_step) * 1e3 / len(after_step),
            "floor_ms": floor * 1e3 / frames, "floor_hot_ms": floor_hot * 1e3 / frames}


def _floor_blits(world: World, camera, sprite: pygame.Surface, size: tuple[int, int]) -> list:
    """(sprite, corner) for every body with a body in the space whose centre is on screen."""
    b = world.bodies
    centres = camera.to_screen(b.pos[b.in_space()])
    w, h = size
    on = (centres[:, 0] >= 0) & (centres[:, 0] < w) & (centres[:, 1] >= 0) & (centres[:, 1] < h)
    corners = np.rint(centres[on] - np.array(sprite.get_size()) / 2).astype(int).tolist()
    return list(zip(itertools.repeat(sprite, len(corners)), corners, strict=True))


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
    parser.add_argument("--speed", type=int, choices=(1, 2, 4), default=1, help="game speed (default 1)")
    args = parser.parse_args(argv)
    r = measure_frames(args.people, args.window, speed=args.speed)
    whole = r["sim_ms"] + r["render_ms"] + r["ui_ms"]
    print(f"{r['people']} people at {args.window[0]}x{args.window[1]} and {args.speed}x speed, {r['shown']} bodies "
          f"on screen: simulation {r['sim_ms']:.2f} ms/frame (a step {r['step_ms']:.2f} ms, {args.speed} every "
          f"{STEP_EVERY_FRAMES:g} frames), rendering {r['render_ms']:.2f} ms, UI {r['ui_ms']:.2f} ms; whole frame {whole:.2f} ms "
          f"of {FRAME_BUDGET_MS:.1f}; floor (bare fblits of {r['shown']} sprites in the same frames) "
          f"{r['floor_ms']:.2f} ms, rendering / floor {r['render_ms'] / max(r['floor_ms'], 1e-9):.2f} (on the "
          f"frames right after a step {r['render_after_step_ms']:.2f} ms, "
          f"{r['render_after_step_ms'] / max(r['floor_ms'], 1e-9):.2f}); the floor in a tight loop "
          f"{r['floor_hot_ms']:.2f} ms, rendering / that {r['render_ms'] / max(r['floor_hot_ms'], 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
