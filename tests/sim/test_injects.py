"""An instructor's live injects (issue 7): each does what it says where it says, the world
refuses what it cannot take, and a run with injects is bit-identical when run again."""

from pathlib import Path

import numpy as np
import pytest
from scenarios import push_against_line

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.injects import (
    PROVOCATEUR_GROUP,
    RESERVE_WAVE,
    WAVE_GROUP,
    Inject,
    InjectKind,
    InjectRefused,
    has_reserve,
    with_reserve,
)
from sispam.sim.runner import Runner
from sispam.sim.scenario import Role
from sispam.sim.state_hash import state_hash
from sispam.sim.world import World

ROOT = Path(__file__).resolve().parents[2]


def street() -> World:
    return World(with_reserve(push_against_line(people=40, agitation=0.2)))


def group_members(world: World, group_id: str) -> np.ndarray:
    k = [g.id for g in world.scenario.crowd].index(group_id)
    return np.flatnonzero(world.crowd.group == k)


def test_the_reserve_waits_off_the_map_and_is_added_once() -> None:
    scenario = push_against_line(people=40, agitation=0.2)
    reserved = with_reserve(scenario)
    assert not has_reserve(scenario) and has_reserve(reserved) and with_reserve(reserved) is reserved
    world = World(reserved)
    world.run_until(5.0)
    waiting = world.bodies.state[group_members(world, WAVE_GROUP)] == BodyState.WAITING
    assert waiting.all() and len(waiting) == RESERVE_WAVE


def test_a_crowd_wave_arrives_around_its_point_and_heads_for_the_crowds_goal() -> None:
    world = street()
    world.run_until(2.0)
    world.injects.add(Inject(2.0, InjectKind.CROWD_WAVE, point=(5.0, 8.0), count=30))
    world.run_until(8.0)
    wave = group_members(world, WAVE_GROUP)
    here = wave[world.bodies.state[wave] == BodyState.ACTIVE]
    assert len(here) == 30 and world.injects.left(InjectKind.CROWD_WAVE) == RESERVE_WAVE - 30
    start = world.bodies.pos[here].copy()
    assert np.abs(start[:, 1] - 8.0).max() < 12.0  # they came in round the point (and walk on from there)
    world.run_until(14.0)
    assert world.bodies.pos[here, 1].mean() > start[:, 1].mean() + 1.0  # north, to the KPU like the crowd
    [entry] = [e for e in world.events if e.kind == "inject"]
    assert entry.t == pytest.approx(2.0) and entry.detail == {"inject": "crowd_wave", "point": [5.0, 8.0], "count": 30}


def test_provocateurs_are_provocateurs() -> None:
    world = street()
    world.injects.add(Inject(0.0, InjectKind.PROVOCATEURS, point=(5.0, 10.0), count=3))
    world.run_until(3.0)
    mine = group_members(world, PROVOCATEUR_GROUP)
    here = mine[world.bodies.state[mine] == BodyState.ACTIVE]
    assert len(here) == 3
    assert (world.crowd.role[here] == Crowd.ROLES.index(Role.PROVOKATOR)).all()


def test_a_rumour_lowers_legitimacy_and_a_fire_burns_where_it_was_put() -> None:
    world = street()
    world.run_until(3.0)
    nc = world.bodies.n_crowd
    here = world.bodies.state[:nc] == BodyState.ACTIVE
    before = world.crowd.legitimacy[here].copy()
    world.injects.add(Inject(3.0, InjectKind.RUMOUR, legitimacy_drop=0.3))
    world.injects.add(Inject(3.0, InjectKind.FIRE, point=(3.0, 5.0)))
    world.step()
    assert np.allclose(world.crowd.legitimacy[here], np.clip(before - 0.3, 0, 1), atol=0.02)
    assert [f.pos for f in world.fires] == [(3.0, 5.0)]


def test_reinforcements_bring_a_unit_held_on_request_now() -> None:
    world = World(with_reserve(load_level(levels_dir() / "campaign_5_anarki.toml")))
    unit = next(u for u in world.units if u.id == "brimob-phh-1")
    world.run_until(1.0)
    assert not unit.arrived
    world.injects.add(Inject(1.0, InjectKind.REINFORCEMENTS, unit="brimob-phh-1"))
    world.run_until(4.0)
    on_map = world.bodies.state[unit.indices] != BodyState.WAITING  # where no one stands on their slots yet
    assert on_map.sum() > unit.count // 2
    assert [e.t for e in world.events if e.kind == "unit_arrived" and e.detail["unit"] == unit.id] == [1.0]
    with pytest.raises(InjectRefused, match="already been sent"):
        world.injects.add(Inject(4.0, InjectKind.REINFORCEMENTS, unit="brimob-phh-1"))


@pytest.mark.parametrize(("inject", "reason"), [
    (Inject(0.0, InjectKind.CROWD_WAVE, point=(5.0, 8.0), count=RESERVE_WAVE + 1), "count must be 1 to"),
    (Inject(0.0, InjectKind.CROWD_WAVE, point=(0.5, 8.0), count=10), "inside solid wall 'west'"),
    (Inject(0.0, InjectKind.FIRE, point=(50.0, 8.0)), "outside the map"),
    (Inject(0.0, InjectKind.FIRE), "needs point"),
    (Inject(0.0, InjectKind.RUMOUR, legitimacy_drop=1.5), "legitimacy_drop must be"),
    (Inject(0.0, InjectKind.REINFORCEMENTS, unit="line"), "not held on request"),
])
def test_what_cannot_be_done_is_refused_with_the_reason(inject: Inject, reason: str) -> None:
    with pytest.raises(InjectRefused, match=reason):
        street().injects.add(inject)


def test_the_reserve_runs_out_and_the_past_is_refused() -> None:
    world = street()
    world.injects.add(Inject(0.0, InjectKind.CROWD_WAVE, point=(5.0, 8.0), count=RESERVE_WAVE - 5))
    with pytest.raises(InjectRefused, match="only 5 people are left"):
        world.injects.add(Inject(0.0, InjectKind.CROWD_WAVE, point=(5.0, 8.0), count=6))
    world.run_until(1.0)
    with pytest.raises(InjectRefused, match="already at 1 s"):
        world.injects.add(Inject(0.5, InjectKind.FIRE, point=(5.0, 8.0)))
    no_reserve = World(push_against_line(people=10, agitation=0.2))
    with pytest.raises(InjectRefused, match="takes no crowd injects"):
        no_reserve.injects.add(Inject(0.0, InjectKind.CROWD_WAVE, point=(5.0, 8.0), count=5))


def test_injects_given_live_equal_the_same_injects_given_in_advance() -> None:
    """The UI gives an inject at the current time through the runner; a replay gives them all at
    the start. Both runs end in the same state, and it is not the state without the injects."""
    plan = [Inject(2.0, InjectKind.CROWD_WAVE, point=(5.0, 6.0), count=40),
            Inject(4.0, InjectKind.PROVOCATEURS, point=(5.0, 6.0), count=2),
            Inject(5.0, InjectKind.RUMOUR, legitimacy_drop=0.2)]
    ahead = street()
    for inject in plan:
        ahead.injects.add(inject)
    ahead.run_until(12.0)
    live = Runner(street())
    for inject in plan:
        while live.world.t < inject.t - 1e-9:
            live.advance(live.world.dt)
        live.inject(inject)
    while live.world.t < 12.0 - 1e-9:
        live.advance(live.world.dt)
    plain = street()
    plain.run_until(12.0)
    assert state_hash(live.world) == state_hash(ahead) != state_hash(plain)
    assert [i.t for i in live.world.injects.log] == [i.t for i in plan]
