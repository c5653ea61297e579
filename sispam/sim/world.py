"""The world: a pymunk space, the people in it as numpy arrays, and the fixed step.

`World(scenario)` builds everything from a `Scenario`; `step()` advances it by `DT_S`. The
step first *computes* every force from the current state, then *applies* them all at once
through one `space.step`, then reads the new state and measures it; no one sees a half-updated
neighbour. One seeded `numpy.random.Generator` makes every random choice; nothing reads the
clock, so the same scenario and seed give a bit-identical run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pymunk
from scipy.spatial import cKDTree

from sispam.sim import params, pmath
from sispam.sim.batch import BatchIO
from sispam.sim.bodies import Bodies, BodyKind, BodyState
from sispam.sim.contacts import contact_loads
from sispam.sim.crowd import Crowd
from sispam.sim.fires import Fire, update_fires
from sispam.sim.fluctuation import Fluctuations
from sispam.sim.gas import GasField
from sispam.sim.geometry import points_in_shape
from sispam.sim.injects import Injects
from sispam.sim.keep_side import KeepSide
from sispam.sim.metrics import Measurements, update_crush_dose, update_strain
from sispam.sim.mood import Mood, draw_dispositions, push_effort
from sispam.sim.motion import forces, overtake_pace_mps, steer
from sispam.sim.navigation import GoalKey, NavField, WallField, goal_key_for_point
from sispam.sim.neighbours import scan_neighbours
from sispam.sim.objectives import Objectives, crowd_tally
from sispam.sim.physics import Category, CollisionType, add_static_geometry, make_space, shape_filter
from sispam.sim.police import shields
from sispam.sim.police.command import Command, Issued
from sispam.sim.police.cordon import Cordons
from sispam.sim.police.ladder import ForceLadder
from sispam.sim.police.movement import Lines
from sispam.sim.police.officers import Officers, Unit
from sispam.sim.police.operations import OPERATIONS
from sispam.sim.police.orders import LINE_UNITS, Order
from sispam.sim.riot import Riot
from sispam.sim.scenario import GoalKind, Scenario, Zone, ZoneRole
from sispam.sim.script import Script
from sispam.sim.situation import Situation
from sispam.sim.spawning import Spawner
from sispam.sim.vehicles import Vehicles


@dataclass(frozen=True, slots=True)
class Event:
    """Something notable, for the report's timeline."""

    t: float
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)


