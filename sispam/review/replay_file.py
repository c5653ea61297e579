"""Replay files: a `Recording` as versioned JSON, written atomically and read back with every
problem named (file, line, key), never executed.

The file is one JSON object:

    {"format": "sispam-replay", "version": 1, "game_version": "0.1.0",
     "level": {"id": ..., "file": "levels/....toml", "sha256": ...},
     "seed": 7, "dt": 0.05, "end_step": 7200,
     "branch_of": null or {"replay": "....sispam-replay.json", "at_t": 60.0},
     "trainee": {"name": ..., "group": ...}, "played_at": "2026-12-06T10:00:00" (kept runs; else ""),
     "live_injects": true (the world had the injects' reserve: `sispam.sim.injects.with_reserve`),
     "machine": {"platform": ..., "numpy_simd": ..., ...} (who recorded it: `sispam.review.fingerprint`),
     "plan": {"schema_version": 1, "level": ..., "orders": [...], "injects": [...]},
     "checkpoints": [[step, state hash], ...],
     "samples": {"t": [...], "tertib": [...], ...},
     "peaks": {"cell_m": 1.0, "shape": [rows, columns], "density_ppm2": ..., "pressure": ...},
     "report": {...}}

`plan` is an order plan exactly as `game.py run --plan` reads one (its orders and injects are
checked the same way); the peak grids are float32 arrays, zlib-compressed and base64-encoded. A replay is
tied to its level by the SHA-256 of the level file's bytes: `level_for` finds the file (beside
the replay, where it was, or where the caller says) and refuses it if it has changed."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import AllowInfNan, BaseModel, ConfigDict, Field, StrictBool, ValidationError

from sispam.atomic import OutputError, atomic_text
from sispam.jsonsafe import finite
from sispam.level.errors import LevelError, Problem
from sispam.level.fieldtypes import FileModel, LevelId, Number, Whole
from sispam.level.limits import MAX_DURATION_S
from sispam.level.load import read_level_text
from sispam.level.locate import Loc, SourceLines, file_path, readable_path
from sispam.level.locate_json import JsonLines
from sispam.level.messages import describe
from sispam.level.plan import PLAN_SCHEMA_VERSION, plan_injects, plan_orders
from sispam.resources import levels_dir
from sispam.review.recording import SAMPLE_KEYS, Recording, file_sha256
from sispam.sim.injects import Inject, InjectKind, with_reserve
from sispam.sim.params import DT_S
from sispam.sim.police.orders import Order, OrderKind
from sispam.sim.scenario import Scenario
from sispam.textsafe import SURROGATE_PROBLEM, lone_surrogates, long_number_line, too_long_number
from sispam.userdata import data_dir

FORMAT = "sispam-replay"
VERSION = 1
SUFFIX = ".sispam-replay.json"
MAX_GRID_CELLS = 4_000_000
MAX_STEPS = round(MAX_DURATION_S / 0.01)
Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class LevelRef(FileModel):
    id: LevelId
    file: Annotated[str, Field(min_length=1, max_length=4096)]
    sha256: Hex64


class BranchRef(FileModel):
    replay: Annotated[str, Field(max_length=4096)]
    at_t: Annotated[Number, Field(ge=0, le=MAX_DURATION_S)]


class Peaks(FileModel):
    cell_m: Annotated[Number, Field(gt=0, le=100)]
    shape: tuple[Annotated[Whole, Field(ge=1, le=10_000)], Annotated[Whole, Field(ge=1, le=10_000)]]
    density_ppm2: Annotated[str, Field(max_length=40_000_000)]
    pressure: Annotated[str, Field(max_length=40_000_000)]


class _Open(BaseModel):
    """A part of the run report: the keys the debrief reads are checked, others are kept."""

    model_config = ConfigDict(extra="allow")


Finite = Annotated[float, AllowInfNan(False)]
Time = Annotated[float, AllowInfNan(False), Field(ge=0, le=MAX_DURATION_S)]
Count = Annotated[int, Field(ge=0, le=10**9)]
ORDER_NAMES = tuple(str(k) for k in OrderKind)


class _Bilingual(_Open):
    id: Annotated[str, Field(max_length=2000)]
    en: Annotated[str, Field(max_length=2000)]


class _Objective(_Open):
    id: Annotated[str, Field(max_length=200)]
    status: Literal["pending", "met", "failed"]
    required: bool = True
    text: _Bilingual | None = None


class _Score(_Open):
    total: Finite
    parts: dict[str, Finite] = Field(default_factory=dict)


class _Situation(_Open):
    worst: Literal["hijau", "kuning", "merah"]
    seconds: dict[str, Finite] = Field(default_factory=dict)


class _Order(_Open):
    t: Time
    effective_t: Time | None = None  # the debrief reads it (a word there stopped the export)
    order: Literal[ORDER_NAMES]  # type: ignore[valid-type]
    stage: Annotated[int, Field(ge=0, le=5)] = 0
    unit: str = ""


class _Event(_Open):
    t: Time
    event: Annotated[str, Field(max_length=100)]


class _Applied(_Open):
    t: Time
    unit: str = ""
    order: Literal[ORDER_NAMES]  # type: ignore[valid-type]
    stage: Annotated[int, Field(ge=0, le=5)] = 0
    by_class: dict[str, Count] = Field(default_factory=dict)
    violation: bool = False


class _Ladder(_Open):
    audit: list[_Applied] = Field(default_factory=list)


class _Metrics(_Open):
    injuries: dict[str, Count] = Field(default_factory=dict)
    arrests: dict[str, Count] = Field(default_factory=dict)


class _Report(_Open):
    outcome: Literal["won", "lost", "incomplete"]
    score: _Score
    objectives: list[_Objective] = Field(default_factory=list)
    situation: _Situation
    orders: list[_Order] = Field(default_factory=list)
    timeline: list[_Event] = Field(default_factory=list)
    metrics: _Metrics
    force_ladder: _Ladder = Field(default_factory=_Ladder)


class ReplayFile(FileModel):
    """The envelope of a replay (the orders are checked as an order plan's)."""

    format: str
    version: Whole
    game_version: Annotated[str, Field(max_length=40)]
    level: LevelRef
    seed: Annotated[Whole, Field(ge=0, lt=2**63)]
    dt: Annotated[Number, Field(gt=0, le=1)]
    end_step: Annotated[Whole, Field(ge=0, le=MAX_STEPS)]
    branch_of: BranchRef | None = None
    trainee: dict[str, Annotated[str, Field(max_length=200)]] = Field(default_factory=dict, max_length=8)
    played_at: Annotated[str, Field(max_length=40, pattern=r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)?$")] = ""
    live_injects: StrictBool = False
    machine: dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=300)]] = Field(
        default_factory=dict, max_length=20)
    plan: dict[str, Any]
    checkpoints: list[tuple[Annotated[Whole, Field(ge=0, le=MAX_STEPS)], Hex64]] = Field(min_length=1, max_length=100_000)
    samples: dict[str, list[Any]]
    peaks: Peaks
    report: _Report


