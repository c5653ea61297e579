"""Run a level with Sispam's API, give the police an order, and plot where the crowd stood.

    python docs/examples/run_and_plot.py kpu_sispamkota --duration 120 --out density.svg

Writes an SVG map of the crowd's mean density (people per m², on 2 m cells, sampled every
simulated second) with nothing but numpy and the standard library. See docs/api.md.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

import sispam

CELL_M = 2.0  # density cells
PX_PER_M = 5  # picture scale
FULL_SCALE_PPM2 = 2.0  # people per m² drawn darkest


def give_brace(world: sispam.World, t_s: float) -> sispam.Issued | None:
    """Order the first unit that can brace to do so at `t_s`: the order waits in the command
    queue until then. None if no unit can."""
    for unit in world.scenario.units:
        try:
            return world.give(sispam.Order(t=t_s, unit=unit.id, kind=sispam.OrderKind.BRACE))
        except sispam.OrderRefused:
            continue  # not a line unit
    return None


def mean_density(world: sispam.World, duration_s: float) -> np.ndarray:
    """Run to `duration_s` and return the crowd's mean density on (ny, nx) cells of CELL_M."""
    width, height = world.scenario.size
    x_edges = np.arange(0.0, width + CELL_M, CELL_M)
    y_edges = np.arange(0.0, height + CELL_M, CELL_M)
    total = np.zeros((len(y_edges) - 1, len(x_edges) - 1))
    samples = 0
    while world.t < duration_s - 1e-9:
        world.run_until(min(duration_s, world.t + 1.0))
        standing = (world.states == sispam.BodyState.ACTIVE) & (world.kinds == sispam.BodyKind.CROWD)
        xy = world.positions[standing]
        counts, _, _ = np.histogram2d(xy[:, 1], xy[:, 0], bins=(y_edges, x_edges))
        total += counts / CELL_M**2
        samples += 1
    return total / max(samples, 1)


def density_svg(density: np.ndarray, size: tuple[float, float], title: str) -> str:
    """An SVG picture of the density map, north up, with a scale."""
    width, height = size
    w_px, h_px = round(width * PX_PER_M), round(height * PX_PER_M)
    cell = CELL_M * PX_PER_M
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w_px}" height="{h_px + 40}" '
             f'viewBox="0 0 {w_px} {h_px + 40}">',
             f'<rect x="0" y="0" width="{w_px}" height="{h_px}" fill="#ffffff" stroke="#444444"/>']
    for iy, ix in zip(*np.nonzero(density > 0.005), strict=True):
        share = min(1.0, float(density[iy, ix]) / FULL_SCALE_PPM2)
        shade = round(255 * (1.0 - share))
        y_px = h_px - (iy + 1) * cell  # row 0 is the south edge: SVG counts from the top
        parts.append(f'<rect x="{ix * cell:g}" y="{y_px:g}" width="{cell:g}" height="{cell:g}" '
                     f'fill="rgb(255,{shade},{shade})"><title>{density[iy, ix]:.2f} /m²</title></rect>')
    parts.append(f'<text x="4" y="{h_px + 16}" font-size="13" font-family="sans-serif">{title}: mean crowd '
                 f'density, {CELL_M:g} m cells; darkest = {FULL_SCALE_PPM2:g} people/m² or more</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _seconds(text: str) -> float:
    """--duration: a finite number of seconds above 0 (-5 and nan were taken)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= 7200):
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 7200 s, not {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("level", type=Path, help="a level file, or a shipped level's name, e.g. kpu_sispamkota")
    parser.add_argument("--duration", type=_seconds, default=120.0, help="simulated seconds (default 120)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("density.svg"))
    args = parser.parse_args(argv)

    try:
        scenario = sispam.load_level(args.level)
    except sispam.LevelError as e:
        print(e, file=sys.stderr)
        return 2
    world = sispam.World(scenario, seed=args.seed)
    issued = give_brace(world, t_s=args.duration / 2)
    density = mean_density(world, args.duration)
    try:
        args.out.write_text(density_svg(density, scenario.size, scenario.id), encoding="utf-8")
    except OSError as e:  # a folder, a read-only place, a full disk
        print(f"{args.out}: cannot write the picture: {e.strerror or e}", file=sys.stderr)
        return 2
    order = "no unit could brace" if issued is None else (
        f"order {issued.order.kind} to {issued.order.unit} at {issued.order.t:g} s: {issued.status}")
    print(f"{scenario.id}: {world.t:.0f} s simulated, {int((world.states == sispam.BodyState.ACTIVE).sum())} people "
          f"on the map, peak mean density {density.max():.2f}/m²; {order}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
