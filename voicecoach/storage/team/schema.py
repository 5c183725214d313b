"""The schema of every file in a team folder, checked with msgspec before anything is used.

A file is JSON with a ``format`` and a ``version``. Decoding is two steps: the header first, so a file
from a newer VoiceCoach is recognised as such (and skipped with a note) rather than reported as damaged;
then the whole file against its typed schema (types, required fields, lengths, ranges, id patterns).
Nothing in a file is ever executed or used to build a path: names come from the patterns in ``folder``.
Take files carry a take in the same shape as a rep's bundle (``storage.bundle``), so both formats evolve
together.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar, cast

import msgspec

__all__ = [
    "COACH_MANIFEST",
    "MAX_DEPTH",
    "NOTE",
    "REP_MANIFEST",
    "SESSION",
    "TAKE",
    "VERSION",
    "CoachManifest",
    "Count",
    "FileRef",
    "FlagShape",
    "Long",
    "Name",
    "NoteFile",
    "NoteListing",
    "ProfileEntry",
    "RepManifest",
    "ReportShape",
    "ScriptEntry",
    "Seconds",
    "SessionFile",
    "SessionListing",
    "Sha",
    "Short",
    "Stamp",
    "TakeEntry",
    "TakeFile",
    "TakeListing",
    "TeamFileError",
    "Uuid",
    "VersionEntry",
    "VoskResult",
    "VoskWord",
    "WriterId",
    "build",
    "check_take",
    "decode",
    "encode",
    "schema_transcript",
    "to_plain",
    "truncated",
]

VERSION = 1
MAX_DEPTH = 32  # a report is 4 levels deep; free-form parts deeper than this are refused
REP_MANIFEST = "voicecoach-team-rep"
COACH_MANIFEST = "voicecoach-team-coach"
TAKE = "voicecoach-team-take"
NOTE = "voicecoach-team-note"
SESSION = "voicecoach-team-session"

Uuid = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
Sha = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
WriterId = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")]
Name = Annotated[str, msgspec.Meta(max_length=120)]
Short = Annotated[str, msgspec.Meta(max_length=300)]
Long = Annotated[str, msgspec.Meta(max_length=20_000)]
Stamp = Annotated[datetime, msgspec.Meta(tz=True)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=86_400)]
Count = Annotated[int, msgspec.Meta(ge=0, le=10**12)]


class TeamFileError(ValueError):
    """A file that cannot be used; ``newer`` when a newer VoiceCoach wrote it."""

    def __init__(self, message: str, *, newer: bool = False, incomplete: bool = False) -> None:
        super().__init__(message)
        self.newer = newer
        self.incomplete = incomplete


class _Header(msgspec.Struct):
    format: str
    version: int


class FileRef(msgspec.Struct, frozen=True):
    name: Name
    sha256: Sha
    size: Count


class ProfileEntry(msgspec.Struct, frozen=True):
    uuid: Uuid
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    company: Short
    phone: Short
    website: Short | None = None
    email: Short | None = None


class TakeListing(msgspec.Struct, frozen=True):
    uuid: Uuid
    file: FileRef
    audio: FileRef | None = None
    withdrawn: bool = False


class RepManifest(msgspec.Struct, frozen=True):
    format: Literal["voicecoach-team-rep"]
    version: int
    rep_id: WriterId
    profile: ProfileEntry
    updated_at: Stamp
    takes: list[TakeListing]


class VoskWord(msgspec.Struct, frozen=True):
    word: Short
    start: Seconds
    end: Seconds
    conf: float = 1.0


class VoskResult(msgspec.Struct, frozen=True):
    """One result as stored: only the keys it had are written back (a silent ``{"text": ""}`` stays one), and
    the recogniser's evidence (``core.transcript.EVIDENCE_KEY``) travels with it."""

    result: list[VoskWord] | msgspec.UnsetType = msgspec.UNSET
    text: Long | msgspec.UnsetType = msgspec.UNSET
    voicecoach_recognition: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET


class FlagShape(msgspec.Struct, frozen=True):
    code: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    severity: Annotated[str, msgspec.Meta(max_length=16)]
    message: Long = ""


class ReportShape(msgspec.Struct, frozen=True):
    """The parts of a report the store derives figures from; other keys travel untouched."""

    score: Annotated[float, msgspec.Meta(ge=0, le=100)] | None = None
    speech_seconds: Seconds | None = None
    words: Count | None = None
    wpm: Annotated[float, msgspec.Meta(ge=0, le=10_000)] | None = None
    flags: Annotated[list[FlagShape], msgspec.Meta(max_length=500)] = []


class ScriptEntry(msgspec.Struct, frozen=True):
    uuid: Uuid
    title: Short


class VersionEntry(msgspec.Struct, frozen=True):
    uuid: Uuid
    script: Uuid
    version: Annotated[int, msgspec.Meta(ge=1, le=10**6)]
    title: Short
    text: Long
    time_limit: Seconds | None = None
    referral: Short | None = None
    created_at: str = ""
    follow_up: bool = False


class TakeEntry(msgspec.Struct, frozen=True):
    uuid: Uuid
    script: Uuid
    script_version: Uuid
    started_at: Stamp
    attempt: Annotated[int, msgspec.Meta(ge=1, le=10**7)]
    transcript: Annotated[list[VoskResult], msgspec.Meta(max_length=10_000)]
    report: dict[str, Any]
    audio: Name | None = None
    audio_sha256: Sha | None = None


class TakeFile(msgspec.Struct, frozen=True):
    format: Literal["voicecoach-team-take"]
    version: int
    rep_id: WriterId
    take: TakeEntry
    script: ScriptEntry
    script_version: VersionEntry
    judgement: dict[str, Any] | None = None


