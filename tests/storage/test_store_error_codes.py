"""SQLite failures are told apart by their result code (``sqlite_errorname``), whatever their wording."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from voicecoach.core.remedy import Remedy
from voicecoach.storage.base import translate_sqlite_error
from voicecoach.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    ReadOnlyDataError,
    StoreError,
    StoreErrorKind,
)


def _sqlite_error(text: str, name: str) -> sqlite3.Error:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name  # what SQLite sets on the errors it raises
    return exc


def test_a_table_named_locked_is_no_busy_database(tmp_path: Path) -> None:
    error = translate_sqlite_error(_sqlite_error("no such table: locked_items", "SQLITE_ERROR"), tmp_path / "v.db")
    assert type(error) is StoreError and error.kind is StoreErrorKind.FAILED


def test_damage_in_other_words_is_still_damage(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    error = translate_sqlite_error(_sqlite_error("image disque de la base de données mal formée", "SQLITE_CORRUPT"), db)
    assert isinstance(error, CorruptDatabaseError) and error.kind is StoreErrorKind.DAMAGED and error.path == db
    assert error.remedies == ()  # no backup beside it: nothing to restore


def test_busy_and_read_only_by_their_codes(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    busy = translate_sqlite_error(_sqlite_error("database table is in use", "SQLITE_LOCKED_SHAREDCACHE"), db)
    assert isinstance(busy, DatabaseBusyError) and busy.kind is StoreErrorKind.BUSY
    read_only = translate_sqlite_error(_sqlite_error("attempt to write", "SQLITE_READONLY_DIRECTORY"), db)
    assert isinstance(read_only, ReadOnlyDataError) and read_only.remedy is Remedy.MAKE_FOLDER_WRITABLE
