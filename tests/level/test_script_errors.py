"""Scripted events and objectives: a good script builds into the scenario's values, and every
bad definition is refused with its line and a message that names the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_level_errors import find, load_problems

from sispam.level import load_level
from sispam.sim.scenario import Colour, EventKind, ObjectiveKind

ROOT_DIR = Path(__file__).resolve().parents[2]

BASE = """\
schema_version = 1                                          # 1
id = "skrip"                                                # 2
seed = 1                                                    # 3
duration_s = 300                                            # 4
title = { id = "Uji", en = "Test" }                         # 5
briefing = { id = "Uji coba.", en = "A test." }             # 6
[map]                                                       # 7
size = [100, 50]                                            # 8
[[obstacles]]                                               # 9
id = "kantor"                                               # 10
kind = "building"                                           # 11
shape = { kind = "rect", min = [70, 30], max = [90, 45] }   # 12
[[obstacles]]                                               # 13
id = "pohon"                                                # 14
kind = "tree"                                               # 15
shape = { kind = "circle", center = [50, 10], radius = 2 }  # 16
[[zones]]                                                   # 17
id = "start"                                                # 18
role = "spawn"                                              # 19
shape = { kind = "rect", min = [0, 0], max = [20, 20] }     # 20
[[zones]]                                                   # 21
id = "kpu"                                                  # 22
role = "protected"                                          # 23
shape = { kind = "rect", min = [65, 25], max = [95, 50] }   # 24
[[crowd]]                                                   # 25
id = "massa"                                                # 26
count = 50                                                  # 27
spawn = "start"                                             # 28
goal = { kind = "zone", zone = "kpu" }                      # 29
roles = { massa = 0.9, provokator = 0.1 }                   # 30
hardship = 0.6                                              # 31
legitimacy = 0.4                                            # 32
[[crowd]]                                                   # 33
id = "gelombang"                                            # 34
count = 20                                                  # 35
spawn = "start"                                             # 36
goal = { kind = "zone", zone = "kpu" }                      # 37
on_event = true                                             # 38
[[units]]                                                   # 39
id = "brimob"                                               # 40
type = "brimob_phh"                                         # 41
formation = "bersaf"                                        # 42
position = [60, 20]                                         # 43
facing_deg = 180                                            # 44
on_request = true                                           # 45
[[events]]                                                  # 46
id = "wave"                                                 # 47
kind = "crowd_wave"                                         # 48
when = { situation = "kuning", after_s = 30 }               # 49
group = "gelombang"                                         # 50
message = { id = "Massa datang", en = "The crowd comes" }   # 51
[[events]]                                                  # 52
id = "isu"                                                  # 53
kind = "rumour"                                             # 54
at_s = 60                                                   # 55
legitimacy_drop = 0.2                                       # 56
[[events]]                                                  # 57
id = "api"                                                  # 58
kind = "fire"                                               # 59
at_s = 90                                                   # 60
point = [40, 10]                                            # 61
[[events]]                                                  # 62
id = "sandera"                                              # 63
kind = "hostage_attempt"                                    # 64
when = { situation = "merah" }                              # 65
building = "kantor"                                         # 66
people = 5                                                  # 67
[[events]]                                                  # 68
id = "bantuan"                                              # 69
kind = "reinforcements"                                     # 70
when = { arrests_at_least = 2, injuries_at_least = 1 }      # 71
unit = "brimob"                                             # 72
[[events]]                                                  # 73
id = "radio"                                                # 74
kind = "message"                                            # 75
when = { breaches_at_least = 1, fires_at_least = 1 }        # 76
message = { id = "Pesan", en = "Message" }                  # 77
[[objectives]]                                              # 78
id = "lindungi"                                             # 79
kind = "protect_zone"                                       # 80
zone = "kpu"                                                # 81
[[objectives]]                                              # 82
id = "tahan"                                                # 83
kind = "hold_until"                                         # 84
zone = "kpu"                                                # 85
until_s = 240                                               # 86
[[objectives]]                                              # 87
id = "luka"                                                 # 88
kind = "injury_limit"                                       # 89
civilian_max = 3                                            # 90
[[objectives]]                                              # 91
id = "tangkap"                                              # 92
kind = "arrest_provocateurs"                                # 93
at_least = 5                                                # 94
[[objectives]]                                              # 95
id = "bubar"                                                # 96
kind = "disperse"                                           # 97
fraction = 0.5                                              # 98
by_s = 280                                                  # 99
required = false                                            # 100
weight = 2                                                  # 101
[[objectives]]                                              # 102
id = "proporsional"                                         # 103
kind = "no_force_violations"                                # 104
[[objectives]]                                              # 105
id = "sandera-aman"                                         # 106
kind = "prevent_hostages"                                   # 107
text = { id = "Tidak ada sandera", en = "No hostages" }     # 108
[scoring]                                                   # 109
proportionality = 50                                        # 110
"""


def edited(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_every_event_and_objective_kind_builds(tmp_path: Path) -> None:
    path = tmp_path / "skrip.toml"
    path.write_text(BASE, encoding="utf-8")
    s = load_level(path)
    assert [e.kind for e in s.events] == [EventKind.CROWD_WAVE, EventKind.RUMOUR, EventKind.FIRE,
                                          EventKind.HOSTAGE_ATTEMPT, EventKind.REINFORCEMENTS, EventKind.MESSAGE]
    wave, rumour, fire, hostage, reinforcements, _ = s.events
    assert wave.when.situation is Colour.KUNING and wave.when.after_s == 30 and wave.group == "gelombang"
    assert wave.message.en == "The crowd comes" and rumour.legitimacy_drop == 0.2 and fire.point == (40, 10)
    assert (hostage.building, hostage.people) == ("kantor", 5) and reinforcements.unit == "brimob"
    assert reinforcements.when.arrests_at_least == 2 and reinforcements.when.injuries_at_least == 1
    assert [o.kind for o in s.objectives] == [ObjectiveKind(k) for k in (
        "protect_zone", "hold_until", "injury_limit", "arrest_provocateurs", "disperse", "no_force_violations",
        "prevent_hostages")]
    assert s.objectives[1].until_s == 240 and s.objectives[3].at_least == 5
    assert (s.objectives[4].required, s.objectives[4].weight, s.objectives[4].by_s) == (False, 2, 280)
    assert s.objectives[6].text.id == "Tidak ada sandera"
    assert s.score_weights == (40, 20, 50, 10, 10)
    assert (s.crowd[0].hardship, s.crowd[0].legitimacy, s.crowd[1].on_event) == (0.6, 0.4, True)
    assert s.mood


CASES = [
    # (old text, new text, where, line, words the message must contain)
    ('kind = "rumour"      ', 'kind = "gossip"      ', "events[1].kind", 54, ("unknown kind", "rumour")),
    ("at_s = 60          ", "at_s = 400         ", "events[1].at_s", 55, ("after the level ends",)),
    ('when = { situation = "merah" }      ', "when = {}                           ", "events[3].when", 65,
     ("no test",)),
    ("at_s = 90          ", "unit = \"brimob\"    ", "events[2].unit", 60, ("unknown key 'unit'",)),
    ('group = "gelombang"         ', 'group = "gelombang-3"       ', "events[0].group", 50,
     ("unknown crowd group", "gelombang-3")),
    ('building = "kantor"  ', 'building = "pohon"   ', "events[3].building", 66, ("tree", "not a building")),
    ('unit = "brimob"      ', 'unit = "brimobs"     ', "events[4].unit", 72, ("unknown unit",)),
    ("point = [40, 10]    ", "point = [50, 10]    ", "events[2].point", 61, ("inside the solid obstacle", "pohon")),
    ("point = [40, 10]    ", "point = [140, 10]   ", "events[2].point", 61, ("outside the map",)),
    ("when = { arrests_at_least = 2, injuries_at_least = 1 }", "when = { arrests_at_least = 200 }                   ",
     "events[4].when.arrests_at_least", 71, ("can never hold", "70")),
    ('when = { situation = "kuning", after_s = 30 }', 'when = { situation = "kuning", after_s = 900 }',
     "events[0].when.after_s", 49, ("can never hold",)),
    ("on_request = true ", "on_request = false", "events[4].unit", 72, ("not held in reserve",)),
    ("on_event = true   ", "on_event = false  ", "events[0].group", 50, ("on_event = true",)),
    ("legitimacy_drop = 0.2 ", "legitimacy_drop = 0.2\nwhen = { after_s = 5 }\n", "events[1].id", 53, ("not both",)),
    ('zone = "kpu"                                                # 81', 'zone = "start"                                              # 81',
     "objectives[0].zone", 81, ("protected",)),
    ('zone = "kpu"                                                # 85', 'zone = "kpux"                                               # 85',
     "objectives[1].zone", 85, ("unknown zone",)),
    ("until_s = 240     ", "until_s = 400     ", "objectives[1].until_s", 86, ("after the level ends",)),
    ("at_least = 5      ", "at_least = 6      ", "objectives[3].at_least", 94, ("only 5",)),
    ("by_s = 280        ", "by_s = 320        ", "objectives[4].by_s", 99, ("after the level ends",)),
    ("civilian_max = 3  ", "zone = \"kpu\"      ", "objectives[2].zone", 90, ("unknown key 'zone'",)),
    ("proportionality = 50", "objectives = 0\nsafety = 0\nproportionality = 0\nlegitimacy = 0\ntime = 0\n",
     "scoring", 109, ("all 0",)),
]


@pytest.mark.parametrize(("old", "new", "where", "line", "words"), CASES, ids=[c[2] + ":" + c[4][0] for c in CASES])
def test_a_bad_definition_names_its_line(tmp_path: Path, old, new, where, line, words) -> None:
    problem = find(load_problems(tmp_path, edited(old, new)), where)
    assert problem.line == line, problem
    for word in words:
        assert word in problem.message, problem


def test_a_group_no_event_releases_never_arrives(tmp_path: Path) -> None:
    text = edited('kind = "crowd_wave"      ', 'kind = "message"         ').replace(
        'group = "gelombang"                                         # 50\n', "")
    problem = find(load_problems(tmp_path, text), "crowd[1].on_event")
    assert problem.line == 38 and "never arrives" in problem.message


def test_check_reports_bad_events_with_lines_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "skrip.toml"
    path.write_text(edited("at_s = 60          ", "at_s = 400         "), encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT_DIR / "game.py"), "check", str(path)],
                         capture_output=True, text=True, cwd=ROOT_DIR)
    assert out.returncode == 2
    assert f"{path}:55:" in out.stderr + out.stdout and "Traceback" not in out.stderr
