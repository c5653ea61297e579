"""Undo and redo for the level editor: the whole text before each step, so that undoing gives
back the very text, byte for byte."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

MAX_STEPS = 200


class TextHistory:
    """The steps behind a text and the undone steps ahead of it, each (text, label).

    A step is recorded with the text before it; undoing it hands that text back and keeps the
    text after it for redo. Inside `group` nothing is recorded: the group is one step.
    """

    def __init__(self, max_steps: int = MAX_STEPS) -> None:
        self.max_steps = max_steps
        self._undo: list[tuple[str, str]] = []
        self._redo: list[tuple[str, str]] = []
        self.grouping: str | None = None
        """The label of the open group, None outside one."""

    def record(self, before: str, label: str) -> None:
        """A change was made to `before` (outside a group: a new step; the redo steps go)."""
        if self.grouping is not None:
            return
        self._undo.append((before, label))
        del self._undo[: -self.max_steps]
        self._redo.clear()

    @contextlib.contextmanager
    def group(self, label: str, text: Callable[[], str]) -> Iterator[None]:
        """Changes made inside are one step, recorded when the block ends if `text()` changed;
        groups inside groups join the outer one."""
        if self.grouping is not None:
            yield
            return
        before = text()
        self.grouping = label
        try:
            yield
        finally:
            self.grouping = None
            if text() != before:
                self.record(before, label)

    @property
    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone step to redo."""
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """The label of the step `undo` would take back."""
        return self._undo[-1][1] if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """The label of the step `redo` would do again."""
        return self._redo[-1][1] if self._redo else None

    def undo(self, now: str) -> str | None:
        """The text before the last step (`now` is kept for redo); None when there is none."""
        return self._step(self._undo, self._redo, now)

    def redo(self, now: str) -> str | None:
        """The text after the last undone step; None when there is none."""
        return self._step(self._redo, self._undo, now)

    def _step(self, source: list[tuple[str, str]], target: list[tuple[str, str]], now: str) -> str | None:
        if self.grouping is not None:
            raise RuntimeError(f"cannot undo or redo inside the group '{self.grouping}'")
        if not source:
            return None
        text, label = source.pop()
        target.append((now, label))
        return text
