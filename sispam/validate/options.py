"""The validation battery's options, shared by `python -m sispam.validate` and `python game.py
validate`. Light on purpose: `game.py` builds its parser from this without importing the
simulation.

Exit codes: 0 every check passed, 1 some check failed (the report is written either way),
2 a bad argument or an output that cannot be written, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

TESTS = ("fundamental_diagram", "jam", "bottleneck", "counterflow", "rimea", "push", "calm_queue")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
MAX_SEEDS = 20


def _seeds(text: str) -> tuple[int, ...]:
    try:
        seeds = tuple(int(s) for s in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"seeds must be whole numbers separated by commas, not {text!r}") from None
    if not seeds or len(seeds) > MAX_SEEDS or any(not 0 <= s < 2**63 for s in seeds) or len(set(seeds)) < len(seeds):
        raise argparse.ArgumentTypeError(f"seeds must be 1 to {MAX_SEEDS} different numbers from 0, not {text}")
    return seeds


def _tests(text: str) -> tuple[str, ...]:
    names = tuple(t.strip() for t in text.split(",") if t.strip())
    unknown = [n for n in names if n not in TESTS]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"unknown test {', '.join(unknown) or repr(text)}; the tests are "
                                         + ", ".join(TESTS))
    return names


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"jobs must be a whole number, not {text!r}") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"jobs must be between 1 and 64, not {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The battery's options, on `parser`."""
    parser.add_argument("--out", type=Path, default=Path("validation"), metavar="DIR",
                        help="where report.md, report.html, results.json and plots/ go (default: validation/)")
    parser.add_argument("--quick", action="store_true", help="fewer, smaller and shorter cases (a few minutes)")
    parser.add_argument("--seeds", type=_seeds, default=(1,), metavar="N[,N...]",
                        help="run every case with each of these seeds (default: 1)")
    parser.add_argument("--only", type=_tests, default=TESTS, metavar="TEST[,TEST...]",
                        help="run only these tests: " + ", ".join(TESTS))
    parser.add_argument("--levels", type=Path, metavar="DIR", help="also write each case's level file into DIR")
    parser.add_argument("--jobs", type=_jobs, default=min(2, os.cpu_count() or 1), metavar="N",
                        help="worker processes (default: 2, or 1 on one core); results do not depend on it")
