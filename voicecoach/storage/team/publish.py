"""Publishing: a rep's takes, or a coach's notes and session goals, into this install's own subfolder.

Every file but the manifest is immutable and named by its UUID: it is written once (temporary name,
then rename) and never changed, so a sync tool never sees two versions of it. The manifest, written
last, lists each file with its size and sha256; readers trust nothing it does not list with a matching
checksum. A take trashed on the rep's laptop is marked withdrawn in the manifest (its file stays).
A publish repeated after a crash, or run twice at once, only rewrites what is missing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.storage.entries import take_entry, version_entry
from voicecoach.storage.team import schema
from voicecoach.storage.team.folder import (
    AUDIO,
    AUDIO_CAP,
    MANIFEST,
    MANIFEST_CAP,
    NOTES,
    SESSIONS,
    TAKES,
    TeamFolderError,
    sha256_hex,
)
from voicecoach.storage.team.membership import Membership, Role, prepare_own_folder
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.own_files import copy_into, exists, read_own, real_dir_at, sha_of_own, write_atomic

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["judgement_of", "publish"]


def publish(store: Store, m: Membership, out: SyncOutcome) -> None:
    """Write what is new since the last publish; the caller checked that the team folder is there."""
    prepare_own_folder(m.folder, m.own_parts)
    if m.role is Role.REP:
        _publish_rep(store, m, out)
    else:
        _publish_coach(store, m, out)


# -- a rep's takes ------------------------------------------------------------------------------------------
def _publish_rep(store: Store, m: Membership, out: SyncOutcome) -> None:
    for sub in (TAKES, AUDIO):
        prepare_own_folder(m.folder, (*m.own_parts, sub))
    old = _own_manifest(m, schema.RepManifest, out)
    listed = {t.uuid: t for t in old.takes} if old else {}
    assert m.profile_id is not None, "a rep's membership names the rep"
    rep = store.get_profile(m.profile_id)
    rows = store.query("SELECT id, uuid, trashed_at, audio_path, audio_sha256 FROM takes WHERE profile_id = ?"
                       " ORDER BY started_at, id", [m.profile_id])
    listings = []
    for row in rows:
        entry = listed.pop(row["uuid"], None)
        if entry is None and row["trashed_at"] is None:
            entry = _write_take(store, m, row["id"], out)
        if entry is None:
            continue
        if m.publish_audio and entry.audio is None and row["audio_path"] and not row["trashed_at"]:
            entry = _with_audio(store, m, entry, row, out)
        withdrawn = row["trashed_at"] is not None
        if withdrawn and not entry.withdrawn:
            out.withdrawn += 1
        listings.append(schema.to_plain(entry) | {"withdrawn": withdrawn})
    listings.extend(schema.to_plain(t) for t in listed.values())  # takes no longer here stay listed
    manifest = schema.build(schema.RepManifest, {
        "format": schema.REP_MANIFEST, "version": schema.VERSION, "rep_id": m.member_id,
        "profile": {"uuid": rep.uuid, **rep.profile.to_dict()}, "updated_at": _now(), "takes": listings})
    if old is None or _changed(old, manifest):
        write_atomic(m.folder, m.own(MANIFEST), schema.encode(manifest), replace=True)


def _write_take(store: Store, m: Membership, take_id: int, out: SyncOutcome) -> schema.TakeListing:
    take = store.query("SELECT * FROM takes WHERE id = ?", [take_id])[0]
    version = store.query("SELECT * FROM script_versions WHERE id = ?", [take["script_version_id"]])[0]
    script = store.query("SELECT uuid, title FROM scripts WHERE id = ?", [take["script_id"]])[0]
    uuid_of = {"script": {take["script_id"]: script["uuid"]}, "version": {version["id"]: version["uuid"]}}
    entry = take_entry(take, uuid_of) | {"audio": None}
    body = schema.build(schema.TakeFile, {
        "format": schema.TAKE, "version": schema.VERSION, "rep_id": m.member_id, "take": entry,
        "script": {"uuid": script["uuid"], "title": script["title"]},
        "script_version": version_entry(version, uuid_of), "judgement": judgement_of(take)})
    data = schema.encode(body)
    name = f"{TAKES}/{take['uuid']}.json"
    if write_atomic(m.folder, m.own(name), data):
        out.published += 1
    else:  # written by an earlier publish that did not get to its manifest: list what is there
        data = read_own(m.folder, m.own(name), len(data) * 4 + 4096)
    return schema.TakeListing(uuid=take["uuid"], file=schema.FileRef(name, sha256_hex(data), len(data)))


def judgement_of(take: Any) -> dict[str, Any] | None:
    """The take's stored judgement context (what it was judged against), as its JSON object."""
    raw = take["judgement"]
    value = json.loads(raw) if raw else None
    return value if isinstance(value, dict) else None


