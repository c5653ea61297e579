"""The few widgets the screens are made of: cached text, wrapped text, panels, buttons with
tooltips, and the size everything is drawn at.

Everything sizes itself from `Style`, which scales with the window (1280x720 is 1.0), so the
same screen reads the same at 1280x720 and 1920x1080. Text that does not fit its box is cut
with an ellipsis (`fit`) or wrapped (`wrap`); it never runs over the box.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from sispam.ui import palette

CACHE_SIZE = 2048  # rendered text images kept; a screen shows a few hundred at most
ELLIPSIS = "…"


class Text:
    """Renders text with pygame's default font, caching every image (text is drawn each frame)."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._images: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._fitted: dict[tuple, str] = {}
        self._wrapped: dict[tuple, list[str]] = {}

    def reset(self) -> None:
        """Forget every font and image (pygame was restarted: the old fonts are dead)."""
        self._fonts.clear()
        self._images.clear()
        self._fitted.clear()
        self._wrapped.clear()
        _BOXES.clear()

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        if not pygame.font.get_init():  # pygame was shut down (and its fonts with it) since
            pygame.font.init()
            self.reset()
        key = (size, bold)
        if key not in self._fonts:
            f = pygame.font.Font(None, size)
            f.bold = bold
            self._fonts[key] = f
        return self._fonts[key]

    def render(self, text: str, size: int, colour=palette.TEXT, bold: bool = False) -> pygame.Surface:
        key = (text, size, tuple(colour), bold)
        image = self._images.get(key)
        if image is None:
            image = self.font(size, bold).render(text, True, colour)
            self._images[key] = image
            if len(self._images) > CACHE_SIZE:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return image

    def width(self, text: str, size: int, bold: bool = False) -> int:
        return self.font(size, bold).size(text)[0]

    def fit(self, text: str, size: int, max_px: int, bold: bool = False) -> str:
        """`text`, cut with an ellipsis so that it is at most `max_px` wide."""
        key = (text, size, max_px, bold)
        fitted = self._fitted.get(key)
        if fitted is None:
            if len(self._fitted) > CACHE_SIZE:
                self._fitted.clear()
            fitted = self._fitted[key] = self._fit(text, size, max_px, bold)
        return fitted

    def _fit(self, text: str, size: int, max_px: int, bold: bool) -> str:
        if self.width(text, size, bold) <= max_px:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= max_px:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS

    def wrap(self, text: str, size: int, max_px: int, bold: bool = False) -> list[str]:
        """`text` broken into lines at most `max_px` wide (paragraphs at newlines kept); a word
        longer than a line is cut with an ellipsis."""
        key = (text, size, max_px, bold)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > CACHE_SIZE:
                self._wrapped.clear()
            lines = self._wrapped[key] = self._wrap(text, size, max_px, bold)
        return lines

    def _wrap(self, text: str, size: int, max_px: int, bold: bool) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in _words(paragraph):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= max_px:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = self.fit(word, size, max_px, bold)
            lines.append(line)
        return lines


# A number and its unit are one word to the wrapping ("2 s" was cut into "2" and "s").
_NUMBER_UNIT = re.compile(r"(\d) (?=(?:s|m|kN|N|m/s|m²|/m²|%|km)(?![\w/²]))")


def _words(paragraph: str) -> list[str]:
    """The words of `paragraph` for wrapping; a number keeps its unit."""
    return [w.replace("\x00", " ") for w in _NUMBER_UNIT.sub("\\1\x00", paragraph).split()]


TEXT = Text()


@dataclass(frozen=True, slots=True)
class Style:
    """Sizes for a window: fonts and spacing grow with it."""

    scale: float

    @classmethod
    def for_window(cls, size: tuple[int, int]) -> Style:
        return cls(max(0.75, min(size[0] / 1280, size[1] / 720, 2.0)))

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    @property
    def small(self) -> int:
        return self.px(16)

    @property
    def body(self) -> int:
        return self.px(19)

    @property
    def heading(self) -> int:
        return self.px(26)

    @property
    def title(self) -> int:
        return self.px(48)

    @property
    def pad(self) -> int:
        return self.px(8)


_BOXES: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def panel(surf: pygame.Surface, rect: pygame.Rect, fill=palette.PANEL, border=palette.PANEL_BORDER) -> None:
    """A translucent box with a border (the translucent fill is made once per size)."""
    if len(fill) == 4 and fill[3] < 255:
        key = (rect.size, tuple(fill))
        box = _BOXES.get(key)
        if box is None:
            box = _BOXES[key] = pygame.Surface(rect.size, pygame.SRCALPHA)
            box.fill(fill)
            if len(_BOXES) > 64:
                _BOXES.popitem(last=False)
        surf.blit(box, rect.topleft)
    else:
        pygame.draw.rect(surf, fill, rect)
    pygame.draw.rect(surf, border, rect, 1)


