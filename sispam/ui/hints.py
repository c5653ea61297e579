"""Tutorial hints in the campaign: short lines that teach an order when it is needed, in the
trainee's own play.

The first level walks through the controls (select, zoom, the line across the gate and its
rope, appeal, negotiation, pause and speed) and explains what the trainee sees (why the
orderly crowd turns yellow, the feed). Each later level has a first-time hint for each order it
is the first to need (brace and lapis ganti in campaign 2, arrests in 3, ...). The hints are
catalogue lines `hint.<key>` in both languages.

A hint becomes due when what it waits for has happened: another hint closed (`after`), and/or
something in the world (`when`: a time, an event on the timeline, the share of the crowd that
is pasif). It closes when the trainee does one of the actions in `done_by` (at any time: an
order given before its hint is due skips the hint), after `read_s` seconds on screen, or when
he clicks it away. One hint shows at a time: the first due one that waits for the world (they
are timely), else the first due one of the walk-through. Hints never pause or block play, and
they only read the world: the simulation runs the same with or without them.

Actions the play screen reports (`done`): "select", "zoom", "pan", "pause", "resume", "speed",
and "order.<kind>" for every order given (`OrderKind`'s values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from sispam.sim.crowd import Behaviour

if TYPE_CHECKING:
    from sispam.sim.world import World


class Trigger(Protocol):
    def holds(self, world: World, seen: set[str]) -> bool:
        """Whether it has happened; `seen`: the timeline's events so far, as `Happened` keys."""
        ...


@dataclass(frozen=True, slots=True)
class At:
    """The simulation clock has reached `t_s`."""

    t_s: float

    def holds(self, world: World, seen: set[str]) -> bool:
        return world.t + 1e-9 >= self.t_s


@dataclass(frozen=True, slots=True)
class Happened:
    """An event of this kind is on the world's timeline; with `what`, the one whose id, unit
    or group is `what` (a scripted event's id, the unit that arrived)."""

    kind: str
    what: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.what}" if self.what else self.kind

    def holds(self, world: World, seen: set[str]) -> bool:
        return self.key in seen


@dataclass(frozen=True, slots=True)
class Pasif:
    """At least `share` of the crowd on its feet is pasif or beyond (drawn yellow, orange,
    red): of at least `least` people."""

    share: float
    least: int = 20

    def holds(self, world: World, seen: set[str]) -> bool:
        n = world.mood.counts()
        here = sum(n[b.name.lower()] for b in Behaviour)
        beyond = here - n[Behaviour.TERTIB.name.lower()]
        return here >= self.least and beyond >= self.share * here


@dataclass(frozen=True, slots=True)
class Hint:
    """One hint: the catalogue line `hint.<key>`; see the module docstring for the rest.
    `unit`: the unit type whose hotkey (1-9) fills `{n}` in the line."""

    key: str
    done_by: tuple[str, ...] = ()
    after: str | None = None
    when: Trigger | None = None
    read_s: float | None = None
    unit: str | None = None


READ_S = 16.0  # a hint that explains (and waits for no action) stays this long, or until clicked away

# The first level: the walk-through, and what the trainee will see happen.
FIRST_LEVEL: tuple[Hint, ...] = (
    Hint("select", ("select",), unit="dalmas_awal"),
    Hint("zoom", ("zoom", "pan"), after="select"),
    Hint("line", ("order.form",), after="zoom"),
    Hint("rope", (), after="line", read_s=12.0),
    # The appeal when there is a crowd to hear it (a trainee told at once gave it to an empty road).
    Hint("appeal", ("order.appeal",), after="rope", when=Happened("scripted_event", "massa-tiba"), unit="negosiator"),
    Hint("negotiate", ("order.negotiate",), when=Happened("scripted_event", "massa-tiba"), unit="negosiator"),
    Hint("yellow", (), when=Pasif(0.3), read_s=READ_S + 4),
    Hint("pause", ("pause",), after="negotiate"),
    Hint("resume", ("resume", "speed"), after="pause"),
    Hint("feed", (), when=Happened("scripted_event", "isu-kecurangan"), read_s=READ_S),
)

