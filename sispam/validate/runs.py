"""Running one case headless and recording what its checks need, as plain JSON-able data.

Every function here builds a `World`, steps it, and returns a dict of numbers and lists. A run
depends only on its scenario and seed, so it gives the same numbers in any process and order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from sispam.sim.bodies import BodyState
from sispam.sim.geometry import points_in_shape
from sispam.sim.world import World
from sispam.validate import cases
from sispam.validate.measure import flow_10_90, lane_order, weidmann_speed

SAMPLE_S = 0.5  # period of the sampled series (density, speed, lane order, injuries)
MOUTH_M = 3.0  # counterflow: the stretch past a corridor's mouth where each stream merges in
ACTIVE = BodyState.ACTIVE
EXITED = BodyState.EXITED


def _every(world: World, period_s: float) -> bool:
    steps = max(1, round(period_s / world.dt))
    return world.step_count % steps == 0


class _Injuries:
    """Collects the civilian injuries the world reports, with where and when."""

    def __init__(self) -> None:
        self.seen = 0
        self.found: list[dict[str, float]] = []

    def update(self, world: World) -> list[dict[str, float]]:
        new = [e for e in world.events[self.seen:] if e.kind == "civilian_injured"]
        self.seen = len(world.events)
        for e in new:
            self.found.append({"t": round(e.t, 2), "x": e.detail["x"], "y": e.detail["y"]})
        return self.found[len(self.found) - len(new):]


def fundamental(density_ppm2: float, seed: int, length_m: float) -> dict[str, Any]:
    """Mean density and speed (along the corridor) in the measurement box over the window."""
    setup = cases.fd_corridor(density_ppm2, seed, length_m=length_m)
    world = World(setup.scenario)
    area = (setup.box[1] - setup.box[0]) * cases.CORRIDOR_WIDTH_M
    densities, speeds = [], []
    t0, t1 = setup.window_s
    while world.t < t1 - 1e-9:
        world.step()
        if world.t > t0 and _every(world, 0.25):
            b = world.bodies
            inside = (b.pos[:, 0] > setup.box[0]) & (b.pos[:, 0] < setup.box[1]) & (b.state == ACTIVE)
            if inside.any():
                densities.append(inside.sum() / area)
                speeds.append(float(b.vel[inside, 0].mean()))
    return {"target_ppm2": density_ppm2, "density_ppm2": float(np.mean(densities)) if densities else 0.0,
            "speed_mps": float(np.mean(speeds)) if speeds else 0.0, "restriction_m": setup.restriction_m,
            "samples": len(speeds)}


def room(setup: cases.Room, *, warmup_s: float = 20.0, queue_reach_m: float = 2.0) -> dict[str, Any]:
    """Empty a room through its opening: when each person passed, the gaps, the injuries and the
    crowding in the queue before the opening.

    The queue is the people still in the room within `queue_reach_m` of the opening's inner
    centre; its density is the mean of their local densities (`world.measure.density_ppm2`),
    sampled every `SAMPLE_S`. Crowd pressure is sampled after `warmup_s` (once the queue has
    formed: people start walking at once, then stop, which is no turbulence) for everyone in the room
    within 3 m of the opening.
    """
    world = World(setup.scenario)
    b = world.bodies
    n = b.n_crowd
    door_x, cy = setup.door
    inner = np.array([setup.door_x_in, cy])
    passed_at = np.full(n, np.nan)
    injuries = _Injuries()
    series: dict[str, list[float]] = {"t": [], "queue_density_ppm2": [], "queue_speed_mps": [], "out": [],
                                      "pressure_max": []}
    pressure: list[np.ndarray] = []
    unpressed: list[np.ndarray] = []  # the same people's crowd pressure, pressed or not
    end = setup.scenario.duration_s
    while world.t < end - 1e-9:
        world.step()
        crowd = b.pos[:n]
        newly = np.isnan(passed_at) & ((crowd[:, 0] >= door_x) | (b.state[:n] == EXITED))
        passed_at[newly] = world.t
        injuries.update(world)
        if _every(world, SAMPLE_S):
            active = b.state[:n] == ACTIVE
            before = active & (crowd[:, 0] < setup.door_x_in)
            dist = np.hypot(*(crowd - inner).T)
            queue = before & (dist < queue_reach_m)
            series["t"].append(round(world.t, 2))
            series["queue_density_ppm2"].append(float(world.measure.density_ppm2[:n][queue].mean()) if queue.any() else 0.0)
            series["queue_speed_mps"].append(float(np.hypot(*b.vel[:n][queue].T).mean()) if queue.any() else 0.0)
            series["out"].append(int((~np.isnan(passed_at)).sum()))
            close = before & (dist < 3.0)
            near = world.measure.pressure_per_s2[:n][close]
            series["pressure_max"].append(float(near.max()) if len(near) else 0.0)
            if world.t >= warmup_s:
                pressure.append(near)
                unpressed.append(world.measure.unpressed_pressure(crowd[close], world.measure.density_ppm2[:n][close]))
        if not np.isnan(passed_at).any():
            break
    p = np.concatenate(pressure) if pressure else np.zeros(0)
    u = np.concatenate(unpressed) if unpressed else np.zeros(0)
    hurt = [{**i, "door_m": round(float(np.hypot(i["x"] - setup.door_x_in, i["y"] - cy)), 2)} for i in injuries.found]
    return {"people": n, "width_m": setup.width_m, "end_s": end, "ran_s": round(world.t, 2),
            "passed_s": sorted(float(t) for t in passed_at[~np.isnan(passed_at)]),
            "injuries": hurt, "series": series,
            "pressure_max": float(p.max()) if len(p) else 0.0,
            "pressure_p99": float(np.percentile(p, 99)) if len(p) else 0.0,
            "unpressed_pressure_max": float(u.max()) if len(u) else 0.0,
            # What the run's report gives as max_crowd_pressure: everyone, the whole run.
            "run_pressure_max": float(world.measure.max_pressure_per_s2),
            "max_density_ppm2": float(world.measure.max_density_ppm2)}


def bottleneck(width_m: float, agitation: float, people: int, seed: int) -> dict[str, Any]:
    """A room emptying through an opening `width_m` wide (see `room`)."""
    return room(cases.bottleneck(width_m, agitation, people, seed))


def queue(agitation: float, people: int, seed: int, duration_s: float) -> dict[str, Any]:
    """A long queue behind a 0.8 m exit for `duration_s` (see `room`). Its crowd pressure counts
    from 35 s: the people spread over the 20 m room have all reached the queue by about 20 s,
    and it takes their arrival wave another 10-15 s to settle."""
    return room(cases.queue_at_exit(agitation, people, seed, duration_s), warmup_s=35.0)


def counterflow(each: int, seed: int, duration_s: float, width_m: float = 4.0, one_way: bool = False) -> dict[str, Any]:
    """Two groups cross the corridor from opposite ends: each person's time in the corridor
    against his free walking time over its length, and the lane order over time. `one_way`:
    the eastbound group alone (the control), in a corridor `width_m` wide."""
    setup = cases.counterflow(each, seed, duration_s=duration_s, width_m=width_m, one_way=one_way)
    world = World(setup.scenario)
    b, c = world.bodies, world.crowd
    n = b.n_crowd
    east = c.group[:n] == 0
    sign = np.where(east, 1.0, -1.0)
    entry = np.where(east, setup.x0, setup.x1)
    leave = np.where(east, setup.x1, setup.x0)
    entered = np.full(n, np.nan)
    # The middle of the corridor (5 m from each end) while both ways walk in it: its density and
    # the people's speed along their own way, for the fundamental diagram of two-way flow.
    mid0, mid1 = setup.x0 + 5.0, setup.x1 - 5.0
    mid_area = (mid1 - mid0) * (setup.y1 - setup.y0)
    # When each passes each line on his way: MOUTH_M past the mouth he entered by (where the
    # time goes), into and out of the middle, and out of the corridor.
    lines = (entry + sign * MOUTH_M, np.where(east, mid0, mid1), np.where(east, mid1, mid0), leave)
    past_mouth, mid_in, mid_out, passed = (np.full(n, np.nan) for _ in lines)
    lanes: dict[str, list[float]] = {"t": [], "phi": [], "phi_shuffled": [], "in_corridor": []}
    density: list[float] = []
    speed: list[float] = []
    shuffle_rng = np.random.default_rng(0)  # the baseline's own generator: the world's draws stay as they are
    while world.t < duration_s - 1e-9:
        world.step()
        x = b.pos[:n, 0]
        on = b.state[:n] == ACTIVE
        went_in = np.isnan(entered) & on & (sign * (x - entry) > 0)
        entered[went_in] = world.t
        gone = b.state[:n] == EXITED
        for when, line in zip((past_mouth, mid_in, mid_out, passed), lines, strict=True):
            when[np.isnan(when) & ((on & (sign * (x - line) > 0)) | gone)] = world.t
        if _every(world, SAMPLE_S):
            inside = on & (x > setup.x0) & (x < setup.x1)
            d = sign[inside]
            both = (d > 0).sum() >= 5 and (d < 0).sum() >= 5
            mid = on & (x > mid0) & (x < mid1)
            if (both or one_way) and mid.sum() >= 10:
                density.append(float(mid.sum()) / mid_area)
                speed.append(float(np.mean(sign[mid] * b.vel[:n][mid, 0])))
            if both:
                pos = b.pos[:n][inside]
                phi = lane_order(pos, d)
                base = lane_order(pos, shuffle_rng.permutation(d))
                if phi is not None and base is not None:
                    lanes["t"].append(round(world.t, 2))
                    lanes["phi"].append(phi)
                    lanes["phi_shuffled"].append(base)
                    lanes["in_corridor"].append(int(inside.sum()))
        if not np.isnan(passed).any():
            break
    length = setup.x1 - setup.x0
    free = length / c.free_speed[:n]
    took = passed - entered
    ratio = took / free
    slow = ratio > 2.0
    mouth = past_mouth - entered
    mid = (mid_out - mid_in) / ((mid1 - mid0) / c.free_speed[:n])
    # The eastbound group (the control's, in either run) in fifths by free speed: their mean free
    # speed, how many crossed, and the mean speed they crossed at (None if nobody did).
    eastbound = np.flatnonzero(east)
    fifths = []
    rho = float(np.mean(density)) if density else None
    for k in np.array_split(eastbound[np.argsort(c.free_speed[eastbound], kind="stable")], 5):
        crossed = ~np.isnan(took[k])
        fifths.append((float(c.free_speed[k].mean()), int(crossed.sum()),
                       float(np.mean(length / took[k][crossed])) if crossed.any() else None))
    return {"each": each, "people": n, "width_m": width_m, "one_way": one_way, "fifths": fifths,
            "ran_s": round(world.t, 2), "all_passed": bool(not np.isnan(passed).any()),
            "passed": int((~np.isnan(passed)).sum()),
            "last_passed_s": float(np.nanmax(passed)) if (~np.isnan(passed)).any() else None,
            "free_corridor_s_max": float(free.max()), "ratio_max": float(np.nanmax(ratio)) if (~np.isnan(ratio)).any() else None,
            "ratio_mean": float(np.nanmean(ratio)) if (~np.isnan(ratio)).any() else None, "lanes": lanes,
            "free_speed_mean_mps": float(c.free_speed[:n].mean()),
            "free_speed_max_mps": float(c.free_speed[:n].max()),
            # Who walks longer than twice his own free time, by free speed: the fastest walkers,
            # held to the speed of their stream, or anyone?
            "over_2x_free_speeds_mps": sorted(float(v) for v in c.free_speed[:n][ratio > 2.0]),
            # How many Weidmann's relation puts over 2x: everyone whose free speed is more than
            # twice its speed at the density the corridor held, walking there at that speed.
            "weidmann_over_2x": None if rho is None else int((c.free_speed[:n] > 2.0 * weidmann_speed(rho)).sum()),
            "took_max_s": float(np.nanmax(took)) if (~np.isnan(took)).any() else None,
            # Of those over 2x: the share of their corridor time spent in its first MOUTH_M
            # metres, merging at the mouth; and everyone's time over the middle 20 m alone.
            "mouth_m": MOUTH_M,
            "over_2x_mouth_share": float(np.nansum(mouth[slow]) / np.nansum(took[slow])) if slow.any() else None,
            "mid_ratio_max": float(np.nanmax(mid)) if (~np.isnan(mid)).any() else None,
            "mid_ratio_mean": float(np.nanmean(mid)) if (~np.isnan(mid)).any() else None,
            "crowd_free_s": float(length / c.free_speed[:n].mean()),  # the corridor at the mean free speed
            "corridor_density_ppm2": rho,
            "corridor_speed_mps": float(np.mean(speed)) if speed else None}


def rimea1(seed: int) -> dict[str, Any]:
    """The time one person takes for 40 m."""
    world = World(cases.rimea1(seed))
    x0 = world.bodies.pos[0, 0]
    while world.t < 60:
        world.step()
        if world.bodies.pos[0, 0] >= x0 + 40.0 or world.bodies.state[0] == EXITED:
            return {"time_s": round(world.t, 2)}
    return {"time_s": None}


def rimea6(seed: int) -> dict[str, Any]:
    """Whether anyone's centre entered a wall, and whether all came round the corner."""
    scenario = cases.rimea6(seed)
    world = World(scenario)
    n = world.bodies.n_crowd
    in_wall = 0
    while world.t < 60 and not (world.bodies.state[:n] == EXITED).all():
        world.step()
        on = world.bodies.state[:n] == ACTIVE
        centres = world.bodies.pos[:n][on]
        for wall in scenario.obstacles:
            in_wall += int(points_in_shape(centres, wall.shape).sum())
    return {"in_wall_samples": in_wall, "out": int((world.bodies.state[:n] == EXITED).sum()), "people": n,
            "time_s": round(world.t, 2)}


