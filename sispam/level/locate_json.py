"""Find the line of a value in JSON source, since Python's `json` keeps no positions.

`JsonLines(text)` works like `sispam.level.locate.TomlLines`: it scans the text once and
remembers the line where each object key and each array element starts, keyed by its path,
e.g. `("orders", 3, "point")`. It assumes text that `json` has already accepted and only reads.
"""

from __future__ import annotations

import json

from sispam.level.locate import Loc, SourceLines

_WHITESPACE = frozenset(" \t\r\n")
_SCALAR_ENDS = frozenset(",]}") | _WHITESPACE


class JsonLines(SourceLines):
    """Lines of the keys and array elements of one JSON text.

    Attributes:
        duplicates: keys given twice in the same object, as (path, line of the repeat); `json`
            silently keeps the last, TOML refuses them, and so do plans.
    """

    def __init__(self, text: str) -> None:
        self.duplicates: list[tuple[Loc, int]] = []
        super().__init__(text)

    def _document(self) -> None:
        self._skip_blank()
        self._value(())

    def _skip_blank(self) -> None:
        while self._peek() in _WHITESPACE and self._peek() != "":
            self._advance()

    def _value(self, path: Loc) -> None:
        c = self._peek()
        if c == "{":
            self._object(path)
        elif c == "[":
            self._array(path)
        elif c == '"':
            self._string()
        else:
            while self._peek() not in _SCALAR_ENDS and self._peek() != "":
                self._advance()

    def _object(self, path: Loc) -> None:
        self._advance()  # {
        while True:
            self._skip_blank()
            if self._peek() in ("}", ""):
                self._advance()
                return
            start = self._i
            self._string()
            key = json.loads(self._text[start : self._i])
            if (*path, key) in self.lines:
                self.duplicates.append(((*path, key), self._line))
            self._remember((*path, key))
            self._skip_blank()
            self._advance()  # :
            self._skip_blank()
            self._value((*path, key))
            self._skip_blank()
            if self._peek() != ",":
                self._advance()  # }
                return
            self._advance()

    def _string(self) -> None:
        self._advance()  # opening quote
        while self._i < len(self._text):
            c = self._peek()
            if c == "\\":
                self._advance(2)
            elif c == '"':
                self._advance()
                return
            else:
                self._advance()
        raise ValueError("unterminated string")
