"""A hostage attempt: the most agitated rioters rush a building; unguarded, they get in."""

from __future__ import annotations

import numpy as np
from riot_scenarios import building, riot_square

from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.riot import start_hostage_attempt
from sispam.sim.scenario import Colour, Role
from sispam.sim.world import World

MIXED = ((Role.MASSA, 0.6), (Role.PERUSUH, 0.2), (Role.PROVOKATOR, 0.2))


def crowd_before_a_building() -> World:
    """Twenty people 20 m south of a building (y 30-40), mixed roles, pasif to aktif."""
    w = World(riot_square(people=20, centre=(20.0, 10.0), roles=MIXED, obstacles=(building(10.0, 30.0, 30.0, 40.0),)))
    w.run_until(2.0)
    w.crowd.agitation[:] = np.linspace(0.4, 0.8, 20)
    return w


def test_a_hostage_attempt_on_an_unguarded_building_succeeds():
    w = crowd_before_a_building()
    c = w.crowd
    agitation = c.agitation.copy()
    attempt = start_hostage_attempt(w, "gedung", 4)
    assert attempt is not None and len(attempt.attackers) == 4
    # Perusuh and provokator first, the most agitated of them.
    rioters = np.flatnonzero(np.isin(c.role, [Crowd.ROLES.index(Role.PERUSUH), Crowd.ROLES.index(Role.PROVOKATOR)]))
    assert len(rioters) == 8
    expected = np.sort(rioters[np.argsort(-agitation[rioters], kind="stable")[:4]])
    assert (attempt.attackers == expected).all()
    assert (c.agitation[attempt.attackers] == 1.0).all()
    assert not w.riot.hostages_taken
    w.run_until(40.0)
    assert w.riot.hostages_taken and attempt.result == "taken"
    taken = [e for e in w.events if e.kind == "hostages_taken"]
    assert len(taken) == 1 and taken[0].detail["building"] == "gedung"
    assert taken[0].detail["by"] in attempt.attackers
    # About 18 m at an agitated walk, not instantly.
    assert 5.0 < attempt.t_end - attempt.t_start < 30.0
    assert w.situation.worst is Colour.MERAH
    assert w.riot.summary()["hostages"] == {"attempts": 1, "taken": True, "foiled": 0}
    acts = w.riot.acts_since(attempt.t_start)
    assert acts["hostage_attempts"] == 1 and acts["hostages_taken"] == 1
    # The others stayed where they were.
    others = np.setdiff1d(np.arange(20), attempt.attackers)
    assert (w.bodies.pos[others, 1] < 20.0).all()


def test_a_hostage_attempt_whose_attackers_all_fall_is_foiled():
    w = crowd_before_a_building()
    attempt = w.riot.hostage_attempt("gedung", 3)  # the scripted event's entry point
    w.run_until(4.0)
    assert attempt.result is None
    w.bodies.state[attempt.attackers[:2]] = BodyState.INJURED
    w.crowd.arrested[attempt.attackers[2]] = True  # seized by a snatch team
    w.step()
    assert attempt.result == "foiled" and not w.riot.hostages_taken
    assert [e.kind for e in w.events].count("hostage_attempt_foiled") == 1
    w.run_until(30.0)
    assert not w.riot.hostages_taken


def test_an_unknown_building_fails_with_a_timeline_entry():
    w = crowd_before_a_building()
    assert start_hostage_attempt(w, "nowhere", 3) is None
    assert w.events[-1].kind == "hostage_attempt_failed" and w.events[-1].detail["reason"] == "no_such_building"
