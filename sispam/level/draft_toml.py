"""Editing a tomlkit document of a level so that it still reads as written by hand.

Values come in as plain Python data and are written the way the shipped levels write them:
nested tables inline (`shape = { kind = "rect", min = [10, 5], max = [30, 20] }`), whole numbers
without a decimal point (every decimal field of the level format takes an integer). Whatever
does not change keeps its text: `sync_value` edits a table key by key and an array element by
element, and the comments between `[[...]]` entries stay above the entry they belong to when
one is removed or added.

tomlkit keeps the comments and blank lines above `[[obstacles]]` at the end of whatever table
comes before it (its "tail"). The tail helpers edit `Container.body` directly, which leaves
tomlkit's key index stale: after a change that adds or removes keys, entries or comments, the
caller re-parses the text (`Draft` does, whenever an edit returns True).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any, cast

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Table, Whitespace

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
SIGNIFICANT_DIGITS = 12
"""Decimal numbers are written with at most this many significant digits (0.1 + 0.2 -> 0.3)."""

Body = list[tuple[Any, Item]]


def tidy(value: Any) -> Any:
    """`value` as the plain data it will read back as: tuples become lists, whole numbers ints,
    float noise is rounded off and keys set to None are left out.

    Raises:
        TypeError: a value TOML cannot hold (None in a list, an object, a non-text key).
    """
    if isinstance(value, bool | str | datetime | date | time):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            return number
        number = float(f"{number:.{SIGNIFICANT_DIGITS}g}")
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("keys of a level table must be text")
        return {key: tidy(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [tidy(item) for item in value]
    raise TypeError(f"a level file cannot hold {type(value).__name__} values ({value!r})")


def same(a: Any, b: Any) -> bool:
    """Whether two plain values read the same: 85 and 85.0 do, True and 1 do not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, numbers.Real) and isinstance(b, numbers.Real):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def plain(item: Any) -> Any:
    """The plain Python value of a tomlkit item (a fresh copy)."""
    return item.unwrap() if hasattr(item, "unwrap") else item


def toml_key(key: str) -> str:
    """A key as TOML text: bare when it can be."""
    return key if _BARE_KEY.fullmatch(key) else _basic_string(key)


def toml_value(value: Any, multiline: bool = False) -> str:
    """A tidied plain value as inline TOML text; `multiline` lets a text with line breaks be
    written as a `\"\"\"` block (only where the value stands alone after `key =`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _multiline_string(value) if multiline and "\n" in value else _basic_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"a level file cannot hold {type(value).__name__} values ({value!r})")


def _escaped(text: str, keep: str) -> str:
    out = []
    for ch in text:
        if ch in keep:
            out.append(ch)
        elif ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _basic_string(text: str) -> str:
    return '"' + _escaped(text, keep="\t") + '"'


def _multiline_string(text: str) -> str:
    # The line break right after the opening quotes is not part of the text.
    return '"""\n' + _escaped(text, keep="\t\n") + '"""'


def value_item(value: Any, multiline: bool = False) -> Item:
    """A tomlkit item of a tidied plain value, formatted as `toml_value` writes it."""
    return cast(Item, tomlkit.parse(f"x = {toml_value(value, multiline)}\n").item("x"))  # one key: no proxy


def entry_table(name: str, entry: dict[str, Any]) -> Table:
    """A new `[[name]]` entry, one key a line, nested tables inline."""
    lines = [f"[[{toml_key(name)}]]"]
    lines += [f"{toml_key(k)} = {toml_value(v, multiline=True)}" for k, v in entry.items()]
    aot = tomlkit.parse("\n".join(lines) + "\n").item(name)
    assert isinstance(aot, AoT)
    return aot.body[0]


def standard_table(name: str, values: dict[str, Any]) -> Table:
    """A new `[name]` table, one key a line."""
    lines = [f"[{toml_key(name)}]"] + [f"{toml_key(k)} = {toml_value(v, multiline=True)}" for k, v in values.items()]
    table = tomlkit.parse("\n".join(lines) + "\n").item(name)
    assert isinstance(table, Table)
    return table


def sync_value(parent: Any, key: str | int, new: Any) -> bool:
    """Make `parent[key]` read as the tidied value `new`, rewriting as little text as possible:
    unchanged keys and elements keep their text, comments and position, changed ones are
    replaced in place (keeping the comment on their line), removed keys go and new keys are
    appended. An inline table stays inline.

    Returns:
        True when keys were added or removed (the caller re-parses the document).
    """
    current = parent[key]
    if same(plain(current), new):
        return False
    if isinstance(new, dict) and isinstance(current, Table | InlineTable):
        if isinstance(current, InlineTable) and set(current.keys()) != set(new):
            parent[key] = _rebuilt_inline(current, new)
            return True
        return _sync_table(current, new)
    if isinstance(new, list) and isinstance(current, Array) and len(current) == len(new):
        changed = False
        for index, item in enumerate(new):
            changed |= sync_value(current, index, item)
        return changed
    parent[key] = value_item(new, multiline=isinstance(parent, Container | Table))
    return False


def _sync_table(table: Table | InlineTable, new: dict[str, Any]) -> bool:
    changed = False
    for key in [k for k in table.keys() if k not in new]:
        del table[key]
        changed = True
    for key, value in new.items():
        if key in table:
            changed |= sync_value(table, key, value)
        else:
            assert isinstance(table, Table)  # an inline table with new keys is rebuilt
            append_key(table, key, value)
            changed = True
    return changed


def _rebuilt_inline(current: InlineTable, new: dict[str, Any]) -> Item:
    """The inline table with `new`'s keys: kept keys first, in their order and with their
    text when unchanged, then the new ones."""
    order = [k for k in current.keys() if k in new] + [k for k in new if k not in current]
    parts = []
    for key in order:
        unchanged = key in current and same(plain(current[key]), new[key])
        text = current[key].as_string().strip() if unchanged else toml_value(new[key])
        parts.append(f"{toml_key(key)} = {text}")
    return cast(Item, tomlkit.parse("x = { " + ", ".join(parts) + " }\n").item("x"))  # one key: no proxy


def append_key(table: Table, key: str, value: Any) -> None:
    """Add a key after the table's last key, above the comments that lead the next table."""
    body = table.value.body
    tail = _take_tail(body, len(body))
    table.append(key, value_item(value, multiline=True))
    body.extend(tail)


