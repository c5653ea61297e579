"""Rioters set tyres alight on open ground; the fire burns until Damkar puts it out, and
people keep out of its heat."""

from __future__ import annotations

import numpy as np
from riot_scenarios import riot_square

from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.riot import arson
from sispam.sim.scenario import Formation, PoliceUnit, Role, UnitType
from sispam.sim.world import World

DAMKAR = PoliceUnit("damkar", UnitType.DAMKAR, 3, Formation.BERSAF, (20.0, 45.0), -90.0)


def rioters_light_a_fire() -> tuple[World, object]:
    """Ten agresif perusuh and provokator 30 m from a Damkar team, until the first fire is lit;
    then they calm down to aktif (no more fires)."""
    w = World(riot_square(people=10, centre=(20.0, 15.0), units=(DAMKAR,)))
    w.run_until(2.0)
    w.crowd.agitation[:] = 0.95
    while not w.riot.arson.lit and w.t < 120.0:
        w.step()
    assert w.riot.arson.lit, "no fire within two minutes"
    w.crowd.agitation[:] = 0.8
    return w, w.riot.arson.lit[0]


def test_a_rioters_fire_burns_until_damkar_puts_it_out():
    w, fire = rioters_light_a_fire()
    lit_t = w.t
    assert np.hypot(*(np.asarray(fire.pos) - (20.0, 15.0))) < 4.0  # at a rioter's feet, in the group
    kinds = [e.kind for e in w.events]
    assert "fire_lit" in kinds and "rioters_lit_fire" in kinds
    assert w.riot.acts_since(lit_t)["fires_lit"] == 1

    unfought, _ = rioters_light_a_fire()  # the same run, left alone
    unfought.run_until(lit_t + 160.0)
    assert unfought.riot.arson.lit[0].burning
    assert unfought.riot.arson.lit[0].heat_kw > 500.0

    w.command.issue(Order(w.t, "damkar", OrderKind.EXTINGUISH, point=fire.pos))
    w.run_until(lit_t + 160.0)
    assert not fire.burning
    assert w.command.log[0].outcome["result"] == "extinguished"
    assert len(w.riot.arson.lit) == 1  # aktif people light nothing


def test_people_keep_out_of_the_heat_of_a_fire():
    w, fire = rioters_light_a_fire()
    w.run_until(w.t + 60.0)
    keep = arson.keep_away_m(fire.heat_kw)
    assert keep > 2.0  # the fire has grown
    b = w.bodies
    gap = np.hypot(*(b.pos[: b.n_crowd] - np.asarray(fire.pos)).T) - b.radius[: b.n_crowd]
    assert gap.min() > 0.8 * keep  # nobody stands in the flames, not even who lit it
    # Their goal is the fire's spot (the group's centre): they stand round it, close to the radius.
    assert np.median(gap) < keep + 1.5


def test_calm_people_and_massa_light_nothing():
    massa = riot_square(people=10, centre=(20.0, 15.0), roles=((Role.MASSA, 1.0),))
    w = World(massa)
    w.run_until(2.0)
    w.crowd.agitation[:] = 0.95  # agresif, but ordinary supporters do not bring tyres
    w.run_until(150.0)
    assert not w.fires
    w = World(riot_square(people=10, centre=(20.0, 15.0)))
    w.crowd.agitation[:] = 0.8
    w.run_until(150.0)
    assert not w.fires
