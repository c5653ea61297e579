"""The forces that move people, computed for everyone in two compiled passes per step.

Crowd members walk by the social force model (Helbing & Molnár 1995; Helbing, Farkas &
Vicsek 2000): a driving force m·(v_wish·e − v)/τ relaxes the velocity towards the wished one
along the navigation field's direction e, and exponential repulsion keeps people off each other
(computed in `neighbours`) and off walls. pymunk resolves body contact itself, so the contact
terms of HFV2000 are pymunk's, and the pushing a crowd does is real pushing.

Two additions, documented in params.py: a calm walker limits his wished speed to the gap ahead
over a headway time (this reproduces Weidmann's speed-density relation), and the repulsion a
person generates is his own doing, so it is capped by the strength of his own legs, m·v0/τ,
times (1 − agitation)²: a pusher gives up personal space, quickly as agitation rises. Agitation also raises the wished
speed and shortens τ, so agitated people push harder, as SPEC §3 asks.

Officers are held on their slots by a critically damped spring (damping the difference to the
slot's own velocity, since slots move when a unit moves) whose force is capped at their hold
force (times `officers.hold_scale`: tear gas halves it for officers without masks). People lying on
the ground (injured, knocked down) resist sliding with Coulomb ground friction. People fleeing
tear gas (`crowd.flee_s` > 0, set by `gas`) walk along `crowd.flee` instead of their route, at
`GAS_FLEE_SPEED_FACTOR` times their wished speed.

Both passes are compiled with numba: no Python runs per person.
"""

from __future__ import annotations

import math

import numpy as np

from sispam.sim import params
from sispam.sim.bodies import Bodies, BodyState
from sispam.sim.crowd import Crowd
from sispam.sim.jit import kernel
from sispam.sim.navigation import NavField, WallField
from sispam.sim.neighbours import Neighbourhood
from sispam.sim.pmath import exp_nb, pow_nb
from sispam.sim.police.officers import Officers

_ACTIVE = int(BodyState.ACTIVE)
_INJURED = int(BodyState.INJURED)
_DOWN = int(BodyState.DOWN)


@kernel()
def _steer(state, pos, goal, direction, distance, cell, heading, remaining, flee, flee_s):  # type: ignore[no-untyped-def]
    """Walking direction and remaining distance of each active crowd member (nearest cell);
    someone fleeing tear gas walks along his flee direction instead."""
    ny, nx = distance.shape[1], distance.shape[2]
    for i in range(goal.shape[0]):
        if state[i] != _ACTIVE:
            continue
        ix = min(max(int(pos[i, 0] / cell), 0), nx - 1)
        iy = min(max(int(pos[i, 1] / cell), 0), ny - 1)
        heading[i, 0] = direction[goal[i], iy, ix, 0]
        heading[i, 1] = direction[goal[i], iy, ix, 1]
        remaining[i] = distance[goal[i], iy, ix]
        if flee_s[i] > 0.0:
            heading[i, 0] = flee[i, 0]
            heading[i, 1] = flee[i, 1]


@kernel(inline=True)
def from_wall(x, y, wall_x, wall_y, wall_cell):  # type: ignore[no-untyped-def]
    """The vector from the centre of the wall cell nearest to (x, y) to that point, its length,
    and the point's distance to the wall's surface (half a cell less; as `WallField.wall_gap`)."""
    ny, nx = wall_x.shape
    ix = min(max(int(x / wall_cell), 0), nx - 1)
    iy = min(max(int(y / wall_cell), 0), ny - 1)
    dx, dy = x - wall_x[iy, ix], y - wall_y[iy, ix]
    dist = math.sqrt(dx * dx + dy * dy)
    return dx, dy, dist, dist - 0.5 * wall_cell


@kernel(inline=True)
def _wall_push(x, y, r, wall_x, wall_y, wall_cell, a_n, b_m, cutoff):  # type: ignore[no-untyped-def]
    """HFV2000 wall repulsion A·exp((r − d)/B) on a disc of radius r at (x, y)."""
    dx, dy, dist, surface = from_wall(x, y, wall_x, wall_y, wall_cell)
    gap = surface - r
    if gap >= cutoff or dist < 1e-9:
        return 0.0, 0.0
    mag = a_n * exp_nb(-max(gap, 0.0) / b_m)
    return mag * dx / dist, mag * dy / dist


@kernel(inline=True)
def _wall_room(x, y, r, hx, hy, wall_x, wall_y, wall_cell):  # type: ignore[no-untyped-def]
    """The gap between a disc at (x, y) walking along (hx, hy) and the nearest wall, as (on his
    left, on his right); inf on the side the wall is not, and on both if it lies more ahead or
    behind him than beside him."""
    dx, dy, dist, surface = from_wall(x, y, wall_x, wall_y, wall_cell)
    lateral = dx * hy - dy * hx  # + when the wall is on his left
    if dist < 1e-9 or abs(lateral) < 0.7 * dist:
        return np.inf, np.inf
    gap = surface - r
    return (gap, np.inf) if lateral > 0.0 else (np.inf, gap)


