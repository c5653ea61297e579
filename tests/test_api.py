"""The researcher's API (docs/api.md): `import sispam` is cheap and has no pygame; a level loads
with the loader's errors; the world steps, shows its people through read-only arrays and takes
orders the way an order plan gives them; the example script runs and draws its density map."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from scenarios import push_against_line

import sispam
from sispam.resources import levels_dir
from sispam.sim.world import World as SimWorld

ROOT = Path(__file__).resolve().parent.parent
LEVEL = levels_dir() / "kpu_sispamkota.toml"
EXAMPLE = ROOT / "docs" / "examples" / "run_and_plot.py"


def test_import_sispam_loads_neither_the_simulation_nor_pygame():
    code = ("import sys, sispam\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'pymunk', 'numba', 'pygame')"
            " or m.startswith('sispam.'))\n"
            "assert not heavy, heavy\n"
            "sispam.World, sispam.load_level, sispam.Order\n"
            "assert not [m for m in sys.modules if m.startswith(('pygame', 'sispam.ui', 'sispam.cli'))]\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_api_is_the_simulation_and_level_packages_own():
    assert sispam.World is SimWorld
    assert set(sispam.__all__) >= {"load_level", "World", "Order", "OrderKind", "BodyState", "LevelError"}
    assert "World" in dir(sispam)
    with pytest.raises(AttributeError):
        _ = sispam.no_such_name


def test_a_bad_level_raises_the_loaders_error_with_its_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(LEVEL.read_text().replace("count = 400", "count = -4"))
    with pytest.raises(sispam.LevelError) as caught:
        sispam.load_level(bad)
    assert any(p.where == "crowd[0].count" and p.line > 0 for p in caught.value.problems)


def test_the_peoples_arrays_are_read_only_views_that_follow_the_world():
    world = sispam.World(push_against_line(people=30, agitation=0.0), seed=2)
    positions, velocities, states = world.positions, world.velocities, world.states
    n = world.bodies.n
    assert positions.shape == (n, 2) and velocities.shape == (n, 2) and states.shape == (n,)
    assert (world.kinds == sispam.BodyKind.OFFICER).sum() == n - world.bodies.n_crowd
    with pytest.raises(ValueError):
        positions[0, 0] = 1.0
    with pytest.raises(ValueError):
        states[0] = sispam.BodyState.EXITED
    before = positions.copy()
    world.run_until(2.0)
    assert world.t == pytest.approx(2.0)
    assert not np.array_equal(before, positions)  # the view shows the world as it is now
    assert ((states == sispam.BodyState.ACTIVE).sum()) > 0 and world.bodies.pos.flags.writeable


def test_give_takes_an_order_as_a_plan_gives_it_and_refuses_a_bad_one():
    scenario = push_against_line(people=30, agitation=0.0)
    order = sispam.Order(t=1.0, unit="line", kind=sispam.OrderKind.DESAK, distance_m=3.0)
    given = sispam.World(scenario)
    issued = given.give(order)
    planned = sispam.World(scenario)
    planned.command.issue(order)  # what game.py run --plan does with each order
    given.run_until(4.0)
    planned.run_until(4.0)
    assert issued.status in ("active", "done") and given.command.log == [issued]
    assert np.array_equal(given.positions, planned.positions)
    with pytest.raises(sispam.OrderRefused, match="no unit 'nobody'"):
        given.give(sispam.Order(t=given.t, unit="nobody", kind=sispam.OrderKind.HOLD))
    with pytest.raises(sispam.OrderRefused, match="already at"):
        given.give(sispam.Order(t=0.0, unit="line", kind=sispam.OrderKind.HOLD))


def test_the_example_runs_a_level_gives_an_order_and_draws_a_density_map(tmp_path):
    out = tmp_path / "density.svg"
    result = subprocess.run([sys.executable, str(EXAMPLE), str(LEVEL), "--duration", "6", "--out", str(out)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "order brace to dalmas-awal-1 at 3 s" in result.stdout and str(out) in result.stdout
    svg = ET.parse(out).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("width") == "800"
    cells = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect")][1:]
    assert len(cells) > 10  # the crowd stood somewhere


def test_the_examples_bad_arguments_and_unwritable_output_are_one_line_and_exit_2(tmp_path):
    """--duration nan and -5 were taken; --out naming a folder was an IsADirectoryError."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args, says in ((["--duration", "nan"], "must be above 0"), (["--duration", "-5"], "must be above 0"),
                       (["--duration", "1", "--out", str(tmp_path)], "cannot write the picture")):
        result = subprocess.run([sys.executable, str(EXAMPLE), str(LEVEL), *args], capture_output=True, text=True,
                                cwd=tmp_path, timeout=300, env=env)
        assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
