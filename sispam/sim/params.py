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
# A person's footprint as a disc of the same area as his body's outline: adults are about 0.45 m
# across the shoulders and 0.25-0.30 m deep at the chest (Pheasant & Haslegrave, Bodyspace), an
# ellipse of 0.09-0.14 m², a disc of radius 0.17-0.21 m. A disc as wide as the shoulders would cover half as much again
# and could not pack beyond about 4 /m², where real queues and crowds reach 5-6 (Weidmann's jam
# density 5.4 /m²): with it the calm walking speed fell to zero near 3.5 /m² (issue 17).
CROWD_RADIUS_RANGE_M = (0.17, 0.21)
CROWD_MASS_RANGE_KG = (60.0, 90.0)
# Sliding friction between people, and between a person and a wall. Clothed bodies slide with a
# coefficient of about 0.3-0.5, but people are not rigid discs: they turn their shoulders and
# slip past each other, which a disc that cannot roll does only by sliding. With 0.5 a crowd
# pressing on a door formed arches that friction held for ever (issue 17: 150 people, 3-43 out,
# then nobody); with 0.2 and the fluctuations below clogs break in seconds, as in competitive
# egress experiments (Zuriguel et al. 2014; Pastor et al. 2015).
BODY_FRICTION = 0.2

# --- walking: driving force (Helbing & Molnár 1995; Helbing, Farkas & Vicsek 2000) ---------
RELAXATION_TIME_S = 0.5  # τ, Helbing & Molnár 1995; Helbing, Farkas & Vicsek 2000
RELAXATION_TIME_AGITATED_S = 0.2  # HFV2000 also used τ = 0.1 s for panicking people
FREE_SPEED_MEAN_MPS = 1.34  # Weidmann 1993
FREE_SPEED_SD_MPS = 0.26  # Helbing & Molnár 1995
SPEED_CLIP_MPS = (0.3, 2.5)
AGITATED_SPEED_FACTOR = 1.5  # HFV2000 regimes: 1.0 m/s normal, 1.5 nervous, >1.5 panic
ARRIVAL_SLOWDOWN_M = 1.0  # desired speed tapers to zero over the last metre to the goal
# The strongest push a person's legs give, as a share of body weight. Pushing a sled or a
# car, adults sustain horizontal forces of about half their weight; briefly more. The driving
# force m·(v_wish·e − v)/τ is capped at this: without the cap a stalled agitated person pushed
# with m·v0/τ ≈ 750 N, a full body weight, for minutes on end.
DRIVE_MAX_BW = (0.3, 0.5)  # calm, fully agitated
# Pressed into a crowd (compression, contacts.py, at PRESSED_N or more), a person pushes only
# by leaning into the people ahead, with a force he can keep up for minutes. Each row adds its
# lean to the force passed forward, so the pressure grows towards the front of a pushing crowd
# and is highest on the barrier or the police line, as in real crushes (Fruin 1993; Lee &
# Hughes 2005), and a deeper crowd presses harder (the Green Guide's barrier loads, below).
# How hard, the validation measures with 300 people at agitation 1 against a fence for 120 s
# (seeds 0-7), across a 14 m street and an 8 m one where they stand about 1.8 times as deep.
# With 0.10 for the fully agitated, the deeper crowd injured up to 10.3 % of itself, the first
# after 29.6 s (issue 17 asks for under 10 %, none in the first 30 s), four of eight runs as far
# as 1.6-2.1 m from the fence, and two ranks of Dalmas Lanjut across a 10 m street gave way on 3
# of seeds 0-3. With 0.08: 3.3-6.3 % injured, the first after 34 s, two runs with one at 1.8 and
# 2.2 m; across 14 m, 0-4 injured (3-9 with 0.10), and the 10 m line holds on seeds 0-7. The push
# on a 14 m line fell from 1.9 to 1.6 kN per metre (the Green Guide designs crush barriers for
# 2.0-5.0 kN/m, with its margins). The campaign's reference plans and idle runs score as before.
LEAN_BW = (0.02, 0.08)  # calm, fully agitated: share of body weight
PRESSED_N = 200.0
# Pushers stop pushing when they are being crushed themselves: a person whose own compression
# (the force squeezing his chest, contacts.py) passes half his tolerance eases off, and at his
# tolerance he only stands his ground. Agitated people tolerate more. This is
# what keeps the push on a barrier from growing with every row behind: the UK Green Guide
# (Guide to Safety at Sports Grounds, table 11-2) designs crush barriers for horizontal loads
# of 2.0-5.0 kN per metre of width, the more the deeper the crowd behind them, and Helbing,
# Farkas & Vicsek 2000 quote pressures "up to 4,450 N/m" that bend steel barriers. With the
# tolerance below, 300 fully agitated people load a fence with about that (the validation
# battery measures it).
PUSH_TOLERANCE_N = (400.0, 1600.0)  # calm, fully agitated

