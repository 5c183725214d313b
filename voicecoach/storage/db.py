"""Opening the database: WAL, foreign keys, busy timeout, damage detection and migrations.

``open_store()`` is the one way in. It never creates an empty database over a file it cannot read:
a damaged file raises CorruptDatabaseError (with the newest backup named), and a file from a newer
VoiceCoach raises NewerDatabaseError; in both cases the file is left byte-for-byte as it was.
"""

from __future__ import annotations

import errno
import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from voicecoach import paths
from voicecoach.storage import sharing
from voicecoach.storage.backups import backup_database, latest_backup, restore_latest_backup
from voicecoach.storage.base import translate_sqlite_error
from voicecoach.storage.bundle import BundleMixin
from voicecoach.storage.cadence_progress import CadenceProgressMixin
from voicecoach.storage.coaching import CoachingMixin
from voicecoach.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    NewerDatabaseError,
    ReadOnlyDataError,
    RecordNotFoundError,
    StoreError,
    disk_full,
    sqlite_busy,
)
from voicecoach.storage.exports import ExportsMixin
from voicecoach.storage.health import check_before_open, read_uri
from voicecoach.storage.migrations import known_names, migrations
from voicecoach.storage.profiles import ProfilesMixin
from voicecoach.storage.progress import ProgressMixin
from voicecoach.storage.reanalysis import ReanalysisMixin
from voicecoach.storage.scripts import ScriptsMixin
from voicecoach.storage.takes import TakesMixin

BUSY_TIMEOUT_MS = 5000
OPEN_BUSY_SECONDS = 10.0  # how long opening waits out another window that is creating or migrating the file


class Store(ReanalysisMixin, ProfilesMixin, ScriptsMixin, TakesMixin, CoachingMixin, ProgressMixin, ExportsMixin,
            BundleMixin, CadenceProgressMixin):
    """Everything VoiceCoach keeps: one open connection; use from one thread at a time."""

    def backup(self, reason: str = "manual") -> Path:
        """A snapshot in ``backups/``, made only after a full integrity check passes."""
        with self._lock:
            try:
                return backup_database(self.db.conn, self.path, reason)
            except CorruptDatabaseError as exc:
                self.damage = exc
                raise

    def backup_if_older_than(self, hours: float = 24.0) -> Path | None:
        """A routine backup (the app calls this off the GUI thread) unless a recent one exists."""
        newest = latest_backup(self.path)
        if newest is not None and time.time() - newest.stat().st_mtime < hours * 3600:
            return None
        return self.backup("routine")

    def integrity_ok(self) -> bool:
        return bool(self.query("PRAGMA quick_check")[0][0] == "ok")

    @property
    def schema_steps(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]


def open_store(path: Path | str | None = None, *, read_only: bool = False) -> Store:
    """Open (creating or migrating as needed) the database at ``path`` or ``paths.database_path()``.

    ``read_only`` browses a database in a folder that cannot be written (see ``_open_for_reading``).
    """
    db_path = Path(path) if path is not None else paths.database_path()
    if read_only:
        return _open_for_reading(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise ReadOnlyDataError(db_path.parent, db_path.parent) from exc
    except OSError as exc:
        if exc.errno == errno.EROFS:
            raise ReadOnlyDataError(db_path.parent, db_path.parent) from exc
        raise StoreError(f"cannot create the data folder {db_path.parent}: {exc.strerror or exc}") from exc
    deadline = time.monotonic() + OPEN_BUSY_SECONDS
    while True:
        try:
            return Store(_open_for_writing(db_path), db_path)
        except DatabaseBusyError:
            # Some of SQLite's busy states (another window creating the file, its -shm or switching it to
            # WAL) return at once instead of waiting in the busy handler: the whole open is tried again.
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _open_for_writing(db_path: Path) -> Database:
    existed = check_before_open(db_path)  # damage, a foreign -wal or a read-only folder: refused, unwritten
    try:
        conn = sharing.connect(db_path, db_path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, db_path) from exc
    try:
        db = Database(conn, execute_plugins=False)
        _configure(db, db_path)
        _migrate(db, db_path, existed)
    except BaseException:
        sharing.close(db_path, conn)
        raise
    return db


def _open_for_reading(db_path: Path) -> Store:
    """Checked like any other, but never created, migrated or written: every write raises ReadOnlyDataError."""
    if not check_before_open(db_path, writing=False):
        raise StoreError(f"there is no VoiceCoach database at {db_path}")
    try:
        conn = sharing.connect(db_path, read_uri(db_path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, db_path) from exc
    try:
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        _check_schema(db, db_path)
        if migrations.pending(db):
            raise StoreError(f"the database {db_path} needs an update by this VoiceCoach, which cannot be made in a "
                             f"read-only folder; make {db_path.parent} writable and start again")
    except sqlite3.DatabaseError as exc:
        sharing.close(db_path, conn)
        raise translate_sqlite_error(exc, db_path) from exc
    except BaseException:
        sharing.close(db_path, conn)
        raise
    store = Store(db, db_path)
    store.read_only = ReadOnlyDataError(db_path.parent, db_path.parent)
    return store


def _check_schema(db: Database, db_path: Path) -> None:
    """A database that records schema steps this version does not know came from a newer VoiceCoach."""
    applied = [m.name for m in migrations.applied(db)]
    known = known_names()
    unknown = [name for name in applied if name not in known]
    if unknown or db.execute("PRAGMA user_version").fetchone()[0] > len(known):
        raise NewerDatabaseError(db_path, unknown or ["user_version"])


def _configure(db: Database, db_path: Path) -> None:
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: an app crash never loses a commit
    except sqlite3.DatabaseError as exc:
        if disk_full(exc, db_path.parent) or sqlite_busy(exc):
            raise translate_sqlite_error(exc, db_path) from exc
        raise CorruptDatabaseError(db_path, str(exc), latest_backup(db_path)) from exc


def _migrate(db: Database, db_path: Path, existed: bool) -> None:
    try:
        _check_schema(db, db_path)
        if not migrations.pending(db):
            return
        if existed and db.table_names():
            backup_database(db.conn, db_path, f"before-{migrations.pending(db)[0].name}")
        db.conn.execute("BEGIN IMMEDIATE")  # a second instance opening at the same time waits here
        try:
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {len(migrations.applied(db))}")
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise translate_sqlite_error(exc, db_path) from exc
        raise CorruptDatabaseError(db_path, str(exc), latest_backup(db_path)) from exc


__all__ = [
    "CorruptDatabaseError",
    "DiskFullError",
    "NewerDatabaseError",
    "ReadOnlyDataError",
    "RecordNotFoundError",
    "Store",
    "StoreError",
    "latest_backup",
    "open_store",
    "restore_latest_backup",
]