# --- Comments and blank lines between tables -------------------------------------------

def _tail_start(body: Body, end: int) -> int:
    start = end
    while start > 0 and body[start - 1][0] is None and isinstance(body[start - 1][1], Comment | Whitespace):
        start -= 1
    return start


def _take_tail(body: Body, end: int) -> Body:
    """Remove and return the run of comments and blank lines just before `body[end]`."""
    start = _tail_start(body, end)
    tail = body[start:end]
    del body[start:end]
    return tail


def last_body(table: Table) -> Body:
    """The body whose end is the end of the table's text: its own, or that of a sub-table
    written after its keys (`[map.background]` after `[map]`)."""
    body = table.value.body
    while body and isinstance(body[-1][1], Table):
        body = body[-1][1].value.body
    return body


def tail_text(body: Body, end: int) -> str:
    """The comments and blank lines just before `body[end]`, as text."""
    return "".join(item.as_string() for _, item in body[_tail_start(body, end):end])


def set_tail(body: Body, end: int, text: str) -> None:
    """Replace the comments and blank lines just before `body[end]` by `text`."""
    body[_tail_start(body, end):end] = list(tomlkit.parse(text).body) if text else []


def split_lead(text: str) -> tuple[str, str]:
    """A tail split into what stands apart and the comment block right above the next table
    (no blank line between them): that block is the next table's own comment."""
    lines = text.splitlines(keepends=True)
    cut = len(lines)
    while cut > 0 and lines[cut - 1].lstrip().startswith("#"):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])


def _has_comment(text: str) -> bool:
    return any(line.lstrip().startswith("#") for line in text.splitlines())


def joined_gap(before: str, after: str) -> str:
    """The gap left when the entry between two gaps goes: the comments of both (the removed
    entry's own comment is already cut off `before`), spaced as `after` was."""
    if not _has_comment(before):
        return after
    if not _has_comment(after):
        return before if after else before.rstrip("\n") + "\n"
    return before.rstrip("\n") + "\n" + (after if after.startswith("\n") else "\n" + after)


def entry_gap(aot: AoT) -> str:
    """What separates the entries of an array of tables: the plain gap between its last two
    entries, else one blank line."""
    if len(aot.body) >= 2:
        body = last_body(aot.body[-2])
        gap = tail_text(body, len(body))
        if gap and not _has_comment(gap):
            return gap
    return "\n"