# --- walking: social repulsion (HFV2000: A = 2000 N, B = 0.08 m; HM95 field of view) --------
SOCIAL_A_N = 2000.0
SOCIAL_B_M = 0.08
SOCIAL_CUTOFF_M = 0.3  # surface gap where the term fades to zero (A·e^(-0.3/0.08) ≈ 47 N)
SOCIAL_BEHIND_FACTOR = 0.5  # out-of-view factor c = 0.5, field of view 200° (HM95)
SOCIAL_VIEW_COS = -0.17  # cos(100°): half of the 200° field of view
# People walk close to walls and door frames, far closer than HFV2000's panic parameters
# (A = 2000 N) let them, and use a door to its edges (issue 17 found "about 0.17 m of each door
# edge" unused). With 150 N, in RiMEA test 12 the 1 m corridor (1.37 /s) delivered more than room
# 2's 1 m door passed, and a queue stood at that door on 7 of 8 seeds; with 50 N on 1 of 8, while
# the calm and motivated bottleneck flows stay in their ranges (python -m sispam.validate --seeds
# 0,1,2,3,4,5,6,7, December 2026).
WALL_A_N = 50.0
WALL_B_M = 0.08
WALL_CUTOFF_M = 0.4

# Standing one's ground. Someone who wishes to walk slower than this stands: he plants his
# feet where he stopped and resists being moved off that spot, like a spring that reaches the
# strength of his legs (DRIVE_MAX_BW) at this offset; pushed harder, he slides. The ground
# takes part of the push of the rows behind at every standing row, so a crowd's push on a
# barrier does not grow with its depth without bound (Green Guide, below).
STAND_BELOW_MPS = 0.1
BRACE_AT_M = 0.1
# Someone who has arrived (at his goal, or where he stops short of it) plants his feet only when
# pressed this hard: otherwise he gives way to the people still arriving, and a crowd spreads over
# the area it came to instead of standing at its edge.
BRACE_FROM_N = 100.0

# Social repulsion is an anticipation of walkers: people who stand in a queue or a press
# tolerate others close by, or a queue could never reach the 4.5-5.4 persons/m² at which
# Weidmann's walking speed reaches zero. The repulsion on a person is scaled by the square of
# his (smoothed) speed over his free speed, never below this share: standing strangers still
# keep a little apart (a calm crowd at a barrier stands at 4-5 /m², a pushing one at 8-10).
SOCIAL_STANDING_SHARE = 0.2

# --- fluctuations (see fluctuation.py) -------------------------------------------------------
FLUCTUATION_TIME_S = 0.5  # correlation time: a sway of the body, not step-to-step noise
FLUCTUATION_BW = (0.02, 0.25)  # strength as a share of body weight: calm, fully agitated
SQUIRM_FULL_N = 1000.0  # squeezed this hard (compression), anyone sways like a full pusher