class NoteListing(msgspec.Struct, frozen=True):
    uuid: Uuid
    rep_id: WriterId
    file: FileRef
    withdrawn: bool = False


class SessionListing(msgspec.Struct, frozen=True):
    uuid: Uuid
    rep_id: WriterId
    revision: Annotated[int, msgspec.Meta(ge=1, le=10**9)]
    file: FileRef


class CoachManifest(msgspec.Struct, frozen=True):
    format: Literal["voicecoach-team-coach"]
    version: int
    coach_id: WriterId
    updated_at: Stamp
    notes: list[NoteListing] = []
    sessions: list[SessionListing] = []


class NoteFile(msgspec.Struct, frozen=True):
    format: Literal["voicecoach-team-note"]
    version: int
    coach_id: WriterId
    rep_id: WriterId
    uuid: Uuid
    take: Uuid
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]
    created_at: Stamp
    session: Uuid | None = None
    at_seconds: Seconds | None = None


class SessionFile(msgspec.Struct, frozen=True):
    format: Literal["voicecoach-team-session"]
    version: int
    coach_id: WriterId
    rep_id: WriterId
    uuid: Uuid
    revision: Annotated[int, msgspec.Meta(ge=1, le=10**9)]
    started_at: Stamp
    goals: Long = ""
    ended_at: Stamp | None = None
    goal_results: Annotated[dict[Annotated[str, msgspec.Meta(max_length=2_000)], bool],
                            msgspec.Meta(max_length=100)] | None = None


T = TypeVar("T")
_HEADER = msgspec.json.Decoder(_Header)
_DECODERS: dict[type, msgspec.json.Decoder[Any]] = {}
_FORMATS: dict[type, str] = {RepManifest: REP_MANIFEST, CoachManifest: COACH_MANIFEST, TakeFile: TAKE, NoteFile: NOTE,
            SessionFile: SESSION}


def truncated(data: bytes) -> bool:
    """Whether ``data`` is JSON cut short (a file still syncing): the parser ran out of input, at the very
    end or inside a string that never closes."""
    try:
        json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        rest = exc.doc[exc.pos:]
        return not rest.strip() or (rest[0] == '"' and '"' not in rest[1:].replace('\\\\', "").replace('\\"', ""))
    except ValueError:  # not UTF-8 at all
        return False
    return False


def decode(data: bytes, kind: type[T]) -> T:
    """The file's content as ``kind``, or TeamFileError saying why not (newer, incomplete or invalid)."""
    try:
        header = _HEADER.decode(data)
    except msgspec.DecodeError as exc:
        incomplete = truncated(data)
        raise TeamFileError("it is incomplete (still syncing?)" if incomplete else f"it is not valid JSON ({exc})",
                            incomplete=incomplete) from None
    except msgspec.ValidationError as exc:
        raise TeamFileError(f"it is not a VoiceCoach team file ({exc})") from None
    except RecursionError:
        raise TeamFileError(f"it is nested more than {MAX_DEPTH} levels deep") from None
    if header.format != _FORMATS[kind]:
        raise TeamFileError(f"it is a {header.format!r} file where a {_FORMATS[kind]!r} file belongs")
    if header.version > VERSION:
        raise TeamFileError(f"it was written by a newer VoiceCoach (format version {header.version}); "
                            "update VoiceCoach to read it", newer=True)
    decoder = _DECODERS.get(kind) or _DECODERS.setdefault(kind, msgspec.json.Decoder(kind))
    try:
        value = decoder.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise TeamFileError(f"it does not match its schema ({exc})") from None
    except RecursionError:
        raise TeamFileError(f"it is nested more than {MAX_DEPTH} levels deep") from None
    if isinstance(value, TakeFile):
        check_take(value)
    return cast(T, value)


def check_take(value: TakeFile) -> None:
    """What types alone cannot say: the report's figures, and that the take, script and version agree."""
    for part in (value.take.report, value.judgement, schema_transcript(value)):
        if part is not None and _too_deep(part):
            raise TeamFileError(f"its report or judgement is nested more than {MAX_DEPTH} levels deep")
    try:
        msgspec.convert(value.take.report, ReportShape)
    except msgspec.ValidationError as exc:
        raise TeamFileError(f"its report does not match its schema ({exc})") from None
    take, script, version = value.take, value.script, value.script_version
    if take.script != script.uuid or take.script_version != version.uuid or version.script != script.uuid:
        raise TeamFileError("its take, script and script version do not refer to each other")


def schema_transcript(value: TakeFile) -> list[Any]:
    """The free-form parts of the transcript (the recogniser's evidence), for the depth check."""
    return [r.voicecoach_recognition for r in value.take.transcript if isinstance(r.voicecoach_recognition, dict)]


def _too_deep(value: Any) -> bool:
    """Free-form parts (report, judgement) nested deeper than any real one: refused before they reach json."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((v, depth + 1) for v in children if isinstance(v, dict | list))
    return False


def encode(value: Any) -> bytes:
    """Compact JSON; the publisher validates what it writes with the same schema the reader uses."""
    return msgspec.json.encode(value)


def to_plain(value: Any) -> Any:
    return msgspec.to_builtins(value)


def build(kind: type[T], data: dict[str, Any]) -> T:
    """Turn a dict into a checked schema value (publishing never writes what a reader would reject)."""
    try:
        value = msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        raise TeamFileError(f"cannot publish: {exc}") from None
    if isinstance(value, TakeFile):
        check_take(value)
    return value
