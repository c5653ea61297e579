"""Colours of the play screen.

The crowd's behaviour classes use the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
Design"), which stays distinct under the common colour-vision deficiencies; the classes also
differ in lightness, so a grey-scale print keeps them apart. The map is drawn in light, muted
tones so that people stand out on it.
"""

from __future__ import annotations

from sispam.sim.crowd import Behaviour
from sispam.sim.scenario import GroundKind, ObstacleKind, UnitType, ZoneRole

RGB = tuple[int, int, int]

BACKGROUND: RGB = (226, 224, 214)

GROUND: dict[GroundKind, RGB] = {
    GroundKind.ROAD: (176, 176, 172),
    GroundKind.PAVEMENT: (206, 202, 192),
    GroundKind.FIELD: (196, 220, 178),
    GroundKind.YARD: (232, 226, 206),
    GroundKind.PARKING: (200, 200, 196),
}

OBSTACLE: dict[ObstacleKind, RGB] = {
    ObstacleKind.BUILDING: (132, 124, 110),
    ObstacleKind.SHOP: (178, 150, 108),
    ObstacleKind.FENCE: (70, 70, 70),
    ObstacleKind.GATE: (150, 110, 50),
    ObstacleKind.BARRIER: (190, 90, 40),
    ObstacleKind.WALL: (96, 92, 86),
    ObstacleKind.VEHICLE: (90, 96, 104),
    ObstacleKind.TREE: (104, 160, 98),
}
OUTLINE: RGB = (60, 56, 50)

ZONE: dict[ZoneRole, RGB] = {
    ZoneRole.PROTECTED: (0, 114, 178),
    ZoneRole.AMBULANCE: (204, 0, 0),
    ZoneRole.STAGING: (0, 114, 178),
}

# Calm to violent: a light mint (green as the situation hijau, far lighter than the police's
# blues and the tim tangkap's green), then Okabe-Ito yellow, orange, vermillion.
BEHAVIOUR: dict[Behaviour, RGB] = {
    Behaviour.TERTIB: (150, 226, 170),
    Behaviour.PASIF: (240, 228, 66),
    Behaviour.AKTIF: (230, 159, 0),
    Behaviour.AGRESIF: (213, 94, 0),
}
INJURED: RGB = (255, 255, 255)
INJURED_MARK: RGB = (204, 0, 0)
HELD: RGB = (150, 150, 150)  # in the grip of a tim tangkap
PERSON_OUTLINE: RGB = (40, 40, 40)

UNIT: dict[UnitType, RGB] = {
    UnitType.DALMAS_AWAL: (0, 114, 178),
    UnitType.DALMAS_LANJUT: (0, 62, 126),
    UnitType.BRIMOB_PHH: (30, 30, 36),
    UnitType.TIM_TANGKAP: (0, 158, 115),
    UnitType.NEGOSIATOR: (204, 121, 167),  # Okabe-Ito reddish purple
    UnitType.WATER_CANNON: (80, 84, 92),
    UnitType.GAS_TEAM: (120, 120, 40),
    UnitType.RAIMAS: (110, 60, 150),
    UnitType.DAMKAR: (190, 20, 20),
    UnitType.AMBULANCE: (255, 196, 196),  # pale red: not the white of the injured
    UnitType.TNI: (76, 96, 52),
    UnitType.SATPOL_PP: (150, 120, 60),
}
SHIELD: RGB = (210, 225, 235)
ROPE: RGB = (214, 170, 90)  # the tali Dalmas: a hemp rope, bright against the road
OFFICER_OUTLINE: RGB = (10, 10, 14)
HAIR: RGB = (52, 40, 34)  # a crowd member's head from above, zoomed in
HELMET: RGB = (236, 236, 228)  # Dalmas Lanjut, tim tangkap, water cannon and Damkar crews
HELMET_DARK: RGB = (128, 136, 146)  # Brimob and TNI: dark helmets, lit from above, apart from their black and olive
PRESS: RGB = (220, 20, 20)  # the glow under people pressed in the crowd or against a line or fence
WINDSCREEN: RGB = (150, 190, 215)
LADDER: RGB = (215, 215, 205)  # the Damkar's roof ladder
LIGHT_BAR: RGB = (40, 90, 230)  # the ambulance's roof lights
CROSS: RGB = (204, 0, 0)  # the ambulance's roof cross
DOWN_MARK: RGB = (255, 60, 60)

