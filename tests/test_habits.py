"""The house's habits hold: ruff finds nothing in the repository, and mypy finds nothing in the
simulation and level packages, which pyproject.toml has it check strictly. Both are dev
requirements; neither writes a cache into the checkout."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing_to_fix() -> None:
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_finds_nothing_in_the_simulation_and_level_packages_checked_strictly(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "sispam/sim", "sispam/level"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found"), run.stdout


def test_pyproject_names_the_strict_flags_for_the_simulation_and_level_packages() -> None:
    """mypy applies `strict = true` in a module's section to every module, so pyproject.toml
    names the strict flags one by one, for these packages only."""
    overrides = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["overrides"]
    strict = [o for o in overrides if o.get("disallow_untyped_defs")]
    assert len(strict) == 1 and {"sispam.sim.*", "sispam.level.*"} <= set(strict[0]["module"])
    assert not any("strict" in o for o in overrides)
