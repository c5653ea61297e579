"""The use-of-force ladder (mostly on the shipped KPU level): stage-5 orders (water cannon, tear gas) are
logged with the behaviour of the people they touched, a water cannon on an orderly crowd is a
violation, and gas or water with no appeal before it is a skipped step."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Formation, PoliceUnit, UnitType
from sispam.sim.world import World

LEVEL = levels_dir() / "kpu_sispamkota.toml"
WATER = Order(60.0, "water-cannon-1", OrderKind.WATER_CANNON, point=(82.0, 21.0), duration_s=8.0)
GAS = Order(60.0, "gas-team-1", OrderKind.TEAR_GAS, point=(76.0, 21.0))
APPEAL = Order(20.0, "negosiator-1", OrderKind.APPEAL)


@pytest.fixture(scope="module")
def runs() -> dict[str, World]:
    out = {}
    for name, orders in (("appeal first", (APPEAL, WATER, GAS)), ("no appeal", (WATER, GAS))):
        world = World(load_level(LEVEL))
        for order in orders:
            world.command.issue(order)
        world.run_until(80.0)
        out[name] = world
    return out


def test_stage_5_orders_touch_people_and_are_audited_with_their_behaviour(runs):
    world = runs["appeal first"]
    audit = {a["order"]: a for a in world.ladder.audit()}
    assert audit["water_cannon"]["stage"] == 5 and audit["water_cannon"]["touched"] > 5
    assert audit["tear_gas"]["stage"] == 5 and audit["tear_gas"]["touched"] > 5
    assert sum(audit["water_cannon"]["by_class"].values()) == audit["water_cannon"]["touched"]
    assert world.ladder.max_stage == 5


def test_water_cannon_on_an_orderly_crowd_is_a_violation_explained_by_the_doctrine(runs):
    world = runs["appeal first"]
    water = next(a for a in world.ladder.applications.values() if a.kind == "water_cannon")
    assert water.by_class[0] > water.by_class[1:].sum()  # mostly tertib people (agitation 0.2)
    assert water.violation
    assert "Perkap 1/2009" in water.explain() and "agresif" in water.explain()


def test_gas_or_water_with_no_appeal_first_is_a_skipped_step(runs):
    assert runs["appeal first"].ladder.skipped_steps == 0
    assert runs["no appeal"].ladder.skipped_steps == 2
    skipped = [e for e in runs["no appeal"].events if e.kind == "force_skipped_step"]
    assert {e.detail["order"] for e in skipped} == {"water_cannon", "tear_gas"}


def test_the_jet_soaks_only_people_within_its_reach(runs):
    world = runs["appeal first"]
    b, c = world.bodies, world.crowd
    nozzle = np.asarray(world.vehicles.by_unit["water-cannon-1"].pos)
    soaked = np.flatnonzero(c.soaked_s > 0)
    assert len(soaked) > 5
    assert (np.hypot(*(b.pos[soaked] - nozzle).T) < 33.0).all()  # the 30 m range, and a few steps since


@pytest.mark.parametrize(("unit_type", "officers", "presses"),
                         [(UnitType.DALMAS_LANJUT, 12, True), (UnitType.NEGOSIATOR, 2, False)])
def test_a_line_walked_into_people_presses_them_a_negotiator_walking_among_them_does_not(unit_type, officers, presses):
    """A walkthrough moved the negotiator out to a second wave's korlap, as the level asks, and
    the debrief logged it as stage 3 force. Walking a shield line into people is desak's stage;
    two negotiators walking among them touch nobody with force."""
    scenario = push_against_line(people=120, agitation=0.0, officers=False)
    unit = PoliceUnit("unit", unit_type, officers, Formation.BERSAF, (5.0, 30.0), -90.0, 7.0, 1)
    w = World(dataclasses.replace(scenario, units=(unit,)))
    w.run_until(8.0)  # the crowd walks north towards the unit
    w.give(Order(w.t, "unit", OrderKind.FORM, point=(5.0, 12.0)))
    w.run_until(40.0)
    assert (w.ladder.max_stage >= 3) is presses
