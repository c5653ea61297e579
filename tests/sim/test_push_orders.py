"""Dorong and desak against a pushing crowd, and the time orders take (level
tests/levels/street_push.toml with 250 and 600 people, and tests/levels/plaza_crowd.toml)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from sispam.level.load import load_level
from sispam.sim import params
from sispam.sim.bodies import BodyState
from sispam.sim.police.movement import DEFAULT_FORM_SPEED_MPS
from sispam.sim.police.orders import ORDER_SPECS, Order, OrderKind
from sispam.sim.world import World

LEVELS = Path(__file__).resolve().parent.parent / "levels"
ORDER_T = 25.0  # the crowd has been pressing on the line for 20 s by then
EFFECT_T = ORDER_T + ORDER_SPECS[OrderKind.DORONG].delay_s
PUSH_M = 4.0
WATCH_S = 18.0
DONE_M = 0.95 * PUSH_M  # the line counts as there when its mean is this far forward


def advance_against_the_crowd(kind: OrderKind, people: int = 250, seed: int | None = None) -> dict[str, float]:
    """Two ranks of Dalmas Lanjut (front at y = 22, facing south) pressed by `people` are
    ordered 4 m forward; figures of the 18 s after the order takes effect: advance of the
    standing officers' mean after 3 s (early_m) and at the end (gone_m), seconds until the mean
    is `DONE_M` forward (done_s, inf if never), peak line load, mean spread (standard deviation)
    of the officers' forward lag behind their slots, civilians injured, the hardest squeeze on a
    crowd member (his compression, N), officers down."""
    level = load_level(LEVELS / "street_push.toml")
    level = dataclasses.replace(level, crowd=(dataclasses.replace(level.crowd[0], count=people),),
                                seed=level.seed if seed is None else seed)
    world = World(level)
    line = world.units[0].indices
    world.run_until(ORDER_T)
    load_before = world.measure.line_load_n[0]
    start_y = world.bodies.pos[line, 1].mean()
    world.command.issue(Order(ORDER_T, "lanjut", kind, distance_m=PUSH_M))
    loads, spreads, early, done, squeeze = [], [], None, math.inf, 0.0
    while world.t < EFFECT_T + WATCH_S - 1e-9:
        world.step()
        standing = line[world.bodies.state[line] == BodyState.ACTIVE]
        gone = start_y - world.bodies.pos[standing, 1].mean()
        if world.t > EFFECT_T:
            loads.append(world.measure.line_load_n[0])
            squeeze = max(squeeze, float(world.bodies.compression_n[: world.bodies.n_crowd].max()))
            # How ragged the line is: the spread of the officers' lag behind their slots.
            lag = world.bodies.pos[standing, 1] - world.officers.slot[standing - world.bodies.n_crowd, 1]
            spreads.append(lag.std())
        if early is None and world.t >= EFFECT_T + 3.0 - 1e-9:
            early = gone
        if done == math.inf and gone >= DONE_M:
            done = world.t - EFFECT_T
    return {"load_before": load_before, "early_m": early, "gone_m": gone, "done_s": done,
            "peak_n": max(loads), "spread_m": float(np.mean(spreads)), "civilians": world.injuries["civilian"],
            "squeeze_n": squeeze,
            "officers": world.injuries["officer"]}


@pytest.fixture(scope="module")
def runs() -> dict[OrderKind, dict[str, float]]:
    # Seed 1: against 250 people desak advances its 4 m at full pace on seeds 1-6 (done in
    # 15.2-15.4 s); on the level's own seed 7 it stalls at 0.9 m, its hardest-pressed officer at
    # his 0.3 m lead under 14-16 kN (since the push's steep part is a^8): a slow press that a
    # crowd this hard can stop (dorong went its 4 m there in 6.5 s).
    return {k: advance_against_the_crowd(k, seed=1) for k in (OrderKind.DORONG, OrderKind.DESAK)}


def test_dorong_and_desak_move_the_line_forward_against_the_crowds_push(runs):
    for figures in runs.values():
        assert figures["load_before"] > 5_000.0  # the crowd is pushing when the order comes
        assert figures["gone_m"] > 2.0, figures


def test_dorong_gets_the_line_further_and_sooner_than_desak(runs):
    dorong, desak = runs[OrderKind.DORONG], runs[OrderKind.DESAK]
    assert dorong["gone_m"] >= desak["gone_m"], (dorong, desak)  # over the whole order
    assert dorong["early_m"] > 1.3 * desak["early_m"], (dorong, desak)
    assert dorong["done_s"] < 0.85 * desak["done_s"], (dorong, desak)


def test_desak_presses_steadily(runs):
    dorong, desak = runs[OrderKind.DORONG], runs[OrderKind.DESAK]
    # Both keep the line formed (its officers within a hand's breadth of their slots) ...
    assert desak["spread_m"] < 0.1 and dorong["spread_m"] < 0.1, (dorong, desak)
    # ... and desak presses without dorong's shove.
    assert dorong["peak_n"] > 1.3 * desak["peak_n"], (dorong, desak)
    # Nobody in front of the line is crushed by either.
    assert desak["civilians"] == dorong["civilians"] == 0, (dorong, desak)
    assert max(desak["squeeze_n"], dorong["squeeze_n"]) < 2 * params.CRUSH_MIN_N, (dorong, desak)


def test_against_the_full_street_dorong_gets_the_line_forward_sooner_than_desak():
    """600 people (the level's crowd) lean on the line: dorong, with the higher hold force and
    lead, moves it sooner and shoves harder; desak presses it forward steadily."""
    dorong, desak = (advance_against_the_crowd(k, 600) for k in (OrderKind.DORONG, OrderKind.DESAK))
    assert dorong["early_m"] > 1.3 * desak["early_m"], (dorong, desak)
    assert dorong["gone_m"] >= desak["gone_m"] - 0.05, (dorong, desak)
    assert desak["spread_m"] < 0.1 and desak["peak_n"] < dorong["peak_n"], (dorong, desak)


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


@pytest.mark.slow
def test_desak_advances_against_250_people_on_most_seeds():
    """The survey behind the seed the fast tests take: desak goes its 4 m on seeds 1-6 and
    stalls at 0.9 m on the level's own seed 7 (a slow press a crowd this hard can stop)."""
    gone = {seed: advance_against_the_crowd(OrderKind.DESAK, seed=seed)["gone_m"] for seed in range(1, 8)}
    assert sum(g > 2.0 for g in gone.values()) >= 6, gone
