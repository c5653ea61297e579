"""Benchmark: a crowd packed against a police line, full step against bare `space.step`.

Run `python -m sispam.bench` (add `--sizes 500 2000` to choose sizes). For each size N, a fresh
process builds a level with N agitated people packed in front of a two-rank line of Dalmas
Lanjut, lets them press for a warm-up, then times steps. It prints, per N:

- ms per full simulation step (forces, pymunk, measurements);
- ms per bare `space.step` on the same bodies and contacts (timed inside the same steps);
- their ratio, the full step's cost per agent, the real-time factor (simulated s per wall s),
  and the process's peak resident memory. The steps are timed in 5 blocks of 150; the row is the
  block with the median ratio, and the blocks' range of ratios follows it.

A second case puts 200 officers under orders in front of the crowd (`--command`): six platoons
of Dalmas Lanjut in a two-rank line and a Satpol PP platoon behind, given a new order every few
seconds (desak, brace, dorong, re-forming, falling back). It prints the full step, the part of it
spent in the officers' command logic (orders, slot assignment, slot walking, the ladder), and the
ratio of the full step to the step without that logic.

A third case (`--mood`, default 2,000 people) times the crowd's mood model (every person's
perception, legitimacy, fear and agitation, `sispam.sim.mood`, and the situation colour) inside
the packed benchmark's steps and prints the ratio of the full step to the step without it; the
same for the aggressive acts (`sispam.sim.riot`: projectiles, fires, shops).

Then it runs the shipped KPU level with its crowd scaled to 2,000 people for the level's full
duration, as `game.py run` would, and prints the real-time factor of that run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from sispam.level import load_level
from sispam.level.limits import MAX_CROWD_TOTAL
from sispam.resources import levels_dir
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import (
    CrowdGroup,
    Formation,
    Goal,
    GoalKind,
    PoliceUnit,
    Rect,
    Role,
    Scenario,
    Text,
    UnitType,
    Zone,
    ZoneRole,
)
from sispam.sim.world import World

SIZES = (500, 1000, 2000, 5000)
WARMUP_S = 10.0
TIMED_STEPS = 150
# The timed steps run in this many blocks (odd: the median is one block), one after another; the
# row is the block with the median full / bare ratio, and the blocks' lowest and highest ratios are
# printed beside it: a moment's load on a shared machine moves one block, not the median. The
# blocks follow each other in simulated time (7.5 s each), so their range also holds the crowd's
# own changes as it keeps pressing; the density and the line's load are read after the last.
RATIO_BLOCKS = 5


def _crowd_at_line(name: str, n: int, width: float, units, behind_m: float) -> Scenario:
    """N agitated people spawned at about 3 people/m² across a street `width` wide, heading for
    a protected zone `behind_m` beyond the line; `units(line_y)` gives the police at the line."""
    depth = n / (width * 3.0) + 2.0  # spawn at about 3 people/m²
    line_y = depth + 2.0
    return Scenario(
        id=name, title=Text("Benchmark", "Benchmark"), briefing=Text("", ""),
        size=(width, line_y + behind_m), seed=1, duration_s=3600.0,
        zones=(
            Zone("spawn", ZoneRole.SPAWN, Rect((0.5, 0.5), (width - 0.5, depth))),
            Zone("kpu", ZoneRole.PROTECTED, Rect((0.0, line_y + behind_m - 4.0), (width, line_y + behind_m))),
        ),
        crowd=(CrowdGroup("massa", n, "spawn", ((Role.MASSA, 1.0),), Goal(GoalKind.ZONE, zone="kpu"),
                          agitation=0.7),),
        units=units(line_y),
        mood=False,  # the physics cases keep the crowd at one agitation; the mood case turns it on
    )


def packed_scenario(n: int) -> Scenario:
    """N agitated people in a block whose width grows with √N, pushing at a police line."""
    width = max(20.0, round(math.sqrt(n) * 1.2))
    officers = 2 * int((width - 1.0) / 0.6)
    return _crowd_at_line(f"bench-{n}", n, width, lambda line_y: (
        PoliceUnit("line", UnitType.DALMAS_LANJUT, officers, Formation.BERSAF,
                   (width / 2, line_y), -90.0, width - 1.0, 2),), behind_m=8.0)


class _TimedWorld(World):
    """A world that also times its pymunk step alone, and its command logic."""

    physics_s = 0.0
    command_s = 0.0
    mood_s = 0.0
    riot_s = 0.0

    def _physics_step(self) -> None:
        start = time.perf_counter()
        super()._physics_step()
        self.physics_s += time.perf_counter() - start

    def time_command(self) -> None:
        """Time every call into the command logic from now on."""
        for owner, name in ((self.command, "update"), (self.lines, "advance"),
                            (self.command, "add_forces"), (self.command, "after_step")):
            setattr(owner, name, self._timed(getattr(owner, name)))

    def time_mood(self) -> None:
        """Time every call into the mood model and the situation colour from now on."""
        for owner in (self.mood, self.situation):
            owner.update = self._timed(owner.update, "mood_s")
        for name in ("update", "add_forces"):
            setattr(self.riot, name, self._timed(getattr(self.riot, name), "riot_s"))

    def _timed(self, method, counter: str = "command_s"):
        def call(*args):
            start = time.perf_counter()
            method(*args)
            setattr(self, counter, getattr(self, counter) + time.perf_counter() - start)
        return call


COMMAND_PLATOONS = 6
PLATOON = 30
RESERVE = 20


def command_scenario(n: int) -> Scenario:
    """N agitated people pushing at six platoons of Dalmas Lanjut (two ranks) with a Satpol PP
    reserve behind them: 200 officers."""
    width = COMMAND_PLATOONS * 9.0 + 2.0
    return _crowd_at_line(f"bench-command-{n}", n, width, lambda line_y: tuple(
        PoliceUnit(f"ton-{k + 1}", UnitType.DALMAS_LANJUT, PLATOON, Formation.BERSAF,
                   (1.0 + 4.5 + 9.0 * k, line_y), -90.0, 8.4, 2)
        for k in range(COMMAND_PLATOONS)
    ) + (PoliceUnit("cadangan", UnitType.SATPOL_PP, RESERVE, Formation.BANJAR_3, (width / 2, line_y + 5.0), -90.0),),
        behind_m=12.0)


def _order_cycle(world: World, t: float) -> None:
    """Give each platoon its next order: they cycle, staggered, through the line orders."""
    cycle = (OrderKind.DESAK, OrderKind.BRACE, OrderKind.DORONG, OrderKind.HOLD, OrderKind.FORM, OrderKind.FALL_BACK)
    for k, unit in enumerate(world.units[:COMMAND_PLATOONS]):
        kind = cycle[(int(t // 2.0) + k) % len(cycle)]
        point = unit.anchor if kind is OrderKind.FORM else None
        world.command.issue(Order(t, unit.id, kind, point=point, distance_m=1.0, width_m=8.4))
    world.command.issue(Order(t, "cadangan", OrderKind.FORM, point=(world.scenario.size[0] / 2 + (t % 4.0) - 2.0,
                                                                    world.units[-1].anchor[1])))


def measure_command(n: int) -> dict[str, float]:
    """Run the command benchmark for N crowd agents and 200 officers in this process."""
    world = _TimedWorld(command_scenario(n))
    world.run_until(WARMUP_S)
    world.time_command()
    start = time.perf_counter()
    for step in range(TIMED_STEPS):
        if step % 40 == 0:  # a new order for every unit every 2 s
            _order_cycle(world, world.t)
        world.step()
    full = (time.perf_counter() - start) / TIMED_STEPS
    command = world.command_s / TIMED_STEPS
    return {"n": n, "officers": world.bodies.n - world.bodies.n_crowd, "full_ms": full * 1e3,
            "command_ms": command * 1e3, "ratio": full / (full - command), "orders": len(world.command.log)}


def mood_scenario(n: int) -> Scenario:
    """The packed scenario with the mood model on and an angry crowd: 5% perusuh and 2%
    provokator among them, high hardship and low legitimacy, so that some attack."""
    scenario = packed_scenario(n)
    roles = ((Role.MASSA, 0.93), (Role.PERUSUH, 0.05), (Role.PROVOKATOR, 0.02))
    crowd = tuple(dataclasses.replace(g, roles=roles, hardship=0.8, legitimacy=0.2) for g in scenario.crowd)
    return dataclasses.replace(scenario, crowd=crowd, mood=True)


def measure_mood(n: int) -> dict[str, float]:
    """Time the mood model inside the packed benchmark's steps for N agents."""
    world = _TimedWorld(mood_scenario(n))
    world.run_until(WARMUP_S)
    world.time_mood()
    start = time.perf_counter()
    steps = 4 * TIMED_STEPS  # the mood runs every tenth step: average over many
    for _ in range(steps):
        world.step()
    full = (time.perf_counter() - start) / steps
    mood = world.mood_s / steps
    riot = world.riot_s / steps
    return {"n": n, "full_ms": full * 1e3, "mood_ms": mood * 1e3, "ratio": full / (full - mood),
            "riot_ms": riot * 1e3, "riot_ratio": full / (full - riot),
            "agresif": int((world.crowd.agitation >= 0.9).sum())}


