"""`python -m sispam ...`: the same as `python game.py ...` and the `sispam` command."""

import sys

from sispam.cli import main

if __name__ == "__main__":
    sys.exit(main())
