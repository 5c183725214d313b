"""A coach pulling reps' takes out of the team folder into the local database.

Only files a rep's manifest lists, with the size and sha256 it gives, are read; anything else (a file
still copying, a sync tool's conflict copy, a temporary file) is skipped, and a listed file that is not
complete yet is waited for: the folder is read again at the next pull. Files are read and checked in
batches outside any transaction, then each batch is inserted in one short transaction, so memory stays
bounded however large the team and the app stays responsive. Rows keep their UUIDs: pulling twice, or a
take that also came in a bundle, adds nothing.

Two pulls may run at once (two processes, even without the sync lock): recordings are copied to part
files only this pull uses, and renamed to their final name inside the write transaction, only for takes
that the transaction finds still new. A file a committed take points to is never replaced or removed.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.core.profile import Profile, ProfileError
from voicecoach.core.transcript import Transcript, TranscriptError
from voicecoach.storage.base import now_iso
from voicecoach.storage.entries import judgement_from
from voicecoach.storage.errors import StoreError
from voicecoach.storage.team import schema
from voicecoach.storage.team.folder import (
    AUDIO,
    AUDIO_CAP,
    AUDIO_NAME,
    MANIFEST,
    MANIFEST_CAP,
    REPS,
    TAKE_CAP,
    TAKE_NAME,
    TAKES,
    TeamFolderError,
    TeamFolderErrorKind,
    read_capped,
    sha256_hex,
    stage_copy,
)
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.owners import claim, owners
from voicecoach.storage.team.writers import WriterFolder, changed_writers, each_writer, note_artifacts, save_state

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["BATCH", "SUBFOLDERS", "Known", "pull_reps"]

BATCH = 200
SUBFOLDERS = (TAKES, AUDIO)


@dataclass(frozen=True)
class Known:
    profile_id: int
    has_audio: bool
    trashed: bool
    owner: str | None = None  # the rep folder that published it (None: pulled before owners were kept)


def pull_reps(store: Store, m: Any, out: SyncOutcome) -> None:
    """Import what changed in every rep's folder of the team folder ``m.folder``."""
    each_writer(changed_writers(store, m.folder / REPS, "rep", SUBFOLDERS, out), lambda w: _pull_rep(store, w, out),
                out)


def _pull_rep(store: Store, w: WriterFolder, out: SyncOutcome) -> None:
    try:
        manifest = schema.decode(read_capped(w.path / MANIFEST, MANIFEST_CAP), schema.RepManifest)
    except (TeamFolderError, schema.TeamFileError) as exc:
        waiting = getattr(exc, "incomplete", False) or getattr(exc, "transient", False)
        (out.wait if waiting else out.skip)(f"The manifest of rep folder {w.writer_id} was not read: {exc}.")
        save_state(store, w, w.profile_id, 1 if waiting else 0, complete=False)
        return
    if manifest.rep_id != w.writer_id:
        out.skip(f"The rep folder {w.writer_id} holds the manifest of {manifest.rep_id}; it was skipped.")
        return
    resolved = _resolve_claim(store, w, manifest.profile, out)
    if resolved is None:
        return
    w = resolved
    note_artifacts(w.path, SUBFOLDERS, out)
    try:
        profile_id = _ensure_profile(store, manifest.profile)
    except ProfileError as exc:
        out.skip(f"The rep folder {w.writer_id} was skipped: its profile is incomplete ({exc}).")
        return
    before = out.pending
    known = _known(store, profile_id, list(manifest.takes))
    seen: set[str] = set()
    batch: list[tuple[schema.TakeFile, Path | None, str | None]] = []
    for listing in manifest.takes:
        if listing.uuid in seen:
            out.skip(f"Take {listing.uuid} is listed twice by {w.writer_id}; the second listing was ignored.")
            continue
        seen.add(listing.uuid)
        item = _one_listing(store, w, listing, known.get(listing.uuid), profile_id, out)
        if item is not None:
            batch.append(item)
        if len(batch) >= BATCH:
            _insert(store, batch, profile_id, w.owner, out)
            batch = []
    _insert(store, batch, profile_id, w.owner, out)
    save_state(store, w, profile_id, out.pending - before, complete=True, profile_uuid=manifest.profile.uuid)


