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
