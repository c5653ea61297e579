"""The validation battery (`python -m sispam.validate`, `game.py validate`): its measurements, its
plots, its report files, its level files and its command line, on a few short cases.

The last tests run short versions of the battery's cases on the crowd model itself: the suite's
check that the physics still meets the published figures (the full battery is
`python game.py validate`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from sispam.level import load_level
from sispam.validate import measure, runs
from sispam.validate.checks import judge_bottleneck, judge_counterflow, judge_push, judge_rimea
from sispam.validate.command import run
from sispam.validate.levelfile import level_toml
from sispam.validate.options import TESTS
from sispam.validate.suite import plan, run_case, scenarios_of
from sispam.validate.svg import Series, plot

ROOT = Path(__file__).resolve().parent.parent


def args(tmp_path: Path, *, only: tuple[str, ...], jobs: int = 1, levels: bool = False) -> argparse.Namespace:
    return argparse.Namespace(out=tmp_path / "out", quick=True, seeds=(1,), only=only,
                              levels=tmp_path / "levels" if levels else None, jobs=jobs)


# --- measurements -------------------------------------------------------------------------------

def test_weidmann_speed_is_free_speed_at_low_density_and_zero_at_jam_density():
    assert measure.weidmann_speed(0.0) == 1.34
    assert measure.weidmann_speed(1.0) == pytest.approx(1.34 * (1 - np.exp(-1.913 * (1 - 1 / 5.4))))
    assert measure.weidmann_speed(5.4) == 0.0
    assert measure.weidmann_speed(6.0) == 0.0


def test_flow_is_counted_between_the_10th_and_90th_percent_passed():
    times = [float(i) for i in range(100)]  # one a second
    assert measure.flow_10_90(times, 100) == pytest.approx(1.0)
    assert measure.flow_10_90(times[:80], 100) is None  # fewer than 90 % got through


def test_the_longest_gap_counts_the_wait_after_the_last_passage_when_people_remain():
    assert measure.longest_wait_gap([1.0, 2.0, 10.0], 3, 120.0) == 8.0
    assert measure.longest_wait_gap([1.0, 2.0, 10.0], 4, 120.0) == 110.0
    assert measure.longest_wait_gap([], 4, 120.0) == 120.0


def test_lane_order_is_one_for_lanes_and_low_for_mixed_directions():
    x = np.arange(20, dtype=float) * 0.5
    lanes = np.vstack([np.column_stack((x, np.full(20, 1.0))), np.column_stack((x, np.full(20, 2.0)))])
    direction = np.repeat([1.0, -1.0], 20)
    assert measure.lane_order(lanes, direction) == 1.0
    mixed = np.tile([1.0, -1.0], 20)
    assert measure.lane_order(lanes, mixed) < 0.1


def test_a_linear_fit_recovers_a_line():
    a, c, r2 = measure.linear_fit([1, 2, 3], [2.5, 4.5, 6.5])
    assert (a, c, r2) == pytest.approx((2.0, 0.5, 1.0))


def test_plots_are_well_formed_svg_on_linear_and_log_axes():
    for log in (False, True):
        svg = plot([Series("a", [0.1, 1, 10], [1, 0.1, 0.01]), Series("b", [1, 2], [0.5, 0.2], "points")],
                   title="t <&>", x_label="x", y_label="y", log_x=log, log_y=log)
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert len(root.findall(".//{http://www.w3.org/2000/svg}text")) >= 4


# --- behaviour that any reasonable crowd model shows ---------------------------------------------

def test_a_20_plus_20_counterflow_gets_everyone_through():
    result = runs.counterflow(20, 1, 90.0)
    assert result["all_passed"]
    assert result["lanes"]["phi"], "the lane order was measured while both groups were in the corridor"
    # The report says who took longer than twice his own free time (their free speeds) and how
    # long the slowest crossing took against the crowd's mean free walking time.
    row = next(c for c in judge_counterflow({"counterflow/20/seed1": result}).checks if c.what.startswith("20+20: who"))
    over = result["over_2x_free_speeds_mps"]
    assert bool(over) == (result["ratio_max"] > 2.0) and row.passed is None
    assert f"slowest crossing {result['took_max_s']:.1f} s = {result['took_max_s'] / result['crowd_free_s']:.2f}×" in row.measured
    assert result["crowd_free_s"] == pytest.approx(30.0 / result["free_speed_mean_mps"])
    # And where the time goes: the middle 20 m alone, against each one's free time over them
    # (nobody much faster than his free speed; 20 + 20 pass each other with little delay).
    row = next(c for c in judge_counterflow({"counterflow/20/seed1": result}).checks
               if c.what == "20+20: where the time goes")
    assert f"the worst is {result['mid_ratio_max']:.2f}×" in row.measured and row.passed is None
    assert 0.9 <= result["mid_ratio_mean"] <= 1.3 and result["mid_ratio_mean"] <= result["mid_ratio_max"]
    assert ("merging at the mouth" in row.measured) == bool(over)
    # Weidmann's relation at the corridor's density: at 20 + 20 it holds nobody to half his free
    # speed, and a run that left people in the corridor fails the comparison whatever its count.
    rows = {c.what: c for c in judge_counterflow({"counterflow/20/seed1": result}).checks}
    row = rows["20+20: no more over 2× their free time than Weidmann's relation puts there"]
    assert result["weidmann_over_2x"] == 0 and row.passed is (len(over) == 0)
    stuck = dict(result, passed=result["people"] - 1, all_passed=False)
    row = next(c for c in judge_counterflow({"counterflow/20/seed1": stuck}).checks if "Weidmann's relation puts" in c.what)
    assert row.passed is False and "1 not through" in row.measured


def test_the_bottleneck_judge_fits_flow_against_width_and_marks_failures():
    def room(width: float, flow: float, people: int = 100) -> dict:
        return {"width_m": width, "people": people, "ran_s": 120.0, "injuries": [],
                "passed_s": [i / flow for i in range(people)]}

    results = {f"bottleneck/{w:g}m/a0/seed1": room(w, 1.6 * w) for w in (1.0, 2.0, 3.0)}
    results["bottleneck/1m/a0.7/seed1"] = room(1.0, 1.0)  # slower than calm: fails
    section = judge_bottleneck(results)
    checks = {c.what: c for c in section.checks}
    assert checks["specific flow J/b, agitation 0"].passed
    assert checks["J linear in b, agitation 0"].passed
    assert checks["agitation 0.7 flows at least as fast as calm"].passed is False
    assert checks["everyone out (within 240 s)"].passed


def test_the_push_judge_times_and_places_the_injuries_of_every_seed():
    def push(when: list[float], far_m: float, width_m: float = 14.0, agitation: float = 1.0) -> dict:
        return {"people": 300, "fence": True, "width_m": width_m, "agitation": agitation, "beyond_max": 0,
                "breaches": 0, "officers_down": 0, "series": {"t": [0.0, 120.0], "injured": [0, len(when)]},
                "injuries": [{"t": t, "barrier_m": far_m} for t in when]}

    results = {"push/fence/seed0": push([45.0, 90.0], 0.3), "push/fence/seed1": push([20.0], 2.0),
               "push/fence-8m/seed0": push([31.0], 1.2, width_m=8.0),
               "push/fence-8m-a0.7/seed0": push([], 0.0, width_m=8.0, agitation=0.7)}
    section = judge_push(results)
    timing = [c for c in section.checks if c.what == "fence: none injured in the first 30 s"]
    assert [(c.measured, c.passed) for c in timing] == [("first at 45.0 s", True), ("first at 20.0 s", False)]
    near = [c.passed for c in section.checks if c.what == "fence: injuries only at the barrier"]
    assert near == [True, False]
    deep = [c.measured for c in section.checks if c.passed is None]  # the 8 m street: reported, not judged
    assert any("first at 31.0 s" in m for m in deep) and any("0.0% injured" in m for m in deep)
    svg = section.plots[0][1]
    assert svg.count(">fence, 14 m street</text>") == 1  # one legend line for the case, whatever the seeds


def test_rimea_4_judges_the_mean_curve_over_seeds_not_their_scatter():
    def fd(points: dict[str, list[tuple[float, float]]]) -> dict:
        return {f"fd/{case}/seed{s}": {"density_ppm2": rho, "speed_mps": v}
                for case, runs_ in points.items() for s, (rho, v) in enumerate(runs_)}

    def falls(results: dict) -> bool | None:
        return next(c for c in judge_rimea(results).checks if c.what.startswith("4:")).passed

    # Seed 1 at 1.5 /m² ran sparser and faster than seed 0 at 1 /m²: pooled, the points rise;
    # each density's mean over the seeds falls.
    scatter = {"1": [(1.0, 1.10), (1.2, 1.00)], "1.5": [(1.3, 0.98), (1.1, 1.16)], "2": [(2.0, 0.85), (2.1, 0.80)]}
    assert falls(fd(scatter)) is True
    rising = {"1": [(1.0, 1.10), (1.0, 1.10)], "1.5": [(1.5, 1.20), (1.5, 1.20)], "2": [(2.0, 0.85), (2.0, 0.85)]}
    assert falls(fd(rising)) is False


def test_rimea_7_judges_the_walked_speeds_against_those_drawn_and_reports_the_draw():
    def judged(walked: np.ndarray, given: np.ndarray) -> tuple[bool | None, str]:
        checks = judge_rimea({"rimea7/seed1": runs.walking_speeds(walked, given)}).checks
        return next(c.passed for c in checks if c.what.startswith("7: walking")), \
            next(c.measured for c in checks if c.what.startswith("7: the speeds drawn"))

    # An unlucky draw of 50 (its mean 0.1 m/s low: a KS test against 1.34 ± 0.26 rejects it),
    # walked faithfully: the simulation passes, and the report shows the draw's p-value.
    given = np.random.default_rng(1).normal(1.24, 0.26, 50)
    assert runs.walking_speeds(given, given)["ks_drawn_p"] < 0.05
    passed, drawn = judged(given * 0.99, given)
    assert passed is True and drawn.startswith("KS p = 0.0")
    # Everyone walking 10 % slower than given fails, however good the draw.
    given = np.random.default_rng(2).normal(1.34, 0.26, 50)
    assert judged(given * 0.9, given)[0] is False


# --- the battery's own machinery ----------------------------------------------------------------

def test_results_do_not_depend_on_the_number_of_worker_processes(tmp_path):
    one = run(args(tmp_path / "one", only=("rimea",), jobs=1), "test")
    two = run(args(tmp_path / "two", only=("rimea",), jobs=2), "test")
    assert one == two
    a = json.loads((tmp_path / "one" / "out" / "results.json").read_text())
    b = json.loads((tmp_path / "two" / "out" / "results.json").read_text())
    assert a == b


def test_the_report_has_a_summary_row_per_check_and_a_plot_per_test(tmp_path, capsys):
    code = run(args(tmp_path, only=("rimea",), levels=True), "test")
    out = tmp_path / "out"
    md = (out / "report.md").read_text()
    html = (out / "report.html").read_text()
    printed = capsys.readouterr().out
    summary = [line for line in md.split("## Summary", 1)[1].split("\n## ", 1)[0].splitlines()
               if line.startswith("| RiMEA |")]
    # Tests 1, 6, 7 (and the draw it was given, an info row), 8 (one speed when quick) and 12 (and
    # what its corridor delivers against what its second door passes, an info row); 4 needs the
    # fundamental diagram.
    assert len(summary) == 7
    failed = sum(line.rstrip(" |").endswith("FAIL") for line in summary)
    assert code == (1 if failed else 0)
    assert f"{failed} of 7 checks failed" in printed
    results = json.loads((out / "results.json").read_text())
    twelve = results["rimea12/seed1"]
    flows = next(line for line in summary if "what the corridor delivers" in line)
    assert f"corridor {twelve['corridor_flow_pps']:.2f} /s, door {twelve['door_flow_pps']:.2f} /s" in flows
    # Everyone passes both lines, each at a 1 m opening's calm flow.
    assert 0.8 <= twelve["door_flow_pps"] <= 2.0 and 0.8 <= twelve["corridor_flow_pps"] <= 2.0
    assert html.count("<svg") >= 2 and "<table>" in html
    for name in ("rimea7-seed1.svg", "rimea12-seed1.svg"):
        assert f"plots/{name}" in md
        ET.fromstring((out / "plots" / name).read_text())
    assert not list(out.glob(".*.tmp"))  # atomic writes leave nothing behind


def test_every_case_written_with_levels_loads_back_as_the_same_scenario(tmp_path):
    for case in plan(TESTS, quick=True, seeds=(4,)):
        for scenario in scenarios_of(case):
            path = tmp_path / f"{scenario.id}.toml"
            path.write_text(level_toml(scenario))
            assert load_level(path) == scenario, case.key


class _Built(Exception):
    pass


def test_every_case_writes_the_level_it_runs(monkeypatch):
    # `--levels` writes `scenarios_of(case)`; the run builds its own: they must be the same
    # scenario, every argument passed on (the full plan, which has cases the quick one lacks).
    built = []

    def capture(scenario, *args, **kwargs):
        built.append(scenario)
        raise _Built

    monkeypatch.setattr(runs, "World", capture)
    for case in plan(TESTS, quick=False, seeds=(0,)):
        built.clear()
        with pytest.raises(_Built):
            run_case(case)
        assert scenarios_of(case) == built, case.key


def test_a_case_is_the_same_run_in_any_process():
    case = next(c for c in plan(("rimea",), quick=True, seeds=(2,)) if c.run == "rimea6")
    assert run_case(case) == run_case(case)


@pytest.mark.parametrize(("argv", "needle"), [
    pytest.param(["game.py", "validate", "--only", "nope"], "unknown test nope", id="unknown-test"),
    pytest.param(["game.py", "validate", "--seeds", "1,x"], "seeds must be whole numbers", id="bad-seed"),
    pytest.param(["-m", "sispam.validate", "--jobs", "0"], "jobs must be between 1 and 64", id="no-jobs"),
    pytest.param(["-m", "sispam.validate", "--quick", "--only", "rimea", "--out", "/dev/null/x"], "--out",
                 id="unwritable-out"),
])
def test_a_bad_argument_is_one_line_and_exit_2(argv, needle):
    command = [sys.executable, str(ROOT / argv[0]), *argv[1:]] if argv[0] == "game.py" else [sys.executable, *argv]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr


# --- figures the crowd model is being fixed to meet (issue 17) --------------------------------------

def test_calm_specific_flow_through_a_1_m_opening_lies_in_1_4_to_2_0():
    result = runs.bottleneck(1.0, 0.0, 150, 1)
    flow = measure.flow_10_90(result["passed_s"], result["people"])
    assert flow is not None and 1.4 <= flow <= 2.0


def test_a_calm_queue_stays_below_the_crowd_turbulence_pressure_over_the_whole_run():
    # The run's highest value anywhere, as its report gives it: the arrival at the queue included.
    result = runs.queue(0.0, 300, 1, 60.0)
    assert result["run_pressure_max"] < 0.02
    # Not only because nobody in it is pressed: read everywhere near the exit, it stays below too.
    assert result["unpressed_pressure_max"] < 0.02


def test_a_crowd_pushing_into_a_door_rises_above_the_crowd_turbulence_pressure():
    result = runs.bottleneck(1.0, 0.7, 150, 1)
    assert result["run_pressure_max"] > 0.02 and result["unpressed_pressure_max"] > 0.02


@pytest.mark.parametrize(("fence", "width_m"), [(True, 14.0), (False, 14.0), (True, 8.0)],
                         ids=["fence", "line", "fence-across-a-narrow-street"])
def test_a_crowd_pushing_on_a_barrier_injures_few_and_only_at_it(fence, width_m):
    # Across 8 m the same 300 stand about 1.8 times as deep and press the front rows harder:
    # 7-20 injured on seeds 0-7, all within 1.6 m of the fence (docs/levels.md), while the
    # crowd's body behind them, pressed with about 1 kN, stays unhurt.
    near_m = 1.5 if width_m >= 14.0 else 1.6
    result = runs.push(300, 1, fence, 120.0, width_m)
    assert len(result["injuries"]) < 30
    assert all(i["barrier_m"] <= near_m and i["t"] >= 30 for i in result["injuries"])
    assert result["beyond_max"] == 0 and result["breaches"] == 0


def test_150_plus_150_in_counterflow_all_get_through_in_well_under_twice_their_free_time_on_average():
    result = runs.counterflow(150, 1, 180.0)
    assert result["all_passed"]
    # Before the far look and the step aside (keep_side.py) the mean was 2.3x: each crowd filled
    # its end of the corridor and left the other a single file.
    assert result["ratio_mean"] <= 1.7
    # Those over twice their free time are told apart by where they lost it: merging at the mouth.
    share = result["over_2x_mouth_share"]
    assert (share is None) == (not result["over_2x_free_speeds_mps"])
    assert share is None or 0.0 < share < 1.0
    # Held to their lane's speed, the fastest are over 2x, as Weidmann's relation at the density
    # the corridor holds puts them (everyone free faster than twice its speed there), and no more.
    assert 0 < result["weidmann_over_2x"] and len(result["over_2x_free_speeds_mps"]) <= result["weidmann_over_2x"]


@pytest.mark.parametrize("agitation", [0.4, 0.7])
def test_a_motivated_crowd_never_clogs_a_narrow_door_and_passes_it_faster_than_a_calm_one(agitation):
    calm, pushing = runs.bottleneck(0.8, 0.0, 150, 1), runs.bottleneck(0.8, agitation, 150, 1)
    assert len(pushing["passed_s"]) == pushing["people"]  # everyone out
    assert measure.longest_wait_gap(pushing["passed_s"], pushing["people"], pushing["ran_s"]) < 15.0
    assert measure.flow_10_90(pushing["passed_s"], 150) >= measure.flow_10_90(calm["passed_s"], 150)
    assert len(pushing["injuries"]) <= 3


def test_in_counterflow_lanes_form_and_60_plus_60_all_pass():
    result = runs.counterflow(60, 1, 180.0)
    assert result["all_passed"]
    assert result["ratio_mean"] <= 1.5  # the slowest walker's bound is the slow test below
    lanes = result["lanes"]
    assert np.mean(lanes["phi"]) >= np.mean(lanes["phi_shuffled"]) + 0.2
    # Keeping to lanes, two streams cross the corridor per person as fast as one of them alone
    # crosses the half it keeps (the control, with the same free speeds): the other stream costs
    # them nothing beyond the width it takes.
    control = runs.counterflow(60, 1, 180.0, width_m=2.0, one_way=True)
    assert control["one_way"] and control["people"] == 60 and control["all_passed"]
    assert result["ratio_mean"] <= control["ratio_mean"] + 0.05
    assert not control["lanes"]["phi"] and control["corridor_density_ppm2"] > 0.5  # one stream: no lanes to order
    row = next(c for c in judge_counterflow({"counterflow/60/seed1": result, "counterflow-oneway/60/seed1": control}).checks
               if c.what == "60+60: against one stream alone in half the width")
    assert row.passed is None and f"60 one way through 2 m worst {control['ratio_max']:.2f}×" in row.measured
    # The fastest fifth of the same people (the eastbound group, the same free speeds) in both.
    assert [f[0] for f in result["fifths"]] == pytest.approx([f[0] for f in control["fifths"]])
    (v0, n, v), (_, n_control, v_control) = result["fifths"][-1], control["fifths"][-1]
    assert n == n_control == 12  # all of them crossed
    assert (f"(free {v0:.2f} m/s) crosses at {v:.2f} m/s two-way ({n} of them), {v_control:.2f} one way "
            f"({n_control})") in row.measured


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_in_counterflow_60_plus_60_pass_within_twice_their_free_time(seed):
    # The fastest walkers step aside and pass the slower men of their lane (params at
    # OVERTAKE_SHARE): held to their pace, seed 1's fastest took 2.11x his free time. Seed 0's
    # slowest took 2.17x while people kept their side into the wall beside the corridor's mouth
    # (params at LANE_WALL_LOOK_M); now 1.88x. (Issue 17 is open: on one of seeds 8-15 2.05x.)
    assert runs.counterflow(60, seed, 180.0)["ratio_max"] <= 2.0
