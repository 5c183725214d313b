"""Progress through a cadence, per attempt: each take's verdict, the best score, and whether it is ready.

Everything is read from the takes themselves (``takes.cadence``, ``takes.cadence_attempt`` and the topics in
the stored judgement), so a coach sees the same per rep and per attempt from takes pulled through the team
folder, without the cadence file.

A take's verdict is the one stored with it (``takes.verdict``); an attempt is ready by the same rule as a
script, core ``ready_in_a_row`` (``attempt_ready``), and a cadence when every attempt is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voicecoach.core.verdict import VerdictValue, ready_in_a_row
from voicecoach.storage.base import StoreBase
from voicecoach.storage.records import stored_object

__all__ = ["SHOWN_VERDICTS", "AttemptProgress", "CadenceProgress", "CadenceProgressMixin", "attempt_ready"]

SHOWN_VERDICTS = 5


def attempt_ready(verdicts: Sequence[str]) -> tuple[bool, str]:
    """An attempt is ready by the same rule as a script (core ``ready_in_a_row``), read from the verdicts
    stored with its takes (newest first); and why, in words."""
    if not verdicts:
        return False, "not rehearsed yet"
    ready, _clean, reason = ready_in_a_row(verdicts)
    return ready, reason


@dataclass(frozen=True, slots=True)
class AttemptProgress:
    attempt: int
    topic: str | None
    takes: int
    best: float | None
    latest: float | None
    verdicts: tuple[VerdictValue, ...]  # stored verdicts, newest first, at most SHOWN_VERDICTS
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
    "SELECT t.id, t.cadence_attempt, t.score, t.verdict, t.judgement"
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
    verdicts = [_verdict(r["verdict"]) for r in rows]
    ready, reason = attempt_ready(verdicts)
    scores = [r["score"] for r in rows if r["score"] is not None and r["verdict"] != VerdictValue.COULDNT_HEAR]
    if topic is None and rows:
        topic = _stored_topic(rows[0]["judgement"])
    return AttemptProgress(number, topic, len(rows), max(scores) if scores else None,
                           _latest(rows), tuple(verdicts[:SHOWN_VERDICTS]), ready, reason)


def _latest(rows: list[Any]) -> float | None:
    """The latest take's score, none when the app couldn't hear it (it is no result)."""
    if not rows or rows[0]["verdict"] == VerdictValue.COULDNT_HEAR:
        return None
    score: float | None = rows[0]["score"]
    return score


def _verdict(value: str | None) -> VerdictValue:
    try:
        return VerdictValue(value or "")
    except ValueError:
        return VerdictValue.NOT_YET


def _stored_topics(raw: str | None) -> tuple[tuple[int, str], ...]:
    from voicecoach.core.judgement import JudgementContext

    try:
        return JudgementContext.from_dict(stored_object(raw)).cadence_topics
    except (ValueError, TypeError):
        return ()


def _stored_topic(raw: str | None) -> str | None:
    topic = stored_object(raw).get("topic")
    return topic if isinstance(topic, str) else None
