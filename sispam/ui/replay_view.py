"""Watching a replay: the recorded run simulated again before the viewer's eyes, with play,
pause, speed, a timeline to jump to any moment, and taking over from there.

The screen is the play screen with the trainee's hands off the police: the recorded orders are
all queued at the start (as `game.py replay --verify` does), the clock plays them back, and the
world's state at each checkpoint is compared with the recording (a difference is shown, not
hidden). Jumping back starts the run again and runs it, unseen and as fast as the machine can,
to the moment asked; jumping forward runs on the same way. Taking over withdraws the recorded
orders still to come and hands the world to a new play screen, recorded as a branch of the
replay: the trainee plays on from exactly that moment."""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from sispam.review.fingerprint import differences, machine_fingerprint
from sispam.review.recording import Recorder, Recording
from sispam.review.resimulate import Diverged, new_world
from sispam.sim.police.orders import Order
from sispam.sim.scenario import Scenario
from sispam.sim.state_hash import state_hash
from sispam.ui import palette
from sispam.ui.describe import clock
from sispam.ui.play import PlayScreen
from sispam.ui.timeline import draw_timeline
from sispam.ui.widgets import TEXT, Button, blit_text, panel

SEEK_BUDGET_S = 0.03  # wall time a frame may spend running the world unseen while it seeks