# --- keeping a side in counterflow (see keep_side.py) ---------------------------------------
# Indonesians drive on the left, and pedestrians pass oncoming people on the side their
# traffic keeps (Moussaïd, Helbing & Theraulaz 2009 measured the preference in France, where it
# is the right); which side matters less than that everyone keeps the same one.
KEEP_SIDE = "left"
LANE_CELL_M = 0.5  # the far look's grid (see keep_side.py): about a lane's width
# Where a walker looks for people coming towards him (m): the far look to the far end of a 30 m
# corridor (with 12 m, 150 + 150 in the validation's 4 m corridor met with each crowd filling its
# end of it); the near look uses the points up to LANE_NEAR_M.
LANE_LOOKAHEAD_M = (1.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 16.0, 20.0, 25.0, 30.0)
LANE_FULL_DENSITY_PPM2 = 0.2  # an oncoming flow this dense, averaged over those cells, turns a walker fully
LANE_STEER = 1.0  # tangent of the largest turn aside: 45°
# Only people bound elsewhere come the other way: those converging on one's own goal (from both
# sides of a door) must not make each other step aside. The far look's grid keeps the flows of
# this many goals apart (goal index modulo it; two goals that share a bucket do not turn each other).
LANE_GOAL_BUCKETS = 4
LANE_FAR_FULL_DENSITY_PPM2 = 0.2  # as LANE_FULL_DENSITY_PPM2, for the far look's finer grid
# The far look follows one's way, taking the navigation's direction at each of its points up to
# this far ahead and going straight on from there (see keep_side.py). Looking straight ahead
# instead, those crossing a room towards a corridor's mouth looked across the stream coming out
# of it, kept their side from it and pressed into the room's wall beside the mouth, where they
# stood in a column and entered one at a time: an outside tester's 150 + 150 (two 12 x 20 m
# squares joined by a corridor 4.6 m wide and 24 m long) let each crowd in at 1.8 /s once the
# other came out (5 /s before), and 2-3 people a seed took over twice their free time over their
# whole trip (as the tester measures it: a person's time from start to exit against the length he
# walked at his 90th-percentile speed; worst 2.03-2.24x, seeds 0-7). Following the way: 2-3 /s,
# 0-3 a seed (8 in all, against 22), worst 1.93-2.14x. In the validation's 150 + 150 everyone is
# through at 73-110 s instead of 82-111 s (seeds 0-7), the worst at 2.19-2.65x instead of
# 2.21-2.87x; its corridor is fuller (1.29-1.40 /m² instead of 1.15-1.25), so the mean time in the
# corridor itself is a little longer, 1.43-1.50 times one's free time instead of 1.39-1.45.
# 60 + 60: over 2x on 1 of seeds 0-7 (2.17x) and 1 of 8-15 (2.04x), instead of 2 and 4. Following
# the way to 30 m in 1 m steps did no better (60 + 60 on 2 of seeds 0-7, the tester's 10 in all)
# and cost 0.9 ms a step at 2,000 people (python -m sispam.bench: full / bare 2.30 against 1.90).
LANE_ROUTE_M = 10.0
# The near look, at anyone coming towards one: the lookahead points up to this far, on a grid
# of this cell (the rule before the far look, unchanged: crowds with one goal walk as they did).
LANE_NEAR_M = 12.0
LANE_NEAR_CELL_M = 1.0
# Someone held up by the person ahead still steps aside to his keep side from people bound
# elsewhere (see keep_side.py): at the far look's tangent times this share of the part of his
# free speed that the headway holds back.
LANE_SIDE_SHARE = 1.0
# Nobody keeps his side into a wall (keep_side.py): a turn is not taken if, this far ahead, it
# brings one's body against a wall (closer to it than walking on straight would). Before, in an
# outside tester's 150 + 150 (see LANE_ROUTE_M), those crossing a room towards the corridor's
# mouth saw the stream coming out of it, turned to their left into the wall beside the mouth and
# stood there in a column; at 1 m: 0 over twice their free time on seeds 0-7 (8 before, worst
# 1.83-1.99x instead of 1.93-2.14x), 2 on seeds 8-15 (5 before). The validation's 60 + 60 is over
# 2x on no seed of 0-7 (1 before), 1 of 8-15 (as before) and 3 of 16-31. 0.5 m and 2 m did no
# better; checking half-way as well put 60 + 60 over 2x on 11 of seeds 0-31 instead of 4. It
# changes crowds with one goal too, those beside a door who turned into its jambs: a motivated
# crowd's flow through 1 m (agitation 0.7) rose from 2.97 to 3.02 /(m·s) (mean of seeds 0-7;
# 2.96 to 3.00 on 8-15), just above the competitive experiments' 1.8-3.0 (the seeds' own flows
# spread over 2.90-3.10); HEADWAY_IGNORED_POWER 8 below brought it back into the band.
LANE_WALL_LOOK_M = 1.0

