"""Score-validity battery: does the score rank plans as a Dalmas instructor would?

`python -m sispam.review.battery` plays every campaign level headless, to its end, with order
plans of each kind on several seeds, and prints the mean score per kind and the checks below.
Plans: the level's reference plan (`levels/plans/<level>.toml`) is the *doctrinal* kind; the
others are `levels/plans/kinds/<level>/<kind>.toml`, each with a comment saying what that
trainee does:

* *passive*: the line holds, no dialogue, no arrests, no force;
* *brute*: force on a crowd that is still orderly or passive;
* *wrongful*: arrests of ordinary marchers or the korlap instead of provocateurs;
* *reckless*: a doctrinal-looking plan with a dangerous hand-over or gap;
* *trivial*: one line that holds, plus Damkar where there is fire;
* *idle*: no orders at all.

Checks (issue 18), per level over the seeds run:

* the mean scores rank doctrinal > passive > brute and wrongful;
* trivial scores at least `TRIVIAL_GAP` below doctrinal, and from level 2 on loses most seeds;
* doctrinal wins all seeds but at most one in eight;
* no run with a stage-5 violation on mostly orderly people wins;
* levels 4-6: idle runs reach merah on at least 3 of 4 seeds, doctrinal runs stay kuning or
  better on at least 3 of 4.

Exit code 0 if every check holds, 1 if one fails, 2 for bad arguments. `--json OUT` also writes
every run's result. Results do not depend on `--jobs`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from sispam.atomic import OutputError, atomic_text, check_writable
from sispam.level import load_level, load_plan
from sispam.level.campaign import load_campaign
from sispam.resources import campaign_file
from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import Colour
from sispam.sim.score import score
from sispam.sim.world import World

KINDS = ("doctrinal", "passive", "brute", "wrongful", "reckless", "trivial", "idle")
TRIVIAL_GAP = 15
ESCALATING_FROM = 4  # campaign levels 4-6 are the riots: idle runs must go merah


@dataclass(frozen=True, slots=True)
class RunResult:
    """One level played with one plan on one seed."""

    level: str
    kind: str
    seed: int
    outcome: str
    ended_s: float
    score: int
    parts: dict[str, int]
    violations: int
    stage5_on_orderly: bool  # a stage-5 violation that touched mostly tertib people
    worst: str
    merah_s: float


def plan_path(level: Path, kind: str) -> Path | None:
    """The plan file of `kind` for `level` (None for idle)."""
    if kind == "idle":
        return None
    if kind == "doctrinal":
        return level.parent / "plans" / level.name
    return level.parent / "plans" / "kinds" / level.stem / f"{kind}.toml"


def play(level: Path, kind: str, seed: int) -> RunResult:
    """Play `level` headless on `seed` with the plan of `kind`, to its end or its decision."""
    scenario = load_level(level)
    world = World(scenario, seed=seed)
    plan = plan_path(level, kind)
    if plan is not None:
        for order in load_plan(plan, scenario):
            world.command.issue(order)
    while world.t < scenario.duration_s - 1e-9 and not world.objectives.ended:
        world.step()
    s = score(world)
    orderly = any(a.stage >= 5 and a.by_class[Behaviour.TERTIB] * 2 > a.by_class.sum()
                  for a in world.ladder.violations)
    return RunResult(scenario.id, kind, seed, world.objectives.outcome, round(world.t, 1), s["total"], s["parts"],
                     len(world.ladder.violations), orderly, str(world.situation.worst),
                     round(world.situation.seconds[Colour.MERAH], 1))


def _play(job: tuple[str, str, int]) -> RunResult:
    return play(Path(job[0]), job[1], job[2])


def run(levels: Sequence[Path], kinds: Sequence[str], seeds: Sequence[int], jobs: int = 2) -> list[RunResult]:
    """Every level × kind × seed, in that order."""
    work = [(str(level), kind, seed) for level in levels for kind in kinds for seed in seeds]
    if jobs <= 1:
        return [_play(w) for w in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_play, work))


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else float("nan")


def checks(results: Sequence[RunResult]) -> list[tuple[str, str, bool]]:
    """(level, what is checked with the figures, holds) for each check that the runs allow."""
    out = []
    for level in dict.fromkeys(r.level for r in results):
        mine = [r for r in results if r.level == level]
        by = {k: [r for r in mine if r.kind == k] for k in KINDS}
        mean = {k: _mean([r.score for r in v]) for k, v in by.items() if v}
        number = int(level.split("_")[1]) if level.startswith("campaign_") and level.split("_")[1].isdigit() else 0
        if {"doctrinal", "passive"} <= mean.keys():
            out.append((level, f"doctrinal {mean['doctrinal']:.0f} > passive {mean['passive']:.0f}",
                        mean["doctrinal"] > mean["passive"]))
        for bad in ("brute", "wrongful"):
            if {"passive", bad} <= mean.keys():
                out.append((level, f"passive {mean['passive']:.0f} > {bad} {mean[bad]:.0f}", mean["passive"] > mean[bad]))
        if {"doctrinal", "trivial"} <= mean.keys():
            out.append((level, f"trivial {mean['trivial']:.0f} ≤ doctrinal {mean['doctrinal']:.0f} − {TRIVIAL_GAP}",
                        mean["trivial"] <= mean["doctrinal"] - TRIVIAL_GAP))
            if number >= 2:
                lost = sum(r.outcome != "won" for r in by["trivial"])
                out.append((level, f"trivial lost {lost}/{len(by['trivial'])}", lost * 2 > len(by["trivial"])))
        if by["doctrinal"]:
            won = sum(r.outcome == "won" for r in by["doctrinal"])
            out.append((level, f"doctrinal won {won}/{len(by['doctrinal'])}", won * 8 >= 7 * len(by["doctrinal"])))
        wins = [r for r in mine if r.stage5_on_orderly and r.outcome == "won"]
        out.append((level, f"wins with stage 5 on orderly people: {len(wins)}", not wins))
        if number >= ESCALATING_FROM:
            for kind, want in (("idle", True), ("doctrinal", False)):
                if by[kind]:
                    merah = sum(r.merah_s > 0 for r in by[kind])
                    n = len(by[kind])
                    ok = merah * 4 >= 3 * n if want else (n - merah) * 4 >= 3 * n
                    out.append((level, f"{kind} reached merah {merah}/{n}", ok))
    return out


def table(results: Sequence[RunResult]) -> str:
    """Mean score, wins and merah runs per level and kind."""
    lines = [f"{'level':28s} " + " ".join(f"{k:>16s}" for k in KINDS)]
    for level in dict.fromkeys(r.level for r in results):
        cells = []
        for k in KINDS:
            mine = [r for r in results if r.level == level and r.kind == k]
            if not mine:
                cells.append(f"{'–':>16s}")
                continue
            won = sum(r.outcome == "won" for r in mine)
            merah = sum(r.merah_s > 0 for r in mine)
            cells.append(f"{_mean([r.score for r in mine]):5.1f} w{won}/{len(mine)} m{merah:<2d}".rjust(16))
        lines.append(f"{level:28s} " + " ".join(cells))
    return "\n".join(lines)


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        if not lo.strip().isdigit() or (hi and not hi.strip().isdigit()) or len(part) > 12:
            raise argparse.ArgumentTypeError(f"seeds: {part[:20]!r} is not N or N-M")
        a, b = int(lo), int(hi or lo)
        if b < a or b - a > 64:
            raise argparse.ArgumentTypeError(f"seeds: {part!r} is not an increasing range of at most 64")
        out += range(a, b + 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sispam.review.battery", description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="", help="level numbers of the campaign, e.g. 1,2 (default: all)")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"plan kinds (default: {','.join(KINDS)})")
    parser.add_argument("--seeds", type=_seeds, default=list(range(8)),
                        help="seed offsets from each level's own seed, e.g. 0-7 or 0,3 (default 0-7)")
    parser.add_argument("--jobs", type=int, choices=range(1, 9), default=2, metavar="N", help="worker processes (1-8)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every run's result here")
    args = parser.parse_args(argv)
    levels = load_campaign(campaign_file())
    if args.levels:
        wanted = args.levels.split(",")
        unknown = [w for w in wanted if not any(p.stem.split("_")[1] == w for p in levels)]
        if unknown:
            parser.error(f"--levels: no campaign level {', '.join(unknown)[:60]}")
        levels = [p for p in levels if p.stem.split("_")[1] in wanted]
    kinds = [k for k in args.kinds.split(",") if k]
    if not kinds or any(k not in KINDS for k in kinds):
        parser.error(f"--kinds: choose from {', '.join(KINDS)}")
    if args.json is not None:
        try:
            check_writable(args.json)
        except OutputError as e:
            parser.error(f"--json: {e}")
    missing = [str(p) for level in levels for k in kinds if (p := plan_path(level, k)) is not None and not p.is_file()]
    if missing:
        parser.error("missing plan files: " + ", ".join(missing[:5]))
    results = []
    for level in levels:
        scenario_seed = load_level(level).seed
        results += run([level], kinds, [scenario_seed + s for s in args.seeds], args.jobs)
        print(table([r for r in results if r.level == results[-1].level]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    failed = 0
    for level, what, ok in checks(results):
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {level:28s} {what}")
    if args.json is not None:
        try:
            with atomic_text(args.json) as f:
                json.dump([asdict(r) for r in results], f, indent=1)
        except (OutputError, OSError) as e:
            print(f"--json: {e}", file=sys.stderr)
            return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
