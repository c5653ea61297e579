"""Pydantic's error records rewritten in the words of a level file (TOML types, no jargon)."""

from __future__ import annotations

import difflib
import math
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

_EXPECTED = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "an array",
    "tuple_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


def toml_value(value: Any) -> str:
    """A short rendering of a parsed TOML value as it would be written in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) and abs(value) >= 10_000 else repr(value)
    if isinstance(value, str):
        return '"' + (value if len(value) <= 40 else value[:37] + "...") + '"'
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return toml_value(value)  # "an array", "a table", "a date or time"


def _unwrap(annotation: Any) -> Any:
    """The type inside `Annotated[...]` and `X | None`."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType) and type(None) in get_args(annotation):
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        else:
            return annotation


def _keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the table at a pydantic location (union tags included in `loc`)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif get_origin(current) in (list, tuple, dict):
            current = get_args(current)[-1]
        elif get_origin(current) in (Union, UnionType):
            members = [m for m in get_args(current) if _tag_of(m) == part]
            if not members:
                return []
            current = members[0]
        else:
            return []
    current = _unwrap(current)
    if get_origin(current) in (Union, UnionType):  # pydantic stops at the union on a bad tag
        return sorted({key for m in get_args(current) for key in _keys_at(m, ())})
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _tag_of(model: Any) -> Any:
    field = getattr(model, "model_fields", {}).get("kind")
    return get_args(field.annotation)[0] if field is not None else None


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    """A plain message for one pydantic error raised while validating `model`."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in ("level", "value_error", "assertion_error"):
        return str(ctx.get("message") or error["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = _keys_at(model, tuple(error["loc"][:-1]))
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            hint = f"; did you mean '{close[0]}'?"
        else:
            hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return f"unknown key '{key}'{hint}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_kind_of(value)} ({toml_value(value)})"
    if kind == "finite_number":
        return f"must be a finite number, got {toml_value(value)}"
    if kind == "union_tag_invalid":
        return f"unknown kind {toml_value(ctx.get('tag'))}; expected one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return f"missing key 'kind'; expected one of {_tags(error)}"
    if kind == "enum":
        return f"unknown value {toml_value(value)}; expected one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return (
            f"{toml_value(value)} is not a valid id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    message = error["msg"].replace("Input should", "should").replace("Tuple should", "should")
    message = message.replace("List should", "should").replace("Dictionary should", "should")
    if isinstance(value, bool | int | float | str):
        message += f", got {toml_value(value)}"
    return message


def _tags(error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    return str(ctx.get("expected_tags", "a shape or goal kind"))
