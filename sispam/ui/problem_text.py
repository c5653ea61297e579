"""A level file's problems in the player's language: the loader (`sispam.level`, no UI) says
them in English; here each known message is matched and said again through the translation
catalogue (`problem.*` keys), its values (keys, numbers, the text of the file) kept as they are.
A message no pattern knows stays as the loader said it.

In English the catalogue's wording is the loader's, so a problem reads the same as
`str(problem)` and as `python game.py check` prints it."""

from __future__ import annotations

import re

from sispam.level.errors import Problem
from sispam.textsafe import printable
from sispam.ui.i18n import text

# (pattern of the loader's message, catalogue key); the named groups fill the key's fields.
# The kinds ("a number", ...) in `want` and `got` are translated on their own (`problem.kind.*`).
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p + "$"), k) for p, k in (
    (r"required key is missing", "problem.missing"),
    (r"the array is too short: item (?P<n>\d+) is missing", "problem.short_array"),
    (r"expected (?P<want>.+?), got (?P<got>an? [a-z ]+|true or false) \((?P<value>.*)\)", "problem.expected"),
    (r"expected (?P<want>.+?), got null", "problem.expected_null"),
    (r"must be a finite number, got (?P<value>.+)", "problem.finite"),
    (r"unknown key '(?P<key>[^']*)'; did you mean '(?P<close>[^']*)'\?", "problem.unknown_key_close"),
    (r"unknown key '(?P<key>[^']*)'; allowed here: (?P<allowed>.+)", "problem.unknown_key_allowed"),
    (r"unknown key '(?P<key>[^']*)'", "problem.unknown_key"),
    (r"unknown kind (?P<tag>.+); it must be one of (?P<tags>.*)", "problem.unknown_kind"),
    (r"missing key 'kind'; it must be one of (?P<tags>.*)", "problem.missing_kind"),
    (r"unknown value (?P<value>.+); expected one of (?P<expected>.*)", "problem.unknown_value"),
    (r"(?P<value>.+) is not a valid id: use letters, digits, '-', '_' and '\.', starting with a letter or digit",
     "problem.bad_id"),
    (r"should be greater than or equal to (?P<limit>.+?), got (?P<value>.+)", "problem.at_least"),
    (r"should be greater than (?P<limit>.+?), got (?P<value>.+)", "problem.above"),
    (r"should be less than or equal to (?P<limit>.+?), got (?P<value>.+)", "problem.at_most"),
    (r"should be less than (?P<limit>.+?), got (?P<value>.+)", "problem.below"),
    (r"file is empty", "problem.empty"),
    (r"no such file", "problem.no_file"),
    (r"no such file, nor the name of a level shipped with the game \((?P<names>.*)\)", "problem.no_level"),
    (r"no such file, nor the name of a shipped level's plan \((?P<names>.*)\)", "problem.no_plan"),
    (r"this is a campaign's list of levels, not a level: open one of the levels it names(?P<files>.*)",
     "problem.campaign_manifest"),
    (r"note: (?P<n>\d+) of the unit's (?P<total>\d+) officers would stand inside solid (?P<obstacles>.+?) "
     r"\(the first at \[(?P<x>[^,]+), (?P<y>[^\]]+)\]\): move the unit or narrow width_m \(a bersaf line's second "
     r"rank stands half a spacing further to the unit's right\)", "problem.officers_in_solid"),
    # The level's own checks (sispam.level.checks): what the editor shows as one builds a level.
    (r"the crowd groups total (?P<n>[\d,]+) people; the cap is (?P<cap>[\d,]+)", "problem.crowd_cap"),
    (r"the units total (?P<n>[\d,]+) officers; the cap is (?P<cap>[\d,]+)", "problem.officer_cap"),
    (r"the level has no \[\[crowd\]\] group and no \[\[units\]\]; add at least one", "problem.nobody"),
    (r"duplicate id '(?P<id>[^']*)' \(already used by (?P<where>.+)\)", "problem.duplicate_id"),
    (r"polyline has zero length \(all its points are the same\)", "problem.zero_polyline"),
    (r"shape reaches outside the map: it spans x (?P<x0>\S+?)\.\.(?P<x1>\S+), y (?P<y0>\S+?)\.\.(?P<y1>\S+) "
     r"but the map is x 0\.\.(?P<w>\S+), y 0\.\.(?P<h>\S+)", "problem.shape_outside"),
    (r"(?P<what>unit position|goal point|fire point) \[(?P<x>[^,]+), (?P<y>[^\]]+)\] is outside the map "
     r"\(x 0\.\.(?P<w>[^,]+), y 0\.\.(?P<h>[^)]+)\)", "problem.point_outside"),
    (r"(?P<what>unit position|goal point|fire point) \[(?P<x>[^,]+), (?P<y>[^\]]+)\] is inside solid (?P<kind>\S+) "
     r"'(?P<id>[^']*)'", "problem.point_in_solid"),
    (r"spawn zone '(?P<id>[^']*)' is (?P<pct>\d+%) blocked: (?P<parts>.+); at most half of a spawn zone may lie "
     r"outside the map or inside solid obstacles", "problem.spawn_blocked"),
    (r"spawn zone '(?P<id>[^']*)' has no room for anyone: no (?P<cell>\S+) m cell of open floor has its centre "
     r"inside it \((?P<area>\S+) m²\), so nobody would ever appear; make it at least (?P<across>\S+) m across "
     r"\(a crowd of n needs about n × 0\.5 m²\)", "problem.spawn_no_room"),
    (r"spawn zone '(?P<id>[^']*)' does not exist \(zones: (?P<known>.*)\)", "problem.no_spawn_zone"),
    (r"spawn zone '(?P<id>[^']*)' is a protected zone: everyone arriving there would be a breach at once; give "
     r"the group a zone outside it", "problem.spawn_protected"),
    (r"goal zone '(?P<id>[^']*)' does not exist \(zones: (?P<known>.*)\)", "problem.no_goal_zone"),
    (r"an exit goal needs a zone with role \"exit\", but zone '(?P<id>[^']*)' has role \"(?P<role>[^\"]*)\"",
     "problem.exit_goal_role"),
    (r"arrives at (?P<t>\S+) s, after the level ends \(duration_s = (?P<d>\S+)\)", "problem.late_arrival"),
    (r"request_delay_s is only for a unit held in reserve; add on_request = true or remove it",
     "problem.request_delay"),
    (r"TOML: arrays or tables are nested too deeply", "problem.toml_deep"),
    (r"TOML: (?P<what>.+) \(column (?P<column>\d+)\)", "problem.toml_column"),
    (r"TOML: (?P<what>.+) \(at the end of the file\)", "problem.toml_end"),
    (r"TOML: (?P<what>.+)", "problem.toml"),
))
# tomllib's own messages (the `what` of a TOML syntax error).
_TOML: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p + "$"), k) for p, k in (
    (r"Illegal character (?P<char>.+)", "problem.toml.illegal_character"),
    (r"Invalid value", "problem.toml.invalid_value"),
    (r"Invalid statement", "problem.toml.invalid_statement"),
    (r"Expected '=' after a key in a key/value pair", "problem.toml.expected_equals"),
    (r"Expected newline or end of document after a statement", "problem.toml.expected_newline"),
    (r"Invalid initial character for a key part", "problem.toml.bad_key"),
    (r"Unclosed array", "problem.toml.unclosed_array"),
    (r"Unclosed inline table", "problem.toml.unclosed_table"),
    (r"Unterminated string", "problem.toml.unterminated_string"),
    (r"Cannot overwrite a value", "problem.toml.overwrite"),
    (r"Cannot declare (?P<key>.+) twice", "problem.toml.twice"),
    (r"Expected ']' at the end of a table declaration", "problem.toml.table_end"),
    (r"Expected ']]' at the end of an array declaration", "problem.toml.array_end"),
))
_WHERE = {"syntax": "problem.where.syntax", "file": "problem.where.file"}
_WHATS = ("unit position", "goal point", "fire point")
_KINDS = ("a number", "a whole number", "a string", "true or false", "an array", "a table", "a boolean",
          "a date or time")


