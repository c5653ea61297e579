"""The clock between a player and a world: pause, game speed, and orders given "now".

The world itself knows only fixed steps. A `Runner` turns wall-clock time (which the UI measures
between frames) into a whole number of steps, and stamps each order the player gives with the
simulation time at which it was given. Because the world sees nothing but steps and timed
orders, a run played live and the same orders replayed from a plan are bit-identical.

Active pause: while paused, `advance` does nothing, but orders can still be given; they carry
the paused moment's time and take effect after their command delay once the clock runs again.
The clock stops for good once the level is over: won, lost, or at its duration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sispam.sim.injects import Inject
from sispam.sim.police.command import Issued
from sispam.sim.police.orders import Order
from sispam.sim.world import World

SPEEDS = (1, 2, 4)
# At most this many steps per call and speed unit: a slow frame makes the game run slow for a
# moment instead of freezing it while it catches up.
MAX_STEPS_PER_ADVANCE = 6


class Runner:
    """Drives a `World` in real time.

    Attributes:
        paused: the simulation does not advance.
        speed: simulated seconds per wall second, one of `SPEEDS`.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.paused = False
        self.speed = 1
        self.on_step: Callable[[World], None] | None = None  # called after every step (a recorder)
        self.last_step: int | None = None  # the clock stops at this step too (a replay's end)
        self._scheduled: list[Order] = []  # orders still to give, latest first
        self._owed_s = 0.0

    def schedule(self, orders: list[Order] | tuple[Order, ...]) -> None:
        """Give these orders at their times (an instructor's demonstration plan). Each is issued
        just before the step that reaches its time, so the command log stays in time order with
        the orders the player gives meanwhile (a replay of the run issues them all at the start,
        in that order, and comes out the same)."""
        self._scheduled = sorted([*self._scheduled, *orders], key=lambda o: o.t, reverse=True)

    def set_speed(self, speed: int) -> None:
        """Game speed 1x, 2x or 4x."""
        if speed not in SPEEDS:
            raise ValueError(f"speed must be one of {SPEEDS}, not {speed}")
        self.speed = speed

    def inject(self, inject: Inject) -> Inject:
        """Give an instructor's inject now (its `t` is replaced by the current simulation time);
        it is applied at the start of the next step.

        Raises:
            InjectRefused: the world cannot take it.
        """
        inject = dataclasses.replace(inject, t=self.world.t)
        self.world.injects.add(inject)
        return inject

    def give(self, order: Order) -> Issued:
        """Give an order now (its `t` is replaced by the current simulation time).

        Raises:
            OrderRefused: the unit cannot carry it out.
        """
        return self.world.command.issue(dataclasses.replace(order, t=self.world.t))

    @property
    def over(self) -> bool:
        """The level is decided or its time is up: the clock runs no further."""
        w = self.world
        return (w.objectives.ended or w.t >= w.scenario.duration_s - 1e-9
                or (self.last_step is not None and w.step_count >= self.last_step))

    @property
    def between_steps(self) -> float:
        """How far the clock has gone towards the next step (0-1): for a view that draws
        movement between steps. It stands still while paused."""
        return min(self._owed_s / self.world.dt, 1.0)

    def advance(self, wall_s: float) -> int:
        """Let `wall_s` seconds of real time pass; return the number of steps taken (none once
        the level is over)."""
        if self.paused or wall_s <= 0.0 or self.over:
            return 0
        dt = self.world.dt
        self._owed_s += wall_s * self.speed
        steps = min(int(self._owed_s / dt + 1e-9), MAX_STEPS_PER_ADVANCE * self.speed)
        self._owed_s = min(self._owed_s - steps * dt, dt)  # a long stall is dropped, not replayed
        for k in range(steps):
            while self._scheduled and self._scheduled[-1].t <= self.world.t + dt + 1e-9:
                self.world.command.issue(self._scheduled.pop())
            self.world.step()
            if self.on_step is not None:
                self.on_step(self.world)
            if self.over:
                self._owed_s = 0.0
                return k + 1
        return steps
