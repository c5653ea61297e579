"""What each unit type is made of: officers' bodies, strength and equipment (SPEC §4).

Masses include equipment. Hold forces are the steady push one officer resists while bracing:
Evans & Hayden (1971) measured ~800 N for a braced man against a bar (quoted by Lee & Hughes 2006);
shields spread the load, so shielded officers hold and tolerate more.
"""

from __future__ import annotations

from dataclasses import dataclass

from sispam.sim.scenario import UnitType


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """Properties shared by every officer of a unit type.

    Attributes:
        mass_kg: body mass with equipment.
        radius_m: body radius (a shield makes the body wider).
        hold_force_n: the cap of the force that keeps an officer on his slot.
        knockdown_load_n: sustained crowd contact load that knocks him down.
        shield, baton, helmet, gas_mask: equipment carried.
        default_officers: officers in a unit of this type when a level does not say.
        spacing_m: distance between neighbours in a line.
        endurance_s: seconds of holding at full strength until an officer is fully tired
            (see `Officers.tire`); trained riot units last longer.
    """

    mass_kg: float
    radius_m: float
    hold_force_n: float
    knockdown_load_n: float
    shield: bool = False
    baton: bool = False
    helmet: bool = False
    gas_mask: bool = False
    default_officers: int = 30
    spacing_m: float = 0.6
    endurance_s: float = 300.0


UNIT_SPECS: dict[UnitType, UnitSpec] = {
    UnitType.DALMAS_AWAL: UnitSpec(80.0, 0.23, 700.0, 1600.0, spacing_m=0.55),
    UnitType.DALMAS_LANJUT: UnitSpec(92.0, 0.26, 900.0, 2400.0, shield=True, baton=True, helmet=True,
                                     endurance_s=400.0),
    UnitType.BRIMOB_PHH: UnitSpec(
        98.0, 0.27, 1100.0, 2800.0, shield=True, baton=True, helmet=True, gas_mask=True, endurance_s=600.0
    ),
    UnitType.TIM_TANGKAP: UnitSpec(88.0, 0.24, 800.0, 2000.0, baton=True, helmet=True, default_officers=8),
    UnitType.NEGOSIATOR: UnitSpec(70.0, 0.22, 500.0, 1200.0, default_officers=2, spacing_m=1.0),
    UnitType.WATER_CANNON: UnitSpec(85.0, 0.24, 700.0, 1800.0, helmet=True, default_officers=3),
    UnitType.GAS_TEAM: UnitSpec(
        88.0, 0.24, 700.0, 1800.0, helmet=True, gas_mask=True, default_officers=4, spacing_m=1.0
    ),
    UnitType.RAIMAS: UnitSpec(90.0, 0.25, 800.0, 2000.0, baton=True, helmet=True),
    UnitType.DAMKAR: UnitSpec(85.0, 0.24, 600.0, 1600.0, helmet=True, default_officers=3),
    UnitType.AMBULANCE: UnitSpec(75.0, 0.23, 500.0, 1200.0, default_officers=3, spacing_m=1.0),
    UnitType.TNI: UnitSpec(92.0, 0.25, 900.0, 2200.0, helmet=True, baton=True),
    UnitType.SATPOL_PP: UnitSpec(80.0, 0.23, 650.0, 1500.0, spacing_m=0.55),
}
