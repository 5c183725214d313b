"""What the coach said to a rep, for the rep's practice page: the latest session's goals and recent notes.

It reads the local database only, so it shows the same whether the notes came through the team folder,
a bundle, or a coach sitting at the rep's laptop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["RECENT_NOTES", "CoachFeedback", "FeedbackNote", "coach_feedback"]

RECENT_NOTES = 5


@dataclass(frozen=True)
class FeedbackNote:
    text: str
    at_seconds: float | None
    created_at: datetime
    take_id: int
    take_started_at: datetime
    script_title: str


@dataclass(frozen=True)
class CoachFeedback:
    goals: str
    goal_results: tuple[tuple[str, bool], ...]
    session_started_at: datetime | None
    notes: tuple[FeedbackNote, ...]

    @property
    def empty(self) -> bool:
        return not self.goals.strip() and not self.notes


def coach_feedback(store: Store, profile_id: int, *, notes: int = RECENT_NOTES) -> CoachFeedback:
    """The goals of the rep's latest session that has any, and the newest notes on the rep's takes."""
    session = store.query(
        "SELECT goals, goal_results, started_at FROM sessions WHERE profile_id = ? AND trim(ifnull(goals, '')) != ''"
        " ORDER BY started_at DESC, id DESC LIMIT 1", [profile_id])
    rows = store.query(
        "SELECT n.text, n.at_seconds, n.created_at, t.id AS take_id, t.started_at, v.title FROM notes n"
        " JOIN takes t ON t.id = n.take_id JOIN script_versions v ON v.id = t.script_version_id"
        " WHERE t.profile_id = ? AND t.trashed_at IS NULL AND ifnull(n.author, '') != 'rep'"  # not the rep's own
        " ORDER BY n.created_at DESC, n.id DESC LIMIT ?",
        [profile_id, notes])
    found = tuple(FeedbackNote(r["text"], r["at_seconds"], datetime.fromisoformat(r["created_at"]), r["take_id"],
                               datetime.fromisoformat(r["started_at"]), r["title"]) for r in rows)
    if not session:
        return CoachFeedback("", (), None, found)
    s = session[0]
    return CoachFeedback(s["goals"], _results(s["goal_results"]), datetime.fromisoformat(s["started_at"]), found)


def _results(raw: str | None) -> tuple[tuple[str, bool], ...]:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return ()
    return tuple((str(k), bool(v)) for k, v in data.items()) if isinstance(data, dict) else ()
