"""The values the store hands out: frozen, so a view can keep one without it changing underneath.

A take's transcript and report are parsed on first access, because listing ten thousand takes should
not cost ten thousand JSON parses when a history view only shows dates and scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from voicecoach.core.judgement import JudgementContext
from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript
from voicecoach.core.verdict import VerdictValue

__all__ = [
    "FlagCount",
    "NoteRecord",
    "PracticeDays",
    "ProfileRecord",
    "Progress",
    "Readiness",
    "ScriptRecord",
    "SessionRecord",
    "TakeRecord",
    "TrendPoint",
    "parse_time",
    "split_goals",
    "stored_json",
    "stored_object",
    "verdict_value",
]


@dataclass(frozen=True)
class ProfileRecord:
    id: int
    profile: Profile
    uuid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ScriptRecord:
    """One script at one version: what a take is judged against."""

    id: int
    version_id: int
    title: str
    text: str
    time_limit: float | None
    referral: str | None
    version: int
    updated_at: datetime | None
    uuid: str = ""
    version_uuid: str = ""
    is_current: bool = True
    follow_up: bool = False  # a script for a prospect already called: mentioning the last message is honest
    archived_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class TakeRecord:
    id: int
    profile_id: int
    script_id: int
    script_version_id: int
    started_at: datetime
    audio_path: Path | None
    audio_sha256: str | None
    speech_seconds: float
    score: float | None
    flag_codes: tuple[str, ...]
    attempt: int
    trashed_at: datetime | None = None
    uuid: str = ""
    words: int = 0
    wpm: float | None = None
    filler_rate: float | None = None
    # The JSON texts, or None when the record came from a list: then ``load_payload(id)`` fetches them
    # on first use, so a history of thousands of takes does not read every transcript off disk.
    stored_transcript: str | None = field(default=None, repr=False, compare=False)
    stored_report: str | None = field(default=None, repr=False, compare=False)
    stored_judgement: str | None = field(default=None, repr=False, compare=False)
    judged_at: datetime | None = None  # when a re-analysis made the current report (None: when it was saved)
    verdict: VerdictValue | None = None  # as stored with the take (core.verdict); the one every view shows
    load_payload: Callable[[int], tuple[str, str, str | None]] | None = field(default=None, repr=False,
                                                                               compare=False)

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None

    @property
    def heard(self) -> bool:
        """False for a take the app couldn't hear: no result, its word figures unverified."""
        return self.verdict is not VerdictValue.COULDNT_HEAR

    @cached_property
    def _payload(self) -> tuple[str, str, str | None]:
        if self.stored_transcript is not None:
            return self.stored_transcript, self.stored_report or "", self.stored_judgement
        if self.load_payload is None:
            raise ValueError(f"take {self.id} was built without its transcript")
        return self.load_payload(self.id)

    @property
    def transcript_json(self) -> str:
        """The transcript as stored: Vosk's JSON list of results."""
        return self._payload[0]

    @property
    def report_json(self) -> str:
        return self._payload[1]

    @property
    def judgement_json(self) -> str | None:
        """The judgement context as stored (None when there is none)."""
        return self._payload[2]

    @cached_property
    def transcript(self) -> Transcript:
        return Transcript.from_json(self.transcript_json)

    @cached_property
    def report(self) -> Any:
        """The core Report when it can be rebuilt, else the stored dict (older or newer report shapes)."""
        data = self.report_dict
        try:
            from voicecoach.core.report import Report

            return Report.from_dict(data)
        except Exception:  # a report from another version must still be viewable
            return data

    @cached_property
    def judgement(self) -> JudgementContext | None:
        """What the take was judged against, as stored with it (None only if it cannot be read)."""
        from voicecoach.storage.judgements import judgement_from_json

        return judgement_from_json(self._payload[2])

    @property
    def report_dict(self) -> dict[str, Any]:
        """The stored report as a dict; {} when it cannot be read (nested past ``MAX_NESTING``, not JSON)."""
        return stored_object(self.report_json)


@dataclass(frozen=True)
class SessionRecord:
    """A coach's one-on-one with a rep."""

    id: int
    profile_id: int
    started_at: datetime
    ended_at: datetime | None
    goals: str
    uuid: str = ""
    # (goal, met) as the coach judged it at the end; a goal not in here was not assessed.
    goal_results: tuple[tuple[str, bool], ...] = ()

    @property
    def goal_list(self) -> list[str]:
        return split_goals(self.goals)

    def goal_met(self, goal: str) -> bool | None:
        return dict(self.goal_results).get(goal)


@dataclass(frozen=True)
class NoteRecord:
    id: int
    take_id: int
    session_id: int | None
    text: str
    at_seconds: float | None
    created_at: datetime
    uuid: str = ""
    author: str | None = None  # "rep", "coach", or None: written before authors were recorded


class TrendPoint(NamedTuple):
    """One take on a progress chart (a tuple, because a chart may hold ten thousand of them)."""

    take_id: int
    started_at: datetime
    attempt: int
    score: float | None
    speech_seconds: float
    wpm: float | None
    filler_rate: float | None
    verdict: VerdictValue | None = None  # as stored with the take


@dataclass(frozen=True)
class FlagCount:
    code: str
    count: int


@dataclass(frozen=True)
class PracticeDays:
    days_practised: int
    current_streak: int
    last_day: date | None


@dataclass(frozen=True)
class Readiness:
    """"Ready to call": the last few takes the app heard were all judged "ready to send"."""

    ready: bool
    clean_in_a_row: int
    needed: int
    reason: str


@dataclass(frozen=True)
class Progress:
    profile_id: int
    script_id: int | None
    takes: int
    trend: tuple[TrendPoint, ...]
    best: TrendPoint | None
    practice: PracticeDays
    top_flags: tuple[FlagCount, ...]
    readiness: Readiness
    latest: TakeRecord | None = None  # the latest take, heard or not: what "latest" shows with its verdict

    @property
    def days_practised(self) -> int:
        return self.practice.days_practised

    @property
    def current_streak(self) -> int:
        return self.practice.current_streak

    @property
    def ready(self) -> bool:
        return self.readiness.ready


def split_goals(text: str) -> list[str]:
    """A session's goals one by one: typed on separate lines or separated by ";" (a comma stays inside a
    goal: "say the number slowly, twice" is one goal)."""
    import re

    parts = (p.strip(" .\t-•*") for p in re.split(r"[\n;]+", text or ""))
    return list(dict.fromkeys(p for p in parts if p))


def verdict_value(value: str | None) -> VerdictValue | None:
    """A stored verdict column (None for a value this version does not know)."""
    try:
        return VerdictValue(value) if value else None
    except ValueError:
        return None


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def stored_object(text: str | None) -> dict[str, Any]:
    """A JSON object stored in a column; {} when there is none or it cannot be read. The nesting is bounded
    (``core.inputs.loads_json``), so a column written by someone else never raises a RecursionError."""
    from voicecoach.core.inputs import loads_json

    try:
        value = loads_json(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def stored_json(text: str | None, take_id: int, what: str) -> Any:
    """A take's stored JSON column (``what``: "transcript", "report", ...) for export; a StoreError naming the
    take when it cannot be read (nested past the JSON limit, say), so nothing half-made is written."""
    from voicecoach.core.inputs import loads_json
    from voicecoach.storage.errors import StoreError

    try:
        return loads_json(text or "null")
    except ValueError as exc:
        raise StoreError(f"take {take_id}'s stored {what} cannot be read ({exc}); nothing was exported") from None