def rimea7(seed: int, people: int) -> dict[str, Any]:
    """Each person's speed between x = 10 and x = 30, against his assigned free speed and
    against the distribution the group was given."""
    world = World(cases.rimea7(seed, people))
    b = world.bodies
    n = b.n_crowd
    t10, t30 = np.full(n, np.nan), np.full(n, np.nan)
    while world.t < 60 and np.isnan(t30).any():
        world.step()
        x = b.pos[:n, 0]
        t10[np.isnan(t10) & (x >= 10)] = world.t
        t30[np.isnan(t30) & ((x >= 30) | (b.state[:n] == EXITED))] = world.t
    speed = 20.0 / (t30 - t10)
    ok = np.isfinite(speed)
    return walking_speeds(speed[ok], world.crowd.free_speed[:n][ok])


def walking_speeds(walked: np.ndarray, given: np.ndarray) -> dict[str, Any]:
    """RiMEA 7's figures: the speeds people walked against the speeds they were given."""
    # The normal CDF itself, frozen: scipy 1.18 (Python 3.12+) maps the name "norm" to a function
    # that takes no `args` (loc, scale) and raises TypeError; the p-value is the same to the bit.
    weidmann = stats.norm(1.34, 0.26).cdf
    return {"speeds": walked.round(3).tolist(), "assigned": given.round(3).tolist(),
            # The walked speeds against the distribution the group was given ...
            "ks_p": float(stats.kstest(walked, weidmann).pvalue),
            # ... the speeds the simulation drew for its people against it (the luck of the draw) ...
            "ks_drawn_p": float(stats.kstest(given, weidmann).pvalue),
            # ... and the walked speeds against those drawn: what the simulation itself does.
            "ks_walked_p": float(stats.ks_2samp(walked, given).pvalue),
            "mean": float(walked.mean()), "sd": float(walked.std(ddof=1)), "given_mean": float(given.mean())}


