"""Takes as CSV or JSON, and a coach's one-on-one as a single self-contained HTML page.

The HTML report is built by session_report.py (what it holds) and session_html.py (the page, every
text escaped); CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from voicecoach.storage.base import StoreBase
from voicecoach.storage.files import atomic_output
from voicecoach.storage.records import TakeRecord, stored_json
from voicecoach.storage.session_html import render_session_html
from voicecoach.storage.session_report import SessionReport, build_session_report

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["CSV_COLUMNS", "SOUND_COLUMNS", "UNHEARD_EMPTY", "ExportsMixin"]

CSV_COLUMNS = (
    "take_id", "uuid", "rep", "script", "script_version", "started_at", "attempt", "verdict", "score", "speech_seconds",
    "words", "wpm", "filler_rate", "filled_pauses", "pitch_range_semitones", "speech_level_dbfs", "hook_seconds",
    "flag_codes", "audio_sha256", "trashed", "transcript",
)
# Figures worked out from the words: left empty on a take the app couldn't hear, like its score.
UNHEARD_EMPTY = ("score", "words", "wpm", "filler_rate", "filled_pauses", "hook_seconds")
# From the recording (empty for a take analysed from a transcript alone, or saved before they existed).
SOUND_COLUMNS = ("filled_pauses", "pitch_range_semitones", "speech_level_dbfs", "hook_seconds")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _sound_cells(report: dict[str, Any]) -> dict[str, Any]:
    held = report.get("metrics")
    metrics: dict[str, Any] = held if isinstance(held, dict) else {}
    cells = {k: metrics.get(k) for k in SOUND_COLUMNS}
    held = cells["filled_pauses"]
    cells["filled_pauses"] = len(held) if isinstance(held, list) else None
    return {k: ("" if v is None else v) for k, v in cells.items()}


class ExportsMixin(StoreBase):
    def _export_rows(self, profile_id: int | None, script_id: int | None,
                     include_trashed: bool) -> list[dict[str, Any]]:
        takes: list[TakeRecord] = self.list_takes(profile_id, script_id, include_trashed)
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
                "verdict": take.verdict.value if take.verdict else None,
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
                take = row["take"]
                row = {**row, **_sound_cells(take.report_dict), "flag_codes": ";".join(row["flag_codes"]),
                       "transcript": take.transcript.text, "verdict": take.verdict.label if take.verdict else ""}
                if not take.heard:
                    row.update(dict.fromkeys(UNHEARD_EMPTY, ""))
                writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
        return len(rows)

    def export_json(self, out: Path | str, *, profile_id: int | None = None, script_id: int | None = None,
                    include_trashed: bool = False) -> int:
        """Takes with their full transcript (Vosk JSON), report and notes; returns the count."""
        rows = self._export_rows(profile_id, script_id, include_trashed)
        items = []
        for row in rows:
            take = row.pop("take")
            notes = self.list_notes(take.id)
            transcript = stored_json(take.transcript_json, take.id, "transcript")
            items.append({**row, "transcript": transcript, "report": take.report_dict,
                          "notes": [{"text": n.text, "at_seconds": n.at_seconds, "created_at": n.created_at.isoformat()}
                                    for n in notes]})
        with atomic_output(out) as handle:
            json.dump({"format": "voicecoach-takes", "version": 1, "takes": items}, handle, ensure_ascii=False,
                      indent=2)
        return len(items)

    def session_report(self, session_id: int) -> SessionReport:
        """Everything the session report shows (see session_report.py)."""
        return build_session_report(cast("Store", self), session_id)  # this part is only ever part of a Store

    def export_session_html(self, session_id: int, out: Path | str) -> Path:
        """The page a coach sends after a one-on-one (see session_html.py); written atomically."""
        page = render_session_html(self.session_report(session_id))
        with atomic_output(out) as handle:
            handle.write(page)
        return Path(out)