class World:
    """A running simulation of one scenario.

    Args:
        scenario: what to build.
        seed: overrides the scenario's seed.
    """

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.rng = np.random.default_rng(self.seed)
        self.dt = params.DT_S
        self.step_count = 0
        self.events: list[Event] = []

        self.space = make_space()
        add_static_geometry(self.space, scenario)
        self.walls = WallField(scenario)
        self._spawner = Spawner(scenario.zones, self.walls, self.rng)

        n_crowd = sum(g.count for g in scenario.crowd)
        self.units = []
        first = n_crowd
        for u in scenario.units:
            self.units.append(Unit.from_scenario(u, first))
            first += u.officers
        self.bodies = Bodies(n_crowd, first - n_crowd)
        self.crowd = Crowd(n_crowd)
        self.officers = Officers(self.units, n_crowd)
        self._pymunk_bodies: list[pymunk.Body | None] = [None] * self.bodies.n
        self._body_ids = np.zeros(self.bodies.n, np.uint64)  # pymunk's id of each body on the map
        self.nav = NavField(scenario, self._assign_crowd())
        self._assign_officers()
        self.io = BatchIO(self.space)
        self.measure = Measurements(self.bodies.n, self.units, scenario.size,
                                    tuple(z for z in scenario.zones if z.role is ZoneRole.MEASUREMENT))
        self._protected = [z for z in scenario.zones if z.role is ZoneRole.PROTECTED]
        self._exits = [z for z in scenario.zones if z.role is ZoneRole.EXIT]
        self._group_seen = np.zeros(len(scenario.crowd), bool)
        self.injuries = {"civilian": 0, "officer": 0}
        self.breaches = 0
        self.zone_breaches: dict[str, int] = {z.id: 0 for z in scenario.zones if z.role is ZoneRole.PROTECTED}
        self._bodies_changed = False
        self.heading = np.zeros((self.bodies.n, 2))  # walking direction, the crowd's "forward"
        self.keep_side = KeepSide(self.bodies.n, self.scenario.size, self.walls)
        # The random shoves draw from their own child generator: no other draw moves.
        self.fluctuations = Fluctuations(n_crowd, self.rng.spawn(1)[0], self.dt)
        self.lines = Lines(self)
        self.ladder = ForceLadder(n_crowd)
        self.command = Command(self, OPERATIONS)
        self.cordon = Cordons(self)
        self._social_radius = shields.social_radius(self)
        # Area effects (issue 3): vehicles (the water cannon), the tear gas field, fires.
        self.vehicles = Vehicles(self)
        self.gas = GasField(scenario)
        self.fires: list[Fire] = []
        self.mood = Mood(self)
        self.ladder.listener = self.mood.force_used
        self.riot = Riot(self)
        self.situation = Situation(self)
        self.script = Script(self)
        self.injects = Injects(self)
        self.objectives = Objectives(self)
        self._crowd_tree: tuple[int, cKDTree | None, np.ndarray] | None = None
        self._arrivals()
        self.vehicles.update()
        self._register()
        self.io.read_bodies(self.bodies.pos, self.bodies.vel)

    # --- building -------------------------------------------------------------------------

    @property
    def t(self) -> float:
        """Simulation time in seconds (step count × dt, so it never drifts)."""
        return self.step_count * self.dt

    def _assign_crowd(self) -> list[GoalKey]:
        """Draw every crowd member's parameters; return the goals the navigation must know."""
        b, c, rng = self.bodies, self.crowd, self.rng
        goals: list[GoalKey] = []
        moods: list[tuple[slice, float, float]] = []
        zone_ids = [z.id for z in self.scenario.zones]
        start = 0
        for g_idx, group in enumerate(self.scenario.crowd):
            sl = slice(start, start + group.count)
            start += group.count
            point = group.goal.point if group.goal.kind is GoalKind.POINT else None  # set for POINT (Goal says)
            key = goal_key_for_point(point) if point is not None else ("zone", group.goal.zone or "")
            if key not in goals:
                goals.append(key)
            c.group[sl] = g_idx
            c.goal[sl] = goals.index(key)
            c.goal_is_exit[sl] = group.goal.kind is GoalKind.EXIT
            c.spawn_zone[sl] = zone_ids.index(group.spawn)
            c.agitation[sl] = group.agitation
            moods.append((sl, group.hardship, group.legitimacy))
            roles = [r for r, _ in group.roles]
            weights = np.array([w for _, w in group.roles], float)
            counts = np.floor(weights / weights.sum() * group.count).astype(int)
            counts[np.argmax(weights)] += group.count - counts.sum()
            role_idx = np.repeat([Crowd.ROLES.index(r) for r in roles], counts)
            c.role[sl] = rng.permutation(role_idx)
            c.free_speed[sl] = np.clip(pmath.normal(rng, group.speed_mean_mps, group.speed_sd_mps, group.count),
                                       *params.SPEED_CLIP_MPS)
            spread = group.arrival_spread_s * np.arange(group.count) / max(group.count, 1)
            # A group that waits for a scripted event has no arrival time until the event.
            c.arrival_s[sl] = np.inf if group.on_event else group.arrival_s + spread
            b.radius[sl] = rng.uniform(*params.CROWD_RADIUS_RANGE_M, group.count)
            # Heavier people are broader: mass follows radius across the SPEC's range.
            share = (b.radius[sl] - params.CROWD_RADIUS_RANGE_M[0]) / np.ptp(params.CROWD_RADIUS_RANGE_M)
            lo, hi = params.CROWD_MASS_RANGE_KG
            b.mass[sl] = lo + (hi - lo) * np.clip(share + pmath.normal(rng, 0, 0.15, group.count), 0, 1)
        # The mood's dispositions come from a child of the world's generator: no other draw moves.
        draw_dispositions(c, moods, rng.spawn(1)[0])
        c.mood_driven = self.scenario.mood
        c.effort[:] = push_effort(c.agitation)
        return goals

    def _assign_officers(self) -> None:
        for unit in self.units:
            idx = unit.indices
            self.bodies.radius[idx] = unit.spec.radius_m
            self.bodies.mass[idx] = unit.spec.mass_kg

    def _add_body(self, i: int, xy: np.ndarray, collision: CollisionType) -> None:
        body = pymunk.Body(float(self.bodies.mass[i]), math.inf)
        body.position = (float(xy[0]), float(xy[1]))
        shape = pymunk.Circle(body, float(self.bodies.radius[i]))
        shape.friction = params.BODY_FRICTION
        shape.collision_type = collision
        shape.filter = shape_filter(Category.CROWD if collision is CollisionType.CROWD else Category.OFFICER)
        self.space.add(body, shape)
        self._pymunk_bodies[i] = body
        self._body_ids[i] = body.id
        self.bodies.pos[i] = xy
        self.bodies.vel[i] = 0.0
        self.bodies.state[i] = BodyState.ACTIVE

    def _register(self) -> None:
        present = np.flatnonzero(self.bodies.in_space())
        self.io.register(self._body_ids[present], present)

    def _arrivals(self) -> bool:
        """Put on the map every unit and crowd member whose time has come; True if any did."""
        changed = False
        for unit in self.units:
            if not unit.arrived and not unit.on_request and unit.arrival_s <= self.t + 1e-9:
                changed |= self._deploy(unit)
        crowd = self.crowd
        due = np.flatnonzero((self.bodies.state[: self.bodies.n_crowd] == BodyState.WAITING)
                             & (crowd.arrival_s <= self.t + 1e-9))
        if len(due):
            changed |= self._spawn(due)
        return changed

    def _deploy(self, unit: Unit) -> bool:
        """Put a due unit's officers on their slots, each as soon as nobody stands on it."""
        b = self.bodies
        waiting = unit.indices[b.state[unit.indices] == BodyState.WAITING]
        slots = self.officers.slot[waiting - b.n_crowd]
        present = b.in_space()
        if present.any():
            dist, nearest = cKDTree(b.pos[present]).query(slots, k=1)
            waiting = waiting[dist > b.radius[waiting] + b.radius[present][nearest]]
        if len(waiting) == 0:
            return False
        if (b.state[unit.indices] == BodyState.WAITING).all():
            self.events.append(Event(self.t, "unit_arrived", {"unit": unit.id, "officers": unit.count}))
        for i in waiting:
            self._add_body(int(i), self.officers.slot[i - b.n_crowd], CollisionType.OFFICER)
            shields.equip(self, unit, int(i))
        unit.arrived = bool((b.state[unit.indices] != BodyState.WAITING).all())
        return True

    def _spawn(self, due: np.ndarray) -> bool:
        """Place due crowd members where their spawn zone has room; the rest wait."""
        b = self.bodies
        idx, xy = self._spawner.place(due, self.crowd.spawn_zone[due], b.radius[due], b.pos[b.in_space()])
        for i, p in zip(idx, xy, strict=True):
            self._add_body(int(i), p, CollisionType.CROWD)
        for g in np.unique(self.crowd.group[idx]):
            if not self._group_seen[g]:
                self._group_seen[g] = True
                self.events.append(Event(self.t, "crowd_arrived", {"group": self.scenario.crowd[int(g)].id}))
        return len(idx) > 0

    # --- stepping -------------------------------------------------------------------------

    def step(self) -> None:
        """Advance the world by one fixed step of `dt` seconds."""
        b = self.bodies
        self.injects.update()  # an instructor's injects first: a replay gives them at the same step
        if self._arrivals() | self.vehicles.update() or self._bodies_changed:
            self._bodies_changed = False
            self._register()
            self.io.read_bodies(b.pos, b.vel)

        # Orders take effect and move the officers' slots ...
        self.command.update()
        self.lines.advance(self.dt)
        self.gas.update(self)  # gas moves, and people in it flee
        update_fires(self)
        # ... every force is computed from the current state ...
        steer(b, self.crowd, self.nav, self.heading)
        present = b.in_space()
        receiver = (b.state == BodyState.ACTIVE) & (b.kind == BodyKind.CROWD)
        self.keep_side.update(receiver, b.pos, self.heading, self.crowd.goal, self.nav.direction, self.nav.grid.cell,
                              b.radius)
        effort = self.crowd.push_effort()
        near = scan_neighbours(b.pos, b.vel_smooth, self._social_radius, self.heading, present, receiver,
                               overtake_pace_mps(b, self.crowd.free_speed, effort))
        self.fluctuations.advance()
        shoves = self.fluctuations.force(b.mass[: b.n_crowd], effort, self.heading[: b.n_crowd],
                                         b.compression_n[: b.n_crowd])
        forces(b, self.crowd, effort, self.officers, self.walls, near, self.heading, self.keep_side.lane, shoves,
               self.dt)
        self.command.add_forces(b.force)
        self.cordon.add_forces(b.force)
        self.riot.add_forces(b.force)
        # ... then applied all at once.
        self.io.write_forces(b.force)
        self.vehicles.add_forces()  # after the batch write, which zeroes bodies it does not know
        self._physics_step()
        self.step_count += 1
        self.io.read_bodies(b.pos, b.vel)
        b.vel_smooth += (b.vel - b.vel_smooth) * (self.dt / params.VELOCITY_SMOOTHING_S)

        self.measure.contacts(b, contact_loads(self.io.read_contacts(), b.n, b.n_crowd, self.dt), self.units,
                              self.cordon.loads())
        self.measure.crowding(b, near, present)
        self.measure.crowd_in_areas(b, present)
        self._injuries_and_knockdowns()
        self.officers.tire(self.measure.officer_crowd_load_n[b.n_crowd:], self.dt)
        self._zones()
        self.riot.update()
        self.mood.update()
        self.situation.update()
        self.script.update()
        self.objectives.update(final=self.t >= self.scenario.duration_s - 1e-9)
        self.command.after_step()
        self.cordon.after_step()

    def spawn_zone(self, zone: Zone) -> int:
        """Add an area people can be placed in (an inject's wave); returns its spawn zone index."""
        return self._spawner.add_zone(zone)

    def note(self, kind: str, detail: dict[str, Any]) -> None:
        """Put an event on the timeline at the current time."""
        self.events.append(Event(self.t, kind, detail))

    def tally(self) -> dict[str, int]:
        """Counts for objectives and event conditions (`objectives.crowd_tally`)."""
        return crowd_tally(self)

    def formation_changed(self, unit: Unit) -> None:
        """A unit took a new formation, facing or place: turn its shields, relink its rope or arms."""
        shields.face(self, unit)
        self.cordon.formation_changed(unit)

    def crowd_near(self, points: np.ndarray, reach_m: float) -> np.ndarray:
        """Active crowd members whose centre is within `reach_m` of any of `points`."""
        b = self.bodies
        if self._crowd_tree is None or self._crowd_tree[0] != self.step_count:
            active = np.flatnonzero(b.state[: b.n_crowd] == BodyState.ACTIVE)
            self._crowd_tree = (self.step_count, cKDTree(b.pos[active]) if len(active) else None, active)
        _, tree, active = self._crowd_tree
        if tree is None or len(points) == 0:
            return np.empty(0, np.int64)
        # scipy is untyped: its lists of indices come as Any, so `found` says it holds integers.
        hits = tree.query_ball_point(np.asarray(points, float), reach_m)
        found: npt.NDArray[np.int64] = np.unique(np.concatenate([np.asarray(h, np.int64) for h in hits]
                                                                + [np.empty(0, np.int64)]))
        return active[found]

    def standing(self, unit: Unit) -> np.ndarray:
        """Body indices of a unit's officers who are on their feet."""
        standing: np.ndarray = unit.indices[self.bodies.state[unit.indices] == BodyState.ACTIVE]
        return standing

    def crowd_touching(self, unit: Unit) -> np.ndarray:
        """Crowd members in contact (or a hand's breadth from it) with a unit's standing officers."""
        idx = self.standing(unit)
        reach = unit.spec.radius_m + params.CROWD_RADIUS_RANGE_M[1] + 0.05
        return self.crowd_near(self.bodies.pos[idx], reach)

    def _physics_step(self) -> None:
        """The pymunk part of the step (separate so the benchmark can time it alone)."""
        self.space.step(self.dt)

    def _injuries_and_knockdowns(self) -> None:
        b = self.bodies
        nc = b.n_crowd
        update_crush_dose(b.crush_dose[:nc], b.compression_n[:nc], self.dt)
        update_strain(b.strain_s[nc:], self.officers.knockdown_load_n, self.measure.officer_crowd_load_n[nc:], self.dt)
        active = b.state == BodyState.ACTIVE
        hurt = active[:nc] & (b.crush_dose[:nc] >= params.INJURY_DOSE)
        down = active & (b.kind == BodyKind.OFFICER) & (b.strain_s >= params.KNOCKDOWN_SUSTAIN_S)
        for i in np.flatnonzero(hurt):
            b.state[i] = BodyState.INJURED
            self._lie_down(int(i))
            self.injuries["civilian"] += 1
            self.events.append(Event(self.t, "civilian_injured", {"id": int(i), "x": round(float(b.pos[i, 0]), 2),
                                                                   "y": round(float(b.pos[i, 1]), 2)}))
        for i in np.flatnonzero(down):
            b.state[i] = BodyState.DOWN
            self.injuries["officer"] += 1
            unit = self.units[int(self.officers.unit[i - nc])]
            load = round(float(self.measure.officer_crowd_load_n[i]))
            self.events.append(Event(self.t, "officer_down", {"id": int(i), "unit": unit.id, "load_n": load}))
            self.officer_fell(int(i))

    def officer_fell(self, i: int) -> None:
        """Officer `i` is down (knocked down by the crowd or hit by a stone): he lies (see
        `_lie_down`), and if his unit stands as a line, the men on their feet close the ranks
        over him (`Lines.close_ranks`)."""
        self._lie_down(i)
        unit = self.units[int(self.officers.unit[i - self.bodies.n_crowd])]
        if self.command.keeps_line(unit.id) and self.lines.close_ranks(unit):
            self.note("ranks_closed", {"unit": unit.id, "standing": len(self.standing(unit))})

    def _lie_down(self, i: int) -> None:
        """Someone who collapses (a crowd member crushed, an officer down) lies below the
        shoulders that make the crowd's contacts: others step over and round him (he is no wall
        that freezes a press, and no post that plugs a line's gap), while medics still carry
        him and walls still hold him."""
        body = self._pymunk_bodies[i]
        assert body is not None  # who collapses is in the space
        for shape in body.shapes:
            shape.filter = shape_filter(Category.LYING)

    def _zones(self) -> None:
        b, c = self.bodies, self.crowd
        nc = b.n_crowd
        active = np.flatnonzero(b.state[:nc] == BodyState.ACTIVE)
        if len(active) == 0:
            return
        pos = b.pos[active]
        for zone in self._protected:
            inside = points_in_shape(pos, zone.shape)
            new = active[inside & ~c.breached[active] & ~c.arrested[active]]  # a held man is escorted in
            if len(new):
                c.breached[new] = True
                if self.breaches == 0:
                    self.events.append(Event(self.t, "first_breach", {"zone": zone.id}))
                self.breaches += len(new)
                self.zone_breaches[zone.id] += len(new)
        leaving = np.zeros(len(active), bool)
        for zone in self._exits:
            leaving |= points_in_shape(pos, zone.shape)
        leaving &= c.goal_is_exit[active]
        if leaving.any():
            for i in active[leaving]:
                self.space.remove(self._pymunk_bodies[i], *self._pymunk_bodies[i].shapes)
                self._pymunk_bodies[i] = None
                b.state[i] = BodyState.EXITED
                b.vel[i] = 0.0
            self._bodies_changed = True

    def run_until(self, t_s: float) -> None:
        """Step until the simulation time reaches `t_s` seconds (a whole number of steps: the
        first step at or after `t_s`). Runs on after the level is decided; a time already
        passed does nothing."""
        while self.t < t_s - 1e-9:
            self.step()

    def give(self, order: Order) -> Issued:
        """Give a police order, the way an order plan (`game.py run --plan`) gives it.

        The order is given at `order.t` (now or later: an order for a later time waits in the
        command queue) and takes effect after its command delay (`order.spec.delay_s`); a newer
        order to the same unit replaces it (see `sispam.sim.police.command`).

        Returns:
            The order's entry in the run's log (`command.log`), whose `status` follows it:
            pending → given → active → done, or cancelled.

        Raises:
            OrderRefused: there is no such unit, the unit cannot carry the order out, a value
                is not usable, or `order.t` lies before the current time.
        """
        return self.command.issue(order)

    # --- reading --------------------------------------------------------------------------

    @property
    def positions(self) -> np.ndarray:
        """(n, 2) every person's position (m; x east, y north, [0, 0] the map's south-west
        corner), row = stable body index: crowd members 0..n_crowd-1, then the officers.

        A read-only view that follows the world as it steps: copy it to keep a snapshot. The
        rows of people not on the map (see `states`) hold where they were last (0, 0 before
        they arrive)."""
        return _read_only(self.bodies.pos)

    @property
    def velocities(self) -> np.ndarray:
        """(n, 2) every person's velocity (m/s), a read-only view like `positions`; 0 for people
        not on the map."""
        return _read_only(self.bodies.vel)

    @property
    def states(self) -> np.ndarray:
        """(n,) every person's `BodyState` as int8 (WAITING, ACTIVE, INJURED, DOWN, EXITED,
        ARRESTED, EVACUATED), a read-only view like `positions`. On the map are ACTIVE,
        INJURED and DOWN (`bodies.in_space()`)."""
        return _read_only(self.bodies.state)

    @property
    def kinds(self) -> np.ndarray:
        """(n,) every person's `BodyKind` as int8 (CROWD or OFFICER); fixed for the run."""
        return _read_only(self.bodies.kind)

    def line_loads(self) -> dict[str, float]:
        """Current push on each unit's line (N)."""
        return {u.id: float(v) for u, v in zip(self.units, self.measure.line_load_n, strict=True)}

    def lines_held(self) -> list[tuple[Unit, float, float]]:
        """(unit, push on its line now (N), the hold force of its officers now (N)) for every line
        unit on the map."""
        hold = self.officers.hold_force_n
        nc = self.bodies.n_crowd
        return [(u, float(self.measure.line_load_n[k]), float(hold[u.first - nc:u.first - nc + u.count].sum()))
                for k, u in enumerate(self.units) if u.type in LINE_UNITS and u.arrived]



def _read_only(array: np.ndarray) -> np.ndarray:
    """A view of `array` that cannot be written through (the array itself stays writable)."""
    view = array.view()
    view.flags.writeable = False
    return view
