"""Small line and scatter plots as SVG text, for the validation report (no plotting library).

`plot([Series(...), ...], title=..., x_label=..., y_label=...)` returns one `<svg>` element with
axes, ticks, a legend and the series; log axes take only positive values (others are dropped).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Okabe-Ito: told apart by colour-blind readers too.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


@dataclass(frozen=True, slots=True)
class Series:
    """One series: `style` is "line", "dashed" or "points"; `colour` None takes the next in PALETTE;
    an empty `label` leaves it out of the legend."""

    label: str
    xs: tuple[float, ...] | list[float]
    ys: tuple[float, ...] | list[float]
    style: str = "line"
    colour: str | None = None


def _nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / count
    step = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * step:
            step *= m
            break
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    return ticks


def _log_ticks(lo: float, hi: float) -> list[float]:
    return [10.0**k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def _label(v: float) -> str:
    if v != 0 and (abs(v) >= 1e4 or abs(v) < 1e-2):
        return f"{v:.0e}"
    return f"{v:g}"


def plot(series: list[Series], *, title: str, x_label: str, y_label: str, log_x: bool = False, log_y: bool = False,
         x_range: tuple[float, float] | None = None, y_range: tuple[float, float] | None = None,
         width: int = 600, height: int = 360) -> str:
    """An SVG plot of the series (text of one `<svg>` element)."""
    def keep(x: float, y: float) -> bool:
        return math.isfinite(x) and math.isfinite(y) and (not log_x or x > 0) and (not log_y or y > 0)

    data = [(s, [(float(x), float(y)) for x, y in zip(s.xs, s.ys, strict=True) if keep(float(x), float(y))])
            for s in series]
    xs = [x for _, pts in data for x, _ in pts]
    ys = [y for _, pts in data for _, y in pts]
    x0, x1 = x_range or ((min(xs), max(xs)) if xs else (0.0, 1.0))
    y0, y1 = y_range or ((min(ys), max(ys)) if ys else (0.0, 1.0))
    if not log_y and y_range is None:
        y0 = min(y0, 0.0)
    if x1 <= x0:
        x1 = x0 * 2 if log_x else x0 + 1.0
    if y1 <= y0:
        y1 = y0 * 2 if log_y else y0 + 1.0
    if not log_y and y_range is None:
        y1 += (y1 - y0) * 0.05
    left, right, top, bottom = 64, 16, 34, 48
    legend_h = 16 * sum(1 for s in series if s.label)  # a series without a label has no legend line
    pw, ph = width - left - right, height - top - bottom - legend_h

    def tx(v: float) -> float:
        if log_x:
            return left + pw * (math.log10(v) - math.log10(x0)) / (math.log10(x1) - math.log10(x0))
        return left + pw * (v - x0) / (x1 - x0)

    def ty(v: float) -> float:
        if log_y:
            return top + ph * (1 - (math.log10(v) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)))
        return top + ph * (1 - (v - y0) / (y1 - y0))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="13">{escape(title)}</text>',
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>']
    xt = _log_ticks(x0, x1) if log_x else _nice_ticks(x0, x1)
    yt = _log_ticks(y0, y1) if log_y else _nice_ticks(y0, y1)
    for v in xt:
        if x0 - 1e-12 <= v <= x1 + 1e-12:
            x = tx(v)
            out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="#ddd"/>')
            out.append(f'<text x="{x:.1f}" y="{top + ph + 14}" text-anchor="middle">{_label(v)}</text>')
    for v in yt:
        if y0 - 1e-12 <= v <= y1 + 1e-12:
            y = ty(v)
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{_label(v)}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{top + ph + 32}" text-anchor="middle">{escape(x_label)}</text>')
    out.append(f'<text transform="translate(14 {top + ph / 2}) rotate(-90)" text-anchor="middle">{escape(y_label)}</text>')
    for k, (s, pts) in enumerate(data):
        colour = s.colour or PALETTE[k % len(PALETTE)]
        # Clipped by hand (simple SVG renderers ignore clipPath): points outside are dropped,
        # lines pinned to the frame.
        if s.style == "points":
            inside = [(tx(x), ty(y)) for x, y in pts if x0 <= x <= x1 and y0 <= y <= y1]
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in inside]
        elif pts:
            inside = [(tx(min(max(x, x0), x1)), ty(min(max(y, y0), y1))) for x, y in pts]
            dash = ' stroke-dasharray="5 4"' if s.style == "dashed" else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in inside)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.6"{dash}/>')
        if not s.label:
            continue
        ly = top + ph + 44 + 16 * sum(1 for t in series[:k] if t.label)
        if s.style == "points":
            out.append(f'<circle cx="{left + 8}" cy="{ly - 4}" r="3" fill="{colour}"/>')
        else:
            dash = ' stroke-dasharray="5 4"' if s.style == "dashed" else ""
            out.append(f'<line x1="{left}" y1="{ly - 4}" x2="{left + 16}" y2="{ly - 4}" stroke="{colour}" '
                       f'stroke-width="1.6"{dash}/>')
        out.append(f'<text x="{left + 22}" y="{ly}">{escape(s.label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
