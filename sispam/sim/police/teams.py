"""Small teams acting on one person: choosing him, walking a tight formation to him, holding
or carrying him, and taking him off the map (shared by arrest, evacuation and negotiation).

A team moves physically, like a line: the operation sets its officers' slot *targets* (see
`movement.Lines`), the slots walk there at the team's speed and never lead their officers by
more than `lead_m`, so a team pushing through a dense crowd goes only as fast as its officers
can push. A person held or carried by a team has his own drive replaced (in the operation's
`add_forces`, which runs after `motion.forces`) by a bounded spring towards the team's centre:
he goes where the team goes unless the crowd pulls harder than the grip.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.police.formations import slot_offsets, world_slots
from sispam.sim.police.movement import assign_slots
from sispam.sim.scenario import Formation
from sispam.sim.sight import clear_paths, in_sight

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit
    from sispam.sim.world import World

CONTACT_GAP_M = 0.15  # surfaces this close: an officer has his hands on the person
TRAIL_STEP_M = 0.6  # a file through a gate: one man every shoulder width behind the other
# An officer this close to his slot (keeping up with it, as most do) is not looked at for a wall
# between them: a ray each step for every man of a large team would cost more than the rare case.
OWN_SLOT_NEAR_M = 1.0
TRAIL_KEEP = 150  # 90 m of trail: back to the gate from anywhere a team is sent
# A gripped person is held on the team's centre by a spring reaching GRIP_N at GRIP_STIFF_AT_M:
# two officers holding his arms, each pulling with about the 600 N a braced man sustains
# (Evans & Hayden 1971, as quoted in units.py, give ~800 N pushing; pulling is weaker).
GRIP_N = 1200.0
GRIP_STIFF_AT_M = 0.3
RING_SPACING_M = 0.6  # officers around a held person stand a shoulder width apart
RING_MIN_RADIUS_M = 0.55  # room for the person (r ≤ 0.25 m) inside a ring of officers
# The ring's centre advances only while the `HOLDERS` officers nearest to it are within
# `HOLD_REACH_M` of it: two men walk a held man out by his arms (an arm's length plus two
# bodies); the rest of the team closes round them as the crowd lets it.
HOLDERS = 2
HOLD_REACH_M = 1.0

LOOKAHEAD_M = 2.5  # a team aims this far ahead along the navigation field (round walls, through gates)


def nearest(world: World, candidates: np.ndarray, point: np.ndarray) -> int | None:
    """The candidate (body index) nearest to `point`, or None if there is none."""
    if len(candidates) == 0:
        return None
    d = pmath.hypot(*(world.bodies.pos[candidates] - point).T)
    return int(candidates[int(np.argmin(d))])


def surface_gap(world: World, people: np.ndarray, person: int) -> np.ndarray:
    """Distance between the body surfaces of each of `people` and `person` (m)."""
    b = world.bodies
    gap: np.ndarray = pmath.hypot(*(b.pos[people] - b.pos[person]).T) - b.radius[people] - b.radius[person]
    return gap


def toward(world: World, goal: int, here: np.ndarray, there: np.ndarray) -> tuple[np.ndarray, bool]:
    """Where a team at `here` heading for `there` aims, and whether that is `there` itself:
    straight when no wall is in between, else `LOOKAHEAD_M` along the walking directions of the
    navigation goal `goal` (round fences, through gates)."""
    if in_sight(world.walls, here, there[None], 0.0)[0]:
        return there, True
    return here + LOOKAHEAD_M * world.nav.direction_at(goal, here)[0], False


def hands_on(world: World, unit: Unit, person: int, held_s: float) -> float:
    """Seconds a team has had its hands on a person: `held_s` grows by a step while one of its
    standing officers touches him and counts back down while none does."""
    if (surface_gap(world, world.standing(unit), person) < CONTACT_GAP_M).any():
        return held_s + world.dt
    return max(0.0, held_s - world.dt)


def facing_deg(origin: np.ndarray, to: np.ndarray, default: float) -> float:
    """Direction from `origin` to `to` in degrees (`default` if they coincide)."""
    d = np.asarray(to, float) - np.asarray(origin, float)
    if pmath.hypot(d[0], d[1]) < 1e-6:
        return default
    return math.degrees(pmath.arctan2(d[1], d[0]))


def wedge_offsets(unit: Unit) -> np.ndarray:
    """Paruh lembing (wedge) slot offsets of the unit, the point man first at (0, 0)."""
    return slot_offsets(Formation.PARUH_LEMBING, unit.count, unit.spec.spacing_m, None)


def ring_offsets(count: int) -> np.ndarray:
    """Officers in a ring around a held person at (0, 0), a shoulder width apart."""
    radius = max(RING_MIN_RADIUS_M, count * RING_SPACING_M / (2 * math.pi))
    a = 2 * math.pi * np.arange(count) / max(count, 1)
    return np.column_stack((radius * pmath.sin(a), radius * pmath.cos(a)))


class TeamShape:
    """A unit's officers on a formation that the operation moves every step.

    Officer k keeps the slot `perm[k]` of `offsets` (assigned once, Hungarian, when the shape
    is taken), so a moving formation does not reshuffle its officers.

    Where a wall or fence stands between the formation's anchor and a slot (a wedge going out
    through a gate and along the fence outside), that officer does not walk to the slot on the
    wrong side of it: he follows the anchor's trail, `TRAIL_STEP_M` behind it for each place he
    has in the formation, the way a file goes through a gate. An officer with a wall between
    himself and his slot (pushed in beside the gate post as the file went out) goes back to the
    latest point of the trail that he reaches and that sees his slot. If that place on the trail is
    itself beyond a wall from where he stands (he was held back in the gate and the file went on
    round the corner), he walks to the latest point of the trail he can reach straight, and so
    along the trail through the gate after the others.
    """

    def __init__(self, world: World, unit: Unit, offsets: np.ndarray, anchor: np.ndarray, facing: float) -> None:
        self.world, self.unit, self.offsets = world, unit, offsets
        slots = world_slots(offsets, tuple(anchor), facing)
        self.perm = assign_slots(world.bodies.pos[unit.indices], slots)
        self.trail = [np.asarray(anchor, float).copy()]  # where the anchor went, newest last

    def place(self, anchor: np.ndarray, facing: float) -> None:
        """Send the officers' slots towards the formation at `anchor` facing `facing` degrees."""
        w = self.world
        anchor = np.asarray(anchor, float)
        if pmath.hypot(*(anchor - self.trail[-1])) >= TRAIL_STEP_M:
            self.trail.append(anchor.copy())
            del self.trail[:-TRAIL_KEEP]
        slots = world_slots(self.offsets, tuple(anchor), facing)[self.perm]
        cut_off = ~in_sight(w.walls, anchor, slots, 0.0)
        pos = w.bodies.pos[self.unit.indices]
        trail = np.asarray(self.trail)
        steps = np.arange(len(trail))
        cut = np.flatnonzero(cut_off)
        if len(cut):
            place = np.maximum(len(trail) - 2 - self.perm[cut], 0)  # his place in the file behind the point
            k, j = np.nonzero(steps[None, :] <= place[:, None])  # each man and the trail up to his place
            reach = np.zeros((len(cut), len(trail)), bool)
            reach[k, j] = clear_paths(w.walls, pos[cut][k], trail[j])
            slots[cut] = trail[np.where(reach.any(axis=1), _latest(reach), place)]
        # An officer with a wall between himself and his slot (squeezed in beside the gate post
        # as the file went out) would walk along the wall towards it: he goes back to the latest
        # point of the trail that he can reach and that sees his slot (the gate). With no such
        # point (a negotiator whose team's point was set down beyond the fence) he keeps his slot.
        far = pmath.hypot(*(slots - pos).T) > OWN_SLOT_NEAR_M  # a man keeping up with his slot is not looked at
        away = np.flatnonzero(~cut_off & far)
        walled = away[~clear_paths(w.walls, pos[away], slots[away])] if len(away) else away
        if len(walled):
            k, j = np.divmod(np.arange(len(walled) * len(trail)), len(trail))  # each man and each trail point
            via = (clear_paths(w.walls, pos[walled][k], trail[j])
                   & clear_paths(w.walls, slots[walled][k], trail[j])).reshape(len(walled), len(trail))
            found = via.any(axis=1)
            slots[walled[found]] = trail[_latest(via)[found]]
        w.officers.target[self.unit.indices - w.bodies.n_crowd] = slots

    def lead(self) -> int:
        """Body index of the officer on the first slot (the point man of a wedge)."""
        return int(self.unit.indices[int(np.flatnonzero(self.perm == 0)[0])])


