"""Judging a stored take again, on purpose, with today's rules and the context it was stored with.

The analysis keeps improving, so a rep may want old takes judged by the new rules. That is an explicit
action, never a side effect of opening a take: the take's stored transcript is analysed against its stored
judgement context, the report it had is kept in ``take_reports`` (with when it was made), and the take's
figures, flags and ``judged_at`` are replaced in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from voicecoach.core.report import Report, ReportError, analyze
from voicecoach.storage.base import now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.judgements import read_judgement
from voicecoach.storage.migrations import derive_metrics
from voicecoach.storage.records import TakeRecord, parse_time, stored_object
from voicecoach.storage.takes import TakesMixin

__all__ = ["Measure", "ReanalysisMixin", "ReportVersion", "TakeUnreadableError"]

Measure = Callable[[Path], Any]  # audio file -> core SoundSignals, or None when it cannot be read


class TakeUnreadableError(StoreError):
    """This one take's stored transcript or context cannot be read; other takes are not concerned."""


@dataclass(frozen=True)
class ReportVersion:
    """One report a take has had: ``judged_at`` is when it was made; ``current`` marks the one shown."""

    judged_at: datetime | None
    score: float | None
    report: Report | None
    current: bool = False


class ReanalysisMixin(TakesMixin):
    def reanalyze_take(self, take_id: int, *, measure: Measure | None = None) -> TakeRecord:
        """Judge a take again with today's rules and its stored context; the previous report is kept.

        ``measure(audio_path)`` gives the sound signals of the take's stored audio (an adapter's job: the
        store does not read audio); without it, or without audio, the sound checks say they need it.
        """
        take = self.get_take(take_id)
        try:
            judgement = read_judgement(take.judgement_json)
            transcript = take.transcript
        except (ValueError, RecursionError) as exc:
            raise TakeUnreadableError(f"take {take_id} could not be judged again: {exc}") from None
        signals = measure(take.audio_path) if measure is not None and take.audio_path is not None else None
        report = analyze(transcript, judgement, signals=signals)
        with self.write() as db:
            row = db.execute("SELECT report, score, judged_at, created_at FROM takes WHERE id = ?",
                             [take_id]).fetchone()
            db.execute("INSERT INTO take_reports (take_id, report, score, judged_at, replaced_at)"
                       " VALUES (?, ?, ?, ?, ?)", [take_id, row[0], row[1], row[2] or row[3], now_iso()])
            self._replace_report(db, take_id, report.to_dict())
        return self.get_take(take_id)

    def _replace_report(self, db: Any, take_id: int, report: dict[str, Any]) -> None:
        derived = derive_metrics(report)
        codes = [code for code, _ in derived["flags"]]
        report = {**report, "verdict": derived["verdict"].to_dict()}
        db.execute(
            "UPDATE takes SET report = ?, score = ?, flag_codes = ?, speech_seconds = coalesce(?, speech_seconds),"
            " words = ?, wpm = ?, filler_rate = ?, error_count = ?, judged_at = ?, verdict = ? WHERE id = ?",
            [json.dumps(report, ensure_ascii=False), derived["score"], json.dumps(codes), derived["speech_seconds"],
             derived["words"], derived["wpm"], derived["filler_rate"], derived["error_count"], now_iso(),
             derived["verdict"].value, take_id])
        db.execute("DELETE FROM take_flags WHERE take_id = ?", [take_id])
        db.conn.executemany("INSERT INTO take_flags (take_id, code, severity) VALUES (?, ?, ?)",
                            [(take_id, code, severity) for code, severity in derived["flags"]])

    def report_versions(self, take_id: int) -> list[ReportVersion]:
        """Every report the take has had, oldest first; the last is the current one."""
        take = self.query_one("SELECT report, score, judged_at, created_at FROM takes WHERE id = ?", [take_id],
                              what="take")
        rows = self.query("SELECT report, score, judged_at FROM take_reports WHERE take_id = ? ORDER BY id",
                          [take_id])
        out = [ReportVersion(parse_time(r["judged_at"]), r["score"], _report(r["report"])) for r in rows]
        out.append(ReportVersion(parse_time(take["judged_at"] or take["created_at"]), take["score"],
                                 _report(take["report"]), current=True))
        return out

    def takes_to_reanalyze(self, profile_id: int | None = None) -> list[int]:
        """Ids of every take not in the trash (of one rep, if given), oldest first."""
        sql = "SELECT id FROM takes WHERE trashed_at IS NULL"
        params: list[Any] = []
        if profile_id is not None:
            sql += " AND profile_id = ?"
            params.append(profile_id)
        return [r[0] for r in self.query(sql + " ORDER BY started_at, id", params)]


def _report(text: str | None) -> Report | None:
    try:
        return Report.from_dict(stored_object(text))
    except (ReportError, ValueError, TypeError, KeyError):
        return None