def _with_audio(store: Store, m: Membership, entry: schema.TakeListing, row: Any,
                out: SyncOutcome) -> schema.TakeListing:
    src = store.data_dir / row["audio_path"]
    suffix = Path(row["audio_path"]).suffix.lower() or ".wav"
    name = f"{AUDIO}/{entry.uuid}{suffix}"
    try:
        with real_dir_at(m.folder, (*m.own_parts, AUDIO)) as d:
            there = exists(d, f"{entry.uuid}{suffix}")
        if not there:
            sha, size = copy_into(src, m.folder, m.own(name), AUDIO_CAP)
            out.published_audio += 1
        else:
            sha, size = sha_of_own(m.folder, m.own(name), AUDIO_CAP)
    except (OSError, TeamFolderError) as exc:
        out.note(f"The recording of one take was not published ({exc}); it will be tried again.")
        return entry
    return schema.TakeListing(uuid=entry.uuid, file=entry.file, audio=schema.FileRef(name, sha, size),
                              withdrawn=entry.withdrawn)


# -- a coach's notes and goals ------------------------------------------------------------------------------
def _publish_coach(store: Store, m: Membership, out: SyncOutcome) -> None:
    for sub in (NOTES, SESSIONS):
        prepare_own_folder(m.folder, (*m.own_parts, sub))
    old = _own_manifest(m, schema.CoachManifest, out)
    rep_of = {r["profile_id"]: r["writer_id"] for r in store.query(
        "SELECT writer_id, profile_id FROM team_writers WHERE kind = 'rep' AND profile_id IS NOT NULL")}
    notes = _publish_notes(store, m, rep_of, {n.uuid: n for n in old.notes} if old else {}, out)
    sessions = _publish_sessions(store, m, rep_of, list(old.sessions) if old else [])
    manifest = schema.build(schema.CoachManifest, {
        "format": schema.COACH_MANIFEST, "version": schema.VERSION, "coach_id": m.member_id,
        "updated_at": _now(), "notes": notes, "sessions": sessions})
    if old is None or _changed(old, manifest):
        write_atomic(m.folder, m.own(MANIFEST), schema.encode(manifest), replace=True)


