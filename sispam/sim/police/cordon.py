"""Joints between officers: the tali Dalmas (rope cordon) and tangan berkait (linked arms).

**Tali Dalmas.** Between each pair of neighbouring officers of the line hangs a piece of rope:
a light dynamic segment body from one officer's centre to the other's, which the crowd (and
only the crowd) collides with. Each end is held by a `pymunk.SlideJoint` to the officer's body
with `ROPE_SLACK_M` of play and a `max_force` of both hands' grip, `HANDS_ON_ROPE` × `GRIP_N`. Whatever the crowd
pushes on the rope reaches the two officers through the joints; a push beyond the grip, or the
officers pulled apart, drags the rope end out of the hand, and once an end is `SLIP_M` beyond
its play the rope has slipped out of the hands: it is removed (timeline event "rope_slipped").

**Tangan berkait.** Neighbours are joined directly, body to body, by a `SlideJoint` that lets
them stand at their formed distance plus `ARM_SLACK_M` and holds them together with up to
`ARM_N`; pulled further than `SLIP_M` beyond that, the arms are torn apart ("arms_broken").

Joints are made once a unit in one of these formations stands formed, and dropped when it takes
another formation or an officer at either end falls (state DOWN, "rope_dropped"/"arms_broken").
Bodies and joints are only added and removed at the end of a step (`after_step`), so the world's
body rows are read again before the next step writes forces.

The force each joint applies to an officer counts as crowd load on him (he holds the crowd
through the rope), and its component against the facing in his unit's line load (`loads`). The
per-step work is a loop over the joints of roped or linked units: one or two per officer of
those units, never over the crowd.

Sources for the strengths: `GRIP_N` is the hand-grip strength of men of 20-40 years, about
45-55 kgf (Mathiowetz et al. 1985, "Grip and pinch strength: normative data for adults", Arch
Phys Med Rehabil 66:69-74), so ~500 N for one hand round a rope. An officer holds the rope with
both hands, and it is the two hands' grip that the rope's pull must overcome before it slides
through them: each rope end holds `HANDS_ON_ROPE` × `GRIP_N`. `ARM_N` [estimate]: linked at
the elbows, two men hold each other with their elbow flexors; sustained elbow-flexion pull of
men is ~250-350 N per arm (NASA-STD-3000 vol. I, §4.9.3, arm strength at 90° elbow flexion), and
the link is made with both crooked arms: ~600 N.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pymunk

from sispam.sim import params, pmath
from sispam.sim.bodies import BodyState
from sispam.sim.physics import Category, shape_filter
from sispam.sim.scenario import Formation

if TYPE_CHECKING:
    from sispam.sim.police.officers import Unit
    from sispam.sim.world import World

GRIP_N = 500.0
HANDS_ON_ROPE = 2
ARM_N = 600.0
ROPE_MASS_KG = 1.0  # a few metres of 2-3 cm rope
ROPE_RADIUS_M = 0.015
ROPE_SLACK_M = 0.3  # the give of the arms holding each rope end, before they pull on the body
ARM_SLACK_M = 0.1  # linked arms give this much before they pull
SLIP_M = 0.3  # an end this far beyond its play has left the hand
LINKED = (Formation.TALI_DALMAS, Formation.TANGAN_BERKAIT)
_ACTIVE = int(BodyState.ACTIVE)  # a plain int: numpy probes an enum member's class for its protocols at each comparison


@dataclass(slots=True)
class Link:
    """One rope piece or one arm link between neighbouring officers `a` and `b` (body indices).

    `joints` are the pymunk joints; `ends` view each joint from an officer it holds (body index),
    with the joint's body b being his; `rope` is the rope body (None for linked arms); `limit_m`
    is the length at which a joint has slipped or torn. `spans` hold each joint's two bodies and
    anchors, read once (the anchors never change), for the check each step of how far it is drawn;
    `rope_ends` the rope with the ends of its segment in its own frame (none for linked arms).
    """

    unit: int
    a: int
    b: int
    joints: list[pymunk.SlideJoint]
    ends: list[tuple[pymunk.SlideJoint | _Reversed, int]]
    rope: pymunk.Body | None
    limit_m: float
    spans: list[tuple[pymunk.Body, pymunk.Vec2d, pymunk.Body, pymunk.Vec2d]] = field(init=False)
    rope_ends: list[tuple[pymunk.Body, pymunk.Vec2d, pymunk.Vec2d]] = field(init=False)

    def __post_init__(self) -> None:
        self.spans = [(j.a, j.anchor_a, j.b, j.anchor_b) for j in self.joints]
        self.rope_ends = [] if self.rope is None else [(self.rope, s.a, s.b) for s in self.rope.shapes]


class Cordons:
    """The rope and arm links of every unit (`world.cordon`)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.links: list[Link] = []
        # Units waiting to link up once formed (all that start in a linked formation).
        self._pending: set[int] = {k for k, u in enumerate(world.units) if u.formation in LINKED}
        self._drop: set[int] = set()  # units whose links go at the end of the step
        self._push = np.zeros((world.bodies.n, 2))
        self._load = np.zeros(world.bodies.n)
        self._put_down: set[int] = set()

    # --- hooks ------------------------------------------------------------------------------

    def formation_changed(self, unit: Unit) -> None:
        """A unit took a new formation: its old links go; new ones come when it is formed."""
        k = self.world.units.index(unit)
        self._drop.add(k)
        self._put_down.discard(k)
        if unit.formation in LINKED:
            self._pending.add(k)
        else:
            self._pending.discard(k)

    def put_down(self, unit: Unit) -> None:
        """Sikap letakkan tali Dalmas: the unit lets go of its rope (or unlinks its arms) and
        stays unlinked until it takes a linked formation again."""
        k = self.world.units.index(unit)
        self._drop.add(k)
        self._pending.discard(k)
        self._put_down.add(k)

    def add_forces(self, force: np.ndarray) -> None:
        """People see a rope as they see a wall: the wall repulsion of `motion` (HFV2000's A, B)
        pushes them off it, capped, as their own repulsion is, at (1 - agitation)² of their
        driving force. A calm crowd stops at the rope; an agitated one leans on it."""
        segments = [end for link in self.links for end in link.rope_ends]
        if not segments:
            return
        w = self.world
        ends = np.array([[tuple(rope.local_to_world(a)), tuple(rope.local_to_world(b))]
                         for rope, a, b in segments])  # (k, 2 ends, 2)
        reach = float(pmath.hypot(*(ends[:, 1] - ends[:, 0]).T).max()) / 2 + params.WALL_CUTOFF_M + 0.3
        people = w.crowd_near(ends.mean(axis=1), reach)
        if len(people) == 0:
            return
        p = w.bodies.pos[people]
        a, d = ends[None, :, 0], ends[None, :, 1] - ends[None, :, 0]
        t = np.clip(((p[:, None] - a) * d).sum(-1) / np.maximum((d * d).sum(-1), 1e-12), 0.0, 1.0)
        away = p[:, None] - (a + t[..., None] * d)  # (m, k, 2) from the rope to the person
        dist = pmath.hypot(away[..., 0], away[..., 1])
        k = dist.argmin(axis=1)
        rows = np.arange(len(people))
        dist, away = dist[rows, k], away[rows, k]
        gap = dist - w.bodies.radius[people] - ROPE_RADIUS_M
        size = np.where(gap < params.WALL_CUTOFF_M, params.WALL_A_N * pmath.exp(-gap / params.WALL_B_M), 0.0)
        c = w.crowd
        ag = c.agitation[people]
        v0 = c.free_speed[people] * (1.0 + (params.AGITATED_SPEED_FACTOR - 1.0) * ag)
        tau = params.RELAXATION_TIME_S - (params.RELAXATION_TIME_S - params.RELAXATION_TIME_AGITATED_S) * ag
        cap = (1.0 - ag) ** 2 * w.bodies.mass[people] * np.maximum(v0, params.FREE_SPEED_MEAN_MPS) / tau
        size = np.minimum(size, cap)
        force[people] += away / np.maximum(dist, 1e-9)[:, None] * size[:, None]

    def loads(self) -> tuple[np.ndarray, np.ndarray]:
        """Force the joints applied to each body in the last step: ((n, 2) vector, (n,) size),
        in N. Rows of bodies without joints are zero."""
        push, load = self._push, self._load
        push[:] = 0.0
        load[:] = 0.0
        if not self.links:
            return push, load
        inv_dt = 1.0 / self.world.dt
        for link in self.links:
            for joint, i in link.ends:
                f = joint.impulse * inv_dt
                if f <= 0.0:
                    continue
                a, b = joint.a.local_to_world(joint.anchor_a), joint.b.local_to_world(joint.anchor_b)
                # The joint pulls the officer (body b) towards the other end.
                d = np.array((a.x - b.x, a.y - b.y))
                size = float(pmath.hypot(*d))
                if size > 1e-9:
                    push[i] += d / size * f
                    load[i] += f
        return push, load

    def after_step(self) -> None:
        """Drop links that slipped or whose officers fell; make the links of formed units."""
        w = self.world
        changed = False
        keep = []
        for link in self.links:
            reason = self._broken(link)
            if link.unit in self._drop:
                reason = reason or "formation"
            if reason is None:
                keep.append(link)
                continue
            self._remove(link)
            changed = True
            if reason != "formation":
                kind = ("rope_" if link.rope is not None else "arms_") + reason
                w.note(kind, {"unit": w.units[link.unit].id, "officers": [link.a, link.b]})
        self.links = keep
        self._drop.clear()
        for k in sorted(self._pending):
            unit = w.units[k]
            if unit.arrived and w.lines.formed(unit):
                self._pending.discard(k)
                changed |= self._link(k, unit)
        if changed:
            w._bodies_changed = True

    # --- making and breaking ----------------------------------------------------------------

    def _broken(self, link: Link) -> str | None:
        state = self.world.bodies.state
        if state[link.a] != _ACTIVE or state[link.b] != _ACTIVE:
            return "dropped" if link.rope is not None else "broken"
        for body_a, anchor_a, body_b, anchor_b in link.spans:
            a, b = body_a.local_to_world(anchor_a), body_b.local_to_world(anchor_b)
            if (a - b).length > link.limit_m:
                return "slipped" if link.rope is not None else "broken"
        return None

    def _remove(self, link: Link) -> None:
        space = self.world.space
        space.remove(*link.joints)
        if link.rope is not None:
            space.remove(link.rope, *link.rope.shapes)

    def _link(self, k: int, unit: Unit) -> bool:
        """Join neighbouring standing officers of a formed unit; True if bodies were added."""
        w = self.world
        b = w.bodies
        idx = self.world.standing(unit)
        if len(idx) < 2:
            return False
        f = np.radians(unit.facing_deg)
        right = np.array([pmath.sin(f), -pmath.cos(f)])
        rows = idx - b.n_crowd
        order = idx[np.argsort(pmath.dot2(w.officers.target[rows], right), kind="stable")]
        rope = unit.formation is Formation.TALI_DALMAS
        for a, c in zip(order[:-1], order[1:], strict=True):
            link = self._rope(k, int(a), int(c)) if rope else self._arms(k, int(a), int(c))
            self.links.append(link)
        kind = "rope_taken_up" if rope else "arms_linked"
        w.note(kind, {"unit": unit.id, "links": len(order) - 1})
        return rope

    def _rope(self, k: int, a: int, c: int) -> Link:
        w = self.world
        pa, pc = w.bodies.pos[a], w.bodies.pos[c]
        half = float(pmath.hypot(*(pc - pa))) / 2
        body = pymunk.Body(ROPE_MASS_KG, pymunk.moment_for_segment(ROPE_MASS_KG, (-half, 0), (half, 0),
                                                                   ROPE_RADIUS_M))
        mid = (pa + pc) / 2
        body.position = (float(mid[0]), float(mid[1]))
        body.angle = pmath.arctan2(pc[1] - pa[1], pc[0] - pa[0])
        shape = pymunk.Segment(body, (-half, 0), (half, 0), ROPE_RADIUS_M)
        shape.friction = 0.5
        shape.filter = shape_filter(Category.ROPE)
        ends: list[tuple[pymunk.SlideJoint | _Reversed, int]] = []
        joints: list[pymunk.SlideJoint] = []
        for anchor, i in (((-half, 0.0), a), ((half, 0.0), c)):
            officer = w._pymunk_bodies[i]
            assert officer is not None  # a man linking up is in the space
            joint = pymunk.SlideJoint(body, officer, anchor, (0.0, 0.0), 0.0, ROPE_SLACK_M)
            joint.max_force = HANDS_ON_ROPE * GRIP_N
            joint.collide_bodies = False
            ends.append((joint, i))
            joints.append(joint)
        w.space.add(body, shape, *joints)
        return Link(k, a, c, joints, ends, body, ROPE_SLACK_M + SLIP_M)

    def _arms(self, k: int, a: int, c: int) -> Link:
        w = self.world
        dist = float(pmath.hypot(*(w.bodies.pos[c] - w.bodies.pos[a])))
        body_a, body_c = w._pymunk_bodies[a], w._pymunk_bodies[c]
        assert body_a is not None and body_c is not None  # men linking arms are in the space
        joint = pymunk.SlideJoint(body_a, body_c, (0.0, 0.0), (0.0, 0.0),
                                  0.0, dist + ARM_SLACK_M)
        joint.max_force = ARM_N
        w.space.add(joint)
        # Both officers feel the pull: the joint is listed under each, pulling him to the other.
        return Link(k, a, c, [joint], [(joint, c), (_Reversed(joint), a)], None, dist + ARM_SLACK_M + SLIP_M)


class _Reversed:
    """A joint seen from its other end (for the load on body a of an arm link)."""

    def __init__(self, joint: pymunk.SlideJoint) -> None:
        self.joint = joint
        self.a, self.b = joint.b, joint.a
        self.anchor_a, self.anchor_b = joint.anchor_b, joint.anchor_a

    @property
    def impulse(self) -> float:
        return self.joint.impulse