# Later levels: the first time an order is needed.
LEVEL_HINTS: dict[str, tuple[Hint, ...]] = {
    "campaign_1_hijau": FIRST_LEVEL,
    "campaign_2_dorong": (
        Hint("brace", ("order.brace",), when=At(35), unit="dalmas_awal"),
        Hint("lapis_ganti", ("order.lapis_ganti",), when=Happened("unit_arrived", "dalmas-lanjut-1"),
             unit="dalmas_lanjut"),
        Hint("evacuate", ("order.evacuate",), when=Happened("civilian_injured"), unit="ambulance"),
    ),
    "campaign_3_provokator": (
        Hint("arrest", ("order.arrest",), when=Happened("scripted_event", "provokator-menyusup"), unit="tim_tangkap"),
    ),
    "campaign_4_batu_ban": (
        Hint("berlindung", ("order.berlindung",), when=Happened("first_projectile"), unit="dalmas_lanjut"),
        Hint("extinguish", ("order.extinguish",), when=Happened("fire_lit"), unit="damkar"),
    ),
    "campaign_5_anarki": (
        Hint("request", ("order.request",), when=At(0), unit="brimob_phh"),
        Hint("lintas_ganti", ("order.lintas_ganti",), when=Happened("unit_arrived", "brimob-phh-1"),
             unit="brimob_phh"),
        Hint("dispersal", ("order.perintah_bubar",), when=At(300), read_s=2 * READ_S, unit="negosiator"),
    ),
    "campaign_6_dua_lokasi": (
        Hint("two_sites", ("order.request",), when=At(0), read_s=2 * READ_S),
    ),
}


@dataclass(slots=True)
class Hints:
    """The tutorial of one level: which hints are closed, which are due, which shows.

    Args:
        enabled: whether this play shows hints at all (a campaign level, the setting on).
        level: the level's id (`LEVEL_HINTS`); a level with no hints shows none.
    """

    enabled: bool
    level: str = "campaign_1_hijau"
    finished: set[str] = field(default_factory=set)  # closed hints and actions done
    hints: tuple[Hint, ...] = ()
    due: set[str] = field(default_factory=set)
    shown_s: float = 0.0  # how long the current hint has been on screen
    _seen: set[str] = field(default_factory=set)
    _read: int = 0
    _last: str | None = None

    def __post_init__(self) -> None:
        self.hints = LEVEL_HINTS.get(self.level, ()) if self.enabled else ()

    def done(self, action: str) -> None:
        """The trainee did `action` (or closed the hint of that key)."""
        self.finished.add(action)

    def dismiss(self) -> None:
        """The trainee clicked the current hint away."""
        if self.current is not None:
            self.finished.add(self.current)

    def _closed(self, hint: Hint) -> bool:
        return hint.key in self.finished or any(a in self.finished for a in hint.done_by)

    def update(self, world: World, dt_s: float) -> None:
        """Read what happened in the world since the last call; count the current hint's time
        on screen (`dt_s`, real seconds) and close it when it has been read."""
        if not self.hints:
            return
        events = world.events
        while self._read < len(events):
            e = events[self._read]
            self._read += 1
            self._seen.add(e.kind)
            what = e.detail.get("id") or e.detail.get("unit") or e.detail.get("group")
            if isinstance(what, str):
                self._seen.add(f"{e.kind}:{what}")
        for hint in self.hints:
            if hint.when is not None and hint.key not in self.due and not self._closed(hint) \
                    and hint.when.holds(world, self._seen):
                self.due.add(hint.key)
        current = self.current
        if current != self._last:
            self._last, self.shown_s = current, 0.0
        elif current is not None:
            self.shown_s += dt_s
            hint = self._hint(current)
            if hint.read_s is not None and self.shown_s >= hint.read_s:
                self.finished.add(current)

    def _hint(self, key: str) -> Hint:
        return next(h for h in self.hints if h.key == key)

    def _ready(self, hint: Hint) -> bool:
        if self._closed(hint):
            return False
        if hint.after is not None and not self._closed(self._hint(hint.after)):
            return False
        return hint.when is None or hint.key in self.due

    @property
    def current(self) -> str | None:
        """The key of the hint to show now, None when there is none."""
        ready = [h for h in self.hints if self._ready(h)]
        timely = [h for h in ready if h.when is not None]
        first = (timely or ready or [None])[0]
        return None if first is None else first.key

    def unit_type(self) -> str | None:
        """The unit type whose hotkey the current hint names, if any."""
        key = self.current
        return None if key is None else self._hint(key).unit