def _resolve_claim(store: Store, w: WriterFolder, profile: schema.ProfileEntry,
                   out: SyncOutcome) -> WriterFolder | None:
    """The folder as the writer it may be pulled as, or None (said in ``out``) when it claims another's rep.

    A second rep publishing under a folder name another rep already uses (two laptops chose one rep id) is
    reported and kept apart under an alias: both stay in the team view, and their takes are never mixed.
    """
    mine = _writer_row(store, w.writer_id)
    if mine and mine["profile_uuid"] and mine["profile_uuid"] != profile.uuid:
        alias = f"{w.writer_id}~{profile.uuid[:8]}"
        out.skip(f"Two folders claim rep id {w.writer_id}: {mine['name']} and {profile.name} both publish into "
                 f"reps/{w.writer_id}; they are kept apart ({profile.name} as {alias}). One of them should join "
                 "the team again with another --rep-id.")
        row = _writer_row(store, alias)
        w = replace(w, alias=alias, profile_id=row["profile_id"] if row else None)
    other = store.query(
        "SELECT w.writer_id, p.name FROM team_writers w LEFT JOIN profiles p ON p.id = w.profile_id"
        " WHERE w.kind = 'rep' AND w.profile_uuid = ? AND w.writer_id != ?", [profile.uuid, w.owner])
    if other:
        out.skip(f"The rep folder {w.writer_id} claims the profile of rep folder {other[0]['writer_id']} "
                 f"({other[0]['name']}); it was skipped.")
        return None
    return w


def _writer_row(store: Store, writer_id: str) -> Any:
    rows = store.query(
        "SELECT w.profile_id, w.profile_uuid, p.name FROM team_writers w LEFT JOIN profiles p ON p.id = w.profile_id"
        " WHERE w.kind = 'rep' AND w.writer_id = ?", [writer_id])
    return rows[0] if rows else None


def _one_listing(store: Store, w: WriterFolder, listing: schema.TakeListing, known: Known | None, profile_id: int,
                 out: SyncOutcome) -> tuple[schema.TakeFile, Path | None, str | None] | None:
    if known is not None and known.profile_id != profile_id:
        out.skip(f"Take {listing.uuid} from {w.writer_id} is already here under another rep; it was skipped.")
        return None
    if known is not None and known.owner not in (None, w.owner):
        out.skip(f"Take {listing.uuid} is listed by {w.owner} but was published by {known.owner}; "
                 "it was left as it is.")
        return None
    if known is not None:
        _update_known(store, w, listing, known, out)
        return None
    if listing.withdrawn:
        return None
    take = _read_take(w, listing, out)
    if take is None:
        return None
    audio, sha = _copy_audio(store, w, listing, out) if listing.audio else (None, None)
    return take, audio, sha


def _read_take(w: WriterFolder, listing: schema.TakeListing, out: SyncOutcome) -> schema.TakeFile | None:
    match = TAKE_NAME.match(listing.file.name)
    if not match or match.group(1) != listing.uuid:
        out.skip(f"{w.writer_id} lists take {listing.uuid} under an unexpected name; it was skipped.")
        return None
    try:
        data = read_capped(w.path / listing.file.name, TAKE_CAP)
    except TeamFolderError as exc:
        if exc.transient:
            out.wait(f"Take {listing.uuid} from {w.writer_id} is not readable yet ({exc}); it will be tried again.")
        else:
            out.skip(f"Take {listing.uuid} from {w.writer_id} was skipped: {exc}.")
        return None
    if len(data) != listing.file.size or sha256_hex(data) != listing.file.sha256:
        out.wait(f"Take {listing.uuid} from {w.writer_id} is still syncing (incomplete); it will be tried again.")
        return None
    try:
        take = schema.decode(data, schema.TakeFile)
    except schema.TeamFileError as exc:
        out.skip(f"Take {listing.uuid} from {w.writer_id} was skipped: {exc}.")
        return None
    if take.rep_id != w.writer_id or take.take.uuid != listing.uuid:
        out.skip(f"Take {listing.uuid} from {w.writer_id} names another rep or take; it was skipped.")
        return None
    try:  # what every view of the take will read: a take that cannot be opened is not stored
        Transcript.from_vosk(schema.to_plain(take.take.transcript))
    except TranscriptError as exc:
        out.skip(f"Take {listing.uuid} from {w.writer_id} was skipped: its transcript cannot be read ({exc}).")
        return None
    return take


