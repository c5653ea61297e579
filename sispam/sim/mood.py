"""The crowd's mood: why each person is calm, passive, resisting or violent, and how police
conduct changes it (SPEC §3; domain brief §2.6, §2.7, §2.9).

Every `PERIOD_S` each person present re-reads his surroundings and moves his `agitation` (the
one number the physics reads: how hard he pushes) towards a target set by three published models:

* **Epstein 2002, civil violence.** Grievance G = H·(1 − L) from hardship H and perceived
  legitimacy L; estimated arrest probability P = 1 − exp(−k·C/A) from the police C and the
  active people A in view (oneself counted, so A ≥ 1, k = 2.3); net risk N = R·P with risk
  aversion R. His *drive* is G − N − T, with T his threshold: Epstein's "active" (G − N > T)
  is Perkap's pasif and above; the further the drive lies above zero, the higher the class.
* **Granovetter 1978, thresholds.** Each person joins (his drive rises) when the share of
  aktif or agresif people in view reaches his own threshold (normal, mean 0.25, sd 0.12: Granovetter's example at the
  edge where a crowd tips). Provocateurs have threshold 0: they act first and start cascades.
* **ESIM (Reicher, Stott, Drury).** Force witnessed against people who are not violent lowers the
  legitimacy of those hit and of the witnesses, and so raises grievance; negotiation with a
  korlap, loudspeaker appeals and precise arrests of provocateurs raise it (everyone's but the
  provocateurs' own). Provocateurs in earshot wear it down (they spread the claim of fraud). A
  crowd left at the gate with nobody talking to it loses it (`IGNORED_DROP_PER_S`), and its
  rioters attack only under the cover of an aroused ordinary crowd (`ATTACK_COVER_SHARE`): talk
  keeps the crowd's trust and leaves the violent few isolated.

Fear (from tear gas, water, arrests and injuries nearby) lowers the drive and fades in
`FEAR_FADE_S`; fatigue lowers it slowly over a long protest.

The drive maps to a target agitation 0.3 + `DRIVE_GAIN`·drive, so drive 0 sits at the bound
between tertib and pasif (`crowd.BEHAVIOUR_BOUNDS`), and agitation moves towards the target with
time constant `RISE_S` (heating up) or `FALL_S` (calming down). Roles cap it: bystanders and
press stay tertib, a korlap and hangers-on never attack (Jager et al. 2001: hardcore and
hangers-on fight, bystanders do not; hangers-on follow rather than attack in our reading).

"In view" is a square of side 2·`VISION_M` around one's cell of a `CELL_M` grid, counted by a
summed-area table: one bincount and one cumulative sum per quantity, no pair search; walls do not
block the view (a protest is loud). Nothing here loops over people in Python.

The parameters are game-design choices calibrated on the campaign levels unless a source is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sispam.sim import pmath
from sispam.sim.bodies import BodyState
from sispam.sim.crowd import BEHAVIOUR_BOUNDS, Behaviour, Crowd
from sispam.sim.scenario import Role, UnitType, ZoneRole

if TYPE_CHECKING:
    from sispam.sim.world import World

HISTORY_S = 5.0  # the crowd's state is sampled this often for the report's mood history
PERIOD_S = 0.5  # people re-read their surroundings twice a second (reaction times are 0.5-1 s)
CELL_M = 2.5
VISION_M = 10.0  # Epstein's vision radius, scaled: about the depth of a dense crowd one can see over
EAR_M = 3.0  # a provocateur's voice carries about this far over the crowd's noise
WITNESS_M = 10.0  # force, arrests and injuries within this distance are seen

# Epstein 2002 (mesa's defaults): k = 2.3 makes P ≈ 0.9 when police and actives in view are equal.
ARREST_K = 2.3
# How much an officer counts towards the arrest probability: a cop in Epstein's model is someone
# who can arrest. Snatch teams and Brimob can; a Dalmas Lanjut line can hold and push; a Dalmas
# Awal line in plain uniform, with empty hands, deters least; vehicles, medics and negotiators
# arrest no one. Game-design values in the order of what each unit can do (domain brief §1.3).
ARREST_CAPABILITY: dict[UnitType, float] = {
    UnitType.TIM_TANGKAP: 1.0, UnitType.BRIMOB_PHH: 1.0, UnitType.RAIMAS: 0.8, UnitType.TNI: 0.8,
    UnitType.DALMAS_LANJUT: 0.4, UnitType.SATPOL_PP: 0.2, UnitType.DALMAS_AWAL: 0.15,
    UnitType.GAS_TEAM: 0.3, UnitType.NEGOSIATOR: 0.0, UnitType.WATER_CANNON: 0.0,
    UnitType.DAMKAR: 0.0, UnitType.AMBULANCE: 0.0,
}

DRIVE_GAIN = 1.0  # drive 0.4 reaches aktif (agitation 0.7), drive 0.6 agresif (0.9)
RISE_S = 20.0  # a crowd heats up over tens of seconds ...
FALL_S = 60.0  # ... and calms down more slowly
# Joining: once the share of actives in view reaches one's Granovetter threshold, the drive rises
# by CASCADE_BOOST (the threshold lowering of Lemos, Lopes & Coelho), but joining alone makes no
# one attack: the boosted part of the target stays below agresif.
CASCADE_BOOST = 0.2
JOINED_CAP = 0.89
# Nobody attacks alone: agresif needs this share of the ordinary crowd in view (everyone but the
# rioters and provocateurs themselves) to be aktif or agresif. Jager, Popping & van de Sande 2001:
# fights break out in large groups with many hardcore; ESIM (Stott & Reicher; Stott, Adang,
# Livingstone & Schreiber 2007): where police conduct keeps the wider crowd's trust, it does not
# side with its violent minority and the minority stays isolated. A game-design value.
ATTACK_COVER_SHARE = 0.1
GRANOVETTER_MEAN, GRANOVETTER_SD = 0.25, 0.12  # Granovetter 1978 (the tipping edge at sd ≈ 0.12)
HARDSHIP_SPREAD = 0.25  # hardship is uniform within ±0.25 of the group's mean (Epstein: U(0, 1))

# Roles (SPEC §3): Epstein threshold T, risk-aversion factor on R ~ U(0, 1), Granovetter
# threshold (None = the normal above), the highest agitation, and for provocateurs and rioters
# their own grievance: they come to make trouble whatever the crowd thinks.
@dataclass(frozen=True, slots=True)
class RoleMood:
    threshold: float
    risk_factor: float
    cascade: float | None
    cap: float
    hardship: float | None = None
    legitimacy: float | None = None


ROLE_MOOD: dict[Role, RoleMood] = {
    Role.MASSA: RoleMood(0.10, 1.0, None, 1.0),
    Role.KORLAP: RoleMood(0.15, 1.0, None, 0.89),  # leads the protest, does not attack
    Role.PROVOKATOR: RoleMood(0.0, 0.2, 0.0, 1.0, hardship=0.9, legitimacy=0.05),
    Role.PERUSUH: RoleMood(0.05, 0.5, 0.1, 1.0, hardship=0.9, legitimacy=0.15),  # hardcore: came to fight
    Role.SIMPATISAN: RoleMood(0.15, 1.0, None, 0.89),  # hangers-on follow, do not attack
    Role.PENONTON: RoleMood(0.5, 1.5, 1.0, 0.29),  # bystanders watch
    Role.PERS: RoleMood(0.5, 1.5, 1.0, 0.29),  # press report
}

# ESIM feedback on perceived legitimacy L (per second of exposure unless said).
UNJUST_FORCE_DROP = 0.4  # hit by force his behaviour did not justify (once per order)
WITNESS_DROP_PER_S = 0.05  # seeing such force used on others nearby
INCITE_DROP_PER_S = 0.0006  # per active provocateur in earshot (up to INCITE_MAX of them)
INCITE_MAX = 3
NEGOTIATION_GAIN_PER_S = 0.004  # the crowd round a korlap who is being talked with
NEGOTIATION_REACH_M = 40.0  # the korlap relays the talks to the crowd around him
APPEAL_GAIN_PER_S = 0.002  # hearing a loudspeaker appeal ...
APPEAL_USEFUL_S = 90.0  # ... for the first minute and a half; after that it is noise
ARREST_GAIN = 0.05  # witnessing a precise arrest of someone aktif or agresif
LEGITIMACY_CEILING = 0.95
# A crowd left standing at a closed gate with no one talking to it hardens: its demand is being
# ignored. Everyone within IGNORED_REACH_M of a protected zone he is heading for (by walking
# distance, beyond his standoff) loses legitimacy at IGNORED_DROP_PER_S unless an appeal or a
# negotiation reached him in the last ADDRESSED_MEMORY_S. Frustration of a blocked goal
# (Berkowitz 1989) and the drill's own trigger for kuning → merah: appeals unheard, negotiation
# failed (domain brief §1.3, liputan6 2019). Game-design values: about 0.1 a minute and a half.
IGNORED_DROP_PER_S = 0.0012
IGNORED_REACH_M = 25.0
ADDRESSED_MEMORY_S = 60.0

# Who tries to get in: Perkap 1/2009's pasif disturbs order and ignores orders but does not
# resist; so orderly and passive demonstrators rally in front of a protected zone (RALLY_STANDOFF_M
# short of it by walking distance: a few metres in front of a line at its gate; less as agitation
# rises from CALM_RALLY_AGITATION to STORM_AGITATION) and only the aktif push on into it.
RALLY_STANDOFF_M = 10.0
STORM_AGITATION = 0.7
CALM_RALLY_AGITATION = 0.5  # at or below this, the full standoff
# Stone throwers stand back: rioters (perusuh) who came with stones, bottles and tyres throw
# from behind the front ranks, in range of the line (projectiles.THROW_MIN_M..MAX_M) but out of
# reach of its batons and arrest teams, and light their tyres on the open road there. Once
# beyond orderly they stop this far short of a protected zone (by walking distance; the zones
# sit a few metres inside their fences, so about 6-8 m in front of a line at the gate).
# Provocateurs work the crowd from inside it and push with it at the front.
THROW_STANDOFF_M = 15.0

FEAR_FADE_S = 30.0
FEAR_WEIGHT = 0.5  # fear 1 lowers the drive by 0.5
FEAR_PER_GAS_DOSE = 0.02  # per mg·s/m³ of tear gas taken in
FEAR_PER_SOAKED_S = 0.1  # per second in a water jet
FEAR_ARREST = 0.3  # seeing someone seized nearby
FEAR_INJURY = 0.2  # seeing someone crushed or hurt nearby
FATIGUE_PER_S = 0.1 / 600.0  # a long protest tires: the drive falls 0.1 every ten minutes
FATIGUE_MAX = 0.15

_ROLE_TABLE = {name: np.array([getattr(ROLE_MOOD[r], name) if getattr(ROLE_MOOD[r], name) is not None else np.nan
                               for r in Crowd.ROLES]) for name in ("threshold", "risk_factor", "cascade", "cap",
                                                                     "hardship", "legitimacy")}
_PROVOKATOR = Crowd.ROLES.index(Role.PROVOKATOR)
_HARDCORE = np.isin(np.arange(len(Crowd.ROLES)), [Crowd.ROLES.index(Role.PROVOKATOR), Crowd.ROLES.index(Role.PERUSUH)])
_PERUSUH = Crowd.ROLES.index(Role.PERUSUH)


def draw_dispositions(crowd: Crowd, groups: list[tuple[slice, float, float]], rng: np.random.Generator) -> None:
    """Give every person his hardship, legitimacy, risk aversion and thresholds.

    Args:
        crowd: the crowd arrays (roles already drawn).
        groups: (index slice, mean hardship, legitimacy) of each crowd group.
        rng: the mood's generator (a child of the world's, so drawing here moves no other draw).
    """
    for sl, hardship, legitimacy in groups:
        n = sl.stop - sl.start
        crowd.hardship[sl] = np.clip(hardship + rng.uniform(-HARDSHIP_SPREAD, HARDSHIP_SPREAD, n), 0, 1)
        crowd.legitimacy[sl] = legitimacy
        crowd.risk_aversion[sl] = rng.uniform(0, 1, n)
        crowd.cascade_threshold[sl] = np.clip(pmath.normal(rng, GRANOVETTER_MEAN, GRANOVETTER_SD, n), 0.0, 1.0)
    role = crowd.role
    fixed = _ROLE_TABLE["cascade"][role]
    crowd.cascade_threshold[:] = np.where(np.isnan(fixed), crowd.cascade_threshold, fixed)
    crowd.threshold[:] = _ROLE_TABLE["threshold"][role]
    crowd.risk_aversion *= _ROLE_TABLE["risk_factor"][role]
    for name, arr in (("hardship", crowd.hardship), ("legitimacy", crowd.legitimacy)):
        own = _ROLE_TABLE[name][role]
        arr[:] = np.where(np.isnan(own), arr, own)
    crowd.legitimacy_start[:] = crowd.legitimacy


def push_effort(agitation: np.ndarray) -> np.ndarray:
    """How hard people of this agitation push (the agitation motion works with): tertib people
    do not push, pasif people lean more as they near aktif, aktif and agresif people push with
    their full agitation. Perkap 1/2009: pasif does not resist, aktif does; pushing through a
    police line is resisting. Without this, a few hundred pasif people converging on a gate
    crushed each other against the fence within a minute."""
    lean = np.clip((agitation - BEHAVIOUR_BOUNDS[0]) / (BEHAVIOUR_BOUNDS[1] - BEHAVIOUR_BOUNDS[0]), 0.0, 1.0)
    return agitation * lean


class ViewGrid:
    """Sums of per-person quantities over each person's field of view (a square window)."""

    def __init__(self, size: tuple[float, float]) -> None:
        self.nx = int(np.ceil(size[0] / CELL_M)) + 1
        self.ny = int(np.ceil(size[1] / CELL_M)) + 1

    def cells(self, pos: np.ndarray) -> np.ndarray:
        """Flat cell index of each position (clipped to the map)."""
        ix = np.clip((pos[:, 0] / CELL_M).astype(np.int64), 0, self.nx - 1)
        iy = np.clip((pos[:, 1] / CELL_M).astype(np.int64), 0, self.ny - 1)
        return ix * self.ny + iy

    def window_sums(self, cells: np.ndarray, weights: np.ndarray, reach_m: float) -> np.ndarray:
        """For every grid cell, the sum of `weights` (one row per quantity, one column per
        entry of `cells`) over the cells within `reach_m` (a square window)."""
        r = max(1, int(round(reach_m / CELL_M)))
        k = weights.shape[0]
        grid = np.zeros((k, self.nx + 1, self.ny + 1))
        for q in range(k):  # a handful of quantities, not people
            grid[q, 1:, 1:] = np.bincount(cells, weights[q], self.nx * self.ny).reshape(self.nx, self.ny)
        area = grid.cumsum(axis=1).cumsum(axis=2)
        x0 = np.clip(np.arange(self.nx) - r, 0, self.nx)
        x1 = np.clip(np.arange(self.nx) + r + 1, 0, self.nx)
        y0 = np.clip(np.arange(self.ny) - r, 0, self.ny)
        y1 = np.clip(np.arange(self.ny) + r + 1, 0, self.ny)
        sums = (area[:, x1][:, :, y1] - area[:, x0][:, :, y1] - area[:, x1][:, :, y0] + area[:, x0][:, :, y0])
        per_cell: np.ndarray = sums.reshape(k, -1)
        return per_cell