def _publish_notes(store: Store, m: Membership, rep_of: dict[int, str], listed: dict[str, Any],
                   out: SyncOutcome) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT n.uuid, n.text, n.at_seconds, n.created_at, t.uuid AS take, t.profile_id, s.uuid AS session"
        " FROM notes n JOIN takes t ON t.id = n.take_id LEFT JOIN sessions s ON s.id = n.session_id"
        " WHERE ifnull(n.author, '') != 'rep' ORDER BY n.id")  # a rep's own note (from a bundle) is not the coach's
    result = []
    for r in rows:
        rep_id = rep_of.get(r["profile_id"])
        if rep_id is None:
            continue
        entry = listed.pop(r["uuid"], None)
        if entry is None:
            body = schema.encode(schema.build(schema.NoteFile, {
                "format": schema.NOTE, "version": schema.VERSION, "coach_id": m.member_id, "rep_id": rep_id,
                "uuid": r["uuid"], "take": r["take"], "text": r["text"], "created_at": r["created_at"],
                "session": r["session"], "at_seconds": r["at_seconds"]}))
            name = f"{NOTES}/{r['uuid']}.json"
            write_atomic(m.folder, m.own(name), body)
            entry = schema.NoteListing(r["uuid"], rep_id, schema.FileRef(name, sha256_hex(body), len(body)))
        result.append(schema.to_plain(entry) | {"withdrawn": False})
    deleted = _withdrawn_here(store, list(listed))
    # Listed before but not here now: withdrawn only if the coach deleted it here; a note this database merely
    # does not show (an older backup restored) stays as it was published.
    result.extend(schema.to_plain(n) | {"withdrawn": n.withdrawn or uuid in deleted} for uuid, n in listed.items())
    return result


def _withdrawn_here(store: Store, uuids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        found.update(r[0] for r in store.query(
            f"SELECT uuid FROM note_withdrawals WHERE uuid IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _publish_sessions(store: Store, m: Membership, rep_of: dict[int, str], listed: list[Any]) -> list[dict[str, Any]]:
    latest: dict[str, Any] = {}
    for s in listed:
        if s.uuid not in latest or s.revision > latest[s.uuid].revision:
            latest[s.uuid] = s
    result = [schema.to_plain(s) for s in listed]
    for r in store.query("SELECT uuid, profile_id, started_at, ended_at, goals, goal_results FROM sessions"
                         " ORDER BY id"):
        rep_id = rep_of.get(r["profile_id"])
        if rep_id is None:
            continue
        last = latest.get(r["uuid"])
        revision = last.revision if last else 0
        if last is not None and _session_body(m, rep_id, r, revision)[1] == last.file.sha256:
            continue
        body, sha = _session_body(m, rep_id, r, revision + 1)
        name = f"{SESSIONS}/{r['uuid']}.{revision + 1}.json"
        write_atomic(m.folder, m.own(name), body)
        result.append({"uuid": r["uuid"], "rep_id": rep_id, "revision": revision + 1,
                       "file": {"name": name, "sha256": sha, "size": len(body)}})
    return result


def _session_body(m: Membership, rep_id: str, r: Any, revision: int) -> tuple[bytes, str]:
    body = schema.encode(schema.build(schema.SessionFile, {
        "format": schema.SESSION, "version": schema.VERSION, "coach_id": m.member_id, "rep_id": rep_id,
        "uuid": r["uuid"], "revision": revision, "started_at": r["started_at"], "ended_at": r["ended_at"],
        "goals": r["goals"] or "", "goal_results": _goal_results(r["goal_results"])}))
    return body, sha256_hex(body)


def _goal_results(raw: str | None) -> dict[str, bool] | None:
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    return {str(k): bool(v) for k, v in data.items()} if isinstance(data, dict) else None


# -- shared -------------------------------------------------------------------------------------------------
def _own_manifest(m: Membership, kind: type, out: SyncOutcome) -> Any:
    """This install's last manifest; None if there is none yet (or it is unreadable: it is rebuilt)."""
    with real_dir_at(m.folder, m.own_parts) as d:
        if not exists(d, MANIFEST):
            return None
    try:
        return schema.decode(read_own(m.folder, m.own(MANIFEST), MANIFEST_CAP), kind)
    except (TeamFolderError, schema.TeamFileError) as exc:
        out.note(f"This laptop's own manifest in the team folder could not be read ({exc}); it was rewritten.")
        return None


def _changed(old: Any, new: Any) -> bool:
    """Rewrite the manifest only when what it lists changed (not for a new time stamp alone)."""
    fields = [f for f in new.__struct_fields__ if f != "updated_at"]
    return any(getattr(old, f) != getattr(new, f) for f in fields)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
