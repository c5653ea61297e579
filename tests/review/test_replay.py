"""Replays: a run recorded as it was played comes out the same when simulated again, a take-over
starts from exactly the recorded moment, and a replay that is damaged, foreign, newer or whose
level has changed is refused with a message naming the problem."""

from __future__ import annotations

import base64
import dataclasses
import json
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from sispam.atomic import OutputError
from sispam.level import LevelError, load_level
from sispam.resources import levels_dir
from sispam.review.recording import CHECKPOINT_S, Recorder, Recording
from sispam.review.replay_file import level_for, read_replay, write_replay
from sispam.review.resimulate import Diverged, new_world, run_to, verify, world_at
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.runner import Runner
from sispam.sim.state_hash import state_hash
from sispam.sim.world import World

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = levels_dir() / "campaign_1_hijau.toml"
PLAYED_S = 80.0


def played(level: Path = TUTORIAL, until_s: float = PLAYED_S) -> tuple[World, Recording]:
    """The tutorial played as a trainee plays it: the clock runs by frames of wall time, orders
    are given between frames at whatever moment the trainee acts, some while paused."""
    world = World(load_level(level))
    runner = Runner(world)
    recorder = Recorder(world, level)
    runner.on_step = recorder.after_step
    frame = 0
    while world.t < until_s - 1e-9:
        frame += 1
        if frame == 7:
            runner.give(Order(0, "dalmas-awal-1", OrderKind.FORM, point=(85.0, 24.5), facing_deg=-90.0, width_m=12.0))
        if frame == 400:
            runner.paused = True
            runner.give(Order(0, "negosiator-1", OrderKind.APPEAL))
        if frame == 430:
            runner.paused = False
        if frame == 1000:
            runner.give(Order(0, "negosiator-1", OrderKind.NEGOTIATE, duration_s=120.0))
        runner.set_speed(4 if 500 < frame < 900 else 1)
        runner.advance(1 / 60 + (frame % 5) * 0.003)  # uneven frames, as a real machine gives
    return world, recorder.finish(world)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[World, Recording, Path]:
    world, rec = played()
    path = tmp_path_factory.mktemp("replays") / "tutorial.sispam-replay.json"
    write_replay(rec, path)
    return world, rec, path


def test_a_played_run_simulates_again_to_the_same_state(recorded) -> None:
    world, rec, path = recorded
    assert [o.kind for o in rec.orders] == [OrderKind.FORM, OrderKind.APPEAL, OrderKind.NEGOTIATE]
    assert len(rec.checkpoints) == round(rec.end_t / CHECKPOINT_S) + 1
    back, _ = read_replay(path, load_level(TUTORIAL))
    assert back.orders == rec.orders and back.checkpoints == rec.checkpoints and back.end_step == world.step_count
    again = verify(back, load_level(TUTORIAL))
    assert state_hash(again) == state_hash(world)


def test_a_replay_with_another_seed_is_found_to_differ_and_when(recorded) -> None:
    _, rec, _ = recorded
    with pytest.raises(Diverged) as found:
        verify(replace(rec, seed=rec.seed + 1), load_level(TUTORIAL))
    assert found.value.step == 0  # the crowd is drawn from the seed at the start


def test_a_changed_order_is_found_at_the_first_checkpoint_after_it(recorded) -> None:
    _, rec, _ = recorded
    form = rec.orders[0]
    moved = replace(form, point=(85.0, 30.0))
    with pytest.raises(Diverged) as found:
        verify(replace(rec, orders=[moved, *rec.orders[1:]]), load_level(TUTORIAL))
    assert form.t < found.value.t <= form.t + form.spec.delay_s + CHECKPOINT_S + 1e-9


