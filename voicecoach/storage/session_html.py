"""The session report as one self-contained HTML page: what a coach sends after a one-on-one.

No scripts, no network: styles are inline, the trend charts are inline SVG. Every piece of text that
came from a person or a recording (names, goals, titles, notes, words, flag messages) goes through
``html.escape``. Layout uses tables so that Qt's rich-text engine, which prints the PDF, lays it out
like a browser does; ``charts="images"`` swaps each SVG for ``<img src="chart-NAME.svg">`` that the
PDF printer supplies as a resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from voicecoach.core.chart_scale import nice_scale
from voicecoach.core.verdict import BLOCKING_CODES
from voicecoach.core.when import local_text
from voicecoach.storage.session_report import ReportTake, SessionReport

__all__ = ["CHARTS", "chart_svg", "render_session_html", "transcript_html", "trend_svgs"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "tip": 2}
_SEVERITY_WORD = {"error": "Must fix", "warning": "Worth fixing", "tip": "Tip"}
CHARTS = (("score", "Score", ""), ("length", "Length", "s"), ("pace", "Pace", "wpm"))


def _css_class(severity: object) -> str:
    """A flag's severity as a class name: one of the known ones, since a pulled report is someone else's text."""
    return severity if isinstance(severity, str) and severity in _SEVERITY_WORD else "flag"


def _when(value: datetime | None) -> str:
    return escape(local_text(value, "%d %b %Y, %H:%M"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _num(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:.0f}{unit}"


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


# -- pieces ------------------------------------------------------------------------------------------
def _goals(report: SessionReport) -> list[str]:
    goals = report.goals
    if not goals:
        return ["<p class=muted>No goals were set for this session.</p>"]
    rows = []
    for goal, met in goals:
        mark = {True: ("met", "✓ Met"), False: ("missed", "✗ Not met yet"), None: ("open", "Not assessed")}[met]
        rows.append(f"<tr><td class='goal {mark[0]}'>{mark[1]}</td><td>{escape(goal)}</td></tr>")
    return ["<table class=goals>", *rows, "</table>"]


def _summary(report: SessionReport) -> list[str]:
    p = report.progress
    best = _num(p.best.score) if p.best else "–"
    ready = "Ready to call" if p.ready else "Not ready to call yet"
    items = [f"{_plural(p.takes, 'take')} over {_plural(p.days_practised, 'day')} of practice; current streak "
             f"{_plural(p.current_streak, 'day')}.", f"Personal best score: {best}.",
             f"{ready}: {escape(p.readiness.reason.rstrip('.'))}."]
    if report.issues:
        common = "; ".join(f"{escape(name)} ({_plural(n, 'take')})" for name, n in report.issues[:4])
        items.append(f"Most frequent: {common}.")
    return ["<ul>", *(f"<li>{i}</li>" for i in items), "</ul>"]


def _word_marks(take: ReportTake) -> dict[int, tuple[str, str]]:
    """Word index -> (severity, message) of the most serious flag whose evidence it is."""
    marks: dict[int, tuple[str, str]] = {}
    for flag in sorted(take.flags, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3), reverse=True):
        for i in flag.words:
            marks[i] = (flag.severity, flag.message)
    return marks


def transcript_html(take: ReportTake) -> str:
    """The words, flagged evidence highlighted (hover for the message), notes placed at their times."""
    marks = _word_marks(take)
    notes = sorted((n for n in take.notes if n.at_seconds is not None), key=lambda n: n.at_seconds or 0.0)
    out: list[str] = []
    for i, w in enumerate(take.words):
        while notes and (notes[0].at_seconds or 0.0) <= w.start:
            out.append(_inline_note(notes.pop(0)))
        text = escape(w.word)
        if i in marks:
            sev, msg = marks[i]
            text = f"<mark class={_css_class(sev)} title='{escape(msg)}'>{text}</mark>"
        out.append(text)
    out += [_inline_note(n) for n in notes]
    return " ".join(out) if take.words else "<span class=muted>No words were recognised in this take.</span>"


def _inline_note(note: object) -> str:
    at = float(getattr(note, "at_seconds", 0.0) or 0.0)
    return f"<span class=note>[{_clock(at)} {_author(note)}: {escape(str(getattr(note, 'text', '')))}]</span>"


def _author(note: object) -> str:
    """Who wrote a note, as the report labels it. One from before authors were recorded is the coach's when
    it was made in a session, otherwise just a note."""
    author = getattr(note, "author", None)
    if author is None:
        return "coach" if getattr(note, "session_id", None) is not None else "note"
    return "rep" if author == "rep" else "coach"


def _flags(take: ReportTake) -> str:
    if not take.flags:
        return "<p class=ok>Nothing to fix in this take.</p>"
    items = sorted(take.flags, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))
    lis = [f"<li class={_css_class(f.severity)}><b>{_word(f.severity, f.code)}:</b> {escape(f.message)}</li>"
           for f in items]
    return "<ul class=flags>" + "".join(lis) + "</ul>"


def _word(severity: str, code: str) -> str:
    """"Must fix" for what holds a take back (the verdict's rule: rambling too), else by severity."""
    if severity == "warning" and code in BLOCKING_CODES:
        return _SEVERITY_WORD["error"]
    return _SEVERITY_WORD.get(severity, "Note")


def _sound(take: ReportTake) -> str:
    return f"<p class=meta>{escape(take.sound)}</p>" if take.sound else ""


def _verdict(take: ReportTake) -> str:
    """The stored verdict and its reasons, the take's headline."""
    v = take.verdict
    if v is None:
        return ""
    return (f"<p class='verdict {escape(v.value.value)}'><b>{escape(v.label)}</b> — "
            f"{escape('; '.join(v.reasons))}</p>")


def _figures(take: ReportTake) -> str:
    """Score, length and pace; a take the app couldn't hear has no score and its pace is not verified."""
    heard = take.verdict is None or take.verdict.heard
    score = f"score <b>{_num(take.score)}</b>" if heard else "no score"
    pace = _num(take.wpm, " wpm") if heard else "pace not verified"
    return f"{score} · {take.seconds:.0f} s · {pace}"


def _take_section(take: ReportTake) -> list[str]:
    notes = [n for n in take.notes if n.at_seconds is None]
    parts = [f"<section class=take id=take-{take.id}><h3>{escape(take.script_title)} — attempt {take.attempt}</h3>",
             _verdict(take), f"<p class=meta>{_when(take.started_at)} · {_figures(take)}</p>", _sound(take),
             _flags(take), f"<p class=transcript>{transcript_html(take)}</p>"]
    if notes:
        items = "".join(f"<li>{_author(n).capitalize()}: {escape(n.text)}</li>" for n in notes)
        parts.append(f"<ul class=notes>{items}</ul>")
    parts.append("</section>")
    return parts


def _compare(report: SessionReport) -> list[str]:
    first, latest = report.first, report.latest
    if first is None or latest is None:
        return ["<p class=muted>First versus latest needs two takes of the same script.</p>"]
    cols = []
    for label, take in (("First", first), ("Latest", latest)):
        cols.append(f"<td class=col><h3>{label}: attempt {take.attempt}, {_when(take.started_at)}</h3>"
                    f"{_verdict(take)}<p class=meta>{_figures(take)}</p>{_sound(take)}{_flags(take)}"
                    f"<p class=transcript>{transcript_html(take)}</p></td>")
    return [f"<p>Script: {escape(latest.script_title)}</p>", "<table class=compare><tr>", *cols, "</tr></table>"]


# -- charts ------------------------------------------------------------------------------------------
def chart_svg(title: str, values: Sequence[float | None], unit: str = "",
              fixed: tuple[float, float] | None = None) -> str:
    """A small line chart over takes (oldest left), y axis with round, distinct labels."""
    w, h, left, bottom, top = 460, 150, 46, 22, 26
    pts = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    head = (f"<svg viewBox='0 0 {w} {h}' width='{w}' height='{h}' role='img' "
            f"aria-label='{escape(title)} over takes'><text x='{left}' y='16' class='ct'>{escape(title)}"
            f"{' (' + escape(unit) + ')' if unit else ''}</text>")
    if not pts:
        return head + f"<text x='{left}' y='70' class='cl'>No takes yet.</text></svg>"
    scale = nice_scale(*(fixed or (min(v for _, v in pts), max(v for _, v in pts))))
    n = max(2, len(values))

    def xy(i: float, v: float) -> tuple[float, float]:
        x = left + (w - left - 10) * i / (n - 1)
        return round(x, 1), round(top + (h - top - bottom) * (scale.high - v) / (scale.high - scale.low), 1)

    grid = []
    for t in scale.ticks:
        _, y = xy(0, t)
        grid.append(f"<line x1='{left}' x2='{w - 10}' y1='{y}' y2='{y}' class='cg'/>"
                    f"<text x='{left - 6}' y='{y + 4}' text-anchor='end' class='cl'>{scale.label(t)}</text>")
    line = " ".join(f"{x},{y}" for x, y in (xy(i, v) for i, v in pts))
    dots = "".join(f"<circle cx='{x}' cy='{y}' r='3.5' class='cd'><title>Take {i + 1}: {scale.label(v)}</title>"
                   "</circle>" for i, v in pts for x, y in [xy(i, v)])
    axis = (f"<text x='{left}' y='{h - 4}' class='cl'>take 1</text>"
            f"<text x='{w - 10}' y='{h - 4}' text-anchor='end' class='cl'>take {len(values)}</text>")
    return head + "".join(grid) + f"<polyline points='{line}' class='cp'/>" + dots + axis + "</svg>"


def trend_svgs(report: SessionReport, *, standalone: bool = False) -> dict[str, str]:
    """The three charts; ``standalone`` ones carry their namespace and styles, to be drawn as images."""
    trend = report.trend
    series: dict[str, tuple[list[float | None], tuple[float, float] | None]] = {
        "score": ([p.score for p in trend], (0.0, 100.0)), "length": ([p.speech_seconds for p in trend], None),
        "pace": ([p.wpm for p in trend], None)}
    svgs = {key: chart_svg(title, series[key][0], unit, series[key][1]) for key, title, unit in CHARTS}
    if standalone:
        svgs = {k: v.replace("<svg ", "<svg xmlns='http://www.w3.org/2000/svg' ", 1).replace(
            ">", f"><style>{_SVG_STYLE}</style>", 1) for k, v in svgs.items()}
    return svgs


def _charts(report: SessionReport, images: bool) -> list[str]:
    svgs = trend_svgs(report)
    cells = [f"<img src='chart-{key}.svg' width=460 height=150 alt='{title} over takes'>" if images else svgs[key]
             for key, title, _ in CHARTS]
    note = (f"<p class=muted>{_plural(len(report.trend), 'take')} with speech, oldest first; takes with no speech "
            "or that VoiceCoach couldn't hear are left out.</p>")
    return ["<div class=charts>", *(f"<div class=chart>{c}</div>" for c in cells), "</div>", note]


# -- the page ----------------------------------------------------------------------------------------
def render_session_html(report: SessionReport, *, charts: str = "svg") -> str:
    rep, s = report.rep, report.session
    title = f"One-on-one with {rep.name}"
    span = f"{_when(s.started_at)} – {_when(s.ended_at) if s.ended_at else 'still open'}"
    parts = [_HEAD.replace("@TITLE@", escape(title)).replace("@SVG_STYLE@", _SVG_STYLE), f"<h1>{escape(title)}</h1>",
             f"<p class=meta>{escape(rep.company)} · {escape(rep.phone)} · {span}</p>",
             "<h2>Goals</h2>", *_goals(report), "<h2>Where things stand</h2>", *_summary(report),
             "<h2>Trend</h2>", *_charts(report, charts == "images"),
             "<h2>First versus latest</h2>", *_compare(report),
             f"<h2>Takes in this session ({len(report.takes)})</h2>"]
    if not report.takes:
        parts.append("<p class=muted>No takes were recorded or discussed in this session.</p>")
    for take in report.takes:
        parts += _take_section(take)
    parts.append("<p class=foot>Made with VoiceCoach. Highlighted words are what a flag points at; "
                 "[m:ss coach: …] marks a note at that moment of the take (rep: a note the rep wrote)."
                 "</p></body></html>\n")
    return "\n".join(parts)


_SVG_STYLE = (".ct { font: 600 13px sans-serif; fill: #1f2630; } .cl { font: 11px sans-serif; fill: #5b6675; } "
              ".cg { stroke: #e3e7ec; } .cp { fill: none; stroke: #2f6fbd; stroke-width: 2; } .cd { fill: #2f6fbd; }")

_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>@TITLE@</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; color: #1f2630; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #dde2e8; }
h3 { font-size: 1.05em; margin: .6em 0 .2em; }
.meta, .muted, .foot { color: #5b6675; } .foot { font-size: .85em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: 4px 8px; }
.goals td.goal { white-space: nowrap; width: 9em; font-weight: 600; }
.met { color: #1e7a45; } .missed { color: #b3372f; } .open { color: #5b6675; }
.compare td.col { width: 50%; border: 1px solid #dde2e8; }
.flags { padding-left: 1.2em; } .flags li.error b { color: #b3372f; } .flags li.warning b { color: #9a6212; }
.flags li.tip b { color: #2f6fbd; } .ok { color: #1e7a45; }
.verdict { margin: .2em 0; } .verdict.ready b { color: #1e7a45; } .verdict.nearly b { color: #9a6212; }
.verdict.not_yet b { color: #b3372f; } .verdict.couldnt_hear b { color: #5b6675; }
.transcript { font-size: 1.05em; }
mark { padding: 0 2px; border-radius: 3px; } mark.error { background: #f8d0ce; }
mark.warning { background: #fde2b8; } mark.tip { background: #d6e4f5; }
.note { color: #1d5fae; font-style: italic; }
section.take { border-top: 1px solid #dde2e8; margin-top: 1em; }
.charts { display: flex; flex-wrap: wrap; gap: 8px; } .chart svg { max-width: 100%; height: auto; }
@SVG_STYLE@
@page { margin: 16mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  section.take, .compare, .chart, .goals { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style></head><body>"""
