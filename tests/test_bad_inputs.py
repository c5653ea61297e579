"""Bad inputs an outside tester found getting through (issue 19): each gives one clear line
naming the file, line and problem, and exit 2 (or a message the game goes on after), within
seconds; never a traceback, a hang, raw terminal escapes or a half-written file left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sispam.atomic import TEMP_SUFFIX, atomic_text, remove_stale
from sispam.campaign_progress import CampaignProgress
from sispam.resources import levels_dir
from sispam.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
LEVEL = levels_dir() / "campaign_1_hijau.toml"
PLAN = levels_dir() / "plans" / "campaign_1_hijau.toml"
SPAWN = 'shape = { kind = "rect", min = [2, 7], max = [30, 17] }'
HUGE = "9" * 5000


def game(*args: object, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **kwargs.pop("env", {})}
    return subprocess.run([sys.executable, str(ROOT / "game.py"), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout, **kwargs)


def refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one line of a refusal (exit 2) that names all `words`."""
    out = (done.stdout + done.stderr).strip()
    assert done.returncode == 2, out[-2000:]
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if all(w in line for w in words)]
    assert lines, out[-2000:]
    assert len(lines[0]) < 400 and "\x1b" not in out and "\x00" not in out
    return lines[0]


def level_with(tmp_path: Path, old: str, new: str, name: str = "bad.toml") -> Path:
    text = LEVEL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- numbers too long to read ------------------------------------------------------------

def test_a_number_of_thousands_of_digits_in_a_level_names_its_line(tmp_path) -> None:
    bad = level_with(tmp_path, "seed = 20261201", f"seed = {HUGE}")
    line = refused(game("check", bad), "bad.toml:", "digits")
    assert line.startswith(f"{bad}:{LEVEL.read_text().splitlines().index('seed = 20261201') + 1}:")


def test_a_level_shorter_than_a_second_is_refused(tmp_path) -> None:
    bad = level_with(tmp_path, "duration_s = 300", "duration_s = 1e-320")  # it ran for no step
    assert "should be greater than or equal to 1, got 1e-320" in refused(game("check", bad), "duration_s")


def test_a_long_number_that_fits_is_refused_by_range_in_a_short_line(tmp_path) -> None:
    bad = level_with(tmp_path, "seed = 20261201", f"seed = {'9' * 600}")
    line = refused(game("check", bad), "seed")
    assert "characters)" in line  # the echoed value is shortened


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_a_number_of_thousands_of_digits_in_a_plan_is_refused(tmp_path, kind) -> None:
    plan = tmp_path / f"plan.{kind}"
    if kind == "toml":
        plan.write_text(PLAN.read_text().replace("t = 1\n", f"t = {HUGE}\n", 1))
    else:
        plan.write_text('{"schema_version": 1,\n "level": "campaign_1_hijau",\n "orders": [{"t": %s}]}' % HUGE)
    refused(game("check", LEVEL, "--plan", plan), plan.name, "digits")


def test_a_number_of_thousands_of_digits_in_a_replay_is_refused(tmp_path) -> None:
    replay = tmp_path / "r.sispam-replay.json"
    replay.write_text('{"format":"sispam-replay","version":1,\n"seed":%s}' % HUGE)
    assert ":2:" in refused(game("replay", replay, "--verify"), "digits")