def test_taking_over_starts_from_exactly_the_recorded_moment_and_then_goes_its_own_way(recorded) -> None:
    _, rec, _ = recorded
    scenario = load_level(TUTORIAL)
    step, recorded_hash = rec.checkpoints[9]  # 45 s: after the appeal, before the negotiation
    branch = world_at(rec, scenario, step)
    assert branch.step_count == step and state_hash(branch) == recorded_hash
    assert [i.order.kind for i in branch.command.log] == [OrderKind.FORM, OrderKind.APPEAL]
    # The trainee plays on with another order: the branch is recorded as one, and differs.
    recorder = Recorder(branch, TUTORIAL, branch_of={"replay": "tutorial.sispam-replay.json", "at_t": branch.t},
                        history=rec)
    Runner(branch).give(Order(0, "dalmas-awal-1", OrderKind.FALL_BACK, distance_m=8.0))
    while branch.t < 60.0 - 1e-9:
        branch.step()
        recorder.after_step(branch)
    fork = recorder.finish(branch)
    assert fork.branch_of == {"replay": "tutorial.sispam-replay.json", "at_t": step * rec.dt}
    assert fork.checkpoints[:10] == rec.checkpoints[:10]  # the shared past, kept
    assert fork.checkpoints[12][1] != dict(rec.checkpoints)[fork.checkpoints[12][0]]
    assert state_hash(verify(fork, scenario)) == state_hash(branch)  # and it verifies on its own


def _cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "game.py"), *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_game_py_verifies_a_replay_in_another_process(recorded) -> None:
    _, _, path = recorded
    done = _cli("replay", path, "--verify")
    assert done.returncode == 0, done.stderr
    assert "identical" in done.stdout and "Traceback" not in done.stderr


def test_a_replay_whose_level_has_changed_is_refused(recorded, tmp_path) -> None:
    _, rec, path = recorded
    level = tmp_path / TUTORIAL.name
    level.write_bytes(TUTORIAL.read_bytes() + b"\n# one more comment\n")
    with pytest.raises(LevelError, match="not the one this replay was recorded with: it has changed since"):
        level_for(rec, path, level)
    done = _cli("replay", path, "--verify", "--level", level)
    assert done.returncode == 2 and "has changed" in done.stderr and "Traceback" not in done.stderr


def _damaged(path: Path, tmp_path: Path, change) -> Path:
    data = json.loads(path.read_text())
    text = change(data)
    out = tmp_path / "damaged.sispam-replay.json"
    out.write_text(text if isinstance(text, str) else json.dumps(data, indent=1))
    return out


BOMB = base64.b64encode(zlib.compress(b"\0" * 50_000_000)).decode()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: json.dumps(d)[: len(json.dumps(d)) // 2], "truncated"),
    (lambda d: json.dumps({"orders": []}), "not a Sispam replay"),
    (lambda d: "\x00\x01binary", "not a Sispam replay"),
    (lambda d: d.update(version=9), "newer Sispam"),
    (lambda d: d["peaks"].update(density_ppm2="@@not base64@@"), "grid is damaged"),
    (lambda d: d["peaks"].update(pressure=BOMB), "not the"),
    (lambda d: d["checkpoints"][3].__setitem__(1, "xyz"), "checkpoints[3][1]"),
    (lambda d: d["plan"]["orders"][0].update(unit="nobody"), "plan.orders[0].unit"),
    (lambda d: d["samples"]["aktif"].pop(), "sample times"),
    (lambda d: d.pop("seed"), "seed"),
    (lambda d: d["trainee"].__setitem__("name", "\ud800"), "lone UTF-16 surrogate"),  # json writes "\\ud800"
], ids=["truncated", "foreign", "binary", "newer", "bad-grid", "zip-bomb", "bad-hash", "bad-order", "short-samples",
        "no-seed", "lone-surrogate"])
def test_a_damaged_or_foreign_replay_is_refused_with_its_problem(recorded, tmp_path, change, message) -> None:
    _, _, path = recorded
    bad = _damaged(path, tmp_path, change)
    with pytest.raises(LevelError) as refused:
        read_replay(bad, load_level(TUTORIAL))
    assert message in str(refused.value)
    if message in ("truncated", "not the"):  # and from the command line, one line and exit 2 (two cases suffice)
        done = _cli("replay", bad, "--verify", "--level", TUTORIAL)
        assert done.returncode == 2 and "Traceback" not in done.stderr and message in done.stderr


def test_a_tampered_checkpoint_makes_verify_exit_1_with_the_moment(recorded, tmp_path) -> None:
    _, rec, path = recorded
    bad = _damaged(path, tmp_path, lambda d: d["checkpoints"][6].__setitem__(1, "0" * 64))
    done = _cli("replay", bad, "--verify", "--level", TUTORIAL)
    assert done.returncode == 1, done.stderr
    assert f"t = {rec.checkpoints[6][0] * rec.dt:.2f} s" in done.stderr