@kernel(inline=True)
def _along(stress, i, hx, hy):  # type: ignore[no-untyped-def]
    """The force squeezing body i along the unit direction (hx, hy): dᵀ·S·d of its contact
    stress S stored as (xx, xy, yy)."""
    return stress[i, 0] * hx * hx + 2.0 * stress[i, 1] * hx * hy + stress[i, 2] * hy * hy


@kernel()
def _forces(state, pos, vel, vel_smooth, mass, radius, n_crowd,  # type: ignore[no-untyped-def]  # noqa: PLR0913
            heading, lane, remaining, free_speed, agitation, goal_is_exit, flee_s, social, headway, blocker, room, blocker_pace,
            compression, contact, squeeze, contact_squeeze, fluct, anchor, anchored, wall_x, wall_y, wall_cell,
            slot, slot_vel, hold_force, dt, c):
    """Force on every body; `c` holds the model constants (see `_constants`). `anchor` and
    `anchored` (crowd rows) are where each standing person plants his feet; updated here."""
    (agitated_speed, tau_calm, tau_agitated, slowdown_m, headway_s, v_ref, wall_a, wall_b,
     wall_cutoff, stiff_at_m, ground_mu, g, flee_factor, drive_calm, drive_agitated, tol_calm,
     tol_agitated, standing_share, stand_mps, brace_at_m, lean_calm, lean_agitated, pressed_n, sidestep, ignore_power,
     brace_from_n, ignore_lin, side_share, overtake, overtake_from, side_margin, room_m) = c
    n = state.shape[0]
    force = np.zeros((n, 2))
    for i in range(n):
        st = state[i]
        m = mass[i]
        if st == _INJURED or st == _DOWN:
            speed = math.sqrt(vel[i, 0] ** 2 + vel[i, 1] ** 2)
            if speed > 1e-9:
                mag = min(ground_mu * m * g, m * speed / dt)
                force[i, 0] = -vel[i, 0] / speed * mag
                force[i, 1] = -vel[i, 1] / speed * mag
            continue
        if st != _ACTIVE:
            continue
        if i >= n_crowd:  # an officer holding his slot
            k = i - n_crowd
            cap = hold_force[k]
            stiffness = cap / stiff_at_m
            damping = 2.0 * math.sqrt(stiffness * m)
            fx = stiffness * (slot[k, 0] - pos[i, 0]) - damping * (vel[i, 0] - slot_vel[k, 0])
            fy = stiffness * (slot[k, 1] - pos[i, 1]) - damping * (vel[i, 1] - slot_vel[k, 1])
            size = math.sqrt(fx * fx + fy * fy)
            if size > cap:
                fx, fy = fx * cap / size, fy * cap / size
            force[i, 0], force[i, 1] = fx, fy
            continue
        a = agitation[i]
        v0 = free_speed[i] * (1.0 + (agitated_speed - 1.0) * a)
        tau = tau_calm - (tau_calm - tau_agitated) * a
        arriving = 1.0 if goal_is_exit[i] else min(max(remaining[i] / slowdown_m, 0.0), 1.0)
        if flee_s[i] > 0.0:  # fleeing gas: faster, and no goal to slow down for
            v0 *= flee_factor
            arriving = 1.0
        free = min(max(headway[i] / (headway_s * max(v0, 1e-6)), 0.0), 1.0)
        pushing = ignore_lin * a + (1.0 - ignore_lin) * pow_nb(a, ignore_power)  # share of the headway ignored
        wish = v0 * arriving * (free + pushing * (1.0 - free))
        # Someone squeezed between the people ahead and behind eases off from half his
        # tolerance; at it he only stands his ground. (Squeezed sideways, as between two door
        # posts, he keeps going: that is how one gets out of it.)
        tolerance = tol_calm + (tol_agitated - tol_calm) * a
        hx, hy = heading[i, 0], heading[i, 1]
        along = _along(squeeze, i, hx, hy)
        along_now = _along(contact_squeeze, i, hx, hy)
        wish *= min(max(2.0 - 2.0 * along / tolerance, 0.0), 1.0)
        # Held up by someone in his path, a walker steps aside, away from the blocker's side
        # of it: he slips into the gap beside him, which is how queues fill up and doors are
        # used to their edges.
        # A calm walker held up by someone who walks also steps aside to pass him, towards the
        # side with more room (params at OVERTAKE_SHARE; his turn aside then follows that side).
        # The pair pass measured that room only for those it may concern (overtake_pace_mps):
        # for anyone else it is NaN, and he does not pass.
        aside_x, aside_y, passing = 0.0, 0.0, 0.0
        if free < 1.0 and wish > 0.0:
            side = -1.0 if blocker[i] >= 0.0 else 1.0  # to the right of a blocker on the left
            walking = blocker_pace[i] / max(v0, 1e-6)
            passing = (overtake * v0 * arriving * (1.0 - free) * max(1.0 - 2.0 * a, 0.0)
                       * min(max((walking - overtake_from) / overtake_from, 0.0), 1.0))
            if passing > 0.0 and not math.isnan(room[i, 0]):  # the pass measures both sides or neither
                wall_left, wall_right = _wall_room(pos[i, 0], pos[i, 1], radius[i], heading[i, 0], heading[i, 1],
                                                   wall_x, wall_y, wall_cell)
                left, right = min(room[i, 0], wall_left), min(room[i, 1], wall_right)
                if left > right + side_margin:
                    side = 1.0
                elif right > left + side_margin:
                    side = -1.0
                passing *= min(max((left if side > 0.0 else right) / room_m, 0.0), 1.0)
                aside_x, aside_y = -side * heading[i, 1], side * heading[i, 0]
            else:
                passing = 0.0
            turn = sidestep * (1.0 - free)
            hx, hy = hx - side * turn * heading[i, 1], hy + side * turn * heading[i, 0]
            size = math.sqrt(hx * hx + hy * hy)
            hx, hy = hx / size, hy / size
        # Keeping to one's side from people bound elsewhere is a step aside (`lane`, keep_side.py):
        # it does not wait for a gap ahead, so one held up takes it at what the headway holds back
        # of his free speed, times its tangent (nothing when he walks free, or has arrived).
        lx, ly = lane[i, 0], lane[i, 1]
        side_speed = side_share * v0 * arriving * (1.0 - free) * (1.0 - pushing)
        strongest = (drive_calm + (drive_agitated - drive_calm) * a) * m * g
        # Pressed into a crowd (between those ahead and behind, now or lately), one only leans:
        # a push one can keep up for minutes.
        lean = (lean_calm + (lean_agitated - lean_calm) * a) * m * g
        strongest -= (strongest - lean) * min(max(along, along_now) / pressed_n, 1.0)
        squeezed = max(compression[i], contact[i])
        # A person squeezed past his tolerance gives way: bracing then would only wedge him in.
        # (The step to pass someone does not count here: counted, 60 + 60 went over twice their
        # free time on 5 of 24 seeds instead of 8, but the corridor at 1.5 /m² walked 1.02 m/s
        # against Weidmann's 0.77, and of 30 people sent to a zone goal only 27 ended inside it.)
        stepping = wish + side_speed * math.sqrt(lx * lx + ly * ly)
        if stepping < stand_mps and (arriving > 0.0 or squeezed >= brace_from_n) and along < tolerance:
            # Standing: feet planted where he stopped, he resists being moved (a spring to
            # that spot, critically damped) up to the strength of his legs, and gives way by
            # sliding the spot when pushed harder.
            if not anchored[i]:
                anchored[i] = True
                anchor[i, 0], anchor[i, 1] = pos[i, 0], pos[i, 1]
            spring = strongest / brace_at_m
            ox, oy = anchor[i, 0] - pos[i, 0], anchor[i, 1] - pos[i, 1]
            off = math.sqrt(ox * ox + oy * oy)
            if off > brace_at_m:
                anchor[i, 0] = pos[i, 0] + ox * brace_at_m / off
                anchor[i, 1] = pos[i, 1] + oy * brace_at_m / off
                ox, oy = anchor[i, 0] - pos[i, 0], anchor[i, 1] - pos[i, 1]
            damping = 2.0 * math.sqrt(spring * m)
            fx = spring * ox - damping * vel[i, 0]
            fy = spring * oy - damping * vel[i, 1]
        else:
            anchored[i] = False
            vx, vy = wish * hx, wish * hy
            if lx != 0.0 or ly != 0.0:
                vx, vy = vx + side_speed * lx, vy + side_speed * ly
            if passing > 0.0:
                vx, vy = vx + passing * aside_x, vy + passing * aside_y
            fx = m * (vx - vel[i, 0]) / tau
            fy = m * (vy - vel[i, 1]) / tau
        size = math.sqrt(fx * fx + fy * fy)
        if size > strongest:
            fx, fy = fx * strongest / size, fy * strongest / size
        wx, wy = _wall_push(pos[i, 0], pos[i, 1], radius[i], wall_x, wall_y, wall_cell,
                            wall_a, wall_b, wall_cutoff)
        # Keeping one's distance is what walkers do: the repulsion fades with one's (smoothed)
        # speed, so that people who stand in a queue or a press stand close.
        speed = math.sqrt(vel_smooth[i, 0] ** 2 + vel_smooth[i, 1] ** 2)
        moving = standing_share + (1.0 - standing_share) * min(speed / max(v0, 1e-6), 1.0) ** 2
        sx, sy = social[i, 0] * moving + wx, social[i, 1] * moving + wy
        cap = (1.0 - a) ** 2 * m * max(v0, v_ref) / tau
        size = math.sqrt(sx * sx + sy * sy)
        if size > cap:
            sx, sy = sx * cap / size, sy * cap / size
        force[i, 0], force[i, 1] = fx + sx + fluct[i, 0], fy + sy + fluct[i, 1]
    return force


