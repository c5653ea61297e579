"""Preparing the compiled kernels (`sispam.sim.kernels`) leaves nothing for the first step to
compile: not in the process that prepared them, and not in the next one, which finds them in
numba's disk cache and says so before stepping (a warm start shows no loading screen).

Each check runs in a fresh process whose numba cache is a new, empty folder (NUMBA_CACHE_DIR),
as on a fresh install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sispam.resources import levels_dir
from sispam.sim import kernels

ROOT = Path(__file__).resolve().parents[2]
LEVELS = [levels_dir() / "campaign_1_hijau.toml", levels_dir() / "campaign_5_anarki.toml"]

# Prepare (or not), then step each level a few times, noting every compilation numba starts.
_PROBE = """
import json, sys
from numba.core import event
from sispam.sim import kernels

compiled = []

class Listener(event.Listener):
    def on_start(self, ev):
        compiled.append(ev.data["dispatcher"].py_func.__qualname__)

    def on_end(self, ev):
        pass

event.register("numba:compile", Listener())
pending = [k.name for k in kernels.pending()]
seen = []
if sys.argv[1] == "prepare":
    kernels.prepare_all(progress=lambda k, n, kernel: seen.append([k, n, kernel.name]))
prepared = list(compiled)
compiled.clear()

from sispam.level import load_level
from sispam.sim.injects import with_reserve
from sispam.sim.world import World

for level in sys.argv[2:]:
    world = World(with_reserve(load_level(level)))
    for _ in range(5):
        world.step()
misses = {k.name: sum(k.dispatcher.stats.cache_misses.values()) for k in kernels.kernels()}
print(json.dumps({"pending": pending, "progress": seen, "prepared": prepared, "stepping": compiled,
                  "misses": misses}))
"""


def _probe(mode: str, cache: Path) -> dict:
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _PROBE, mode, *map(str, LEVELS)], capture_output=True, text=True,
                          timeout=900, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_every_kernel_is_listed_once_with_its_argument_types():
    names = [k.name for k in kernels.kernels()]
    assert len(names) == len(set(names))
    assert {"motion._forces", "neighbours._scan", "contacts._reduce", "batch._scatter"} <= set(names)
    assert all(k.dispatcher._cache is not None and k.arg_types for k in kernels.kernels())


def test_after_preparing_a_fresh_install_neither_its_first_steps_nor_the_next_start_compile(tmp_path):
    cache = tmp_path / "numba"
    first = _probe("prepare", cache)
    every = [k.name for k in kernels.kernels()]
    assert first["pending"] == every  # an empty cache: everything is to be prepared
    assert [p[:2] for p in first["progress"]] == [[k, len(every)] for k in range(len(every) + 1)]
    assert [p[2] for p in first["progress"][:-1]] == every
    assert first["prepared"], "preparing compiled nothing"
    assert first["stepping"] == []  # the first level's first steps: no freeze at 0:00

    second = _probe("step", cache)
    assert second["pending"] == []  # a warm start: no loading screen
    assert second["stepping"] == []
    assert set(second["misses"].values()) == {0}  # every kernel came from the disk cache
