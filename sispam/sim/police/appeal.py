"""Imbauan: an appeal over the loudspeaker (stage 2, verbal orders).

For the order's `duration_s` (default `APPEAL_S`) the unit speaks; every `PERIOD_S` the active
crowd members within `EARSHOT_M` of any of its standing officers hear it: their
`crowd.appeal_heard_s` grows by the period (issue 4's mood model reads it) and they are touched
at stage 2 (never a violation; what matters to the ladder is that a verbal step was taken
before any stage-5 order, which `ForceLadder.order_effective` notes when the order takes
effect). The unit stays where it stands. Timeline: appeal_started, appeal_ended (with how many
heard it).
"""

from __future__ import annotations

import numpy as np

from sispam.sim.crowd import Behaviour
from sispam.sim.police.command import Operation
from sispam.sim.police.disperse import home_goals, send_home
from sispam.sim.scenario import Colour

# Earshot of a hand megaphone in a crowd: ~115 dB(A) at 1 m (typical 25 W megaphone ratings),
# falling 6 dB per doubling of distance, stays 5 dB over the ~85 dB(A) of a loud chanting crowd
# out to about 20·log10(r) = 25 dB, r ≈ 18 m, and is still heard as a voice (not understood
# word for word) to about 50 m. A game value: the appeal counts as heard within 50 m.
EARSHOT_M = 50.0
APPEAL_S = 30.0
PERIOD_S = 1.0


class Appeal(Operation):
    """Speak over the loudspeaker (see the module docstring). `issued.outcome`: heard (people)."""

    KEEPS_LINE = True

    def start(self) -> None:
        w = self.world
        self.t_end = w.t + (APPEAL_S if self.order.duration_s is None else float(self.order.duration_s))
        self.next_t = w.t
        self.heard = np.zeros(w.bodies.n_crowd, bool)
        self.issued.outcome = {"heard": 0}
        w.note("appeal_started", {"order_id": self.issued.id, "unit": self.unit.id, "earshot_m": EARSHOT_M})

    def after_step(self) -> None:
        w = self.world
        if w.t >= self.next_t - 1e-9:
            self.next_t += PERIOD_S
            people = w.crowd_near(w.bodies.pos[w.standing(self.unit)], EARSHOT_M)
            w.crowd.appeal_heard_s[people] += PERIOD_S
            self.heard[people] = True
            self.touch(people)
            self.issued.outcome["heard"] = int(self.heard.sum())
        if w.t >= self.t_end - 1e-9:
            w.note("appeal_ended", {"order_id": self.issued.id, "unit": self.unit.id,
                                    "heard": int(self.heard.sum())})
            self.done = True


class DispersalOrder(Appeal):
    """Perintah pembubaran: the lawful order to disperse (UU 9/1998 Pasal 15-16), given over the
    loudspeaker like an appeal (stage 2). The law lets the police break up an assembly that
    breaks its rules, not an orderly one: given while the situation is hijau it is refused
    ("dispersal_refused"). Otherwise everyone who hears it is marked (`crowd.dispersal_heard_t`,
    the first time): the orderly (tertib) among them go home (their goal becomes the nearest
    exit, as after a Raimas sweep), and whoever stays `ladder.DISPERSAL_GRACE_S` after hearing
    it is no longer part of a lawful assembly: stage 4 against him (a sweep, a push, an arrest)
    is no violation (`ladder.allowed_stages`). Heard while the situation is merah, it is also
    the warning before stage 5: whoever stays in a riot after it may be met with water cannon
    and tear gas. Timeline: dispersal_ordered, then as an appeal.
    """

    def start(self) -> None:
        w = self.world
        self.refused = w.situation.colour is Colour.HIJAU
        if self.refused:
            self.issued.outcome = {"refused": "an orderly assembly is lawful (UU 9/1998): no dispersal order in hijau"}
            w.note("dispersal_refused", {"order_id": self.issued.id, "unit": self.unit.id})
            self.done = True
            return
        super().start()
        self.goals, self.to_exit = home_goals(w)
        self.issued.outcome["went_home"] = 0
        w.note("dispersal_ordered", {"order_id": self.issued.id, "unit": self.unit.id})

    def after_step(self) -> None:
        if not self.refused:
            super().after_step()

    def touch(self, people: np.ndarray) -> None:
        w = self.world
        c = w.crowd
        new = people[np.isinf(c.dispersal_heard_t[people])]
        c.dispersal_heard_t[new] = w.t
        if w.situation.colour is Colour.MERAH:
            c.dispersal_in_riot[people] = True
        calm = new[(c.behaviour(new) == Behaviour.TERTIB) & ~c.arrested[new] & ~c.carried[new]]
        if len(calm) and self.goals:
            send_home(w, calm, self.goals, self.to_exit)
            self.issued.outcome["went_home"] += len(calm)
        super().touch(people)
