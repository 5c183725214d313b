"""A rep pulling what coaches wrote for them: notes on their takes and the goals of their sessions.

Each coach writes under ``coach/<coach id>/``. Only entries addressed to this rep's id are read, and a
note is kept only if it is about one of this rep's own takes. A session's goals may be revised: the
highest revision wins. A note the coach deleted is listed as withdrawn and removed here too.

A rep takes feedback from one coach folder: the one named at join (``--coach``), else the first that
writes to them (kept in the membership). Another folder writing to the rep is ignored with a note, and a
note or session is changed or withdrawn only by the folder that wrote it (``owners``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar, cast

from voicecoach.storage.team import schema
from voicecoach.storage.team.folder import (
    COACHES,
    MANIFEST,
    MANIFEST_CAP,
    NOTE_CAP,
    NOTE_NAME,
    NOTES,
    SESSION_NAME,
    SESSIONS,
    TeamFolderError,
    read_capped,
    sha256_hex,
)
from voicecoach.storage.team.membership import Membership, current
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.owners import claim
from voicecoach.storage.team.writers import WriterFolder, changed_writers, each_writer, note_artifacts, save_state

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["SUBFOLDERS", "pull_coaches"]

SUBFOLDERS = (NOTES, SESSIONS)
T = TypeVar("T")


def pull_coaches(store: Store, m: Membership, out: SyncOutcome) -> None:
    each_writer(changed_writers(store, m.folder / COACHES, "coach", SUBFOLDERS, out),
                lambda w: _pull_coach(store, current(store) or m, w, out), out)


def _accepted(store: Store, m: Membership, w: WriterFolder, out: SyncOutcome) -> bool:
    """Whether this rep takes feedback from ``w`` (the first coach to write becomes the rep's coach)."""
    if m.coach_id == w.writer_id:
        return True
    if m.coach_id is None:
        with store.write() as db:
            db.execute("UPDATE team_membership SET coach_id = ? WHERE id = 1 AND coach_id IS NULL", [w.writer_id])
        out.note(f"Coach {w.writer_id} is your coach: feedback is taken from that folder only from now on.")
        return (current(store) or m).coach_id == w.writer_id
    out.skip(f"The coach folder {w.writer_id} wrote to you, but you take feedback from coach {m.coach_id} only; "
             "it was ignored.")
    return False


def _pull_coach(store: Store, m: Membership, w: WriterFolder, out: SyncOutcome) -> None:
    try:
        manifest = schema.decode(read_capped(w.path / MANIFEST, MANIFEST_CAP), schema.CoachManifest)
    except (TeamFolderError, schema.TeamFileError) as exc:
        waiting = getattr(exc, "incomplete", False) or getattr(exc, "transient", False)
        (out.wait if waiting else out.skip)(f"The manifest of coach folder {w.writer_id} was not read: {exc}.")
        save_state(store, w, None, 1 if waiting else 0, complete=False)
        return
    if manifest.coach_id != w.writer_id:
        out.skip(f"The coach folder {w.writer_id} holds the manifest of {manifest.coach_id}; it was skipped.")
        return
    note_artifacts(w.path, SUBFOLDERS, out)
    before = out.pending
    sessions = [s for s in manifest.sessions if s.rep_id == m.member_id]
    notes = [n for n in manifest.notes if n.rep_id == m.member_id]
    if (sessions or notes) and _accepted(store, m, w, out):
        _pull_sessions(store, m, w, sessions, out)
        _pull_notes(store, m, w, notes, out)
    save_state(store, w, None, out.pending - before, complete=True)


def _pull_sessions(store: Store, m: Membership, w: WriterFolder, listed: list[schema.SessionListing],
                   out: SyncOutcome) -> None:
    latest: dict[str, schema.SessionListing] = {}
    for s in listed:
        if s.uuid not in latest or s.revision > latest[s.uuid].revision:
            latest[s.uuid] = s
    for s in latest.values():
        match = SESSION_NAME.match(s.file.name)
        named = bool(match) and match.group(1) == s.uuid and int(match.group(2)) == s.revision  # type: ignore[union-attr]
        body = _addressed(m, w, s.uuid, s.file, named, schema.SessionFile, out)
        if body is not None:
            _apply_session(store, m, w, body, out)


def _apply_session(store: Store, m: Membership, w: WriterFolder, s: schema.SessionFile, out: SyncOutcome) -> None:
    ended = s.ended_at.isoformat(timespec="milliseconds") if s.ended_at else None
    results = json.dumps(s.goal_results, ensure_ascii=False) if s.goal_results is not None else None
    with store.write() as db:  # read under the write lock: a second pull at once finds the row, never inserts twice
        rows = store.query("SELECT id, profile_id, goals, ended_at, goal_results FROM sessions WHERE uuid = ?",
                           [s.uuid])
        if not rows:
            db.execute("INSERT INTO sessions (uuid, profile_id, started_at, ended_at, goals, goal_results)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       [s.uuid, m.profile_id, s.started_at.isoformat(timespec="milliseconds"), ended, s.goals,
                        results])
            claim(db, "session", s.uuid, w.writer_id)
        elif rows[0]["profile_id"] != m.profile_id or not claim(db, "session", s.uuid, w.writer_id):
            out.skip(f"Session {s.uuid} is already here for another rep or from another coach; it was skipped.")
            return
        elif (rows[0]["goals"] or "", rows[0]["ended_at"], rows[0]["goal_results"]) != (s.goals, ended, results):
            db.execute("UPDATE sessions SET goals = ?, ended_at = ?, goal_results = ? WHERE id = ?",
                       [s.goals, ended, results, rows[0]["id"]])
        else:
            return
    out.sessions += 1


