"""Test setup: headless SDL before anything imports pygame, and the repository on sys.path."""

import os
import sys
from pathlib import Path

for key, value in {
    "SDL_VIDEODRIVER": "dummy", "SDL_VIDEO_DRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy", "SDL_AUDIO_DRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
}.items():
    os.environ.setdefault(key, value)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
