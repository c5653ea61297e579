"""Which operation carries out each order kind."""

from __future__ import annotations

from sispam.sim.police.appeal import Appeal, DispersalOrder
from sispam.sim.police.arrest import Arrest
from sispam.sim.police.command import OperationFactory
from sispam.sim.police.disperse import Disperse
from sispam.sim.police.evacuate import Evacuate
from sispam.sim.police.extinguish import Extinguish
from sispam.sim.police.handover import Handover
from sispam.sim.police.movement import Berlindung, Brace, Desak, Dorong, FallBack, Form, Hold
from sispam.sim.police.negotiate import Negotiate
from sispam.sim.police.orders import OrderKind
from sispam.sim.police.reserve import Request
from sispam.sim.police.tear_gas import TearGas
from sispam.sim.police.water_cannon import WaterCannon

OPERATIONS: dict[OrderKind, OperationFactory] = {
    OrderKind.FORM: Form,
    OrderKind.HOLD: Hold,
    OrderKind.BRACE: Brace,
    OrderKind.BERLINDUNG: Berlindung,
    OrderKind.DESAK: Desak,
    OrderKind.DORONG: Dorong,
    OrderKind.FALL_BACK: FallBack,
    OrderKind.REQUEST: Request,
    OrderKind.LAPIS_GANTI: Handover,
    OrderKind.LINTAS_GANTI: Handover,
    OrderKind.WATER_CANNON: WaterCannon,
    OrderKind.TEAR_GAS: TearGas,
    OrderKind.EXTINGUISH: Extinguish,
    OrderKind.ARREST: Arrest,
    OrderKind.EVACUATE: Evacuate,
    OrderKind.NEGOTIATE: Negotiate,
    OrderKind.APPEAL: Appeal,
    OrderKind.DISPERSAL_ORDER: DispersalOrder,
    OrderKind.DISPERSE: Disperse,
}
