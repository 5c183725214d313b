"""Takes: saving one (audio copy, attempt number, report figures) and the trash.

The audio is copied before the transaction and removed again if the transaction fails, so a take row
never points at a missing or partial file; a crash between the two leaves at worst an unreferenced file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from voicecoach.core.judgement import JudgementContext
from voicecoach.core.transcript import Transcript
from voicecoach.core.verdict import Verdict
from voicecoach.core.when import utc_time
from voicecoach.storage.audio_copy import copy_audio_in
from voicecoach.storage.base import StoreBase, new_uuid, now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.judgements import judgement_to_json, rebuilt_judgement, report_with_view
from voicecoach.storage.migrations import derive_metrics
from voicecoach.storage.records import TakeRecord, parse_time, verdict_value

__all__ = ["TAKE_COLUMNS", "TakesMixin", "report_to_dict", "transcript_to_json"]

TAKE_COLUMNS = (
    "id, uuid, profile_id, script_id, script_version_id, started_at, audio_path, audio_sha256, speech_seconds,"
    " score, flag_codes, attempt, trashed_at, words, wpm, filler_rate, judged_at, verdict"
)


def report_to_dict(report: Any) -> dict[str, Any]:
    """Accept the core Report, anything with ``to_dict()``, a mapping, or None."""
    if report is None:
        return {}
    if hasattr(report, "to_dict"):
        report = report.to_dict()
    if not isinstance(report, Mapping):
        raise StoreError("a report must be a Report or a JSON object")
    return dict(report)


def _utc_stamp(value: datetime | str) -> str:
    """Every stamp in one UTC format, so that text order is time order (naive times count as local)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise StoreError(f"not a date and time: {value!r}") from None
    return utc_time(value).isoformat(timespec="milliseconds")


def transcript_to_json(transcript: Transcript | list[Any] | dict[str, Any]) -> str:
    if isinstance(transcript, Transcript):
        return transcript.to_json()
    return Transcript.from_vosk(transcript).to_json()


