"""The after-action review answers its four questions from what a run recorded: each cause it
names is there because the record shows it, and each lesson follows from a cause."""

from __future__ import annotations

import numpy as np

from sispam.review.debrief import debrief
from sispam.review.recording import SAMPLE_KEYS, Recording


def recording(n: int = 120, aktif=None, load=None, density=None, orders=(), timeline=(), audit=(), objectives=(),  # noqa: PLR0913 (every part a test may set)
              worst: str = "kuning", outcome: str = "won", skipped: int = 0) -> Recording:
    """A run of `n` seconds of 100 people, sampled each second, with what the test gives."""
    samples = {key: [] for key in SAMPLE_KEYS}
    for k in range(n):
        a = (aktif or (lambda t: 0))(k)
        samples["t"].append(float(k))
        samples["tertib"].append(50)
        samples["pasif"].append(50 - a)
        samples["aktif"].append(a)
        samples["agresif"].append(0)
        samples["situation"].append("hijau")
        samples["line_load_n"].append(0.0)
        samples["line_load_share"].append((load or (lambda t: 0.2))(k))
        samples["density_ppm2"].append((density or (lambda t: 2.0))(k))
        samples["pressure"].append(0.01)
        samples["injured"].append(0)
        samples["arrested"].append(0)
        samples["breaches"].append(0)
    report = {"outcome": outcome, "score": {"total": 77, "parts": {}}, "objectives": list(objectives),
              "situation": {"worst": worst, "seconds": {}}, "orders": list(orders), "timeline": list(timeline),
              "metrics": {"skipped_steps": skipped, "injuries": {}, "arrests": {}},
              "force_ladder": {"audit": list(audit)}}
    return Recording("lvl", "lvl.toml", "0" * 64, 1, 0.05, [], n * 20, [(0, "0" * 64)], samples,
                     np.zeros((2, 2), np.float32), np.zeros((2, 2), np.float32), report)


def keys(findings) -> list[str]:
    return [f.key for f in findings]


def test_a_breach_after_the_line_was_overloaded_says_so_and_asks_for_relief() -> None:
    rec = recording(load=lambda t: 1.05 if 50 <= t <= 60 else 0.3, timeline=[{"t": 60.0, "event": "first_breach"}],
                    orders=[{"t": 5.0, "order": "form", "stage": 1}, {"t": 6.0, "order": "appeal", "stage": 2}])
    review = debrief(rec)
    [why] = [f for f in review.why if f.key == "aar.why.overload"]
    assert why.values["share"] == 105 and why.t == 60.0
    assert "aar.improve.reinforce" in keys(review.improve)
    assert keys(review.moments) == ["aar.moment.first_breach"]


def test_a_breach_with_no_line_formed_is_told_apart_from_an_overload() -> None:
    review = debrief(recording(timeline=[{"t": 40.0, "event": "first_breach"}]))
    assert "aar.why.no_line" in keys(review.why) and "aar.why.overload" not in keys(review.why)
    assert "aar.why.no_dialogue" in keys(review.why) and "aar.improve.dialogue" in keys(review.improve)


def test_force_above_the_behaviour_it_touched_is_explained_as_a_violation() -> None:
    audit = [{"t": 30.0, "unit": "dalmas-1", "order": "dorong", "stage": 4, "by_class": {"pasif": 12}, "violation": True},
             {"t": 20.0, "unit": "nego-1", "order": "appeal", "stage": 2, "by_class": {"pasif": 40}, "violation": False}]
    review = debrief(recording(audit=audit, skipped=1, orders=[{"t": 1.0, "order": "appeal", "stage": 2}]))
    [why] = [f for f in review.why if f.key == "aar.why.violation"]
    assert why.values == {"t": 30.0, "unit": "dalmas-1", "order": "dorong", "stage": 4, "classes": "12 pasif"}
    assert {"aar.improve.proportional", "aar.improve.warn_first"} <= set(keys(review.improve))


