"""A full disk is called a full disk, never damage, and a restore never leaves the folder without a database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.cli.main import main
from voicecoach.storage import CorruptDatabaseError, DiskFullError, StoreError, open_store, restore_latest_backup


def _fill(folder: Path) -> Path:
    """Write a file until the disk refuses with ENOSPC; return it (delete it to free the space)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def _practice(db_path: Path, takes: int) -> None:
    with open_store(db_path) as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi there")
        for _ in range(takes):
            store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                            report=report_dict())
            store.backup()


def _kept_aside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".damaged-" in p.name or ".replaced-" in p.name)


def test_a_full_disk_at_open_is_reported_as_full_with_what_to_free(tiny_disk: Path, monkeypatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tiny_disk / "voicecoach.db"
    _practice(db_path, 2)
    _fill(tiny_disk)
    with pytest.raises(DiskFullError) as caught:
        open_store(db_path)
    assert not isinstance(caught.value, CorruptDatabaseError)
    message = str(caught.value)
    assert "full" in message and "damaged" not in message and "backups" in message and "\n" not in message
    monkeypatch.setenv("VOICECOACH_HOME", str(tiny_disk))
    assert main(["history"]) == 2
    err = capsys.readouterr().err
    assert "full" in err and "restore-backup" not in err and "Traceback" not in err


def test_restore_on_a_full_disk_keeps_the_sound_database(tiny_disk: Path) -> None:
    db_path = tiny_disk / "voicecoach.db"
    _practice(db_path, 4)
    before = db_path.read_bytes()
    filler = _fill(tiny_disk)
    with pytest.raises(DiskFullError):
        restore_latest_backup(db_path)
    assert db_path.read_bytes() == before and _kept_aside(tiny_disk) == []
    filler.unlink()
    with pytest.raises(StoreError, match="not damaged"):
        restore_latest_backup(db_path)
    with open_store(db_path) as store:
        assert len(store.list_takes()) == 4


def test_a_restore_that_cannot_copy_leaves_the_damaged_file_in_place(tiny_disk: Path) -> None:
    db_path = tiny_disk / "voicecoach.db"
    _practice(db_path, 4)
    garbage = b"not a database at all " * 100
    db_path.write_bytes(garbage)
    filler = _fill(tiny_disk)
    with pytest.raises(DiskFullError):
        restore_latest_backup(db_path)
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in tiny_disk.iterdir() if p.name.startswith("voicecoach.db")) == ["voicecoach.db"]
    filler.unlink()
    restore_latest_backup(db_path)
    with open_store(db_path) as store:
        assert len(store.list_takes()) == 4
    assert len(_kept_aside(tiny_disk)) == 1
