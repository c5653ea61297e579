"""`game.py run --trajectories OUT.sqlite`: JuPedSim's SQLite trajectory layout, version 2, checked
against its documented schema (the tables and columns PedPy's `load_trajectory_from_jupedsim_sqlite`
and `load_walkable_area_from_jupedsim_sqlite` read; sources in docs/api.md) without installing
anything; the same people and samples as the CSV of the same run; errors as one line."""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from test_cli import LEVEL, assert_one_line_error, game

from sispam.atomic import TEMP_SUFFIX
from sispam.sim.geometry import points_in_polygon, polygon_signed_area

# Version 2 of the layout: table -> [(column, declared type)].
SCHEMA_V2 = {
    "trajectory_data": [("frame", "INTEGER"), ("id", "INTEGER"), ("pos_x", "REAL"), ("pos_y", "REAL"),
                        ("ori_x", "REAL"), ("ori_y", "REAL")],
    "metadata": [("key", "TEXT"), ("value", "TEXT")],
    "geometry": [("hash", "INTEGER"), ("wkt", "TEXT")],
    "frame_data": [("frame", "INTEGER"), ("geometry_hash", "INTEGER")],
}
_NUMBER = r"-?\d+(?:\.\d+)?"
_RING = rf"\({_NUMBER} {_NUMBER}(?:, {_NUMBER} {_NUMBER})*\)"
SECONDS, HZ = 3, 2.0


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, Path]:
    """The same run written as SQLite and as CSV."""
    folder = tmp_path_factory.mktemp("run")
    for name in ("t.sqlite", "t.csv"):
        result = game("run", str(LEVEL), "--duration", str(SECONDS), "--seed", "3", "--sample-hz", str(HZ),
                      "--trajectories", str(folder / name))
        assert result.returncode == 0, result.stderr
    return folder / "t.sqlite", folder / "t.csv"


def test_the_tables_and_columns_are_the_documented_ones(run):
    with sqlite3.connect(run[0]) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(SCHEMA_V2) <= tables
        for table, columns in SCHEMA_V2.items():
            info = db.execute(f"PRAGMA table_info({table})").fetchall()
            assert [(c[1], c[2]) for c in info] == columns, table
            assert all(c[3] == 1 for c in info), f"{table}: every column NOT NULL"


def test_the_metadata_has_the_version_and_frame_rate_that_pedpy_reads(run):
    with sqlite3.connect(run[0]) as db:
        meta = dict(db.execute("SELECT key, value FROM metadata"))
    assert int(meta["version"]) == 2  # PedPy reads the walkable area of versions 1 and 2
    assert float(meta["fps"]) == HZ
    assert [float(meta[k]) for k in ("xmin", "xmax", "ymin", "ymax")] == [0.0, 160.0, 0.0, 100.0]
    assert meta["level"] == "kpu_sispamkota" and meta["seed"] == "3"


def test_frames_and_ids_are_the_runs_samples_and_people(run):
    sqlite_file, csv_file = run
    with sqlite3.connect(sqlite_file) as db:
        rows = db.execute("SELECT frame, id, pos_x, pos_y, ori_x, ori_y FROM trajectory_data").fetchall()
        frame_data = db.execute("SELECT frame, geometry_hash FROM frame_data ORDER BY frame").fetchall()
        hashes = {h for (h,) in db.execute("SELECT hash FROM geometry")}
        people = dict(db.execute("SELECT id, kind FROM sispam_people"))
    with open(csv_file, newline="") as f:
        samples = list(csv.DictReader(f))
    frames = sorted({r[0] for r in rows})
    assert frames == list(range(int(SECONDS * HZ) + 1))
    assert [f for f, _ in frame_data] == frames and {h for _, h in frame_data} <= hashes
    by_time = defaultdict(dict)
    for s in samples:
        by_time[round(float(s["t"]) * HZ)][int(s["id"])] = s
    for frame in frames:
        ours = {r[1]: r for r in rows if r[0] == frame}
        assert set(ours) == set(by_time[frame]), frame
        for i, r in ours.items():
            s = by_time[frame][i]
            assert (r[2], r[3]) == pytest.approx((float(s["x"]), float(s["y"])), abs=1.5e-3)
            assert people[i] == s["kind"]
            assert r[4] ** 2 + r[5] ** 2 == pytest.approx(1.0, abs=1e-3) or (r[4], r[5]) == (0.0, 0.0)


def test_the_geometry_is_a_wkt_polygon_with_holes_around_everyone(run):
    with sqlite3.connect(run[0]) as db:
        (wkt,), = db.execute("SELECT wkt FROM geometry").fetchall()
        positions = np.array(db.execute("SELECT pos_x, pos_y FROM trajectory_data").fetchall())
    assert re.fullmatch(rf"POLYGON \({_RING}(?:, {_RING})*\)", wkt), wkt[:200]
    rings = [np.array([[float(v) for v in point.split()] for point in ring.split(", ")])
             for ring in re.findall(r"\(([^()]+)\)", wkt)]
    assert len(rings) >= 2  # the KPU's buildings and fences are holes
    assert all(len(r) >= 4 and (r[0] == r[-1]).all() for r in rings)
    shell, holes = rings[0], rings[1:]
    assert polygon_signed_area(shell[:-1]) > 0 and all(polygon_signed_area(h[:-1]) < 0 for h in holes)
    assert points_in_polygon(positions, shell[:-1]).all()
    for hole in holes:
        assert points_in_polygon(hole[:-1], shell[:-1]).all()


def test_a_run_that_cannot_write_its_database_fails_before_simulating(tmp_path):
    result = game("run", str(LEVEL), "--duration", "1", "--trajectories", str(tmp_path / "missing" / "t.sqlite"))
    assert_one_line_error(result, "does not exist")


@pytest.mark.parametrize("error", [
    pytest.param(sqlite3.OperationalError("database or disk is full"), id="disk-full"),
    pytest.param(KeyboardInterrupt(), id="interrupted"),
])
def test_a_failed_or_interrupted_write_is_one_line_and_leaves_no_file(tmp_path, monkeypatch, capsys, error):
    from sispam import cli
    from sispam.sim.record_sqlite import SqliteTrajectoryWriter

    def fail(self, world):
        if world.t > 0.5:
            raise error

    monkeypatch.setattr(SqliteTrajectoryWriter, "maybe_sample", fail)
    code = cli.main(["run", str(LEVEL), "--duration", "1", "--trajectories", str(tmp_path / "t.sqlite")])
    err = capsys.readouterr().err
    assert code == (130 if isinstance(error, KeyboardInterrupt) else 2)
    assert len([line for line in err.splitlines() if line.strip()]) == 1 and "Traceback" not in err
    assert isinstance(error, KeyboardInterrupt) or "t.sqlite: cannot write: database or disk is full" in err
    assert list(tmp_path.iterdir()) == []
    assert not list(tmp_path.glob(f".*{TEMP_SUFFIX}"))
