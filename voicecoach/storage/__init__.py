"""Local storage in SQLite through sqlite-utils: reps, versioned scripts, takes, coaching, progress."""

from voicecoach.storage.backups import latest_backup, list_backups, restore_latest_backup
from voicecoach.storage.db import Store, open_store
from voicecoach.storage.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    RecordNotFoundError,
    StoreError,
)
from voicecoach.storage.records import (
    FlagCount,
    NoteRecord,
    PracticeDays,
    ProfileRecord,
    Progress,
    Readiness,
    ScriptRecord,
    SessionRecord,
    TakeRecord,
    TrendPoint,
)

__all__ = [
    "CorruptDatabaseError",
    "DiskFullError",
    "FlagCount",
    "NewerDatabaseError",
    "NoteRecord",
    "PracticeDays",
    "ProfileRecord",
    "Progress",
    "Readiness",
    "RecordNotFoundError",
    "ScriptRecord",
    "SessionRecord",
    "Store",
    "StoreError",
    "TakeRecord",
    "TrendPoint",
    "latest_backup",
    "list_backups",
    "open_store",
    "restore_latest_backup",
]
