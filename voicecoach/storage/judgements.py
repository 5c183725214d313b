"""A take's judgement context as the store keeps it, and the one rebuilt for takes saved before it was kept.

Takes saved before step m009 have no stored context. One is rebuilt from what was stored then: the script
version (its text, limit and referral), the rep's row, the time limit the report recorded, and the
first-call rule of that time (a script whose title said "follow" was judged as a follow-up). It is marked
``rebuilt``: the prospect's name and any thresholds changed from the defaults were not kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from voicecoach.core.inputs import loads_json
from voicecoach.core.judgement import JudgementContext, judgement_for
from voicecoach.core.profile import Profile, ProfileError
from voicecoach.core.report import Report, ReportError
from voicecoach.core.settings import Settings
from voicecoach.core.take_view import rebuild_view
from voicecoach.core.transcript import Transcript, TranscriptError
from voicecoach.storage.records import stored_object

__all__ = [
    "backfill_judgements",
    "judgement_from_json",
    "judgement_to_json",
    "read_judgement",
    "rebuilt_judgement",
    "report_with_view",
]


def judgement_to_json(judgement: JudgementContext) -> str:
    return json.dumps(judgement.to_dict(), ensure_ascii=False)


def judgement_from_json(text: str | None) -> JudgementContext | None:
    """The stored context, or None when there is none or it cannot be read."""
    try:
        return read_judgement(text)
    except ValueError:
        return None


def read_judgement(text: str | None) -> JudgementContext:
    """The stored context; ValueError saying why when there is none or it cannot be read (never a
    RecursionError: nesting is bounded by ``core.inputs``)."""
    if not text:
        raise ValueError("there is no stored judgement context")
    try:
        return JudgementContext.from_dict(loads_json(text))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"its stored judgement context cannot be read ({str(exc)[:120] or type(exc).__name__})"
                         ) from None


def rebuilt_judgement(version: Mapping[str, Any] | None, profile: Mapping[str, Any] | None,
                      report: Mapping[str, Any]) -> JudgementContext:
    """The context of a take saved before contexts were stored, from the rows it points at."""
    try:
        rep = Profile.from_dict(dict(profile)) if profile else None
    except ProfileError:
        rep = None
    held = report.get("metrics")
    metrics: Mapping[str, Any] = held if isinstance(held, Mapping) else {}
    limit = metrics.get("time_limit") if isinstance(metrics.get("time_limit"), int | float) else None
    script: dict[str, Any] = dict(version) if version else {}
    text = script.get("text")
    title = str(script.get("title") or "")
    judgement = judgement_for(
        script=text if text and text.strip() and text != "(no script)" else None, profile=rep, settings=Settings(),
        referral=script.get("referral"), time_limit=limit or script.get("time_limit"),
        follow_up="follow" in title.lower(), script_version_id=script.get("id"))
    return replace(judgement, script_title=title or None, rebuilt=True)


def report_with_view(report: Mapping[str, Any], transcript_json: str, judgement: JudgementContext) -> dict[str, Any]:
    """The stored report with the view it was shown with added when it lacks one (older reports)."""
    out = dict(report)
    if out.get("view"):
        return out
    try:
        parsed = Report.from_dict(out)
        transcript = Transcript.from_json(transcript_json)
        out["view"] = rebuild_view(transcript, parsed.flags, judgement).to_dict()
    except (ReportError, TranscriptError, ValueError, TypeError, KeyError, IndexError):
        pass  # a report of another shape stays as it was; its view is built when it is read
    return out


def backfill_judgements(db: Any) -> int:
    """Give every take without a stored context a rebuilt one (and its report a view); returns how many."""
    rows = db.execute("SELECT id, profile_id, script_version_id, transcript, report FROM takes"
                      " WHERE judgement IS NULL").fetchall()
    versions = {r[0]: r for r in db.execute(
        "SELECT id, title, text, time_limit, referral FROM script_versions").fetchall()}
    profiles = {r[0]: r for r in db.execute(
        "SELECT id, name, company, phone, website, email FROM profiles").fetchall()}
    for take_id, profile_id, version_id, transcript_json, report_json in rows:
        v = versions.get(version_id)
        p = profiles.get(profile_id)
        version = dict(zip(("id", "title", "text", "time_limit", "referral"), v, strict=True)) if v else None
        profile = dict(zip(("id", "name", "company", "phone", "website", "email"), p, strict=True)) if p else None
        report = stored_object(report_json)
        judgement = rebuilt_judgement(version, profile, report)
        new_report = report_with_view(report, transcript_json or "[]", judgement) if report else report
        db.execute("UPDATE takes SET judgement = ?, report = ? WHERE id = ?",
                   [judgement_to_json(judgement),
                    json.dumps(new_report, ensure_ascii=False) if new_report != report else report_json, take_id])
    return len(rows)
