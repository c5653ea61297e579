"""A one-line progress bar for long headless runs, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redraws `[#####.....]  45%  t 270/600 s  6.1× real time` at most 4 times a second.

    Args:
        total_s: simulated seconds the run will last.
        out: where to draw; nothing is drawn unless it is a terminal.
    """

    WIDTH = 30

    def __init__(self, total_s: float, out: TextIO | None = None) -> None:
        self._out = out if out is not None else sys.stderr
        self._total = max(total_s, 1e-9)
        self._shown = self._out.isatty()
        self._start = time.monotonic()
        self._last = 0.0

    def update(self, t: float) -> None:
        """Redraw for simulated time `t` if a redraw is due."""
        if not self._shown:
            return
        now = time.monotonic()
        if now - self._last < 0.25 and t < self._total:
            return
        self._last = now
        share = min(t / self._total, 1.0)
        filled = int(share * self.WIDTH)
        speed = t / max(now - self._start, 1e-9)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self._out.write(f"\r[{bar}] {share:4.0%}  t {t:.0f}/{self._total:.0f} s  {speed:.1f}x real time ")
        self._out.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self._shown:
            self._out.write("\n")
            self._out.flush()