def _latest(rows: np.ndarray) -> np.ndarray:
    """Per row of a boolean matrix, the column of its last True (the last column for a row with
    none: the callers look only at rows with one)."""
    latest: np.ndarray = rows.shape[1] - 1 - np.argmax(rows[:, ::-1], axis=1)
    return latest


def hold_on(world: World, force: np.ndarray, person: int, point: np.ndarray, point_vel: np.ndarray) -> None:
    """Replace the force on `person` by a grip pulling him to `point` (moving at `point_vel`):
    a critically damped spring capped at `GRIP_N`. His own drive and social forces are dropped,
    which is what being held means."""
    b = world.bodies
    m = float(b.mass[person])
    stiffness = GRIP_N / GRIP_STIFF_AT_M
    damping = 2.0 * math.sqrt(stiffness * m)
    f = stiffness * (point - b.pos[person]) - damping * (b.vel[person] - point_vel)
    size = pmath.hypot(f[0], f[1])
    if size > GRIP_N:
        f *= GRIP_N / size
    force[person] = f


def remove_person(world: World, person: int, state: BodyState) -> None:
    """Take a person off the map (arrested and handed over, or evacuated)."""
    body = world._pymunk_bodies[person]
    if body is not None:
        world.space.remove(body, *body.shapes)
        world._pymunk_bodies[person] = None
    world.bodies.state[person] = state
    world.bodies.vel[person] = 0.0
    world._bodies_changed = True


