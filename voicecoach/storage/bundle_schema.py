"""What a bundle's manifest.json must look like, checked whole before anything is extracted or written.

A bundle comes from another computer, so every field is checked for its type, length, range and form
with msgspec, using the same entry shapes as a team folder's files (``storage.team.schema``): a take, a
script version or a profile look the same in both, and both formats evolve together. What types alone
cannot say (report figures, transcripts the core can read) is checked next, and references between rows
last (in ``bundle``). A bundle that fails is refused with one sentence naming the first wrong field
(``takes[0].started_at: expected `str`, got `int```), and nothing is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from voicecoach.core.transcript import Transcript
from voicecoach.storage.errors import StoreError
from voicecoach.storage.team.schema import (
    Long,
    ProfileEntry,
    ReportShape,
    Seconds,
    Short,
    Stamp,
    TakeEntry,
    Uuid,
    VersionEntry,
)

__all__ = ["BundleManifest", "BundleNote", "BundleScript", "BundleSession", "check_manifest"]


class BundleScript(msgspec.Struct, frozen=True):
    uuid: Uuid
    title: Short
    current_version: Uuid | None = None


class BundleSession(msgspec.Struct, frozen=True):
    uuid: Uuid
    started_at: Stamp
    ended_at: Stamp | None = None
    goals: Long | None = None
    goal_results: Long | None = None  # JSON: goal -> met, as the coach judged it


class BundleNote(msgspec.Struct, frozen=True):
    uuid: Uuid
    take: Uuid
    text: Long
    created_at: Stamp
    session: Uuid | None = None
    at_seconds: Seconds | None = None
    author: Literal["rep", "coach"] | None = None


class BundleManifest(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["voicecoach-bundle"]
    version: Annotated[int, msgspec.Meta(ge=1)]
    profile: ProfileEntry
    scripts: list[BundleScript]
    script_versions: list[VersionEntry]
    takes: list[TakeEntry]
    sessions: list[BundleSession]
    notes: list[BundleNote]
    exported_at: Stamp | None = None


def check_manifest(manifest: dict[str, Any], path: Path) -> None:
    """Raise StoreError naming the first field that is missing, of the wrong type or out of range."""
    try:
        msgspec.convert(manifest, BundleManifest)
    except msgspec.ValidationError as exc:
        raise _refusal(path, _explain(exc)) from None
    for i, take in enumerate(manifest["takes"]):
        try:
            msgspec.convert(take["report"], ReportShape)
        except msgspec.ValidationError as exc:
            raise _refusal(path, _explain(exc, f"takes[{i}].report")) from None
        try:
            Transcript.from_vosk(take["transcript"])
        except (ValueError, TypeError, OverflowError) as exc:
            raise _refusal(path, f"takes[{i}].transcript is not a readable transcript ({exc})") from None


def _refusal(path: Path, problem: str) -> StoreError:
    return StoreError(f"{path} is not a valid VoiceCoach bundle: {problem}; nothing was imported")


def _explain(exc: msgspec.ValidationError, prefix: str = "") -> str:
    """msgspec's "Expected `int`, got `str` - at `$.takes[0].attempt`" as "takes[0].attempt: expected ..."."""
    message, _, where = str(exc).partition(" - at `$")
    where = (prefix + where.rstrip("`")).lstrip(".") or "the manifest"
    return f"{where}: {message[:1].lower()}{message[1:160]}"