def message_text(message: str, lang: str) -> str:
    """The loader's `message` in `lang` (as it is if no pattern knows it)."""
    for pattern, key in _MESSAGES:
        match = pattern.match(message)
        if match is None:
            continue
        values = match.groupdict()
        for name in ("want", "got"):
            if values.get(name) in _KINDS:
                values[name] = text(f"problem.kind.{values[name]}", lang)
        if "what" in values:
            values["what"] = (text(f"problem.what.{values['what']}", lang) if values["what"] in _WHATS
                              else _toml_text(values["what"], lang))
        if values.get("known") == "none are defined":
            values["known"] = text("problem.no_zones", lang)
        if "parts" in values:  # "12% outside the map, 40% inside building 'x'"
            values["parts"] = values["parts"].replace(" outside the map", text("problem.part.outside", lang)).replace(
                " inside ", text("problem.part.inside", lang))
        return text(key, lang).format(**values)
    return message


def _toml_text(what: str, lang: str) -> str:
    for pattern, key in _TOML:
        match = pattern.match(what)
        if match is not None:
            return text(key, lang).format(**match.groupdict())
    return what


def problem_text(problem: Problem, lang: str) -> str:
    """One problem as the error screen shows it: `file:line: where: message`, in `lang`."""
    where = text(_WHERE[problem.where], lang) if problem.where in _WHERE else problem.where
    return printable(f"{problem.file}{problem.at}: {where}: {message_text(problem.message, lang)}")
