#!/usr/bin/env python3
"""Sispam: a Sispamkota crowd-control training game. The one entry point (see README)."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 (an older Python running this file gets a sentence, not a traceback)
    sys.exit("Sispam needs Python 3.11 or newer; this is Python %d.%d." % sys.version_info[:2])

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no pygame banner on the terminal

try:
    from sispam.cli import main
except ImportError as error:  # a missing dependency: say what to do instead of a traceback
    sys.exit(f"game.py: cannot start: {error}. Install the dependencies: "
             "python -m pip install -r requirements.txt")

if __name__ == "__main__":
    sys.exit(main())
