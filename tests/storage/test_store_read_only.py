"""A read-only data folder is said to be read-only (and where), never mistaken for a damaged database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readonly import read_only
from tests.storage import damage
from voicecoach import paths
from voicecoach.cli.main import main
from voicecoach.storage import CorruptDatabaseError, StoreError, open_store, restore_latest_backup


def test_opening_a_database_in_a_read_only_folder_says_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    damage.build_database(folder / "voicecoach.db", takes=2)
    before = damage.snapshot(folder)
    with read_only(folder), pytest.raises(StoreError) as caught:
        open_store(folder / "voicecoach.db")
    assert not isinstance(caught.value, CorruptDatabaseError)
    message = str(caught.value)
    assert "read-only" in message and str(folder) in message and "damaged" not in message
    assert damage.snapshot(folder) == before


def test_a_new_database_in_a_read_only_folder_says_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder), pytest.raises(StoreError, match=f"the data folder {folder} is read-only"):
        open_store(folder / "voicecoach.db")


def test_restore_in_a_read_only_folder_is_a_clear_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    damage.build_database(folder / "voicecoach.db", takes=2)
    (folder / "voicecoach.db").write_bytes(b"garbage " * 500)
    with read_only(folder), pytest.raises(StoreError) as caught:
        restore_latest_backup(folder / "voicecoach.db")
    assert "Errno" not in str(caught.value) and f"{folder} is read-only" in str(caught.value)


def test_cli_history_in_a_read_only_home_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    home = paths.data_dir()
    damage.build_database(paths.database_path(), takes=2)
    with read_only(home):
        assert main(["history"]) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and str(home) in err and err.count("\n") == 1 and "damaged" not in err
