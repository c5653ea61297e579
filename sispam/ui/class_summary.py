"""A class's summary for the instructor: each trainee (with his group) in a row, each level in a
column, the best score he reached there, how many times he played it and whether he won it; as
CSV for a spreadsheet and as a printable HTML page (A4 landscape), in the player's language."""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sispam.atomic import atomic_text
from sispam.level import LevelError, load_level
from sispam.records import Result, safe_cell
from sispam.resources import shipped_level
from sispam.sim.scenario import Text
from sispam.ui.i18n import text


@dataclass(frozen=True, slots=True)
class Cell:
    best: int
    attempts: int
    won: bool


@dataclass(frozen=True, slots=True)
class Summary:
    levels: list[tuple[str, str]]  # (level id, title) in campaign order
    rows: list[tuple[str, str, dict[str, Cell]]]  # (trainee, group, level id → cell)


def _natural(level_id: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", level_id)]


@functools.cache
def _shipped_title(level_id: str) -> Text | None:
    path = shipped_level(level_id)
    if path is None:
        return None
    try:
        return load_level(path).title
    except LevelError:
        return None


def level_title(level_id: str, stored: str, lang: str) -> str:
    """A result's level title in `lang`: a record keeps the title in the language it was played
    in, so a shipped level's (the record's title being one of its two) is read from the level;
    any other level's title is the stored one."""
    title = _shipped_title(level_id)
    if title is not None and (not stored or stored in (title.id, title.en)):
        return str(getattr(title, lang))
    return stored or level_id


def summarise(results: list[Result], lang: str) -> Summary:
    titles: dict[str, str] = {}
    cells: dict[tuple[str, str], dict[str, list[Result]]] = {}
    for r in results:
        titles.setdefault(r.level_id, level_title(r.level_id, r.level_title, lang))
        cells.setdefault((r.trainee, r.group), {}).setdefault(r.level_id, []).append(r)
    levels = sorted(titles.items(), key=lambda item: _natural(item[0]))
    rows = [(trainee, group, {lid: Cell(max(r.score for r in rs), len(rs), any(r.outcome == "won" for r in rs))
                              for lid, rs in by_level.items()})
            for (trainee, group), by_level in sorted(cells.items(), key=lambda item: (item[0][1].lower(), item[0][0].lower()))]
    return Summary(levels, rows)


def summary_csv(results: list[Result], lang: str) -> str:
    s = summarise(results, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = [text("summary.trainee", lang), text("summary.group", lang)]
    for lid, _ in s.levels:
        head += [f"{lid} {text('summary.best', lang)}", f"{lid} {text('summary.attempts', lang)}",
                 f"{lid} {text('summary.won', lang)}"]
    writer.writerow(head)
    for trainee, group, cells in s.rows:
        row = [safe_cell(trainee), safe_cell(group)]
        for lid, _ in s.levels:
            c = cells.get(lid)
            row += ["", 0, ""] if c is None else [c.best, c.attempts, "1" if c.won else "0"]
        writer.writerow(row)
    return out.getvalue()


def _grade(score: int) -> str:
    return "good" if score >= 80 else "fair" if score >= 60 else "poor"


def summary_html(results: list[Result], lang: str, title: str = "", now: datetime | None = None) -> str:
    s = summarise(results, lang)
    e = html.escape
    now = (now or datetime.now()).replace(microsecond=0)
    heading = title or text("summary.title", lang)
    head = "".join(f"<th title='{e(lid)}'>{e(name)}</th>" for lid, name in s.levels)
    body = []
    for trainee, group, cells in s.rows:
        tds = []
        for lid, _ in s.levels:
            c = cells.get(lid)
            if c is None:
                tds.append("<td class='none'>–</td>")
            else:
                mark = "+" if c.won else "–"
                tds.append(f"<td class='{_grade(c.best)}'><b>{c.best}</b> {mark}"
                           f"<small>{e(text('summary.tries', lang).format(n=c.attempts))}</small></td>")
        body.append(f"<tr><th class='who'>{e(trainee)}</th><td class='grp'>{e(group)}</td>{''.join(tds)}</tr>")
    note = e(text("summary.legend", lang))
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{e(heading)}</title>
<style>
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: "Segoe UI", "DejaVu Sans", sans-serif; color: #1b2330; margin: 16px; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }} p.meta {{ color: #566; margin: 0 0 12px; font-size: 12px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; }}
th, td {{ border: 1px solid #b9c2cc; padding: 4px 6px; text-align: center; }}
thead th {{ background: #e7ecf2; }} th.who {{ text-align: left; }} td.grp {{ color: #566; }}
td small {{ display: block; color: #566; font-size: 10px; }}
td.good {{ background: #dff1e1; }} td.fair {{ background: #fbf1d6; }} td.poor {{ background: #f7dede; }}
td.none {{ color: #99a; }} tr {{ page-break-inside: avoid; }}
</style></head><body>
<h1>{e(heading)}</h1>
<p class="meta">{e(text("summary.meta", lang).format(n=len(s.rows), results=len(results), when=now.isoformat(sep=" ")))}</p>
<table><thead><tr><th class="who">{e(text("summary.trainee", lang))}</th>
<th>{e(text("summary.group", lang))}</th>{head}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<p class="meta">{note}</p>
</body></html>
"""


def export_summary(results: list[Result], folder: Path, lang: str, stem: str = "") -> tuple[Path, Path]:
    """Write the summary as CSV and HTML into `folder` (atomically); returns both paths.

    Raises:
        OutputError: a file cannot be written.
    """
    stem = stem or f"class-summary-{datetime.now():%Y%m%d-%H%M%S}"
    csv_path, html_path = folder / f"{stem}.csv", folder / f"{stem}.html"
    with atomic_text(csv_path) as out:
        out.write(summary_csv(results, lang))
    with atomic_text(html_path) as out:
        out.write(summary_html(results, lang))
    return csv_path, html_path
