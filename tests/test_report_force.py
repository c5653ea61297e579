"""The report explains force: violations sit in the timeline with the doctrine's reason, and
arrests are counted by role."""

import numpy as np
from gathering import CENTRE, gathering, unit

from sispam.review.report import build_report
from sispam.sim.crowd import Crowd
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Role, UnitType
from sispam.sim.world import World


def test_an_arrest_of_an_orderly_man_is_a_violation_explained_in_the_timeline():
    w = World(gathering(people=40, units=(unit("tangkap", UnitType.TIM_TANGKAP, 8),)))
    w.crowd.agitation[:] = 0.0  # everyone orderly: stage 4 is not allowed against them
    # The trainee picks the man himself (a team sent for a role would only take one resisting).
    provocateurs = np.flatnonzero(w.crowd.role == Crowd.ROLES.index(Role.PROVOKATOR))
    man = int(provocateurs[np.argmin(np.hypot(*(w.bodies.pos[provocateurs] - np.array(CENTRE)).T))])
    w.command.issue(Order(2.0, "tangkap", OrderKind.ARREST, point=CENTRE, person=man))
    w.run_until(60.0)
    report = build_report(w, "gathering")
    violations = [e for e in report["timeline"] if e["event"] == "force_violation"]
    assert len(violations) == 1 == report["metrics"]["force_violations"]
    assert violations[0]["stage"] == 4 and "Perkap 1/2009" in violations[0]["explain"]
    assert "tertib" in violations[0]["explain"]
    times = [e["t"] for e in report["timeline"]]
    assert times == sorted(times)
    assert report["metrics"]["arrests"] == {"provocateur": 1, "other": 0}


def test_an_arrest_of_a_resisting_provocateur_is_no_violation():
    w = World(gathering(people=40, units=(unit("tangkap", UnitType.TIM_TANGKAP, 8),)))
    provokator = w.crowd.role == Crowd.ROLES.index(Role.PROVOKATOR)
    w.crowd.agitation[:] = np.where(provokator, 0.8, 0.0)  # provocateurs resist (aktif)
    w.command.issue(Order(2.0, "tangkap", OrderKind.ARREST, point=CENTRE, role="provokator"))
    w.run_until(60.0)
    report = build_report(w, "gathering")
    assert report["metrics"]["force_violations"] == 0
    assert not [e for e in report["timeline"] if e["event"] == "force_violation"]
    assert report["metrics"]["arrests"]["provocateur"] == 1