def preceding_body(doc: Container, name: str) -> tuple[Body, int] | None:
    """Where the comments above the first `[[name]]` are kept: the body of the table before
    it and that body's end, or the document's own body up to the array."""
    for index, (key, item) in enumerate(doc.body):
        if key is not None and key.key == name and isinstance(item, AoT):
            if index == 0:
                return None
            before = doc.body[index - 1][1]
            if isinstance(before, AoT) and before.body:
                before = before.body[-1]
            if isinstance(before, Table):
                body = last_body(before)
                return body, len(body)
            return doc.body, index
    return None


def set_top(doc: Container, key: str, new: Any) -> bool:
    """Set (or, with None, remove) a top-level value; a new table is written `[key]`, except
    title and briefing, which are inline. True when keys were added or removed."""
    if new is None:
        if key not in doc:
            return False
        del doc[key]
        return True
    if key in doc:
        return sync_value(doc, key, new)
    if isinstance(new, dict) and key not in ("title", "briefing"):
        doc.append(key, standard_table(key, new))
    else:
        doc.append(key, value_item(new, multiline=True))
    return True


def remove_entry(doc: Container, name: str, index: int) -> bool:
    """Remove entry `index` of the array `name`: its own comment goes with it, the comments
    above the entry after it stay there."""
    seq = doc[name]
    if not isinstance(seq, AoT):
        del seq[index]
        return True
    removed = last_body(seq.body[index])
    after = tail_text(removed, len(removed))
    if index > 0:
        prev_body = last_body(seq.body[index - 1])
        place: tuple[Body, int] | None = (prev_body, len(prev_body))
    else:
        place = preceding_body(doc, name)
    if len(seq.body) == 1:
        del doc[name]  # an empty array of tables would be written as `name = []`
    else:
        del seq[index]
    if place is not None:
        body, end = place
        before, _own_comment = split_lead(tail_text(body, end))
        set_tail(body, end, joined_gap(before, after))
    return True


def append_entry(doc: Container, name: str, entry: dict[str, Any], order: tuple[str, ...]) -> bool:
    """Append an entry to the array `name` (made if missing, after the arrays that come
    before it in `order`), so that it reads like the entries around it."""
    if name in doc:
        seq = doc[name]
        if isinstance(seq, Array):
            seq.append(value_item(entry))
            return True
        if not isinstance(seq, AoT):
            raise ValueError(f"'{name}' in this file is not a list of [[{name}]] tables")
        table = entry_table(name, entry)
        last = last_body(seq.body[-1])
        gap = entry_gap(seq)
        set_tail(table.value.body, len(table.value.body), tail_text(last, len(last)))
        set_tail(last, len(last), gap)
        seq.append(table)
    else:
        _insert_array(doc, name, entry_table(name, entry), order)
    return True


def _insert_array(doc: Container, name: str, table: Table, order: tuple[str, ...]) -> None:
    aot = AoT([table], name=name, parsed=True)
    arrays = {key.key: i for i, (key, item) in enumerate(doc.body)
              if key is not None and key.key in order and isinstance(item, AoT) and item.body}
    rank = order.index(name)
    earlier = [n for n in arrays if order.index(n) < rank]
    later = [n for n in arrays if order.index(n) > rank]
    at: int | None = None
    prev: Any = None
    if earlier:
        after_name = max(earlier, key=order.index)
        at = arrays[after_name] + 1
        prev = cast(AoT, doc.body[at - 1][1]).body[-1]  # an array of tables (`arrays` above)
    elif later:
        at = arrays[min(later, key=order.index)]
        prev = doc.body[at - 1][1] if at > 0 else None
        if isinstance(prev, AoT):
            prev = prev.body[-1]
    if at is None or at >= len(doc.body) or not isinstance(prev, Table) or not hasattr(doc, "_insert_at"):
        doc.append(name, aot)
        return
    # The comments after the table before the new array belong to what follows: move them
    # below the new entry.
    body = last_body(prev)
    set_tail(table.value.body, len(table.value.body), tail_text(body, len(body)))
    set_tail(body, len(body), "\n")
    doc._insert_at(at, name, aot)  # tomlkit has no public insert
