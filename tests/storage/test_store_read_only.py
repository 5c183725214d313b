"""A read-only data folder is said to be read-only (and where), never mistaken for a damaged database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.readonly import read_only
from tests.storage import damage
from voicecoach import paths
from voicecoach.cli.main import main
from voicecoach.core.profile import Profile
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


def test_cli_browses_a_read_only_home_and_refuses_to_save_there(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    home = paths.data_dir()
    damage.build_database(paths.database_path(), takes=2)
    before = damage.snapshot(home)
    data = Path(__file__).resolve().parents[1] / "data"
    with read_only(home):
        assert main(["history", "--json"]) == 0
        captured = capsys.readouterr()
        assert len(json.loads(captured.out)) == 2
        assert f"{home} is read-only" in captured.err and captured.err.count("\n") == 1
        assert main(["progress"]) == 0 and main(["export", "--format", "csv", str(tmp_path / "t.csv")]) == 0
        capsys.readouterr()
        assert main(["analyze", "--transcript", str(data / "takes" / "clean.json"), "--save"]) == 2
        err = capsys.readouterr().err
        assert f"the data folder {home} is read-only" in err and err.count("\n") == 1 and "damaged" not in err
    assert damage.snapshot(home) == before and (tmp_path / "t.csv").stat().st_size > 0


def test_a_store_opened_read_only_reads_and_never_writes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    damage.build_database(folder / "voicecoach.db", takes=3)
    with read_only(folder), open_store(folder / "voicecoach.db", read_only=True) as store:
        assert len(store.list_takes()) == 3 and store.progress(store.list_profiles()[0].id).takes == 3
        with pytest.raises(StoreError, match="read-only"):
            store.add_profile(Profile(name="New Rep", company="Co", phone="555 0123"))


def test_damage_in_a_read_only_folder_is_still_called_damage(capsys: pytest.CaptureFixture[str]) -> None:
    damage.build_database(paths.database_path(), takes=2)
    damage.middle_page(paths.database_path())
    with read_only(paths.data_dir()):
        assert main(["history"]) == 2
    err = capsys.readouterr().err  # the full check on open stops at the wrecked page ("malformed")
    assert "is damaged (" in err and ("integrity check" in err or "malformed" in err) and "read-only" not in err