def test_force_that_hardened_the_crowd_and_talks_that_calmed_it_are_both_found() -> None:
    # Stage-4 dorong at 30 s: the resisting share climbs from 5 % to 30 %; talks at 70 s bring it down.
    aktif = lambda t: 5 if t < 30 else 30 if t < 70 else max(5, 30 - (t - 70))  # noqa: E731
    orders = [{"t": 29.0, "effective_t": 30.0, "order": "dorong", "unit": "d-1", "stage": 4},
              {"t": 69.0, "effective_t": 70.0, "order": "negotiate", "unit": "n-1", "stage": 2}]
    review = debrief(recording(aktif=aktif, orders=orders, timeline=[{"t": 70.0, "event": "negotiation_started"}]))
    hardened = next(f for f in review.why if f.key == "aar.why.hardened")
    assert (hardened.values["before"], hardened.values["after"]) == (5, 30)
    talks = next(f for f in review.why if f.key == "aar.why.talks")
    assert talks.values["before"] == 30 and talks.values["after"] < 30
    assert "aar.improve.targeted" in keys(review.improve)


def test_crush_before_an_injury_is_named_and_a_clean_run_is_told_to_keep_on() -> None:
    crushed = debrief(recording(density=lambda t: 6.2 if t > 40 else 2.0,
                                timeline=[{"t": 50.0, "event": "civilian_injured"}],
                                orders=[{"t": 1.0, "order": "appeal", "stage": 2}]))
    # Nobody pushed: the crowd pressed itself, and the advice is to relieve the press.
    assert "aar.why.crush" in keys(crushed.why) and "aar.improve.relieve" in keys(crushed.improve)
    assert "aar.improve.room" not in keys(crushed.improve)
    pushed = debrief(recording(density=lambda t: 6.2 if t > 40 else 2.0,
                               timeline=[{"t": 50.0, "event": "civilian_injured"}],
                               orders=[{"t": 1.0, "order": "appeal", "stage": 2},
                                       {"t": 40.0, "effective_t": 42.0, "order": "dorong", "stage": 4}]))
    assert "aar.improve.room" in keys(pushed.improve)
    clean = debrief(recording(worst="hijau", objectives=[{"id": "a", "status": "met", "required": True}]))
    assert keys(clean.why) == ["aar.why.none"] and keys(clean.improve) == ["aar.improve.keep"]
    failed = debrief(recording(worst="hijau", objectives=[{"id": "gate", "status": "failed", "required": True}]))
    assert failed.improve[0].key == "aar.improve.objective" and failed.improve[0].values["id"] == "gate"


def test_the_score_is_explained_part_by_part_and_a_lost_run_says_why_its_parts_are_small() -> None:
    rec = recording(outcome="lost")
    rec.report["score"] = {"total": 22, "parts": {"objectives": 0, "safety": 16, "proportionality": 78,
                                                  "legitimacy": 16, "time": 16},
                           "detail": {"played_share": 0.16,
                                      "objectives": [{"id": "kpu", "status": "met", "weight": 1, "credit": 0.5}],
                                      "safety": {"civilians": 2, "officers": 1},
                                      "proportionality": {"violations": [{"order": "dorong", "unit": "d1", "stage": 4,
                                                                          "touched": 3, "excess": 1.0, "cost": 0.22}],
                                                          "skipped_steps": 0},
                                      "legitimacy": {"start": 0.35, "end": 0.37},
                                      "time": {"hijau": 57.0, "kuning": 0.0, "merah": 0.0, "lost_s": 303.0}}}
    found = {f.key: f.values for f in debrief(rec).score}
    assert found["aar.score.played"] == {"share": 16}
    assert found["aar.score.violation"]["cost"] == 22 and found["aar.score.violation"]["order"] == "dorong"
    assert found["aar.score.breaches"]["kept"] == 50
    assert found["aar.score.safety"]["civilian"] == 2 and found["aar.score.time"]["lost"] == 303.0
    # Trust is a share, never a time (a walkthrough read "from 45% to 1:26%").
    from sispam.ui.describe import finding_text
    trust = next(f for f in debrief(rec).score if f.key == "aar.score.legitimacy")
    assert "from 35% to 37%" in finding_text(trust, "en") and "dari 35% menjadi 37%" in finding_text(trust, "id")