def rimea8(seed: int, per_room: int, speed_mean_mps: float) -> dict[str, Any]:
    """Evacuation time of the floor, and who is still in (stuck) at the end."""
    scenario = cases.rimea8(seed, per_room=per_room, speed_mean_mps=speed_mean_mps)
    world = World(scenario)
    n = world.bodies.n_crowd
    while world.t < scenario.duration_s and not (world.bodies.state[:n] == EXITED).all():
        world.step()
    out = int((world.bodies.state[:n] == EXITED).sum())
    return {"people": n, "out": out, "time_s": round(world.t, 2), "speed_mean_mps": speed_mean_mps}


def rimea12(seed: int, people: int) -> dict[str, Any]:
    """Crowding before the corridor's entry (room 1) and before room 2's exit, over time."""
    setup = cases.rimea12(seed, people)
    world = World(setup.scenario)
    b = world.bodies
    n = b.n_crowd
    series: dict[str, list[float]] = {"t": [], "entry_ppm2": [], "exit_ppm2": [], "entry_mps": [], "exit_mps": []}
    # When each leaves the corridor (10 m long) and passes room 2's door: what the corridor
    # delivers against what the door passes.
    corridor_out, door = np.full(n, np.nan), np.full(n, np.nan)
    while world.t < setup.scenario.duration_s and not (b.state[:n] == EXITED).all():
        world.step()
        x, gone = b.pos[:n, 0], b.state[:n] == EXITED
        for when, line in ((corridor_out, setup.corridor_entry[0] + 10.0), (door, setup.room2_exit[0])):
            when[np.isnan(when) & ((x > line) | gone)] = world.t
        if _every(world, SAMPLE_S):
            on = b.state[:n] == ACTIVE
            series["t"].append(round(world.t, 2))
            for key, (px, py) in (("entry_ppm2", setup.corridor_entry), ("exit_ppm2", setup.room2_exit)):
                near = on & (b.pos[:n, 0] < px) & (np.hypot(b.pos[:n, 0] - px, b.pos[:n, 1] - py) < 1.5)
                series[key].append(float(world.measure.density_ppm2[:n][near].mean()) if near.any() else 0.0)
                speed = np.hypot(*b.vel[:n][near].T)
                series[key.replace("ppm2", "mps")].append(float(speed.mean()) if near.any() else 0.0)
    return {"people": n, "out": int((b.state[:n] == EXITED).sum()), "time_s": round(world.t, 2), "series": series,
            "corridor_flow_pps": _flow(corridor_out), "door_flow_pps": _flow(door)}


