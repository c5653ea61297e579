"""Every string a player sees, in Bahasa Indonesia (`id`) and English (`en`).

Doctrine terms stay Indonesian in both languages (tertib, pasif, aktif, agresif; hijau, kuning,
merah; Dalmas, Brimob PHH, tim tangkap, negosiator, Damkar, Raimas); the English text explains
them where a newcomer needs it. Level texts (titles, briefings, messages) come from the level
file, which carries both languages itself.
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("id", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    "time": {"id": "Waktu", "en": "Time"},
    "situation": {"id": "Situasi", "en": "Situation"},
    "situation.hijau": {"id": "hijau (tertib)", "en": "hijau (orderly)"},
    "situation.kuning": {"id": "kuning (tidak tertib)", "en": "kuning (disorderly)"},
    "situation.merah": {"id": "merah (melanggar hukum)", "en": "merah (unlawful)"},
    "legend.crowd": {"id": "Massa", "en": "Crowd"},
    "legend.tertib": {"id": "tertib", "en": "tertib (orderly)"},
    "legend.pasif": {"id": "pasif", "en": "pasif (passive)"},
    "legend.aktif": {"id": "aktif (melawan)", "en": "aktif (resisting)"},
    "legend.agresif": {"id": "agresif (menyerang)", "en": "agresif (attacking)"},
    "legend.injured": {"id": "cedera", "en": "injured"},
    "legend.held": {"id": "ditangkap", "en": "arrested"},
    "legend.police": {"id": "Polisi", "en": "Police"},
    "unit.dalmas_awal": {"id": "Dalmas Awal", "en": "Dalmas Awal"},
    "unit.dalmas_lanjut": {"id": "Dalmas Lanjut (tameng)", "en": "Dalmas Lanjut (shields)"},
    "unit.brimob_phh": {"id": "Brimob PHH", "en": "Brimob PHH"},
    "unit.tim_tangkap": {"id": "Tim tangkap", "en": "Tim tangkap (arrest team)"},
    "unit.negosiator": {"id": "Negosiator", "en": "Negosiator"},
    "unit.water_cannon": {"id": "Water cannon", "en": "Water cannon"},
    "unit.gas_team": {"id": "Tim gas air mata", "en": "Tear-gas team"},
    "unit.raimas": {"id": "Raimas", "en": "Raimas (dispersal)"},
    "unit.damkar": {"id": "Damkar", "en": "Damkar (fire brigade)"},
    "unit.ambulance": {"id": "Ambulans", "en": "Ambulance"},
    "unit.tni": {"id": "TNI", "en": "TNI (army)"},
    "unit.satpol_pp": {"id": "Satpol PP", "en": "Satpol PP"},
}


def text(key: str, lang: str) -> str:
    """The string `key` in `lang` ("id" or "en")."""
    return CATALOGUE[key][lang]


def system_language() -> str:
    """English if the system's locale is English, else Bahasa Indonesia (SPEC §2)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "id"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "en" if code.lower().startswith("en") else "id"
