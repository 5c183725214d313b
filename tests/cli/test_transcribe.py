"""`voicecoach transcribe` on the real Korean model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.cli.main import main
from voicecoach.core.transcript import Transcript


@pytest.mark.model
def test_prints_the_text(ko_model, ko_model_path: Path, ko_speech_wav, capsys) -> None:
    args = ["transcribe", str(ko_speech_wav.path), "--model", str(ko_model_path), "--grammar", *ko_speech_wav.grammar]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == ko_speech_wav.text


@pytest.mark.model
def test_json_is_the_vosk_result_list(ko_model, ko_model_path: Path, ko_speech_wav, capsys, monkeypatch) -> None:
    monkeypatch.setenv("VOICECOACH_MODEL", str(ko_model_path))
    code = main(["transcribe", str(ko_speech_wav.path), "--json", "--grammar", *ko_speech_wav.grammar])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list) and data[-1]["text"] == ko_speech_wav.text
    assert Transcript.from_vosk(data).tokens == list(ko_speech_wav.words)


def test_unreadable_audio_is_exit_2_with_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not audio")
    assert main(["transcribe", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a readable audio file" in err


def test_missing_audio_is_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["transcribe", str(tmp_path / "nope.wav")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_no_model_is_exit_2_saying_what_to_do(ko_speech_wav, tmp_path: Path, capsys, monkeypatch) -> None:
    from voicecoach import paths

    monkeypatch.setattr(paths, "bundled_model_dir", lambda: tmp_path / "no-bundle")
    assert main(["transcribe", str(ko_speech_wav.path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "No speech model found" in err and "voicecoach model download" in err


def test_empty_model_folder_is_exit_2(ko_speech_wav, tmp_path: Path, capsys) -> None:
    assert main(["transcribe", str(ko_speech_wav.path), "--model", str(tmp_path)]) == 2
    assert "holds no Vosk model" in capsys.readouterr().err


@pytest.mark.model
def test_narrowband_audio_gets_a_note(ko_model, ko_model_path: Path, tmp_path: Path, capsys) -> None:
    from tests.speech import SENTENCE, synthesize

    narrow = synthesize(SENTENCE, tmp_path / "phone.wav", rate=8000)
    assert main(["transcribe", str(narrow), "--model", str(ko_model_path), "--grammar", "안녕하세요", "오늘"]) == 0
    out, err = capsys.readouterr()
    assert "8000 Hz audio" in err and "missed words" in err
    assert out.split()[0] == "안녕하세요"
