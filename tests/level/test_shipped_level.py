"""The shipped KPU level loads and holds the parts its briefing promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.geometry import points_in_shape, polygon_signed_area
from sispam.sim.scenario import (
    Formation,
    GoalKind,
    ObstacleKind,
    Polygon,
    Polyline,
    Role,
    Scenario,
    UnitType,
    ZoneRole,
)

LEVEL = levels_dir() / "kpu_sispamkota.toml"


@pytest.fixture(scope="module")
def kpu() -> Scenario:
    return load_level(LEVEL)


def test_header(kpu: Scenario) -> None:
    assert kpu.id == "kpu_sispamkota"
    assert kpu.size == (160.0, 100.0)
    assert kpu.seed == 20261128
    assert kpu.duration_s == 600.0
    assert kpu.source == str(LEVEL)
    assert "KPU" in kpu.title.id and "KPU" in kpu.title.en
    assert "rekapitulasi" in kpu.briefing.id and "recapitulation" in kpu.briefing.en


def test_fence_leaves_an_8_m_gate_gap_at_x_85(kpu: Scenario) -> None:
    fence = next(o for o in kpu.obstacles if o.kind is ObstacleKind.FENCE)
    assert isinstance(fence.shape, Polyline) and fence.shape.thickness == 0.3
    gap = np.array([[x, 24.0] for x in np.linspace(81.2, 88.8, 20)])
    assert not points_in_shape(gap, fence.shape).any()
    assert points_in_shape(np.array([[80.0, 24.0], [90.0, 24.0]]), fence.shape).all()


def test_gate_is_drawn_open(kpu: Scenario) -> None:
    gate = next(o for o in kpu.obstacles if o.kind is ObstacleKind.GATE)
    assert not gate.solid


def test_kpu_building_is_concave(kpu: Scenario) -> None:
    building = next(o for o in kpu.obstacles if o.id == "gedung-kpu")
    assert isinstance(building.shape, Polygon)
    hull_area = 40 * 30  # its bounding box x 65..105, y 45..75
    assert abs(polygon_signed_area(building.shape.points)) < hull_area


def test_road_stays_clear_of_solid_obstacles(kpu: Scenario) -> None:
    xs, ys = np.meshgrid(np.linspace(0, 160, 161), np.linspace(6, 18, 13))
    road = np.column_stack((xs.ravel(), ys.ravel()))
    for obstacle in kpu.obstacles:
        if obstacle.solid:
            assert not points_in_shape(road, obstacle.shape).any(), obstacle.id


def test_zones(kpu: Scenario) -> None:
    roles = {zone.id: zone.role for zone in kpu.zones}
    assert roles["kpu"] is ZoneRole.PROTECTED
    assert roles["spawn-west"] is ZoneRole.SPAWN
    assert roles["exit-west"] is ZoneRole.EXIT and roles["exit-east"] is ZoneRole.EXIT
    assert roles["ambulance"] is ZoneRole.AMBULANCE
    assert roles["gate-front"] is ZoneRole.MEASUREMENT
    outside_gate = np.array([[85.0, 20.0], [85.0, 23.0]])
    assert not points_in_shape(outside_gate, kpu.zone("kpu").shape).any()


def test_crowd(kpu: Scenario) -> None:
    first, agitators, second = kpu.crowd
    assert (first.id, first.count, first.spawn) == ("massa-utama", 400, "spawn-west")
    assert dict(first.roles)[Role.MASSA] == 0.83
    assert sum(f for _, f in first.roles) == pytest.approx(1.0)
    assert first.goal.kind is GoalKind.ZONE and first.goal.zone == "kpu"
    assert (first.arrival_s, first.arrival_spread_s, first.agitation) == (0, 120, 0.2)
    assert (second.id, second.count, second.arrival_s, second.arrival_spread_s) == (
        "gelombang-2", 200, 180, 60,
    )
    assert second.goal.zone == "kpu" and second.agitation == 0.4
    # A few provocateurs who resist (agitation 0.75: tindakan aktif), so that arresting them is
    # within what Perkap 1/2009 allows.
    assert (agitators.id, agitators.count, dict(agitators.roles)) == ("provokator", 6, {Role.PROVOKATOR: 1.0})
    assert agitators.agitation == 0.75


def test_police(kpu: Scenario) -> None:
    units = {u.id: u for u in kpu.units}
    line, negotiator = units["dalmas-awal-1"], units["negosiator-1"]
    assert line.type is UnitType.DALMAS_AWAL and line.formation is Formation.BERSAF
    assert (line.officers, line.ranks, line.position, line.facing_deg) == (30, 2, (85, 24.5), -90)
    assert line.width_m is not None and line.width_m > 8
    assert negotiator.type is UnitType.NEGOSIATOR and negotiator.officers == 2
    assert negotiator.position[1] > line.position[1]  # behind the line, away from the road


def test_the_drill_force_is_all_there(kpu: Scenario) -> None:
    types = {u.type for u in kpu.units}
    assert types == set(UnitType) - {UnitType.SATPOL_PP}
    rope = [u for u in kpu.units if u.formation is Formation.TALI_DALMAS]
    assert rope and all(u.type is UnitType.DALMAS_AWAL for u in rope)
    lanjut = next(u for u in kpu.units if u.type is UnitType.DALMAS_LANJUT)
    assert lanjut.arrival_s > 0 and not lanjut.on_request  # arrives later by itself


def test_brimob_and_tni_wait_for_a_request(kpu: Scenario) -> None:
    reserve = {u.type: u for u in kpu.units if u.on_request}
    assert set(reserve) == {UnitType.BRIMOB_PHH, UnitType.TNI}
    assert reserve[UnitType.BRIMOB_PHH].request_delay_s == 180
    assert reserve[UnitType.TNI].request_delay_s == 300  # the level leaves the tni default
    assert all(not u.on_request and u.request_delay_s == 0 for u in kpu.units if u.type not in reserve)


def test_level_package_never_imports_pygame() -> None:
    code = "import sys, sispam.level; sys.exit('pygame' in sys.modules)"
    repo = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=repo, check=False).returncode == 0