def _copy_audio(store: Store, w: WriterFolder, listing: schema.TakeListing,
                out: SyncOutcome) -> tuple[Path | None, str | None]:
    """The recording copied into a part file of this pull's own (renamed into place by the insert), and its sha."""
    ref = listing.audio
    assert ref is not None
    match = AUDIO_NAME.match(ref.name)
    if not match or match.group(1) != listing.uuid:
        out.skip(f"{w.writer_id} lists a recording of take {listing.uuid} under an unexpected name; it was skipped.")
        return None, None
    dest = store.takes_dir / f"{listing.uuid}.{match.group(2)}"
    try:
        part, sha, size = stage_copy(w.path / ref.name, dest, min(AUDIO_CAP, ref.size))
    except TeamFolderError as exc:
        if exc.transient or exc.kind is TeamFolderErrorKind.TOO_LARGE:  # larger than listed: still being written
            out.wait(f"The recording of take {listing.uuid} from {w.writer_id} is not complete yet ({exc}).")
        else:
            out.skip(f"The recording of take {listing.uuid} from {w.writer_id} was skipped: {exc}.")
        return None, None
    if sha != ref.sha256 or size != ref.size:
        part.unlink(missing_ok=True)
        out.wait(f"The recording of take {listing.uuid} from {w.writer_id} is still syncing; it will be tried again.")
        return None, None
    return part, sha


def _final_name(part: Path) -> Path:
    """``<uuid>.<suffix>`` for the part file ``<uuid>.<suffix>.<pid>-<token>.part``."""
    return part.with_name(".".join(part.name.split(".")[:2]))


def _update_known(store: Store, w: WriterFolder, listing: schema.TakeListing, known: Known, out: SyncOutcome) -> None:
    """A take already here: trash it if its rep withdrew it, and attach its recording once that arrived."""
    if listing.withdrawn and not known.trashed:
        with store.write() as db:
            if claim(db, "take", listing.uuid, w.owner):
                db.execute("UPDATE takes SET trashed_at = ? WHERE uuid = ? AND trashed_at IS NULL",
                           [now_iso(), listing.uuid])
                out.trashed += 1
    if listing.audio and not known.has_audio and not listing.withdrawn:
        part, sha = _copy_audio(store, w, listing, out)
        if part is None:
            return
        try:
            with store.write() as db:  # checked again under the write lock: another pull may have attached it
                if db.execute("SELECT 1 FROM takes WHERE uuid = ? AND audio_path IS NULL", [listing.uuid]).fetchone() \
                        and claim(db, "take", listing.uuid, w.owner):
                    dest = _final_name(part)
                    os.replace(part, dest)
                    db.execute("UPDATE takes SET audio_path = ?, audio_sha256 = ? WHERE uuid = ?",
                               [dest.relative_to(store.data_dir).as_posix(), sha, listing.uuid])
                    out.audio += 1
        finally:
            part.unlink(missing_ok=True)


def _insert(store: Store, batch: list[tuple[schema.TakeFile, Path | None, str | None]], profile_id: int,
            writer_id: str, out: SyncOutcome) -> None:
    """Insert the takes still new, in one transaction; each one's recording is renamed into place inside it.

    Takes another pull committed meanwhile are left alone (their recordings are theirs). On a failure the
    recordings placed here are removed before the transaction rolls back, while no other writer can
    commit a row pointing at them.
    """
    if not batch:
        return
    placed: list[Path] = []
    try:
        with store.write() as db:
            new = _still_new(db, [take.take.uuid for take, _, _ in batch])
            try:
                added = _insert_new(store, db, [item for item in batch if item[0].take.uuid in new], profile_id,
                                    placed)
                db.conn.executemany("INSERT OR IGNORE INTO team_owned (kind, uuid, writer_id) VALUES ('take', ?, ?)",
                                    [(uuid, writer_id) for uuid in new])
            except BaseException:
                _remove(placed)
                raise
    finally:
        _remove(part for _, part, _ in batch if part is not None)
    out.takes += added
    out.audio += len(placed)


def _still_new(db: Any, uuids: list[str]) -> set[str]:
    have: set[str] = set()
    for chunk in _chunks(uuids):
        have.update(r[0] for r in db.execute(
            f"SELECT uuid FROM takes WHERE uuid IN ({','.join('?' * len(chunk))})", chunk))
    return set(uuids) - have


def _insert_new(store: Store, db: Any, batch: list[tuple[schema.TakeFile, Path | None, str | None]], profile_id: int,
                placed: list[Path]) -> int:
    scripts = _ScriptIds(store)
    for take, part, sha in batch:
        script_id = scripts.script(take.script)
        version_id = scripts.version(take.script_version, script_id)
        audio = None
        if part is not None:
            audio = _final_name(part)
            os.replace(part, audio)
            placed.append(audio)
        t = take.take
        transcript = json.dumps(schema.to_plain(t.transcript), ensure_ascii=False)
        store._insert_take(
            db, t.uuid, profile_id, script_id, version_id, transcript, t.report, audio, sha if audio else None,
            t.started_at, attempt=t.attempt, judgement=scripts.judgement(take.judgement, version_id))
    return len(batch)


