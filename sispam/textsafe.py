"""Text from files and command lines, made safe to print: control characters (terminal
escapes, NUL, line breaks) shown as escapes, and overlong runs (a number of thousands of
digits, a name of a megabyte) shortened, so that a message about bad input stays one readable
line and cannot drive the terminal."""

from __future__ import annotations

import re
import sys

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # and lone surrogates: unprintable
_LONG_RUN = re.compile(r"\S{241,}")
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{%d,}" % (sys.get_int_max_str_digits() - 1 if sys.get_int_max_str_digits() else 4299))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}" if ord(char) < 0x100
                                                       else f"\\u{ord(char):04x}")


def _shorten(match: re.Match[str]) -> str:
    run = match.group()
    return f"{run[:48]}…{run[-16:]} ({len(run):,} characters)"


def printable(text: object) -> str:
    """`text` with control characters escaped and each run of more than 240 non-blank
    characters shortened to its ends and its length."""
    return _LONG_RUN.sub(_shorten, _CONTROL.sub(_escape, str(text)))


def long_number_line(text: str) -> int:
    """The line of the first number too long for Python to read (0 if none is found)."""
    match = _LONG_NUMBER.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def too_long_number() -> str:
    return (f"a number with more than {sys.get_int_max_str_digits() or 4300:,} digits: "
            "no value in this file can be that long")


SURROGATE_PROBLEM = "a character that is not text (a lone UTF-16 surrogate escape such as \\ud800)"
# A high surrogate escape not followed by a low one, or a low one not after a high one: an
# emoji's pair (\ud83d\ude00) is one character and is not matched.
_LONE_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                          r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(text: str, data: object) -> tuple[object, int]:
    """`data` (parsed from the JSON `text`) with every lone UTF-16 surrogate in its strings (a
    `\\ud800` escape that names no character; it cannot be printed, drawn or written as UTF-8)
    replaced by U+FFFD, and the line of the first such escape in `text` (0 if there is none).
    The walk keeps its own stack: a deep nesting that the JSON reader took is no RecursionError."""
    first = _LONE_ESCAPE.search(text)
    if first is None:
        return data, 0

    def clean(value: str) -> str:
        return _SURROGATE.sub("\ufffd", value)

    root: list[object] = [data]
    stack: list[tuple[object, object]] = [(root, 0)]  # (container, key) of each value still to look at
    while stack:
        container, key = stack.pop()
        value = container[key]  # type: ignore[index]
        if isinstance(value, str):
            container[key] = clean(value)  # type: ignore[index]
        elif isinstance(value, list):
            stack.extend((value, k) for k in range(len(value)))
        elif isinstance(value, dict):
            renamed = {clean(k) if isinstance(k, str) else k: v for k, v in value.items()}
            value.clear()
            value.update(renamed)
            stack.extend((value, k) for k in value)
    return root[0], text.count("\n", 0, first.start()) + 1


def text_path(path: object) -> str:
    """A file path as text that can be written as UTF-8 (into a report, a replay, the records): a
    name that is not UTF-8 on disk (Python keeps its bytes as surrogates) gets U+FFFD for them."""
    name = path if isinstance(path, str) else str(path)
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no byte stands for (a Windows name, "\ud800")
        return _SURROGATE.sub("\ufffd", name)
