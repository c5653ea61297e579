"""Physical and behavioural constants, each with its source or its reason.

Units: metres, seconds, kilograms, newtons.
"""

from __future__ import annotations

# --- time ---------------------------------------------------------------------------------
# Fixed step of 50 ms, at the upper end of the 10-50 ms that pedestrian models use. It keeps
# pymunk's rigid contacts stable in a packed crowd (a walker moves 7 cm a step, a third of a
# body radius) and the stiffest force, the social repulsion (A/B = 25,000 N/m on 60 kg:
# ω·dt ≈ 1.0), inside the explicit integrator's limit of 2; the walking tests give the same
# figures at 1/30 s. A simulated second costs a third of what it would at 60 Hz. The game
# draws at 60 fps by interpolating between steps.
DT_S = 1.0 / 20.0
SOLVER_ITERATIONS = 10  # pymunk's default; fewer gave the same line loads but no speed here
# pymunk lets bodies overlap by this much before pushing them apart. 4 cm stands for the give of
# human bodies: people in light contact do not overlap (contacts stop approach at once), but a
# pushing crowd presses them 4 cm into each other, which is how densities above 6 persons/m²
# arise only under pushing (a rigid disc of r = 0.225 m packs at no more than 5.7 per m²).
COLLISION_SLOP_M = 0.04

# --- bodies -------------------------------------------------------------------------------
CROWD_RADIUS_RANGE_M = (0.20, 0.25)  # shoulder half-width of adults
CROWD_MASS_RANGE_KG = (60.0, 90.0)
BODY_FRICTION = 0.5  # person-person and person-wall sliding friction coefficient

# --- walking: driving force (Helbing & Molnár 1995; Helbing, Farkas & Vicsek 2000) ---------
RELAXATION_TIME_S = 0.5  # τ, Helbing & Molnár 1995; Helbing, Farkas & Vicsek 2000
RELAXATION_TIME_AGITATED_S = 0.2  # HFV2000 also used τ = 0.1 s for panicking people
FREE_SPEED_MEAN_MPS = 1.34  # Weidmann 1993
FREE_SPEED_SD_MPS = 0.26  # Helbing & Molnár 1995
SPEED_CLIP_MPS = (0.3, 2.5)
AGITATED_SPEED_FACTOR = 1.5  # HFV2000 regimes: 1.0 m/s normal, 1.5 nervous, >1.5 panic
ARRIVAL_SLOWDOWN_M = 1.0  # desired speed tapers to zero over the last metre to the goal

# --- walking: social repulsion (HFV2000: A = 2000 N, B = 0.08 m; HM95 field of view) --------
SOCIAL_A_N = 2000.0
SOCIAL_B_M = 0.08
SOCIAL_CUTOFF_M = 0.3  # surface gap where the term fades to zero (A·e^(-0.3/0.08) ≈ 47 N)
SOCIAL_BEHIND_FACTOR = 0.5  # out-of-view factor c = 0.5, field of view 200° (HM95)
SOCIAL_VIEW_COS = -0.17  # cos(100°): half of the 200° field of view
WALL_A_N = 2000.0  # HFV2000 uses the same A, B for walls
WALL_B_M = 0.08
WALL_CUTOFF_M = 0.4

# --- walking: headway. A calm walker does not walk into the person ahead: its desired speed is
# limited to gap / T (the collision-free speed model of Tordeux, Chraibi & Seyfried 2016).
# T = 0.2 s, with the social repulsion below, reproduces Weidmann's speed-density relation
# within 0.2 m/s from 0.5 to 2.5 persons/m² (tests/sim/test_walking.py). Agitated
# people ignore the headway in proportion to their agitation: that is what "pushing" means here.
HEADWAY_TIME_S = 0.2
# Only people within ±40° of one's heading hold one back: people converging side by side on a
# door must not wait for each other (they slide past under the social repulsion instead).
HEADWAY_CONE_COS = 0.766

# --- officers -----------------------------------------------------------------------------
OFFICER_SLOT_STIFF_AT_M = 0.25  # the hold force reaches its cap 0.25 m from the slot
DOWN_GROUND_FRICTION = 0.6  # a person lying down slides against the ground with μ = 0.6
GRAVITY_MPS2 = 9.81

# --- fleeing tear gas (see gas.py) ---------------------------------------------------------
# People fleeing gas walk at 1.5 times their free speed: HFV2000's "nervous" regime (1.5 m/s
# against a normal 1.0 m/s), and the jog of people leaving a gas cloud in news footage.
GAS_FLEE_SPEED_FACTOR = 1.5

# --- injuries and knock-downs -------------------------------------------------------------
# HFV2000: a person is injured when the radial contact force over the body's circumference
# exceeds 1,600 N/m (≈ 2.2 kN for r = 0.22 m). We require it to be sustained for seconds,
# because crush injuries come from pressure held over time (compressive asphyxia: Hopkins et al.
# 1993, 6,227 N kills in ~15 s), while the shoves of a pushing crowd come and go: drill and news
# reports of dorong-mendorong at a police line count single casualties, not one per shove. Five
# seconds (a third of Hopkins' fatal time) is our calibration on those reports; at 1 s a
# pushing crowd of a few hundred injured several people a minute at the KPU gate.
INJURY_LINE_PRESSURE_N_PER_M = 1600.0
INJURY_SUSTAIN_S = 5.0
STRAIN_RECOVERY_RATE = 0.5  # strain time drains at half the rate it builds when relieved
KNOCKDOWN_SUSTAIN_S = 1.5  # an officer above his unit's knock-down load this long falls

# --- density and crowd pressure (Helbing, Johansson & Al-Abideen 2007) --------------------
# Measured at each person over a 0.8 m disc (neighbours.py); the peaks are kept on a grid of
# these cells for the after-action heatmaps.
DENSITY_CELL_M = 0.5
VELOCITY_SMOOTHING_S = 0.5  # time constant of the velocity average used for crowd pressure

# --- navigation ---------------------------------------------------------------------------
NAV_CELL_M = 0.25
NAV_MAX_CELLS = 1_000_000  # larger maps get coarser navigation cells (0.5 m at 500 m x 500 m)
NAV_CLEARANCE_M = 0.45  # cells closer than this to a wall cost more: people keep off corners
NAV_CLEARANCE_COST = 2.0
NAV_OBSTACLE_COST = 200.0  # passable at great cost, so anyone pushed into a wall finds the way out
WALL_CELL_M = 0.1  # resolution of the wall-distance field used for wall repulsion
WALL_MAX_CELLS = 4_000_000  # larger maps get coarser wall cells (0.25 m at 500 m x 500 m)
ZONE_GOAL_DEPTH_M = 2.0  # a zone goal pulls people this deep into the zone
POINT_GOAL_RADIUS_M = 1.5
