"""Which cases the battery runs, at what size, and running one of them.

A `Case` names a function in `runs` and its keyword arguments; `plan` lists the cases of the
chosen tests for the full battery or the quick one (fewer, smaller, shorter cases), once per
seed. `run_case` is what a worker process calls; `scenarios_of` gives the scenarios a case
builds (for `--levels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sispam.sim.scenario import Scenario
from sispam.validate import cases, runs
from sispam.validate.options import TESTS

__all__ = ["TESTS", "Case", "plan", "run_case", "scenarios_of"]


@dataclass(frozen=True, slots=True)
class Case:
    """One run: `runs.<run>(**kwargs)`; `key` is unique in a plan and orders the results."""

    test: str
    key: str
    run: str
    kwargs: tuple[tuple[str, Any], ...]
    cost: float = 1.0  # rough relative run time, to start the long cases first

    @property
    def args(self) -> dict[str, Any]:
        """The keyword arguments as a dict."""
        return dict(self.kwargs)


def _case(test: str, key: str, run: str, cost: float = 1.0, **kwargs: Any) -> Case:
    return Case(test, key, run, tuple(sorted(kwargs.items())), cost)


# Targets: the restriction for 5 /m² is the narrowest (0.6 m); the queue behind it holds about 4.5.
FD_DENSITIES = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
BOTTLENECK_WIDTHS = (0.8, 1.0, 1.2, 1.6, 2.0, 2.5)
AGITATIONS = (0.0, 0.4, 0.7, 1.0)
CONTROL_WIDTH_M = 2.0  # counterflow's control: one stream through half the 4 m corridor
PUSH_STREET_M = 14.0  # the push's street (10 m in the quick battery), on which it is judged
DEEP_STREET_M = 8.0  # the push's crowd in a narrower street: how injuries grow with its depth
WEAKER_PUSH = 0.7  # and at this agitation there: how they grow with the push's strength


def plan(tests: tuple[str, ...], *, quick: bool, seeds: tuple[int, ...]) -> list[Case]:
    """Every case of `tests`, for each seed."""
    out: list[Case] = []
    for seed in seeds:
        s = f"seed{seed}"
        if "fundamental_diagram" in tests:
            for d in FD_DENSITIES[1::2] if quick else FD_DENSITIES:
                out.append(_case("fundamental_diagram", f"fd/{d:g}/{s}", "fundamental", 1.0 + d,
                                 density_ppm2=d, seed=seed, length_m=40.0))
        if "jam" in tests:
            out.append(_case("jam", f"jam/{s}", "queue", 8.0, agitation=0.4, people=150 if quick else 300,
                             seed=seed, duration_s=60.0 if quick else 90.0))
        if "calm_queue" in tests:
            out.append(_case("calm_queue", f"calm_queue/{s}", "queue", 8.0, agitation=0.0, people=150 if quick else 300,
                             seed=seed, duration_s=60.0 if quick else 90.0))
        if "bottleneck" in tests:
            widths = (1.0, 1.6, 2.5) if quick else BOTTLENECK_WIDTHS
            for a in (0.0, 0.7) if quick else AGITATIONS:
                for w in widths:
                    out.append(_case("bottleneck", f"bottleneck/{w:g}m/a{a:g}/{s}", "bottleneck", 6.0 / w,
                                     width_m=w, agitation=a, people=80 if quick else 150, seed=seed))
        if "counterflow" in tests:
            for each in (20, 60) if quick else (20, 60, 150):
                out.append(_case("counterflow", f"counterflow/{each}/{s}", "counterflow", each / 10,
                                 each=each, seed=seed, duration_s=180.0))
            # The control: the eastbound stream alone through half the width, the lane it gets.
            for each in (60,) if quick else (60, 150):
                out.append(_case("counterflow", f"counterflow-oneway/{each}/{s}", "counterflow", each / 20, each=each,
                                 seed=seed, duration_s=180.0, width_m=CONTROL_WIDTH_M, one_way=True))
        if "rimea" in tests:
            out += [_case("rimea", f"rimea1/{s}", "rimea1", 0.5, seed=seed),
                    _case("rimea", f"rimea6/{s}", "rimea6", 0.5, seed=seed),
                    _case("rimea", f"rimea7/{s}", "rimea7", 1.0, seed=seed, people=50)]
            for v in (1.34,) if quick else (1.34, 1.0):
                out.append(_case("rimea", f"rimea8/{v:g}/{s}", "rimea8", 3.0, seed=seed, per_room=20, speed_mean_mps=v))
            out.append(_case("rimea", f"rimea12/{s}", "rimea12", 6.0, seed=seed, people=150))
        if "push" in tests:
            for fence in (True, False):
                what = "fence" if fence else "line"
                out.append(_case("push", f"push/{what}/{s}", "push", 30.0 if not quick else 8.0,
                                 people=150 if quick else 300, seed=seed, fence=fence,
                                 duration_s=60.0 if quick else 120.0, width_m=10.0 if quick else PUSH_STREET_M))
            if not quick:  # the same crowd in a narrower street, standing deeper, pushing fully and less
                # hard: reported, not judged
                out.append(_case("push", f"push/fence-{DEEP_STREET_M:g}m/{s}", "push", 30.0, people=300, seed=seed,
                                 fence=True, duration_s=120.0, width_m=DEEP_STREET_M))
                out.append(_case("push", f"push/fence-{DEEP_STREET_M:g}m-a{WEAKER_PUSH:g}/{s}", "push", 30.0,
                                 people=300, seed=seed, fence=True, duration_s=120.0, width_m=DEEP_STREET_M,
                                 agitation=WEAKER_PUSH))
    return out


def run_case(case: Case) -> tuple[str, dict[str, Any]]:
    """Run one case (in whatever process): its key and its results."""
    return case.key, getattr(runs, case.run)(**case.args)


def scenarios_of(case: Case) -> list[Scenario]:
    """The scenarios a case runs (what `--levels` writes)."""
    a = case.args
    match case.run:
        case "fundamental":
            return [cases.fd_corridor(a["density_ppm2"], a["seed"], length_m=a["length_m"]).scenario]
        case "queue":
            return [cases.queue_at_exit(a["agitation"], a["people"], a["seed"], a["duration_s"]).scenario]
        case "bottleneck":
            return [cases.bottleneck(a["width_m"], a["agitation"], a["people"], a["seed"]).scenario]
        case "counterflow":
            return [cases.counterflow(a["each"], a["seed"], duration_s=a["duration_s"], width_m=a.get("width_m", 4.0),
                                      one_way=a.get("one_way", False)).scenario]
        case "rimea1":
            return [cases.rimea1(a["seed"])]
        case "rimea6":
            return [cases.rimea6(a["seed"])]
        case "rimea7":
            return [cases.rimea7(a["seed"], a["people"])]
        case "rimea8":
            return [cases.rimea8(a["seed"], per_room=a["per_room"], speed_mean_mps=a["speed_mean_mps"])]
        case "rimea12":
            return [cases.rimea12(a["seed"], a["people"]).scenario]
        case "push":
            return [cases.push(people=a["people"], seed=a["seed"], fence=a["fence"], duration_s=a["duration_s"],
                               width_m=a["width_m"], agitation=a.get("agitation", 1.0)).scenario]
    raise ValueError(f"unknown run {case.run!r}")
