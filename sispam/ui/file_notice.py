"""A file's problem, said by the layers below in English (the settings and progress files as
they load, a file that cannot be written, the training records, a debrief's export), as the
game's notice says it in the player's language: each known message is matched and said again through the catalogue (`notice.*`
keys), its values (the file, the field, the value as it stands in the file, the system's own
reason) kept as they are. A message no pattern knows stays as it was said.

In English the catalogue's wording is the message's own, so a notice reads as the command line
prints the same problem."""

from __future__ import annotations

import re

from sispam.ui.i18n import text

# What was done about the problem, at the message's end.
_THEN = (("; using the default settings", "notice.then.defaults"),
         ("; starting with no progress", "notice.then.no_progress"),
         ("; entry dropped", "notice.then.dropped"))


def _table(*rows: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p + "$", re.DOTALL), k) for p, k in rows)


# (pattern, catalogue key); the named groups fill the key's fields. The file's name comes first
# and may hold ": " itself (C:\...), so it takes all it can and the fixed words after it decide.
_MESSAGES = _table(
    # reading a JSON file (sispam.userdata.read_json)
    (r"(?P<path>.+): cannot read: (?P<reason>.+)", "notice.cannot_read"),
    (r"(?P<path>.+): is not a plain file", "notice.not_plain_file"),
    (r"(?P<path>.+): larger than (?P<kb>\d+) KB; not read", "notice.too_large"),
    (r"(?P<path>.+):(?P<line>\d+): a character that is not text \(a lone UTF-16 surrogate escape such as "
     r"\\ud800\); replaced by (?P<mark>\ufffd)", "notice.surrogate"),
    (r"(?P<path>.+): not UTF-8 text", "notice.not_utf8"),
    (r"(?P<path>.+): not JSON: (?P<what>.+) \(line (?P<line>\d+) column (?P<column>\d+)\)", "notice.not_json"),
    (r"(?P<path>.+): not usable JSON: nested too deeply", "notice.too_deep"),
    (r"(?P<path>.+):(?P<line>\d+): not usable: a number with more than (?P<digits>[\d,]+) digits: no value in "
     r"this file can be that long", "notice.long_number"),
    # the settings (sispam.settings) and the campaign's progress (sispam.campaign_progress)
    (r"cannot find a home folder to keep the game's data in \(no HOME\); set SISPAM_DATA_DIR to a folder for it",
     "notice.no_home"),
    (r"(?P<path>.+): must be a JSON object of settings, not (?P<kind>.+)", "notice.settings_not_object"),
    (r"(?P<path>.+): must be a JSON object, not (?P<kind>.+)", "notice.progress_not_object"),
    (r"(?P<path>.+): (?P<key>.+): unknown setting, ignored", "notice.unknown_setting"),
    (r"(?P<path>.+): (?P<key>.+): unknown field, ignored", "notice.unknown_field"),
    (r"(?P<path>.+): (?P<field>levels\..*): the level name must not be empty", "notice.empty_level_name"),
    (r"(?P<path>.+?): (?P<field>[^:]+): must be (?P<rule>.+?), not (?P<value>.*)", "notice.must_be"),
    # writing a file (sispam.atomic, sispam.userdata, the replays' folder)
    (r"(?P<path>.+): cannot write: (?P<folder>.+) is a file, not a folder", "notice.file_not_folder"),
    (r"(?P<path>.+): cannot write: (?P<reason>.+)", "notice.cannot_write"),
    (r"(?P<path>.+): folder (?P<folder>.+) does not exist", "notice.no_folder"),
    (r"(?P<path>.+): folder (?P<folder>.+) is not writable", "notice.folder_read_only"),
    (r"(?P<path>.+): is a directory; give the name of a file to write", "notice.is_folder"),
    (r"(?P<path>.+): is not a plain file \(a link, device or pipe\); give the name of a file to write",
     "notice.is_special"),
    (r"(?P<path>.+): cannot create folder (?P<folder>.+): (?P<reason>.+)", "notice.cannot_make_folder"),
    (r"(?P<path>.+): cannot make the folder for replays: (?P<reason>.+)", "notice.replays_folder"),
    # exporting a debrief (sispam.ui.debrief_export)
    (r"(?P<path>.+): the file's name is not UTF-8 text; rename it to export its debrief", "notice.debrief_name"),
    (r"(?P<path>.+): is a folder; the debrief cannot be written there", "notice.debrief_folder"),
    # the training records (sispam.records)
    (r"(?P<path>.+): no training records yet", "notice.records.none"),
    (r"(?P<path>.+): cannot open the training records: (?P<reason>.+)", "notice.records.cannot_open"),
    (r"(?P<path>.+): training records of version (?P<version>\d+), written by a newer Sispam; this one reads "
     r"version (?P<ours>\d+)", "notice.records.newer"),
    (r"(?P<path>.+): is a database, but not Sispam's training records; move it away and the game starts a new one",
     "notice.records.foreign"),
    (r"(?P<path>.+): the training records are damaged \((?P<reason>.+)\); they are left as they are: move the file "
     r"away to start new records", "notice.records.damaged"),
    (r"(?P<path>.+): the training records are in use by another program; try again when it is closed",
     "notice.records.busy"),
    (r"(?P<path>.+): the training records cannot be written \(the file or its folder is read-only\)",
     "notice.records.read_only"),
    (r"(?P<path>.+): the training records cannot be used: (?P<reason>.+)", "notice.records.unusable"),
    (r"(?P<path>.+): cannot store the result: (?P<reason>.+)", "notice.records.cannot_store"),
    (r"(?P<path>.+): cannot read the training records: (?P<reason>.+)", "notice.records.cannot_read"),
)
# What a value must be (the `rule` of notice.must_be).
_RULES = _table(
    (r"\[width, height\] in pixels, from (?P<low>\[\d+, \d+\]) to (?P<high>\[\d+, \d+\])", "notice.rule.window"),
    (r"true or false", "notice.rule.bool"),
    (r"\"id\" or \"en\"", "notice.rule.lang"),
    (r"true, false or null \(not chosen yet\)", "notice.rule.bool_or_null"),
    (r"a number from 0 to 1", "notice.rule.share"),
    (r"\"\" \(no PIN\) or a PIN's SHA-256 in hex", "notice.rule.pin"),
    (r"a line of at most (?P<n>\d+) characters", "notice.rule.line"),
    (r"(?P<n>\d+)", "notice.rule.version"),
    (r"an object of levels", "notice.rule.levels"),
    (r"an object with won, best_score and attempts", "notice.rule.entry"),
    (r"a whole number from 0 to 100 or null", "notice.rule.score"),
    (r"a whole number from 0 up", "notice.rule.count"),
    (r"at least 1 for a level that was won or scored", "notice.rule.played"),
)
# The JSON kinds a value was found to be (sispam.userdata.kind_of).
_KINDS = ("null", "true/false", "an object", "a list", "a string", "a number")


def _said(table: tuple[tuple[re.Pattern[str], str], ...], message: str, lang: str) -> str | None:
    for pattern, key in table:
        match = pattern.match(message)
        if match is None:
            continue
        values = match.groupdict()
        if "rule" in values:
            rule = _said(_RULES, values["rule"], lang)
            if rule is None:
                continue
            values["rule"] = rule
        for name in ("kind", "value"):  # (a value as it stands in the file is quoted, if text)
            if values.get(name) in _KINDS:
                values[name] = text(f"notice.kind.{values[name]}", lang)
        if lang == "id" and "digits" in values:  # 4,300 reads as four point three in Indonesian
            values["digits"] = values["digits"].replace(",", ".")
        return text(key, lang).format(**values)
    return None


def notice_text(message: str, lang: str) -> str:
    """`message` in `lang` (as it is if no pattern knows it)."""
    body, then = message, ""
    for suffix, key in _THEN:
        if message.endswith(suffix):
            body, then = message[:-len(suffix)], text(key, lang)
            break
    said = _said(_MESSAGES, body, lang)
    return message if said is None else said + then