class Carry:
    """A team walking a held person somewhere in a ring around him.

    The ring's centre starts on the person and walks towards the waypoint at `speed_mps`, but
    only while his holders (the `HOLDERS` standing officers nearest to it) keep within
    `HOLD_REACH_M` of it: holders held up by the crowd hold the person up too.
    """

    def __init__(self, world: World, unit: Unit, person: int, speed_mps: float) -> None:
        self.world, self.unit, self.person, self.speed = world, unit, person, speed_mps
        self.centre = world.bodies.pos[person].copy()
        self.centre_vel = np.zeros(2)
        self.shape = TeamShape(world, unit, ring_offsets(unit.count), self.centre, 0.0)

    def advance(self, waypoint: np.ndarray) -> None:
        """Walk the centre a step towards `waypoint` if the team keeps up; move the ring."""
        w = self.world
        here = w.standing(self.unit)
        step = np.zeros(2)
        if len(here) >= HOLDERS:
            reach = np.sort(pmath.hypot(*(w.bodies.pos[here] - self.centre).T))[HOLDERS - 1]
            to_go = waypoint - self.centre
            dist = pmath.hypot(to_go[0], to_go[1])
            if reach < HOLD_REACH_M and dist > 1e-9:
                step = to_go * (min(dist, self.speed * w.dt) / dist)
        self.centre = self.centre + step
        self.centre_vel = step / w.dt
        self.shape.place(self.centre, 0.0)

    def grip(self, force: np.ndarray) -> None:
        """Hold the person on the ring's centre."""
        hold_on(self.world, force, self.person, self.centre, self.centre_vel)

    def slipped(self, max_m: float) -> bool:
        """Whether the person got further than `max_m` from the ring's centre."""
        return float(pmath.hypot(*(self.world.bodies.pos[self.person] - self.centre))) > max_m
