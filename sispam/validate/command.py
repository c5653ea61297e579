"""Running the validation battery as its command line asks (`python -m sispam.validate`,
`python game.py validate`; the options are in `options`): the cases over worker processes,
then the report. Exit codes as in `options`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sispam import __version__
from sispam.atomic import OutputError, atomic_text
from sispam.validate.checks import JUDGES
from sispam.validate.levelfile import level_toml
from sispam.validate.options import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from sispam.validate.report import SUMMARY_HEADER, RunInfo, failures, summary_rows, text_table, write_report
from sispam.validate.suite import TESTS, Case, plan, run_case, scenarios_of


def _folder(path: Path, what: str) -> None:
    """Make the output folder, or raise OutputError naming it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{what} {path}: cannot make the folder: {e.strerror or e}") from None
    if not os.access(path, os.W_OK):
        raise OutputError(f"{what} {path}: the folder is not writable")


def _run_all(cases: list[Case], jobs: int, progress) -> dict[str, dict[str, Any]]:
    """Every case's results by key; the longest cases start first, the order of finishing does
    not matter (each run depends only on its case)."""
    order = sorted(cases, key=lambda c: -c.cost)
    results: dict[str, dict[str, Any]] = {}
    if jobs == 1 or len(cases) == 1:
        for case in order:
            key, result = run_case(case)
            results[key] = result
            progress(len(results), len(cases), key)
    else:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            for key, result in pool.map(run_case, order):
                results[key] = result
                progress(len(results), len(cases), key)
    return dict(sorted(results.items()))


def run(args: argparse.Namespace, prog: str) -> int:
    """Run the battery as `args` ask; returns the exit code."""
    cases = plan(args.only, quick=args.quick, seeds=args.seeds)
    try:
        _folder(args.out, "--out")
        if args.levels is not None:
            _folder(args.levels, "--levels")
            for case in cases:
                for scenario in scenarios_of(case):
                    name = case.key.replace("/", "_") + ".toml"
                    with atomic_text(args.levels / name) as f:
                        f.write(level_toml(scenario, f"Validation case {case.key} ({scenario.title.en})."))
    except OutputError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT

    def progress(done: int, total: int, key: str) -> None:
        print(f"[{done}/{total}] {key}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    try:
        results = _run_all(cases, args.jobs, progress)
    except KeyboardInterrupt:
        print(f"{prog}: interrupted; no report written", file=sys.stderr)
        return EXIT_INTERRUPTED
    wall = time.perf_counter() - start
    sections = [JUDGES[t]({k: v for k, v in results.items() if _test_of(k, cases) == t}) for t in TESTS
                if t in args.only]
    # RiMEA 4 reads the fundamental diagram's runs when they were made.
    if "rimea" in args.only:
        i = [s.test for s in sections].index("rimea")
        sections[i] = JUDGES["rimea"]({k: v for k, v in results.items() if _test_of(k, cases) in ("rimea",
                                                                                                  "fundamental_diagram")})
    # The calm queue's pressure is set against the pushing crowds of the bottlenecks.
    if "calm_queue" in args.only:
        i = [s.test for s in sections].index("calm_queue")
        sections[i] = JUDGES["calm_queue"]({k: v for k, v in results.items()
                                            if _test_of(k, cases) in ("calm_queue", "bottleneck")})
    info = RunInfo(args.quick, args.seeds, len(cases), wall, __version__)
    try:
        write_report(args.out, sections, info, results)
    except OutputError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rows = summary_rows(sections)
    print(text_table(SUMMARY_HEADER, rows))
    failed = failures(sections)
    print(f"\n{failed} of {len(rows)} checks failed; {len(cases)} runs in {wall:.0f} s; report: "
          f"{args.out / 'report.md'}, {args.out / 'report.html'}")
    return EXIT_FAILED if failed else EXIT_OK


def _test_of(key: str, cases: list[Case]) -> str:
    return next(c.test for c in cases if c.key == key)
