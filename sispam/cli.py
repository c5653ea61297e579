"""The command line of `game.py` (SPEC §2): parse, check, hand over, and turn every error into
one clear line and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sispam import interrupt
from sispam.atomic import OutputError, check_writable
from sispam.level import LevelError, load_level
from sispam.level.errors import Problem
from sispam.level.limits import MAX_DURATION_S
from sispam.level.load import level_notes_of
from sispam.resources import shipped_level, shipped_level_names, shipped_plan, shipped_plan_names
from sispam.sim.jit import KernelsMissing
from sispam.sim.params import DT_S
from sispam.textsafe import printable, text_path
from sispam.userdata import data_dir

if TYPE_CHECKING:
    from sispam.level.plan import Plan
    from sispam.sim.scenario import Scenario

EXIT_OK = 0
EXIT_DIFFERS = 1  # game.py replay --verify: the re-simulation is not the recorded run
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_INSTALL = 3  # no compiled kernels and no numba to compile them (sispam.sim.jit)
EXIT_OUTPUT_CLOSED = 141  # what a shell reports for a command that SIGPIPE ended (128 + 13)
EXIT_OUTPUT_FAILED = 74  # its terminal output could not be written (a full disk): sysexits' EX_IOERR
MAX_SEED = 2**63 - 1


def say(*parts: object, file=None, sep: str = " ", end: str = "\n", flush: bool = False) -> None:
    """`print`, each line made printable (`sispam.textsafe`): names and values from files and
    the command line cannot carry terminal escapes or run to thousands of characters."""
    text = sep.join(map(str, parts))
    print("\n".join(printable(line) for line in text.split("\n")), file=file or sys.stdout, end=end, flush=flush)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {printable(message)}{self._did_you_mean(message)}\n")

    argv: Sequence[str] = ()  # the arguments being parsed (parse_args sets it), for `_did_you_mean`

    def _did_you_mean(self, message: str) -> str:
        """For a mistyped option ('unrecognized arguments: --screenshoot ...'), the closest of
        the options the command given takes (its own, its parents' and the game's), as
        '; did you mean --screenshot?'."""
        if not message.startswith("unrecognized arguments:"):
            return ""
        known: set[str] = set()
        parser: argparse.ArgumentParser | None = self
        words = iter(self.argv)
        while parser is not None:
            known.update(s for a in parser._actions for s in a.option_strings if s.startswith("--"))
            commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            parser = None
            if commands:  # the command named next on the line, if any
                parser = next((commands[0].choices[w] for w in words if w in commands[0].choices), None)
        guesses = []
        for word in message.split(":", 1)[1].split():
            name = word.split("=", 1)[0]
            if name.startswith("--") and name not in known:  # a known one stands where it does not belong
                guesses += difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        return f"; did you mean {' or '.join(dict.fromkeys(guesses))}?" if guesses else ""


def _finite(low: float, high: float, what: str, *, low_open: bool = True):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a number, not {text!r}") from None
        if not math.isfinite(value) or value < low or (low_open and value == low) or value > high:
            bound = f"more than {low:g}" if low_open else f"at least {low:g}"
            raise argparse.ArgumentTypeError(f"{what} must be {bound} and at most {high:g}, not {text}")
        return value

    return parse


def _seed(text: str) -> int:
    digits = text.strip().lstrip("+-")
    if digits.isdigit() and len(digits) > len(str(MAX_SEED)):
        raise argparse.ArgumentTypeError(f"seed must be between 0 and {MAX_SEED}, not a number of {len(digits):,} digits")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, not {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"seed must be between 0 and {MAX_SEED}, not {text}")
    return value


def window_size(text: str) -> tuple[int, int]:
    """`--window WxH`, within the sizes the game lays itself out for."""
    from sispam.settings import WINDOW_MAX, WINDOW_MIN

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"window must look like 1280x720, not {text!r}") from None
    if not (WINDOW_MIN[0] <= w <= WINDOW_MAX[0] and WINDOW_MIN[1] <= h <= WINDOW_MAX[1]):
        raise argparse.ArgumentTypeError(f"window must be between {WINDOW_MIN[0]}x{WINDOW_MIN[1]} and "
                                         f"{WINDOW_MAX[0]}x{WINDOW_MAX[1]}, not {text}")
    return w, h


def _given_or_shipped(text: str, find: Callable[[str], Path | None]) -> str:
    """A LEVEL or PLAN argument: the file at that path if there is one, else the file shipped with
    the game of that name (`campaign_1_hijau` or `campaign_1_hijau.toml`), else the text as given."""
    if Path(text).exists():
        return text
    found = find(text)
    return text if found is None else str(found)


def _existing(text: str, find: Callable[[str], Path | None], names: Callable[[], list[str]], shipped: str) -> str:
    """`_given_or_shipped`, refusing a name that is neither a file nor a shipped one.

    Raises:
        LevelError: one problem naming the file and the shipped names.
    """
    path = _given_or_shipped(text, find)
    if not Path(path).exists():
        raise LevelError([Problem(text, 0, "file", f"no such file, nor the name of {shipped} ({', '.join(names())})")])
    return path


def level_file(text: str) -> str:
    """The level file a LEVEL argument names (a path, or a shipped level's name).

    Raises:
        LevelError: neither a file nor a shipped level.
    """
    return _existing(text, shipped_level, shipped_level_names, "a level shipped with the game")


def plan_file(text: str) -> str:
    """The order plan a PLAN argument names (a path, or the name of a shipped level's plan).

    Raises:
        LevelError: neither a file nor a shipped plan.
    """
    return _existing(text, shipped_plan, shipped_plan_names, "a shipped level's plan")


LEVEL_HELP = "a level file, or the name of a level shipped with the game (e.g. campaign_1_hijau)"
PLAN_HELP = "an order plan (.toml or .json) driving the police, or a shipped level's name for its reference plan"


def build_parser() -> argparse.ArgumentParser:
    """The `game.py` argument parser."""
    # `lang`: every command's; `common`: the commands that open a window or draw its screens
    # (play, replay, edit, and no command: the menu). SUPPRESS: an option given before the
    # command (`game.py --lang en play X`) is not reset by the command's own default.
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                      help="language (default: the saved setting, else the system's, else id)")
    common = argparse.ArgumentParser(add_help=False, parents=[lang])
    common.add_argument("--window", type=window_size, metavar="WxH", default=argparse.SUPPRESS,
                        help="window size, e.g. 1280x720")
    common.add_argument("--fullscreen", action="store_true", default=argparse.SUPPRESS, help="open full screen")

    parser = _Parser(prog="game.py", description="Sispam: Sispamkota crowd-control training.",
                     parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser("play", parents=[common], help="open a level (briefing screen)")
    play.add_argument("level", metavar="LEVEL", help=LEVEL_HELP)
    play.add_argument("--plan", metavar="PLAN", help=PLAN_HELP)
    play.add_argument("--screenshot", type=Path, metavar="OUT.png",
                      help="run headless to --at S and save the play view as a PNG (no window)")
    play.add_argument("--at", type=_finite(0.0, MAX_DURATION_S, "--at", low_open=False), metavar="S",
                      help="simulated seconds before the screenshot")

    run = sub.add_parser("run", parents=[lang], help="run a level headless and write a report")
    run.add_argument("level", metavar="LEVEL", help=LEVEL_HELP)
    run.add_argument("--plan", metavar="PLAN", help=PLAN_HELP)
    run.add_argument("--seed", type=_seed, help="override the level's seed")
    run.add_argument("--duration", type=_finite(0.0, MAX_DURATION_S, "--duration"), metavar="S",
                     help="simulated seconds (default: the level's duration_s)")
    run.add_argument("--report", type=Path, metavar="OUT.json", help="write the JSON report here")
    run.add_argument("--trajectories", type=Path, metavar="OUT.csv",
                     help="write trajectories here: CSV, or JuPedSim's SQLite layout (PedPy reads it) for a name "
                          "ending in .sqlite")
    run.add_argument("--sample-hz", type=_finite(0.0, 1.0 / DT_S, "--sample-hz"), default=10.0, metavar="HZ",
                     help=f"trajectory samples per simulated second (default 10, at most {1.0 / DT_S:g})")
    run.add_argument("--replay", type=Path, metavar="OUT", help="write a replay of the run here (.sispam-replay.json)")

    check = sub.add_parser("check", parents=[lang], help="validate level files (and an order plan)")
    check.add_argument("levels", nargs="+", metavar="LEVEL", help=LEVEL_HELP)
    check.add_argument("--plan", metavar="PLAN", help="also check this order plan against each LEVEL (a file, or a "
                       "shipped level's name for its plan)")

    replay = sub.add_parser("replay", parents=[common], help="watch a replay in the game, or verify it headless")
    replay.add_argument("file", metavar="FILE")
    headless = replay.add_mutually_exclusive_group()  # one or the other: each is a command of its own
    headless.add_argument("--verify", action="store_true",
                          help="simulate it again headless: exit 0 if identical, 1 if it differs")
    replay.add_argument("--level", metavar="LEVEL", help="the replay's level file, if it is not where it was")
    headless.add_argument("--export", action="store_true",
                          help="write its debrief next to it (HTML with PNG pictures, and JSON), headless")

    pack = sub.add_parser("pack", parents=[lang], help="zip a level file with the pictures it names, to share it")
    pack.add_argument("level", metavar="LEVEL")
    pack.add_argument("out", type=Path, metavar="OUT.zip")

    unpack = sub.add_parser("unpack", parents=[lang],
                            help="unpack a shared level (.zip) into a new folder and check it")
    unpack.add_argument("archive", type=Path, metavar="ARCHIVE.zip")
    unpack.add_argument("into", type=Path, nargs="?", metavar="DIR",
                        help="the folder to unpack into (default: levels/ in the user-data folder)")

    records = sub.add_parser("records", parents=[lang],
                             help="the training records: import a class's replays, write a class summary")
    actions = records.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    bring = actions.add_parser("import", parents=[lang],
                               help="import replays (files, folders searched through, zips) into the records")
    bring.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    summary = actions.add_parser("summary", parents=[lang],
                                 help="write each trainee's scores per level as CSV and a printable HTML page")
    summary.add_argument("out", type=Path, metavar="OUT", help="OUT.csv and OUT.html are written")
    summary.add_argument("--group", metavar="GROUP", help="only the trainees of this group (any part of its name)")

    from sispam.validate.options import add_arguments as validate_arguments  # no simulation imported

    validate = sub.add_parser("validate", parents=[lang],
                              help="run the validation battery headless and write its report (see README)")
    validate_arguments(validate)

    sub.add_parser("prepare", parents=[lang],
                   help="compile the simulation's kernels now, in a checkout run with numba and not installed; "
                        "an install (pip install . or -e .) has them compiled already")

    edit = sub.add_parser("edit", parents=[common],
                          help="open the level editor (a new level, or LEVEL: a new file if it does not exist)")
    edit.add_argument("level", nargs="?", metavar="LEVEL")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line; the common options are there (None/False when not given)
    whether they came before the command or after it."""
    parser = build_parser()
    parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    for name, default in (("lang", None), ("window", None), ("fullscreen", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    return args


def _cmd_check(args: argparse.Namespace) -> int:
    from sispam.level.campaign import is_campaign_manifest, load_campaign
    from sispam.level.plan import read_plan

    bad = False
    if args.plan is not None:
        try:
            args.plan = plan_file(args.plan)
        except LevelError as e:  # reported once; the levels are still checked
            bad = True
            say(e)
            args.plan = None
    for given in args.levels:
        try:
            name = level_file(given)
        except LevelError as e:
            bad = True
            say(e)
            continue
        if is_campaign_manifest(name):  # levels/*.toml takes in the campaign manifest too
            try:
                found = load_campaign(name)
            except LevelError as e:
                bad = True
                say(e)
                continue
            broken = 0
            for level in found:  # the campaign is only as good as its levels
                try:
                    load_level(level)
                except LevelError as e:
                    broken += 1
                    say(e)
            if broken:
                bad = True
                say(f"{name}: campaign: {broken} of its {len(found)} levels cannot be played")
            else:
                say(f"{name}: ok (campaign of {len(found)} levels, each valid)")
            continue
        try:
            scenario = load_level(name)
            notes = level_notes_of(name)
        except LevelError as e:
            bad = True
            say(e)
            continue
        say(f"{name}: ok")
        for note in notes:
            say(note)
        if args.plan is None:
            continue
        try:
            plan = read_plan(args.plan, scenario)
        except LevelError as e:
            bad = True
            say(e)
        else:
            injects = f", {len(plan.injects)} injects" if plan.injects else ""
            say(f"{args.plan}: ok ({len(plan.orders)} orders{injects} for {scenario.id})")
    return EXIT_BAD_INPUT if bad else EXIT_OK


def _plan(args: argparse.Namespace, scenario: Scenario) -> Plan:
    """The plan's orders and injects (none without --plan).

    Raises:
        LevelError: the plan cannot be used.
    """
    from sispam.level.plan import Plan, read_plan

    if args.plan is None:
        return Plan([], [])
    args.plan = plan_file(args.plan)
    return read_plan(args.plan, scenario)


def _level_with_plan(args: argparse.Namespace) -> tuple[Scenario, Plan] | None:
    """The level and its plan, or None once the reason they cannot be used is printed."""
    try:
        args.level = level_file(args.level)
        scenario = load_level(args.level)
        return scenario, _plan(args, scenario)
    except LevelError as e:
        say(e, file=sys.stderr)
        return None


def _prepare_simulation(args: argparse.Namespace) -> int:
    """Compile the simulation's kernels before a command steps it, if this is a first start (nothing
    in numba's cache for them): one progress line on stderr, redrawn on a terminal, instead of a
    silent wait. Returns how many were prepared (0 on a warm start, which prints nothing)."""
    from sispam.sim import jit
    from sispam.sim.kernels import pending, prepare_all
    from sispam.ui.i18n import system_language, text  # the catalogue only: no pygame

    jit.mode()  # no kernels and no numba: say so (KernelsMissing, exit code 3) before anything runs
    unready = pending()
    if not unready:
        return 0
    line = text("loading.preparing", args.lang or system_language())
    terminal = sys.stderr.isatty()

    def show(k: int, n: int, _kernel) -> None:
        if terminal:
            sys.stderr.write(f"\r{line.format(k=min(k + 1, n), n=n)} ")
        elif k == 0:  # a log: the line once, before the wait
            sys.stderr.write(line.format(k=0, n=n) + "\n")
        sys.stderr.flush()

    prepare_all(unready, show)
    if terminal:
        sys.stderr.write("\n")
    return len(unready)


def _cmd_prepare(args: argparse.Namespace) -> int:
    """`game.py prepare`: compile the simulation now (after installing), so that even the first
    start of the game opens at once."""
    from sispam.sim import jit
    from sispam.sim.kernels import kernels

    if jit.mode() == "aot":
        say("the simulation is ready: its kernels were compiled ahead of time, when it was installed")
        return EXIT_OK
    done = _prepare_simulation(args)
    say(f"the simulation is ready: {len(kernels())} compiled kernels, {done} compiled now")
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from sispam.headless import RunRequest, run_level  # imports the simulation: only when needed
    from sispam.review.replay_file import SUFFIX
    from sispam.sim.injects import InjectRefused
    from sispam.sim.police.command import OrderRefused

    if args.replay is not None and not args.replay.name.endswith(SUFFIX):
        say(f"game.py run: error: --replay {args.replay}: a replay's name ends in {SUFFIX} (the game opens it "
              "by that)", file=sys.stderr)
        return EXIT_BAD_INPUT

    loaded = _level_with_plan(args)
    if loaded is None:
        return EXIT_BAD_INPUT
    scenario, plan = loaded
    _prepare_simulation(args)
    request = RunRequest(args.level, args.seed, args.duration, args.report, args.trajectories, args.sample_hz,
                         args.plan, tuple(plan.orders), args.replay, tuple(plan.injects))
    try:
        report, wall_s = run_level(scenario, request)
    except OutputError as e:
        say(f"game.py run: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OrderRefused as e:  # load_plan checks what issue checks; kept so that a gap is one line
        say(f"game.py run: error: {args.plan}: an order was refused: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except InjectRefused as e:  # the same for injects
        say(f"game.py run: error: {args.plan}: an inject was refused: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    m = report["metrics"]
    say(f"{scenario.id}: {report['sim_seconds']:.0f} s simulated in {wall_s:.1f} s "
          f"({report['sim_seconds'] / max(wall_s, 1e-9):.1f}x real time); "
          f"max density {m['max_density_ppm2']:.2f}/m2, peak line load {m['peak_line_load_n'] / 1000:.1f} kN, "
          f"breaches {m['breaches']}, civilians injured {m['injuries']['civilian']}, "
          f"officers down {m['injuries']['officer']}, orders {len(report['orders'])}, "
          f"max force stage {m['max_force_stage']}, force violations {m['force_violations']}")
    if report["objectives"]:
        ended = "" if report["ended_s"] is None else f" at {report['ended_s']:.0f} s"
        say(f"{scenario.id}: {report['outcome']}{ended}; situation at worst {report['situation']['worst']}; "
              f"score {report['score']['total']}/100 ("
              + ", ".join(f"{k} {v}" for k, v in report["score"]["parts"].items()) + "); objectives: "
              + ", ".join(f"{o['id']} {o['status']}" for o in report["objectives"]))
    return EXIT_OK


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from sispam.ui.i18n import system_language
    from sispam.ui.screenshot import DEFAULT_WINDOW, render_at, save_png  # imports pygame: only when needed

    if args.at is None:
        say("game.py play: error: --screenshot needs --at S (the simulated second to show)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.screenshot.suffix.lower() != ".png":  # ".png" alone is a hidden file's name, with no suffix
        say(f"game.py play: error: --screenshot writes a PNG: give a file name ending in .png (e.g. view.png), "
            f"not {printable(args.screenshot.name) or 'nothing'}", file=sys.stderr)
        return EXIT_BAD_INPUT
    loaded = _level_with_plan(args)
    if loaded is None:
        return EXIT_BAD_INPUT
    scenario, plan = loaded
    if args.at > scenario.duration_s:
        say(f"game.py play: error: --at {args.at:g} is after the level ends (duration_s "
              f"{scenario.duration_s:g})", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        check_writable(args.screenshot)
        _prepare_simulation(args)
        world, surface = render_at(scenario, plan.orders, args.at, args.window or DEFAULT_WINDOW,
                                   args.lang or system_language(), injects=plan.injects)
        save_png(surface, args.screenshot)
    except OutputError as e:
        say(f"game.py play: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    say(f"{args.screenshot}: {scenario.id} at {world.t:.1f} s, {surface.get_width()}x{surface.get_height()}")
    return EXIT_OK


def _cmd_window(args: argparse.Namespace, level: str | None) -> int:
    """Open the game window: at the main menu, or at a level's briefing (its problems, if it
    has any, are shown on the error screen there, so a bad file never ends the game)."""
    if level is not None and args.at is not None:
        say("game.py play: error: --at needs --screenshot OUT.png", file=sys.stderr)
        return EXIT_BAD_INPUT
    from sispam.sim import jit
    from sispam.ui.app import start  # imports pygame: only when needed

    jit.mode()  # an install without its kernels is told on the terminal, before a window opens
    plan = getattr(args, "plan", None)
    if level is not None:  # a file's problems, a missing one's too, are shown on the error screen
        level = _given_or_shipped(level, shipped_level)
        plan = None if plan is None else _given_or_shipped(plan, shipped_plan)
    return start(args.lang, args.window, args.fullscreen, level, plan)


def _cmd_replay(args: argparse.Namespace) -> int:
    from sispam.progress import Progress
    from sispam.review.replay_file import level_for, read_replay
    from sispam.review.resimulate import Diverged, ReportDiffers, verify

    if not args.verify and not args.export:
        from sispam.ui.app import start  # imports pygame: only when needed

        return start(args.lang, args.window, args.fullscreen, replay=args.file,
                     replay_level=None if args.level is None else _given_or_shipped(args.level, shipped_level))
    try:
        rec, _ = read_replay(args.file)
        override = None if args.level is None else level_file(args.level)
        scenario = load_level(level_for(rec, args.file, override))
        rec, _ = read_replay(args.file, scenario)  # its orders, checked against the level
    except LevelError as e:
        for problem in e.problems:
            say(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.export:
        return _export_debrief(args, rec, scenario)
    _prepare_simulation(args)
    progress = Progress(rec.end_t)
    try:
        world = verify(rec, scenario, progress=lambda step: progress.update(step * rec.dt))
    except Diverged as e:
        progress.close()
        from sispam.review.fingerprint import explain

        say(f"game.py replay: {args.file}: DIFFERS: {e}; {explain(rec.machine)}", file=sys.stderr)
        return EXIT_DIFFERS
    except ReportDiffers as e:  # the run is the recorded one; its report was edited
        progress.close()
        say(f"game.py replay: {args.file}: DIFFERS: {e}", file=sys.stderr)
        return EXIT_DIFFERS
    except ValueError as e:
        progress.close()
        say(f"game.py replay: error: {args.file}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress.close()
    say(f"{args.file}: identical: {scenario.id} re-simulated to {world.t:.1f} s, {len(rec.checkpoints)} "
          f"checkpoints and the final state match ({world.objectives.outcome})")
    return EXIT_OK


def _export_debrief(args: argparse.Namespace, rec, scenario: Scenario) -> int:
    for key, value in (("SDL_VIDEODRIVER", "dummy"), ("SDL_AUDIODRIVER", "dummy"), ("PYGAME_HIDE_SUPPORT_PROMPT", "1")):
        os.environ.setdefault(key, value)  # no window: the pictures are drawn off screen
    import pygame

    from sispam.ui.debrief_export import export_debrief
    from sispam.ui.i18n import system_language

    pygame.display.init()
    pygame.font.init()
    try:
        html = export_debrief(rec, scenario, Path(args.file), args.lang or system_language())
    except OutputError as e:
        say(f"game.py replay: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        pygame.quit()
    say(f"{args.file}: debrief written to {html}")
    return EXIT_OK


def _cmd_pack(args: argparse.Namespace) -> int:
    from sispam.level.share import ShareError, pack_level

    try:
        names = pack_level(level_file(args.level), args.out)
    except LevelError as e:
        say(e, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ShareError, OutputError) as e:
        say(f"game.py pack: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    say(f"{args.out}: written with {', '.join(names)}")
    return EXIT_OK


def _cmd_unpack(args: argparse.Namespace) -> int:
    from sispam.level.share import ShareError, unpack_level
    from sispam.userdata import data_dir

    try:
        into = args.into if args.into is not None else data_dir() / "levels"
        level = unpack_level(args.archive, into)
    except LevelError as e:
        say(e, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ShareError, OutputError) as e:
        say(f"game.py unpack: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    say(f"{level}: unpacked from {args.archive}; play it with: python game.py play {level}")
    return EXIT_OK


def _cmd_records(args: argparse.Namespace) -> int:
    from sispam.records import Records, RecordsError

    lang = args.lang or "id"
    try:
        if args.action == "import":
            from sispam.review.import_replays import import_replays

            with Records() as db:
                report = import_replays(args.paths, db, data_dir() / "replays" / "imported", lang)
            for line in report.problems:
                say(f"game.py records import: refused: {line}", file=sys.stderr)
            for name in report.duplicates:
                say(f"{name}: already in the records")
            say(f"{len(report.added)} results imported, {len(report.duplicates)} already there, "
                f"{len(report.problems)} files refused ({db.path})")
            return EXIT_BAD_INPUT if report.problems and not report.added else EXIT_OK
        from sispam.ui.class_summary import export_summary

        with Records(read_only=True) as db:
            results = db.results(group=args.group)
        out = args.out.with_suffix("") if args.out.suffix.lower() in (".csv", ".html") else args.out
        csv_path, html_path = export_summary(results, out.parent, lang, out.name)
        say(f"{csv_path} and {html_path}: {len({(r.trainee, r.group) for r in results})} trainees, "
            f"{len(results)} results")
        return EXIT_OK
    except (RecordsError, OutputError) as e:
        say(f"game.py records: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _command(args: argparse.Namespace) -> int:
    """Run the command `args` name; returns its exit code."""
    match args.command:
        case "run":
            return _cmd_run(args)
        case "check":
            return _cmd_check(args)
        case "play":
            if args.screenshot is not None:
                return _cmd_screenshot(args)
            return _cmd_window(args, args.level)
        case "replay":
            return _cmd_replay(args)
        case "pack":
            return _cmd_pack(args)
        case "unpack":
            return _cmd_unpack(args)
        case "records":
            return _cmd_records(args)
        case "validate":
            from sispam.validate.command import run as run_validation  # imports the simulation

            _prepare_simulation(args)
            return run_validation(args, "game.py validate")
        case "prepare":
            return _cmd_prepare(args)
        case "edit":
            from sispam.level.campaign import is_campaign_manifest
            from sispam.ui.app import start  # imports pygame: only when needed

            if args.level and is_campaign_manifest(args.level):  # the editor is for levels
                say(f"game.py edit: error: {args.level} is a campaign's list of levels, not a level: edit one of "
                    "the levels it names", file=sys.stderr)
                return EXIT_BAD_INPUT
            return start(args.lang, args.window, args.fullscreen, edit=args.level or "")
        case _:
            return _cmd_window(args, None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `game.py` with these arguments; returns the exit code. The `sispam` command and
    `python -m sispam` are this function too."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no pygame banner on the terminal
    for name in ("stdout", "stderr"):  # started with it closed (`>&-`): what it says goes nowhere
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # for the process's life
    args = parse_args(argv)
    interrupt.install()  # Ctrl-C, SIGTERM and SIGHUP: KeyboardInterrupt, every file being written removed
    try:
        code = _command(args)
        sys.stdout.flush()  # a closed pipe is found here, not as Python exits
        if interrupt.take():  # it ended while a signal waited to be raised
            raise KeyboardInterrupt
        return code
    except KeyboardInterrupt:
        say("game.py: interrupted; no output file was left half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KernelsMissing as e:
        say(f"game.py: {e}", file=sys.stderr)
        return EXIT_BROKEN_INSTALL
    except BrokenPipeError:  # its output went into a pipe that was closed (`| head`): nowhere to say it
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_OUTPUT_CLOSED
    except OSError as e:
        if e.filename is not None:  # a file it was given or makes (a name too long, say): name it
            say(f"game.py: error: {printable(text_path(e.filename))}: {e.strerror or e}", file=sys.stderr)
            return EXIT_BAD_INPUT
        # Its lines could not be written (`> /dev/full`): say so where it still can.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        with contextlib.suppress(OSError):
            print(f"game.py: cannot write its output: {e.strerror or e}", file=sys.stderr)
        return EXIT_OUTPUT_FAILED
