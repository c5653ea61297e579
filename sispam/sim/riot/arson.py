"""Burning tyres: rioters light fires on open ground, and everyone keeps away from the heat.

Lighting: every agresif perusuh or provokator on his feet and free lights a fire at his feet at
a rate of one per `LIGHT_INTERVAL_S` (a Poisson draw each step: he has to bring a tyre and
fuel; ten hardcore rioters light one every ~30 s), but only where the ground is open: more than
`OPEN_GROUND_M` from any wall, `FIRE_SPACING_M` from another burning fire, `OFFICER_CLEAR_M`
from a standing officer, and while fewer than `MAX_BURNING` fires burn on the map. Game-design
values (news footage of burning-tyre barricades shows a handful at a time, lit in the road,
not under the shields). The fire is `fires.light_fire`'s: it grows and smokes until Damkar puts
it out (`police.extinguish`).

Keeping away: radiant heat from a fire of heat release Q at distance d is, for a point source,
q = χ_r·Q / (4π·d²) with radiative fraction χ_r ≈ 0.3 (SFPE Handbook, point-source model;
sooty rubber fires radiate 0.3-0.4). People tolerate about `TOLERABLE_KW_M2` = 1 kW/m²
indefinitely (a bright summer sun; pain within half a minute at 2.5 kW/m², SFPE tenability
limits), so they keep out of the radius where q = 1 kW/m²: about 0.7 m round a tyre just lit
(20 kW), 4.9 m round a full 1 MW pile. Each active crowd member whose body edge comes within
`PUSH_RANGE_M` of that radius is pushed straight away from the fire by
`PUSH_N`·exp((d_keep − gap)/`PUSH_B_M`), at most `PUSH_MAX_N`: about the force of his own legs
at the radius (m·v0/τ ≈ 75·1.3/0.5 ≈ 200 N), twice that well inside it. The push is added to
the crowd's forces like the wall repulsion (same exponential form), but not capped by agitation:
no one, however agitated, stands in the flames. Vectorised over people; a loop over fires.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.fires import Fire, light_fire
from sispam.sim.scenario import Role

if TYPE_CHECKING:
    from sispam.sim.world import World

LIGHT_INTERVAL_S = 300.0
OPEN_GROUND_M = 2.0
FIRE_SPACING_M = 6.0
OFFICER_CLEAR_M = 5.0
MAX_BURNING = 3
RADIATIVE_FRACTION = 0.3
TOLERABLE_KW_M2 = 1.0
PUSH_N = 200.0
PUSH_B_M = 0.5
PUSH_MAX_N = 400.0
PUSH_RANGE_M = 1.5  # beyond the tolerable radius plus this, no push (200 N · e^-3 ≈ 10 N)

GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

_FIRE_ROLES = (Crowd.ROLES.index(Role.PERUSUH), Crowd.ROLES.index(Role.PROVOKATOR))


def keep_away_m(heat_kw: float) -> float:
    """Distance from a fire of `heat_kw` at which its radiant heat falls to `TOLERABLE_KW_M2`."""
    return math.sqrt(RADIATIVE_FRACTION * heat_kw / (4.0 * math.pi * TOLERABLE_KW_M2))


class Arson:
    """Fires lit by rioters and the heat that keeps people off them (see the module docstring).

    Attributes:
        lit: the fires rioters lit, in order.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.lit: list[Fire] = []
        self._may_light = np.isin(world.crowd.role, _FIRE_ROLES)  # roles are drawn once, at the start

    def update(self, agresif: np.ndarray) -> Fire | None:
        """Let `agresif` people (free, able) light a fire; returns the fire lit, if any."""
        w = self.world
        b = w.bodies
        if len(agresif) == 0:
            return None
        burning = [f for f in w.fires if f.burning]
        if len(burning) >= MAX_BURNING:
            return None
        lighters = agresif[self._may_light[agresif]]
        if len(lighters) == 0:
            return None
        lighters = lighters[w.rng.random(len(lighters)) < w.dt / LIGHT_INTERVAL_S]
        if len(lighters) == 0:
            return None
        at = b.pos[lighters]
        gap, _, _ = w.walls.wall_gap(at)
        ok = gap > OPEN_GROUND_M
        for f in burning:
            ok &= pmath.hypot(*(at - np.asarray(f.pos)).T) > FIRE_SPACING_M
        officers = b.pos[b.n_crowd:][b.state[b.n_crowd:] == BodyState.ACTIVE]
        if len(officers):
            near = pmath.hypot(at[:, None, 0] - officers[None, :, 0], at[:, None, 1] - officers[None, :, 1]).min(axis=1)
            ok &= near > OFFICER_CLEAR_M
        if not ok.any():
            return None
        k = int(np.flatnonzero(ok)[0])  # one fire a step at most
        fire = light_fire(w, (float(at[k, 0]), float(at[k, 1])))
        self.lit.append(fire)
        w.note("rioters_lit_fire", {"fire": fire.id, "by": int(lighters[k])})
        return fire

    def add_forces(self, force: np.ndarray) -> None:
        """Push active crowd members out of the heat of every burning fire (into `force`)."""
        w = self.world
        burning = [f for f in w.fires if f.burning]
        if not burning:
            return
        b = w.bodies
        for f in burning:
            keep = keep_away_m(f.heat_kw)
            people = w.crowd_near(np.asarray([f.pos]), keep + PUSH_RANGE_M + 0.3)
            if len(people) == 0:
                continue
            away = b.pos[people] - np.asarray(f.pos)
            d = pmath.hypot(away[:, 0], away[:, 1])
            gap = d - b.radius[people]
            mag = np.minimum(PUSH_N * pmath.exp((keep - gap) / PUSH_B_M), PUSH_MAX_N)
            mag[gap > keep + PUSH_RANGE_M] = 0.0
            # Someone standing on the fire's very spot (who lit it) steps off in a direction of
            # his own (the golden angle times his index: no two neighbours alike, no draw).
            angle = people * GOLDEN_ANGLE
            fallback = np.column_stack((pmath.cos(angle), pmath.sin(angle)))
            unit = np.where(d[:, None] > 1e-6, away / np.maximum(d, 1e-6)[:, None], fallback)
            force[people] += unit * mag[:, None]