def test_a_replay_whose_report_was_edited_does_not_verify(recorded) -> None:
    """The run re-simulates to every checkpoint, but the report says won with 100 (an edited
    file verified as "identical" and went into the training records as it said)."""
    from sispam.review.resimulate import ReportDiffers

    _, rec, _ = recorded
    assert verify(rec, load_level(TUTORIAL))  # as written: identical
    report = json.loads(json.dumps(rec.report))
    edited = (rec.report["score"]["total"] + 7) % 101
    report["score"]["total"], report["outcome"] = edited, "won" if rec.report["outcome"] != "won" else "lost"
    with pytest.raises(ReportDiffers) as differs:
        verify(dataclasses.replace(rec, report=report), load_level(TUTORIAL))
    assert f"score {edited} recorded, {rec.report['score']['total']} re-simulated" in str(differs.value)
    assert "outcome" in str(differs.value)


def test_an_interrupted_write_leaves_the_earlier_replay_whole(recorded, tmp_path, monkeypatch) -> None:
    _, rec, path = recorded
    target = tmp_path / "kept.sispam-replay.json"
    write_replay(rec, target)
    before = target.read_bytes()

    def broken(data, out, **kwargs):
        out.write('{"format": "sispam-replay", "ver')
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", broken)
    with pytest.raises(OutputError, match="disk full"):
        write_replay(rec, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_withdrawing_the_orders_to_come_is_the_same_as_taking_over(recorded) -> None:
    """The replay viewer takes over from the world it shows (all recorded orders queued) by
    withdrawing those still to come: that world and `world_at`'s are one and go on as one."""
    _, rec, _ = recorded
    scenario = load_level(TUTORIAL)
    step = rec.checkpoints[9][0]
    shown = new_world(rec, scenario)
    run_to(shown, rec, step)
    assert shown.command.withdraw_pending() == 1  # the negotiation, recorded for later
    taken = world_at(rec, scenario, step)
    for world in (shown, taken):
        Runner(world).give(Order(0, "dalmas-awal-1", OrderKind.FALL_BACK, distance_m=8.0))
        world.run_until(step * rec.dt + 20.0)
    assert state_hash(shown) == state_hash(taken)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["report"]["timeline"].append({"event": "first_breach"}), "report.timeline"),
    (lambda d: d["report"].update(outcome="draw"), "report.outcome"),
    (lambda d: d["samples"]["t"].__setitem__(2, float("nan")), "samples.t"),
    (lambda d: d.update(dt=0.1), "steps by 0.1 s"),
    (lambda d: d["report"]["force_ladder"]["audit"].append({"t": 1.0, "order": "fly"}), "report.force_ladder"),
], ids=["event-without-time", "unknown-outcome", "nan-sample", "other-step", "unknown-order"])
def test_a_replay_whose_report_the_debrief_cannot_read_is_refused(recorded, tmp_path, change, message) -> None:
    _, _, path = recorded
    with pytest.raises(LevelError, match=message.replace(".", r"\.")):
        read_replay(_damaged(path, tmp_path, change))


def test_a_demonstration_plan_and_the_players_orders_stay_in_time_order_and_replay_the_same() -> None:
    """Plan orders are issued as their time comes, so the log is in time order even when the
    trainee gives orders of his own meanwhile: the replay comes out the same, and takes over."""
    scenario = load_level(TUTORIAL)
    world = World(scenario)
    runner = Runner(world)
    recorder = Recorder(world, TUTORIAL)
    runner.on_step = recorder.after_step
    runner.schedule([Order(30.0, "negosiator-1", OrderKind.APPEAL), Order(1.02, "dalmas-awal-1", OrderKind.FORM,
                                                                          point=(85.0, 24.5), facing_deg=-90.0)])
    runner.give(Order(0, "dalmas-awal-1", OrderKind.BRACE))  # the trainee, before the plan's first order
    while world.t < 40.0 - 1e-9:
        runner.advance(0.1)
        if abs(world.t - 20.0) < 0.06:
            runner.give(Order(0, "negosiator-1", OrderKind.NEGOTIATE))
    times = [issued.order.t for issued in world.command.log]
    assert times == sorted(times) and len(times) == 4
    rec = recorder.finish(world)
    assert state_hash(verify(rec, scenario)) == state_hash(world)
    shown = new_world(rec, scenario)
    run_to(shown, rec, rec.checkpoints[3][0])  # 15 s: the appeal is still to come
    assert shown.command.withdraw_pending() == 2
