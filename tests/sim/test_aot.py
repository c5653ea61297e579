"""The kernels compiled ahead of time (`sispam.sim.aot`, as `pip install .` ships them) run the
step without numba and give the same bits as numba's own compilation; stale or missing kernels
are refused with a message that says what to do.

The module is built once into a temporary folder, which each probe (a fresh process) adds to
the front of the package `sispam.sim`'s search path before the kernels are chosen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run campaign level 4 for 30 s and hash every step's positions and velocities.
_PROBE = """
import hashlib, json, sys
folder, block_numba = sys.argv[1], sys.argv[2] == "no-numba"
if block_numba:
    sys.modules["numba"] = None  # as in an install without it: `import numba` fails
import sispam.sim
if folder:
    sispam.sim.__path__.insert(0, folder)  # before the checkout, which may hold kernels of its own
from sispam.sim import jit
from sispam.level import load_level
from sispam.resources import shipped_level
from sispam.sim.world import World
world = World(load_level(shipped_level("campaign_4_batu_ban")))
h = hashlib.sha256()
for _ in range(600):
    world.step()
    h.update(world.bodies.pos.tobytes())
    h.update(world.bodies.vel.tobytes())
numba = sys.modules.get("numba") is not None
print(json.dumps({"mode": jit.mode(), "hash": h.hexdigest(), "numba": numba}))
"""


def _run(code: str, *args: str, kernels: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SISPAM_KERNELS"}
    if kernels:
        env["SISPAM_KERNELS"] = kernels
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600,
                          cwd=ROOT, env=env)


def _probe(folder: Path | str, *, kernels: str, numba: bool = True) -> dict:
    done = _run(_PROBE, str(folder), "numba" if numba else "no-numba", kernels=kernels)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kernels")
    done = _run("from sispam.sim.aot import main; main()", str(folder), kernels="")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in folder.glob("_kernels.*")] and (folder / "_kernels.json").is_file()
    return folder


def test_compiled_kernels_run_without_numba_and_give_numbas_bits(built: Path) -> None:
    ahead = _probe(built, kernels="", numba=False)
    assert ahead["mode"] == "aot" and not ahead["numba"]
    just_in_time = _probe("", kernels="jit")
    assert just_in_time["mode"] == "jit" and just_in_time["numba"]
    assert ahead["hash"] == just_in_time["hash"]


def test_kernels_built_from_other_sources_are_not_used(built: Path, tmp_path: Path) -> None:
    stale = tmp_path / "stale"
    stale.mkdir()
    for p in built.iterdir():
        (stale / p.name).write_bytes(p.read_bytes())
    stamp = json.loads((stale / "_kernels.json").read_text(encoding="utf-8"))
    (stale / "_kernels.json").write_text(json.dumps({**stamp, "sources": "0" * 64}), encoding="utf-8")
    assert _probe(stale, kernels="")["mode"] == "jit"  # numba compiles the present sources instead
    forced = _run(_PROBE, str(stale), "numba", kernels="aot")
    assert forced.returncode != 0 and "other sources" in forced.stderr and "pip install" in forced.stderr
    without = _run(_PROBE, str(stale), "no-numba", kernels="")
    assert without.returncode != 0
    assert "numba" in without.stderr and "pip install -e ." in without.stderr


def test_the_game_says_what_to_do_when_it_has_no_kernels_and_no_numba() -> None:
    code = ("import sys; sys.modules['numba'] = None\n"
            "from sispam.cli import EXIT_BROKEN_INSTALL, main\n"
            "code = main(['run', 'campaign_1_hijau', '--duration', '1'])\n"
            "print(code == EXIT_BROKEN_INSTALL); raise SystemExit(code)")
    done = _run(code, kernels="jit")
    assert done.returncode != 0 and done.stdout.strip() == "True", done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install" in done.stderr
    window = _run(code.replace("['run', 'campaign_1_hijau', '--duration', '1']", "['play', 'campaign_1_hijau']"),
                  kernels="jit")  # before any window opens
    assert window.stdout.strip() == "True" and "pip install" in window.stderr, window.stderr
