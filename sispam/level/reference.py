"""`docs/levels.md` and `sispam/data/levels/level.schema.json`: the level format's reference and its JSON
Schema, both written from the pydantic models that validate level files (`sispam.level.schema`),
so that neither can drift from what the game accepts.

Run `python -m sispam.level.reference` to rewrite both; a test fails when either is out of date.
The reference lists every table of a level file with each key's type, unit, default and meaning
(the models' own descriptions), then a tutorial that builds a small level step by step, then a
complete commented example: the first campaign level, as shipped."""

from __future__ import annotations

import enum
import json
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from sispam.level.schema import LevelFile
from sispam.resources import levels_dir
from sispam.sim import params
from sispam.sim.police.units import UNIT_SPECS
from sispam.sim.scenario import UnitType

# The repository's docs/: a developer's tool run in a checkout writes there (the game reads no docs).
DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "levels.md"
TUTORIAL = DOCS / "level_tutorial.toml"  # the tutorial's level, checked by the tests
SCHEMA = levels_dir() / "level.schema.json"  # shipped beside the levels
EXAMPLE = levels_dir() / "campaign_1_hijau.toml"
SHIPPED = "sispam/data/levels"  # where the shipped levels are in the repository, for the links

UNITS = (("_ppm2", "people/m²"), ("_mps", "m/s"), ("_deg", "degrees"), ("_kw", "kW"), ("_kg", "kg"), ("_n", "N"),
         ("_m", "m"), ("_s", "s"))
PRIMITIVES: dict[object, str] = {int: "integer", float: "number", str: "text", bool: "true/false"}


def unit_of(name: str) -> str:
    """The unit a key's name ends in (`arrival_s`: s), "" for none."""
    return next((unit for suffix, unit in UNITS if name.endswith(suffix)), "")


def _section(model: type[BaseModel]) -> str:
    return model.__name__.removesuffix("File").lower()


def type_name(annotation: object, found: list[type[BaseModel]]) -> str:
    """A readable type; models met on the way are added to `found` (for their own sections)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], found)
    if origin in (typing.Union, types.UnionType):
        named = [type_name(a, found) for a in args if a is not type(None)]
        return " or ".join(named) + (" (optional)" if type(None) in args else "")
    if origin is list:
        return f"list of {type_name(args[0], found)}"
    if origin is tuple:
        return "[" + ", ".join(type_name(a, found) for a in args) + "]"
    if origin is dict:
        return f"table of {type_name(args[1], found)}"
    if origin is typing.Literal:
        return " or ".join(json.dumps(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.append(annotation)
        return f"[{annotation.__name__.removesuffix('File')}](#{_section(annotation)})"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return " or ".join(f'"{m.value}"' for m in annotation)
    name: str = getattr(annotation, "__name__", str(annotation))
    return PRIMITIVES.get(annotation, name)


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    factory = cast(Callable[[], Any], field.default_factory)  # the schema's factories take no arguments
    value = factory() if field.default is PydanticUndefined else field.default
    if isinstance(value, BaseModel):
        return "see its table"
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return "none"
    if isinstance(value, list | tuple):
        return "[]" if not value else json.dumps(list(value))
    return json.dumps(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tables() -> str:
    """Every model of a level file, the level first, each as a table of its keys."""
    found: list[type[BaseModel]] = [LevelFile]
    out = []
    k = 0
    while k < len(found):
        model = found[k]
        k += 1
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        rows = []
        for name, field in model.model_fields.items():
            rows.append(f"| `{name}` | {_cell(type_name(field.annotation, found))} | {unit_of(name) or '—'} | "
                        f"{_cell(_default(field))} | {_cell(field.description or '')} |")
        out.append(f"### {model.__name__.removesuffix('File')}\n<a id=\"{_section(model)}\"></a>\n\n{doc}\n\n"
                   "| key | type | unit | default | meaning |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(out)


HEAD = """# The level format

<!-- Written by `python -m sispam.level.reference` from sispam/level/schema.py: do not edit by hand. -->