def _constants() -> tuple[float, ...]:
    return (
        params.AGITATED_SPEED_FACTOR, params.RELAXATION_TIME_S, params.RELAXATION_TIME_AGITATED_S,
        params.ARRIVAL_SLOWDOWN_M, params.HEADWAY_TIME_S, params.FREE_SPEED_MEAN_MPS,
        params.WALL_A_N, params.WALL_B_M, params.WALL_CUTOFF_M, params.OFFICER_SLOT_STIFF_AT_M,
        params.DOWN_GROUND_FRICTION, params.GRAVITY_MPS2, params.GAS_FLEE_SPEED_FACTOR,
        *params.DRIVE_MAX_BW, *params.PUSH_TOLERANCE_N, params.SOCIAL_STANDING_SHARE,
        params.STAND_BELOW_MPS, params.BRACE_AT_M, *params.LEAN_BW, params.PRESSED_N, params.SIDESTEP_STEER,
        params.HEADWAY_IGNORED_POWER, params.BRACE_FROM_N, params.HEADWAY_IGNORED_LINEAR,
        params.LANE_SIDE_SHARE, params.OVERTAKE_SHARE, params.OVERTAKE_FROM, params.OVERTAKE_SIDE_MARGIN_M,
        params.OVERTAKE_ROOM_M,
    )


