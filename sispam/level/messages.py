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
    if value is None:  # JSON's null (a plan or replay); TOML has none
        return "null"
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
    return toml_value(value)  # "an array", "a table", "null", "a date or time"


def _unwrap(annotation: Any) -> Any:
    """The type inside `Annotated[...]` and `X | None`."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType) and type(None) in get_args(annotation):
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        else:
            return annotation


def _type_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The annotation at a pydantic location (union tags included in `loc`), or None."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) in (list, tuple, dict):
            current = get_args(current)[-1]
        elif get_origin(current) in (Union, UnionType):
            members = [m for m in get_args(current) if _tag_of(m) == part]
            if not members:
                return None
            current = members[0]
        else:
            return None
    return _unwrap(current)


def _union_members(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation) if get_origin(annotation) in (Union, UnionType) else ()


def _keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the table at a pydantic location."""
    current = _type_at(model, loc)
    members = _union_members(current)
    if members:  # pydantic stops at the union when the tag is unknown
        return sorted({key for member in members for key in member.model_fields})
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _tags_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """The `kind` values a tagged table at a pydantic location may have."""
    tags = [_tag_of(member) for member in _union_members(_type_at(model, loc))]
    return ", ".join(f'"{tag}"' for tag in tags if tag is not None)


def _tag_of(model: Any) -> Any:
    fields = getattr(model, "model_fields", {})
    return get_args(fields["kind"].annotation)[0] if "kind" in fields else None


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    """A plain message for one pydantic error raised while validating `model`."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in ("level", "value_error", "assertion_error"):
        return str(ctx.get("message") or error["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        position = error["loc"][-1] if error["loc"] else None
        if isinstance(position, int):
            return f"the array is too short: item {position + 1} is missing"
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
        if value is None:  # JSON's null: nothing to show beside its kind
            return f"expected {_EXPECTED[kind]}, got null"
        return f"expected {_EXPECTED[kind]}, got {_kind_of(value)} ({toml_value(value)})"
    if kind == "finite_number":
        return f"must be a finite number, got {toml_value(value)}"
    if kind == "union_tag_invalid":
        tags = _tags_at(model, tuple(error["loc"]))
        return f"unknown kind {toml_value(ctx.get('tag'))}; it must be one of {tags}"
    if kind == "union_tag_not_found":
        return f"missing key 'kind'; it must be one of {_tags_at(model, tuple(error['loc']))}"
    if kind == "enum":
        return f"unknown value {toml_value(value)}; expected one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return (
            f"{toml_value(value)} is not a valid id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    message = error["msg"].replace(" after validation", "")
    for subject in ("Input", "Tuple", "List", "Dictionary", "String"):
        message = message.replace(f"{subject} should", "should")
    if isinstance(value, bool | int | float | str):
        message += f", got {toml_value(value)}"
    return message