A level is one TOML file. `python game.py check LEVEL` checks it and names every problem with its
line; `python game.py play LEVEL` opens it at its briefing. Coordinates are metres, x to the east
and y to the north, from the map's south-west corner; times are seconds from the start; angles
are degrees counter-clockwise from east. Text a player reads comes in both languages, `id` and
`en`; doctrine terms stay Indonesian in both.

The game's level editor (`python game.py edit [LEVEL]`, or E in the main menu) writes these
files for you: it draws the geometry on the map, fills in every key below through forms (each
with the description given here), shows every problem `check` would report where it is on the
map, test-plays the level and saves it, keeping the comments and key order of what it did not
change. A level with problems is saved only as `NAME.draft.toml` beside it, marked invalid.

Editors that complete TOML from a JSON Schema (for example VS Code with *Even Better TOML*) can
use [`level.schema.json`](../sispam/data/levels/level.schema.json), shipped beside the game's
levels in `sispam/data/levels/`: copy it beside your level files and put
`#:schema ./level.schema.json` on their first line.

Contents: [tutorial](#tutorial) · [background picture and sharing](#background-picture-and-sharing) ·
[measuring flow and density](#measuring-flow-and-density) · [every key](#every-key) ·
[complete example](#complete-example)

"""

TUTORIAL_TEXT = """## Tutorial

This builds [`docs/level_tutorial.toml`](level_tutorial.toml), a small square in front of a
district election office, step by step. Each step adds to the file; after any step,
`python game.py check docs/level_tutorial.toml` says what is still missing or wrong.

**1. The level itself.** An id, the title and the briefing in both languages, a seed (the same
seed gives the same run), the length, and the map's size:

```toml
{step1}
```

**2. Geometry.** The office is a building, with a fence and a gate in front of it. Shapes are
`rect` (`min`, `max`), `polygon` (`points`) or `polyline` (`points` and a `thickness`):

```toml
{step2}
```

**3. Zones.** Named areas: where the crowd comes in, the protected area it must not enter, and
a way out:

```toml
{step3}
```

**4. The crowd.** A group of people arriving over a minute, with a mix of roles, heading for
the office:

```toml
{step4}
```

**5. The police.** A Dalmas platoon already formed across the gate, and a negotiator:

```toml
{step5}
```

**6. Objectives.** Keep the compound clear, and no breach of the use-of-force rules:

```toml
{step6}
```

`python game.py check docs/level_tutorial.toml` now says it is valid, and
`python game.py play docs/level_tutorial.toml` plays it.

"""


SHARING_TEXT = """## Background picture and sharing

A level may have a picture of its site under the map, a site plan or an aerial photo of the
real office, to trace the buildings, fences and roads over: give it in `[map.background]`.
The picture is a PNG or JPEG file in the level's folder (or a folder inside it), named by its
path relative to the level file with `/` between folders; at most 8 MB and 8192 pixels on a
side. `origin` is where its lower-left corner lies on the map and `size` how many metres wide
and high it is there (the whole map if left out); it is drawn at `opacity` under everything
else. The players see it too; the simulation ignores it.

```toml
[map.background]
file = "pictures/kpu_site.png"   # in the level's folder
origin = [0, 0]                  # its lower-left corner on the map, in metres
size = [80, 60]                  # its width and height on the map, in metres
opacity = 0.5
```

A level names its files only inside its own folder: an absolute path, a drive letter, a
backslash, `..` or a link that leads out of the folder is a problem `python game.py check`
reports on the `file` line. So a level's folder can be shared as it is:
`python game.py pack LEVEL OUT.zip` writes the level file and every picture it names into one
zip, and `python game.py unpack ARCHIVE.zip [DIR]` (or dropping the zip onto the game's window)
unpacks it into a new folder (in `levels/` of the user-data folder unless DIR is given) and
checks it. An archive is refused whole if it holds anything but `.toml`, `.png`, `.jpg`,
`.jpeg`, `.json`, `.txt` and `.md` files, not exactly one level file at its top (or in the one
folder holding everything), a path leading out of its folder, a link, more than 100 entries,
a file over 8 MB or over 50 MB in all. A level never holds code: nothing in it or in its
archive is ever run.

"""


MEASURING_TEXT = """## Measuring flow and density

A zone with `role = "measurement"` counts the crowd in it at every step (standing or lying;
officers are not counted). The run's report (`python game.py run LEVEL --report OUT.json`)
lists each such zone under `measurement_areas`: its `area_m2`, `people_now` at the end,
`max_people`, and the highest and the mean density over the whole zone, `max_density_ppm2`
and `mean_density_ppm2` (people per m² of the zone; the mean is over the whole run, from its
first step: for a window, after people have settled, take the trajectories below). Make the
zone the area you would measure in the field, e.g. the 16 m x 6 m in front of a gate:

```toml
[[zones]]
id = "gate-front"
role = "measurement"
label = "Depan gerbang"
shape = { kind = "rect", min = [77, 18], max = [93, 24] }
```

A measurement line is a thin measurement zone laid across the passage, e.g. 0.5 m deep across
a street 8 m wide: its mean density times its depth and the walking speed gives the flow
through it. To count the people who cross a line, write the trajectories:
`python game.py run LEVEL --trajectories OUT.csv --sample-hz 10` writes a row
`t,id,kind,x,y,vx,vy,state,group` for every body on the map at each sample, where `group` is the
crowd group's id as the level names it (an officer's row names his unit). A person crossed the
line `y = 20` between two samples when his `y` was below 20 in the one and at or above it in
the next; the crossings per second are the flow, and divided by the passage's width the
specific flow (persons per metre and second). For a speed-density relation take `vx`/`vy`
along the way people walk: the length of (vx, vy) also counts their sideways jostling, 0.15 m/s
more at 3.5-4 /m². A level that is won or lost ends there (a `protect_zone` objective lost at
the first breach, say): for a physics test give it no objectives, and it runs its whole
duration. With Python's `csv` module:

```python
import csv

last, crossings = {}, {}  # id -> y at the last sample; group -> times of crossing
with open("OUT.csv", newline="") as f:
    for row in csv.DictReader(f):  # rows come in time order
        if row["kind"] != "crowd":
            continue
        y = float(row["y"])
        if last.get(row["id"], y) < 20.0 <= y:
            crossings.setdefault(row["group"], []).append(float(row["t"]))
        last[row["id"]] = y
for group, times in crossings.items():
    print(group, len(times), "crossed;", len(times) / (times[-1] - times[0] + 1e-9), "per s")
```

The report's `metrics` are taken at every person at every step, over the whole run and the
whole map:

- `max_density_ppm2`: the highest local density, the people whose centres lie within 0.8 m of
  a person (himself included) over that disc's 2.01 m², so its values come in steps of about
  0.5 /m². It is a peak at one person, above the mean over a measurement zone.
- `max_crowd_pressure` (1/s²): the highest crowd pressure of Helbing, Johansson & Al-Abideen
  (2007), local density times the variance in time of the local velocity field at a place.
  Each person's velocity is first averaged over 2 s; the field at a person is the mean of
  those velocities within 0.8 m; its mean and variance are kept per 1 m cell over about 5 s.
  It is taken only at people pressed into the crowd, in full where a force of 600 N or more
  squeezes the chest, not at all below 300 N: a calm crowd reads 0 unless others push it. Crowd
  turbulence set in above 0.02 /s² at the Jamarat bridge. Read without that gate (the
  validation does, within 3 m of an exit), a calm queue's standing body stays below it too
  (0.009-0.016 /s² on seeds 0-7), and a crowd at agitation 0.7 in a door rises to 0.14-0.60;
  but calm walkers reaching a door and filing through it one at a time read 0.03-0.11, which is
  why the pressure is taken only where people are pressed.
- `max_compression_n` (N): the largest force squeezing a standing crowd member's chest,
  averaged over about a second: the force crush injuries come from (below 800 N, none). A calm
  queue reads 0.1-0.25 kN; 300 people pushing a fence, nearly 3 kN. (`max_crowd_load_n` is one
  step's sum of all contact forces on one person, a peak of the solver's force chains: 2-4 kN
  even in a calm queue.)
- `injuries` counts people crushed past the injury threshold (half a minute to minutes of compression, Hopkins
  et al. 1993). The trajectories have a row for each body on the map at each sample, and name
  its `state`: `active`, `injured` (a crowd member lying where he fell) or `down` (an officer
  knocked down). Someone not yet arrived, or gone (out through an exit, arrested and handed
  over, carried to an ambulance), has no row: a person's rows start when he arrives and stop
  when he leaves. An injury's place and time are the first sample at which a person's state
  is `injured`.

What the game's own validation measured (`python -m sispam.validate`, seeds 0-7), as a scale
for these figures: calm crowds read a crowd pressure of 0; a crowd of 150 pushing through a
door 0.8-1.6 m wide at agitation 0.7 reads a maximum of about 0.15-0.45 /s²; 300 people pressing
a fence at agitation 1 read several /s², and their `max_density_ppm2` reaches 9.5-12 /m²
(a peak at one person; their mean over a zone of a few square metres at the fence is 5-6
/m²).

How deep a pushing crowd stands matters as much as how many push: each row's push adds to
the load on the rows ahead (validation, seeds 0-7, 300 people at agitation 1 against a fence
for 120 s; distances from a body's centre to the fence's centre line): across a 14 m street,
0-3 people injured, the first after 80 s, all within 0.4 m of the fence; across an 8 m street,
where they stand about 1.8 times as deep, 7-20 (2-7 %), the first at 35-68 s, all within 1.6 m
of it; across 6 m (about 9 m deep), 22-39 (7-13 %), out to 2.6 m. How hard they push matters
too: the same 300 at agitation 0.7 across 8 m injure 0-1.

A crowd member injured in a press lies where he fell. Lying, he touches only walls and other
lying people (one who falls beside him can shift him a few tenths of a metre): the standing
crowd moves over the place (no wall of bodies forms to hold it back) until the ambulance crew
carries him out.

A goal with no way round the walls and fences to it (a zone behind a fence across the whole
street, as in the validation's push): people take the shortest way to it regardless, and press
against the obstacle where that way meets it. The ways people find cross walls and fences only
at a great cost (a metre through one counts as 200 m of open floor), so they go round a fence
wherever the way round is less than about a hundred metres longer.

People are discs of radius 0.17-0.21 m (the area of a body's outline, which lets a pushing
crowd pack at 8-10 /m²) and 60-90 kg. Walking people keep to the left of those coming the
other way (the habit in Indonesia; Moussaïd, Helbing & Theraulaz 2009 measured such a side
preference): a two-way flow sorts itself into lanes within seconds. A crowd at agitation 0.9 or more is agresif (Perkap
1/2009): besides pushing, its people throw stones at officers in reach and attack property.
For a test of pushing alone, give the level `riot = false`: agresif people then push as hard,
but throw nothing, light no fire and damage no shop (scripted events still happen); or use
agitation up to 0.89.

`python -m sispam.validate --levels DIR` writes the levels of the game's own validation
battery (corridors, bottlenecks, counterflow, the RiMEA tests) into DIR, as a start.

"""


def police_line_text() -> str:
    """How a police line holds a push, with each line unit's figures from `UNIT_SPECS`."""
    specs = [(t, UNIT_SPECS[t]) for t in (UnitType.DALMAS_AWAL, UnitType.DALMAS_LANJUT, UnitType.BRIMOB_PHH)]
    rows = "\n".join(f"| `{t.value}` | {u.hold_force_n:,.0f} | {u.knockdown_load_n:,.0f} | {'yes' if u.shield else 'no'} | "
                     f"{u.spacing_m:g} |" for t, u in specs)
    return f"""## A police line under a push

Each officer of a line keeps to his place in it with a force of up to his unit's hold force
(more under a brace or dorong order, less when he is tired or in gas). He falls (`down`) when
the crowd's load on him, averaged over about a second, has been above his unit's knock-down
load for {params.KNOCKDOWN_SUSTAIN_S:g} s in all (time below it counts back at
{params.STRAIN_RECOVERY_RATE:g} times the rate). Only the crowd's load counts, not his
colleagues'. The line's units:

| type | hold force (N) | knock-down load (N) | shield | spacing without `width_m` (m) |
|---|---|---|---|---|
{rows}

A bersaf line spreads its officers evenly over `width_m`, rank by rank: each rank takes
officers / ranks, rounded up, and the last rank the rest (32 in 2 ranks: 16 and 16; 31: 16 and
15). Each rear man stands in a gap of the rank ahead, 0.6 m from each of the two men he braces
(0.52 m when the line braces and closes up), or 0.3 m behind if the line is spread too thin for
that: at 0.6 m spacing a rank stands 0.52 m behind the one ahead (0.43 m braced). A full rear
rank is offset half a spacing to the unit's right, so its last man stands beyond the front
rank's end; a short one stands in the gaps alone. The unit's right is the right hand of an
officer facing `facing_deg`: facing west (180), north.
Measured against 300
people at agitation 1 pushing for 120 s, their stones and fires left out (`riot = false`):

- two ranks of 23 dalmas_lanjut across a 14 m street held on seeds 0-7, nobody past
  (`python -m sispam.validate --only push`);
- three ranks of 13 brimob_phh (0.62 m apart in each rank) in an 8 m gap between fences across
  that street held (seed 0); an outside tester's 30 brimob_phh in 3 ranks over 8.6 m (0.96 m
  apart) in an 8 m gap across a 29 m street gave way, 14-18 officers down and 84-132 breaches
  by 120 s (seeds 0-3);
- two ranks of 23 dalmas_awal across the 14 m street gave way within 10 s (seed 0);
- the same 300 against two ranks of dalmas_lanjut across narrower streets, where they stand
  deeper: 40 officers across 12 m held (seeds 0-3), 32 across 10 m held (seeds 0-7), 26 across
  8 m gave way on 3 of seeds 0-3.

With the stones of an agresif crowd (agitation 0.9 and more, `riot` left on) officers also
fall to hits: an outside tester's two ranks of 33 dalmas_lanjut across a 20 m street, which
held with `riot = false`, gave way on 2 of seeds 0-3 with officers falling to stones from the
first seconds, before the crowd reached them (the line stood without a berlindung order:
shields raised against throws are what berlindung is for).

"""


def tutorial_steps() -> list[str]:
    """The tutorial level's file, cut at its `# --- step N ---` marks."""
    text = TUTORIAL.read_text(encoding="utf-8")
    parts = text.split("# --- step ")[1:]
    return [part.split("\n", 1)[1].strip() for part in parts]


def render() -> str:
    steps = tutorial_steps()
    return (HEAD + TUTORIAL_TEXT.format(**{f"step{k + 1}": s for k, s in enumerate(steps)}) + SHARING_TEXT
            + MEASURING_TEXT + police_line_text()
            + "## Every key\n\nThe tables follow the file: the level's own keys first, then each table "
            "it holds.\n\n" + tables()
            + "\n## Complete example\n\nThe first campaign level, as the game ships it "
            f"([`{SHIPPED}/{EXAMPLE.name}`](../{SHIPPED}/{EXAMPLE.name}); `game.py play {EXAMPLE.stem}` "
            "opens it):\n\n```toml\n"
            + EXAMPLE.read_text(encoding="utf-8").strip() + "\n```\n")


def schema_text() -> str:
    schema = LevelFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sispam level file"
    return json.dumps(schema, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    """Rewrite docs/levels.md and sispam/data/levels/level.schema.json."""
    DOC.write_text(render(), encoding="utf-8")
    SCHEMA.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {DOC} and {SCHEMA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
