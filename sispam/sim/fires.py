"""Fires on the map (burning tyres, later cars and buildings): where they burn and how hard.

A fire's size is its heat release rate (kW). It grows as a "fast" t-squared fire, Q = α·t²
with α = 1000 kW / (150 s)² ≈ 0.044 kW/s² (NFPA 72 Annex B and EN 1991-1-2 Annex E: a fast
fire reaches 1 MW in 150 s; tyres doused in petrol catch at once), up to the most its fuel can
give: `TYRE_PILE_MAX_KW`, a rough figure for a barricade of about five burning car tyres
(single tyres peak at a few hundred kW in furniture-calorimeter tests; a game estimate, not a
measurement). Its smoke is the mass of fuel burnt (Q / ΔH_c, ΔH_c ≈ 32 MJ/kg for tyre rubber)
times a soot yield of 0.1 g/g (the order of rubber's yield in the SFPE handbook tables).

A fire is fought by a Damkar team within hose reach (see `police.extinguish`): while the
water reaches it the fire stops growing and its heat release falls by `SUPPRESSION_KW_PER_S`
per hose. One 38 mm attack line delivers about 200-400 L/min; water absorbs about 2.6 MJ/kg
when it evaporates, so even at a third efficiency a line takes up more than 1 MW: a tyre
fire of 1 MW is knocked down in about half a minute (25 s at 40 kW/s), which is how fast crews
put out burning barricades in news footage. Below `OUT_KW` the fire is out.

Fires are lit by `light_fire` (tests now; the rioters' scripted events and mood model later)
and advanced by `update_fires` once per step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sispam.sim.world import World

FAST_GROWTH_KW_PER_S2 = 1000.0 / 150.0**2  # NFPA 72 / EN 1991-1-2 "fast" t-squared fire
IGNITION_KW = 20.0  # a tyre doused in petrol and lit
TYRE_PILE_MAX_KW = 1000.0
HEAT_OF_COMBUSTION_KJ_PER_G = 32.0  # tyre rubber
SOOT_YIELD = 0.1  # g of smoke per g of fuel burnt
SUPPRESSION_KW_PER_S = 40.0  # fall of the heat release under one hose line
OUT_KW = 5.0


@dataclass(slots=True)
class Fire:
    """One fire.

    Attributes:
        id: "fire-1", "fire-2", ... in the order they were lit.
        pos: where it burns (m).
        heat_kw: heat release rate now (kW); 0 once out.
        max_kw: the most its fuel gives.
        t_lit: when it was lit (s).
        t_out: when it went out (None while it burns).
        hoses: hose lines on it this step (reset every step by `update_fires`).
    """

    id: str
    pos: tuple[float, float]
    heat_kw: float
    max_kw: float
    t_lit: float
    t_out: float | None = None
    hoses: int = 0

    @property
    def burning(self) -> bool:
        """Not yet out."""
        return self.t_out is None

    @property
    def smoke_g_per_s(self) -> float:
        """Smoke produced (g/s)."""
        return self.heat_kw / HEAT_OF_COMBUSTION_KJ_PER_G * SOOT_YIELD


def light_fire(world: World, pos: tuple[float, float], max_kw: float = TYRE_PILE_MAX_KW) -> Fire:
    """Light a fire at `pos` now; it is added to `world.fires` and the timeline."""
    fire = Fire(f"fire-{len(world.fires) + 1}", (float(pos[0]), float(pos[1])), min(IGNITION_KW, max_kw),
                float(max_kw), world.t)
    world.fires.append(fire)
    world.note("fire_lit", {"fire": fire.id, "x": round(fire.pos[0], 2), "y": round(fire.pos[1], 2)})
    return fire


def update_fires(world: World) -> None:
    """Advance every burning fire by one step: hoses on it knock it down, otherwise it grows.

    Operations set `fire.hoses` during the step before (in `after_step`); it is consumed here.
    """
    dt = world.dt
    for fire in world.fires:
        if not fire.burning:
            continue
        if fire.hoses:
            fire.heat_kw -= SUPPRESSION_KW_PER_S * fire.hoses * dt
            fire.hoses = 0
            if fire.heat_kw <= OUT_KW:
                fire.heat_kw = 0.0
                fire.t_out = world.t
                world.note("fire_extinguished", {"fire": fire.id, "burnt_s": round(world.t - fire.t_lit, 2)})
        else:
            # dQ/dt of Q = α·t² is 2·sqrt(α·Q): the growth continues from the present size.
            fire.heat_kw = min(fire.max_kw, fire.heat_kw + 2.0 * math.sqrt(FAST_GROWTH_KW_PER_S2 * fire.heat_kw) * dt)
