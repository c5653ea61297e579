"""Tear gas: the cloud drifts with the wind, decays, stops at walls; people flee it; officers
without gas masks suffer in it."""

from __future__ import annotations

import numpy as np
from area_scenarios import square

import sispam.sim.gas as gas
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Rect, UnitType
from sispam.sim.world import World


def test_the_cloud_drifts_with_the_wind_and_decays_at_its_half_life():
    w = World(square(size=(150.0, 100.0), wind_mps=(1.0, -0.5)))
    w.gas.release(w, (30.0, 70.0))
    w.run_until(gas.BURN_S + 5.0)  # every canister has burnt out
    assert abs(w.gas.released_mg - gas.CANISTERS_PER_SALVO * gas.CS_PER_CANISTER_G * 1000) < 1.0
    before, total_before = w.gas.centre_of_mass(), w.gas.total_mg()
    w.run_until(gas.BURN_S + 35.0)  # 30 s later, the cloud still far from the map's border
    drift = w.gas.centre_of_mass() - before
    assert np.allclose(drift, (30.0, -15.0), atol=1.5)
    assert abs(w.gas.total_mg() / total_before - 0.5 ** (30.0 / gas.HALF_LIFE_S)) < 0.005


def test_walls_stop_the_gas():
    wall = Rect((0.0, 29.5), (50.0, 30.5))  # splits the square from side to side
    w = World(square(walls=(wall,)))
    w.gas.release(w, (25.0, 20.0))
    w.run_until(40.0)
    c = w.gas.concentration()
    south, north = c[:29].sum(), c[31:].sum()
    assert south > 0 and north == 0


def _gassed_crowd(flee_hold_s: float, monkeypatch) -> World:
    monkeypatch.setattr(gas, "FLEE_HOLD_S", flee_hold_s)
    w = World(square(groups=(("massa", 30, (25.0, 30.0)),),
                     units=(("gas", UnitType.GAS_TEAM, 4, (25.0, 10.0), 90.0),
                            ("awal", UnitType.DALMAS_AWAL, 6, (20.0, 26.0), 90.0),
                            ("phh", UnitType.BRIMOB_PHH, 6, (30.0, 26.0), 90.0))))
    w.run_until(5.0)
    w.command.issue(Order(5.0, "gas", OrderKind.TEAR_GAS, point=(25.0, 30.0)))  # lands at 10 s
    w.run_until(25.0)
    return w


def _inside(w: World) -> int:
    c, _ = w.gas.sample(w.bodies.pos[: w.bodies.n_crowd])
    return int((c >= gas.FLEE_THRESHOLD_MG_M3).sum())


def test_people_flee_the_cloud(monkeypatch):
    fled = _gassed_crowd(gas.FLEE_HOLD_S, monkeypatch)
    stayed = _gassed_crowd(0.0, monkeypatch)  # the same salvo, nobody allowed to flee
    assert _inside(stayed) == 30
    assert _inside(fled) <= 15  # some turn back at the edge when their eyes clear, and flee again
    centre = np.array([25.0, 30.0])
    assert np.hypot(*(fled.bodies.pos[:30] - centre).T).mean() > 10.0
    assert fled.crowd.gas_dose[:30].sum() < 0.2 * stayed.crowd.gas_dose[:30].sum()
    assert fled.ladder.applications[0].touched.sum() == 30  # everyone the gas drove off was touched
    assert fled.command.log[0].outcome["result"] == "fired"


def test_officers_without_masks_suffer_masked_do_not(monkeypatch):
    w = _gassed_crowd(gas.FLEE_HOLD_S, monkeypatch)
    o, nc = w.officers, w.bodies.n_crowd
    awal = w.units[1].indices - nc
    phh = w.units[2].indices - nc
    assert (o.gas_dose[awal] > 0).all() and (o.hold_scale[awal] == gas.UNMASKED_HOLD_FACTOR).all()
    assert (o.gas_dose[phh] == 0).all() and (o.hold_scale[phh] == 1.0).all()


def test_when_the_air_clears_people_stop_fleeing_and_officers_recover(monkeypatch):
    w = _gassed_crowd(gas.FLEE_HOLD_S, monkeypatch)
    assert (w.crowd.flee_s > 0).any() and (w.officers.hold_scale < 1).any()
    w.gas.sources.clear()
    w.gas.mass_mg *= 1e-6  # as if twenty minutes had passed
    w.run_until(w.t + 1.0)
    assert w.gas.empty and w.gas.total_mg() == 0
    assert (w.crowd.flee_s == 0).all() and (w.officers.hold_scale == 1).all()
