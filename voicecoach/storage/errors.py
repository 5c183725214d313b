"""Failures of the local store: what is wrong, for the person in front of the app, and what fixes it.

They derive from OSError so that the CLI's one-line error path (and any caller that already handles
file problems) shows them without a traceback. ``str(exc)`` says what happened; the ``kind``, the facts
and the remedy (``core.remedy.Problem``) are for the command line and the window to word what to do.
"""

from __future__ import annotations

import errno
import os
import shutil
from enum import Enum
from pathlib import Path

from voicecoach.core.remedy import Problem, Remedy

__all__ = [
    "LOW_SPACE_BYTES",
    "CorruptDatabaseError",
    "DatabaseBusyError",
    "DiskFullError",
    "NewerDatabaseError",
    "ReadOnlyDataError",
    "RecordNotFoundError",
    "StoreError",
    "StoreErrorKind",
    "disk_full",
    "disk_full_error",
    "sqlite_busy",
    "sqlite_damaged",
    "sqlite_name",
    "sqlite_read_only",
]

LOW_SPACE_BYTES = 1_000_000  # an I/O error with less than this free on the disk is the disk being full


class StoreErrorKind(Enum):
    FAILED = "failed"
    BUSY = "busy"
    NOT_FOUND = "not found"
    DISK_FULL = "disk full"
    DAMAGED = "damaged"
    READ_ONLY = "read-only"
    NEWER = "newer"


class StoreError(OSError, Problem):
    """The local database or the take audio next to it cannot be used as asked."""

    kind: StoreErrorKind = StoreErrorKind.FAILED

    def __str__(self) -> str:  # OSError would prefix "[Errno n]" when given several args
        return str(self.args[0]) if self.args else "storage error"


class DatabaseBusyError(StoreError):
    """Another window holds the database for a moment (opening, migrating); trying again later works."""

    kind = StoreErrorKind.BUSY

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"the database {path} is busy in another VoiceCoach window; try again in a moment")


class RecordNotFoundError(StoreError):
    """A profile, script, take, session or note id that is not in the database."""

    kind = StoreErrorKind.NOT_FOUND


class DiskFullError(StoreError):
    """Saving needed more disk space than there is; nothing already saved was touched."""

    kind = StoreErrorKind.DISK_FULL
    remedies = (Remedy.FREE_DISK_SPACE,)

    def __init__(self, message: str, path: Path | None = None, needed_bytes: int | None = None) -> None:
        super().__init__(message)
        self.path = path  # a folder on the full disk
        self.needed_bytes = needed_bytes


def disk_full(exc: BaseException, folder: Path) -> bool:
    """Whether ``exc`` means the disk holding ``folder`` has no room: by SQLite's result code or the errno,
    never by the wording. SQLite reports a -shm it cannot grow as an I/O error, so an I/O error counts as
    a full disk when the disk has (almost) nothing free."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    name = sqlite_name(exc)
    if name == "SQLITE_FULL":
        return True
    return name.startswith("SQLITE_IOERR") and _free_bytes(folder) < LOW_SPACE_BYTES


def sqlite_name(exc: BaseException) -> str:
    """SQLite's result-code name of ``exc`` ("SQLITE_BUSY", "SQLITE_IOERR_SHMSIZE"…), "" for other errors."""
    return str(getattr(exc, "sqlite_errorname", None) or "")


def sqlite_busy(exc: BaseException) -> bool:
    """Another connection holds the lock: waiting and trying again works."""
    return sqlite_name(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def sqlite_damaged(exc: BaseException) -> bool:
    """The file is not a (sound) SQLite database."""
    return sqlite_name(exc).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def sqlite_read_only(exc: BaseException) -> bool:
    return sqlite_name(exc).startswith("SQLITE_READONLY")


def disk_full_error(folder: Path, outcome: str) -> DiskFullError:
    """The full-disk message: what happened (``outcome``), that the data is sound, and what to free."""
    free = _free_bytes(folder)
    sizes = [f"{name} in {folder / name} use {_mb(_folder_bytes(folder / name))}" for name in ("takes", "backups")
             if (folder / name).is_dir()]
    hint = f" (for scale: the {' and the '.join(sizes)})" if sizes else ""
    needed = 10 * LOW_SPACE_BYTES
    return DiskFullError(f"the disk holding {folder} is full ({_mb(free)} free); {outcome}. Free at least "
                         f"{_mb(needed)} on that disk, e.g. by deleting or moving other large files"
                         f"{hint}, and try again.", folder, needed)


def _free_bytes(folder: Path) -> int:
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return 0


def _folder_bytes(folder: Path) -> int:
    try:
        return sum(e.stat().st_size for e in os.scandir(folder) if e.is_file(follow_symlinks=False))
    except OSError:
        return 0


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size // 1000} KB"


class CorruptDatabaseError(StoreError):
    """The database file is not a readable SQLite database; it is left exactly as it was."""

    kind = StoreErrorKind.DAMAGED

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        self.path = path
        self.detail = detail
        self.backup = backup
        if backup is not None:
            self.remedies = (Remedy.RESTORE_BACKUP,)
            offer = f"its last backup is {backup.name}"
        else:
            offer = "there is no backup to restore, so move the file aside to start a new database"
        super().__init__(f"the database {path} is damaged ({detail}) and was left untouched; {offer}.")


class ReadOnlyDataError(StoreError):
    """The data folder (or the database in it) cannot be written; nothing is wrong with the data."""

    kind = StoreErrorKind.READ_ONLY
    remedies = (Remedy.MAKE_FOLDER_WRITABLE,)

    def __init__(self, target: Path, folder: Path) -> None:
        self.path = target
        self.folder = folder
        what = f"the data folder {folder}" if target == folder else f"{target} in the data folder"
        super().__init__(f"{what} is read-only, so VoiceCoach cannot save practice there.")


class NewerDatabaseError(StoreError):
    """The database was written by a newer VoiceCoach whose schema this version does not know."""

    kind = StoreErrorKind.NEWER
    remedies = (Remedy.UPDATE_APP,)

    def __init__(self, path: Path, unknown: list[str]) -> None:
        self.path = path
        self.unknown = unknown
        super().__init__(
            f"the database {path} was created by a newer VoiceCoach (schema steps {', '.join(unknown)} "
            "are unknown here). The file was not changed."
        )
