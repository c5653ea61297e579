"""The score-validity battery's fast part: on the tutorial level, the score ranks the plans as a
Dalmas instructor would (doctrinal above passive above brute force; a trivial plan at least 15
below the doctrinal one), and the battery's command refuses bad arguments with a message. The
full sweep (every level, every kind, seeds 0-7) is `python -m sispam.review.battery`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.review import battery

ROOT = Path(__file__).resolve().parents[1]
LEVEL = levels_dir() / "campaign_1_hijau.toml"


def test_the_tutorial_ranks_talks_above_a_line_that_only_holds_above_force():
    seed = load_level(LEVEL).seed
    results = battery.run([LEVEL], ("doctrinal", "passive", "brute", "trivial"), [seed], jobs=1)
    score = {r.kind: r.score for r in results}
    assert score["doctrinal"] > score["passive"] > score["brute"]
    checks = battery.checks(results)
    assert checks and all(ok for _, _, ok in checks), checks
    brute = next(r for r in results if r.kind == "brute")
    assert brute.outcome == "lost" and brute.violations >= 1


@pytest.mark.parametrize("argv", [["--levels", "9"], ["--seeds", "7-2"], ["--kinds", "heroic"], ["--jobs", "0"]])
def test_bad_arguments_are_refused_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as e:
        battery.main(argv)
    assert e.value.code == 2
    assert "error:" in capsys.readouterr().err
