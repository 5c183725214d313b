"""A damaged, emptied or foreign-WAL database is never written to; backups and restores never lose a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.storage import damage
from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.cli.remedies import error_line
from voicecoach.core.profile import Profile
from voicecoach.core.remedy import Remedy
from voicecoach.storage import CorruptDatabaseError, StoreError, list_backups, open_store, restore_latest_backup
from voicecoach.storage.backups import KEEP_BACKUPS
from voicecoach.storage.save import save_analyzed_take


def _count(db_path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _aside(folder: Path, label: str) -> list[Path]:
    """Database files kept aside by a restore (not their -wal/-shm companions)."""
    return [p for p in folder.glob(f"voicecoach.db.{label}-*") if not p.name.endswith(("-wal", "-shm"))]


@pytest.mark.parametrize("kind", ["takes_page", "middle_page", "truncated", "garbage_header", "index_disagrees"])
def test_damage_is_found_on_open_and_nothing_is_written(tmp_path: Path, kind: str) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    damage.DAMAGE[kind](db_path)
    before = damage.snapshot(tmp_path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    message = error_line(caught.value)
    assert str(db_path) in message and "restore-backup" in message and "\n" not in message
    assert caught.value.remedy is Remedy.RESTORE_BACKUP and "restore-backup" not in str(caught.value)
    assert damage.snapshot(tmp_path) == before


def test_a_wal_from_another_database_is_not_replayed(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    damage.foreign_wal(db_path)
    before = damage.snapshot(tmp_path)
    with pytest.raises(CorruptDatabaseError, match=r"voicecoach\.db-wal"):
        open_store(db_path)
    assert damage.snapshot(tmp_path) == before


def test_our_own_wal_after_a_crash_is_still_replayed(tmp_path: Path) -> None:
    """A -wal with its -shm (what a killed app leaves) holds committed takes: it must not be judged foreign."""
    import shutil

    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path, takes=2, backup=False)
    store = open_store(db_path)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    store.add_profile(Profile(name="Late Rep", company="Co", phone="555 0111"))
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # what the disk holds at the moment of a SIGKILL
        shutil.copyfile(str(db_path) + suffix, str(crashed / "voicecoach.db") + suffix)
    store.close()
    with open_store(crashed / "voicecoach.db") as reopened:
        assert len(reopened.list_profiles()) == 2


def test_once_damage_is_seen_the_store_refuses_every_write(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    store = open_store(db_path)
    damage.takes_page(db_path)  # the disk goes bad under a running app
    with pytest.raises(CorruptDatabaseError):
        store.list_takes()
    with pytest.raises(CorruptDatabaseError):
        store.add_profile(Profile(name="New Rep", company="Co", phone="555 0123"))
    store.close()
    assert _count(db_path, "profiles") == 1


def test_closing_a_store_that_met_damage_does_not_checkpoint_into_the_file(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    store = open_store(db_path)
    store.add_profile(Profile(name="New Rep", company="Co", phone="555 0123"))  # committed, in the -wal
    damage.takes_page(db_path)
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError):
        store.list_takes()
    store.close()
    assert db_path.read_bytes() == before
    assert (tmp_path / "voicecoach.db-wal").stat().st_size > 0  # the committed rep is kept beside it


def test_save_analyzed_take_on_a_damaged_takes_table_adds_no_rep_or_script(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    store = open_store(db_path)
    damage.takes_page(db_path)
    with pytest.raises(CorruptDatabaseError):
        save_analyzed_take(profile=Profile(name="New Rep", company="Co", phone="555 0123"),
                           script_text="A brand new script", script_title=None,
                           transcript=transcript_of("hi there"), report=report_dict(), store=store)
    store.close()
    assert (_count(db_path, "profiles"), _count(db_path, "scripts")) == (1, 1)


def test_no_backup_is_made_of_a_damaged_database(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    backups = list_backups(db_path)
    store = open_store(db_path)
    damage.middle_page(db_path)
    with pytest.raises(CorruptDatabaseError):
        store.backup("routine")
    store.close()
    assert list_backups(db_path) == backups
    assert not list((tmp_path / "backups").glob("*.part"))


@pytest.mark.parametrize("kind", ["empty", "missing"])
def test_an_empty_or_missing_database_beside_backups_is_damage_not_a_first_run(tmp_path: Path, kind: str) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path)
    damage.DAMAGE[kind](db_path)
    before = damage.snapshot(tmp_path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(db_path)
    assert caught.value.backup == list_backups(db_path)[-1] and "restore-backup" in error_line(caught.value)
    assert damage.snapshot(tmp_path) == before
    assert restore_latest_backup(db_path) == list_backups(db_path)[-1]
    with open_store(db_path) as store:
        assert len(store.list_takes()) == 40


def test_a_missing_database_beside_take_audio_is_damage(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path, takes=2, backup=False, audio=True)
    db_path.unlink()
    with pytest.raises(CorruptDatabaseError, match="takes"):
        open_store(db_path)
    assert not db_path.exists()


def test_a_brand_new_or_empty_folder_is_still_a_first_run(tmp_path: Path) -> None:
    (tmp_path / "voicecoach.db").write_bytes(b"")  # e.g. killed right after the file was created
    with open_store(tmp_path / "voicecoach.db") as store:
        assert store.list_profiles() == []


def test_rotation_never_drops_the_last_good_backup_for_emptier_ones(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi")
        for _ in range(3):
            store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                            report=report_dict())
        good = store.backup("daily")
        store.db.execute("DELETE FROM take_flags")
        store.db.execute("DELETE FROM takes")
        for _ in range(KEEP_BACKUPS + 2):
            store.backup("daily")
    kept = list_backups(db_path)
    assert good in kept and len(kept) == KEEP_BACKUPS


def test_restoring_twice_in_a_second_keeps_both_damaged_files(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path, takes=2)
    db_path.write_bytes(b"first damage " * 300)
    restore_latest_backup(db_path)
    db_path.write_bytes(b"second damage " * 300)
    restore_latest_backup(db_path)
    kept = sorted(p.read_bytes() for p in _aside(tmp_path, "damaged"))
    assert kept == [b"first damage " * 300, b"second damage " * 300]


def test_a_healthy_database_is_only_replaced_when_forced(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path, takes=2)
    with open_store(db_path) as store:
        store.add_profile(Profile(name="After Backup", company="Co", phone="555 0177"))
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match=r"not damaged.*--force"):
        restore_latest_backup(db_path)
    assert db_path.read_bytes() == before and not list(tmp_path.glob("*.damaged-*"))
    restore_latest_backup(db_path, force=True)
    with open_store(db_path) as store:
        assert len(store.list_profiles()) == 1
    assert [p.read_bytes() for p in _aside(tmp_path, "replaced")] == [before]


def test_a_foreign_wal_next_to_our_own_shm_is_not_replayed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash left this database's -wal and -shm; then another database's -wal was copied over ours."""
    import shutil

    from voicecoach.storage import health

    monkeypatch.setattr(health, "WAL_SETTLE_SECONDS", 0.1)
    db_path = tmp_path / "voicecoach.db"
    damage.build_database(db_path, takes=2)
    store = open_store(db_path)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    store.add_profile(Profile(name="Late Rep", company="Co", phone="555 0111"))
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-shm"):
        shutil.copyfile(str(db_path) + suffix, str(crashed / "voicecoach.db") + suffix)
    store.close()
    damage.foreign_wal(crashed / "voicecoach.db")
    before = damage.snapshot(crashed)
    with pytest.raises(CorruptDatabaseError, match=r"voicecoach\.db-wal does not belong to this database"):
        open_store(crashed / "voicecoach.db")
    assert damage.snapshot(crashed) == before
