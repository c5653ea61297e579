"""The debrief as files next to its replay: an HTML report that prints on A4, its pictures as
PNG (the timeline chart, the peak density and pressure maps) and the debrief as JSON.

For a replay `X.sispam-replay.json` it writes `X.debrief.html`, `X.timeline.png`,
`X.density.png`, `X.pressure.png` and `X.debrief.json`, each atomically. The HTML escapes every
text it quotes (names typed by trainees included) and refers to its pictures by file name, so
the folder can be moved or mailed as it is."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from pathlib import Path

import pygame

from sispam.atomic import OutputError, atomic_text
from sispam.jsonsafe import as_dict, as_list, finite, number
from sispam.review.debrief import SECTIONS, debrief, touched_classes
from sispam.review.recording import Recording
from sispam.review.replay_file import SUFFIX
from sispam.sim.scenario import SCORE_PARTS, Scenario
from sispam.textsafe import text_path
from sispam.ui.charts import draw_mood_chart, peak_map
from sispam.ui.describe import clock, finding_text, force_time, term
from sispam.ui.i18n import text
from sispam.ui.screenshot import save_png
from sispam.ui.widgets import Style

CHART_SIZE = (1400, 460)
MAP_SIZE = (900, 620)

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1d2126; max-width: 182mm; margin: 0 auto; font-size: 10.5pt; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
.meta { color: #555; } img { width: 100%; border: 1px solid #999; } .maps { display: flex; gap: 3mm; }
.maps figure { flex: 1; margin: 0; } figcaption { font-weight: bold; margin-bottom: 1mm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #bbb; padding: 1mm 2mm; text-align: left; }
.bad { color: #b3400a; font-weight: bold; } .good { color: #00734f; font-weight: bold; }
section { page-break-inside: avoid; }
"""


def outputs(replay_path: Path) -> dict[str, Path]:
    """The files the export writes, by kind."""
    stem = replay_path.name[: -len(SUFFIX)] if replay_path.name.endswith(SUFFIX) else replay_path.stem
    folder = replay_path.parent
    return {kind: folder / f"{stem}.{name}" for kind, name in
            (("html", "debrief.html"), ("json", "debrief.json"), ("timeline", "timeline.png"),
             ("density", "density.png"), ("pressure", "pressure.png"))}


def export_debrief(rec: Recording, scenario: Scenario, replay_path: Path, lang: str) -> Path:
    """Write the report of `rec` in `lang` next to its replay; returns the HTML file.

    Raises:
        OutputError: a file cannot be written (those written before it stay whole).
    """
    if text_path(replay_path.name) != replay_path.name:  # the HTML names its pictures, in UTF-8
        raise OutputError(f"{text_path(replay_path)}: the file's name is not UTF-8 text; rename it to export its debrief")
    files = outputs(replay_path)
    for path in files.values():  # every one writable before any is written: no half an export
        if path.is_dir():
            raise OutputError(f"{text_path(path)}: is a folder; the debrief cannot be written there")
    # Everything made first, then written: what fails to be made leaves no file behind.
    style = Style(1.4)
    chart = pygame.Surface(CHART_SIZE)
    draw_mood_chart(chart, chart.get_rect(), rec, style, lang)
    maps = {kind: peak_map(scenario, grid, kind, MAP_SIZE, lang, style, stood=rec.peak_density)
            for kind, grid in (("density", rec.peak_density), ("pressure", rec.peak_pressure))}
    review = debrief(rec)
    data = {"level": rec.level_id, "trainee": rec.trainee, "replay": replay_path.name, "end_s": rec.end_t,
            "report": rec.report, "aar": {name: [asdict(f) | {"text": finding_text(f, lang)} for f in getattr(review, name)]
                                          for name in ("should", "happened", "why", "improve", "moments")}}
    page = _html(rec, scenario, review, files, lang)
    save_png(chart, files["timeline"])
    for kind, picture in maps.items():
        save_png(picture, files[kind])
    with atomic_text(files["json"]) as out:
        json.dump(finite(data), out, ensure_ascii=False, indent=1, allow_nan=False)
        out.write("\n")
    with atomic_text(files["html"]) as out:
        out.write(page)
    return files["html"]