def _order_entry(order: Order) -> dict[str, Any]:
    """An order as an order plan's entry (the keys of `sispam.level.plan.OrderFile`)."""
    entry: dict[str, Any] = {"t": order.t, "unit": order.unit, "order": str(order.kind)}
    for key in ("point", "facing_deg", "width_m", "formation", "ranks", "distance_m", "person", "role",
                "relieve", "duration_s"):
        value = getattr(order, key)
        if value is not None:
            entry[key] = list(value) if key == "point" else str(value) if key == "formation" else value
    return entry


def _grid(array: np.ndarray) -> str:
    return base64.b64encode(zlib.compress(np.ascontiguousarray(array, np.float32).tobytes(), 6)).decode("ascii")


def replay_json(rec: Recording) -> dict[str, Any]:
    """The replay file's object for a recording."""
    return {
        "format": FORMAT, "version": VERSION, "game_version": rec.game_version,
        "level": {"id": rec.level_id, "file": rec.level_file, "sha256": rec.level_sha256},
        "seed": rec.seed, "dt": rec.dt, "end_step": rec.end_step, "branch_of": rec.branch_of,
        "trainee": rec.trainee, "played_at": rec.played_at, "live_injects": rec.live_injects, "machine": rec.machine,
        "plan": {"schema_version": PLAN_SCHEMA_VERSION, "level": rec.level_id,
                 "orders": [_order_entry(o) for o in rec.orders], "injects": [i.as_dict() for i in rec.injects]},
        "checkpoints": [list(c) for c in rec.checkpoints],
        "samples": rec.samples,
        "peaks": {"cell_m": 1.0, "shape": list(rec.peak_density.shape), "density_ppm2": _grid(rec.peak_density),
                  "pressure": _grid(rec.peak_pressure)},
        "report": rec.report,
    }


