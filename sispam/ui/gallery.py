"""Every screen of the game as PNG files, headless: `python -m sispam.ui.gallery OUT_DIR`
(`--sizes 1280x720,1920x1080`, `--langs id,en`).

For reviewing the screens at each window size and in each language (text cut off, panels
overlapping) without playing to each of them: the main menu, the file dialog, the briefings of
campaign 1 and 6 (their situation maps), the play screen (the tutorial at its first hint;
campaign 4 with its plan running, a unit selected and a line being dragged; campaign 5 with the
density heatmap), the pause menu, the settings, a
won and a lost result, the error screen of a broken level, the training records and a
comparison, the replay viewer, the debrief's four tabs (won and lost), the instructor panel and
a frozen exercise, the level editor (a level's form, a crowd group, a problem shown), and
campaign 2 as it opens, paused, and at the breach moment of a loss, and a debrief just
exported (its notice beside the buttons).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame

from sispam.cli import window_size
from sispam.headless import RunRequest, run_level
from sispam.level import load_level
from sispam.level.plan import load_plan
from sispam.records import Records, Result
from sispam.resources import levels_dir
from sispam.settings import Settings
from sispam.sim.injects import Inject, InjectKind, with_reserve
from sispam.sim.world import World
from sispam.ui.app import App
from sispam.ui.play import PlayScreen
from sispam.ui.records_screen import RecordsScreen
from sispam.ui.screenshot import save_png, world_at

LEVELS = levels_dir()


def _level(name: str, plan: bool = False):
    path = LEVELS / f"{name}.toml"
    scenario = load_level(path)
    orders = tuple(load_plan(LEVELS / "plans" / f"{name}.toml", scenario)) if plan else ()
    return path, scenario, orders


def _play(app: App, name: str, at_s: float, plan: bool = False) -> PlayScreen:
    path, scenario, orders = _level(name, plan)
    world = world_at(scenario, orders, at_s)
    screen = PlayScreen(app, scenario, path, app.campaign_index(path), orders, world=world)
    app.show(screen)
    screen.set_paused(True)
    return screen


def _finished(app: App, name: str, plan: bool) -> None:
    path, scenario, orders = _level(name, plan)
    world = world_at(scenario, orders, 0.0)
    while not world.objectives.ended and world.t < scenario.duration_s - 1e-9:
        world.step()
    app.show(PlayScreen(app, scenario, path, app.campaign_index(path), orders, world=world))
    app.frame([], 0.0)  # the play screen sees the end and shows the result


def _records(app: App, data: Path) -> None:
    """Training records of four runs (one replay, of campaign 3 to 150 s, behind them all), on
    the records screen."""
    path, scenario, orders = _level("campaign_3_provokator", plan=True)
    replay = data / "campaign_3.sispam-replay.json"
    run_level(scenario, RunRequest(str(path), None, 150.0, None, None, 10.0, None, orders, replay))
    with Records() as db:
        for trainee, group, score, day, outcome, violations in (
                ("Bripda Budi Santoso", "Dalmas A 2026", 64, 24, "lost", 2),
                ("Bripda Siti Rahma", "Dalmas B 2026", 93, 25, "won", 0),
                ("Bripda Made Wirawan", "Dalmas A 2026", 81, 26, "won", 0),
                ("Bripda Budi Santoso", "Dalmas A 2026", 88, 27, "won", 0)):
            db.add(Result(trainee, group, scenario.id, getattr(scenario.title, app.settings.lang),
                          f"2026-11-{day}T09:30:00", outcome, score,
                          {"objectives": min(100, score + 5), "safety": score - 8, "proportionality": 100 - 20 * violations,
                           "legitimacy": 90, "time": 70}, 360.0, violations, 4, str(replay)))
    app.show(RecordsScreen(app))


def _instructor(app: App, snap) -> None:
    """The instructor panel over campaign 5 at 60 s (a crowd wave given at 40 s), and the frozen
    exercise."""
    path, scenario, orders = _level("campaign_5_anarki", plan=True)
    world = World(with_reserve(scenario))
    for order in orders:
        world.command.issue(order)
    world.injects.add(Inject(40.0, InjectKind.CROWD_WAVE, point=(20.0, 12.0), count=100))
    world.run_until(60.0)
    screen = PlayScreen(app, scenario, path, app.campaign_index(path), orders, world=world)
    app.show(screen)
    screen.open_instructor()
    snap("23_instructor_panel")
    screen.give_inject(Inject(0.0, InjectKind.FREEZE))
    screen.frozen = True
    screen.set_paused(True)
    app.show(screen)
    snap("24_instructor_frozen")


def _editor(app: App, snap) -> None:
    """The level editor on a copy of campaign 2: the level's form, a crowd group chosen, and a
    problem."""
    level = Path(os.environ["SISPAM_DATA_DIR"]) / "campaign_2_dorong.toml"
    level.write_bytes((LEVELS / "campaign_2_dorong.toml").read_bytes())
    app.open_editor(level)
    snap("25_editor_level")
    editor = app.screen
    editor.select("crowd", 1)
    editor.fields[1][1].focused = True
    snap("26_editor_crowd")
    entry = editor.draft.get("crowd", 1)
    editor.draft.update("crowd", 1, {**entry, "spawn": "nowhere"})
    editor.changed()
    editor.show_problem(editor.problems[0])
    snap("27_editor_problem")


def _trainee_views(app: App, snap) -> None:
    """What issue 20 changed for the trainee: campaign 2 as it opens (his units and the gate in
    view, the legend folded away after the first level), paused, and lost at 4x: the breach
    moment before the result; the debrief's notice of an export."""
    path, scenario, _ = _level("campaign_2_dorong")
    screen = PlayScreen(app, scenario, path, app.campaign_index(path))
    app.show(screen)
    snap("28_play_opening")
    screen.set_paused(True)
    snap("29_play_paused")
    world = World(scenario)
    while world.zone_breaches.get("kpu", 0) < 2 and world.t < scenario.duration_s:  # one more loses it
        world.step()
    screen = PlayScreen(app, scenario, path, app.campaign_index(path), world=world)
    app.show(screen)
    screen.set_speed(4)
    while screen.moment is None and app.screen is screen and not screen.finished:
        app.frame([], 1 / 60)
    snap("30_breach_moment")
    app.open_replay(Path(os.environ["SISPAM_DATA_DIR"]) / "campaign_1_hijau.sispam-replay.json", debrief=True)
    app.screen.buttons.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0))
    snap("31_debrief_exported")


