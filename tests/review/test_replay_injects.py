"""An instructor's injects in an order plan run headless, land in the replay, verify as identical
in another process, and are marked in the debrief; a replay whose injects were tampered with
does not verify; a wrong inject in a plan is named with its line (issue 7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sispam.level import LevelError, load_level, load_plan
from sispam.level.plan import read_plan
from sispam.resources import levels_dir
from sispam.review.debrief import debrief
from sispam.review.replay_file import read_replay
from sispam.sim.injects import InjectKind

ROOT = Path(__file__).resolve().parents[2]
LEVEL = levels_dir() / "campaign_1_hijau.toml"
PLAN = """schema_version = 1
level = "campaign_1_hijau"

[[orders]]
t = 5
unit = "negosiator-1"
order = "appeal"

[[injects]]          # a second crowd comes down the road
t = 12
inject = "crowd_wave"
point = [20, 12]
count = 80

[[injects]]
t = 20
inject = "provocateurs"
point = [25, 12]
count = 2

[[injects]]
t = 25
inject = "rumour"
legitimacy_drop = 0.3

[[injects]]
t = 30
inject = "freeze"
"""


def game(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "game.py"), *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("injects")
    plan = folder / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    replay = folder / "run.sispam-replay.json"
    done = game("run", str(LEVEL), "--plan", str(plan), "--duration", "45", "--replay", str(replay))
    assert done.returncode == 0, done.stderr
    return plan, replay


def test_the_plans_injects_are_in_the_replay_and_it_verifies_in_another_process(recorded) -> None:
    plan, replay = recorded
    scenario = load_level(LEVEL)
    rec, _ = read_replay(replay, scenario)
    assert rec.live_injects
    assert [(i.t, i.kind) for i in rec.injects] == [(i.t, i.kind) for i in read_plan(plan, scenario).injects]
    assert [i.kind for i in rec.injects] == [InjectKind.CROWD_WAVE, InjectKind.PROVOCATEURS, InjectKind.RUMOUR,
                                             InjectKind.FREEZE]
    injected = [e for e in rec.report["timeline"] if e["event"] == "inject"]
    assert [(e["t"], e["inject"]) for e in injected] == [(12.0, "crowd_wave"), (20.0, "provocateurs"),
                                                         (25.0, "rumour"), (30.0, "freeze")]
    moments = [f for f in debrief(rec).moments if f.key == "aar.moment.inject"]
    assert [f.t for f in moments] == [12.0, 20.0, 25.0, 30.0]
    done = game("replay", str(replay), "--verify")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_replay_with_an_inject_taken_out_does_not_verify(recorded, tmp_path) -> None:
    _, replay = recorded
    data = json.loads(replay.read_text(encoding="utf-8"))
    data["plan"]["injects"] = [i for i in data["plan"]["injects"] if i["inject"] != "crowd_wave"]
    tampered = tmp_path / replay.name
    tampered.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / LEVEL.name).write_bytes(LEVEL.read_bytes())
    done = game("replay", str(tampered), "--verify", "--level", str(LEVEL))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "differs from the recording at t = 15.00 s" in done.stdout + done.stderr


def test_a_wrong_inject_is_named_with_its_line(tmp_path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.replace("point = [25, 12]", "point = [70, 50]").replace("legitimacy_drop = 0.3",
                                                                              "legitimacy_drop = 3"), encoding="utf-8")
    with pytest.raises(LevelError) as e:
        read_plan(plan, load_level(LEVEL))
    lines = [str(p) for p in e.value.problems]
    assert lines == [f"{plan}:18: injects[1].point: point [70, 50] is inside solid building 'gedung-kpu'",
                     f"{plan}:24: injects[2].legitimacy_drop: should be less than or equal to 1, got 3"], lines
    done = game("check", str(LEVEL), "--plan", str(plan))
    assert done.returncode == 2 and "injects[1].point" in done.stdout
    # load_plan, for what cannot run injects (a demonstration plan in the game), says so
    plan.write_text(PLAN, encoding="utf-8")
    with pytest.raises(LevelError, match="this plan has injects"):
        load_plan(plan, load_level(LEVEL))
    assert "1 orders, 4 injects" in game("check", str(LEVEL), "--plan", str(plan)).stdout


def test_injects_are_checked_together_the_reserve_shared_and_a_unit_sent_once(tmp_path) -> None:
    level = levels_dir() / "campaign_5_anarki.toml"
    plan = tmp_path / "plan.toml"
    plan.write_text("""schema_version = 1
[[injects]]
t = 10
inject = "crowd_wave"
point = [20, 12]
count = 200
[[injects]]
t = 20
inject = "crowd_wave"
point = [20, 12]
count = 150
[[injects]]
t = 5
inject = "reinforcements"
unit = "brimob-phh-1"
[[injects]]
t = 30
inject = "reinforcements"
unit = "brimob-phh-1"
""", encoding="utf-8")
    with pytest.raises(LevelError) as e:
        read_plan(plan, load_level(level))
    assert [str(p) for p in e.value.problems] == [
        f"{plan}:11: injects[1].count: only 100 people are left in reserve for a crowd_wave",
        f"{plan}:19: injects[3].unit: unit 'brimob-phh-1' has already been sent"]
    done = game("run", str(level), "--plan", str(plan), "--duration", "5")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "injects[1].count" in done.stderr
