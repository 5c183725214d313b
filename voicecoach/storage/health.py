"""Is the file in front of us a database VoiceCoach may write to? Decided before anything is written.

Opening a damaged SQLite file read-write is already a write: closing the last connection checkpoints the
-wal into it, and the first statement may convert its journal. So every check here reads only: the
header, the -wal's header against its -shm, whether the folder is writable, and ``PRAGMA integrity_check``
on a read-only connection (memory-mapped). The full check, not ``quick_check``, because only it compares
every index with its table, and a write through an index that disagrees with its table spreads the damage;
it costs about 120 ms instead of 70 ms on a 10,000-take (116 MB) database and a few ms on a rep's own.

The database file is read only through SQLite (the header by an immutable read-only connection), and the
-wal/-shm headers only through ``sharing.read_head``, never while this process holds a connection to the
database: a plain ``close()`` of those files would drop the process's SQLite locks (see ``sharing``).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from voicecoach.storage import sharing
from voicecoach.storage.backups import backups_dir_for, latest_backup
from voicecoach.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    ReadOnlyDataError,
    StoreError,
    disk_full,
    disk_full_error,
    sqlite_busy,
)

__all__ = [
    "WAL_SETTLE_SECONDS",
    "check_before_open",
    "check_writable",
    "connection_problem",
    "database_problem",
    "full_check",
    "quick_check",
    "read_uri",
]

_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_WAL_SALT = slice(16, 24)  # the -wal header's two salts, copied byte for byte into ...
_SHM_SALT = slice(32, 40)  # ... WalIndexHdr.aSalt, the -shm's first header copy
_AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".m4a")
_MMAP_BYTES = 1 << 30
_MISMATCH = "does not belong to this database"
WAL_SETTLE_SECONDS = 1.0  # far longer than the moment between a restart's -shm and -wal header writes


def check_before_open(db_path: Path, *, writing: bool = True) -> bool:
    """Raise if ``db_path`` must not be opened (for writing, unless ``writing`` is False); return whether
    it holds a database already."""
    has_file = db_path.is_file()
    if not has_file or db_path.stat().st_size == 0:
        _refuse_lost_database(db_path, has_file)
        if writing:
            check_writable(db_path)
        return False
    _check_header(db_path)
    _check_wal(db_path)
    if writing:
        check_writable(db_path)
    problem = full_check(db_path)
    if problem:
        raise CorruptDatabaseError(db_path, problem, latest_backup(db_path))
    return True


def read_uri(db_path: Path) -> str:
    """How to read the database without writing anything, also in a read-only folder.

    SQLite reads a WAL database through its -shm, which it cannot create in a read-only folder; when
    there is no -wal to replay, the file alone is the database and is read as immutable instead.
    """
    wal = _side(db_path, "-wal")
    pending = wal.is_file() and wal.stat().st_size > 0
    immutable = not pending and not _side(db_path, "-shm").exists() and not os.access(db_path.parent, os.W_OK)
    return f"{db_path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def database_problem(db_path: Path) -> str | None:
    """Why the file at ``db_path`` is not a sound database (full check), or None; never writes."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return "the file is missing or empty"
    try:
        _check_header(db_path)
        _check_wal(db_path)
    except CorruptDatabaseError as exc:
        return exc.detail
    return full_check(db_path)


def check_writable(db_path: Path) -> None:
    """A read-only folder (or file) is said to be read-only, not mistaken for damage."""
    folder = db_path.parent
    targets = [folder] + [p for p in (db_path, _side(db_path, "-wal"), _side(db_path, "-shm")) if p.exists()]
    for target in targets:
        if not os.access(target, os.W_OK):
            raise ReadOnlyDataError(target, folder)