def blit_text(surf: pygame.Surface, text: str, size: int, pos: tuple[int, int], max_px: int | None = None,
              colour=palette.TEXT, bold: bool = False, anchor: str = "topleft") -> pygame.Rect:
    """Draw one line of text (cut to `max_px` if given); returns where it went."""
    if max_px is not None:
        text = TEXT.fit(text, size, max_px, bold)
    image = TEXT.render(text, size, colour, bold)
    rect = image.get_rect(**{anchor: pos})
    surf.blit(image, rect)
    return rect


def blit_wrapped(surf: pygame.Surface, text: str, size: int, rect: pygame.Rect, colour=palette.TEXT,
                 line_gap: int = 2, first_line: int = 0) -> tuple[int, bool]:
    """Draw `text` wrapped into `rect` from its `first_line`, clipped to the box. A scroll never
    goes past the text: returns the first line drawn (at most the one that puts the last line at
    the bottom) and whether the text is longer than the box."""
    lines = TEXT.wrap(text, size, rect.width)
    h = TEXT.font(size).get_linesize() + line_gap
    first_line = max(0, min(first_line, len(lines) - rect.height // h))
    y = rect.top
    for line in lines[first_line:]:
        if y + h - line_gap > rect.bottom:
            break
        surf.blit(TEXT.render(line, size, colour), (rect.left, y))
        y += h
    return first_line, len(lines) * h > rect.height


@dataclass(slots=True)
class Button:
    """A clickable box with a label, an optional hotkey shown in its corner and a tooltip.

    Attributes:
        rect: where it is.
        label: the text on it (already translated).
        action: called when it is clicked or its hotkey pressed.
        tooltip: shown when the pointer rests on it (already translated).
        hotkey: a pygame key constant, or None.
        hotkey_label: how the hotkey is shown on the button ("H", "F1", "Space").
        enabled: a disabled button is drawn grey, explains itself in its tooltip and does nothing.
        active: drawn pressed (a toggle that is on, the current speed).
        swatch: a colour square before the label.
    """

    rect: pygame.Rect
    label: str
    action: Callable[[], None]
    tooltip: str = ""
    hotkey: int | None = None
    hotkey_label: str = ""
    enabled: bool = True
    active: bool = False
    swatch: tuple | None = None

    def draw(self, surf: pygame.Surface, style: Style, hovered: bool) -> None:
        if not self.enabled:
            fill = palette.BUTTON_DISABLED
        elif self.active:
            fill = palette.BUTTON_ACTIVE
        else:
            fill = palette.BUTTON_HOVER if hovered else palette.BUTTON
        pygame.draw.rect(surf, fill, self.rect, border_radius=style.px(4))
        pygame.draw.rect(surf, palette.PANEL_BORDER, self.rect, 1, border_radius=style.px(4))
        colour = palette.TEXT if self.enabled else palette.TEXT_DISABLED
        size = style.body if self.rect.height >= style.px(36) else style.small
        left = self.rect.left + style.pad
        right = self.rect.right - style.pad
        if self.swatch is not None:
            sw = style.px(12)
            pygame.draw.rect(surf, self.swatch, (left, self.rect.centery - sw // 2, sw, sw))
            pygame.draw.rect(surf, palette.PANEL_BORDER, (left, self.rect.centery - sw // 2, sw, sw), 1)
            left += sw + style.pad // 2
        if self.hotkey_label:
            key_img = TEXT.render(self.hotkey_label, style.small, palette.TEXT_MUTED)
            right -= key_img.get_width() + style.pad // 2
            surf.blit(key_img, key_img.get_rect(midright=(self.rect.right - style.pad // 2, self.rect.centery)))
        if size != style.small and TEXT.font(size).size(self.label)[0] > right - left:
            size = style.small  # a long label ("+ Satuan" on a narrow tool button) shrinks before it is cut
        label = TEXT.fit(self.label, size, max(right - left, 1))
        image = TEXT.render(label, size, colour)
        if self.swatch is None and not self.hotkey_label:
            surf.blit(image, image.get_rect(center=self.rect.center))
        else:
            surf.blit(image, image.get_rect(midleft=(left, self.rect.centery)))


class Buttons:
    """The buttons of a screen: drawing, hover, clicks, hotkeys and the tooltip of the one under
    the pointer."""

    def __init__(self, on_click: Callable[[], None] | None = None) -> None:
        """`on_click` is called when a button acts (the click's sound)."""
        self.items: list[Button] = []
        self.mouse = (-1, -1)
        self._on_click = on_click

    def _act(self, button: Button) -> None:
        if self._on_click is not None:
            self._on_click()
        button.action()

    def clear(self) -> None:
        self.items.clear()

    def add(self, button: Button) -> Button:
        self.items.append(button)
        return button

    def at(self, pos: tuple[int, int]) -> Button | None:
        for b in reversed(self.items):
            if b.rect.collidepoint(pos):
                return b
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        """Act on a click or hotkey meant for a button; True if one took the event."""
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.mouse = event.pos
            b = self.at(event.pos)
            if b is None:
                return False
            if b.enabled:
                self._act(b)
            return True  # a click on a disabled button is still not a click on the map
        if event.type == pygame.KEYDOWN:
            for b in self.items:
                if b.hotkey is not None and b.hotkey == event.key and b.enabled:
                    self._act(b)
                    return True
        return False

    def draw(self, surf: pygame.Surface, style: Style) -> None:
        hovered = self.at(self.mouse)
        for b in self.items:
            b.draw(surf, style, b is hovered)

    def draw_tooltip(self, surf: pygame.Surface, style: Style) -> pygame.Rect | None:
        """The tooltip of the button under the pointer, if any; returns where it went."""
        b = self.at(self.mouse)
        if b is not None and b.tooltip:
            return tooltip(surf, style, b.tooltip, self.mouse)
        return None


def tooltip(surf: pygame.Surface, style: Style, text: str, at: tuple[int, int]) -> pygame.Rect:
    """A wrapped text box by the pointer, kept inside the window; returns where it went."""
    width = min(style.px(360), surf.get_width() - 2 * style.pad)
    lines = TEXT.wrap(text, style.small, width - 2 * style.pad)
    line_h = TEXT.font(style.small).get_linesize()
    w = max(TEXT.width(line, style.small) for line in lines) + 2 * style.pad
    h = line_h * len(lines) + 2 * style.pad
    x = min(at[0] + style.px(14), surf.get_width() - w - 2)
    y = at[1] + style.px(18)
    if y + h > surf.get_height() - 2:
        y = at[1] - h - style.px(6)
    rect = pygame.Rect(max(2, x), max(2, y), w, h)
    panel(surf, rect, palette.TOOLTIP)
    for i, line in enumerate(lines):
        surf.blit(TEXT.render(line, style.small), (rect.left + style.pad, rect.top + style.pad + i * line_h))
    return rect


def column(left: int, top: int, width: int, height: int, gap: int, count: int) -> list[pygame.Rect]:
    """`count` rects of `width` x `height` stacked from (left, top) with `gap` between."""
    return [pygame.Rect(left, top + i * (height + gap), width, height) for i in range(count)]


@dataclass
class TextField:
    """A one-line text box: click to type in it (typed text arrives as TEXTINPUT events),
    Backspace deletes, Tab or a click elsewhere leaves it."""

    rect: pygame.Rect
    value: str = ""
    placeholder: str = ""
    focused: bool = False
    max_chars: int = 40
    secret: bool = False  # shown as stars (a PIN)
    digits: bool = False  # takes digits only (a PIN): other typed characters are dropped

    def handle(self, event: pygame.event.Event) -> bool:
        """Take a click, typed text or Backspace meant for the field; True if taken."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.focused = self.rect.collidepoint(event.pos)
            return self.focused
        if not self.focused:
            return False
        if event.type == pygame.TEXTINPUT:
            typed = "".join(c for c in event.text if c.isprintable() and (c.isdigit() or not self.digits))
            self.value = (self.value + typed)[: self.max_chars]
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
            return True
        return False

    def draw(self, surf: pygame.Surface, style: Style) -> None:
        pygame.draw.rect(surf, palette.BUTTON_HOVER, self.rect, border_radius=style.px(4))
        pygame.draw.rect(surf, palette.SELECTION if self.focused else palette.PANEL_BORDER, self.rect,
                         2 if self.focused else 1, border_radius=style.px(4))
        inner = self.rect.inflate(-2 * style.pad, 0)
        shown = ("*" * len(self.value) if self.secret else self.value) or self.placeholder
        colour = palette.TEXT if self.value else palette.TEXT_MUTED
        image = TEXT.render(TEXT.fit(shown, style.body, max(inner.width - style.px(8), 1)), style.body, colour)
        at = image.get_rect(midleft=inner.midleft)
        surf.blit(image, at)
        if self.focused:
            x = at.right + 1 if self.value else inner.left
            pygame.draw.line(surf, palette.TEXT, (x, at.top + 2), (x, at.bottom - 2), 2)
