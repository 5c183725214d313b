"""Reading any audio file as 16 kHz mono int16 blocks, streamed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicecoach.asr.audio_files import AudioFileError, audio_info, read_pcm_blocks


def tone(path: Path, *, rate: int, seconds: float, channels: int = 1, freq: float = 440.0, fmt: str | None = None):
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.5 * np.sin(2 * np.pi * freq * t)
    data = np.stack([mono] * channels, axis=1) if channels > 1 else mono
    soundfile.write(str(path), data, rate, format=fmt)
    return path


def pcm(path: Path, **kw) -> np.ndarray:
    return np.frombuffer(b"".join(read_pcm_blocks(path, **kw)), dtype="<i2")


@pytest.mark.parametrize(("rate", "channels"), [(8000, 1), (16000, 1), (22050, 1), (44100, 2), (48000, 2)])
def test_any_rate_and_channels_become_16k_mono(tmp_path: Path, rate: int, channels: int) -> None:
    path = tone(tmp_path / "t.wav", rate=rate, seconds=1.0, channels=channels)
    samples = pcm(path)
    assert abs(len(samples) - 16000) <= 2
    # the tone survives: its loudness and its pitch (zero crossings per second) are kept
    rms = np.sqrt(np.mean((samples[800:-800] / 32767.0) ** 2))
    assert rms == pytest.approx(0.5 / np.sqrt(2), rel=0.03)
    crossings = np.count_nonzero(np.diff(np.signbit(samples[800:-800])))
    assert crossings == pytest.approx(2 * 440 * (len(samples) - 1600) / 16000, rel=0.02)


def test_stereo_is_downmixed_not_left_channel_only(tmp_path: Path) -> None:
    rate = 16000
    t = np.arange(rate) / rate
    left = 0.5 * np.sin(2 * np.pi * 300 * t)
    data = np.stack([left, np.zeros_like(left)], axis=1)
    path = tmp_path / "half.wav"
    soundfile.write(str(path), data, rate, subtype="PCM_16")
    samples = pcm(path)
    assert np.max(np.abs(samples)) == pytest.approx(0.25 * 32767, rel=0.01)


@pytest.mark.parametrize(("suffix", "fmt"), [(".flac", "FLAC"), (".ogg", "OGG"), (".aiff", "AIFF"), (".mp3", "MP3")])
def test_other_formats(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tone(tmp_path / f"t{suffix}", rate=44100, seconds=0.5, fmt=fmt)
    info = audio_info(path)
    assert (info.rate, info.channels) == (44100, 1)
    assert info.seconds == pytest.approx(0.5, abs=0.01)
    assert abs(len(pcm(path)) - 8000) <= 2


def test_blocks_have_the_requested_length(tmp_path: Path) -> None:
    path = tone(tmp_path / "t.wav", rate=16000, seconds=2.0)
    sizes = [len(b) for b in read_pcm_blocks(path, block_seconds=0.25)]
    assert sizes == [8000] * 8


def test_memory_stays_bounded_while_streaming(tmp_path: Path) -> None:
    path = tone(tmp_path / "long.wav", rate=48000, seconds=60.0, channels=2)  # 11.5 MB of audio
    tracemalloc.start()
    total = 0
    for block in read_pcm_blocks(path):
        total += len(block)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert abs(total - 60 * 16000 * 2) <= 8
    assert peak < 2_000_000


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
        (lambda p: (p.write_text("hello, not audio"), p)[1], "not a readable audio file"),
        (lambda p: (p.write_bytes(b""), p)[1], "not a readable audio file"),
    ],
)
def test_unreadable_input_gives_one_line(tmp_path: Path, make, expected: str) -> None:
    path = make(tmp_path / "take.wav")
    for call in (lambda: audio_info(path), lambda: list(read_pcm_blocks(path))):
        with pytest.raises(AudioFileError) as info:
            call()
        assert expected in str(info.value)
        assert "\n" not in str(info.value)
        assert isinstance(info.value, ValueError)


def test_truncated_wav_reads_what_is_there(tmp_path: Path) -> None:
    path = tone(tmp_path / "t.wav", rate=16000, seconds=1.0)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    samples = pcm(path)
    assert 0 < len(samples) <= 8000


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        list(read_pcm_blocks("x.wav", rate=0))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rate=st.sampled_from([8000, 11025, 16000, 22050, 32000, 44100, 48000, 96000]),
    channels=st.integers(1, 6),
    seconds=st.floats(0.01, 1.5),
    block_seconds=st.sampled_from([0.02, 0.1, 0.25, 1.0]),
)
def test_output_length_follows_duration_for_any_input(tmp_path: Path, rate, channels, seconds, block_seconds) -> None:
    path = tone(tmp_path / f"h-{rate}-{channels}.wav", rate=rate, seconds=seconds, channels=channels)
    frames = int(rate * seconds)
    samples = pcm(path, block_seconds=block_seconds)
    assert abs(len(samples) - frames * 16000 / rate) <= 2
