"""Stones and bottles thrown over the heads of the crowd at the police.

Who throws: an agresif person on his feet and free (`Riot.free`, not fleeing gas) with a
standing officer between `THROW_MIN_M` and `THROW_MAX_M` away. Closer than 5 m a rioter is in
the line's face and strikes or pushes rather than lobs; beyond 25 m an untrained arm has lost
its aim (a man throws a fist-sized stone 30-40 m at most: v0 = sqrt(g·R) ≈ 17-20 m/s at 45°;
aimed throws are shorter). He throws at the *nearest* standing officer, then again after
`THROW_INTERVAL_S` × U(0.5, 1.5) (finding a stone or bottle, stepping up, aiming); someone who
has just turned agresif throws his first after U(0, 1) × the interval. Game-design values.

Flight: horizontal speed `SPEED_MPS` by kind (a 45° lob at 17-20 m/s has 12-14 m/s horizontal
speed; the heavier bottle goes slower), so a throw over 15 m takes about a second. It lands at
the aimed point (where the officer stood at the throw) plus a normal scatter of
`SCATTER_PER_M` × distance per axis (0.7 m at 12 m, 1.5 m at 25 m: untrained throwers at a
man-sized target). At landing it hits the standing officer whose body covers the landing point
(any officer, not only the one aimed at): the body and the shields are checked *then*, so an
officer who stepped aside is missed and one who stepped in is hit.

Blocking, per hit, with the direction officer → thrower and `shields.shield_covers`:

* a shield held in front (hold, brace, any order but berlindung) covers its arc, but a lob
  comes down at 40-50° over the top edge of a shield held at chest height: only
  `FRONT_LOB_BLOCK` of hits within the arc are stopped, none outside it;
* berlindung raises the shields and tilts them over the head: every hit within the (wider) arc
  is stopped, and outside it the raised shields of the neighbours form a roof (the testudo)
  that stops `ROOF_BLOCK` of what drops in from the side or behind. This is what berlindung is
  for (domain brief §1.3: shields up against thrown objects).

An unblocked hit tires the officer by `HIT_FATIGUE` and injures him with `INJURE_P[kind]`
(times `HELMET_FACTOR` if his unit wears helmets): he falls (state DOWN, like an officer knocked
down by the crowd's load: he lies where he is, counts in `world.injuries["officer"]`, and his
operation fails as for any officer down). Injury probabilities are game-design values: a 0.3-0.5
kg stone at 14 m/s carries 30-50 J, the order of the energy at which blunt impacts to an
unprotected head or face cause cuts and fractures; a bottle of the same mass, slower, mostly
shatters on the helmet or shoulder and cuts. Helmets cut head injury by about half or more
(motorcycle helmets ~70 %, Liu et al. 2008 Cochrane review; a riot helmet with visor is in that
class).

Projectiles in flight are rows of numpy arrays (`origin`, `landing`, `t_launch`, `t_land`,
`kind`) for the UI to draw; no Python loop runs per thrower, and only per landing projectile
for its timeline event when it injures someone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import cKDTree

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.police.shields import shield_covers

if TYPE_CHECKING:
    from sispam.sim.world import World

STONE, BOTTLE = 0, 1
KINDS = ("stone", "bottle")
STONE_SHARE = 0.6  # paving blocks and stones are the common missile; bottles the rest
THROW_MIN_M = 5.0
THROW_MAX_M = 25.0
THROW_INTERVAL_S = 10.0
LOOK_AGAIN_S = 1.0  # someone ready to throw with no officer in range looks again after this
SPEED_MPS = (14.0, 12.0)  # horizontal speed of a stone, a bottle
SCATTER_PER_M = 0.06
PROJECTILE_RADIUS_M = 0.05  # hits whoever's body is within his radius plus this of the landing point
FRONT_LOB_BLOCK = 0.5
ROOF_BLOCK = 0.7
HIT_FATIGUE = 0.05  # pain and flinching: twenty unblocked hits exhaust an officer
INJURE_P = (0.3, 0.15)  # stone, bottle
HELMET_FACTOR = 0.5


class Projectiles:
    """Throws, flights and landings (see the module docstring).

    Attributes:
        origin, landing: (k, 2) where each projectile in flight was thrown from and lands (m).
        t_launch, t_land: (k,) when it was thrown and when it lands (s).
        kind: (k,) `STONE` or `BOTTLE`.
        thrown, hit, blocked, injured: counts so far (hit counts every landing on an officer,
            blocked ones included).
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.next_throw_t = np.full(world.bodies.n_crowd, np.nan)
        self.origin = np.zeros((0, 2))
        self.landing = np.zeros((0, 2))
        self.t_launch = np.zeros(0)
        self.t_land = np.zeros(0)
        self.kind = np.zeros(0, np.int8)
        self.thrown = self.hit = self.blocked = self.injured = 0
        self.by_kind = {k: 0 for k in KINDS}

    def update(self, agresif: np.ndarray) -> tuple[int, np.ndarray]:
        """Land what is due, then let `agresif` people (body indices, free and able) throw.

        Returns the number thrown this step and the body indices of officers injured."""
        hurt = self._land()
        return self._throw(agresif), hurt

    # --- throwing -------------------------------------------------------------------------

    def _throw(self, agresif: np.ndarray) -> int:
        w = self.world
        t, rng = w.t, w.rng
        nxt = self.next_throw_t
        able = np.zeros(len(nxt), bool)
        able[agresif] = True
        nxt[~able] = np.nan
        new = agresif[np.isnan(nxt[agresif])]
        if len(new):
            nxt[new] = t + THROW_INTERVAL_S * rng.uniform(0.0, 1.0, len(new))
        due = agresif[nxt[agresif] <= t + 1e-9]
        if len(due) == 0:
            return 0
        b = w.bodies
        officers = b.n_crowd + np.flatnonzero(b.state[b.n_crowd:] == BodyState.ACTIVE)
        if len(officers) == 0:
            nxt[due] = t + LOOK_AGAIN_S
            return 0
        dist, k = cKDTree(b.pos[officers]).query(b.pos[due], k=1)
        ok = (dist >= THROW_MIN_M) & (dist <= THROW_MAX_M)
        nxt[due[~ok]] = t + LOOK_AGAIN_S
        due, dist, aim = due[ok], dist[ok], b.pos[officers[k[ok]]]
        n = len(due)
        if n == 0:
            return 0
        kind = np.where(rng.random(n) < STONE_SHARE, STONE, BOTTLE).astype(np.int8)
        landing = aim + pmath.standard_normal(rng, (n, 2)) * (SCATTER_PER_M * dist)[:, None]
        nxt[due] = t + THROW_INTERVAL_S * rng.uniform(0.5, 1.5, n)
        speed = np.asarray(SPEED_MPS)[kind]
        self.origin = np.concatenate((self.origin, b.pos[due]))
        self.landing = np.concatenate((self.landing, landing))
        self.t_launch = np.concatenate((self.t_launch, np.full(n, t)))
        self.t_land = np.concatenate((self.t_land, t + pmath.hypot(*(landing - b.pos[due]).T) / speed))
        self.kind = np.concatenate((self.kind, kind))
        if self.thrown == 0:
            w.note("first_projectile", {"thrower": int(due[0]), "kind": KINDS[kind[0]],
                                        "x": round(float(b.pos[due[0], 0]), 2), "y": round(float(b.pos[due[0], 1]), 2)})
        self.thrown += n
        for k_, c in zip(*np.unique(kind, return_counts=True), strict=True):
            self.by_kind[KINDS[int(k_)]] += int(c)
        return n

    # --- landing --------------------------------------------------------------------------

    def _land(self) -> np.ndarray:
        w = self.world
        landed = self.t_land <= w.t + 1e-9
        if not landed.any():
            return np.empty(0, np.int64)
        origin, at, kind = self.origin[landed], self.landing[landed], self.kind[landed]
        keep = ~landed
        self.origin, self.landing = self.origin[keep], self.landing[keep]
        self.t_launch, self.t_land, self.kind = self.t_launch[keep], self.t_land[keep], self.kind[keep]

        b, o = w.bodies, w.officers
        officers = b.n_crowd + np.flatnonzero(b.state[b.n_crowd:] == BodyState.ACTIVE)
        if len(officers) == 0:
            return np.empty(0, np.int64)
        gap = pmath.hypot(at[:, None, 0] - b.pos[officers][None, :, 0], at[:, None, 1] - b.pos[officers][None, :, 1])
        gap -= b.radius[officers][None, :] + PROJECTILE_RADIUS_M
        struck = gap.min(axis=1) <= 0.0
        if not struck.any():
            return np.empty(0, np.int64)
        who = officers[np.argmin(gap[struck], axis=1)]
        origin, kind = origin[struck], kind[struck]
        units = [w.units[int(u)] for u in o.unit[who - b.n_crowd]]
        facing = np.array([u.facing_deg for u in units])
        radius = np.array([u.spec.radius_m for u in units])
        shield = np.array([u.spec.shield for u in units], bool)
        up = np.array([u.shields_up for u in units], bool)
        helmet = np.array([u.spec.helmet for u in units], bool)
        towards = origin - b.pos[who]
        covers = np.zeros(len(who), bool)
        for r in np.unique(radius):  # one call per body size (unit type), not per hit
            same = radius == r
            covers[same] = shield_covers(facing[same], towards[same], float(r), shields_up=up[same])
        covers &= shield
        stop_p = np.where(covers, np.where(up, 1.0, FRONT_LOB_BLOCK), np.where(shield & up, ROOF_BLOCK, 0.0))
        blocked = w.rng.random(len(who)) < stop_p
        self.hit += len(who)
        self.blocked += int(blocked.sum())
        through = ~blocked
        victims, kinds = who[through], kind[through]
        np.add.at(o.fatigue, victims - b.n_crowd, HIT_FATIGUE)
        np.clip(o.fatigue, 0.0, 1.0, out=o.fatigue)
        injure_p = np.asarray(INJURE_P)[kinds] * np.where(helmet[through], HELMET_FACTOR, 1.0)
        injured = w.rng.random(len(victims)) < injure_p
        hurt: list[int] = []
        for i, k in zip(victims[injured], kinds[injured], strict=True):
            if b.state[i] != BodyState.ACTIVE:  # two hits in one step: he is already down
                continue
            b.state[i] = BodyState.DOWN
            w.injuries["officer"] += 1
            self.injured += 1
            hurt.append(int(i))
            unit = w.units[int(o.unit[i - b.n_crowd])]
            w.note("officer_hit", {"id": int(i), "unit": unit.id, "kind": KINDS[int(k)],
                                   "x": round(float(b.pos[i, 0]), 2), "y": round(float(b.pos[i, 1]), 2)})
            w.officer_fell(int(i))
        return np.asarray(hurt, np.int64)

    def summary(self) -> dict[str, int]:
        """Counts for the report."""
        return {"thrown": self.thrown, "hit": self.hit, "blocked": self.blocked, "injured": self.injured,
                "in_flight": len(self.kind), "stones": self.by_kind["stone"], "bottles": self.by_kind["bottle"]}