# --- walking: headway. A calm walker does not walk into the person ahead: its desired speed is
# limited to gap / T (the collision-free speed model of Tordeux, Chraibi & Seyfried 2016).
# T = 0.3 s, with the social repulsion below, reproduces Weidmann's speed-density relation
# within 0.25 m/s from 0.5 to 4.5 persons/m² (python -m sispam.validate; tests/sim/test_walking.py).
# Agitated people ignore part of the headway (below): that is what "pushing" means here.
HEADWAY_TIME_S = 0.3
# A pushing person closes up on the one ahead: he ignores the share
# LINEAR·a + (1 − LINEAR)·a^POWER of the headway limit (a: agitation; 0.18 at 0.4, 0.35 at 0.7,
# all of it at 1). The linear part lets a motivated crowd press on from low agitation, the steep
# part saves the full push for the fully agitated. With this, motivated crowds pass 0.8-1.6 m doors
# at 1.8-3.0 persons/(m·s) at agitation 0.4 and 0.7 (Garcimartín et al. 2014; Pastor et al. 2015;
# Nicolas et al. 2017; python -m sispam.validate --only bottleneck): faster than calm ones, not at
# the speed of free walking through a crowd. (a^2.25 alone gave 1.75 at 0.4 and 3.3 at 0.7; with the
# weaker wall repulsion above, a^6 gave 3.06 at 0.7 and 0.8 m, a^7 2.91.) With the far look's
# wall check (LANE_WALL_LOOK_M), a^7 put agitation 0.7 through 1 m at 3.02 (seeds 0-7), over the
# band; a^8 gives 2.66-2.94 over 0.8-1.6 m and leaves agitation 0.4 as it was (2.05-2.47; the
# share ignored at 0.7 falls from 0.36 to 0.35, at 0.4 and 1 it does not change).
HEADWAY_IGNORED_LINEAR = 0.45
HEADWAY_IGNORED_POWER = 8.0
# Only people within ±32° of one's heading hold one back: people converging side by side on a
# door must not wait for each other (they slide past under the social repulsion instead).
HEADWAY_CONE_COS = 0.85
# Held up (gap under T·v0), a walker steps aside from the person blocking him, turning by up to
# this tangent (about 27°) when he is stopped: gap seeking, which fills a queue sideways and
# uses a door to its edges.
SIDESTEP_STEER = 0.5
# Overtaking: a calm walker held up by someone who walks (the blocker's speed along one's way at
# least OVERTAKE_FROM of one's desired speed v0, fully from twice that) steps aside to pass him,
# towards the side with more room beside him (people beside his path from a body behind to the
# pair range, 0.8 m, ahead, and walls; the side away from the blocker when the two differ by less
# than OVERTAKE_SIDE_MARGIN_M), at OVERTAKE_SHARE times what the headway holds back of his v0,
# less when the room there is under OVERTAKE_ROOM_M; agitated people push instead (the step
# shrinks with agitation, nothing from 0.5), and nobody steps round people who stand (at a rope,
# a gate, in a queue).
# Turning alone (SIDESTEP_STEER), a fast walker held to a slower man's pace hardly moved aside:
# in a 2 m wide stream at about 1 /m² the fastest fifth (free 1.7 m/s) crossed 30 m barely faster
# than the slowest (free 1.0 m/s). Validation, seeds 0-7, when passing came (the far look then
# straight ahead): counterflow 60 + 60 over twice their free time on 2 seeds, worst 1.67-2.04x
# (without: 3, 1.90-2.11x), on 8 of seeds 0-23 (without: 13); 150 + 150 worst 2.21-2.87x
# (2.43-3.00x). Stronger passing helps 60 + 60 and costs elsewhere: with the far look following
# one's way to 30 m (see LANE_ROUTE_M), a share of 2.0 put 60 + 60 over 2x on none of seeds 0-7
# and 1 of 8-15 (1.5 with that look: 2 and 3; as landed, to 10 m: 1 and 1), 1.75 on 0 and 2,
# but both made the corridor at 1.5 /m² walk 0.26 m/s faster than Weidmann's relation
# (tests/sim/test_walking.py allows 0.25; 1.5 gives 0.248 there). OVERTAKE_FROM 0.2 (2 of 32)
# made the 2 /m² corridor walk 0.30 m/s faster than Weidmann's relation (the edge of its spread;
# 0.28 with 0.3).
OVERTAKE_SHARE = 1.5
OVERTAKE_FROM = 0.3
OVERTAKE_SIDE_MARGIN_M = 0.1
OVERTAKE_ROOM_M = 0.4
# Someone walking towards one (headings further apart than 120°) does not hold one back: one
# steps round him (keep_side.py) instead of waiting for him.
HEADWAY_ONCOMING_COS = -0.5

