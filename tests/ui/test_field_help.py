"""The level editor's help under a field, in the instructor's language: every described field of
every level file model has its catalogue entry (`sispam.ui.i18n_fields`), whose English is the
model's description word for word, so a description changed in the schema without the catalogue
fails here; and no entry names a field that is gone."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from sispam.level.schema import CrowdFile, LevelFile
from sispam.ui.editor_form import description, help_key
from sispam.ui.i18n import CATALOGUE
from sispam.ui.i18n_fields import FIELDS


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation: itself, or within Optional, Union, list, tuple, dict,
    Annotated and discriminated unions, however deep."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _reachable(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    unvisited = [root]
    while unvisited:
        model = unvisited.pop()
        if model not in seen:
            seen.append(model)
            unvisited.extend(m for field in model.model_fields.values() for m in _models_in(field.annotation))
    return seen


def _described() -> dict[str, str]:
    """`field.<Model>.<field>` (the model that declares it) -> its description, for every described
    field; a field inherited unchanged is one entry, its base's."""
    return {help_key(model, name): field.description
            for model in _reachable(LevelFile) for name, field in model.model_fields.items() if field.description}


def test_the_walk_reaches_the_nested_and_tagged_models() -> None:
    names = {m.__name__ for m in _reachable(LevelFile)}
    assert {"MapFile", "BackgroundFile", "Bilingual", "RectShape", "PolylineShape", "ExitGoalFile", "ConditionFile",
            "MessageEvent", "HoldUntilObjective", "ScoringFile"} <= names


def test_every_described_field_has_its_catalogue_entry_in_the_models_own_english() -> None:
    described = _described()
    missing = sorted(set(described) - set(FIELDS))
    assert not missing, f"no i18n_fields entry for {missing}"
    changed = {key: (FIELDS[key]["en"], text) for key, text in described.items() if FIELDS[key]["en"] != text}
    assert not changed, f"the model's description changed, update i18n_fields (en and id): {changed}"


def test_no_catalogue_entry_names_a_field_that_is_gone_or_undescribed() -> None:
    stale = sorted(set(FIELDS) - set(_described()))
    assert not stale, f"i18n_fields entries for no described field: {stale}"
    assert all(key in CATALOGUE and CATALOGUE[key] == FIELDS[key] for key in FIELDS)  # merged into the catalogue


def test_the_editor_says_what_a_field_means_in_the_instructors_language() -> None:
    crowd = {"id": "g", "count": 10}
    assert description("crowd", crowd, ("arrival_spread_s",), "id") \
        == FIELDS["field.CrowdFile.arrival_spread_s"]["id"] != FIELDS["field.CrowdFile.arrival_spread_s"]["en"]
    assert description("crowd", crowd, ("arrival_spread_s",), "id").startswith("Mereka terus berdatangan merata")
    assert description("crowd", crowd, ("arrival_spread_s",), "en") \
        == CrowdFile.model_fields["arrival_spread_s"].description
    assert description("units", {}, ("width_m",), "id") == FIELDS["field.UnitFile.width_m"]["id"]
    assert description(None, {}, ("map", "size"), "id") == FIELDS["field.MapFile.size"]["id"]
    assert description(None, {}, ("title", "en"), "id") == "Teks dalam bahasa Inggris."
    assert description("events", {"kind": "rumour"}, ("legitimacy_drop",), "id") \
        == FIELDS["field.RumourEvent.legitimacy_drop"]["id"]
    assert description("objectives", {"kind": "hold_until"}, ("weight",), "id") \
        == FIELDS["field._ObjectiveBase.weight"]["id"]
    assert description("events", {"kind": "message"}, ("message",), "en") == "The message, in both languages."
    assert description("events", {"kind": "fire"}, ("message",), "en") != "The message, in both languages."
    assert description("objectives", {"kind": "hold_until"}, ("weight",), "en") \
        == "Share of this objective in the score's objectives part (above 0)."
    assert description("crowd", crowd, ("no_such_key",), "id") == ""
