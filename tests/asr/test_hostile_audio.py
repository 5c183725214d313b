"""Audio files built to hurt: each is read or refused in plain words, never hangs, never passes as silence."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach.asr.audio_files import AudioFileError, audio_info, read_pcm_blocks


def _tone(seconds: float = 1.0, rate: int = 16000) -> np.ndarray:
    return (0.3 * np.sin(np.arange(int(seconds * rate)) / 10)).astype("float32")


@pytest.mark.parametrize("rate", [16000, 8000])
def test_float_wav_with_nan_is_invalid_not_silent(tmp_path: Path, rate: int) -> None:
    samples = _tone(1.0, rate)
    samples[100:200] = np.nan
    path = tmp_path / "nan.wav"
    sf.write(path, samples, rate, subtype="FLOAT")
    with pytest.raises(AudioFileError, match="the audio is invalid") as info:
        list(read_pcm_blocks(path))
    assert "NaN" in str(info.value)


def test_a_float_wav_that_is_fine_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.wav"
    sf.write(path, _tone(), 16000, subtype="FLOAT")
    pcm = b"".join(read_pcm_blocks(path))
    assert len(pcm) == 32000 and np.abs(np.frombuffer(pcm, "<i2")).max() > 9000


def test_gsm_wav_is_read_although_it_cannot_seek(tmp_path: Path) -> None:
    path = tmp_path / "gsm.wav"
    sf.write(path, _tone(2.0, 8000), 8000, format="WAV", subtype="GSM610")
    pcm = b"".join(read_pcm_blocks(path))
    assert abs(len(pcm) - 64000) <= 2 * 320  # 2 s at 16 kHz, give or take a GSM frame


def test_rate_zero_is_described_in_plain_words(tmp_path: Path) -> None:
    good = tmp_path / "ok.wav"
    sf.write(good, _tone(), 16000, subtype="PCM_16")
    raw = bytearray(good.read_bytes())
    raw[24:28] = struct.pack("<I", 0)
    bad = tmp_path / "rate0.wav"
    bad.write_bytes(bytes(raw))
    with pytest.raises(AudioFileError) as info:
        audio_info(bad)
    assert "no sample rate" in str(info.value) and "SF_INFO" not in str(info.value)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "take.wav"
    os.mkfifo(fifo)
    code = ("import sys\nfrom voicecoach.asr.audio_files import AudioFileError, audio_info\n"
            f"try:\n    audio_info({str(fifo)!r})\nexcept AudioFileError as e:\n    print(e)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("opening a FIFO as audio blocked")
    assert "not a regular file" in done.stdout, done.stderr
