"""Find the line of a value in TOML source, since `tomllib` keeps no positions.

`TomlLines(text)` scans the text once and remembers the line where each key, each
array-of-tables entry (`[[crowd]]`) and each array element starts, keyed by its path in the
parsed document, e.g. `("crowd", 2, "count")` or `("obstacles", 0, "shape", "points", 3)`.
`line_of(loc)` answers with the longest known prefix of `loc`, so a missing key points at the
table it is missing from. The scanner assumes text that `tomllib` has already accepted; it
only reads, never evaluates. `SourceLines` holds what every format's scanner shares;
`sispam.level.locate_json.JsonLines` does the same for JSON order plans.
"""

from __future__ import annotations

import contextlib
import tomllib
from abc import ABC, abstractmethod
from typing import Any

Loc = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_ENDS = frozenset(",]}\n#")


class SourceLines(ABC):
    """Lines of the values of one parsed text, by path; the scanning primitives its
    subclasses (one per file format) share. A subclass scans in `_document`, skips what is not
    a value in `_skip_blank`, and reads one value in `_value`."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._i = 0
        self._line = 1
        self.lines: dict[Loc, int] = {}
        # Keep what was found on a surprise; unknown paths fall back to line 1.
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._document()

    def line_of(self, loc: Loc) -> int:
        """Line of the value at `loc`, else of its nearest enclosing key or table, else 1."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return 1

    @abstractmethod
    def _document(self) -> None: ...

    @abstractmethod
    def _skip_blank(self) -> None: ...

    @abstractmethod
    def _value(self, path: Loc) -> None: ...

    def _array(self, path: Loc) -> None:
        self._advance()  # [
        index = 0
        while True:
            self._skip_blank()
            if self._peek() in ("]", ""):
                self._advance()
                return
            self._remember((*path, index))
            self._value((*path, index))
            self._skip_blank()
            if self._peek() != ",":
                self._advance()  # ]
                return
            self._advance()
            index += 1

    def _peek(self, offset: int = 0) -> str:
        j = self._i + offset
        return self._text[j] if j < len(self._text) else ""

    def _advance(self, count: int = 1) -> None:
        end = min(self._i + count, len(self._text))
        self._line += self._text.count("\n", self._i, end)
        self._i = end

    def _skip_spaces(self) -> None:
        while self._peek() in (" ", "\t"):
            self._advance()

    def _remember(self, path: Loc) -> None:
        for end in range(1, len(path) + 1):
            self.lines.setdefault(path[:end], self._line)


class TomlLines(SourceLines):
    """Lines of the keys, tables and array elements of one TOML text."""

    def __init__(self, text: str) -> None:
        self._table: Loc = ()
        self._array_index: dict[Loc, int] = {}
        super().__init__(text)

    def _skip_blank(self) -> None:
        """Spaces, newlines and comments."""
        while True:
            c = self._peek()
            if c in (" ", "\t", "\r", "\n"):
                self._advance()
            elif c == "#":
                self._skip_to_line_end()
            else:
                return

    def _skip_to_line_end(self) -> None:
        end = self._text.find("\n", self._i)
        self._advance((len(self._text) if end < 0 else end) - self._i)

    def _document(self) -> None:
        while True:
            self._skip_blank()
            if self._i >= len(self._text):
                return
            start = self._i
            if self._peek() == "[":
                self._header()
            else:
                self._key_value(self._table)
            self._skip_spaces()
            self._skip_to_line_end()
            if self._i == start:
                self._advance()

    def _header(self) -> None:
        is_array = self._text.startswith("[[", self._i)
        self._advance(2 if is_array else 1)
        self._skip_spaces()
        keys = self._key()
        path: list[str | int] = []
        for key in keys[:-1]:
            path.append(key)
            if tuple(path) in self._array_index:  # a sub-table of the latest array entry
                path.append(self._array_index[tuple(path)])
        path.append(keys[-1])
        base = tuple(path)
        if is_array:
            index = self._array_index.get(base, -1) + 1
            self._array_index[base] = index
            path.append(index)
        elif base in self._array_index:
            path.append(self._array_index[base])
        self._table = tuple(path)
        self._remember(self._table)

    def _key(self) -> tuple[str, ...]:
        """A dotted key; the scanner stops after it and any spaces."""
        parts: list[str] = []
        while True:
            self._skip_spaces()
            c = self._peek()
            if c in ('"', "'"):
                start = self._i
                self._string()
                parts.append(_unquote(self._text[start : self._i]))
            else:
                start = self._i
                while self._peek() in _BARE_KEY_CHARS and self._peek() != "":
                    self._advance()
                if self._i == start:
                    raise ValueError("expected a key")
                parts.append(self._text[start : self._i])
            self._skip_spaces()
            if self._peek() != ".":
                return tuple(parts)
            self._advance()

    def _key_value(self, table: Loc) -> None:
        path = table + self._key()
        self._remember(path)
        if self._peek() != "=":
            raise ValueError("expected '='")
        self._advance()
        self._skip_spaces()
        self._value(path)

    def _value(self, path: Loc) -> None:
        c = self._peek()
        if c == "[":
            self._array(path)
        elif c == "{":
            self._inline_table(path)
        elif c in ('"', "'"):
            self._string()
        else:
            while self._peek() not in _SCALAR_ENDS and self._peek() != "":
                self._advance()

    def _inline_table(self, path: Loc) -> None:
        self._advance()  # {
        while True:
            self._skip_blank()
            if self._peek() in ("}", ""):
                self._advance()
                return
            self._key_value(path)
            self._skip_blank()
            if self._peek() != ",":
                self._advance()  # }
                return
            self._advance()

    def _string(self) -> None:
        """Skip a basic, literal or multi-line string."""
        quote = self._peek()
        triple = self._text.startswith(quote * 3, self._i)
        self._advance(3 if triple else 1)
        escapes = quote == '"'
        while self._i < len(self._text):
            c = self._peek()
            if escapes and c == "\\":
                self._advance(2)
            elif triple and self._text.startswith(quote * 3, self._i):
                self._advance(3)
                while self._peek() == quote:  # up to two quotes may close the content
                    self._advance()
                return
            elif not triple and c == quote:
                self._advance()
                return
            else:
                self._advance()


def _unquote(quoted: str) -> str:
    """The text of a quoted key: a literal string as written, a basic one with its escapes
    (\\t, \\u001b …) decoded as the parser decodes them, so that the key is found."""
    if quoted.startswith("'") or "\\" not in quoted:
        return quoted[1:-1]
    try:
        key: str = tomllib.loads(f"k = {quoted}")["k"]
        return key
    except (tomllib.TOMLDecodeError, ValueError):
        return quoted[1:-1]


def file_path(loc: Loc, data: Any) -> Loc:
    """A pydantic error location as a path into the parsed TOML document.

    Pydantic adds the tag of a discriminated union (`("shape", "rect", "min")`) and a
    `"[key]"` marker for dictionary keys; neither is in the file, so both are dropped.
    """
    path: list[str | int] = []
    node = data
    tag_may_follow = True  # the tag comes only once, right after its table (kind "message" has a key "message")
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(node, dict):
            if tag_may_follow and isinstance(part, str) and part == node.get("kind"):
                tag_may_follow = False
                continue  # the union tag pydantic put in front of the member's fields
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        tag_may_follow = True
        path.append(part)
    return tuple(path)


def readable_path(path: Loc) -> str:
    """`("crowd", 2, "count")` → `crowd[2].count`; the empty path → `level`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "level"
