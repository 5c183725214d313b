"""What a coach's session report holds, gathered from the store (the page itself: session_html.py).

Everything comes from what was stored with each take (its report, transcript and script version), never
from a fresh analysis: the report a rep receives says what the app told them at the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from voicecoach.core.codes import plain_name
from voicecoach.core.profile import Profile
from voicecoach.core.sound import sound_summary
from voicecoach.core.transcript import Word
from voicecoach.core.verdict import Verdict, verdict_from_report_dict
from voicecoach.core.when import utc_time
from voicecoach.storage.records import NoteRecord, Progress, SessionRecord, TakeRecord, TrendPoint

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["ReportFlag", "ReportTake", "SessionReport", "build_session_report", "report_take"]


@dataclass(frozen=True)
class ReportFlag:
    code: str
    severity: str
    message: str  # the sentence the rep saw
    words: tuple[int, ...]  # evidence, as word indexes into the take's transcript


@dataclass(frozen=True)
class ReportTake:
    id: int
    script_title: str
    script_version: int
    attempt: int
    started_at: datetime
    score: float | None
    seconds: float
    wpm: float | None
    flags: tuple[ReportFlag, ...]
    words: tuple[Word, ...]
    notes: tuple[NoteRecord, ...]
    sound: str = ""  # what the recording showed (core.sound.sound_summary), "" for older reports
    verdict: Verdict | None = None  # as stored with the take; not heard: no score, no pace


@dataclass(frozen=True)
class SessionReport:
    rep: Profile
    session: SessionRecord
    takes: tuple[ReportTake, ...]  # practised or discussed in the session, oldest first
    first: ReportTake | None  # the rep's first take of the session's main script, ...
    latest: ReportTake | None  # ... and the latest one
    trend: tuple[TrendPoint, ...]  # every take with speech, oldest first (silent takes would read as zero)
    progress: Progress
    issues: tuple[tuple[str, int], ...]  # (plain name, takes) most frequent first

    @property
    def goals(self) -> list[tuple[str, bool | None]]:
        return [(g, self.session.goal_met(g)) for g in self.session.goal_list]


def _flags_of(report: dict[str, Any]) -> tuple[ReportFlag, ...]:
    out = []
    for f in report.get("flags") or ():
        if not isinstance(f, dict) or not f.get("code"):
            continue
        words = {int(i) for ev in f.get("evidence") or () if isinstance(ev, dict)
                 for i in ev.get("word_indexes") or () if isinstance(i, int)}
        out.append(ReportFlag(str(f["code"]), str(f.get("severity") or ""),
                              str(f.get("message") or plain_name(str(f["code"]))), tuple(sorted(words))))
    return tuple(out)


def _sound_of(report: dict[str, Any], heard: bool) -> str:
    metrics = report.get("metrics")
    return sound_summary(metrics, heard=heard) if isinstance(metrics, dict) else ""


def report_take(store: Store, take: TakeRecord, session_id: int | None) -> ReportTake:
    """One take as the report shows it, with the notes of this session (or of no session).

    A take the app couldn't hear (its stored verdict) shows no score and no pace: both came from words it
    does not trust.
    """
    script = store.get_script_version(take.script_version_id)
    notes = tuple(n for n in store.list_notes(take.id) if n.session_id in (None, session_id))
    report = take.report_dict
    verdict = verdict_from_report_dict(report)
    heard = verdict.heard
    return ReportTake(id=take.id, script_title=script.title, script_version=script.version, attempt=take.attempt,
                      started_at=take.started_at, score=take.score if heard else None, seconds=take.speech_seconds,
                      wpm=take.wpm if heard else None, flags=_flags_of(report), words=tuple(take.transcript.words),
                      notes=notes, sound=_sound_of(report, heard), verdict=verdict)


def _session_take_ids(store: Store, session: SessionRecord) -> set[int]:
    # Stamps are stored to the millisecond; compared as text, they must be written the same way.
    def stamp(value: datetime) -> str:
        return utc_time(value).isoformat(timespec="milliseconds")

    end = stamp(session.ended_at) if session.ended_at else "9999"
    rows = store.query("SELECT id FROM takes WHERE profile_id = ? AND started_at >= ? AND started_at <= ?"
                       " AND trashed_at IS NULL", [session.profile_id, stamp(session.started_at), end])
    return {n.take_id for n in store.list_notes(session_id=session.id)} | {r["id"] for r in rows}


def _first_and_latest(store: Store, profile_id: int, takes: list[TakeRecord],
                      session_id: int) -> tuple[ReportTake | None, ReportTake | None]:
    """The same script's first take ever and latest take: progress on one script, not a mix.

    Takes with no speech, or that the app couldn't hear, are no result and are left out.
    """
    if not takes:
        return None, None
    script_id = takes[-1].script_id
    history = [t for t in store.list_takes(profile_id, script_id) if t.speech_seconds > 0 and t.heard]
    if len(history) < 2:
        return None, None
    first, latest = store.get_take(history[-1].id), store.get_take(history[0].id)
    return report_take(store, first, session_id), report_take(store, latest, session_id)


def build_session_report(store: Store, session_id: int) -> SessionReport:
    session = store.get_session(session_id)
    rep = store.get_profile(session.profile_id).profile
    records = sorted((store.get_take(i) for i in _session_take_ids(store, session)),
                     key=lambda t: (t.started_at, t.id))
    first, latest = _first_and_latest(store, session.profile_id, records, session_id)
    progress = store.progress(session.profile_id)
    trend = tuple(p for p in progress.trend if p.speech_seconds > 0)
    issues = tuple((plain_name(f.code), f.count) for f in progress.top_flags)
    return SessionReport(rep=rep, session=session, takes=tuple(report_take(store, t, session_id) for t in records),
                         first=first, latest=latest, trend=trend, progress=progress, issues=issues)
