"""Generated documentation is up to date with the code it is generated from, and the level
tutorial's level is a valid level that runs."""

import json
from pathlib import Path

from sispam.level import load_level
from sispam.level import reference as levels_reference
from sispam.level.schema import LevelFile
from sispam.sim.police.reference import DOC, render
from sispam.sim.world import World


def test_the_order_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m sispam.sim.police.reference"


def test_the_level_reference_and_its_json_schema_are_up_to_date():
    hint = "run: python -m sispam.level.reference"
    assert levels_reference.DOC.read_text(encoding="utf-8") == levels_reference.render(), hint
    assert levels_reference.SCHEMA.read_text(encoding="utf-8") == levels_reference.schema_text(), hint


def test_the_level_reference_names_every_key_with_its_unit():
    doc = levels_reference.DOC.read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in doc for name in LevelFile.model_fields)
    assert "| `arrival_s` | number | s |" in doc and "| `speed_mean_mps` | number | m/s |" in doc
    schema = json.loads(levels_reference.SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["required"]) == {n for n, f in LevelFile.model_fields.items() if f.is_required()}


def test_the_tutorials_level_is_valid_and_runs():
    scenario = load_level(levels_reference.TUTORIAL)
    assert len(levels_reference.tutorial_steps()) == 6
    world = World(scenario)
    world.run_until(30.0)
    assert world.t >= 30.0 - 1e-9 and (world.bodies.state == 1).sum() > 50  # the crowd has come


def test_the_readme_key_table_names_every_order_key():
    """Each order's hotkey is in the README's table of the play screen's keys (U was missing)."""
    import re

    from sispam.ui.commands import ORDER_KEYS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| on the play screen | does |", 1)[1].split("\n\n", 1)[0]
    listed = {k for row in table.splitlines() if row.startswith("| ")
              for k in re.findall(r"\b[A-Z]\b", row.split("|")[1])}
    assert {k.key_label for k in ORDER_KEYS} <= listed
