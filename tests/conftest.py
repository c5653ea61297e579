"""Test setup: headless SDL before anything imports pygame, the kernels through numba, and the
repository on sys.path."""

import os
import sys
from pathlib import Path

for key, value in {
    "SDL_VIDEODRIVER": "dummy", "SDL_VIDEO_DRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy", "SDL_AUDIO_DRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    # The suite runs the kernels through numba (requirements-dev.txt), even in a checkout where
    # `pip install -e .` compiled them ahead of time; tests/sim/test_aot.py builds and runs those.
    "SISPAM_KERNELS": "jit",
}.items():
    os.environ.setdefault(key, value)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_collection_modifyitems(items):
    """The campaign plays first: they are the longest tests (up to 40 s each), and handed out
    first they keep both workers busy to the end instead of leaving one to finish them alone."""
    items.sort(key=lambda item: 0 if item.nodeid.startswith("tests/test_campaign.py") else 1)
