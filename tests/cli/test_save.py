"""`voicecoach analyze --transcript ... --save` stores takes that history and progress then show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.cli.main import main
from voicecoach.core.profile import load_profile
from voicecoach.core.transcript import Transcript
from voicecoach.storage import open_store
from voicecoach.storage.save import UNNAMED, save_analyzed_take

DATA = Path(__file__).resolve().parents[1] / "data"
SCRIPT = DATA / "scripts" / "expired-listing.txt"
PROFILE = DATA / "profile.json"


def _analyze(capsys: pytest.CaptureFixture[str], take: str, *extra: str) -> dict:
    code = main(["analyze", "--transcript", str(DATA / "takes" / f"{take}.json"), *extra, "--save", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_saved_takes_count_as_attempts_at_the_same_script(capsys: pytest.CaptureFixture[str]) -> None:
    first = _analyze(capsys, "clean", "--script", str(SCRIPT), "--profile", str(PROFILE))
    second = _analyze(capsys, "missing_number", "--script", str(SCRIPT), "--profile", str(PROFILE))
    with open_store() as store:
        takes = {t.id: t for t in store.list_takes()}
        assert set(takes) == {first["saved_take_id"], second["saved_take_id"]}
        a, b = takes[first["saved_take_id"]], takes[second["saved_take_id"]]
        assert (a.attempt, b.attempt) == (1, 2) and a.script_version_id == b.script_version_id
        assert a.score == first["score"] and b.flag_codes == tuple(f["code"] for f in second["flags"])
        assert [p.profile for p in store.list_profiles()] == [load_profile(PROFILE)]
        assert store.get_take(b.id).transcript == Transcript.from_json(
            (DATA / "takes" / "missing_number.json").read_text(encoding="utf-8"))
    assert main(["history", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [row["attempt"] for row in history] == [2, 1]
    assert main(["history"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert "take" in header and "try" not in header  # "attempt" is a cadence's voicemail; these are takes


def test_without_profile_or_script_the_take_goes_to_an_unnamed_rep(capsys: pytest.CaptureFixture[str]) -> None:
    _analyze(capsys, "clean")
    _analyze(capsys, "overrun")
    with open_store() as store:
        assert [p.profile for p in store.list_profiles()] == [UNNAMED]
        assert sorted(t.attempt for t in store.list_takes()) == [1, 2]


def test_save_copies_audio_in(tmp_path: Path) -> None:
    audio = tmp_path / "take.wav"
    audio.write_bytes(b"RIFF0000WAVE")
    transcript = Transcript.from_json((DATA / "takes" / "clean.json").read_text(encoding="utf-8"))
    record = save_analyzed_take(profile=None, script_text="Hi there", script_title=None, transcript=transcript,
                                report={"score": 50, "flags": []}, audio_path=audio)
    assert record.audio_path is not None and record.audio_path.read_bytes() == audio.read_bytes()
    assert record.audio_path.name == f"{record.uuid}.wav"


def test_save_into_a_damaged_database_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from voicecoach import paths

    paths.database_path().parent.mkdir(parents=True, exist_ok=True)
    paths.database_path().write_bytes(b"garbage" * 50)
    code = main(["analyze", "--transcript", str(DATA / "takes" / "clean.json"), "--save"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "damaged" in err and "Traceback" not in err
    assert paths.database_path().read_bytes() == b"garbage" * 50


@pytest.mark.model
def test_analyze_audio_with_save_keeps_the_audio(ko_speech_wav, ko_model_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The real path: transcribe a WAV with the Vosk model, analyse, save, and find the audio in takes/."""
    from voicecoach import paths
    from voicecoach.storage.audio_copy import sha256_of

    code = main(["analyze", str(ko_speech_wav.path), "--model", str(ko_model_path), "--save", "--json"])
    assert code == 0
    saved_id = json.loads(capsys.readouterr().out)["saved_take_id"]
    with open_store() as store:
        take = store.get_take(saved_id)
    assert take.audio_path is not None and take.audio_path.parent == paths.takes_dir()
    assert take.audio_sha256 == sha256_of(ko_speech_wav.path) == sha256_of(take.audio_path)
    assert take.transcript.results  # Vosk's own result list is what was stored


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_save_on_a_console_that_cannot_show_every_character_succeeds_once(tmp_path: Path, encoding: str) -> None:
    """The report has curly quotes and dashes; a console that cannot show them gets "?" instead of an error
    after the take was saved (which made a retry save it twice)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding, "VOICECOACH_HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "voicecoach", "analyze", "--transcript",
                           str(DATA / "takes" / "overrun.json"), "--profile", str(DATA / "profile.json"), "--save"],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert b"codec" not in done.stderr and b"saved" in done.stdout.lower()
    with open_store(tmp_path / "home" / "voicecoach.db") as store:
        assert len(store.list_takes()) == 1
