"""The play screen: the map and everyone on it, the player's selection and orders, the clock
(speed 1x/2x/4x and active pause), and the panels that say how the drill stands.

Mouse: left click selects a unit (Shift adds), a left drag boxes units; a right drag places the
selected units' line (they face away from where they stand; Shift turns them round), a right
click sends them there; the wheel zooms at the pointer, a middle drag or the arrow keys pan.
Keys: every order and formation has one (see `commands`), Space pauses, + and - change the
speed, 1-9 select units, Tab the next one, O cycles the heatmaps, Esc cancels or opens the
pause menu, F9 the instructor panel (live injects, `sispam.ui.instructor`). Orders given while
paused take effect when the clock runs again.
"""

from __future__ import annotations

import dataclasses
from functools import partial
from pathlib import Path

import numpy as np
import pygame

from sispam.review.recording import Recorder
from sispam.sim.bodies import BodyState
from sispam.sim.injects import Inject, InjectRefused, spawn_radius, with_reserve
from sispam.sim.objectives import FAILED
from sispam.sim.police.command import OrderRefused
from sispam.sim.police.officers import Unit
from sispam.sim.police.orders import LINE_UNITS, Order, OrderKind, formation_allowed
from sispam.sim.runner import SPEEDS, Runner
from sispam.sim.scenario import Scenario
from sispam.sim.world import World
from sispam.ui import commands, palette
from sispam.ui.alerts import Alerts
from sispam.ui.banners import BREACH_FLASH_S, LOSS_MOMENT_S, Moment, moment_banner, paused_banner
from sispam.ui.camera import Camera
from sispam.ui.describe import order_name
from sispam.ui.feed import Feed
from sispam.ui.hints import Hints
from sispam.ui.i18n import text
from sispam.ui.instructor import PANEL_KEY
from sispam.ui.play_panels import Panels
from sispam.ui.screen import Screen
from sispam.ui.training import keep_run
from sispam.ui.world_view import WorldView, objective_points, opening_camera

DRAG_PX = 6  # a press that moves less than this is a click
PAN_PX_PER_S = 700
EDGE_PX = 4
ZOOM_STEP = 1.15
ALERT_KEY = pygame.K_j  # jump to the newest alert
OVERLAYS = (None, "density", "pressure")


