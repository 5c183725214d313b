"""`voicecoach analyze AUDIO`: transcribe with the real model, then analyse, in one command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach import paths
from voicecoach.cli.main import main


@pytest.mark.model
@pytest.mark.slow
def test_analyze_audio_file_with_the_real_model(ko_model, ko_model_path: Path, ko_speech_wav, capsys) -> None:
    code = main(["analyze", str(ko_speech_wav.path), "--model", str(ko_model_path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert report["words"] >= 3
    assert 0 < report["speech_seconds"] <= ko_speech_wav.seconds + 0.05
    codes = {f["code"] for f in report["flags"]}
    assert "missing_contact_info" in codes  # a Korean greeting leaves no callback number
    m = report["metrics"]  # the sound was measured from the same file
    assert m["audio_analysed"] is True and m["audio_note"] is None
    assert m["pitch_range_semitones"] is not None and m["speech_level_dbfs"] is not None
    assert isinstance(m["filled_pauses"], list)


def test_analyze_transcript_alone_says_the_sound_checks_need_audio(tmp_path: Path, capsys) -> None:
    data = Path(__file__).parents[1] / "data" / "takes" / "clean.json"
    assert main(["analyze", "--transcript", str(data)]) == 0
    out = capsys.readouterr().out
    assert "were not checked: they need the recording" in out
    assert main(["analyze", "--transcript", str(data), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)["metrics"]
    assert m["audio_analysed"] is False and m["filled_pauses"] is None and "need the recording" in m["audio_note"]


def test_analyze_audio_without_a_model_is_one_line_exit_2(ko_speech_wav, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(paths, "bundled_model_dir", lambda: tmp_path / "no-bundle")
    assert main(["analyze", str(ko_speech_wav.path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No speech model found" in err and "voicecoach model download" in err


def test_analyze_audio_with_a_broken_model_folder(ko_speech_wav, tmp_path: Path, capsys) -> None:
    (tmp_path / "am").mkdir()
    (tmp_path / "am/final.mdl").write_bytes(b"")
    assert main(["analyze", str(ko_speech_wav.path), "--model", str(tmp_path)]) == 2
    assert "am/final.mdl is empty" in capsys.readouterr().err


def test_analyze_unreadable_audio_is_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "take.wav"
    bad.write_text("not audio")
    assert main(["analyze", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "take.wav" in err
