"""What the level editor adds when asked for a new entry: a complete entry of that kind, filled
with values that fit the level as it stands (the first spawn zone, the protected zone, a held
unit...), so that it is valid at once where the level allows and the form shows every key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sispam.level.draft import Draft
from sispam.sim.scenario import ZoneRole

EVENT_KINDS = ("message", "crowd_wave", "provocateurs", "rumour", "fire", "reinforcements", "hostage_attempt")
OBJECTIVE_KINDS = ("protect_zone", "hold_until", "injury_limit", "no_force_violations", "arrest_provocateurs",
                   "disperse", "prevent_hostages", "extinguish_fires")
ZONE_ROLES = tuple(str(r) for r in (ZoneRole.PROTECTED, ZoneRole.SPAWN, ZoneRole.EXIT, ZoneRole.AMBULANCE,
                                    ZoneRole.STAGING, ZoneRole.MEASUREMENT))


def _first(draft: Draft, table: str, test: Callable[[dict], bool], default: str) -> str:
    return next((str(e["id"]) for e in draft.entries(table) if "id" in e and test(e)), default)


def template(table: str, kind: str | None, point: tuple[float, float], draft: Draft,
             new_id: Callable[[str, str], str]) -> dict[str, Any] | None:
    """A new entry of `table` (of `kind` for events, objectives and zones) at `point`."""
    x, y = round(point[0], 1), round(point[1], 1)
    protected = _first(draft, "zones", lambda z: z.get("role") == "protected", "kpu")
    spawn = _first(draft, "zones", lambda z: z.get("role") == "spawn", "spawn")
    duration = draft.value(("duration_s",))
    end = float(duration) if isinstance(duration, int | float) else 600.0
    match table:
        case "obstacles":
            return {"id": new_id("obstacles", "gedung"), "kind": "building",
                    "shape": {"kind": "rect", "min": [x - 5, y - 5], "max": [x + 5, y + 5]}}
        case "ground":
            return {"id": new_id("ground", "jalan"), "kind": "road",
                    "shape": {"kind": "rect", "min": [x - 20, y - 4], "max": [x + 20, y + 4]}}
        case "zones":
            role = kind or "protected"
            return {"id": new_id("zones", role), "role": role,
                    "shape": {"kind": "rect", "min": [x - 10, y - 5], "max": [x + 10, y + 5]}}
        case "crowd":
            return {"id": new_id("crowd", "massa"), "count": 200, "spawn": spawn,
                    "roles": {"massa": 0.95, "korlap": 0.05}, "goal": {"kind": "zone", "zone": protected},
                    "arrival_spread_s": 60}
        case "units":
            return {"id": new_id("units", "dalmas-awal"), "type": "dalmas_awal", "formation": "bersaf",
                    "position": [x, y], "facing_deg": -90, "width_m": 20}
        case "events":
            return _event(kind or "message", (x, y), draft, new_id)
        case "objectives":
            return _objective(kind or "protect_zone", protected, end, new_id)
    return None


def _event(kind: str, point: tuple[float, float], draft: Draft, new_id) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": new_id("events", kind.replace("_", "-")), "kind": kind, "at_s": 60}
    waiting = _first(draft, "crowd", lambda c: c.get("on_event") is True, "")
    match kind:
        case "message":
            entry["message"] = {"id": "Intelkam: massa bergerak menuju KPU.",
                                "en": "Intelkam: the crowd is moving towards the KPU."}
        case "crowd_wave" | "provocateurs":
            entry["group"] = waiting or _first(draft, "crowd", lambda c: True, "massa")
        case "rumour":
            entry["legitimacy_drop"] = 0.2
        case "fire":
            entry["point"] = list(point)
        case "reinforcements":
            entry["unit"] = _first(draft, "units", lambda u: u.get("on_request") is True, "")
        case "hostage_attempt":
            entry["building"] = _first(draft, "obstacles", lambda o: o.get("kind") == "building", "")
            entry["people"] = 5
    return entry


def _objective(kind: str, protected: str, end: float, new_id) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": new_id("objectives", kind.replace("_", "-")), "kind": kind}
    match kind:
        case "protect_zone":
            entry["zone"] = protected
        case "hold_until":
            entry["zone"] = protected
            entry["until_s"] = end
        case "injury_limit":
            entry["civilian_max"] = 3
            entry["officer_max"] = 3
        case "arrest_provocateurs":
            entry["at_least"] = 1
        case "disperse":
            entry["fraction"] = 0.5
    return entry