def shoot(out: Path, size: tuple[int, int], lang: str) -> list[Path]:
    """Render every screen at `size` in `lang` into `out`; returns the files written."""
    written = []
    with tempfile.TemporaryDirectory() as data:
        os.environ["SISPAM_DATA_DIR"] = data  # a fresh player: nothing saved, nothing read
        app = App(Settings(lang=lang, window=size), headless=True, save=False)
        tag = f"{lang}_{size[0]}x{size[1]}"

        def snap(name: str) -> None:
            app.frame([], 0.0)
            path = out / f"{name}_{tag}.png"
            save_png(app.surface, path)
            written.append(path)

        app.main_menu()
        snap("01_menu")
        app.screen.buttons.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_o, mod=0))
        snap("02_file_dialog")
        app.open_level(LEVELS / "campaign_1_hijau.toml")
        snap("03_briefing")
        app.open_level(LEVELS / "campaign_6_dua_lokasi.toml")
        snap("03_briefing_two_sites")
        _play(app, "campaign_1_hijau", 5.0)
        snap("04_play_tutorial")
        screen = _play(app, "campaign_4_batu_ban", 75.0, plan=True)
        screen.select([screen.world.units[0]])
        a, b = screen.camera.to_screen([(92.0, 21.0), (78.0, 21.0)]).astype(int).tolist()
        screen.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=tuple(a), button=3))
        screen.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=tuple(b), rel=(1, 0), buttons=(0, 0, 1)))
        snap("05_play_orders")
        screen = _play(app, "campaign_5_anarki", 150.0, plan=True)
        screen.overlay = "density"
        screen.layout(app.size)
        snap("06_play_density")
        screen.open_pause_menu()
        snap("07_pause")
        app.screen.buttons.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_s, mod=0))
        snap("08_settings")
        _finished(app, "campaign_1_hijau", plan=True)
        snap("09_result_won")
        _finished(app, "campaign_2_dorong", plan=False)
        snap("10_result_lost")
        with tempfile.TemporaryDirectory() as folder:
            bad = Path(folder) / "broken_level.toml"
            bad.write_text('schema_version = 1\nid = "broken"\nseed = "many"\nduration_s = -5\n\n[map]\nsize = [10]\n',
                           encoding="utf-8")
            app.open_level(bad)
            snap("11_error")
        _records(app, Path(data))
        snap("12_records")
        app.screen.chosen = [r.id for r in app.screen.rows[:2]]
        app.screen._compare()
        snap("13_compare")
        app.open_replay(Path(data) / "campaign_3.sispam-replay.json")
        app.screen.seek(round(100.0 / app.screen.rec.dt))
        while app.screen.seeking:
            app.frame([], 0.0)
        app.screen.set_paused(True)
        snap("14_replay")
        for won, name in ((True, "campaign_1_hijau"), (False, "campaign_2_dorong")):
            path, scenario, orders = _level(name, plan=won)
            replay = Path(data) / f"{name}.sispam-replay.json"
            run_level(scenario, RunRequest(str(path), None, None, None, None, 10.0, None, orders, replay))
            app.open_replay(replay, debrief=True)
            for k, tab in enumerate(("aar", "timeline", "force", "heat")):
                app.screen.tab = tab
                app.screen.layout(app.size)
                snap(f"{15 + k}_debrief_{tab}_{'won' if won else 'lost'}")
        _instructor(app, snap)
        _editor(app, snap)
        _trainee_views(app, snap)
        app.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sispam.ui.gallery", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--sizes", default="1280x720,1920x1080", metavar="WxH,...",
                        help="window sizes, comma-separated (default 1280x720,1920x1080)")
    parser.add_argument("--langs", default="id,en", metavar="LANG,...",
                        help="languages, comma-separated: id, en (default both)")
    args = parser.parse_args(argv)
    try:
        sizes = [window_size(s) for s in args.sizes.split(",")]
    except argparse.ArgumentTypeError as e:
        parser.error(str(e))
    langs = args.langs.split(",")
    if any(lang not in ("id", "en") for lang in langs):
        parser.error(f"--langs takes id and en, not {args.langs}")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        parser.error(f"{args.out}: cannot make the folder: {e.strerror or e}")
    for size in sizes:
        for lang in langs:
            for path in shoot(args.out, size, lang):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
