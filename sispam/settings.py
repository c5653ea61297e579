"""The player's settings (language, window, sound, tutorial hints, the instructor's PIN, the last
trainee's name and group), kept in `settings.json` in
the per-user data folder (`sispam.userdata.data_dir`).

A damaged file never stops the game: each bad field falls back to its default, the good ones are
kept, and every problem comes back as a line naming the file and the field, e.g.
`.../settings.json: volume: must be a number from 0 to 1, not "loud"`.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sispam.atomic import OutputError
from sispam.userdata import data_dir, kind_of, read_json, shown, write_json

FILE_NAME = "settings.json"
LANGUAGES = ("id", "en")
WINDOW_MIN = (640, 480)
WINDOW_MAX = (7680, 4320)


def _lang(value: object) -> str:
    if isinstance(value, str) and value in LANGUAGES:
        return value
    raise ValueError(f'must be "id" or "en", not {shown(value)}')


def _window(value: object) -> tuple[int, int]:
    if (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and all(lo <= v <= hi for v, lo, hi in zip(value, WINDOW_MIN, WINDOW_MAX, strict=True))):
        return int(value[0]), int(value[1])
    raise ValueError(f"must be [width, height] in pixels, from {list(WINDOW_MIN)} to {list(WINDOW_MAX)}, "
                     f"not {shown(value)}")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {shown(value)}")


def _maybe_flag(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"must be true, false or null (not chosen yet), not {shown(value)}")


def _volume(value: object) -> float:
    if (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= 1):
        return float(value)
    raise ValueError(f"must be a number from 0 to 1, not {shown(value)}")


def _pin_hash(value: object) -> str:
    if isinstance(value, str) and (value == "" or re.fullmatch(r"[0-9a-f]{64}", value)):
        return value
    raise ValueError(f"must be \"\" (no PIN) or a PIN's SHA-256 in hex, not {shown(value)}")


TRAINEE_MAX_CHARS = 40  # as many as the briefing's fields take


def _trainee(value: object) -> str:
    if isinstance(value, str) and len(value) <= TRAINEE_MAX_CHARS and value.isprintable():
        return value.strip()
    raise ValueError(f"must be a line of at most {TRAINEE_MAX_CHARS} characters, not {shown(value)}")


def trainee_line(text: str) -> str:
    """`text` as a trainee's name or group can be kept: printable characters only, stripped,
    at most `TRAINEE_MAX_CHARS` (a replay from elsewhere may carry anything)."""
    return "".join(ch for ch in text if ch.isprintable()).strip()[:TRAINEE_MAX_CHARS].strip()


# Each field's check takes the value as read from JSON (or given in code) and returns it in its
# stored type, or raises ValueError saying what it must be.
_CHECKS: dict[str, Callable[[object], object]] = {
    "lang": _lang,
    "window": _window,
    "fullscreen": _flag,
    "volume": _volume,
    "tutorial_hints": _flag,
    "legend": _maybe_flag,
    "instructor_pin": _pin_hash,
    "trainee_name": _trainee,
    "trainee_group": _trainee,
}


@dataclass(slots=True, frozen=True)
class Settings:
    """The player's settings. Change one with `dataclasses.replace`, which checks it again.

    Attributes:
        lang: language of every visible string, "id" (Bahasa Indonesia) or "en".
        window: window size in pixels (width, height), from 640×480 to 7680×4320.
        fullscreen: start in fullscreen.
        volume: master sound volume, 0 (silent) to 1.
        tutorial_hints: show the in-game hints of the tutorial level.
        legend: show the play screen's legend (what the colours mean), as the player last chose
            with its button or K; None until he has: shown on the campaign's first level only.
        instructor_pin: the SHA-256 (hex) of the PIN that opens the instructor panel during an
            exercise, "" for none (`pin_hash`, `pin_matches`).
        trainee_name: the name last entered at a briefing (for the training records), offered
            at the next one, in this session or the next launch; "" for none yet.
        trainee_group: the group (class, platoon) entered with it.

    Raises:
        ValueError: a field is out of range or of the wrong type; the message names the field.
    """

    lang: str
    window: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    volume: float = 0.7
    tutorial_hints: bool = True
    legend: bool | None = None
    instructor_pin: str = ""
    trainee_name: str = ""
    trainee_group: str = ""

    def __post_init__(self) -> None:
        for name, check in _CHECKS.items():
            try:
                object.__setattr__(self, name, check(getattr(self, name)))
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None


PIN_DIGITS = (4, 8)


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be the instructor's PIN (4 to 8 digits), or None."""
    lo, hi = PIN_DIGITS
    return None if pin.isascii() and pin.isdigit() and lo <= len(pin) <= hi else f"a PIN is {lo} to {hi} digits"


