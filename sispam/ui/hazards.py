"""Draws the hazards on the map: fires and their smoke, stones in flight, the tear-gas cloud and
the water cannon's jet.

The gas cloud is a small image with one pixel per gas cell (`GridImage`), rebuilt from the
concentration grid when the field has advanced (every `gas.UPDATE_EVERY_STEPS` steps) and scaled
smoothly to the camera only when the zoom, the cloud or the part of it on screen changes. The jet is a cone of
`CONE_HALF_ANGLE_DEG` round the aim line, out to `RANGE_M` or the first wall, fading as the jet
breaks up, with a bright core along the line the operator aims.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pygame

from sispam.sim import gas as sim_gas
from sispam.sim.params import DT_S
from sispam.sim.police.water_cannon import CONE_HALF_ANGLE_DEG, NOZZLE_FORWARD_M, RANGE_M, WaterCannon
from sispam.sim.sight import blocked_at
from sispam.ui import palette
from sispam.ui.camera import Camera
from sispam.ui.grid_image import GridImage

if TYPE_CHECKING:
    from sispam.sim.fires import Fire
    from sispam.sim.gas import GasField
    from sispam.sim.riot.projectiles import Projectiles
    from sispam.sim.world import World

FIRE_BASE_M = 0.6  # a fire's drawn radius grows from this with the square root of its heat
FIRE_GROW_M = 1.6

# The cloud's opacity follows the concentration on a log scale: from nothing at
# `GAS_FAINT_MG_M3`, a clear step at the flee threshold (NIOSH IDLH, where people turn away),
# to the most at `GAS_DENSE_MG_M3` (intolerable within seconds).
GAS_FAINT_MG_M3 = 0.05
GAS_DENSE_MG_M3 = 30.0
GAS_ALPHA_BELOW_FLEE = 70  # the most opacity below the flee threshold
GAS_ALPHA_AT_FLEE = 130
GAS_ALPHA_MAX = 215
GAS_REFRESH_S = sim_gas.UPDATE_EVERY_STEPS * DT_S  # the field changes no oftener than this

JET_BANDS = 16  # the cone is drawn in this many bands, each fainter than the one before
JET_RAYS = 9  # rays across the cone, each stopped by the first wall
JET_RAY_STEP_M = 0.25
JET_CORE_M = 0.35  # width of the solid jet along the aim line
JET_DROPS = 70


# --- fires and stones ----------------------------------------------------------------------

@dataclass(slots=True, frozen=True)
class FireMark:
    """How a fire looks on screen: ashes, or a flame with its core inside a ring of smoke (px)."""

    centre: tuple[float, float]
    flame_px: float
    smoke_px: float
    burning: bool

    @property
    def top(self) -> float:
        return self.centre[1] - self.smoke_px - 1

    @property
    def bottom(self) -> float:
        return self.centre[1] + self.smoke_px + 1

    def draw(self, surf: pygame.Surface) -> None:
        if not self.burning:
            pygame.draw.circle(surf, palette.ASHES, self.centre, self.flame_px)
            return
        pygame.draw.circle(surf, palette.SMOKE, self.centre, self.smoke_px, max(1, round(self.flame_px / 4)))
        pygame.draw.circle(surf, palette.FIRE, self.centre, max(2.5, self.flame_px))
        pygame.draw.circle(surf, palette.FIRE_CORE, self.centre, max(1.5, self.flame_px * 0.5))


def fire_marks(camera: Camera, fires: list[Fire]) -> list[FireMark]:
    """The fires as the camera shows them (drawn under the people, with the map)."""
    marks = []
    for fire in fires:
        x, y = camera.to_screen(np.array([fire.pos]))[0].tolist()
        if not fire.burning:
            r = max(2.0, FIRE_BASE_M * camera.scale)
            marks.append(FireMark((x, y), r, r, False))
            continue
        share = math.sqrt(max(fire.heat_kw, 0.0) / max(fire.max_kw, 1e-9))
        r = (FIRE_BASE_M + FIRE_GROW_M * share) * camera.scale
        marks.append(FireMark((x, y), r, max(3.0, r * 1.8), True))
    return marks


def draw_projectiles(surf: pygame.Surface, camera: Camera, p: Projectiles, t: float) -> None:
    if len(p.t_launch) == 0:
        return
    frac = np.clip((t - p.t_launch) / np.maximum(p.t_land - p.t_launch, 1e-9), 0.0, 1.0)
    flying = (t >= p.t_launch) & (t < p.t_land)
    where = p.origin + (p.landing - p.origin) * frac[:, None]
    for x, y in camera.to_screen(where[flying]).tolist():  # a few stones in the air at a time
        pygame.draw.circle(surf, palette.PROJECTILE, (x, y), max(1.5, 0.15 * camera.scale))


# --- tear gas ------------------------------------------------------------------------------

def gas_rgba(conc_mg_m3: np.ndarray) -> np.ndarray:
    """(h, w) concentrations to (h, w, 4) RGBA: thin gas light and nearly clear, dense gas a
    greyer, thicker white."""
    c = np.maximum(conc_mg_m3, 1e-12)
    level = np.clip(np.log(c / GAS_FAINT_MG_M3) / math.log(GAS_DENSE_MG_M3 / GAS_FAINT_MG_M3), 0.0, 1.0)
    flee = math.log(sim_gas.FLEE_THRESHOLD_MG_M3 / GAS_FAINT_MG_M3) / math.log(GAS_DENSE_MG_M3 / GAS_FAINT_MG_M3)
    alpha = np.where(level < flee, GAS_ALPHA_BELOW_FLEE * (level / flee) ** 1.5,
                     GAS_ALPHA_AT_FLEE + (GAS_ALPHA_MAX - GAS_ALPHA_AT_FLEE) * (level - flee) / (1.0 - flee))
    thin, thick = np.array(palette.GAS_THIN, float), np.array(palette.GAS_THICK, float)
    rgba = np.empty((*c.shape, 4), np.uint8)
    rgba[..., :3] = thin + (thick - thin) * level[..., None]
    rgba[..., 3] = alpha
    return rgba


class GasCloud:
    """The tear-gas cloud of a `GasField`, drawn over the people in it."""

    def __init__(self, field: GasField) -> None:
        self.field = field
        self.image = GridImage(field.grid.cell)
        self._built_t: float | None = None

    def draw(self, surf: pygame.Surface, camera: Camera, t: float) -> None:
        if self.field.empty:
            if self._built_t is not None:
                self.image.clear()
                self._built_t = None
            return
        if self._built_t is None or t < self._built_t or t - self._built_t >= GAS_REFRESH_S - 1e-9:
            self._build(t)
        self.image.draw(surf, camera)

    def _build(self, t: float) -> None:
        """The image of the cells with visible gas (and a clear cell round them, for soft edges)."""
        self._built_t = t
        conc = self.field.concentration()
        seen = conc >= GAS_FAINT_MG_M3
        rows, cols = np.flatnonzero(seen.any(axis=1)), np.flatnonzero(seen.any(axis=0))
        if len(rows) == 0:
            self.image.clear()
            return
        ny, nx = conc.shape
        iy0, iy1 = max(int(rows[0]) - 1, 0), min(int(rows[-1]) + 2, ny)
        ix0, ix1 = max(int(cols[0]) - 1, 0), min(int(cols[-1]) + 2, nx)
        self.image.set(gas_rgba(conc[iy0:iy1, ix0:ix1]), ix0, iy0)


# --- water cannon --------------------------------------------------------------------------

def spraying_jets(world: World) -> list[tuple[np.ndarray, np.ndarray]]:
    """(nozzle, aim point) of every water cannon spraying now (as `WaterCannon.add_forces` sprays:
    order in force, time left, water in the tank)."""
    jets = []
    for op in world.command.active.values():
        if (isinstance(op, WaterCannon) and op.vehicle is not None and not op.done
                and world.t < op.until - 1e-9 and op.vehicle.water_l > 0.0):
            jets.append((op.vehicle.point(NOZZLE_FORWARD_M), np.asarray(op.order.point, float)))
    return jets


class WaterJet:
    """The jets of the water cannons spraying now."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._reach_key: tuple | None = None
        self._reach: np.ndarray = np.zeros(JET_RAYS)

    def draw(self, surf: pygame.Surface, camera: Camera) -> None:
        for nozzle, aim in spraying_jets(self.world):
            self._draw_jet(surf, camera, nozzle, aim)

    def _ray_reach(self, nozzle: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        """How far (m) each ray from the nozzle goes before a wall stops it, up to `RANGE_M`."""
        key = (*nozzle.round(2).tolist(), *dirs[JET_RAYS // 2].round(4).tolist())
        if key != self._reach_key:
            s = np.arange(JET_RAY_STEP_M, RANGE_M + 1e-9, JET_RAY_STEP_M)
            pts = nozzle + dirs[:, None, :] * s[None, :, None]  # (rays, samples, 2)
            size = self.world.scenario.size
            inside = (pts[..., 0] >= 0) & (pts[..., 0] < size[0]) & (pts[..., 1] >= 0) & (pts[..., 1] < size[1])
            hit = np.zeros(inside.shape, bool)
            hit[inside] = blocked_at(self.world.walls, pts[inside])
            first = np.where(hit.any(axis=1), hit.argmax(axis=1), len(s))
            self._reach = np.where(first < len(s), s[np.minimum(first, len(s) - 1)] - JET_RAY_STEP_M, RANGE_M)
            self._reach_key = key
        return self._reach

    def _draw_jet(self, surf: pygame.Surface, camera: Camera, nozzle: np.ndarray, aim: np.ndarray) -> None:
        axis = aim - nozzle
        aim_m = float(np.hypot(*axis))
        heading = math.atan2(axis[1], axis[0]) if aim_m > 1e-9 else 0.0
        spread = np.radians(np.linspace(-CONE_HALF_ANGLE_DEG, CONE_HALF_ANGLE_DEG, JET_RAYS)) + heading
        dirs = np.column_stack((np.cos(spread), np.sin(spread)))
        reach = self._ray_reach(nozzle, dirs)
        # The cone, on a layer of its own size so that its bands blend with each other, not only with the map.
        far = camera.to_screen(nozzle + dirs * reach[:, None])
        start = camera.to_screen(nozzle)[0]
        lo = np.floor(np.minimum(far.min(axis=0), start) - 4).astype(int)
        hi = np.ceil(np.maximum(far.max(axis=0), start) + 4).astype(int)
        w, h = surf.get_size()
        if hi[0] < 0 or hi[1] < 0 or lo[0] > w or lo[1] > h:
            return
        layer = pygame.Surface((int(hi[0] - lo[0]), int(hi[1] - lo[1])), pygame.SRCALPHA)
        edges = np.linspace(0.0, RANGE_M, JET_BANDS + 1)
        for k in range(JET_BANDS):
            near_m, far_m = np.minimum(edges[k], reach), np.minimum(edges[k + 1], reach)
            band = np.concatenate((nozzle + dirs * near_m[:, None], (nozzle + dirs * far_m[:, None])[::-1]))
            alpha = round(palette.JET_ALPHA * (1.0 - k / JET_BANDS) ** 1.3)
            pygame.draw.polygon(layer, (*palette.JET, alpha), (camera.to_screen(band) - lo).tolist())
        # The solid jet along the aim line, as far as the aim point, the range or a wall: near
        # white inside a blue edge, so that it shows on light ground and on dark.
        core_m = min(aim_m, float(reach[JET_RAYS // 2]))
        u = dirs[JET_RAYS // 2]
        width = max(2, round(JET_CORE_M * camera.scale))
        for colour, w_px in ((palette.JET_CORE_EDGE, width + 2), (palette.JET_CORE, width)):
            for k in range(JET_BANDS):
                a, b = k / JET_BANDS * core_m, (k + 1) / JET_BANDS * core_m
                ends = camera.to_screen(np.array([nozzle + u * a, nozzle + u * b])) - lo
                alpha = round(255 * (1.0 - 0.6 * k / JET_BANDS))
                pygame.draw.line(layer, (*colour, alpha), *ends.tolist(), w_px)
        surf.blit(layer, lo.tolist())
        self._draw_drops(surf, camera, nozzle, dirs, reach)

    def _draw_drops(self, surf: pygame.Surface, camera: Camera, nozzle: np.ndarray, dirs: np.ndarray,
                    reach: np.ndarray) -> None:
        """Spray drops scattered over the cone, in new places every step (drawn from the time, so
        a frame of the same moment looks the same; the simulation's generator is not touched)."""
        rng = np.random.default_rng(round(self.world.t / DT_S))
        ray = rng.uniform(0, JET_RAYS - 1, JET_DROPS)
        lo = np.floor(ray).astype(int)
        frac = ray - lo
        hi = np.minimum(lo + 1, JET_RAYS - 1)
        d = dirs[lo] * (1 - frac[:, None]) + dirs[hi] * frac[:, None]
        along = np.sqrt(rng.uniform(0.04, 1.0, JET_DROPS)) * np.minimum(reach[lo], reach[hi])
        r = max(1.0, 0.08 * camera.scale)
        for x, y in camera.to_screen(nozzle + d * along[:, None]).tolist():
            pygame.draw.circle(surf, palette.JET_DROP, (x, y), r)
