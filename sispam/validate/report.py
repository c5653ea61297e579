"""Writing the validation report: `report.md` (plots as SVG files beside it, in plots/), a
self-contained `report.html` (plots inline), and `results.json` (every measured number). Every
file is written atomically."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from sispam.atomic import atomic_text
from sispam.validate.checks import Check, Section

SUMMARY_HEADER = ("test", "check", "measured", "reference", "source", "result")


@dataclass(frozen=True, slots=True)
class RunInfo:
    """How the battery was run, for the report's head."""

    quick: bool
    seeds: tuple[int, ...]
    cases: int
    wall_s: float
    version: str


def verdict(check: Check) -> str:
    """PASS, FAIL or info."""
    return "info" if check.passed is None else ("PASS" if check.passed else "FAIL")


def summary_rows(sections: list[Section]) -> list[tuple[str, ...]]:
    """One row per check, in SUMMARY_HEADER's order."""
    return [(c.test, c.what, c.measured, c.reference, c.source, verdict(c)) for s in sections for c in s.checks]


def failures(sections: list[Section]) -> int:
    """Checks that failed."""
    return sum(1 for s in sections for c in s.checks if c.passed is False)


def text_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A plain-text table with aligned columns (for the terminal)."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*header), line, *(fmt.format(*r) for r in rows)])


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return ["| " + " | ".join(_md_cell(h) for h in header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows)]


def _head(info: RunInfo, sections: list[Section]) -> str:
    n = sum(len(s.checks) for s in sections)
    return (f"Sispam {info.version}; {'quick' if info.quick else 'full'} battery, seeds "
            f"{', '.join(map(str, info.seeds))}; {info.cases} runs in {info.wall_s:.0f} s. "
            f"{failures(sections)} of {n} checks failed.")


def markdown(sections: list[Section], info: RunInfo) -> str:
    """The report as Markdown; plots are linked as plots/NAME.svg."""
    out = ["# Sispam validation report", "", _head(info, sections), "",
           "Written by `python -m sispam.validate` (or `python game.py validate`). Each test builds its own "
           "scenarios (`--levels DIR` writes them as level files), runs them headless and compares what it measures "
           "with the published figures named in the table. PASS/FAIL is against the reference column; *info* rows "
           "are figures reported without a mark.", "", "## Summary", "",
           *_md_table(SUMMARY_HEADER, summary_rows(sections))]
    for s in sections:
        out += ["", f"## {s.title}", "", s.method, ""]
        if s.rows:
            out += [*_md_table(s.header, s.rows), ""]
        out += [f"![{s.title}](plots/{stem}.svg)" for stem, _ in s.plots]
    return "\n".join(out) + "\n"


def html(sections: list[Section], info: RunInfo) -> str:
    """The report as one HTML page with the plots inline."""
    def table(header: tuple[str, ...], rows: list[tuple[str, ...]], mark: bool = False) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = []
        for r in rows:
            cls = f' class="{r[-1].lower()}"' if mark else ""
            body.append(f"<tr{cls}>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Sispam validation report</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
             "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}"
             "th,td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;vertical-align:top}"
             "th{background:#f2f2f2}tr.fail td:last-child{background:#f8d0c8;font-weight:bold}"
             "tr.pass td:last-child{background:#d4edda}figure{margin:1em 0}</style></head><body>",
             "<h1>Sispam validation report</h1>", f"<p>{escape(_head(info, sections))}</p>",
             "<h2>Summary</h2>", table(SUMMARY_HEADER, summary_rows(sections), mark=True)]
    for s in sections:
        parts += [f'<h2 id="{s.test}">{escape(s.title)}</h2>', f"<p>{escape(s.method)}</p>"]
        if s.rows:
            parts.append(table(s.header, s.rows))
        parts += [f"<figure>{svg}</figure>" for _, svg in s.plots]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_report(out: Path, sections: list[Section], info: RunInfo, results: dict[str, Any]) -> list[Path]:
    """Write report.md, report.html, results.json and plots/*.svg into `out` (made if missing)."""
    plots = out / "plots"
    plots.mkdir(parents=True, exist_ok=True)
    written = []
    for s in sections:
        for stem, svg in s.plots:
            path = plots / f"{stem}.svg"
            with atomic_text(path) as f:
                f.write(svg + "\n")
            written.append(path)
    for name, text in (("report.md", markdown(sections, info)), ("report.html", html(sections, info)),
                       ("results.json", json.dumps(results, indent=1, sort_keys=True) + "\n")):
        with atomic_text(out / name) as f:
            f.write(text)
        written.append(out / name)
    return written