class PlayScreen(Screen):
    injects_allowed = True  # the instructor panel (F9) opens: not on a replay being watched

    """Play one level.

    Args:
        app: the game.
        scenario: the level.
        path: its file (for restarting and campaign progress).
        campaign_index: its place in the campaign, or None.
        orders: orders to give at their times (an instructor's demonstration plan).
        world: a world already running (the screenshot command passes one it has run).
        recorder: what records the run (a take-over passes one that holds the replay's past);
            by default a new one when the level comes from a file and the world is new. A run
            recorded is kept when it ends: its replay and its line in the training records.
    """

    def __init__(self, app, scenario: Scenario, path: Path, campaign_index: int | None,
                 orders: tuple[Order, ...] = (), world: World | None = None, recorder: Recorder | None = None,
                 back_to=None) -> None:
        super().__init__(app)
        self.back_to = back_to  # a test-play from the level editor: kept nowhere, its menu goes back there
        self.scenario = scenario
        self.path = path
        self.campaign_index = campaign_index
        self.plan = orders
        # A new exercise carries the injects' reserve, so the instructor can inject at any moment.
        self.world = world if world is not None else World(with_reserve(scenario))
        self.camera: Camera = opening_camera(self.world, app.size)
        self.view = WorldView(self.world)
        self.feed = Feed(self.world)
        self.alerts = Alerts(self.world, self.feed)
        self.panels = Panels(self)
        self.hints = Hints(campaign_index is not None and app.settings.tutorial_hints, scenario.id)
        self.selected: list[Unit] = []
        self.runner = Runner(self.world)  # the clock: pause, speed, and the level's end
        # A level starts when the trainee says so (Space, or the Start button): until then he can
        # look round and give orders, and nothing happens that he could not have acted on.
        self.awaiting_start = world is None
        self.runner.paused = self.awaiting_start
        if world is None:
            self.runner.schedule(orders)
        if recorder is None and world is None and path.is_file() and back_to is None:
            recorder = Recorder(self.world, path.resolve())  # found again from any folder
        self.recorder = recorder
        if recorder is not None:
            self.runner.on_step = recorder.after_step
        self.replay: Path | None = None  # where the run's replay was kept, once it has ended
        self.overlay: str | None = None
        # The legend as the player last left it; until he has chosen, shown on the first level only.
        chosen = app.settings.legend
        self.show_legend = chosen if chosen is not None else campaign_index == 0
        self.targeting: commands.OrderKey | None = None
        self._left_down: tuple[int, int] | None = None
        self._right_down: tuple[int, int] | None = None
        self.snapped: np.ndarray | None = None  # the gate posts the line being dragged closes
        self._middle_down: tuple[int, int] | None = None
        self.mouse = (0, 0)
        self.finished = False
        self._framed = False
        self.inject_aim: Inject | None = None  # an instructor's inject waiting for its place on the map
        self.frozen = False  # the instructor froze the exercise: the trainee cannot resume it
        self.moment: Moment | None = None  # a breach moment under way (see `sispam.ui.banners`)
        self._held_on_loss = False  # the lost level's moment has been given

    # --- layout ---

    def build(self, size: tuple[int, int]) -> None:
        if self.camera.screen_size != size and self._framed:
            centre = self.camera.to_world((self.camera.screen_size[0] / 2, self.camera.screen_size[1] / 2))
            self.camera.screen_size = size
            self.camera.centre_on(centre)
        self.panels.build(size)
        self.view.redraw_all()  # the bars and columns may have moved
        if not self._framed:
            self.frame_opening()

    def frame_opening(self) -> None:
        """Frame the trainee's units, the objective and the crowd (or where it will come from;
        `world_view.opening_points`) in the part of the window the panels leave free."""
        free = self.panels.rects["map"]
        camera = opening_camera(self.world, free.size)
        camera.left -= free.left / camera.scale
        camera.top += free.top / camera.scale
        camera.screen_size = self.app.size
        self.camera = camera
        self._framed = True

    # --- the clock ---

    def update(self, dt_s: float) -> None:
        self._pan_by_keys(dt_s)
        if self.moment is not None:
            self.moment.left_s -= dt_s
            if self.moment.left_s <= 0:
                self.moment = None
        if not self.paused and not self.finished:
            self.runner.advance(dt_s)
            self.app.sound.update(self.world, self.camera.bounds_m())
        self.feed.update()
        self.hints.update(self.world, dt_s)
        new = self.alerts.update()
        if new and not self.paused:
            self.app.sound.alert()
        self.panels.update(dt_s)
        if self.runner.over and not self.finished:
            if not self.world.objectives.ended:
                self.world.objectives.update(final=True)
            if self.world.objectives.outcome == "lost" and not self._held_on_loss:
                self._hold_on_loss()
            elif self.moment is None or not self.moment.final:
                self._finish()
        else:
            breach = next((a for a in new if a.key == "alert.breach"), None)
            if breach is not None and not self.finished:
                self._breach_flash(breach.at)

    def _hold_on_loss(self) -> None:
        """The breach moment of a lost level: the camera on the place of the last alert (the
        objective if there was none), a red banner saying what failed, for `LOSS_MOMENT_S`
        (any key or click goes on to the result at once)."""
        from sispam.ui.describe import objective_text

        self._held_on_loss = True
        w, latest = self.world, self.alerts.latest
        at = latest.at if latest is not None else tuple(map(float, np.mean(objective_points(w.scenario), axis=0)))
        failed = [objective_text(s.objective, self.lang) for s in w.objectives.states
                  if s.status == FAILED and s.objective.required]
        title = self.t("moment.breach") if latest is not None and latest.key == "alert.breach" else self.t("moment.lost")
        details = [self.t("moment.failed", what=f) for f in failed[:2]] + [self.t("moment.skip")]
        self.moment = Moment(at, title, details, LOSS_MOMENT_S, final=True)
        self.look_at(at)
        self.app.sound.alert()

    def _breach_flash(self, at: tuple[float, float]) -> None:
        """A breach that does not end the level: back to 1x speed and a red banner for a moment
        (the alert's line in the feed, or J, brings the camera there)."""
        if self.speed > 1:
            self.set_speed(1)
        self.moment = Moment(at, self.t("moment.breach"), [self.t("moment.breach_detail")], BREACH_FLASH_S,
                             final=False)

    @property
    def paused(self) -> bool:
        return self.runner.paused

    @property
    def speed(self) -> int:
        return self.runner.speed

    def _finish(self) -> None:
        from sispam.sim.score import score
        from sispam.ui.result import ResultScreen

        self.finished = True
        w = self.world
        if not w.objectives.ended:
            w.objectives.update(final=True)
        result = score(w)
        if self.back_to is None:
            self.app.record_result(self.path, w.objectives.outcome, int(result["total"]))
        if self.recorder is not None and self.app.save:
            branch = self.recorder.branch_of
            self.replay, problems = keep_run(self.recorder, w, self.app.trainee, getattr(self.scenario.title, self.lang),
                                             branch_of="" if branch is None else str(branch["replay"]))
            for problem in problems:
                self.app.notice_problem(problem)
        self.app.sound.stop()
        self.app.show(ResultScreen(self.app, self, result))

    def set_paused(self, paused: bool) -> None:
        if paused == self.paused:
            return
        if not paused and self.frozen:
            self.app.notice(self.t("inject.frozen_notice"))
            return
        self.runner.paused = paused
        if not paused:
            self.awaiting_start = False
        self.layout(self.app.size)  # the pause and speed buttons show the new state
        if paused:
            self.hints.done("pause")
            self.app.sound.pause()
        else:
            if "pause" in self.hints.finished:
                self.hints.done("resume")
            self.app.sound.resume()

    def set_speed(self, speed: int) -> None:
        self.runner.set_speed(speed)
        self.hints.done("speed")
        self.set_paused(False)
        self.layout(self.app.size)

    def focus_lost(self) -> None:
        self._left_down = self._right_down = self._middle_down = None  # no drag survives alt-tab
        if not self.paused:
            self.set_paused(True)
            self.app.notice(self.t("play.paused_focus"))

    def leave(self) -> None:
        self.app.sound.stop()  # whatever comes next (menu, result, pause) starts its sound afresh

    # --- the instructor ---

    def open_instructor(self) -> None:
        """The instructor panel (F9), over the running exercise."""
        from sispam.ui.instructor import InstructorPanel

        if not self.injects_allowed:
            self.app.notice(self.t("inject.in_replay"))
            return
        self.inject_aim = None
        self.app.show(InstructorPanel(self.app, self))

    def give_inject(self, inject: Inject) -> bool:
        """Give an instructor's inject now; a refusal goes to the feed."""
        try:
            self.runner.inject(inject)
        except InjectRefused as e:
            self.feed.add(self.world.t, "inject.refused", "bad", reason=str(e))
            return False
        return True

    # --- orders ---

    def give(self, order: Order) -> bool:
        """Issue an order now, kept within what an order may say (on the map; a frontage of
        1 to 200 m); a refusal goes to the feed."""
        order = commands.within_limits(order, self.scenario)
        replaced = self._replaced_by(order)
        try:
            self.runner.give(order)
        except OrderRefused as e:
            self.feed.add(self.world.t, "feed.refused", "bad", unit=order.unit, reason=str(e))
            return False
        self.feed.add(self.world.t, "feed.order", "order", unit=order.unit, order=partial(order_name, order))
        if replaced is not None and replaced is not order.kind:
            self.feed.add(self.world.t, "feed.replaced", "bad", unit=order.unit,
                          old=partial(text, f"order.{replaced}"), new=partial(text, f"order.{order.kind}"))
        self.hints.done(f"order.{order.kind}")
        return True

    def _replaced_by(self, order: Order) -> OrderKind | None:
        """The order of the same unit that `order` will stop: one still coming down the chain of
        command, or one under way (a unit carries out one order at a time)."""
        w = self.world
        coming = w.command.coming(order.unit)
        if coming is not None:
            return coming.order.kind
        op = w.command.active.get(order.unit)
        if op is not None and not op.done and op.issued.status == "active" and op.order.kind is not OrderKind.FORM:
            return op.order.kind
        return None

    def order_key(self, key: commands.OrderKey) -> None:
        """A hotkey or order button: give the order to every selected unit that can, or wait for
        the click that aims it."""
        able = [u for u in self.selected if commands.order_for(u, key.kind) is not None]
        if not able:
            self.feed.add(self.world.t, "feed.nobody", "bad", order=partial(text, f"order.{key.kind}"))
            return
        if key.target:
            self.targeting = key
            return
        for unit in able:
            self.give(Order(self.world.t, unit.id, key.kind))

    def formation(self, formation) -> None:
        """A formation button: the selected units take it where they stand, or, if one is on
        its way to a new place (a line placed a moment ago), there: the formation changes the
        placing order instead of cancelling it."""
        for unit in self.selected:
            if unit.type in LINE_UNITS and formation_allowed(unit.type, formation):
                placing = self._placing(unit)
                if placing is not None:
                    self.give(dataclasses.replace(placing, t=self.world.t, formation=formation, source_line=0))
                else:
                    self.give(Order(self.world.t, unit.id, OrderKind.FORM, point=tuple(map(float, unit.anchor)),
                                    formation=formation))

    def _placing(self, unit: Unit) -> Order | None:
        """The unit's order to form up at a new place, coming down the chain of command or under
        way, if it has one."""
        w = self.world
        coming = w.command.coming(unit.id)
        if coming is not None:
            return coming.order if coming.order.kind is OrderKind.FORM else None
        op = w.command.active.get(unit.id)
        if op is not None and not op.done and op.order.kind is OrderKind.FORM:
            return op.order
        return None

    def _aim(self, point: tuple[float, float]) -> None:
        key = self.targeting
        given = False
        for unit in self.selected:
            kind = commands.order_for(unit, key.kind)
            if kind is None:
                continue
            order = commands.targeted_order(self.world, unit, commands.ORDER_KEY[kind], point)
            if order is not None:
                given |= self.give(order)
        if not given:
            self.feed.add(self.world.t, f"feed.no_target.{key.target}", "bad")
        self.targeting = None

    def hint_text(self) -> str | None:
        """The tutorial's current hint in the player's language (None if there is none), `{n}`
        filled with the hotkey of the unit it names."""
        key = self.hints.current
        if key is None:
            return None
        kind = self.hints.unit_type()
        n = next((str((i + 1) % 10) for i, u in enumerate(self.world.units[:10]) if u.type == kind), "?")
        return self.t(f"hint.{key}", n=n)

    # --- selection ---

    def select(self, units: list[Unit], add: bool = False) -> None:
        chosen = list(self.selected) if add else []
        for u in units:
            if u not in chosen:
                chosen.append(u)
        self.selected = chosen
        self.targeting = None
        if chosen:
            self.hints.done("select")
        self.layout(self.app.size)

    # --- input ---

    def handle(self, event: pygame.event.Event) -> None:
        if self.moment is not None and self.moment.final:  # a lost level's moment: on to the result
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                self.moment.left_s = 0.0
            return
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self.buttons.mouse = event.pos
            if self._middle_down is not None:
                self.camera.pan(*event.rel)
                self.hints.done("pan")
            return
        if event.type == pygame.KEYDOWN and self._key(event):
            return
        if self.buttons.handle(event):
            return
        if event.type == pygame.MOUSEWHEEL:
            self.camera.zoom_at(self.mouse, ZOOM_STEP ** event.y)
            self.hints.done("zoom")
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self.mouse = event.pos
            if self.panels.minimap_click(event.pos):
                self.hints.done("pan")
                return
            close = self.panels.hint_close_rect()  # the rest of the hint lets clicks through to the map
            if close is not None and close.collidepoint(event.pos):
                self.hints.dismiss()
                self.layout(self.app.size)
                return
            at = self.panels.feed_place(event.pos)
            if at is not None and event.button == 1:
                self.look_at_alert(at)
                return
            if self.panels.covers(event.pos):
                return
            if event.button == 1:
                self._left_down = event.pos
            elif event.button == 3:
                self._right_down = event.pos
            elif event.button == 2:
                self._middle_down = event.pos
        elif event.type == pygame.MOUSEBUTTONUP:
            self.mouse = event.pos
            shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
            if event.button == 1 and self._left_down is not None:
                self._left_release(self._left_down, event.pos, shift)
                self._left_down = None
            elif event.button == 3 and self._right_down is not None:
                self._right_release(self._right_down, event.pos, shift)
                self._right_down = None
            elif event.button == 2:
                self._middle_down = None

    def _key(self, event: pygame.event.Event) -> bool:
        """Keys that are not a button's hotkey; True if taken."""
        k = event.key
        if k == PANEL_KEY:
            self.open_instructor()
            return True
        if k == pygame.K_ESCAPE:
            if self.inject_aim is not None:
                self.inject_aim = None
            elif self.targeting is not None:
                self.targeting = None
            elif self._right_down is not None or self._left_down is not None:
                self._right_down = self._left_down = None
            else:
                self.open_pause_menu()
            return True
        if k == pygame.K_SPACE:
            self.set_paused(not self.paused)
            return True
        if k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.set_speed(SPEEDS[min(SPEEDS.index(self.speed) + 1, len(SPEEDS) - 1)])
            return True
        if k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.set_speed(SPEEDS[max(SPEEDS.index(self.speed) - 1, 0)])
            return True
        if pygame.K_1 <= k <= pygame.K_9 or k == pygame.K_0:
            i = 9 if k == pygame.K_0 else k - pygame.K_1
            if i < len(self.world.units):
                self.select([self.world.units[i]], add=bool(event.mod & pygame.KMOD_SHIFT))
            return True
        if k == pygame.K_TAB:
            units = self.world.units
            if units:
                i = (units.index(self.selected[-1]) + 1) % len(units) if self.selected else 0
                self.select([units[i]])
            return True
        if k == pygame.K_o:
            self.overlay = OVERLAYS[(OVERLAYS.index(self.overlay) + 1) % len(OVERLAYS)]
            self.layout(self.app.size)
            return True
        if k == pygame.K_k:
            self.toggle_legend()
            return True
        if k == pygame.K_HOME:
            self.frame_opening()
            self.hints.done("pan")
            return True
        if k == ALERT_KEY:
            self.look_at_alert()
            return True
        return False

    def toggle_legend(self) -> None:
        """Show or hide the legend, and keep the choice in the settings for every level after."""
        self.show_legend = not self.show_legend
        self.app.apply_settings(dataclasses.replace(self.app.settings, legend=self.show_legend))  # lays out again

    def look_at_alert(self, at: tuple[float, float] | None = None) -> None:
        """Bring the camera to an alert's place (the newest alert's if none is given)."""
        if at is None:
            latest = self.alerts.latest
            if latest is None:
                return
            at = latest.at
        self.look_at(at)

    def look_at(self, at: tuple[float, float]) -> None:
        """Bring the camera to `at`, centred in the part of the window the map shows."""
        free = self.panels.rects["map"]
        w, h = self.app.size
        self.camera.centre_on(at)
        self.camera.pan(free.centerx - w / 2, free.centery - h / 2)
        self.layout(self.app.size)

    def _left_release(self, down: tuple[int, int], up: tuple[int, int], shift: bool) -> None:
        point = self.camera.to_world(up)
        if self.inject_aim is not None:
            self.give_inject(dataclasses.replace(self.inject_aim, point=(float(point[0]), float(point[1]))))
            self.inject_aim = None
            return
        if self.targeting is not None:
            self._aim(point)
            return
        if max(abs(up[0] - down[0]), abs(up[1] - down[1])) < DRAG_PX:
            unit = commands.unit_at(self.world, point, reach_m=max(commands.PICK_OFFICER_M, 8 / self.camera.scale))
            if unit is not None:
                self.select([unit], add=shift)
            elif not shift:
                self.select([])
            return
        self.select(commands.units_in_box(self.world, self.camera.to_world(down), point), add=shift)

    def _right_release(self, down: tuple[int, int], up: tuple[int, int], shift: bool) -> None:
        if self.targeting is not None:
            self.targeting = None
            return
        if not self.selected:
            return
        start, end = self.camera.to_world(down), self.camera.to_world(up)
        if np.hypot(end[0] - start[0], end[1] - start[1]) >= commands.MIN_LINE_M and \
                max(abs(up[0] - down[0]), abs(up[1] - down[1])) >= DRAG_PX:
            start, end, _ = commands.snap_to_gate(self.world, self.selected, start, end)
            for order in commands.line_orders(self.world, self.selected, start, end, flip=shift):
                self.give(order)
        else:
            for unit in self.selected:
                self.give(commands.move_order(self.world, unit, end))

    def preview(self) -> list[Order]:
        """The line a right drag in progress would place (drawn before release)."""
        if self._right_down is None or not self.selected:
            return []
        start, end = self.camera.to_world(self._right_down), self.camera.to_world(self.mouse)
        if np.hypot(end[0] - start[0], end[1] - start[1]) < commands.MIN_LINE_M:
            return []
        shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
        start, end, self.snapped = commands.snap_to_gate(self.world, self.selected, start, end)
        return commands.line_orders(self.world, self.selected, start, end, flip=shift)

    def box(self) -> pygame.Rect | None:
        """The selection box being dragged."""
        if self._left_down is None or self.targeting is not None:
            return None
        (x0, y0), (x1, y1) = self._left_down, self.mouse
        if max(abs(x1 - x0), abs(y1 - y0)) < DRAG_PX:
            return None
        return pygame.Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))

    def _pan_by_keys(self, dt_s: float) -> None:
        if self.app.headless:
            return
        keys = pygame.key.get_pressed()
        dx = (keys[pygame.K_RIGHT] - keys[pygame.K_LEFT]) * PAN_PX_PER_S * dt_s
        dy = (keys[pygame.K_DOWN] - keys[pygame.K_UP]) * PAN_PX_PER_S * dt_s
        if pygame.mouse.get_focused() and pygame.key.get_focused():
            x, y = pygame.mouse.get_pos()
            w, h = self.app.size
            dx += ((x >= w - EDGE_PX) - (x < EDGE_PX)) * PAN_PX_PER_S * dt_s
            dy += ((y >= h - EDGE_PX) - (y < EDGE_PX)) * PAN_PX_PER_S * dt_s
        if dx or dy:
            self.camera.pan(-dx, -dy)
            self.hints.done("pan")

    # --- menus ---

    def open_pause_menu(self) -> None:
        from sispam.ui.pause_menu import PauseMenu

        was_paused = self.paused
        self.set_paused(True)
        self.app.show(PauseMenu(self.app, self, was_paused))

    def restart(self) -> None:
        self.app.sound.stop()
        self.app.show(PlayScreen(self.app, self.scenario, self.path, self.campaign_index, self.plan, back_to=self.back_to))

    # --- drawing ---

    def draw(self, surf: pygame.Surface) -> None:
        heatmap = None if self.overlay is None else partial(self.panels.draw_overlay, kind=self.overlay)
        # The heatmap under the people: their colours stay. Zoomed in, people move smoothly
        # between the steps (the clock says how far towards the next one it is).
        self.view.draw(surf, self.camera, under=heatmap, between=self.runner.between_steps)
        self.draw_ui(surf)

    def draw_ui(self, surf: pygame.Surface) -> None:
        """Everything over the world: marks, panels, buttons, the overlay's legend, hints, the
        tooltip.

        The world view is told where they went, to draw the world there again next frame (when
        it draws only what changed), except under what is solid (an opaque fill over all of its
        rect) and drawn in the same place every frame: the bars, the right column, the legend, the
        buttons and cards. Those change place only with a new layout, which redraws it all."""
        over = []
        if self.overlay is not None:
            over.append(self.panels.draw_overlay_legend(surf, self.overlay))
        over += self.panels.draw_world_marks(surf)
        if self.moment is None:
            over += self._draw_clock_banner(surf)  # the paused band: under the panels and buttons on the map
        solid = self.panels.draw(surf)
        self.buttons.draw(surf, self.style)
        corner = 2 * self.style.px(4)  # a button's rounded corners show what is under them
        solid += [b.rect.inflate(-corner, -corner) for b in self.buttons.items]
        over += self.panels.draw_after_buttons(surf)
        if self.moment is not None:  # the breach moment: over the legend, clear of the hint
            over += self._draw_clock_banner(surf)
        over += self._draw_instructor(surf)
        over.append(self.buttons.draw_tooltip(surf, self.style))
        self.view.drawn_over([r for r in over if r is not None and not any(p.contains(r) for p in solid)])

    def _draw_clock_banner(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """The breach moment's banner, or the paused map's (not over a frozen exercise: it has
        its own); returns where they went."""
        area = self.panels.rects["map"]
        if self.moment is not None:
            return moment_banner(surf, area, self.style, self.moment, clear_of=self.panels.hint_rect())
        if self.paused and not self.frozen and not self.finished:
            what = "ready" if self.awaiting_start else "paused"
            return paused_banner(surf, area, self.style, self.t(f"play.{what}_banner"),
                                 [self.t(f"play.{what}_detail")], below=self.panels.hint_rect(),
                                 clear_of=self.panels.legend_rect() if self.show_legend else None,
                                 keep_clear=self._in_sight())
        return []

    def _in_sight(self) -> tuple[pygame.Rect, ...]:
        """What the trainee looks at on the map, for a banner to keep clear of: the view's centre
        and each selected unit (where its officers or its vehicle stand on the screen)."""
        area, s = self.panels.rects["map"], self.style
        centre = pygame.Rect(0, 0, s.px(120), s.px(80))
        centre.center = area.center
        seen = [centre]
        b = self.world.bodies
        for unit in self.selected:
            rows = slice(unit.first, unit.first + unit.count)
            points = b.pos[rows][b.state[rows] == BodyState.ACTIVE]
            vehicle = self.world.vehicles.by_unit.get(unit.id)
            if vehicle is not None:
                points = np.vstack([points, vehicle.pos[None]])
            if len(points):
                px = self.camera.to_screen(points)
                (x0, y0), (x1, y1) = px.min(axis=0), px.max(axis=0)
                reach = max(s.px(6), round(4.0 * self.camera.scale))  # a vehicle's half length, a figure's arms
                seen.append(pygame.Rect(int(x0) - reach, int(y0) - reach, int(x1 - x0) + 2 * reach, int(y1 - y0) + 2 * reach))
        return tuple(seen)

    def _draw_instructor(self, surf: pygame.Surface) -> list[pygame.Rect]:
        """The banner of a frozen exercise, or of an inject waiting for its place, and the place
        under the pointer; returns where they went."""
        from sispam.ui.describe import inject_text
        from sispam.ui.widgets import blit_text, panel

        if not self.frozen and self.inject_aim is None:
            return []
        s, area = self.style, self.panels.rects["map"]
        if self.frozen:
            lines = [self.t("inject.frozen"), self.t("inject.frozen_hint")]
        else:
            lines = [self.t("inject.aim", what=inject_text(self.inject_aim.as_dict(), self.lang))]
        box = pygame.Rect(0, 0, min(area.width - s.px(40), s.px(720)), s.px(16) + len(lines) * s.px(30))
        box.midtop = (area.centerx, area.top + s.px(12))
        panel(surf, box, palette.SCREEN, palette.INSTRUCTOR)
        pygame.draw.rect(surf, palette.INSTRUCTOR, box, 3)
        for k, line in enumerate(lines):
            blit_text(surf, line, s.heading if k == 0 else s.body, (box.centerx, box.top + s.px(8) + k * s.px(30)),
                      box.width - 2 * s.pad, bold=k == 0, anchor="midtop")
        drawn = [box]
        if self.inject_aim is not None and area.collidepoint(self.mouse):
            count = self.inject_aim.count or 0
            r = max(4, round((spawn_radius(count) if count else 2.0) * self.camera.scale))
            pygame.draw.circle(surf, palette.INSTRUCTOR, self.mouse, r, 3)
            drawn.append(pygame.Rect(self.mouse[0] - r - 2, self.mouse[1] - r - 2, 2 * r + 4, 2 * r + 4))
        return drawn

    def drawn_over(self, rects: list[pygame.Rect]) -> None:
        self.view.drawn_over(rects)

    def redraw_all(self) -> None:
        self.view.redraw_all()
