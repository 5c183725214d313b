"""What every part of the Store shares: the connection, write transactions and error translation."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sqlite_utils import Database

from voicecoach.storage import sharing
from voicecoach.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    ReadOnlyDataError,
    RecordNotFoundError,
    StoreError,
    disk_full,
    disk_full_error,
    sqlite_busy,
    sqlite_damaged,
    sqlite_read_only,
)

if TYPE_CHECKING:
    from voicecoach.core.judgement import JudgementContext
    from voicecoach.core.profile import Profile
    from voicecoach.storage.records import NoteRecord, ProfileRecord, TakeRecord

__all__ = ["StoreBase", "new_uuid", "now_iso", "translate_sqlite_error"]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_uuid() -> str:
    return str(uuid.uuid4())


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn SQLite's terse errors into messages that say what happened and what is safe; which error it
    was is read from SQLite's result code (``sqlite_errorname``), never from its wording."""
    text = str(exc)
    if sqlite_damaged(exc):
        from voicecoach.storage.backups import latest_backup

        return CorruptDatabaseError(path, text, latest_backup(path))
    if disk_full(exc, path.parent):
        return disk_full_error(path.parent, "the change was not saved and earlier data is intact")
    if sqlite_busy(exc):
        return DatabaseBusyError(path)
    if sqlite_read_only(exc):
        return ReadOnlyDataError(path, path.parent)
    return StoreError(f"database error in {path}: {text}")


def _hold_open(path: Path) -> sqlite3.Connection | None:
    from voicecoach.storage.health import read_uri

    try:
        guard = sharing.connect(path, read_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        guard.execute("BEGIN")
        guard.execute("PRAGMA schema_version").fetchone()  # a read lock on the file until closed
        return guard
    except sqlite3.Error:
        sharing.close(path, guard)
        return None


class StoreBase:
    """The connection and the write discipline; the public methods live in the mixins."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.data_dir = path.parent
        self.takes_dir = path.parent / "takes"
        self._lock = threading.RLock()
        self._closed = False
        self.damage: CorruptDatabaseError | None = None  # once set, nothing more is written to the file
        self.read_only: StoreError | None = None  # set when opened for browsing a read-only folder

    # -- lifetime -----------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self.damage is None:
                sharing.close(self.path, self.db.conn)
                return
            # Closing the last connection would checkpoint the -wal into the damaged file. A read-only
            # reader holding the file meanwhile keeps that from happening (and itself never checkpoints),
            # so the file stays as it was and the -wal stays beside it.
            guard = _hold_open(self.path)
            try:
                sharing.close(self.path, self.db.conn)
            finally:
                if guard is not None:
                    sharing.close(self.path, guard)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction, taken IMMEDIATE so two app instances queue instead of racing.

        Reads done inside (e.g. the next attempt number) see the latest committed state, and everything
        in the block commits together or not at all.
        """
        with self._lock:
            if self.damage is not None:
                raise CorruptDatabaseError(self.path, self.damage.detail, self.damage.backup)
            if self.read_only is not None:
                raise self.read_only
            conn = self.db.conn
            if conn.in_transaction:  # nested: let sqlite-utils use a savepoint
                with self.db.atomic():
                    yield self.db
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc
            try:
                yield self.db
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise self.translate(exc) from exc
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self.db.conn.execute(sql, params)
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc

    def translate(self, exc: sqlite3.Error) -> StoreError:
        """The user-facing error; damage is remembered so that no later call writes to the file."""
        error = translate_sqlite_error(exc, self.path)
        if isinstance(error, CorruptDatabaseError):
            self.damage = error
        return error

    def query_one(self, sql: str, params: Any = (), *, what: str = "record") -> sqlite3.Row:
        rows = self.query(sql, params)
        if not rows:
            raise RecordNotFoundError(f"no {what} with that id")
        return rows[0]

    if TYPE_CHECKING:
        # The lookups one part of the store borrows from another (defined in profiles.py, takes.py, scripts.py,
        # coaching.py); declared here so each part is checked against the others' signatures.
        def get_profile(self, profile_id: int) -> ProfileRecord: ...

        def add_profile(self, profile: Profile, *, uuid: str | None = None) -> int: ...

        def get_take(self, take_id: int) -> TakeRecord: ...

        def list_takes(self, profile_id: int | None = None, script_id: int | None = None,
                       include_trashed: bool = False, *, trashed_only: bool = False,
                       limit: int | None = None) -> list[TakeRecord]: ...

        def list_notes(self, take_id: int | None = None, *, session_id: int | None = None) -> list[NoteRecord]: ...

        def _insert_take(self, db: Any, take_uuid: str, profile_id: int, script_id: int, version_id: int,
                         transcript_json: str, report: dict[str, Any], audio: Path | None, sha: str | None,
                         started_at: datetime | str | None, *, attempt: int | None = None,
                         trashed_at: str | None = None, judgement: JudgementContext | None = None) -> int: ...

        def _insert_version(self, script_id: int, version: int, title: str, text: str, time_limit: float | None,
                            referral: str | None, version_uuid: str | None = None, *, current: bool = True,
                            follow_up: bool = False) -> int: ...
