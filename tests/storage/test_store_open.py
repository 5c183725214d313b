"""Opening the database: settings, damage, newer schemas, migrations with a backup first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach import paths
from voicecoach.cli.remedies import error_line
from voicecoach.storage import (
    CorruptDatabaseError,
    NewerDatabaseError,
    StoreError,
    latest_backup,
    list_backups,
    open_store,
    restore_latest_backup,
)
from voicecoach.storage.migrations import known_names, migrations


def test_default_location_follows_voicecoach_home_and_uses_wal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "elsewhere"))
    with open_store() as store:
        assert store.path == tmp_path / "elsewhere" / "voicecoach.db"
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"
        assert store.query("PRAGMA foreign_keys")[0][0] == 1
        assert store.query("PRAGMA busy_timeout")[0][0] >= 1000
        assert store.schema_steps == known_names()
        assert store.query("PRAGMA user_version")[0][0] == len(known_names())
    assert list_backups() == []  # a brand-new database needs no backup


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with open_store(tmp_path / "v.db") as store, pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO notes (uuid, take_id, text, created_at) VALUES ('n', 42, 'x', 'now')")


def test_garbage_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    garbage = b"this is not a database \x00\xff" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "untouched" in message and "no backup" in message
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["voicecoach.db"]


def test_damaged_pages_after_a_valid_header_are_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    open_store(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[16:100] = b"\xff" * 84  # keep "SQLite format 3" but wreck the header fields
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        open_store(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_corrupt_database_offers_and_restores_the_latest_backup(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        store.add_profile(ANN)
        backup = store.backup("daily")
    db_path.write_bytes(b"\x00garbage" * 100)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    assert caught.value.backup == backup and backup.name in str(caught.value)
    assert latest_backup(db_path) == backup
    assert restore_latest_backup(db_path) == backup
    damaged = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"\x00garbage" * 100
    with open_store(db_path) as store:
        assert [p.profile for p in store.list_profiles()] == [ANN]


def test_restore_without_a_backup_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no usable backup"):
        restore_latest_backup(tmp_path / "voicecoach.db")


def test_newer_schema_is_refused_without_changes(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        store.db["_sqlite_migrations"].insert({"migration_set": "voicecoach", "name": "m999_from_the_future",
                                               "applied_at": "2030-01-01"})
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="m999_from_the_future"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_higher_user_version_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        store.db.execute("PRAGMA user_version = 99")
    with pytest.raises(NewerDatabaseError, match="newer VoiceCoach"):
        open_store(db_path)


def test_older_schema_is_backed_up_then_migrated_with_its_takes(tmp_path: Path) -> None:
    """A database left at the first schema step gains the metric columns, backfilled from reports."""
    from sqlite_utils import Database

    db_path = paths.database_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    old = Database(db_path)
    migrations.apply(old, stop_before="m002_take_metrics")
    old.execute("INSERT INTO profiles (uuid, name, company, phone, created_at, updated_at)"
                " VALUES ('p', 'Ann', 'Acme', '555', '2026-01-01', '2026-01-01')")
    old.execute("INSERT INTO scripts (uuid, title, current_version_id, created_at, updated_at)"
                " VALUES ('s', 'Intro', 1, '2026-01-01', '2026-01-01')")
    old.execute("INSERT INTO script_versions (uuid, script_id, version, title, text, created_at)"
                " VALUES ('v', 1, 1, 'Intro', 'Hi there', '2026-01-01')")
    report = report_dict(81, flags=(("overrun", "error"), ("filler_words", "warning")), wpm=171)
    old.execute("INSERT INTO takes (uuid, profile_id, script_id, script_version_id, started_at, attempt, transcript,"
                " report, score, flag_codes, created_at) VALUES ('t', 1, 1, 1, '2026-01-02T10:00:00+00:00', 1, ?, ?,"
                " 81, '[\"overrun\"]', '2026-01-02')", [transcript_of("hi there").to_json(), json.dumps(report)])
    old.execute("INSERT INTO notes (uuid, take_id, text, created_at) VALUES ('n', 1, 'keep this', '2026-01-02')")
    old.conn.commit()
    old.close()

    with open_store() as store:
        assert store.schema_steps == known_names()
        take = store.list_takes()[0]
        assert (take.wpm, take.filler_rate, take.words) == (171.0, 0.02, report["words"])
        assert [f.code for f in store.top_flags(1)] == ["filler_words", "overrun"]
        assert not store.readiness(1, needed=1).ready
        assert [n.text for n in store.list_notes(take.id)] == ["keep this"]
        assert store.get_take(take.id).transcript.text == "hi there"
        assert list(store.db["takes"].columns_dict)[-3:] == ["transcript", "report", "judgement"]
        assert store.query("PRAGMA foreign_key_check") == [] and store.integrity_ok()
    backups = list_backups()
    assert len(backups) == 1 and "before-m002_take_metrics" in backups[0].name
    check = Database(backups[0])
    assert "take_flags" not in check.table_names() and check["takes"].count == 1
    check.close()


def test_routine_backup_only_when_the_last_one_is_old(tmp_path: Path) -> None:
    import os

    with open_store(tmp_path / "voicecoach.db") as store:
        first = store.backup_if_older_than(24)
        assert first is not None and list_backups(store.path) == [first]
        assert store.backup_if_older_than(24) is None
        os.utime(first, (first.stat().st_mtime - 2 * 86400,) * 2)
        second = store.backup_if_older_than(24)
        assert second is not None and list_backups(store.path) == [first, second]


def test_damage_found_later_is_reported_as_damage_with_the_backup(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi")
        for _ in range(40):
            store.save_take(profile_id=pid, script_version_id=script.version_id,
                            transcript=transcript_of(" ".join(["word"] * 300)), report=report_dict())
        backup = store.backup("test")
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 40 * page
    data[20 * page:30 * page] = b"\x5a" * (10 * page)  # wreck pages in the middle of the takes table
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as caught, open_store(db_path) as store:
        [t.transcript for t in store.list_takes()]
    assert caught.value.backup == backup and "restore-backup" in error_line(caught.value)