def _pull_notes(store: Store, m: Membership, w: WriterFolder, listed: list[schema.NoteListing],
                out: SyncOutcome) -> None:
    have = {r[0] for r in store.query(
        "SELECT n.uuid FROM notes n JOIN takes t ON t.id = n.take_id WHERE t.profile_id = ?", [m.profile_id])}
    for n in listed:
        if n.withdrawn:
            if n.uuid in have:
                with store.write() as db:
                    if claim(db, "note", n.uuid, w.writer_id):
                        db.execute("DELETE FROM notes WHERE uuid = ?", [n.uuid])
            continue
        if n.uuid in have:
            continue
        match = NOTE_NAME.match(n.file.name)
        body = _addressed(m, w, n.uuid, n.file, bool(match) and match.group(1) == n.uuid,  # type: ignore[union-attr]
                          schema.NoteFile, out)
        if body is not None:
            _add_note(store, m, w, body, out)


def _add_note(store: Store, m: Membership, w: WriterFolder, n: schema.NoteFile, out: SyncOutcome) -> None:
    take = store.query("SELECT id FROM takes WHERE uuid = ? AND profile_id = ?", [n.take, m.profile_id])
    if not take:
        out.skip("A coach note is about a take that is not on this laptop; it was skipped.")
        return
    session = store.query("SELECT id FROM sessions WHERE uuid = ?", [n.session]) if n.session else []
    with store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO notes (uuid, take_id, session_id, text, at_seconds, created_at, author)"
            " VALUES (?, ?, ?, ?, ?, ?, 'coach')",  # a team folder carries notes from the coach only
            [n.uuid, take[0]["id"], session[0]["id"] if session else None, n.text, n.at_seconds,
             n.created_at.isoformat(timespec="milliseconds")])
        claim(db, "note", n.uuid, w.writer_id)
    out.notes += 1


def _addressed(m: Membership, w: WriterFolder, uuid: str, ref: schema.FileRef, named: bool, kind: type[T],
               out: SyncOutcome) -> T | None:
    """The listed file, if its name is the expected one and it is really this coach's, for this rep."""
    if not named:
        out.skip(f"Coach {w.writer_id} lists {ref.name} under an unexpected name; it was skipped.")
        return None
    body: Any = _read(w, ref, kind, out)
    if body is None or body.uuid != uuid or body.rep_id != m.member_id or body.coach_id != w.writer_id:
        return None
    return cast(T, body)


def _read(w: WriterFolder, ref: schema.FileRef, kind: type[T], out: SyncOutcome) -> T | None:
    try:
        data = read_capped(w.path / ref.name, NOTE_CAP)
    except TeamFolderError as exc:
        (out.wait if exc.transient else out.skip)(f"{ref.name} from coach {w.writer_id} was not read ({exc}).")
        return None
    if len(data) != ref.size or sha256_hex(data) != ref.sha256:
        out.wait(f"{ref.name} from coach {w.writer_id} is still syncing; it will be tried again.")
        return None
    try:
        return schema.decode(data, kind)
    except schema.TeamFileError as exc:
        out.skip(f"{ref.name} from coach {w.writer_id} was skipped: {exc}.")
        return None