def pin_hash(pin: str) -> str:
    """What the settings keep of a PIN: its SHA-256 with the game's name as salt (the file never
    holds the PIN itself)."""
    return hashlib.sha256(f"sispam-instructor:{pin}".encode()).hexdigest()


def pin_matches(settings: Settings, pin: str) -> bool:
    """Whether `pin` opens the instructor panel (any does when no PIN is set)."""
    return not settings.instructor_pin or hmac.compare_digest(pin_hash(pin), settings.instructor_pin)


def within_desktop(size: tuple[int, int], desktop: tuple[int, int] | None) -> tuple[int, int]:
    """`size` shrunk to fit `desktop` (the screen's size; None if unknown), never below the
    smallest window: a window taller than the screen hides its bottom row of buttons."""
    if desktop is None or desktop[0] <= 0 or desktop[1] <= 0:
        return size
    return (max(WINDOW_MIN[0], min(size[0], desktop[0])), max(WINDOW_MIN[1], min(size[1], desktop[1])))


def fit_window(size: tuple[int, int]) -> tuple[int, int]:
    """`size` (width, height in pixels) brought within the range `Settings.window` accepts, for a
    window the player resized beyond it."""
    return (min(max(int(size[0]), WINDOW_MIN[0]), WINDOW_MAX[0]),
            min(max(int(size[1]), WINDOW_MIN[1]), WINDOW_MAX[1]))


def settings_path() -> Path:
    """Where the settings live: `settings.json` in the per-user data folder."""
    return data_dir(create=False) / FILE_NAME


def load_settings(default_lang: str, path: Path | None = None) -> tuple[Settings, list[str]]:
    """The saved settings, with defaults for whatever is missing or bad, and the problems found.

    Never raises for a bad, unreadable or oversized file: the affected settings get their
    defaults and each problem is one line naming the file (and the field, if it is one field).

    Args:
        default_lang: the language when none is saved, usually `sispam.ui.i18n.system_language()`.
        path: the settings file; `settings_path()` if None.
    """
    defaults = Settings(lang=default_lang)
    try:
        path = path if path is not None else settings_path()
    except OutputError as e:  # no home folder to keep them in
        return defaults, [f"{e}; using the default settings"]
    data, problems = read_json(path)
    if data is None:
        if problems:
            problems[-1] += "; using the default settings"
        return defaults, problems
    if not isinstance(data, dict):
        return defaults, [(f"{path}: must be a JSON object of settings, not {kind_of(data)}; "
                           f"using the default settings")]
    values: dict[str, object] = {}
    for key, value in data.items():
        check = _CHECKS.get(key)
        if check is None:
            problems.append(f"{path}: {shown(key)}: unknown setting, ignored")
            continue
        try:
            values[key] = check(value)
        except ValueError as e:
            problems.append(f"{path}: {key}: {e}")
    return Settings(**{**asdict(defaults), **values}), problems


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write `settings` to `path` (`settings_path()` if None) atomically, making its folder.

    Raises:
        sispam.atomic.OutputError: the file cannot be written; the message names it and why.
    """
    path = path if path is not None else settings_path()
    data = asdict(settings)
    data["window"] = list(settings.window)
    write_json(path, data)