# --- officers -----------------------------------------------------------------------------
OFFICER_SLOT_STIFF_AT_M = 0.25  # the hold force reaches its cap 0.25 m from the slot
DOWN_GROUND_FRICTION = 0.6  # a person lying down slides against the ground with μ = 0.6
GRAVITY_MPS2 = 9.81

# --- fleeing tear gas (see gas.py) ---------------------------------------------------------
# People fleeing gas walk at 1.5 times their free speed: HFV2000's "nervous" regime (1.5 m/s
# against a normal 1.0 m/s), and the jog of people leaving a gas cloud in news footage.
GAS_FLEE_SPEED_FACTOR = 1.5

# --- injuries and knock-downs -------------------------------------------------------------
# Crush injury is compressive asphyxia: a chest squeezed too hard for too long cannot breathe.
# Its dose-time relation: death about 15 s after 6,227 N, 4-6 min after 1,112 N (Hopkins et al.
# 1993, quoted by Lee & Hughes 2006); below about 800 N a braced man bears the load (Evans &
# Hayden 1971). The dose grows from what exceeds that load: through Hopkins' two points, the
# time to death under a force F is t(F) = 15 s · ((6,227 − 800) / (F − 800))^k with
# k = ln(300/15) / ln(5,427/312) ≈ 1.05, which grows without bound as F falls to 800 N. (A curve
# through the two points alone, 15 s · (6,227 / F)^1.74, gave 9 min at 801 N and nothing at 799:
# the crowd's body, pressed with 0.9-1.1 kN, took a third to half the dose of the rows at the
# fence, with 1.1-1.5 kN, and injuries came as deep as 2.2 m.) Each person accumulates a dose,
# dt / t(F) per step (1 = fatal), from the force through his chest: half the sum of the normal
# contact forces on him (what presses him from the front also presses him from behind). He
# collapses, injured, at `INJURY_DOSE` of the fatal dose: after about 44 s at 2.2 kN (HFV2000's
# injury pressure of 1,600 N/m over a body's circumference), 90 s at 1.5 kN, 18 s at 4 kN, 3.6
# min at 1.1 kN, as the former curve did at 0.5 of its dose from 1.5 to 2.2 kN. Measured with the
# validation's push, 300 at agitation 1 against a fence for 120 s, seeds 0-7 (December 2026):
# across an 8 m street 7-20 injured, the first after 35 s, none farther than 1.6 m from the fence
# (before: 10-19, from 34 s, out to 2.2 m); across 6 m, where the crowd stands about 9 m deep,
# 22-39, out to 2.6 m (before: out to 3.1 m). So injuries come after sustained pressure, in
# the rows against a barrier or a police line where the pressure is highest (Fruin 1993; Lee &
# Hughes 2005), not from the shoves of a pushing crowd. Relief lets him breathe again: the dose
# drains at `CRUSH_RECOVERY_PER_S`.
COMPRESSION_SMOOTHING_S = 1.0  # compression is averaged over about a second (a breath)
CRUSH_FATAL_POINTS = ((6227.0, 15.0), (1112.0, 300.0))  # (force N, seconds to death), Hopkins 1993
CRUSH_MIN_N = 800.0  # Evans & Hayden 1971: a braced man bears this without harm
INJURY_DOSE = 0.7  # collapse (needs carrying out) at this share of the fatal dose
CRUSH_RECOVERY_PER_S = 1.0 / 120.0  # a dose drains fully in two minutes of relief
STRAIN_RECOVERY_RATE = 0.5  # an officer's strain time drains at half the rate it builds
KNOCKDOWN_SUSTAIN_S = 1.5  # an officer above his unit's knock-down load this long falls