class Mood:
    """Runs the mood update of a world's crowd every `PERIOD_S` (see the module docstring)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.grid = ViewGrid(world.scenario.size)
        self.enabled = world.scenario.mood
        self._next_t = 0.0
        self._capability = np.array([ARREST_CAPABILITY[u.type] for u in world.units] + [0.0])
        c = world.crowd
        self._seen_gas = c.gas_dose.copy()
        self._seen_soaked = c.soaked_s.copy()
        self._seen_negotiated = c.negotiated_s.copy()
        self._seen_arrested = c.arrested.copy()
        self._seen_appeal = c.appeal_heard_s.copy()
        self._seen_hurt = np.zeros(c.agitation.shape, bool)
        self.unjust: list[np.ndarray] = []  # people hit by unjustified force since the last update
        self.history: list[dict[str, Any]] = []
        self._protected = np.zeros(0, bool)
        self._next_sample_t = 0.0

    def force_used(self, people: np.ndarray, stage: int, allowed: np.ndarray) -> None:
        """An order touched `people` for the first time (from the force ladder): keep those
        it hit beyond the stage they allowed (`ladder.allowed_stages`), for the next update."""
        unjust = people[stage > allowed]
        if len(unjust):
            self.unjust.append(unjust)

    def counts(self) -> dict[str, Any]:
        """The crowd now: people in each behaviour class (of those on their feet and free, not
        fleeing or dispersed), fleeing, dispersed, injured, arrested; mean legitimacy and
        agitation of those on the map."""
        b, c = self.world.bodies, self.world.crowd
        state = b.state[: b.n_crowd]
        free = (state == BodyState.ACTIVE) & ~c.arrested & ~c.carried
        fleeing = free & (c.flee_s > 0)
        dispersed = free & c.dispersed & ~fleeing
        rest = free & ~fleeing & ~dispersed
        cls = np.bincount(c.behaviour()[rest], minlength=len(Behaviour))
        out: dict[str, Any] = {b_.name.lower(): int(n) for b_, n in zip(Behaviour, cls, strict=True)}
        out |= {"fleeing": int(fleeing.sum()), "dispersed": int(dispersed.sum()),
                "injured": int((state == BodyState.INJURED).sum()),
                "arrested": int(((state == BodyState.ARRESTED) | (c.arrested & (state == BodyState.ACTIVE))).sum()),
                "legitimacy": round(float(c.legitimacy[free].mean()), 4) if free.any() else None,
                "agitation": round(float(c.agitation[free].mean()), 4) if free.any() else None}
        return out

    def summary(self) -> dict[str, Any]:
        """For the report: the crowd now and every `HISTORY_S` so far."""
        return {"now": self.counts(), "history": self.history}

    def update(self) -> None:
        """Update everyone's mood if a period has passed (called once per step)."""
        w = self.world
        if w.t + 1e-9 >= self._next_sample_t:
            self._next_sample_t += HISTORY_S
            self.history.append({"t": round(w.t, 3), **self.counts(), "situation": str(w.situation.colour)})
        if not self.enabled or w.t + 1e-9 < self._next_t:
            return
        self._next_t += PERIOD_S
        b, c = w.bodies, w.crowd
        nc = b.n_crowd
        here = (b.state[:nc] == BodyState.ACTIVE) & ~c.arrested & ~c.carried
        idx = np.flatnonzero(here)
        if len(idx) == 0:
            self._remember()
            return
        self._legitimacy(idx)
        self._fear(idx)
        self._agitation(idx)
        self._remember()

    # --- the parts --------------------------------------------------------------------------

    def _remember(self) -> None:
        c = self.world.crowd
        self._seen_gas[:] = c.gas_dose
        self._seen_soaked[:] = c.soaked_s
        self._seen_negotiated[:] = c.negotiated_s
        self._seen_arrested[:] = c.arrested
        self._seen_appeal[:] = c.appeal_heard_s
        self.unjust.clear()

    def _seen(self, idx: np.ndarray, sources: np.ndarray, reach_m: float,
              weights: np.ndarray | None = None) -> np.ndarray:
        """How many of `sources` (crowd indices, or weighted) each of `idx` sees within reach."""
        b = self.world.bodies
        if len(sources) == 0:
            return np.zeros(len(idx))
        w = np.ones(len(sources)) if weights is None else weights
        sums = self.grid.window_sums(self.grid.cells(b.pos[sources]), w[None, :], reach_m)[0]
        at_people: np.ndarray = sums[self.grid.cells(b.pos[idx])]
        return at_people

    def _legitimacy(self, idx: np.ndarray) -> None:
        w = self.world
        c = w.crowd
        dt = PERIOD_S
        L = c.legitimacy
        # Provocateurs who are at least pasif incite those in earshot.
        agit = c.agitation[idx]
        inciting = idx[(c.role[idx] == _PROVOKATOR) & (agit >= 0.3)]
        heard = np.minimum(self._seen(idx, inciting, EAR_M), INCITE_MAX)
        heard -= (c.role[idx] == _PROVOKATOR) * (agit >= 0.3)  # not oneself
        L[idx] -= INCITE_DROP_PER_S * dt * np.maximum(heard, 0)
        # Force against people whose behaviour did not justify it (ESIM).
        if self.unjust:
            hit = np.unique(np.concatenate(self.unjust))
            L[hit] -= UNJUST_FORCE_DROP
            saw = self._seen(idx, hit, WITNESS_M)
            L[idx] -= WITNESS_DROP_PER_S * dt * np.minimum(saw, 5) / 5
        # Talks and appeals persuade everyone but the provocateurs, who came to make trouble
        # whatever is said: only an arrest stops them.
        persuadable = c.role[idx] != _PROVOKATOR
        # Negotiation: the crowd around the korlap, while he is being talked with.
        talking = np.flatnonzero(c.negotiated_s > self._seen_negotiated)
        for k in talking:  # korlaps being talked with: one or two
            near = idx[pmath.hypot(*(w.bodies.pos[idx] - w.bodies.pos[k]).T) <= NEGOTIATION_REACH_M]
            L[near] += NEGOTIATION_GAIN_PER_S * dt * (c.role[near] != _PROVOKATOR)
            c.addressed_t[near] = w.t
        # Appeals, for the first minute and a half one hears them.
        heard_s = c.appeal_heard_s[idx] - self._seen_appeal[idx]
        useful = np.clip(APPEAL_USEFUL_S - self._seen_appeal[idx], 0, None)
        L[idx] += APPEAL_GAIN_PER_S * np.minimum(heard_s, useful) * persuadable
        c.addressed_t[idx[heard_s > 0]] = w.t
        # Left standing at the gate with no one talking to them.
        at_gate = self._protected_goals()[c.goal[idx]] & (c.remaining_m[idx] <= c.standoff_m[idx] + IGNORED_REACH_M)
        ignored = at_gate & (w.t - c.addressed_t[idx] > ADDRESSED_MEMORY_S)
        L[idx[ignored]] -= IGNORED_DROP_PER_S * dt
        # Precise arrests: someone aktif or agresif (or a provocateur) taken away.
        seized = np.flatnonzero(c.arrested & ~self._seen_arrested)
        if len(seized):
            precise = seized[(c.agitation[seized] >= 0.7) | (c.role[seized] == _PROVOKATOR)]
            L[idx] += ARREST_GAIN * np.minimum(self._seen(idx, precise, WITNESS_M), 1) * persuadable
        np.clip(L, 0.0, LEGITIMACY_CEILING, out=L)

    def _fear(self, idx: np.ndarray) -> None:
        c = self.world.crowd
        b = self.world.bodies
        fear = c.fear
        fear[idx] *= pmath.exp(-PERIOD_S / FEAR_FADE_S)
        fear[idx] += FEAR_PER_GAS_DOSE * (c.gas_dose[idx] - self._seen_gas[idx])
        fear[idx] += FEAR_PER_SOAKED_S * (c.soaked_s[idx] - self._seen_soaked[idx])
        seized = np.flatnonzero(c.arrested & ~self._seen_arrested)
        if len(seized):
            fear[idx] += FEAR_ARREST * np.minimum(self._seen(idx, seized, WITNESS_M), 1)
        hurt = np.flatnonzero((b.state[: b.n_crowd] == BodyState.INJURED) & ~self._seen_hurt)
        if len(hurt):
            self._seen_hurt[hurt] = True
            fear[idx] += FEAR_INJURY * np.minimum(self._seen(idx, hurt, WITNESS_M), 1)
        np.clip(fear, 0.0, 1.0, out=fear)

    def _agitation(self, idx: np.ndarray) -> None:
        w = self.world
        b, c, o = w.bodies, w.crowd, w.officers
        nc = b.n_crowd
        # Police in view, weighted by what they can do; actives in view, oneself included.
        cops = np.flatnonzero(b.state[nc:] == BodyState.ACTIVE)
        cop_weight = self._capability[o.unit[cops]]
        grid = self.grid
        agit = c.agitation[idx]
        active = (agit >= 0.7).astype(float)
        cells = grid.cells(b.pos[idx])
        ordinary = ~_HARDCORE[c.role[idx]]
        people = grid.window_sums(cells, np.stack((active, np.ones(len(idx)), active * ordinary, ordinary)), VISION_M)
        actives = people[0][cells]
        crowd_in_view = people[1][cells]
        cover = people[2][cells] / np.maximum(people[3][cells], 1.0)
        police = self._seen(idx, cops + nc, VISION_M, cop_weight) if len(cops) else np.zeros(len(idx))
        arrest_p = 1.0 - pmath.exp(-ARREST_K * police / np.maximum(actives + (1 - active), 1.0))
        grievance = c.hardship[idx] * (1.0 - c.legitimacy[idx])
        drive = grievance - c.risk_aversion[idx] * arrest_p - c.threshold[idx]
        share = actives / np.maximum(crowd_in_view, 1.0)
        drive -= FEAR_WEIGHT * c.fear[idx]
        drive -= np.minimum(FATIGUE_PER_S * np.maximum(w.t - c.arrival_s[idx], 0.0), FATIGUE_MAX)
        target = np.clip(0.3 + DRIVE_GAIN * drive, 0.0, 1.0)
        joined = share >= c.cascade_threshold[idx]
        boosted = np.minimum(0.3 + DRIVE_GAIN * (drive + CASCADE_BOOST), JOINED_CAP)
        target = np.where(joined, np.maximum(target, boosted), target)
        target = np.minimum(target, _ROLE_TABLE["cap"][c.role[idx]])
        # Attacks come from the cover of an active crowd: until enough around him resist, a
        # provocateur or rioter incites and pushes (aktif) but does not yet throw or burn.
        covered = cover >= ATTACK_COVER_SHARE
        target = np.where(covered, target, np.minimum(target, JOINED_CAP))
        tau = np.where(target > agit, RISE_S, FALL_S)
        c.agitation[idx] = agit = agit + (target - agit) * (1.0 - pmath.exp(-PERIOD_S / tau))
        c.effort[idx] = push_effort(agit)
        standoff = RALLY_STANDOFF_M * np.clip((STORM_AGITATION - agit) / (STORM_AGITATION - CALM_RALLY_AGITATION),
                                              0.0, 1.0)
        throws = (c.role[idx] == _PERUSUH) & (agit >= BEHAVIOUR_BOUNDS[0])
        standoff = np.where(throws, np.maximum(standoff, THROW_STANDOFF_M), standoff)
        c.standoff_m[idx] = np.where(self._protected_goals()[c.goal[idx]], standoff, 0.0)

    def _protected_goals(self) -> np.ndarray:
        """Per navigation goal: whether it is a protected zone (goals are added on demand)."""
        goals = self.world.nav.goals
        if len(self._protected) != len(goals):
            protected = {z.id for z in self.world.scenario.zones if z.role is ZoneRole.PROTECTED}
            self._protected = np.array([kind == "zone" and key in protected for kind, key in goals], bool)
        return self._protected
