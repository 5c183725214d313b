"""Progress through a cadence, per attempt: each take's verdict, the best score, and whether it is ready.

Everything is read from the takes themselves (``takes.cadence``, ``takes.cadence_attempt`` and the topics in
the stored judgement), so a coach sees the same per rep and per attempt from takes pulled through the team
folder, without the cadence file.

A take's verdict comes from one function, ``take_verdict``; an attempt is ready when its latest
``READY_AFTER`` takes were all *ready* (``attempt_ready``), and a cadence when every attempt is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from voicecoach.core import codes
from voicecoach.storage.base import StoreBase
from voicecoach.storage.judgements import json_object

READY = "ready"
NEARLY = "nearly"
NOT_YET = "not yet"
NOT_HEARD = "couldn't hear you"
READY_AFTER = 2
SHOWN_VERDICTS = 5


def take_verdict(error_count: int, warning_count: int, flag_codes: tuple[str, ...]) -> str:
    """One take's verdict from what it stored: couldn't hear you (the recognition was unreliable), not yet
    (an error), nearly (two or more warnings), ready. The one place to switch to a verdict stored with the take.
    """
    if codes.RECOGNITION_UNRELIABLE in flag_codes:
        return NOT_HEARD
    if error_count:
        return NOT_YET
    return NEARLY if warning_count >= 2 else READY


def attempt_ready(verdicts: list[str]) -> tuple[bool, str]:
    """Ready when the latest ``READY_AFTER`` verdicts (newest first) are all *ready*; and why, in words."""
    if not verdicts:
        return False, "not rehearsed yet"
    clean = 0
    for verdict in verdicts:
        if verdict != READY:
            break
        clean += 1
    if clean >= READY_AFTER:
        return True, f"the last {READY_AFTER} takes were ready"
    missing = READY_AFTER - clean
    return False, f"{missing} more ready take{'s' if missing > 1 else ''} in a row needed"


@dataclass(frozen=True, slots=True)
class AttemptProgress:
    attempt: int
    topic: str | None
    takes: int
    best: float | None
    latest: float | None
    verdicts: tuple[str, ...]  # newest first, at most SHOWN_VERDICTS
    ready: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"attempt": self.attempt, "topic": self.topic, "takes": self.takes, "best": self.best,
                "latest": self.latest, "verdicts": list(self.verdicts), "ready": self.ready, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class CadenceProgress:
    cadence: str
    attempts: tuple[AttemptProgress, ...]

    @property
    def ready(self) -> bool:
        return bool(self.attempts) and all(a.ready for a in self.attempts)

    @property
    def ready_count(self) -> int:
        return sum(a.ready for a in self.attempts)

    def summary(self) -> str:
        if self.ready:
            return f"{self.cadence}: ready, all {len(self.attempts)} voicemails"
        return f"{self.cadence}: {self.ready_count} of {len(self.attempts)} voicemails ready"

    def to_dict(self) -> dict[str, Any]:
        return {"cadence": self.cadence, "ready": self.ready, "attempts": [a.to_dict() for a in self.attempts]}


_TAKES = (
    "SELECT t.id, t.cadence_attempt, t.score, t.error_count, t.flag_codes, t.judgement,"
    " (SELECT COUNT(*) FROM take_flags f WHERE f.take_id = t.id AND f.severity = 'warning') AS warnings"
    " FROM takes t WHERE t.profile_id = ? AND t.cadence = ? AND t.trashed_at IS NULL"
    " ORDER BY t.started_at DESC, t.id DESC"
)


class CadenceProgressMixin(StoreBase):
    def cadences_practised(self, profile_id: int) -> list[str]:
        """The cadences this rep has rehearsed, most recent first."""
        rows = self.query("SELECT cadence, MAX(started_at) AS last FROM takes WHERE profile_id = ? AND cadence IS"
                          " NOT NULL AND trashed_at IS NULL GROUP BY cadence ORDER BY last DESC", [profile_id])
        return [r["cadence"] for r in rows]

    def cadence_progress(self, profile_id: int, cadence: str,
                         topics: tuple[tuple[int, str], ...] | None = None) -> CadenceProgress:
        """Per-attempt progress; ``topics`` (the cadence's plan) lists attempts not rehearsed yet, else the
        plan stored with the latest take is used."""
        rows = self.query(_TAKES, [profile_id, cadence])
        if topics is None:
            topics = _stored_topics(rows[0]["judgement"]) if rows else ()
        by_attempt: dict[int, list[Any]] = {n: [] for n, _ in topics}
        for row in rows:
            if row["cadence_attempt"] is not None:
                by_attempt.setdefault(int(row["cadence_attempt"]), []).append(row)
        names = dict(topics)
        return CadenceProgress(cadence, tuple(_attempt(n, names.get(n), by_attempt[n]) for n in sorted(by_attempt)))


def _attempt(number: int, topic: str | None, rows: list[Any]) -> AttemptProgress:
    verdicts = [take_verdict(r["error_count"] or 0, r["warnings"] or 0, tuple(json.loads(r["flag_codes"] or "[]")))
                for r in rows]
    ready, reason = attempt_ready(verdicts)
    scores = [r["score"] for r in rows if r["score"] is not None]
    if topic is None and rows:
        topic = _stored_topic(rows[0]["judgement"])
    return AttemptProgress(number, topic, len(rows), max(scores) if scores else None,
                           rows[0]["score"] if rows else None, tuple(verdicts[:SHOWN_VERDICTS]), ready, reason)


def _stored_topics(raw: str | None) -> tuple[tuple[int, str], ...]:
    from voicecoach.core.judgement import JudgementContext

    try:
        return JudgementContext.from_dict(json_object(raw)).cadence_topics
    except (ValueError, TypeError):
        return ()


def _stored_topic(raw: str | None) -> str | None:
    topic = json_object(raw).get("topic")
    return topic if isinstance(topic, str) else None
