"""The simulation is a library that runs without the user interface."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_simulation_and_level_packages_never_import_pygame():
    code = (
        "import sys, sispam.sim.world, sispam.level, sispam.headless, sispam.bench\n"
        "assert 'pygame' not in sys.modules, sorted(m for m in sys.modules if 'pygame' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
