"""Takes as CSV or JSON, and a coach's one-on-one as a single self-contained HTML page.

Every piece of text a person typed (names, script titles, goals, notes, transcripts) goes through
``html.escape`` in the HTML report; CSV cells that a spreadsheet would run as a formula are prefixed
with an apostrophe.
"""

from __future__ import annotations

import csv
import json
from html import escape
from pathlib import Path
from typing import Any

from voicecoach.storage.base import StoreBase
from voicecoach.storage.files import atomic_output
from voicecoach.storage.records import TakeRecord

CSV_COLUMNS = (
    "take_id", "uuid", "rep", "script", "script_version", "started_at", "attempt", "score", "speech_seconds",
    "words", "wpm", "filler_rate", "flag_codes", "audio_sha256", "trashed", "transcript",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ExportsMixin(StoreBase):
    def _export_rows(self, profile_id: int | None, script_id: int | None, include_trashed: bool) -> list[dict]:
        takes: list[TakeRecord] = self.list_takes(profile_id, script_id, include_trashed)  # type: ignore[attr-defined]
        names = {r["id"]: r["name"] for r in self.query("SELECT id, name FROM profiles")}
        versions = {r["id"]: (r["title"], r["version"])
                    for r in self.query("SELECT id, title, version FROM script_versions")}
        rows = []
        for take in reversed(takes):  # oldest first reads naturally in a spreadsheet
            title, version = versions.get(take.script_version_id, ("", 0))
            rows.append({
                "take_id": take.id, "uuid": take.uuid, "rep": names.get(take.profile_id, ""), "script": title,
                "script_version": version, "started_at": take.started_at.isoformat(), "attempt": take.attempt,
                "score": take.score, "speech_seconds": round(take.speech_seconds, 2), "words": take.words,
                "wpm": take.wpm, "filler_rate": take.filler_rate, "flag_codes": list(take.flag_codes),
                "audio_sha256": take.audio_sha256, "trashed": take.trashed, "take": take,
            })
        return rows

    def export_csv(self, out: Path | str, *, profile_id: int | None = None, script_id: int | None = None,
                   include_trashed: bool = False) -> int:
        """One row per take; returns the number of takes written."""
        rows = self._export_rows(profile_id, script_id, include_trashed)
        with atomic_output(out) as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                row = {**row, "flag_codes": ";".join(row["flag_codes"]), "transcript": row["take"].transcript.text}
                writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
        return len(rows)

    def export_json(self, out: Path | str, *, profile_id: int | None = None, script_id: int | None = None,
                    include_trashed: bool = False) -> int:
        """Takes with their full transcript (Vosk JSON), report and notes; returns the count."""
        rows = self._export_rows(profile_id, script_id, include_trashed)
        items = []
        for row in rows:
            take = row.pop("take")
            notes = self.list_notes(take.id)  # type: ignore[attr-defined]
            items.append({**row, "transcript": json.loads(take.transcript_json), "report": take.report_dict,
                          "notes": [{"text": n.text, "at_seconds": n.at_seconds, "created_at": n.created_at.isoformat()}
                                    for n in notes]})
        with atomic_output(out) as handle:
            json.dump({"format": "voicecoach-takes", "version": 1, "takes": items}, handle, ensure_ascii=False,
                      indent=2)
        return len(items)

    def export_session_html(self, session_id: int, out: Path | str) -> Path:
        """A page a coach can mail or print: goals, the takes discussed, notes and the rep's progress."""
        session = self.get_session(session_id)  # type: ignore[attr-defined]
        rep = self.get_profile(session.profile_id)  # type: ignore[attr-defined]
        notes = self.list_notes(session_id=session_id)  # type: ignore[attr-defined]
        end = session.ended_at.isoformat() if session.ended_at else "9999"
        take_ids = {n.take_id for n in notes} | {
            r["id"] for r in self.query(
                "SELECT id FROM takes WHERE profile_id = ? AND started_at >= ? AND started_at <= ?"
                " AND trashed_at IS NULL",
                [session.profile_id, session.started_at.isoformat(), end])}
        takes = sorted((self.get_take(i) for i in take_ids), key=lambda t: (t.started_at, t.id))  # type: ignore[attr-defined]
        progress = self.progress(session.profile_id)  # type: ignore[attr-defined]
        parts = [_HEAD.format(title=escape(f"One-on-one with {rep.profile.name}")),
                 f"<h1>One-on-one with {escape(rep.profile.name)}</h1>",
                 f"<p class=meta>{escape(rep.profile.company)} · {escape(rep.profile.phone)} · "
                 f"{_when(session.started_at)} – {_when(session.ended_at) if session.ended_at else 'ongoing'}</p>",
                 "<h2>Goals</h2>", f"<p class=goals>{escape(session.goals) or '<em>none set</em>'}</p>",
                 "<h2>Progress</h2>", "<ul>",
                 f"<li>{progress.takes} takes over {progress.days_practised} days; current streak "
                 f"{progress.current_streak} days</li>",
                 f"<li>Personal best: {_num(progress.best.score) if progress.best else '–'}</li>",
                 f"<li>Ready to call: {'yes' if progress.ready else 'not yet'} "
                 f"({escape(progress.readiness.reason)})</li>"]
        if progress.top_flags:
            common = ", ".join(f"{escape(f.code)} ({f.count})" for f in progress.top_flags)
            parts.append(f"<li>Most common issues: {common}</li>")
        parts += ["</ul>", f"<h2>Takes ({len(takes)})</h2>"]
        for take in takes:
            script = self.get_script_version(take.script_version_id)  # type: ignore[attr-defined]
            parts += [f"<section><h3>{escape(script.title)} — attempt {take.attempt}</h3>",
                      f"<p class=meta>{_when(take.started_at)} · score {_num(take.score)} · "
                      f"{take.speech_seconds:.0f} s · {escape(', '.join(take.flag_codes) or 'no flags')}</p>",
                      f"<blockquote>{escape(take.transcript.text)}</blockquote>"]
            take_notes = [n for n in self.list_notes(take.id) if n.session_id in (None, session_id)]  # type: ignore[attr-defined]
            if take_notes:
                parts.append("<ul class=notes>")
                parts += [f"<li>{_offset(n.at_seconds)}{escape(n.text)}</li>" for n in take_notes]
                parts.append("</ul>")
            parts.append("</section>")
        parts.append("</body></html>\n")
        with atomic_output(out) as handle:
            handle.write("\n".join(parts))
        return Path(out)


def _when(value: Any) -> str:
    return escape(value.astimezone().strftime("%Y-%m-%d %H:%M")) if value else ""


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _offset(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return f"<span class=at>{int(seconds // 60)}:{int(seconds % 60):02d}</span> "


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 50em; margin: 2em auto; color: #222; }}
.meta {{ color: #666; }} .goals {{ white-space: pre-wrap; }} .at {{ font-family: monospace; color: #06c; }}
section {{ border-top: 1px solid #ddd; margin-top: 1em; }} blockquote {{ color: #444; font-style: italic; }}
</style></head><body>"""