def test_a_report_with_no_or_broken_score_detail_gives_no_or_safe_findings() -> None:
    assert debrief(recording()).score == []  # an older replay: no detail, no section
    rec = recording()
    rec.report["score"] = {"total": 5, "parts": {"safety": "x"},
                           "detail": {"played_share": "all", "objectives": 7, "safety": [1],
                                      "proportionality": {"violations": [None, {"cost": 1e300}]},
                                      "time": None}}
    found = {f.key: f.values for f in debrief(rec).score}
    assert "aar.score.played" not in found and found["aar.score.safety"]["part"] == 0
    assert found["aar.score.violation"]["cost"] == 0  # a number too large to be a cost is read as none


def test_orders_never_given_before_the_end_are_not_counted_and_an_early_fall_back_is_named() -> None:
    orders = [{"t": 5.0, "effective_t": 7.0, "order": "form", "unit": "d-1", "stage": 1, "status": "done"},
              {"t": 30.0, "effective_t": 32.0, "order": "fall_back", "unit": "d-1", "stage": 1, "status": "done"},
              {"t": 200.0, "effective_t": 202.0, "order": "dorong", "unit": "d-1", "stage": 4, "status": "pending"},
              {"t": 59.0, "effective_t": 61.0, "order": "appeal", "unit": "n-1", "stage": 2, "status": "given"}]
    review = debrief(recording(orders=orders, timeline=[{"t": 60.0, "event": "first_breach"}], outcome="lost"))
    counted = next(f for f in review.happened if f.key == "aar.happened.orders")
    assert counted.values["n"] == 3  # the dorong planned for 200 s was never given
    [why] = [f for f in review.why if f.key == "aar.why.fell_back"]
    assert why.values == {"t": 60.0, "unit": "d-1", "when": 32.0}
    assert "aar.why.gap" not in keys(review.why)
    # The appeal given at 59 s had not taken effect when the run ended: no dialogue took place.
    assert "aar.why.no_dialogue" in keys(review.why)


def test_one_order_given_reads_in_the_singular() -> None:
    from sispam.ui.describe import finding_text
    one = [{"t": 5.0, "effective_t": 7.0, "order": "form", "unit": "d-1", "stage": 1, "status": "done"}]
    texts = {}
    for orders in (one, one * 2):
        [counted] = [f for f in debrief(recording(orders=orders)).happened if f.key.startswith("aar.happened.order")]
        texts[len(orders)] = {lang: finding_text(counted, lang) for lang in ("en", "id")}
    assert texts[1]["en"].startswith("1 order given;") and texts[2]["en"].startswith("2 orders given;")
    assert texts[1]["id"].startswith("1 perintah diberikan;") and texts[2]["id"].startswith("2 perintah diberikan;")


def test_what_turned_the_situation_merah_is_named_with_the_lesson_it_teaches() -> None:
    from sispam.ui.describe import finding_text

    stoned = debrief(recording(worst="merah", timeline=[
        {"t": 40.0, "event": "situation", "from": "hijau", "to": "kuning", "cause": "thrown"},
        {"t": 75.0, "event": "situation", "from": "kuning", "to": "merah", "cause": "officer_hurt"},
        {"t": 200.0, "event": "situation", "from": "merah", "to": "kuning", "cause": "calmed"}]))
    [why] = [f for f in stoned.why if f.key == "aar.why.merah"]
    assert why.t == 75.0 and why.values["cause"] == "officer_hurt"
    assert "aar.improve.berlindung" in keys(stoned.improve) and "aar.improve.isolate" not in keys(stoned.improve)
    assert finding_text(why, "en") == "At 1:15 the situation turned merah: an officer hurt by a thrown stone or bottle."
    looted = debrief(recording(worst="merah", timeline=[
        {"t": 90.0, "event": "situation", "from": "kuning", "to": "merah", "cause": "property"}]))
    assert "aar.improve.isolate" in keys(looted.improve)
    assert "toko dirusak" in finding_text([f for f in looted.why if f.key == "aar.why.merah"][0], "id")
    calm = debrief(recording(timeline=[{"t": 40.0, "event": "situation", "from": "hijau", "to": "kuning",
                                        "cause": "aktif"}]))
    assert "aar.why.merah" not in keys(calm.why)


