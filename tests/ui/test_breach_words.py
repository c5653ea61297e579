"""People in the protected area and force-rule violations have distinct words in both
languages, on the play screen, the result screen and the debrief: "entered"/"masuk" for the
people, "violations"/"pelanggaran" for the use-of-force rules ("breaches" once meant both)."""

from __future__ import annotations

import re

import pytest

from sispam.ui.i18n import text

PEOPLE_INSIDE = ("panel.mood_more", "result.breaches", "aar.happened.harm")
FORCE_RULES = ("panel.violations", "result.force", "objective.no_force_violations", "feed.violation",
               "event.force_skipped_step", "debrief.force_summary", "aar.score.proportionality",
               "records.col.violations", "compare.force")


def _words(line: str) -> str:
    """What the player reads: the line without its placeholders ({breaches} is a name, not a word)."""
    return re.sub(r"\{[^}]*\}", "", line).lower()


@pytest.mark.parametrize("key", PEOPLE_INSIDE)
def test_people_in_the_protected_area_are_said_to_have_entered(key: str) -> None:
    en, id_ = (_words(text(key, lang)) for lang in ("en", "id"))
    assert "entered" in en and "breach" not in en and "violation" not in en
    assert "masuk" in id_ and "pelanggaran" not in id_


@pytest.mark.parametrize("key", FORCE_RULES)
def test_force_rule_violations_are_called_violations(key: str) -> None:
    en, id_ = (_words(text(key, lang)) for lang in ("en", "id"))
    assert "violation" in en and "breach" not in en
    assert "pelanggaran" in id_ and "masuk" not in id_
