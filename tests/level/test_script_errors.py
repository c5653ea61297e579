"""Scripted events and objectives: a good script builds into the scenario's values, and every
bad definition is refused with its line and a message that names the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_level_errors import find, load_problems

from sispam.level import load_level
from sispam.level.locate import file_path
from sispam.sim.scenario import DEFAULT_SCORE_WEIGHTS, Colour, EventKind, ObjectiveKind

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
[[crowd]]                                                   # 111
id = "provokator"                                           # 112
count = 10                                                  # 113
spawn = "start"                                             # 114
goal = { kind = "zone", zone = "kpu" }                      # 115
roles = { provokator = 1 }                                  # 116
on_event = true                                             # 117
[[events]]                                                  # 118
id = "penyusup"                                             # 119
kind = "provocateurs"                                       # 120
at_s = 120                                                  # 121
group = "provokator"                                        # 122
[[objectives]]                                              # 123
id = "padam"                                                # 124
kind = "extinguish_fires"                                   # 125
within_s = 120                                              # 126
"""


def line(number: int) -> str:
    """The whole line of BASE numbered `number` (its `# n` comment), newline included."""
    (found,) = [t for t in BASE.splitlines(keepends=True) if t.rstrip().endswith(f"# {number}")]
    return found


def edited(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_every_event_and_objective_kind_builds(tmp_path: Path) -> None:
    path = tmp_path / "skrip.toml"
    path.write_text(BASE, encoding="utf-8")
    s = load_level(path)
    assert [e.kind for e in s.events] == [EventKind.CROWD_WAVE, EventKind.RUMOUR, EventKind.FIRE,
                                          EventKind.HOSTAGE_ATTEMPT, EventKind.REINFORCEMENTS, EventKind.MESSAGE,
                                          EventKind.PROVOCATEURS]
    wave, rumour, fire, hostage, reinforcements, radio, provocateurs = s.events
    assert set(EventKind) == {e.kind for e in s.events} and set(ObjectiveKind) == {o.kind for o in s.objectives}
    assert (rumour.at_s, rumour.when, wave.at_s) == (60, None, None)
    assert radio.when.breaches_at_least == 1 and radio.when.fires_at_least == 1 and radio.message.id == "Pesan"
    assert (provocateurs.group, provocateurs.at_s) == ("provokator", 120)
    assert wave.when.situation is Colour.KUNING and wave.when.after_s == 30 and wave.group == "gelombang"
    assert wave.message.en == "The crowd comes" and rumour.legitimacy_drop == 0.2 and fire.point == (40, 10)
    assert (hostage.building, hostage.people) == ("kantor", 5) and reinforcements.unit == "brimob"
    assert reinforcements.when.arrests_at_least == 2 and reinforcements.when.injuries_at_least == 1
    assert [o.kind for o in s.objectives] == [ObjectiveKind(k) for k in (
        "protect_zone", "hold_until", "injury_limit", "arrest_provocateurs", "disperse", "no_force_violations",
        "prevent_hostages", "extinguish_fires")]
    assert s.objectives[1].until_s == 240 and s.objectives[3].at_least == 5
    assert (s.objectives[4].required, s.objectives[4].weight, s.objectives[4].by_s) == (False, 2, 280)
    assert s.objectives[6].text.id == "Tidak ada sandera" and s.objectives[7].within_s == 120
    assert s.score_weights == (40, 20, 50, 10, 10)
    assert (s.crowd[0].hardship, s.crowd[0].legitimacy, s.crowd[1].on_event) == (0.6, 0.4, True)
    assert (s.crowd[1].hardship, s.crowd[1].legitimacy, s.crowd[0].on_event) == (0.5, 0.7, False)
    assert s.objectives[0].max_breaches == 0 and s.objectives[0].zone == "kpu" and s.objectives[2].officer_max is None
    assert s.objectives[4].fraction == 0.5 and s.objectives[5].max_violations == 0 and s.objectives[0].text is None
    assert all(o.required and o.weight == 1 for i, o in enumerate(s.objectives) if i != 4)
    assert s.mood


def test_a_level_without_a_script_keeps_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(BASE[:BASE.index("[[events]]")].replace("on_event = true", "on_event = false"), encoding="utf-8")
    s = load_level(path)
    assert (s.events, s.objectives, s.mood, s.riot) == ((), (), True, True)
    assert s.score_weights == tuple(float(w) for w in DEFAULT_SCORE_WEIGHTS)


def test_riot_false_leaves_the_riot_out_and_a_bad_value_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pushing.toml"
    path.write_text("riot = false\n" + BASE, encoding="utf-8")
    assert not load_level(path).riot
    problem = find(load_problems(tmp_path, 'riot = "no"\n' + BASE), "riot")
    assert problem.line == 1 and "expected true or false" in problem.message, problem


CASES = [
    # (old text, new text, where, line, words the message must contain)
    ('kind = "rumour"      ', 'kind = "gossip"      ', "events[1].kind", 54, ("unknown kind", "rumour")),
    ("at_s = 60          ", "at_s = 400         ", "events[1].at_s", 55, ("after the level ends",)),
    ('when = { situation = "merah" }      ', "when = {}                           ", "events[3].when", 65,
     ("no test",)),
    ("at_s = 90          ", "unit = \"brimob\"    ", "events[2].unit", 60, ("unknown key 'unit'",)),
    ('group = "gelombang"         ', 'group = "gelombang-3"       ', "events[0].group", 50,
     ("unknown crowd group", "gelombang-3", "(crowd groups: 'massa', 'gelombang', 'provokator')")),
    ('building = "kantor"  ', 'building = "pohon"   ', "events[3].building", 66, ("tree", "not a building")),
    ('unit = "brimob"      ', 'unit = "brimobs"     ', "events[4].unit", 72, ("unknown unit", "(units: 'brimob')")),
    ("point = [40, 10]    ", "point = [50, 10]    ", "events[2].point", 61,
     ("fire point", "inside solid tree 'pohon'")),
    ("point = [40, 10]    ", "point = [140, 10]   ", "events[2].point", 61, ("outside the map",)),
    ("when = { arrests_at_least = 2, injuries_at_least = 1 }", "when = { arrests_at_least = 200 }                   ",
     "events[4].when.arrests_at_least", 71, ("can never hold", "only 80 people")),
    ('when = { situation = "kuning", after_s = 30 }', 'when = { situation = "kuning", after_s = 900 }',
     "events[0].when.after_s", 49, ("can never hold",)),
    ("on_request = true ", "on_request = false", "events[4].unit", 72, ("not held in reserve",)),
    ("on_event = true" + " " * 45 + "# 38", "on_event = false" + " " * 44 + "# 38", "events[0].group", 50,
     ("on_event = true",)),
    ("legitimacy_drop = 0.2 ", "legitimacy_drop = 0.2\nwhen = { after_s = 5 }\n", "events[1].id", 53, ("not both",)),
    ('zone = "kpu"' + " " * 48 + "# 81", 'zone = "start"' + " " * 46 + "# 81", "objectives[0].zone", 81,
     ("protected",)),
    ('zone = "kpu"' + " " * 48 + "# 85", 'zone = "kpux"' + " " * 47 + "# 85", "objectives[1].zone", 85,
     ("unknown zone", "(protected zones: 'kpu')")),
    ("until_s = 240     ", "until_s = 400     ", "objectives[1].until_s", 86, ("after the level ends",)),
    ("at_least = 5      ", "at_least = 16     ", "objectives[3].at_least", 94, ("holds only 15",)),
    ("by_s = 280        ", "by_s = 320        ", "objectives[4].by_s", 99, ("after the level ends",)),
    ("within_s = 120    ", "within_s = 400    ", "objectives[7].within_s", 126, ("longer than the level",)),
    ("civilian_max = 3  ", "zone = \"kpu\"      ", "objectives[2].zone", 90, ("unknown key 'zone'",)),
    ("proportionality = 50", "objectives = 0\nsafety = 0\nproportionality = 0\nlegitimacy = 0\ntime = 0\n",
     "scoring", 109, ("all 0",)),
    (line(55), "", "events[1].id", 53, ("needs either at_s", "not neither")),
    (line(77), line(77) + 'group = "gelombang"\n', "events[5].group", 78, ("unknown key 'group'",)),
    (line(75) + line(76) + line(77), 'kind = "crowd_wave"\nat_s = 10\ngroup = "gelombang"\n', "events[5].group", 77,
     ("'gelombang'", "already released by events[0]")),
    (line(77), "", "events[5].message", 73, ("required key is missing",)),
    ('building = "kantor"  ', 'building = "kantorx" ', "events[3].building", 66,
     ("unknown obstacle 'kantorx'", "(buildings: 'kantor')")),
    ("injuries_at_least = 1 }", "injuries_at_least = 999 }", "events[4].when.injuries_at_least", 71,
     ("can never hold", "only 110 people, crowd and officers")),
    ("breaches_at_least = 1,", "breaches_at_least = 81,", "events[5].when.breaches_at_least", 76,
     ("can never hold", "only 80 people")),
    ('when = { situation = "merah" }', 'when = { colour = "merah" } ', "events[3].when.colour", 65,
     ("unknown key 'colour'",)),
    ('when = { situation = "merah" }', 'when = { situation = "oranye" }', "events[3].when.situation", 65,
     ('unknown value "oranye"', "'kuning'")),
    ("people = 5  ", "people = 101", "events[3].people", 67, ("less than or equal to 100",)),
    ("legitimacy_drop = 0.2", "legitimacy_drop = 0  ", "events[1].legitimacy_drop", 56, ("greater than 0",)),
    ('id = "isu" ', 'id = "api" ', "events[2].id", 58, ("duplicate id 'api'",)),
    ('kind = "disperse"  ', 'kind = "scatter"   ', "objectives[4].kind", 97, ("unknown kind", "disperse")),
    (line(90), "", "objectives[2]", 87, ("civilian_max, officer_max",)),
    ("weight = 2 ", "weight = 0 ", "objectives[4].weight", 101, ("greater than 0",)),
    ("proportionality = 50", "proportionality = -5", "scoring.proportionality", 110, ("greater than or equal to 0",)),
    ("seed = 1  ", "seed = 1\nmood = 1\n", "mood", 4, ("true or false",)),
    (line(117), line(117) + "arrival_s = 200\n", "crowd[2].arrival_s", 118,
     ("released at 120 s", "200 s later", "after the level ends")),
    ("hardship = 0.6", "hardship = 1.6", "crowd[0].hardship", 31, ("less than or equal to 1",)),
]


# By the first word a case expects: a misspelt group leaves the real one never released.
ALSO = {"unknown crowd group": ["crowd[1].on_event"]}


@pytest.mark.parametrize(("old", "new", "where", "line", "words"), CASES, ids=[c[2] + ":" + c[4][0] for c in CASES])
def test_a_bad_definition_names_its_line(tmp_path: Path, old, new, where, line, words) -> None:
    problems = load_problems(tmp_path, edited(old, new))
    problem = find(problems, where)
    assert problem.line == line, problem
    # One mistake, one message, except where the mistake truly breaks something else too.
    assert sorted(p.where for p in problems) == sorted([where, *ALSO.get(words[0], [])]), problems
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


def test_a_fire_in_a_wall_is_refused(tmp_path: Path) -> None:
    wall = ('[[obstacles]]\nid = "tembok"\nkind = "wall"\n'
            'shape = { kind = "polyline", points = [[30, 5], [30, 15]], thickness = 0.5 }\n')
    text = edited("point = [40, 10]    ", "point = [30.2, 10]  ") + wall
    (problem,) = load_problems(tmp_path, text)
    assert (problem.where, problem.line) == ("events[2].point", 61)
    assert "fire point [30.2, 10] is inside solid wall 'tembok'" in problem.message
    path = tmp_path / "beside.toml"  # just outside the wall's half thickness the fire is fine
    path.write_text(edited("point = [40, 10]    ", "point = [30.3, 10]  ") + wall, encoding="utf-8")
    assert load_level(path).events[2].point == (30.3, 10)


def test_a_message_event_missing_its_message_points_at_the_key(tmp_path: Path) -> None:
    """The kind "message" has a key "message": the path must keep the key (not take it for the tag)."""
    assert file_path(("events", 0, "message", "message"), {"events": [{"kind": "message"}]}) == (
        "events", 0, "message")
    assert file_path(("events", 0, "message", "message", "en"),
                     {"events": [{"kind": "message", "message": {"id": "x"}}]}) == ("events", 0, "message", "en")
    text = edited(line(77), line(77).replace(', en = "Message"', ''))
    (problem,) = load_problems(tmp_path, text)
    assert (problem.where, problem.line) == ("events[5].message.en", 77) and "missing" in problem.message