def _trust_score(start: float, end: float) -> dict:
    """Level 1's weights (legitimacy 45 of 100) and the trust the crowd came with and kept."""
    return {"total": 84, "weights": {"objectives": 30, "safety": 15, "proportionality": 5, "legitimacy": 45, "time": 5},
            "parts": {"objectives": 100, "safety": 100, "proportionality": 100, "legitimacy": round(100 * end / start),
                      "time": 100},
            "detail": {"legitimacy": {"start": start, "end": end}}}


def test_a_won_run_whose_trust_fell_is_told_so_with_the_rumour_to_answer_not_to_keep_it_up() -> None:
    """Level 1 in the walkthrough: won, no violation, but trust fell from 45 % to 29 %
    (legitimacy 65, weight 45 %) after the fraud rumour at 2:30."""
    from sispam.ui.describe import finding_text

    rec = recording(worst="hijau", objectives=[{"id": "a", "status": "met", "required": True}],
                    timeline=[{"t": 150.0, "event": "scripted_event", "id": "isu-kecurangan", "kind": "rumour"}])
    rec.report["score"] = _trust_score(0.45, 0.29)
    review = debrief(rec)
    assert keys(review.improve) == ["aar.improve.trust_rumour"]
    [lesson] = review.improve
    assert lesson.t == 150.0
    en, id_ = finding_text(lesson, "en"), finding_text(lesson, "id")
    assert "Legitimacy only 64 (45% of the score)" in en and "from 45% to 29%" in en and "rumour at 2:30" in en
    assert "Legitimasi hanya 64 (bobot 45% dari nilai)" in id_ and "isu pada 2:30" in id_


def test_trust_that_held_or_a_report_without_score_detail_gives_no_trust_lesson() -> None:
    won = {"worst": "hijau", "objectives": [{"id": "a", "status": "met", "required": True}]}
    held = recording(**won)
    held.report["score"] = _trust_score(0.45, 0.44)
    assert keys(debrief(held).improve) == ["aar.improve.keep"]
    no_rumour = recording(**won)
    no_rumour.report["score"] = _trust_score(0.5, 0.2)
    assert keys(debrief(no_rumour).improve) == ["aar.improve.trust"]
    broken = recording(**won)
    broken.report["score"] = {"parts": {"legitimacy": "low"}, "detail": {"legitimacy": {"start": None}}, "weights": []}
    assert keys(debrief(broken).improve) == ["aar.improve.keep"]


def test_an_edited_report_of_the_wrong_shapes_gives_a_debrief_not_a_traceback() -> None:
    """`replay --export` of a replay whose report was edited (it read 'soon' as a time, a null
    count, an event without a time, a cause no catalogue knows) stopped with a traceback after
    writing the pictures: what is not the expected shape is left out."""
    from sispam.ui.describe import finding_text
    from sispam.ui.overlays import heat_rgb

    rec = recording(orders=[{"id": 0, "t": 5.0, "effective_t": "soon", "unit": "u", "order": "dorong", "stage": "4",
                             "status": "active"}, "not an order"],
                    timeline=[{"event": "civilian_injured"}, {"event": "situation", "t": 30.0, "to": "merah",
                                                              "cause": "bogus"}, 7],
                    audit=[{"violation": True, "t": "later"}, None])
    rec.report["metrics"] = None
    rec.report["objectives"] = "none"
    review = debrief(rec)
    for finding in [*review.moments, *review.happened, *review.why, *review.improve, *review.score]:
        for lang in ("id", "en"):
            assert finding_text(finding, lang)
    assert "bogus" in " ".join(finding_text(f, "en") for f in review.why)  # the unknown cause as it was given
    assert heat_rgb(np.array([np.nan, -1.0, 2.0])).shape == (3, 3)  # a NaN or out-of-range peak: an end colour
