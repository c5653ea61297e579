"""Shops damaged and looted by agresif people.

Every obstacle of kind `shop` has a strength of `SHOP_STRENGTH_PERSON_S` person-seconds of
damage: a roller shutter or a glass front that a handful of rioters with stones and bars force
in about half a minute (five people × 25 s), a game-design value. Agresif people on their feet
and free (`Riot.free`, not fleeing gas) whose centre is within `ATTRACT_M` of a shop's outline
are drawn to it: their `crowd.goal` becomes a navigation goal against the shop's wall nearest to
them (`goals.goal_against`, computed once per shop and side when first needed). While within
`REACH_M` of the outline (body radius plus an arm with a bar or a stone) each adds one second of
damage per second. At zero strength the shop is broken into and looted ("shop_looted"); it draws
no one any more, and its looters go back to where they were going. Someone drawn to a shop who
stops being agresif (or is seized, or flees gas) also goes back to his own goal. Timeline:
"shop_damaged" at the first damage, "shop_looted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from sispam.sim.geometry import points_in_shape
from sispam.sim.riot.goals import goal_against
from sispam.sim.scenario import Obstacle, ObstacleKind

if TYPE_CHECKING:
    from sispam.sim.world import World

SHOP_STRENGTH_PERSON_S = 120.0
ATTRACT_M = 15.0  # a shop front in view across a street or square
REACH_M = 1.0


@dataclass(slots=True)
class Shop:
    """One shop's state: strength left (person-seconds), whether damaged or looted, and the
    goals (by navigation goal index) people have been sent to against its walls."""

    obstacle: Obstacle
    strength: float = SHOP_STRENGTH_PERSON_S
    damaged_t: float | None = None
    looted_t: float | None = None
    goals: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The obstacle's id."""
        return self.obstacle.id


class Looting:
    """The shops of the map and the people going for them (see the module docstring).

    Attributes:
        shops: every shop of the map.
        drawn: (n_crowd,) index of the shop a person is drawn to, -1 for none.
        home_goal, home_exit: the goal (and whether it was an exit) the person had before.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.shops = [Shop(o) for o in world.scenario.obstacles if o.kind is ObstacleKind.SHOP and o.solid]
        n = world.bodies.n_crowd
        self.drawn = np.full(n, -1, np.int32)
        self.home_goal = np.zeros(n, np.int32)
        self.home_exit = np.zeros(n, bool)

    def update(self, agresif: np.ndarray) -> tuple[list[Shop], list[Shop], bool]:
        """Draw, damage, loot; `agresif` are the people who may take part (free, able).
        Returns the shops first damaged and those looted this step, and whether any damage was done."""
        if not self.shops:
            return [], [], False
        w = self.world
        b = w.bodies
        able = np.zeros(b.n_crowd, bool)
        able[agresif] = True
        self._release(np.flatnonzero((self.drawn >= 0) & ~able))
        first, looted, damage = [], [], False
        for k, shop in enumerate(self.shops):
            if shop.looted_t is not None:
                continue
            pos = b.pos[agresif]
            near = points_in_shape(pos, shop.obstacle.shape, ATTRACT_M)
            new = agresif[near & (self.drawn[agresif] < 0)]
            if len(new):
                self._draw(new, k)
            at = agresif[points_in_shape(pos, shop.obstacle.shape, REACH_M) & (self.drawn[agresif] == k)]
            if len(at) == 0:
                continue
            damage = True
            if shop.damaged_t is None:
                shop.damaged_t = w.t
                first.append(shop)
                w.note("shop_damaged", {"shop": shop.id, "people": len(at)})
            shop.strength -= len(at) * w.dt
            if shop.strength <= 0.0:
                shop.strength = 0.0
                shop.looted_t = w.t
                looted.append(shop)
                w.note("shop_looted", {"shop": shop.id, "people": len(at),
                                       "after_s": round(w.t - shop.damaged_t, 3)})
                self._release(np.flatnonzero(self.drawn == k))
        return first, looted, damage

    def _draw(self, people: np.ndarray, k: int) -> None:
        """Send `people` to shop `k`: to the goal against the wall nearest to them."""
        w, c = self.world, self.world.crowd
        shop = self.shops[k]
        goal, _ = goal_against(w, shop.obstacle.shape, w.bodies.pos[people].mean(axis=0))
        if goal not in shop.goals:
            shop.goals.append(goal)
        self.home_goal[people] = c.goal[people]
        self.home_exit[people] = c.goal_is_exit[people]
        self.drawn[people] = k
        c.goal[people] = goal
        c.goal_is_exit[people] = False

    def _release(self, people: np.ndarray) -> None:
        """People no longer drawn to a shop go back to their own goal (unless an order gave them
        another one meanwhile)."""
        if len(people) == 0:
            return
        c = self.world.crowd
        back = people[np.isin(c.goal[people], [g for s in self.shops for g in s.goals])]
        c.goal[back] = self.home_goal[back]
        c.goal_is_exit[back] = self.home_exit[back]
        self.drawn[people] = -1

    def summary(self) -> dict[str, object]:
        """For the report: shops on the map, damaged, looted, and each shop's state."""
        return {
            "shops": len(self.shops),
            "damaged": sum(s.damaged_t is not None for s in self.shops),
            "looted": sum(s.looted_t is not None for s in self.shops),
            "by_shop": [{"id": s.id, "strength_left": round(s.strength, 2),
                         "damaged_t": None if s.damaged_t is None else round(s.damaged_t, 3),
                         "looted_t": None if s.looted_t is None else round(s.looted_t, 3)} for s in self.shops],
        }