def overtake_pace_mps(bodies: Bodies, free_speed: np.ndarray, effort: np.ndarray) -> np.ndarray:
    """Per body, how fast (along one's way) whoever holds one up must walk before one may step
    round him (`_forces`: OVERTAKE_FROM of one's v0, which agitation and flight only raise above
    one's free speed; a hair lower, to be sure); inf for officers and for anyone agitated
    enough to push instead (`effort`, `Crowd.push_effort`). The pair pass measures the room beside one's path only for those
    held up by someone faster, and `_forces` lets nobody else step round."""
    out = np.full(bodies.state.shape[0], np.inf)
    n = bodies.n_crowd
    calm = effort[:n] < 0.5
    out[:n][calm] = 0.99 * params.OVERTAKE_FROM * free_speed[:n][calm]
    return out


def steer(bodies: Bodies, crowd: Crowd, nav: NavField, heading: np.ndarray) -> None:
    """Set each active crowd member's walking direction (rows of `heading`, which has a row per
    body; officers' rows stay zero) and remaining distance to the goal."""
    nc = bodies.n_crowd
    _steer(bodies.state[:nc], bodies.pos[:nc], crowd.goal, nav.direction, nav.distance,
           nav.grid.cell, heading[:nc], crowd.remaining_m, crowd.flee, crowd.flee_s)


def forces(bodies: Bodies, crowd: Crowd, effort: np.ndarray, officers: Officers, walls: WallField,
           near: Neighbourhood, heading: np.ndarray, lane: np.ndarray, fluctuation: np.ndarray, dt: float) -> None:
    """Compute the force on every body into `bodies.force`; `steer` and the pair pass with the
    same `heading` must have run this step, and `KeepSide.update` with that `heading` and its
    `lane` (the step aside it asks of each, rows like `heading`). `fluctuation`: the random shove on each crowd
    member (N, rows like the crowd's; see `fluctuation`). `effort`: `crowd.push_effort()` this step."""
    bodies.force[:] = _forces(
        bodies.state, bodies.pos, bodies.vel, bodies.vel_smooth, bodies.mass, bodies.radius, bodies.n_crowd,
        heading, lane, crowd.remaining_m - crowd.standoff_m, crowd.free_speed, effort, crowd.goal_is_exit,
        crowd.flee_s, near.social_n, near.headway_m, near.blocker_offset_m, near.room_m, near.blocker_speed_mps,
        bodies.compression_n, bodies.contact_n, bodies.squeeze_n, bodies.contact_squeeze_n, fluctuation,
        crowd.anchor, crowd.anchored,
        walls.wall_x, walls.wall_y, walls.grid.cell,
        officers.slot, officers.slot_vel, officers.hold_force_n * officers.hold_scale, dt, _constants(),
    )
