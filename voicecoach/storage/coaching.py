"""A coach's one-on-ones with a rep, and the notes left on takes (optionally at a moment in the audio)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from voicecoach.storage.base import StoreBase, new_uuid, now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.records import NoteRecord, SessionRecord, parse_time, stored_object

__all__ = ["NOTE_AUTHORS", "CoachingMixin"]


class CoachingMixin(StoreBase):
    def start_session(self, profile_id: int, goals: str = "") -> SessionRecord:
        self.get_profile(profile_id)
        with self.write() as db:
            cursor = db.execute("INSERT INTO sessions (uuid, profile_id, started_at, goals) VALUES (?, ?, ?, ?)",
                                [new_uuid(), profile_id, now_iso(), goals or ""])
        return self.get_session(int(cursor.lastrowid or 0))

    def end_session(self, session_id: int) -> SessionRecord:
        self.get_session(session_id)
        with self.write() as db:
            db.execute("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", [now_iso(), session_id])
        return self.get_session(session_id)

    def update_session_goals(self, session_id: int, goals: str) -> SessionRecord:
        self.get_session(session_id)
        with self.write() as db:
            db.execute("UPDATE sessions SET goals = ? WHERE id = ?", [goals or "", session_id])
        return self.get_session(session_id)

    def set_goal_results(self, session_id: int, results: Mapping[str, bool]) -> SessionRecord:
        """Record which goals were met (the coach's judgement, usually when the session ends)."""
        self.get_session(session_id)
        payload = json.dumps({str(k): bool(v) for k, v in results.items()}, ensure_ascii=False)
        with self.write() as db:
            db.execute("UPDATE sessions SET goal_results = ? WHERE id = ?", [payload, session_id])
        return self.get_session(session_id)

    def get_session(self, session_id: int) -> SessionRecord:
        row = self.query_one("SELECT * FROM sessions WHERE id = ?", [session_id], what="session")
        return _session(row)

    def list_sessions(self, profile_id: int | None = None) -> list[SessionRecord]:
        if profile_id is None:
            rows = self.query("SELECT * FROM sessions ORDER BY started_at DESC, id DESC")
        else:
            rows = self.query("SELECT * FROM sessions WHERE profile_id = ? ORDER BY started_at DESC, id DESC",
                              [profile_id])
        return [_session(r) for r in rows]

    def add_note(self, take_id: int, text: str, at_seconds: float | None = None,
                 session_id: int | None = None, *, author: str | None = None) -> NoteRecord:
        """``author``: "rep" or "coach", who wrote it (None: not known)."""
        if author not in NOTE_AUTHORS:
            raise StoreError(f"a note's author is “rep” or “coach”, not {author!r}")
        if not (text or "").strip():
            raise StoreError("a note needs some text")
        if at_seconds is not None and at_seconds < 0:
            raise StoreError("a note's time offset cannot be negative")
        self.get_take(take_id)
        if session_id is not None:
            self.get_session(session_id)
        with self.write() as db:
            cursor = db.execute(
                "INSERT INTO notes (uuid, take_id, session_id, text, at_seconds, created_at, author)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [new_uuid(), take_id, session_id, text.strip(), at_seconds, now_iso(), author],
            )
        return self.get_note(int(cursor.lastrowid or 0))

    def get_note(self, note_id: int) -> NoteRecord:
        return _note(self.query_one("SELECT * FROM notes WHERE id = ?", [note_id], what="note"))

    def list_notes(self, take_id: int | None = None, *, session_id: int | None = None) -> list[NoteRecord]:
        """Notes on a take (in audio order) or all notes of a session."""
        if session_id is not None:
            rows = self.query("SELECT * FROM notes WHERE session_id = ? ORDER BY take_id, at_seconds, id",
                              [session_id])
        else:
            rows = self.query("SELECT * FROM notes WHERE take_id = ? ORDER BY at_seconds IS NULL, at_seconds, id",
                              [take_id])
        return [_note(r) for r in rows]

    def delete_note(self, note_id: int) -> None:
        self.get_note(note_id)
        with self.write() as db:
            db.execute("DELETE FROM notes WHERE id = ?", [note_id])


def _session(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(id=row["id"], profile_id=row["profile_id"], started_at=parse_time(row["started_at"]),  # type: ignore[arg-type]
                         ended_at=parse_time(row["ended_at"]), goals=row["goals"] or "", uuid=row["uuid"],
                         goal_results=_goal_results(row["goal_results"]))


def _goal_results(raw: str | None) -> tuple[tuple[str, bool], ...]:
    return tuple((str(k), bool(v)) for k, v in stored_object(raw).items())


NOTE_AUTHORS = (None, "rep", "coach")


def _note(row: sqlite3.Row) -> NoteRecord:
    return NoteRecord(id=row["id"], take_id=row["take_id"], session_id=row["session_id"], text=row["text"],
                      at_seconds=row["at_seconds"], created_at=parse_time(row["created_at"]), uuid=row["uuid"],  # type: ignore[arg-type]
                      author=row["author"] if "author" in row.keys() else None)  # noqa: SIM118 (a Row)
