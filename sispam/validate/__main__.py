"""`python -m sispam.validate [--quick] [--seeds N,...] [--only TEST,...] [--out DIR] [--levels DIR]
[--jobs N]`: the validation battery (the same as `python game.py validate`)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from sispam.validate.options import EXIT_BAD_INPUT, add_arguments

PROG = "python -m sispam.validate"


class _Parser(argparse.ArgumentParser):
    """Errors in one line, exit 2 (as game.py's)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the battery; returns the exit code."""
    parser = _Parser(prog=PROG, description="Sispam's validation battery: runs its test scenarios headless and "
                     "writes a report comparing them with published pedestrian data.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    from sispam.validate.command import run  # imports the simulation: only once the arguments are good

    return run(args, PROG)


if __name__ == "__main__":
    sys.exit(main())
