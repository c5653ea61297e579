"""A replay recorded on this machine verifies with every processor-specific kernel switched off:
numpy's dispatched SIMD kernels (`NPY_DISABLE_CPU_FEATURES` set to every feature it found beyond
its baseline), numba compiled for a generic x86-64 processor (`NUMBA_CPU_NAME=generic`, in a
cache of its own) and glibc's FMA and AVX variants of the C library's functions
(`GLIBC_TUNABLES`). Before `sispam.sim.pmath` the idle campaign 2 differed at 95 s this way.
The replay also names the machine that recorded it, and a verify that differs names what differs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sispam.level import LevelError, load_level
from sispam.resources import levels_dir
from sispam.review.fingerprint import KEYS, differences, machine_fingerprint
from sispam.review.recording import Recorder
from sispam.review.replay_file import read_replay, write_replay
from sispam.sim.world import World

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "campaign_2_dorong.toml"
RUN_S = 120.0


def _baseline_features() -> str:
    try:
        from numpy._core._multiarray_umath import __cpu_baseline__, __cpu_features__
    except ImportError:  # pragma: no cover
        from numpy.core._multiarray_umath import __cpu_baseline__, __cpu_features__
    return " ".join(f for f, found in __cpu_features__.items() if found and f not in __cpu_baseline__)


def _generic_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(NPY_DISABLE_CPU_FEATURES=_baseline_features(), NUMBA_CPU_NAME="generic",
               NUMBA_CACHE_DIR=str(tmp_path / "numba-generic"),
               GLIBC_TUNABLES="glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F,-AVX512VL,-AVX512DQ,-AVX512BW,-AVX")
    return env


@pytest.fixture(scope="module")
def replay(tmp_path_factory) -> Path:
    world = World(load_level(LEVEL))
    recorder = Recorder(world, LEVEL)
    while world.t < RUN_S - 1e-9 and not world.objectives.ended:
        world.step()
        recorder.after_step(world)
    path = tmp_path_factory.mktemp("portable") / "c2.sispam-replay.json"
    write_replay(recorder.finish(world), path)
    return path


def _verify(path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "game.py"), "replay", str(path), "--verify"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)


def test_a_replay_verifies_with_the_processor_specific_kernels_switched_off(replay, tmp_path) -> None:
    env = _generic_env(tmp_path)
    probe = subprocess.run([sys.executable, "-c", "from sispam.review.fingerprint import machine_fingerprint as m; "
                            "f = m(); print(f['numpy_simd']); print(f['numba_cpu'])"],
                           capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert probe.stdout.split("\n")[:2] == ["baseline", "generic"], probe.stderr  # the switches took
    done = _verify(replay, env)
    assert done.returncode == 0, done.stderr
    assert "identical" in done.stdout


def test_the_replay_names_its_machine_and_a_verify_that_differs_names_the_difference(replay, tmp_path) -> None:
    data = json.loads(replay.read_text())
    assert set(data["machine"]) == set(KEYS) and data["machine"] == machine_fingerprint()
    data["machine"]["numpy_simd"] = "AVX512_FAKE"
    data["checkpoints"][4][1] = "0" * 64  # as if this machine's arithmetic gave another state there
    other = tmp_path / "other.sispam-replay.json"
    other.write_text(json.dumps(data))
    done = _verify(other)
    assert done.returncode == 1, done.stderr
    assert "recorded on another machine: numpy_simd: AVX512_FAKE →" in done.stderr
    assert differences(data["machine"], machine_fingerprint()) == [
        f"numpy_simd: AVX512_FAKE → {machine_fingerprint()['numpy_simd']}"]


def test_a_replay_of_other_simulation_code_says_so_before_any_machine_difference() -> None:
    """A change to the crowd's physics makes earlier replays re-simulate otherwise: the verify
    said 'recorded on a machine with the same fingerprint as this one', pointing nowhere."""
    from sispam.review.fingerprint import explain

    here = machine_fingerprint()
    assert here["simulation"].startswith("code ") and len(here["simulation"]) == 21  # a bundle says "game 0.x"
    assert "another version of the simulation (code 0123456789abcdef; this one is" in explain(
        here | {"simulation": "code 0123456789abcdef", "numpy": "0.0"})
    older = {k: v for k, v in here.items() if k != "simulation"}
    assert "did not note itself" in explain(older)
    assert explain(here) == "it was recorded on a machine with the same fingerprint as this one"


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(end_step=10**15), "end_step"),
    (lambda d: (d.update(end_step=99_999), d["checkpoints"].append([99_999, "a" * 64])), "past the end of level"),
    (lambda d: d.update(end_step=d["end_step"] - 1), "is not the step of the last checkpoint"),
    (lambda d: d.update(live_injects="yes"), "live_injects"),
    (lambda d: d["checkpoints"].reverse(), "not in order"),
], ids=["huge-end", "past-level-end", "end-not-last-checkpoint", "yes-is-not-true", "unordered"])
def test_an_impossible_end_or_a_loose_flag_is_refused(replay, tmp_path, change, message) -> None:
    data = json.loads(replay.read_text())
    change(data)
    bad = tmp_path / "bad.sispam-replay.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(LevelError, match=message):
        read_replay(bad, load_level(LEVEL))
    done = _verify(bad)
    assert done.returncode == 2 and message.split()[0] in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