def _remove(files: Any) -> None:
    for file in list(files):
        file.unlink(missing_ok=True)


class _ScriptIds:
    """Scripts, versions and judgement contexts by their identity, created on first sight (as a bundle import does)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._judgements: dict[tuple[bytes, int], Any] = {}

    def judgement(self, data: dict[str, Any] | None, version_id: int) -> Any:
        """The take's judgement context; a rep's takes mostly share one, so each is read once per batch."""
        if data is None:
            return None
        key = (schema.encode(data), version_id)
        if key not in self._judgements:
            self._judgements[key] = judgement_from(data, version_id)
        return self._judgements[key]

    def script(self, s: schema.ScriptEntry) -> int:
        row = self.store.db.execute("SELECT id FROM scripts WHERE uuid = ?", [s.uuid]).fetchone()
        if row:
            return int(row[0])
        cur = self.store.db.execute("INSERT INTO scripts (uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                                    [s.uuid, s.title, now_iso(), now_iso()])
        return int(cur.lastrowid or 0)

    def version(self, v: schema.VersionEntry, script_id: int) -> int:
        row = self.store.db.execute("SELECT id FROM script_versions WHERE uuid = ?", [v.uuid]).fetchone()
        if row:
            return int(row[0])
        taken = {r[0] for r in self.store.db.execute("SELECT version FROM script_versions WHERE script_id = ?",
                                                     [script_id])}
        number = v.version if v.version not in taken else max(taken) + 1
        version_id = self.store._insert_version(script_id, number, v.title, v.text, v.time_limit, v.referral, v.uuid,
                                                current=False, follow_up=v.follow_up)
        self.store.db.execute("UPDATE scripts SET current_version_id = ? WHERE id = ? AND current_version_id IS NULL",
                              [version_id, script_id])
        return int(version_id)


def _ensure_profile(store: Store, p: schema.ProfileEntry) -> int:
    """The rep's profile by UUID (or the same details typed in by hand), updated when the rep renamed it."""
    profile = Profile.from_dict({k: v for k, v in schema.to_plain(p).items() if k != "uuid"})
    rows = store.query("SELECT id FROM profiles WHERE uuid = ?", [p.uuid])
    if rows:
        profile_id = int(rows[0]["id"])
        if store.get_profile(profile_id).profile != profile:
            with contextlib.suppress(StoreError):  # the new details are another rep's: keep the old ones
                store.update_profile(profile_id, profile)
        return profile_id
    same = store.find_profile(profile)
    return same.id if same else int(store.add_profile(profile, uuid=p.uuid))


def _known(store: Store, profile_id: int, listings: list[schema.TakeListing]) -> dict[str, Known]:
    """Which listed takes are here already, under which rep, with their recording and trash state.

    Read from indexes where possible (a take row carries kilobytes of JSON): the uuid index gives the row
    ids, the rep's index tells which of those are this rep's; only takes whose listing mentions a recording
    or a withdrawal are read for those two columns.
    """
    rowid_of: dict[str, int] = {}
    for chunk in _chunks([t.uuid for t in listings]):
        rowid_of.update(store.db.execute(
            f"SELECT uuid, id FROM takes WHERE uuid IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    if not rowid_of:
        return {}
    mine = {r[0] for r in store.db.execute("SELECT id FROM takes WHERE profile_id = ?", [profile_id])}
    curious = [t.uuid for t in listings if t.uuid in rowid_of and (t.audio or t.withdrawn)]
    state: dict[str, tuple[bool, bool]] = {}
    for chunk in _chunks(curious):
        state.update((r[0], (bool(r[1]), bool(r[2]))) for r in store.db.execute(
            f"SELECT uuid, audio_path IS NOT NULL, trashed_at IS NOT NULL FROM takes"
            f" WHERE uuid IN ({','.join('?' * len(chunk))})", chunk))
    owned = owners(store, "take", list(rowid_of))
    return {uuid: Known(profile_id if rowid in mine else -1, *state.get(uuid, (True, False)), owned.get(uuid))
            for uuid, rowid in rowid_of.items()}


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