def test_settings_and_progress_with_a_huge_number_are_reported_and_the_game_starts(tmp_path) -> None:
    (tmp_path / "settings.json").write_text('{"volume": %s}' % HUGE)
    (tmp_path / "campaign_progress.json").write_text('{"schema_version": 1, "levels": {"x": %s}}' % HUGE)
    settings, problems = load_settings("en", tmp_path / "settings.json")
    assert settings.volume == load_settings("en", tmp_path / "none.json")[0].volume
    assert len(problems) == 1 and "digits" in problems[0] and "default settings" in problems[0]
    progress, problems = CampaignProgress.load(tmp_path / "campaign_progress.json")
    assert len(problems) == 1 and "digits" in problems[0]
    shot = tmp_path / "shot.png"
    done = game("play", LEVEL, "--at", 1, "--screenshot", shot, env={"SISPAM_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0 and shot.is_file(), done.stderr


def test_a_long_seed_on_the_command_line_is_not_echoed_whole() -> None:
    line = refused(game("run", LEVEL, "--seed", HUGE), "--seed")
    assert "not a number of 5,000 digits" in line
    line = refused(game("run", LEVEL, "--seed", "x" * 5000), "--seed")
    assert "(5,002 characters)" in line


# --- parsing that would hang ---------------------------------------------------------------

def test_a_dotted_key_of_hundreds_of_thousands_of_parts_is_refused_at_once(tmp_path) -> None:
    bad = tmp_path / "dots.toml"
    bad.write_text(LEVEL.read_text() + "\n" + ".".join(["a"] * 600_000) + " = 1\n")
    assert bad.stat().st_size < 2 * 1024 * 1024
    start = time.monotonic()
    line = refused(game("check", bad), "dotted")
    assert time.monotonic() - start < 30
    assert line.startswith(f"{bad}:{len(LEVEL.read_text().splitlines()) + 2}:")


# --- levels that check but cannot be played ------------------------------------------------

@pytest.mark.parametrize("shape", [
    'shape = { kind = "rect", min = [2, 7], max = [2.001, 7.001] }',
    'shape = { kind = "circle", center = [10, 10], radius = 0.01 }',
    'shape = { kind = "polygon", points = [[2, 7], [30, 17], [30.001, 17.0]] }',
], ids=["1-mm-rect", "1-cm-circle", "sliver"])
def test_a_spawn_zone_with_no_room_for_anyone_is_refused(tmp_path, shape) -> None:
    refused(game("check", level_with(tmp_path, SPAWN, shape)), "spawn-west", "no room for anyone")


def test_an_arrival_spread_beyond_any_level_is_refused(tmp_path) -> None:
    text = LEVEL.read_text()
    key = next(line for line in text.splitlines() if line.startswith("arrival_spread_s"))
    refused(game("check", level_with(tmp_path, key, "arrival_spread_s = 1e308")), "arrival_spread_s", "7200")


# --- what is printed -----------------------------------------------------------------------

def test_control_characters_from_a_level_and_its_name_are_escaped(tmp_path) -> None:
    bad = level_with(tmp_path, "seed = 20261201", 'seed = 20261201\n"evil\\u001b[2Jkey\\u0000" = 1',
                     name="lev\x1b[31mel.toml")
    line = refused(game("check", bad), "unknown key")
    assert "\\x1b[2Jkey\\x00" in line and "lev\\x1b[31mel.toml" in line
    seed_line = LEVEL.read_text().splitlines().index("seed = 20261201") + 1
    assert f":{seed_line + 1}:" in line  # the quoted key's own line, not line 1


def test_a_nan_in_a_replays_report_is_not_written_as_nan(tmp_path) -> None:
    replay = tmp_path / "t.sispam-replay.json"
    assert game("run", LEVEL, "--duration", 20, "--replay", replay, timeout=120).returncode == 0
    data = json.loads(replay.read_text())
    data["report"]["metrics"]["max_crowd_pressure"] = float("nan")
    data["report"]["score"]["extra"] = float("inf")
    replay.write_text(json.dumps(data))  # Python writes NaN and Infinity, which JSON has not
    done = game("replay", replay, "--export", timeout=120)
    assert done.returncode == 0, done.stderr

    def strict(constant: str):
        raise AssertionError(f"{constant} in the debrief's JSON")

    debrief = json.loads(next(tmp_path.glob("*.debrief.json")).read_text(), parse_constant=strict)
    assert debrief["report"]["metrics"]["max_crowd_pressure"] is None


# --- temporary files -----------------------------------------------------------------------

def _run_with_trajectories(out: Path) -> subprocess.Popen:
    """A run long enough to be still going when it is signalled: campaign 2 with its plan plays its
    whole 6 minutes (15 s or more)."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.Popen([sys.executable, str(ROOT / "game.py"), "run", str(levels_dir() / "campaign_2_dorong.toml"),
                             "--plan", str(levels_dir() / "plans" / "campaign_2_dorong.toml"),
                             "--trajectories", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_temporary(folder: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not list(folder.glob(f".*{TEMP_SUFFIX}")):
        assert process.poll() is None and time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.01)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_signal_early_in_a_run_ends_it_and_removes_its_temporary_file(tmp_path, signum) -> None:
    """Signalled soon after it starts, while the kernels load and the first steps run. There
    the interrupt used to land in numba's or numpy's code and be lost (the run went on and
    exited 0, about one run in three) or crash the process (exit -11): sispam.interrupt."""
    for k, delay in enumerate((0.35, 0.45, 0.55, 0.65)):
        folder = tmp_path / str(k)
        folder.mkdir()
        running = _run_with_trajectories(folder / "t.csv")
        _wait_for_temporary(folder, running)
        time.sleep(delay)
        running.send_signal(signum)
        _, err = running.communicate(timeout=60)
        assert running.returncode == 130 and "interrupted" in err and "Traceback" not in err, \
            (delay, running.returncode, err[-2000:])
        assert list(folder.iterdir()) == []


def test_kill_9_leaves_a_temporary_file_that_the_next_run_removes(tmp_path) -> None:
    running = _run_with_trajectories(tmp_path / "t.csv")
    _wait_for_temporary(tmp_path, running)
    running.kill()
    running.communicate(timeout=60)
    left = list(tmp_path.glob(f".*{TEMP_SUFFIX}"))
    assert len(left) == 1
    done = game("run", LEVEL, "--duration", 1, "--report", tmp_path / "r.json")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_a_live_writers_temporary_file_is_kept(tmp_path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = tmp_path / f".x.csv.{other.pid}.abcd1234{TEMP_SUFFIX}"
        theirs.write_text("being written")
        with atomic_text(tmp_path / "mine.txt") as out:
            out.write("ok")
        assert theirs.exists() and remove_stale(tmp_path) == []
    finally:
        other.kill()
        other.wait()
    assert remove_stale(tmp_path) == [theirs]


def test_control_characters_in_a_zips_member_names_are_escaped(tmp_path) -> None:
    import zipfile

    archive = tmp_path / "shared.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("lev\x1b[31mel.toml", LEVEL.read_text())
    line = refused(game("unpack", archive, tmp_path / "out"), "shared.zip")
    assert "lev\\x1b[31mel.toml" in line and not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a Linux file system")
def test_a_level_or_replay_whose_file_name_is_not_utf8_runs_and_is_refused_where_its_name_must_be_text(tmp_path) -> None:
    """Python keeps such a name's bytes as surrogates, which UTF-8 cannot write: the report and
    the replay of `run` failed after the whole run, `pack` and `replay --export` with a traceback."""
    from sispam.textsafe import text_path

    level = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/lvl\xff.toml"))
    level.write_bytes(LEVEL.read_bytes())
    report, replay = tmp_path / "r.json", tmp_path / "r.sispam-replay.json"
    done = game("run", str(level), "--duration", "1", "--report", str(report), "--replay", str(replay))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["level_file"] == text_path(level) == f"{tmp_path}/lvl\ufffd.toml"
    refused(game("pack", str(level), str(tmp_path / "p.zip")), "not UTF-8 text")
    odd = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/r\xff.sispam-replay.json"))
    odd.write_bytes(replay.read_bytes())
    refused(game("replay", str(odd), "--export", "--level", str(level)), "not UTF-8 text")