class ReplayScreen(PlayScreen):
    """Watch a recorded run (`rec`, of the level `scenario` from `level_path`, read from
    `replay_path`), starting at step `start` (seeking there first); `back` is where Esc goes."""

    injects_allowed = False  # an inject would change the recorded run: take over (T) first

    def __init__(self, app, rec: Recording, scenario: Scenario, replay_path: Path, level_path: Path,
                 start: int = 0, camera=None, back=None) -> None:
        self.rec = rec
        self.replay_path = replay_path
        self.back = back
        self.target = min(max(start, 0), rec.end_step)  # the step being sought, if ahead of the world
        self.diverged: Diverged | None = None
        self._checks = dict(rec.checkpoints)
        super().__init__(app, scenario, level_path, None, world=new_world(rec, scenario))
        self.runner.on_step = self._check
        self.runner.last_step = rec.end_step  # the recording ends there
        self._camera_given = camera is not None
        if camera is not None:
            self.camera = camera
            self._framed = True
        self._check(self.world)

    # --- playback ---

    def _check(self, world) -> None:
        want = self._checks.get(world.step_count)
        if want is not None and self.diverged is None:
            got = state_hash(world)
            if got != want:
                self.diverged = Diverged(world.step_count, world.t, want, got)
                self.app.notice(self.t("replay.diverged", t=clock(world.t), machine=self._machine()))

    def _machine(self) -> str:
        """Where the recording's machine and this one differ, for the notice of a divergence."""
        if not self.rec.machine:
            return self.t("replay.machine_unknown")
        if self.rec.machine.get("simulation") != machine_fingerprint()["simulation"]:  # other code: that is why
            return self.t("replay.simulation_other")
        found = differences(self.rec.machine, machine_fingerprint())
        return self.t("replay.machine_other", diff="; ".join(found)) if found else self.t("replay.machine_same")

    @property
    def seeking(self) -> bool:
        return self.world.step_count < self.target

    def update(self, dt_s: float) -> None:
        if self.seeking:
            until = time.perf_counter() + SEEK_BUDGET_S
            while self.seeking and time.perf_counter() < until:
                self.world.step()
                self._check(self.world)
            self.feed.update()
            self.panels.update(dt_s, force=not self.seeking)  # the panels show where it arrived
            self.view.refresh()
            if not self.seeking and not self._camera_given:
                self.frame_opening()  # framed on the crowd as it stands there, once
                self._camera_given = True
            return
        super().update(dt_s)

    def _finish(self) -> None:
        self.finished = True  # a replay stays on screen at its end: no result, no records

    def seek(self, step: int) -> None:
        """Show the run at `step`: run on to it, or start again and run to it."""
        step = min(max(step, 0), self.rec.end_step)
        if step >= self.world.step_count:
            self.target = step
            self.finished = False
            return
        self.app.show(ReplayScreen(self.app, self.rec, self.scenario, self.replay_path, self.path, start=step,
                                   camera=self.camera, back=self.back))

    def take_over(self) -> None:
        """Play on from this moment: the recorded orders to come are withdrawn, and the world goes
        to a new play screen that records the run as a branch of this replay."""
        world = self.world
        if self.seeking:
            return
        if self.runner.over:  # at the end there is nothing left to play
            self.app.notice(self.t("replay.at_end"))
            return
        try:
            world.command.withdraw_pending()
            world.injects.withdraw_pending()  # the instructor's recorded injects to come go too
        except ValueError as e:  # a replay whose orders are out of time order: it cannot branch
            self.app.notice(str(e))
            return
        recorder = Recorder(world, self.path, branch_of={"replay": self.replay_path.name, "at_t": round(world.t, 6)},
                            history=self.rec)
        if not self.app.trainee[0]:
            self.app.set_trainee(self.rec.trainee.get("name", ""), self.rec.trainee.get("group", ""), remember=False)
        self.app.sound.stop()
        play = PlayScreen(self.app, self.scenario, self.path, None, world=world, recorder=recorder)
        play.camera = self.camera
        play.runner.paused = True  # the trainee looks before the clock runs
        self.app.show(play)
        self._say_where_taken_over(world)

    def _say_where_taken_over(self, world) -> None:
        """Say honestly from what a take-over starts. The simulation gives the same bits on every
        machine (`sispam.sim.pmath`), and the run so far was checked against the recording's
        checkpoints; if one differed (another version below the game), the trainee is told that
        he takes over this machine's version of the run, not the recorded one."""
        checked = max((step for step, _ in self.rec.checkpoints if step <= world.step_count), default=0)
        if self.diverged is not None:
            self.app.notice(self.t("replay.takeover_diverged", t=clock(self.diverged.t), machine=self._machine()))
        elif self.rec.machine and differences(self.rec.machine, machine_fingerprint()):
            self.app.notice(self.t("replay.takeover_checked", t=clock(checked * self.rec.dt)))

    def _debrief(self) -> None:
        from sispam.ui.debrief_screen import DebriefScreen

        self.app.sound.stop()
        me = self
        self.app.show(DebriefScreen(self.app, self.rec, self.scenario, self.replay_path, back=lambda: self.app.show(me)))

    def give(self, order: Order) -> bool:
        self.feed.add(self.world.t, "replay.no_orders", "bad")
        return False

    def select(self, units, add: bool = False) -> None:
        """A replay takes no orders: units are not selected (take over to command them)."""

    def open_pause_menu(self) -> None:
        self.app.sound.stop()
        if self.back is not None:
            self.back()
        else:
            self.app.main_menu()

    # --- layout and input ---

    def build(self, size: tuple[int, int]) -> None:
        super().build(size)
        s = self.style
        cards_top = min((r.top for r, _ in self.panels.cards), default=size[1] - s.pad)
        area_w = self.panels.rects["right"].left - 2 * s.pad
        self.strip = pygame.Rect(s.pad, cards_top - s.pad - s.px(58), area_w, s.px(58))
        bw, bh = s.px(130), s.px(24)
        x0, x1 = self.strip.left + s.pad, self.strip.left + s.pad + bw + s.px(6)
        y0, y1 = self.strip.top + s.px(4), self.strip.bottom - s.px(4) - bh
        self.buttons.add(Button(pygame.Rect(x0, y0, bw, bh), self.t("replay.take_over"), self.take_over,
                                self.t("replay.take_over_tip"), pygame.K_t, "T"))
        self.buttons.add(Button(pygame.Rect(x1, y0, bw, bh), self.t("result.debrief"), self._debrief,
                                self.t("result.debrief_tip"), pygame.K_b, "B"))
        self.buttons.add(Button(pygame.Rect(x0, y1, bw, bh), self.t("replay.back"), self.open_pause_menu,
                                self.t("replay.back_tip"), None, "Esc"))
        left = x1 + bw + s.pad
        self.bar = pygame.Rect(left, self.strip.top + s.px(22), self.strip.right - s.pad - left, s.px(24))
        self.panels.rects["orders"] = self.strip  # no order bar in a replay: the legend stands above the strip

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.bar.collidepoint(event.pos):
            self._seek_at(event.pos[0])
            return
        if event.type == pygame.MOUSEMOTION and event.buttons[0] and self.bar.collidepoint(event.pos) \
                and self._left_down is None:
            self.mouse = event.pos
            self._seek_at(event.pos[0])
            return
        super().handle(event)

    def _seek_at(self, x: int) -> None:
        share = min(max((x - self.bar.left) / max(self.bar.width, 1), 0.0), 1.0)
        self.seek(round(share * self.rec.end_step))

    # --- drawing ---

    def draw_ui(self, surf: pygame.Surface) -> None:
        super().draw_ui(surf)
        s = self.style
        panel(surf, self.strip, palette.PANEL_SOLID)
        for b in self.buttons.items[-3:]:
            b.draw(surf, s, self.buttons.at(self.mouse) is b)
        self._timeline(surf)
        drawn = [self.strip]
        if self.seeking:
            drawn.append(self._seeking_box(surf))
        self.buttons.draw_tooltip(surf, s)
        self.view.drawn_over(drawn)

    def _timeline(self, surf: pygame.Surface) -> None:
        s, rec = self.style, self.rec
        now = self.world.t if not self.seeking else self.target * rec.dt
        draw_timeline(surf, self.bar, rec, s, now)
        who = " · ".join(v for v in (rec.trainee.get("name", ""), rec.trainee.get("group", "")) if v)
        label = self.t("replay.label", who=who or self.t("replay.nobody"), t=clock(self.world.t), end=clock(rec.end_t))
        blit_text(surf, label, s.small, (self.bar.left, self.strip.top + s.px(3)), self.bar.width, palette.TEXT_MUTED,
                  bold=True)

    def _seeking_box(self, surf: pygame.Surface) -> pygame.Rect:
        s = self.style
        message = self.t("replay.seeking", t=clock(self.target * self.rec.dt),
                         share=round(100 * self.world.step_count / max(self.target, 1)))
        image = TEXT.render(message, s.body)
        box = image.get_rect(center=self.panels.rects["map"].center).inflate(4 * s.pad, 2 * s.pad)
        panel(surf, box, palette.TOOLTIP, palette.SELECTION)
        surf.blit(image, image.get_rect(center=box.center))
        return box
