"""The bundle for laptops without Python (`tools/bundle.py`, docs/bundle.md): built here, it
checks a shipped level, runs one headless and saves a screenshot, from a folder outside the
checkout and with no Python of ours on the path. Slow (minutes) and it needs PyInstaller, which
is not a dependency: give a Python that has it (and the game's dependencies) in
SISPAM_BUNDLE_PYTHON, or run the suite with one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def bundling_python() -> str:
    python = os.environ.get("SISPAM_BUNDLE_PYTHON", sys.executable)
    found = subprocess.run([python, "-c", "import PyInstaller"], capture_output=True, check=False)
    if found.returncode != 0:
        pytest.skip(f"PyInstaller is not installed for {python}: set SISPAM_BUNDLE_PYTHON (see docs/bundle.md)")
    return python


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([bundling_python(), str(ROOT / "tools" / "bundle.py"), "--out", str(out)],
                           capture_output=True, text=True, timeout=1800, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    program = out / "sispam" / ("sispam.exe" if sys.platform == "win32" else "sispam")
    assert program.is_file()
    assert (out / "sispam" / "docs" / "levels.md").is_file()
    return program


def run(program: Path, cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    # As on a trainee's laptop: none of our Python, and the kernels as the bundle carries them
    # (the suite's SISPAM_KERNELS=jit would ask for numba, which the bundle leaves out).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "SISPAM_KERNELS")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    start = time.monotonic()
    done = subprocess.run([str(program), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    return done, time.monotonic() - start


def test_the_bundle_checks_runs_and_takes_a_screenshot_without_python(bundle: Path, tmp_path: Path) -> None:
    checked, start_s = run(bundle, tmp_path, "check", "campaign_1_hijau", "--plan", "campaign_1_hijau")
    assert checked.returncode == 0 and "campaign_1_hijau.toml: ok" in checked.stdout, checked.stdout + checked.stderr
    print(f"bundle: check in {start_s:.1f} s")
    ran, run_s = run(bundle, tmp_path, "run", "campaign_1_hijau", "--plan", "campaign_1_hijau", "--duration", "5",
                     "--report", "r.json")
    assert ran.returncode == 0 and "campaign_1_hijau: 5 s simulated" in ran.stdout, ran.stdout + ran.stderr
    assert (tmp_path / "r.json").is_file()
    shot, shot_s = run(bundle, tmp_path, "play", "campaign_1_hijau", "--screenshot", "x.png", "--at", "5")
    assert shot.returncode == 0, shot.stdout + shot.stderr
    assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"bundle: run in {run_s:.1f} s, screenshot in {shot_s:.1f} s")
    missing, _ = run(bundle, tmp_path, "check", "nope")
    assert missing.returncode == 2 and "no such file" in missing.stdout and "Traceback" not in missing.stderr
