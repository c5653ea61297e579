"""The level editor's form: one text box per key of the chosen entry (or of the level itself),
each holding the value as the file writes it (`300`, `"spawn-west"`, `[85, 33]`,
`{ massa = 0.9, provokator = 0.1 }`); a bare word is taken as text. The keys offered are those
the level format knows for that kind of entry, each with its description from the same
pydantic models that check the file and write `docs/levels.md`, in the instructor's language
through the catalogue (`sispam.ui.i18n_fields`).
"""

from __future__ import annotations

import re
import tomllib
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sispam.level import draft_toml
from sispam.level.schema import CrowdFile, GroundFile, LevelFile, ObstacleFile, UnitFile, ZoneFile
from sispam.level.script_schema import EventFile, ObjectiveFile
from sispam.ui.i18n import CATALOGUE, text

_BARE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
TABLE_MODELS: dict[str, type[BaseModel]] = {
    "obstacles": ObstacleFile, "ground": GroundFile, "zones": ZoneFile, "crowd": CrowdFile, "units": UnitFile,
}
LEVEL_KEYS: tuple[tuple[str, ...], ...] = (
    ("id",), ("title", "id"), ("title", "en"), ("briefing", "id"), ("briefing", "en"), ("seed",), ("duration_s",),
    ("map", "size"), ("map", "background"), ("wind_mps",), ("mood",), ("riot",),
)


def _tagged(union: Any) -> dict[str, type[BaseModel]]:
    """kind tag -> model, for a discriminated union of file models."""
    models = typing.get_args(typing.get_args(union)[0])
    return {typing.get_args(m.model_fields["kind"].annotation)[0]: m for m in models}


EVENT_MODELS = _tagged(EventFile)
OBJECTIVE_MODELS = _tagged(ObjectiveFile)


def entry_model(table: str, entry: dict[str, Any]) -> type[BaseModel] | None:
    """The file model an entry of `table` is checked against (by its kind for events and objectives)."""
    kind = entry.get("kind")
    if table in ("events", "objectives"):
        return (EVENT_MODELS if table == "events" else OBJECTIVE_MODELS).get(kind) if isinstance(kind, str) else None
    return TABLE_MODELS.get(table)


def keys_of(table: str, entry: dict[str, Any]) -> list[str]:
    """The entry's keys, then every other key its kind may have, in the model's order."""
    model = entry_model(table, entry)
    known = list(model.model_fields) if model is not None else []
    return [k for k in known if k in entry] + [k for k in entry if k not in known] + [k for k in known if k not in entry]


def expects(table: str | None, entry: dict[str, Any], key: tuple[str, ...]) -> str:
    """What kind of value a key takes, as far as a form needs to know: "text" (a label, an id),
    "bilingual" (a text in both languages) or "value" (anything else)."""
    model: type[BaseModel] | None = LevelFile if table is None else entry_model(table, entry)
    annotation: Any = None
    for part in key:
        if model is None or part not in model.model_fields:
            return "value"
        annotation = model.model_fields[part].annotation
        inner = [a for a in (annotation, *typing.get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        model = inner[0] if inner else None
    if model is not None and set(model.model_fields) == {"id", "en"}:
        return "bilingual"
    options = [a for a in (annotation, *typing.get_args(annotation)) if a is not type(None)]
    return "text" if any(a is str or typing.get_args(a)[:1] == (str,) for a in options) else "value"


def help_key(model: type[BaseModel], name: str) -> str:
    """The catalogue's key for what field `name` of `model` means: `field.<Model>.<field>`, named
    by the model that declares it (every event shares its base's `id`, `at_s`, ...)."""
    owner = next((m for m in model.__mro__ if name in getattr(m, "__annotations__", {})), model)
    return f"field.{owner.__name__}.{name}"


def description(table: str | None, entry: dict[str, Any], key: tuple[str, ...], lang: str) -> str:
    """What a key means, in `lang`: the catalogue's `field.<Model>.<field>` (`sispam.ui.i18n_fields`),
    else the file model's own description."""
    model: type[BaseModel] | None = LevelFile if table is None else entry_model(table, entry)
    for part in key:
        if model is None or part not in model.model_fields:
            return ""
        field = model.model_fields[part]
        if part == key[-1]:
            catalogued = help_key(model, part)
            return text(catalogued, lang) if catalogued in CATALOGUE else field.description or ""
        inner = [a for a in typing.get_args(field.annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        model = field.annotation if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel) \
            else (inner[0] if inner else None)
    return ""


def toml_value(value: Any) -> str:
    """A value as the file writes it inline (the draft's own writer, on the value tidied as the
    draft keeps it)."""
    return draft_toml.toml_value(draft_toml.tidy(value))


def parse_value(text: str) -> Any:
    """A typed value back, as TOML reads it; a bare word is text.

    Raises:
        ValueError: it is neither a TOML value nor a bare word; the message says why.
    """
    text = text.strip()
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError as e:
        if _BARE.match(text):
            return text
        raise ValueError(str(e).split(" (at")[0]) from None


@dataclass(slots=True)
class Field:
    """One row of the form: the key (a path inside the entry, or in the level), its text, and the
    message of a value that could not be read."""

    key: tuple[str, ...]
    text: str
    error: str = ""
