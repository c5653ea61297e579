"""Agresif people near a shop are drawn to it, break into it and loot it; calmer ones do not."""

from __future__ import annotations

import dataclasses

import numpy as np
from riot_scenarios import riot_square, shop

from sispam.sim.riot import looting
from sispam.sim.scenario import Colour, Role
from sispam.sim.world import World

MASSA = ((Role.MASSA, 1.0),)


def crowd_near_a_shop(agitation: float) -> World:
    """Twelve people standing 8 m in front of a 12 m wide shop front, at `agitation`."""
    w = World(riot_square(people=12, centre=(20.0, 18.0), roles=MASSA, obstacles=(shop(14.0, 26.0, 26.0, 32.0),)))
    w.run_until(2.0)
    w.crowd.agitation[:] = agitation
    return w


def test_an_agresif_group_breaks_into_the_shop_and_loots_it():
    w = crowd_near_a_shop(0.95)
    home = w.crowd.goal.copy()
    w.run_until(60.0)
    shop_ = w.riot.looting.shops[0]
    assert shop_.damaged_t is not None and shop_.looted_t is not None
    # Strength is person-seconds: it took at least strength / (people in the group) seconds.
    assert shop_.looted_t - shop_.damaged_t >= looting.SHOP_STRENGTH_PERSON_S / 12 - 1e-9
    kinds = [e.kind for e in w.events]
    assert kinds.count("shop_damaged") == 1 and kinds.count("shop_looted") == 1
    assert kinds.index("shop_damaged") < kinds.index("shop_looted")
    s = w.riot.summary()["property"]
    assert (s["shops"], s["damaged"], s["looted"]) == (1, 1, 1)
    acts = w.riot.acts_since(0.0)
    assert acts["shops_damaged"] == 1 and acts["shops_looted"] == 1
    assert w.situation.worst is Colour.MERAH
    # The looters go back to where they were going.
    assert (w.crowd.goal == home).all() and (w.riot.looting.drawn == -1).all()


def test_people_stop_at_the_shop_front_and_damage_it_only_within_reach():
    w = crowd_near_a_shop(0.95)
    w.run_until(8.0)
    shop_ = w.riot.looting.shops[0]
    b = w.bodies
    assert (w.riot.looting.drawn == 0).all()
    y = b.pos[: b.n_crowd, 1]
    assert (y < 26.0).all()  # nobody inside the shop
    at_front = (y > 26.0 - looting.REACH_M) & (b.pos[: b.n_crowd, 0] > 14.0) & (b.pos[: b.n_crowd, 0] < 26.0)
    assert at_front.sum() >= 3
    assert shop_.strength < looting.SHOP_STRENGTH_PERSON_S


def test_an_aktif_group_leaves_the_shop_alone():
    w = crowd_near_a_shop(0.8)
    w.run_until(60.0)
    shop_ = w.riot.looting.shops[0]
    assert shop_.damaged_t is None and shop_.strength == looting.SHOP_STRENGTH_PERSON_S
    assert (w.riot.looting.drawn == -1).all()
    assert not any(e.kind.startswith("shop") for e in w.events)


def test_a_group_that_calms_down_goes_back_to_its_goal():
    w = crowd_near_a_shop(0.95)
    home = w.crowd.goal.copy()
    w.run_until(3.0)
    assert (w.crowd.goal != home).all()
    w.crowd.agitation[:] = 0.5
    w.step()
    assert (w.crowd.goal == home).all()
    w.run_until(40.0)
    assert np.hypot(*(w.bodies.pos[:12] - (20.0, 18.0)).T).max() < 5.0


def test_a_level_without_the_riot_leaves_the_shop_alone():
    """`riot = false`: the same agresif group in front of the same shop is not drawn to it."""
    w = World(dataclasses.replace(riot_square(people=12, centre=(20.0, 18.0), roles=MASSA,
                                              obstacles=(shop(14.0, 26.0, 26.0, 32.0),)), riot=False))
    w.run_until(2.0)
    w.crowd.agitation[:] = 0.95
    w.run_until(60.0)
    shop_ = w.riot.looting.shops[0]
    assert shop_.damaged_t is None and shop_.looted_t is None
    assert (w.riot.looting.drawn == -1).all()