def _html(rec: Recording, scenario: Scenario, review, files: dict[str, Path], lang: str) -> str:
    def t(key: str, **values) -> str:
        s = text(key, lang)
        return html.escape(s.format(**values) if values else s)

    report = rec.report
    e = html.escape
    who = " · ".join(v for v in (rec.trainee.get("name", ""), rec.trainee.get("group", "")) if v) or text("replay.nobody", lang)
    outcome = term("records.outcome", report.get("outcome", "incomplete"), lang)
    # What the page shows of the report, each value as expected (an edited replay's may not be).
    parts = as_dict(as_dict(report.get("score")).get("parts"))
    rows = "".join(f"<tr><td>{t(f'score.{name}')}</td><td>{int(number(parts[name]))}</td></tr>"
                   for name in SCORE_PARTS if name in parts)
    objectives = "".join(
        f"<li class=\"{'good' if o.get('status') == 'met' else 'bad' if o.get('status') == 'failed' else ''}\">"
        f"{e(term('objective.status', 'undecided' if o.get('status', 'pending') == 'pending' else o['status'], lang))}: "
        f"{e(str(o['text'].get(lang, o.get('id', ''))) if isinstance(o.get('text'), dict) else str(o.get('id', '')))}</li>"
        for o in as_list(report.get("objectives")) if isinstance(o, dict))
    sections = "".join(
        f"<section><h2>{t('aar.' + name)}</h2><ul>"
        + "".join(f"<li>{e(finding_text(f, lang))}</li>" for f in getattr(review, name)) + "</ul></section>"
        for name in SECTIONS if getattr(review, name))
    moments = "".join(f"<li>{e(finding_text(f, lang))}</li>" for f in review.moments) or f"<li>{t('debrief.no_moments')}</li>"
    audit = [a for a in as_list(as_dict(report.get("force_ladder")).get("audit")) if isinstance(a, dict)]
    force_rows = "".join(
        f"<tr class=\"{'bad' if a.get('violation') else ''}\"><td>{e(force_time(report, a, lang))}</td>"
        f"<td>{e(str(a.get('unit', '')))}</td>"
        f"<td>{e(term('order', a.get('order'), lang))}</td><td>{int(number(a.get('stage')))}</td>"
        f"<td>{e(touched_classes(a))}</td>"
        f"<td>{t('debrief.violation') if a.get('violation') else ''}</td></tr>" for a in audit)
    title = t("debrief.title", level=getattr(scenario.title, lang))
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{title}</title><style>{CSS}</style></head>
<body>
<h1>{title}</h1>
<p class="meta">{e(who)} · {t('compare.outcome', outcome=outcome, score=report.get('score', {}).get('total', 0))}
 · {e(clock(rec.end_t))} · Sispam {e(rec.game_version)} · {e(files['html'].name.replace('.debrief.html', ''))}</p>
<section><h2>{t('result.parts')}</h2><table>{rows}</table><ul>{objectives}</ul></section>
{sections}
<section><h2>{t('debrief.tab.timeline')}</h2><img src="{e(files['timeline'].name)}" alt="{t('debrief.tab.timeline')}">
<p class="meta">{t('debrief.chart_help_print')}</p><ul>{moments}</ul></section>
<section><h2>{t('debrief.tab.heat')}</h2><div class="maps">
<figure><figcaption>{t('debrief.peak.density')}</figcaption>
<img src="{e(files['density'].name)}" alt="{t('debrief.peak.density')}"></figure>
<figure><figcaption>{t('debrief.peak.pressure')}</figcaption>
<img src="{e(files['pressure'].name)}" alt="{t('debrief.peak.pressure')}"></figure>
</div></section>
<section><h2>{t('debrief.tab.force')}</h2>
<p>{t('debrief.force_summary', stage=report.get('force_ladder', {}).get('max_stage', 0),
      n=report.get('force_ladder', {}).get('violations', 0), skipped=report.get('force_ladder', {}).get('skipped_steps', 0))}</p>
<table><tr>{"".join(f"<th>{e(h)}</th>" for h in text("debrief.force_head", lang).split("|"))}</tr>{force_rows}</table></section>
</body></html>
"""