class TakesMixin(StoreBase):
    def save_take(self, *, profile_id: int, script_version_id: int, transcript: Transcript, report: Any,
                  audio_path: Path | str | None = None, started_at: datetime | str | None = None,
                  uuid: str | None = None, judgement: JudgementContext | None = None) -> TakeRecord:
        """Store one take in a single transaction (with its audio copied in first).

        ``judgement`` is what the take was judged against; without one, a context is rebuilt from the script
        version and the rep (marked ``rebuilt``).
        """
        report_dict = report_to_dict(report)
        transcript_json = transcript_to_json(transcript)
        version = self.query(
            "SELECT script_id FROM script_versions WHERE id = ?", [script_version_id])
        if not version:
            raise StoreError(f"no script version {script_version_id}")
        if not self.query("SELECT 1 FROM profiles WHERE id = ?", [profile_id]):
            raise StoreError(f"no profile {profile_id}")
        take_uuid = uuid or new_uuid()
        copied: Path | None = None
        sha: str | None = None
        if audio_path is not None:
            copied, sha = copy_audio_in(Path(audio_path), self.takes_dir, take_uuid)
        try:
            with self.write() as db:
                take_id = self._insert_take(db, take_uuid, profile_id, version[0]["script_id"], script_version_id,
                                            transcript_json, report_dict, copied, sha, started_at,
                                            judgement=judgement)
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)
            raise
        return self.get_take(take_id)

    def _insert_take(self, db: Any, take_uuid: str, profile_id: int, script_id: int, version_id: int,
                     transcript_json: str, report: dict[str, Any], audio: Path | None, sha: str | None,
                     started_at: datetime | str | None, *, attempt: int | None = None,
                     trashed_at: str | None = None, judgement: JudgementContext | None = None) -> int:
        if judgement is None:
            judgement = self._rebuilt_judgement(db, version_id, profile_id, report)
            report = report_with_view(report, transcript_json, judgement)
        elif judgement.script_version_id != version_id:
            judgement = replace(judgement, script_version_id=version_id)
        derived = derive_metrics(report)
        report = {**report, "verdict": derived["verdict"].to_dict()}  # stored once, read by every view
        if derived["speech_seconds"] is None:
            derived["speech_seconds"] = Transcript.from_json(transcript_json).speech_seconds
        if attempt is None:
            attempt = db.execute(
                "SELECT COUNT(*) + 1 FROM takes WHERE profile_id = ? AND script_id = ?", [profile_id, script_id]
            ).fetchone()[0]
        started_at = _utc_stamp(started_at) if started_at else now_iso()
        codes = [code for code, _ in derived["flags"]]
        cursor = db.execute(
            "INSERT INTO takes (uuid, profile_id, script_id, script_version_id, started_at, audio_path, audio_sha256,"
            " speech_seconds, score, flag_codes, attempt, transcript, report, trashed_at, created_at, words, wpm,"
            " filler_rate, error_count, judgement, verdict, cadence, cadence_attempt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [take_uuid, profile_id, script_id, version_id, started_at,
             audio.relative_to(self.data_dir).as_posix() if audio else None, sha, derived["speech_seconds"],
             derived["score"], json.dumps(codes), attempt, transcript_json, json.dumps(report, ensure_ascii=False),
             trashed_at, now_iso(), derived["words"], derived["wpm"], derived["filler_rate"],
             derived["error_count"], judgement_to_json(judgement), derived["verdict"].value,
             judgement.cadence, judgement.attempt],
        )
        take_id = int(cursor.lastrowid or 0)
        db.conn.executemany("INSERT INTO take_flags (take_id, code, severity) VALUES (?, ?, ?)",
                            [(take_id, code, severity) for code, severity in derived["flags"]])
        return take_id

    def _rebuilt_judgement(self, db: Any, version_id: int, profile_id: int,
                           report: dict[str, Any]) -> JudgementContext:
        v = db.execute("SELECT id, title, text, time_limit, referral FROM script_versions WHERE id = ?",
                       [version_id]).fetchone()
        p = db.execute("SELECT name, company, phone, website, email FROM profiles WHERE id = ?",
                       [profile_id]).fetchone()
        version = dict(zip(("id", "title", "text", "time_limit", "referral"), v, strict=True)) if v else None
        profile = dict(zip(("name", "company", "phone", "website", "email"), p, strict=True)) if p else None
        return rebuilt_judgement(version, profile, report)

    def get_take(self, take_id: int) -> TakeRecord:
        row = self.query_one(f"SELECT {TAKE_COLUMNS}, transcript, report, judgement FROM takes WHERE id = ?",
                             [take_id], what="take")
        return self._take_record(row, with_payload=True)

    def _load_payload(self, take_id: int) -> tuple[str, str, str | None]:
        """Transcript, report and judgement JSON of one take, for records that came from a list."""
        row = self.query_one("SELECT transcript, report, judgement FROM takes WHERE id = ?", [take_id], what="take")
        return row["transcript"], row["report"], row["judgement"]

    def list_takes(self, profile_id: int | None = None, script_id: int | None = None, include_trashed: bool = False,
                   *, trashed_only: bool = False, limit: int | None = None) -> list[TakeRecord]:
        """Newest first."""
        where, params = [], []
        if profile_id is not None:
            where.append("profile_id = ?")
            params.append(profile_id)
        if script_id is not None:
            where.append("script_id = ?")
            params.append(script_id)
        if trashed_only:
            where.append("trashed_at IS NOT NULL")
        elif not include_trashed:
            where.append("trashed_at IS NULL")
        sql = f"SELECT {TAKE_COLUMNS} FROM takes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [self._take_record(r) for r in self.query(sql, params)]

    def stored_verdicts(self, take_ids: Iterable[int]) -> dict[int, Verdict]:
        """Each take's verdict with its reasons, as stored with its report (one query per 500 takes)."""
        ids = list(dict.fromkeys(int(i) for i in take_ids))
        out: dict[int, Verdict] = {}
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            rows = self.query("SELECT id, verdict, json_extract(report, '$.verdict') AS stored FROM takes"
                              f" WHERE json_valid(report) AND id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                try:
                    out[row["id"]] = Verdict.from_dict(json.loads(row["stored"]))
                except (TypeError, ValueError, KeyError):
                    value = verdict_value(row["verdict"])
                    if value is not None:
                        out[row["id"]] = Verdict(value)
        return out

    def trash_take(self, take_id: int) -> TakeRecord:
        self.get_take(take_id)
        with self.write() as db:
            db.execute("UPDATE takes SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL", [now_iso(), take_id])
        return self.get_take(take_id)

    def restore_take(self, take_id: int) -> TakeRecord:
        self.get_take(take_id)
        with self.write() as db:
            db.execute("UPDATE takes SET trashed_at = NULL WHERE id = ?", [take_id])
        return self.get_take(take_id)

    def empty_trash(self) -> int:
        """Delete trashed takes for good (rows, flags, notes, then their audio); returns how many."""
        with self.write() as db:
            rows = db.execute("SELECT id, audio_path FROM takes WHERE trashed_at IS NOT NULL").fetchall()
            ids = [(r[0],) for r in rows]
            db.conn.executemany("DELETE FROM notes WHERE take_id = ?", ids)
            db.conn.executemany("DELETE FROM take_flags WHERE take_id = ?", ids)
            db.conn.executemany("DELETE FROM takes WHERE id = ?", ids)
        for _, audio in rows:
            if audio:
                (self.data_dir / audio).unlink(missing_ok=True)
        return len(rows)

    def _take_record(self, row: sqlite3.Row, *, with_payload: bool = False) -> TakeRecord:
        audio = row["audio_path"]
        return TakeRecord(
            id=row["id"], profile_id=row["profile_id"], script_id=row["script_id"],
            script_version_id=row["script_version_id"], started_at=parse_time(row["started_at"]),  # type: ignore[arg-type]
            audio_path=(self.data_dir / audio) if audio else None, audio_sha256=row["audio_sha256"],
            speech_seconds=row["speech_seconds"] or 0.0, score=row["score"],
            flag_codes=tuple(json.loads(row["flag_codes"] or "[]")), attempt=row["attempt"],
            trashed_at=parse_time(row["trashed_at"]), uuid=row["uuid"], words=row["words"] or 0, wpm=row["wpm"],
            filler_rate=row["filler_rate"], stored_transcript=row["transcript"] if with_payload else None,
            stored_report=row["report"] if with_payload else None,
            stored_judgement=row["judgement"] if with_payload else None, judged_at=parse_time(row["judged_at"]),
            verdict=verdict_value(row["verdict"]),
            load_payload=self._load_payload,
        )
