"""The frame benchmark times what it says: the play view of the KPU level with its crowd scaled,
against one bare fblits of as many sprites."""

import pytest

from sispam.sim.params import DT_S
from sispam.ui.frame_bench import main, measure_frames


def test_the_frame_benchmark_times_simulation_rendering_ui_and_the_floor():
    r = measure_frames(300, window=(640, 360), at_s=30.0, frames=3)
    assert r["people"] == 300 and r["shown"] > 50  # the first of the crowd and the line are on screen
    assert r["render_ms"] > 0 and r["ui_ms"] > 0 and r["floor_ms"] > 0
    assert abs(r["sim_ms"] - r["step_ms"] / (60.0 * DT_S)) < 1e-12  # a step every third frame at 60 fps


def test_the_frame_benchmark_refuses_a_bad_window(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--window", "big"])
    assert stop.value.code == 2 and "1280x720" in capsys.readouterr().err