# --- density and crowd pressure (Helbing, Johansson & Al-Abideen 2007) --------------------
# Measured at each person over a 0.8 m disc (neighbours.py); the peaks are kept on a grid of
# these cells for the after-action heatmaps.
DENSITY_CELL_M = 0.5
# Crowd pressure (metrics.py): each person's velocity is first averaged over two seconds, two
# step pairs, so that the solver's step-to-step jitter is not taken for motion; the
# local velocity field's mean and variance at a place are then taken over a few seconds, shorter
# than the stop-and-go waves and surges that the variance is there to catch.
VELOCITY_SMOOTHING_S = 2.0
PRESSURE_WINDOW_S = 5.0
PRESSURE_CELL_M = 1.0  # the places: HJA2007 averaged over about 1 m (their Gaussian's R)
# The pressure is taken only at people pressed into the crowd (metrics._crowding): not at all
# below the first compression, in full from the second. HJA2007's turbulence is the surges of a
# packed crowd that the bodies pass on to each other; where nobody is pressed, the field's
# variance at a place is walkers reaching the end of a queue or filing through a door one at a
# time. Read everywhere, the run's highest value was 0.54-0.96 /s² for calm crowds (an outside
# tester's own levels: a queue fed at 2 people/s at a 1 m door; a room emptying through 1 m), as
# high as a crowd at agitation 0.6 (1.5). Calm crowds pressed each other with at most 159-234 N
# (the validation's calm queue of 300 and its calm bottlenecks, seeds 0-7), a crowd at agitation
# 0.7 in a door with 400-560 N (99th percentile), one at 0.4 with at most 250-270 N.
PRESSURE_PRESSED_N = (300.0, 600.0)

# --- navigation ---------------------------------------------------------------------------
NAV_CELL_M = 0.25
NAV_MAX_CELLS = 1_000_000  # larger maps get coarser navigation cells (0.5 m at 500 m x 500 m)
NAV_CLEARANCE_M = 0.45  # cells closer than this to a wall cost more: people keep off corners
NAV_CLEARANCE_COST = 2.0
NAV_OBSTACLE_COST = 200.0  # passable at great cost, so anyone pushed into a wall finds the way out
# These two shape how people walk along walls, and much of the calibration leans on it. Beside a
# straight wall the clearance cost turns the walking direction 27-46° off the wall within about
# 0.7 m of it. Measured with the validation, seeds 0-7 (December 2026): walking directions taken
# from the plain walking distance instead cut counterflow's slowest further (150 + 150: worst
# 2.3-2.6x own free time) but sped up the open fundamental diagram (1.15 m/s at 1.6 /m², 1.07 at
# 2.0, against at most 1.06 and 0.89) and the calm doors (up to 2.19 /(m·s)): the tilt and the
# headway need recalibrating together before it can go.
#
# The grown raster's wall cells (a centre within a half cell diagonal of a wall) beside open floor
# take the walking direction of their nearest free cell: someone pressed against a wall walks on
# along it. Their own direction, straight out of the wall, held him against the crowd that pressed
# him there: in counterflow the people squeezed into the corner of a corridor's mouth stood 20 s
# and more, pointed back into the room, and those pressed against the corridor's walls walked at a
# quarter to half their free speed (150 + 150: worst 2.9-3.6x own free time; with this, 2.4-3.0x,
# and RiMEA 12's queue at room 2's door, 2.44 /m² on seed 0, stays under 1 /m² on every seed).
# Only where the floor beside the wall is open: somewhere within NAV_WALL_FOLLOW_WINDOW_M of it
# the floor lies NAV_WALL_FOLLOW_HALF_WIDTH_M from every wall, so in a passage narrower than 1.2 m
# (RiMEA 12's 1 m corridor) people walk its middle in single file. Following its walls, two files
# formed and delivered 1.9 /s, more than the 1 m door after it passes: a queue there on 7 of 8
# seeds. Nor on a wall one cell thick with floor on both sides (which side's way is a guess).
NAV_WALL_FOLLOW_HALF_WIDTH_M = 0.6
NAV_WALL_FOLLOW_WINDOW_M = 1.0
WALL_CELL_M = 0.1  # resolution of the wall-distance field used for wall repulsion
WALL_MAX_CELLS = 4_000_000  # larger maps get coarser wall cells (0.25 m at 500 m x 500 m)
ZONE_GOAL_DEPTH_M = 2.0  # a zone goal pulls people this deep into the zone
POINT_GOAL_RADIUS_M = 1.5
