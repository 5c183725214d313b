"""`voicecoach export` / `import` / `restore-backup` from the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach import paths
from voicecoach.cli.main import main
from voicecoach.storage import open_store


@pytest.fixture
def session_id(tmp_path: Path) -> int:
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFFaudio")
    with open_store() as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi there")
        session = store.start_session(pid, goals="<b>slow down</b>")
        take = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                               report=report_dict(), audio_path=audio)
        store.add_note(take.id, "say the number twice", at_seconds=3, session_id=session.id)
        return session.id


def test_csv_json_and_html_exports(session_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", str(tmp_path / "t.csv")]) == 0
    assert capsys.readouterr().out.strip() == f"wrote 1 take to {tmp_path / 't.csv'}"
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[0].startswith("take_id,uuid,rep")
    assert main(["export", "-f", "json", "--profile", "ann", str(tmp_path / "t.json")]) == 0
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["takes"][0]["rep"] == "Ann Lee"
    assert main(["export", "-f", "html", "--session", str(session_id), str(tmp_path / "s.html")]) == 0
    assert "&lt;b&gt;slow down&lt;/b&gt;" in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_bundle_round_trip_into_another_home(session_id: int, tmp_path: Path, monkeypatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bundle = tmp_path / "ann.zip"
    assert main(["export", "--format", "bundle", str(bundle)]) == 0
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "coach"))
    capsys.readouterr()
    assert main(["import", str(bundle)]) == 0
    assert capsys.readouterr().out.startswith("imported Ann Lee: 1 profile, 1 script, 1 script version, 1 take")
    assert main(["import", str(bundle)]) == 0
    assert "nothing new added; 1 already present" in capsys.readouterr().out
    with open_store() as store:
        take = store.list_takes()[0]
        assert take.audio_path is not None and take.audio_path.read_bytes() == b"RIFFaudio"


def test_bad_input_is_one_line(session_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-f", "html", str(tmp_path / "s.html")]) == 2
    assert "needs --session" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.zip")]) == 2
    assert "bundle not found" in capsys.readouterr().err
    assert main(["export", "-f", "csv", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_restore_backup_after_damage(session_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as store:
        store.backup("test")
    db = paths.database_path()
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    db.write_bytes(os.urandom(4096))
    assert main(["history"]) == 2
    assert "restore-backup" in capsys.readouterr().err
    assert main(["restore-backup"]) == 0 and "run again with --yes" in capsys.readouterr().out
    assert main(["restore-backup", "--yes"]) == 0
    assert main(["history", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out.split("\n", 1)[1])) == 1


def test_restore_backup_of_a_sound_database_needs_force(session_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as store:
        store.backup("test")
        store.add_note(store.list_takes()[0].id, "written after the backup")
    before = paths.database_path().read_bytes()
    assert main(["restore-backup"]) == 0 and "needs --force" in capsys.readouterr().out
    assert main(["restore-backup", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "is not damaged" in err and "--force" in err and err.count("\n") == 1
    assert paths.database_path().read_bytes() == before
    assert main(["restore-backup", "--yes", "--force"]) == 0
    kept = [p for p in paths.data_dir().glob("voicecoach.db.replaced-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [before]