def write_replay(rec: Recording, path: Path) -> None:
    """Write the replay atomically: an interrupted write leaves any earlier file as it was."""
    with atomic_text(path) as out:
        json.dump(finite(replay_json(rec)), out, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        out.write("\n")


class _Prefixed:
    """The lines of a part of a document (as `SourceLines.line_of`), its paths given from that part."""

    def __init__(self, lines: SourceLines, prefix: Loc) -> None:
        self._of, self._prefix = lines, prefix

    def line_of(self, loc: Loc) -> int:
        return self._of.line_of(self._prefix + tuple(loc))


def read_replay(path: str | Path, scenario: Scenario | None = None) -> tuple[Recording, JsonLines]:
    """Read a replay file; with `scenario` (its level), check its orders against the level too.

    Raises:
        LevelError: the file is not a replay, is damaged or truncated, is of a newer version,
            or anything in it is wrong; every problem with its line.
    """
    name = str(path)
    return read_replay_text(read_level_text(Path(path), name, "replay", f"replay file (*{SUFFIX})"), name, scenario)


def read_replay_text(text: str, name: str, scenario: Scenario | None = None) -> tuple[Recording, JsonLines]:
    """`read_replay` of a replay's text (from a file, or a member of a zip), named `name` in
    messages."""

    def refuse(message: str, loc: Loc = (), line: int | None = None) -> LevelError:
        return LevelError([Problem(name, line if line is not None else lines.line_of(loc) if loc else 0,
                                   readable_path(loc) if loc else "file", message)])

    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        signature = '{"format":"%s"' % FORMAT
        squeezed = re.sub(r"\s+", "", text[:200])
        ours = squeezed.startswith(signature) or (bool(squeezed) and signature.startswith(squeezed))
        raise LevelError([Problem(name, e.lineno, "syntax", f"the replay is truncated or damaged at line {e.lineno}, "
                                  f"column {e.colno} (JSON: {e.msg})" if ours
                                  else f"not a Sispam replay (not JSON: {e.msg})")]) from None
    except RecursionError:
        raise LevelError([Problem(name, 1, "syntax", "not a replay: JSON nested too deeply")]) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise LevelError([Problem(name, long_number_line(text), "syntax", too_long_number())]) from None
    data, line = lone_surrogates(text, data)
    if line:
        raise LevelError([Problem(name, line, "syntax", f"the replay is damaged: {SURROGATE_PROBLEM}")])
    lines = JsonLines(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refuse(f"not a Sispam replay (a replay is JSON with \"format\": \"{FORMAT}\")", line=1)
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise refuse(f"replay version {version} was written by a newer Sispam; this one reads version {VERSION}",
                     ("version",))
    try:
        envelope = ReplayFile.model_validate(data)
    except ValidationError as e:
        raise LevelError([Problem(name, lines.line_of(file_path(tuple(item["loc"]), data)),
                                  readable_path(file_path(tuple(item["loc"]), data)), describe(item, ReplayFile))
                          for item in e.errors(include_url=False)]) from None
    if abs(envelope.dt - DT_S) > 1e-12:
        raise refuse(f"the replay steps by {envelope.dt:g} s, this Sispam by {DT_S:g} s: it was recorded by "
                     "another version", ("dt",))
    if envelope.version != VERSION:
        raise refuse(f"replay version {envelope.version} is not one this Sispam reads (version {VERSION})",
                     ("version",))
    steps = [int(s) for s, _ in envelope.checkpoints]
    if any(b <= a for a, b in pairwise(steps)):
        raise refuse("the checkpoints are not in order of their steps", ("checkpoints",))
    if steps[-1] != envelope.end_step:
        raise refuse(f"end_step {envelope.end_step} is not the step of the last checkpoint ({steps[-1]}): "
                     "the recording ends there", ("end_step",))
    if scenario is not None and envelope.end_step > round(scenario.duration_s / envelope.dt):
        raise refuse(f"end_step {envelope.end_step} is past the end of level {scenario.id} "
                     f"({scenario.duration_s:g} s = step {round(scenario.duration_s / envelope.dt)})", ("end_step",))
    samples = _samples(envelope.samples, refuse)
    density, pressure = (_ungrid(getattr(envelope.peaks, key), envelope.peaks.shape, refuse, ("peaks", key))
                         for key in ("density_ppm2", "pressure"))
    orders: list[Order] = []
    injects: list[Inject] = []
    if scenario is not None:
        plan_lines = _Prefixed(lines, ("plan",))
        injects, problems = plan_injects(envelope.plan, scenario, plan_lines)
        orders, order_problems = plan_orders(envelope.plan, with_reserve(scenario) if envelope.live_injects
                                             else scenario, plan_lines)
        found = [Problem(name, lines.line_of(("plan", *loc)), readable_path(("plan", *loc)), message)
                 for loc, message in order_problems + problems]
        if not envelope.live_injects and any(i.kind in (InjectKind.CROWD_WAVE, InjectKind.PROVOCATEURS)
                                             for i in injects):
            found.append(Problem(name, 1, "live_injects", "the replay has crowd injects, but says its run had no "
                                 "reserve for them (live_injects is not true)"))
        if found:
            raise LevelError(found)
    rec = Recording(
        level_id=envelope.level.id, level_file=envelope.level.file, level_sha256=envelope.level.sha256,
        seed=envelope.seed, dt=envelope.dt, orders=orders, end_step=envelope.end_step,
        checkpoints=[(int(s), h) for s, h in envelope.checkpoints], samples=samples,
        peak_density=density, peak_pressure=pressure, report=data["report"], game_version=envelope.game_version,
        branch_of=None if envelope.branch_of is None else envelope.branch_of.model_dump(),
        trainee=dict(envelope.trainee), injects=sorted(injects, key=lambda i: i.t),
        live_injects=envelope.live_injects, machine=dict(envelope.machine), played_at=envelope.played_at,
    )
    return rec, lines


def _samples(samples: dict[str, list], refuse) -> dict[str, list]:
    missing = [key for key in SAMPLE_KEYS if key not in samples]
    if missing:
        raise refuse(f"the samples lack {', '.join(missing)}", ("samples",))
    n = len(samples["t"])
    for key in SAMPLE_KEYS:
        values = samples[key]
        if len(values) != n:
            raise refuse(f"{len(values)} values, but {n} sample times", ("samples", key))
        if key == "situation":
            if not all(v in ("hijau", "kuning", "merah") for v in values):
                raise refuse("the values must be hijau, kuning or merah", ("samples", key))
        elif not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0
                     for v in values):
            raise refuse("the values must be numbers, 0 or more", ("samples", key))
    return {key: list(samples[key]) for key in SAMPLE_KEYS}


def _ungrid(text: str, shape: tuple[int, int], refuse, loc: Loc) -> np.ndarray:
    cells = shape[0] * shape[1]
    if cells > MAX_GRID_CELLS:
        raise refuse(f"a grid of {cells:,} cells is more than the {MAX_GRID_CELLS:,} a replay may hold", ("peaks", "shape"))
    try:
        packed = base64.b64decode(text.encode("ascii"), validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, cells * 4 + 1)  # never more than the grid: a zip bomb stops here
    except (binascii.Error, zlib.error, UnicodeEncodeError):
        raise refuse("the grid is damaged (not base64 of zlib data)", loc) from None
    if len(raw) != cells * 4 or inflater.unconsumed_tail:
        raise refuse(f"the grid holds {len(raw)} bytes, not the {cells * 4} of its shape {list(shape)}", loc)
    return np.frombuffer(raw, np.float32).reshape(shape).copy()




def level_for(rec: Recording, replay_path: str | Path, override: str | Path | None = None) -> Path:
    """The replay's level file: `override` if given, else the recorded path beside the replay,
    as recorded, or its name beside the replay; its bytes must be those recorded.

    Raises:
        LevelError: no such file, or the level has changed since the replay was recorded.
    """
    name = str(replay_path)
    recorded = Path(rec.level_file)
    here = Path(replay_path).parent
    base = re.split(r"[\\/]", rec.level_file)[-1]  # recorded on Windows or elsewhere
    try:
        mine = [data_dir(create=False) / "levels" / base]
    except OutputError:  # no home folder (and no SISPAM_DATA_DIR): nowhere of the user's to look
        mine = []
    candidates = ([Path(override)] if override is not None else
                  [here / recorded, recorded, here / base, levels_dir() / base, *mine])
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        tried = ", ".join(dict.fromkeys(str(p) for p in candidates))
        raise LevelError([Problem(name, 0, "level.file", f"the replay's level {rec.level_file} is not found "
                                  f"(looked for {tried}); give it with --level")])
    if file_sha256(found) != rec.level_sha256:
        raise LevelError([Problem(name, 0, "level.sha256", f"the level file {found} is not the one this replay was "
                                  "recorded with: it has changed since, or it is another level (its SHA-256 differs); "
                                  "the replay cannot be re-simulated with it")])
    return found
