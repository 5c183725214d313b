"""Copies of the database taken before every migration, and the way back from a damaged file.

A backup is made with SQLite's online backup API, so it is a consistent snapshot even while the app has
the database open in WAL mode. Restoring never deletes the damaged file: it is renamed aside.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from voicecoach import paths
from voicecoach.storage.errors import StoreError

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
    folder = paths.ensure_dir(backups_dir_for(db_path))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = folder / f"voicecoach-{stamp}-{_slug(reason)}.db"
    part = dest.with_name(dest.name + ".part")
    try:
        target = sqlite3.connect(part)
        try:
            conn.backup(target)
        finally:
            target.close()
        os.replace(part, dest)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"could not write a backup of {db_path} to {folder}: {exc}") from exc
    _prune(folder)
    return dest


def restore_latest_backup(db_path: Path | str | None = None) -> Path:
    """Put the newest readable backup in place of the database; returns the backup used.

    The current file (and its WAL/SHM companions) is renamed to ``*.damaged-<time>`` rather than deleted,
    so nothing is lost even if the wrong file was judged damaged.
    """
    target = Path(db_path) if db_path else paths.database_path()
    for backup in reversed(list_backups(target)):
        if _readable(backup):
            break
    else:
        raise StoreError(f"no usable backup of {target} in {backups_dir_for(target)}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", *_SIDE_FILES):
        current = target.with_name(target.name + suffix)
        if current.exists():
            os.replace(current, current.with_name(f"{target.name}.damaged-{stamp}{suffix}"))
    part = target.with_name(target.name + ".restoring")
    part.write_bytes(backup.read_bytes())
    os.replace(part, target)
    return backup


def _readable(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _prune(folder: Path) -> None:
    found = sorted(folder.glob("voicecoach-*.db"))
    for old in found[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:40] or "backup"