def quick_check(db_path: Path) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds (read-only connection), or None when it is sound."""
    return _check(db_path, "quick_check")


def full_check(db_path: Path) -> str | None:
    """Like ``quick_check`` but also every index against its table (``integrity_check``); slower."""
    return _check(db_path, "integrity_check")


def connection_problem(conn: sqlite3.Connection) -> str | None:
    """``integrity_check`` on an open connection (e.g. before it is copied into a backup)."""
    try:
        conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        return _first_problem(conn.execute("PRAGMA integrity_check").fetchall())
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and _transient(exc):
            raise
        return str(exc)


def _check(db_path: Path, pragma: str) -> str | None:
    try:
        return _check_once(db_path, pragma)
    except sqlite3.OperationalError as exc:
        raise DatabaseBusyError(db_path) from exc


def _check_once(db_path: Path, pragma: str) -> str | None:
    try:
        conn = sharing.connect(db_path, read_uri(db_path), uri=True, timeout=5)
    except sqlite3.Error as exc:
        _refuse_full_disk(exc, db_path)
        return str(exc)
    try:
        conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        return _first_problem(conn.execute(f"PRAGMA {pragma}").fetchall())
    except sqlite3.DatabaseError as exc:
        _refuse_full_disk(exc, db_path)
        if isinstance(exc, sqlite3.OperationalError) and _transient(exc):
            raise
        return str(exc)
    finally:
        sharing.close(db_path, conn)


def _refuse_full_disk(exc: sqlite3.Error, db_path: Path) -> None:
    """A check that fails for want of disk space (SQLite cannot size the -shm) says so: it is no damage."""
    if disk_full(exc, db_path.parent):
        raise disk_full_error(db_path.parent, f"the database {db_path.name} could not be opened for want of "
                                              "space; nothing in it was changed") from exc


def _transient(exc: sqlite3.Error) -> bool:
    return sqlite_busy(exc)


def _first_problem(rows: list[tuple[Any, ...]]) -> str | None:
    lines = [line for row in rows for line in str(row[0]).splitlines() if line and not line.startswith("***")]
    if lines == ["ok"]:
        return None
    first = lines[0] if lines else "the integrity check failed"
    more = f", and {len(lines) - 1} more problems" if len(lines) > 1 else ""
    return f"SQLite's integrity check reports {first[:100]!r}{more}"


def _check_header(db_path: Path) -> None:
    """Refuse a file that is not SQLite's, read by SQLite itself (the file alone, -wal and -shm left alone)."""
    try:
        conn = sharing.connect(db_path, f"{db_path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the database {db_path}: {exc}") from exc
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorname == "SQLITE_NOTADB":
            raise CorruptDatabaseError(db_path, "not an SQLite file", latest_backup(db_path)) from None
        # any other trouble is the integrity check's to describe
    finally:
        sharing.close(db_path, conn)


def _check_wal(db_path: Path) -> None:
    """A -wal must be this database's own: SQLite would replay any valid one into the file unasked.

    The app that wrote a -wal also keeps its -shm, whose header repeats the -wal's salts; a -wal
    without its -shm, or with other salts, came from elsewhere (another database's file copied in).
    A live writer restarting the -wal writes the new salts to the -shm and then to the -wal header, so
    a mismatch counts only once it has lasted a moment.
    """
    wal = _side(db_path, "-wal")
    deadline = time.monotonic() + WAL_SETTLE_SECONDS
    while (problem := _wal_problem(db_path)) is not None:
        if problem != _MISMATCH or time.monotonic() > deadline:
            raise CorruptDatabaseError(db_path, f"{wal.name} {problem}", latest_backup(db_path))
        time.sleep(0.05)


def _wal_problem(db_path: Path) -> str | None:
    try:
        header = sharing.read_head(_side(db_path, "-wal"), _WAL_HEADER, db_path)
    except OSError:
        return None
    if header is None or len(header) < _WAL_HEADER:
        return None  # a connection of this process owns the -wal, or it is empty: nothing to replay
    if int.from_bytes(header[:4], "big") not in _WAL_MAGIC:
        return "is not a write-ahead log"
    try:
        shm_header = sharing.read_head(_side(db_path, "-shm"), 48, db_path)
    except OSError:
        return None
    if shm_header is None:
        return None
    if len(shm_header) < 48:
        return "has no matching -shm index (it belongs to another database)"
    if header[_WAL_SALT] != shm_header[_SHM_SALT]:
        return _MISMATCH
    return None


def _refuse_lost_database(db_path: Path, has_file: bool) -> None:
    """No database (or an empty file) where earlier practice left backups or take audio is a loss, not a start."""
    backup = latest_backup(db_path)
    state = "is empty" if has_file else "is missing"
    if backup is not None:
        raise CorruptDatabaseError(db_path, f"the file {state} although backups are kept in "
                                   f"{backups_dir_for(db_path)}", backup)
    takes = db_path.parent / "takes"
    audio = [p for p in takes.iterdir() if p.suffix.lower() in _AUDIO_SUFFIXES] if takes.is_dir() else []
    if audio:
        raise CorruptDatabaseError(db_path, f"the file {state} although {takes} holds {len(audio)} takes' audio",
                                   None)


def _side(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)