FIRE: RGB = (255, 120, 0)
FIRE_CORE: RGB = (255, 220, 80)
SMOKE: RGB = (90, 90, 90)
PROJECTILE: RGB = (30, 30, 30)
LABEL: RGB = (40, 38, 34)

SITUATION: dict[str, RGB] = {"hijau": (0, 158, 115), "kuning": (240, 228, 66), "merah": (213, 94, 0)}
PANEL: tuple[int, int, int, int] = (250, 250, 246, 225)
PANEL_SOLID: RGB = (250, 250, 246)  # the play screen's bars and columns: no map shows through
PANEL_BORDER: RGB = (120, 116, 106)
TEXT: RGB = (30, 30, 30)

# Screens and widgets.
SCREEN: RGB = (232, 228, 218)  # behind the menus and forms
BACKGROUND_DARK: RGB = (46, 52, 58)
BUTTON: RGB = (244, 242, 236)
BUTTON_HOVER: RGB = (255, 255, 255)
BUTTON_ACTIVE: RGB = (170, 205, 232)
BUTTON_DISABLED: RGB = (208, 205, 198)
TEXT_DISABLED: RGB = (130, 128, 122)
TEXT_MUTED: RGB = (96, 94, 88)
TEXT_LIGHT: RGB = (245, 245, 240)
TOOLTIP: tuple[int, int, int, int] = (255, 253, 231, 245)
ALERT: RGB = (220, 20, 60)  # an alert's ring on the map
PAUSED: RGB = (230, 140, 0)  # the frame and banner of a paused map
ORDER_TRACE: RGB = (0, 150, 200)  # a unit's order under way: the way to its target, the new front
ORDER_WAITING: RGB = (120, 80, 200)  # an order still passing down the chain of command, with its seconds left
SELECTION: RGB = (0, 200, 255)  # ring round selected units, the box and the line preview
WON: RGB = (0, 158, 115)
LOST: RGB = (213, 94, 0)
SCORE_BAR: RGB = (0, 114, 178)  # the result screen's score parts

ASHES: RGB = (70, 66, 60)  # a fire burnt out
# Tear gas: thin gas nearly white, thick gas a cool grey, both translucent (see hazards.gas_rgba).
GAS_THIN: RGB = (250, 250, 252)
GAS_THICK: RGB = (160, 163, 178)
# The water cannon's jet: a translucent blue cone, a near-white core, white drops.
JET: RGB = (30, 120, 220)
JET_ALPHA = 120
JET_CORE: RGB = (222, 242, 255)
JET_CORE_EDGE: RGB = (30, 105, 200)
JET_DROP: RGB = (236, 246, 255)
OFFICER_DOT: RGB = (0, 40, 110)  # officers on the minimap
# Roles the police know, as a dot in the middle of the person.
KORLAP_MARK: RGB = (255, 255, 255)
PROVOKATOR_MARK: RGB = (0, 0, 0)
PERS_MARK: RGB = (120, 120, 120)
# Heatmap overlays: magma (van der Walt & Smith 2015, matplotlib) at deciles from 1.0 down to 0.2,
# so that low values are pale and high ones dark: a sequential ramp that rises steadily in
# lightness, so it reads the same under the common colour-vision deficiencies and in grey.
HEAT_RAMP: tuple[RGB, ...] = (
    (252, 253, 191), (254, 207, 146), (254, 159, 109), (247, 112, 92), (222, 73, 104),
    (183, 55, 121), (140, 41, 129), (100, 26, 128), (59, 15, 112),
)
HEAT_ALPHA_LOW = 70  # opacity of the heatmap at the bottom of its scale, where people are
HEAT_ALPHA_HIGH = 200  # and at the top
EDITOR_GRID: RGB = (210, 207, 196)  # the level editor's 10 m grid
EDITOR_CROWD: RGB = (150, 110, 0)  # a crowd group's name on its spawn zone
INSTRUCTOR: RGB = (204, 121, 167)  # the instructor's injects: marks, the aim, the freeze banner
SHADE: tuple[int, int, int, int] = (20, 24, 28, 150)  # over a paused level