def measure(n: int) -> dict[str, float]:
    """Run the benchmark for N agents in this process."""
    world = _TimedWorld(packed_scenario(n))
    world.run_until(WARMUP_S)
    blocks = []  # (full, bare) seconds per step, each over TIMED_STEPS steps
    for _ in range(RATIO_BLOCKS):
        world.physics_s = 0.0
        start = time.perf_counter()
        for _ in range(TIMED_STEPS):
            world.step()
        blocks.append(((time.perf_counter() - start) / TIMED_STEPS, world.physics_s / TIMED_STEPS))
    ratios = sorted(f / b for f, b in blocks)
    full, bare = sorted(blocks, key=lambda fb: fb[0] / fb[1])[RATIO_BLOCKS // 2]  # the median block
    present = int(world.bodies.in_space().sum())
    return {
        "n": n, "bodies": present, "full_ms": full * 1e3, "bare_ms": bare * 1e3, "ratio": full / bare,
        "ratio_low": ratios[0], "ratio_high": ratios[-1],
        "us_per_agent": full * 1e6 / n, "realtime_x": world.dt / full,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "max_density": world.measure.max_density_ppm2, "line_load_kn": float(world.measure.line_load_n[0]) / 1e3,
    }


def _count(option: str, low: int, high: int) -> Callable[[str], int]:
    """The argparse type of `option`: a whole number from `low` to `high` (a crowd the machine
    can hold; 99999999999 people filled the memory for minutes)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be a whole number, not {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{option} must be from {low:,} to {high:,}, not {value:,}")
        return value

    return parse


LEVEL = levels_dir() / "kpu_sispamkota.toml"


def scaled_level(people: int) -> Scenario:
    """The KPU level with each crowd group scaled so that the crowd holds about `people`."""
    scenario = load_level(LEVEL)
    total = sum(g.count for g in scenario.crowd)
    crowd = tuple(dataclasses.replace(g, count=round(g.count * people / total)) for g in scenario.crowd)
    return dataclasses.replace(scenario, crowd=crowd)


def level_run(people: int) -> dict[str, float]:
    """Simulated seconds per wall second for the KPU level with `people` in its crowd."""
    scenario = scaled_level(people)
    world = World(scenario)
    start = time.perf_counter()
    world.run_until(scenario.duration_s)
    wall = time.perf_counter() - start
    return {"people": sum(g.count for g in scenario.crowd), "sim_s": world.t, "wall_s": wall,
            "realtime_x": world.t / wall}


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table; each size runs in its own process for a clean memory peak."""
    parser = argparse.ArgumentParser(prog="python -m sispam.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_count("--sizes", 1, MAX_CROWD_TOTAL), nargs="+", default=list(SIZES))
    parser.add_argument("--level-people", type=_count("--level-people", 0, MAX_CROWD_TOTAL), default=2000,
                        help="crowd size for the level run (0 skips it)")
    parser.add_argument("--command", type=_count("--command", 1, MAX_CROWD_TOTAL), default=2000, metavar="N",
                        help="crowd size for the command case with 200 officers under orders (default 2000)")
    parser.add_argument("--mood", type=_count("--mood", 1, MAX_CROWD_TOTAL), default=2000, metavar="N",
                        help="crowd size for the mood model case (default 2000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-mood", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-command", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-level", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return 0
    if args.one_mood is not None:
        print(json.dumps(measure_mood(args.one_mood)))
        return 0
    if args.one_command is not None:
        print(json.dumps(measure_command(args.one_command)))
        return 0
    if args.one_level is not None:
        print(json.dumps(level_run(args.one_level)))
        return 0
    print(f"{'N':>6} {'bodies':>7} {'full ms':>8} {'bare ms':>8} {'ratio':>6} {'range':>10} {'us/agent':>9} "
          f"{'x realtime':>10} {'peak MB':>8} {'max ρ':>6} {'line kN':>8}")
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, "-m", "sispam.bench", "--one", str(n)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        spread = f"{r['ratio_low']:.2f}-{r['ratio_high']:.2f}"
        print(f"{r['n']:>6} {r['bodies']:>7} {r['full_ms']:>8.2f} {r['bare_ms']:>8.2f} {r['ratio']:>6.2f} {spread:>10} "
              f"{r['us_per_agent']:>9.2f} {r['realtime_x']:>10.1f} {r['peak_mb']:>8.0f} "
              f"{r['max_density']:>6.2f} {r['line_load_kn']:>8.1f}", flush=True)
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 5000 in by_n:
        full = by_n[5000]["us_per_agent"] / by_n[1000]["us_per_agent"]
        bare = (by_n[5000]["bare_ms"] / 5000) / (by_n[1000]["bare_ms"] / 1000)
        ours = ((by_n[5000]["full_ms"] - by_n[5000]["bare_ms"]) / 5000) / (
            (by_n[1000]["full_ms"] - by_n[1000]["bare_ms"]) / 1000)
        print(f"per-agent cost at 5000 / at 1000: full step {full:.2f}, bare space.step {bare:.2f}, "
              f"the rest of the step {ours:.2f}")
    out = subprocess.run([sys.executable, "-m", "sispam.bench", "--one-command", str(args.command)],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"command: {r['n']} people, {r['officers']} officers under {r['orders']} orders: full step "
          f"{r['full_ms']:.2f} ms, command logic {r['command_ms']:.3f} ms, full / without command logic "
          f"{r['ratio']:.3f}", flush=True)
    out = subprocess.run([sys.executable, "-m", "sispam.bench", "--one-mood", str(args.mood)],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"mood: {r['n']} people: full step {r['full_ms']:.2f} ms, mood model and situation "
          f"{r['mood_ms']:.3f} ms per step on average, full / without them {r['ratio']:.3f}; aggressive acts "
          f"({r['agresif']} agresif) {r['riot_ms']:.3f} ms, full / without them {r['riot_ratio']:.3f}", flush=True)
    if args.level_people:
        out = subprocess.run([sys.executable, "-m", "sispam.bench", "--one-level", str(args.level_people)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"level {LEVEL.name} with {r['people']} people: {r['sim_s']:.0f} s simulated in "
              f"{r['wall_s']:.1f} s = {r['realtime_x']:.1f}x real time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
