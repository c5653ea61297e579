"""`docs/orders.md`: the order reference, written from `ORDER_SPECS` so it cannot drift.

Run `python -m sispam.sim.police.reference` to rewrite it; a test fails when it is out of date.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from sispam.sim.police.movement import (
    BERLINDUNG_HOLD,
    BRACE_HOLD,
    BRACE_RANK_SPACING_M,
    DEFAULT_FALL_BACK_M,
    DEFAULT_PUSH_M,
    DORONG_HOLD,
)
from sispam.sim.police.orders import ORDER_SPECS, Order, OrderKind, formation_allowed
from sispam.sim.scenario import Formation, UnitType

DOC = Path(__file__).resolve().parents[3] / "docs" / "orders.md"  # the repository's: a developer's tool

STAGE_NAMES = {
    1: "presence (deterrent)",
    2: "verbal orders",
    3: "soft empty-hand control",
    4: "hard empty-hand control",
    5: "blunt or chemical means",
}

WHAT = {
    OrderKind.FORM: "Move and form up on a line: anchor (`point`, centre of the front rank), `facing_deg`, "
                    "`width_m`, `formation`, `ranks`. Officers take the new slots that make them walk least.",
    OrderKind.HOLD: "Siaga: stand where the line is now.",
    OrderKind.BRACE: (f"Close the ranks ({BRACE_RANK_SPACING_M:g} m) and lean into the load: "
                      f"hold force ×{BRACE_HOLD:g}."),
    OrderKind.BERLINDUNG: f"Shields up against projectiles; the line stands (hold force ×{BERLINDUNG_HOLD:g}).",
    OrderKind.DESAK: f"Press forward `distance_m` (default {DEFAULT_PUSH_M:g} m) slowly and steadily.",
    OrderKind.DORONG: (f"Push forward `distance_m` (default {DEFAULT_PUSH_M:g} m) at walking pace "
                       f"with hold force ×{DORONG_HOLD:g}."),
    OrderKind.FALL_BACK: (f"Withdraw `distance_m` (default {DEFAULT_FALL_BACK_M:g} m) or to `point`, "
                          "still facing the crowd."),
    OrderKind.LAPIS_GANTI: "Take over the line of the Dalmas Awal unit `relieve`: form behind it, let it "
                           "pass back through, step into its place.",
    OrderKind.LINTAS_GANTI: "Brimob PHH takes over the line of the Dalmas unit `relieve` (situasi merah): forms behind it, "
                            "passes forward through it to the front, then the Dalmas unit withdraws behind.",
    OrderKind.ARREST: "Tim tangkap goes in for the person nearest `point` (with `role`, the nearest of "
                      "that role who is resisting; or body index `person`), seizes him and brings him back.",
    OrderKind.NEGOTIATE: "Talk with the korlap nearest `point` (or the unit).",
    OrderKind.APPEAL: "Imbauan over the loudspeaker to everyone in earshot.",
    OrderKind.DISPERSAL_ORDER: "Perintah pembubaran (UU 9/1998 Pasal 15-16) over the loudspeaker: refused while the situation "
                               "is hijau (an orderly assembly is lawful); from kuning, the orderly who hear it go home, and "
                               "those who stay 60 s after hearing it may be dispersed, pushed or arrested (stage 4) without "
                               "violation; heard while the situation is merah, it is also the warning after which water "
                               "cannon and tear gas (stage 5) on those who stay are lawful.",
    OrderKind.WATER_CANNON: "Spray an aimed cone of water at `point` for `duration_s` (default 10 s).",
    OrderKind.TEAR_GAS: "Fire a salvo of tear gas at `point`; the cloud drifts with the wind and fades.",
    OrderKind.DISPERSE: "Raimas sweeps the area around `point` and breaks the crowd up towards the exits.",
    OrderKind.EXTINGUISH: "Damkar puts out the fire nearest `point`, then any other fire burning within 20 m of it.",
    OrderKind.EVACUATE: "Medics carry a casualty (`person`, or the nearest to `point`) to the ambulance point.",
    OrderKind.REQUEST: "Call up a unit held in reserve (`on_request` in the level); it arrives "
                       "`request_delay_s` later.",
}


def render() -> str:
    """The whole document."""
    lines = [
        "# Orders",
        "",
        "Generated from `sispam/sim/police/orders.py` by `python -m sispam.sim.police.reference`; "
        "do not edit by hand.",
        "",
        "Every order carries a use-of-force stage (Perkap 1/2009 Pasal 5): "
        + "; ".join(f"{s} {n}" for s, n in STAGE_NAMES.items())
        + ". Stage 6, firearms, does not exist in the game. An order takes effect its command delay "
        "after it is given; a formation then takes the time its officers need to walk to their slots. "
        "A line that walks forward into people presses them, whatever the order: a `form` (or any "
        "move) that carries a line into the crowd is recorded on the force ladder at stage 3, desak's, "
        "under its own name, and raises the report's `max_force_stage` to 3.",
        "",
        "| order | stage | delay (s) | units | needs | what it does |",
        "|---|---|---|---|---|---|",
    ]
    for kind in OrderKind:
        spec = ORDER_SPECS[kind]
        units = "all" if spec.units == frozenset(UnitType) else ", ".join(sorted(spec.units))
        needs = ", ".join(f"`{n}`" for n in spec.needs) or "—"
        lines.append(f"| `{kind}` | {spec.stage} | {spec.delay_s:g} | {units} | {needs} | {WHAT[kind]} |")
    lines += ["", "## Formations each unit type can take", "",
              "| formation | unit types |", "|---|---|"]
    for formation in Formation:
        able = [str(u) for u in UnitType if formation_allowed(u, formation)]
        lines.append(f"| `{formation}` | {'all' if len(able) == len(UnitType) else ', '.join(able)} |")
    lines += ["", "## Parameters", ""]
    lines += _parameters()
    return "\n".join(lines).rstrip() + "\n"


def _parameters() -> list[str]:
    """`Order`'s attribute docs as a bullet list (plan files use the same names). The docstring
    is cleaned first (`inspect.cleandoc`): Python 3.13 strips its indentation when compiling,
    3.11 keeps it, and an attribute is told from its continuation lines by their indentation."""
    items: list[str] = []
    for line in inspect.cleandoc(Order.__doc__ or "").split("Attributes:")[1].splitlines():
        text = line.strip()
        if not text:
            continue
        name, sep, rest = text.partition(": ")
        if sep and line.startswith(" " * 4) and not line.startswith(" " * 8) and name.isidentifier():
            items.append(f"- `{name}`: {rest}")
        elif items:
            items[-1] += " " + text
    return items


def main() -> int:
    """Rewrite docs/orders.md."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
