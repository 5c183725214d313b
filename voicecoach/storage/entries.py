"""The shapes a take and a script version travel in, shared by bundles and the team folder.

A row becomes an entry that names what it points at by UUID (``uuid_of``: {"script": {id: uuid},
"version": {id: uuid}}), so it can be added to another database; a travelling judgement context comes back
pointing at the version it was added as.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from voicecoach.core.judgement import JudgementContext
from voicecoach.storage.records import stored_json

UuidOf = dict[str, dict[Any, Any]]

__all__ = ["UuidOf", "audio_member", "judgement_from", "take_entry", "version_entry"]


def version_entry(v: Any, uuid_of: UuidOf) -> dict[str, Any]:
    """A ``script_versions`` row as it travels."""
    return {"uuid": v["uuid"], "script": uuid_of["script"][v["script_id"]], "version": v["version"],
            "title": v["title"], "text": v["text"], "time_limit": v["time_limit"], "referral": v["referral"],
            "created_at": v["created_at"], **({"follow_up": True} if dict(v).get("follow_up") else {})}


def take_entry(t: Any, uuid_of: UuidOf) -> dict[str, Any]:
    """A ``takes`` row as it travels (its audio named by ``audio_member``; no judgement context)."""
    return {"uuid": t["uuid"], "script": uuid_of["script"][t["script_id"]],
            "script_version": uuid_of["version"][t["script_version_id"]], "started_at": t["started_at"],
            "attempt": t["attempt"], "audio": audio_member(t["uuid"], t["audio_path"]) if t["audio_path"] else None,
            "audio_sha256": t["audio_sha256"], "transcript": stored_json(t["transcript"], t["id"], "transcript"),
            "report": stored_json(t["report"], t["id"], "report")}


def judgement_from(data: Any, version_id: int) -> JudgementContext | None:
    """A travelling take's judgement context (None, so one is rebuilt, when there is none or a bad one)."""
    if not isinstance(data, dict):
        return None
    try:
        return replace(JudgementContext.from_dict(data), script_version_id=version_id)
    except (ValueError, TypeError, KeyError):
        return None


def audio_member(take_uuid: str, audio_path: str) -> str:
    """Where a take's audio sits in a bundle: ``audio/<uuid><suffix>``."""
    return f"audio/{take_uuid}{Path(audio_path).suffix.lower()}"
