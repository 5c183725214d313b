"""Copies of the database taken before every migration, and the way back from a damaged file.

A backup is made with SQLite's online backup API, so it is a consistent snapshot even while the app has
the database open in WAL mode, and only after ``integrity_check`` passes: a copy of a damaged file would
push good backups out. Rotation keeps the newest ten but never drops the backup holding the most takes
for emptier ones. Restoring never deletes or overwrites anything: the current file is renamed aside
under a name no other file has, and a database that is not damaged is replaced only when forced.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from voicecoach import paths
from voicecoach.storage.errors import CorruptDatabaseError, StoreError, disk_full, disk_full_error

__all__ = [
    "KEEP_BACKUPS",
    "backup_database",
    "backups_dir_for",
    "copy_database",
    "latest_backup",
    "list_backups",
    "restore_latest_backup",
]

KEEP_BACKUPS = 10
_SIDE_FILES = ("-wal", "-shm")


def backups_dir_for(db_path: Path) -> Path:
    """Backups sit in ``backups/`` beside the database (``paths.backups_dir()`` for the default one)."""
    return db_path.parent / "backups"


def list_backups(db_path: Path | None = None) -> list[Path]:
    """Oldest first; names start with a UTC timestamp so name order is time order."""
    folder = backups_dir_for(Path(db_path) if db_path else paths.database_path())
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("voicecoach-*.db") if p.is_file())


def latest_backup(db_path: Path | None = None) -> Path | None:
    found = list_backups(db_path)
    return found[-1] if found else None


def backup_database(conn: sqlite3.Connection, db_path: Path, reason: str = "manual") -> Path:
    """Snapshot the open database into ``backups/``; the partial file is removed if this fails."""
    from voicecoach.storage.health import connection_problem

    problem = connection_problem(conn)
    if problem:
        raise CorruptDatabaseError(db_path, problem, latest_backup(db_path))
    folder = paths.ensure_dir(backups_dir_for(db_path))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = folder / f"voicecoach-{stamp}-{_slug(reason)}.db"
    part = dest.with_name(dest.name + ".part")
    try:
        _write_copy(conn, part)
        os.replace(part, dest)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        if disk_full(exc, folder):
            raise disk_full_error(db_path.parent, "no backup was made and the database is unchanged") from exc
        raise StoreError(f"could not write a backup of {db_path} to {folder}: {exc}") from exc
    _prune(folder)
    return dest


def restore_latest_backup(db_path: Path | str | None = None, *, force: bool = False) -> Path:
    """Put the newest readable backup in place of the database; returns the backup used.

    The current file (and its WAL/SHM companions) is renamed to ``*.damaged-<time>`` (``*.replaced-<time>``
    when it was sound and ``force`` was given) rather than deleted, so nothing is lost even if the wrong
    file was judged damaged. A sound database is not replaced without ``force``.
    """
    from voicecoach.storage.health import check_writable, database_problem

    target = Path(db_path) if db_path else paths.database_path()
    for backup in reversed(list_backups(target)):
        if _readable(backup):
            break
    else:
        raise StoreError(f"no usable backup of {target} in {backups_dir_for(target)}")
    check_writable(target)
    damaged = database_problem(target) is not None
    if not damaged and not force:
        raise StoreError(f"the database {target} is not damaged, so it was not replaced; add --force to put "
                         f"the backup {backup.name} in its place anyway (the current file would be kept aside)")
    part = target.with_name(target.name + ".restoring")
    copy_database(backup, part)  # the current file is moved only once the copy is whole
    _move_aside(target, "damaged" if damaged else "replaced")
    os.replace(part, target)
    return backup


def copy_database(source: Path, dest: Path) -> None:
    """Copy a database that nothing writes (a backup) to a new file ``dest`` with SQLite's backup API;
    ``dest`` is removed if the copy fails."""
    try:
        reader = sqlite3.connect(_snapshot_uri(source), uri=True)
        try:
            _write_copy(reader, dest)
        finally:
            reader.close()
    except sqlite3.Error as exc:
        if disk_full(exc, dest.parent):
            raise disk_full_error(dest.parent, f"{source.name} was not copied and nothing was replaced") from exc
        raise StoreError(f"could not copy the backup {source} to {dest}: {exc}") from exc


def _write_copy(conn: sqlite3.Connection, dest: Path) -> None:
    """``conn``'s database into the new file ``dest`` (SQLite's backup API); ``dest`` is removed on failure."""
    dest.unlink(missing_ok=True)
    try:
        writer = sqlite3.connect(dest)
        try:
            conn.backup(writer)
        finally:
            writer.close()
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def _move_aside(target: Path, label: str) -> None:
    """Rename the database and its -wal/-shm to a stamp no existing file has; never overwrite."""
    present = [s for s in ("", *_SIDE_FILES) if target.with_name(target.name + s).exists()]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    for n in range(1000):
        base = f"{target.name}.{label}-{stamp}" + (f"-{n}" if n else "")
        if not any(target.with_name(base + s).exists() for s in ("", *_SIDE_FILES)):
            break
    for suffix in present:
        src, dest = target.with_name(target.name + suffix), target.with_name(base + suffix)
        try:
            os.link(src, dest)  # fails rather than overwrite, unlike a rename on POSIX
            os.unlink(src)
        except FileExistsError:
            raise StoreError(f"{dest} appeared while restoring; nothing was replaced, try again") from None
        except OSError:  # a file system without hard links
            if dest.exists():
                raise StoreError(f"{dest} already exists; nothing was replaced") from None
            os.rename(src, dest)


def _readable(path: Path) -> bool:
    try:
        conn = sqlite3.connect(_snapshot_uri(path), uri=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _snapshot_uri(path: Path) -> str:
    """A backup is never written once made: read it as immutable (no -shm needed, so a read-only folder works)."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def _prune(folder: Path) -> None:
    """Keep the newest KEEP_BACKUPS, plus the newest backup with the most takes if all kept ones hold fewer."""
    found = sorted(folder.glob("voicecoach-*.db"))
    doomed, kept = found[:-KEEP_BACKUPS], found[-KEEP_BACKUPS:]
    if not doomed:
        return
    counts = {p: _take_count(p) for p in found}
    best_kept = max((counts[p] for p in kept), default=-1)
    richest = max((p for p in doomed if counts[p] > best_kept), key=lambda p: (counts[p], p.name), default=None)
    if richest is not None:  # the good one stays in place of the oldest (emptier) of the newest
        doomed = [p for p in doomed if p != richest] + [kept[0]]
    for old in doomed:
        old.unlink(missing_ok=True)


def _take_count(path: Path) -> int:
    try:
        conn = sqlite3.connect(_snapshot_uri(path), uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM takes").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:40] or "backup"
