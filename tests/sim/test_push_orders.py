"""Dorong and desak against a pushing crowd, and the time orders take (level
tests/levels/street_push.toml with 250 people, and tests/levels/plaza_crowd.toml)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from sispam.level.load import load_level
from sispam.sim.bodies import BodyState
from sispam.sim.police.movement import DEFAULT_FORM_SPEED_MPS
from sispam.sim.police.orders import ORDER_SPECS, Order, OrderKind
from sispam.sim.world import World

LEVELS = Path(__file__).resolve().parent.parent / "levels"
ORDER_T = 25.0  # the crowd has been pressing on the line for 20 s by then
EFFECT_T = ORDER_T + ORDER_SPECS[OrderKind.DORONG].delay_s


def advance_against_the_crowd(kind: OrderKind) -> dict[str, float]:
    """Two ranks of Dalmas Lanjut (front at y = 22, facing south) pressed by 250 people are
    ordered 4 m forward; figures of the 18 s after the order takes effect."""
    level = load_level(LEVELS / "street_push.toml")
    level = dataclasses.replace(level, crowd=(dataclasses.replace(level.crowd[0], count=250),))
    world = World(level)
    line = world.units[0].indices
    world.run_until(ORDER_T)
    load_before = world.measure.line_load_n[0]
    start_y = world.bodies.pos[line, 1].mean()
    world.command.issue(Order(ORDER_T, "lanjut", kind, distance_m=4.0))
    loads, spreads, early = [], [], None
    while world.t < EFFECT_T + 18.0 - 1e-9:
        world.step()
        standing = line[world.bodies.state[line] == BodyState.ACTIVE]
        if world.t > EFFECT_T:
            loads.append(world.measure.line_load_n[0])
            spreads.append(world.bodies.pos[standing, 1].std())
        if early is None and world.t >= EFFECT_T + 3.0 - 1e-9:
            early = start_y - world.bodies.pos[standing, 1].mean()
    standing = line[world.bodies.state[line] == BodyState.ACTIVE]
    return {"load_before": load_before, "early_m": early, "gone_m": start_y - world.bodies.pos[standing, 1].mean(),
            "peak_n": max(loads), "spread_m": float(np.mean(spreads)), "civilians": world.injuries["civilian"]}


@pytest.fixture(scope="module")
def runs() -> dict[OrderKind, dict[str, float]]:
    return {k: advance_against_the_crowd(k) for k in (OrderKind.DORONG, OrderKind.DESAK)}


def test_dorong_and_desak_move_the_line_forward_against_the_crowds_push(runs):
    for figures in runs.values():
        assert figures["load_before"] > 5_000.0  # the crowd is pushing when the order comes
        assert figures["gone_m"] > 2.0, figures


def test_dorong_surges_faster_and_harder_than_desak(runs):
    dorong, desak = runs[OrderKind.DORONG], runs[OrderKind.DESAK]
    assert dorong["early_m"] > 1.3 * desak["early_m"], (dorong, desak)
    assert dorong["peak_n"] > 1.3 * desak["peak_n"], (dorong, desak)


def test_desak_presses_steadily(runs):
    dorong, desak = runs[OrderKind.DORONG], runs[OrderKind.DESAK]
    assert desak["spread_m"] < dorong["spread_m"], (dorong, desak)
    assert desak["civilians"] < dorong["civilians"], (dorong, desak)


@pytest.mark.parametrize("kind", [OrderKind.FORM, OrderKind.DORONG, OrderKind.DESAK, OrderKind.FALL_BACK])
def test_nothing_moves_before_the_command_delay_and_forming_takes_its_walk(kind):
    level = load_level(LEVELS / "plaza_crowd.toml")
    world = World(dataclasses.replace(level, crowd=()))
    unit = world.units[0]
    rows = unit.indices - world.bodies.n_crowd
    world.run_until(1.0)
    at_rest = world.officers.slot[rows].copy()
    distance = 6.0
    point = (unit.anchor[0] - distance, unit.anchor[1]) if kind is OrderKind.FORM else None
    order = Order(2.0, unit.id, kind, point=point, distance_m=distance if point is None else None)
    world.command.issue(order)
    effect = order.t + order.spec.delay_s
    while world.t < effect - 1e-9:
        world.step()
        assert np.array_equal(world.officers.slot[rows], at_rest), f"moved at t={world.t:.2f}"
    world.run_until(effect + 0.5)
    assert not np.array_equal(world.officers.slot[rows], at_rest)
    world.run_until(effect + 30.0)  # desak: 6 m at 0.25 m/s
    formed = [e.t for e in world.events if e.kind == "unit_formed"]
    assert formed, "never formed"
    if kind is OrderKind.FORM:
        assert formed[0] >= effect + distance / DEFAULT_FORM_SPEED_MPS - 1e-9