def _flow(times: np.ndarray) -> float | None:
    """`measure.flow_10_90` of a line everyone crosses (`times`: when each did, NaN if not)."""
    return flow_10_90(times[~np.isnan(times)].tolist(), len(times))


def push(people: int, seed: int, fence: bool, duration_s: float, width_m: float, agitation: float = 1.0) -> dict[str, Any]:
    """A crowd at `agitation` pushing against a fence or a police line: the injuries, how far from
    the barrier each happened, and whether anyone got past it."""
    setup = cases.push(people=people, seed=seed, fence=fence, duration_s=duration_s, width_m=width_m,
                       agitation=agitation)
    # A physics experiment: the crowd pushes, nobody throws stones or lights fires (agresif
    # people would, and officers hit by stones fall for reasons this test is not about): the
    # scenario's `riot` is off (`cases._scenario`).
    world = World(setup.scenario)
    b = world.bodies
    n = b.n_crowd
    injuries = _Injuries()
    hurt: list[dict[str, float]] = []
    beyond_max = 0
    series: dict[str, list[float]] = {"t": [], "injured": []}
    while world.t < duration_s - 1e-9:
        world.step()
        for i in injuries.update(world):
            if fence:
                d = abs(i["y"] - setup.barrier_y)
            else:
                officers = b.pos[n:]
                d = float(np.hypot(officers[:, 0] - i["x"], officers[:, 1] - i["y"]).min()) if len(officers) else np.inf
            hurt.append({**i, "barrier_m": round(float(d), 2)})
        if _every(world, SAMPLE_S):
            on = b.state[:n] == ACTIVE
            # Past a fence is north of it; past the line is north of its rear rank (about 1 m deep).
            margin = 0.3 if fence else 1.5
            beyond_max = max(beyond_max, int((on & (b.pos[:n, 1] > setup.barrier_y + margin)).sum()))
            series["t"].append(round(world.t, 2))
            series["injured"].append(len(hurt))
    return {"people": n, "fence": fence, "width_m": width_m, "agitation": agitation,
            "injuries": hurt, "breaches": int(world.breaches), "beyond_max": beyond_max,
            "officers_down": int(world.injuries["officer"]), "series": series, "duration_s": duration_s}
