"""A disk that fills up during a take: the audio so far is kept as a playable take, with a clear message."""

from __future__ import annotations

import errno
import os
import subprocess
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from tests.fakes import FakeSoundDevice
from voicecoach.audio import wav_writer
from voicecoach.audio.capture import Recorder

RATE = 16000


def _noise(seconds: float) -> np.ndarray:
    return np.random.default_rng(3).integers(-6000, 6000, int(RATE * seconds), dtype=np.int16)


def _disk_with_room_for(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """The writer's os module, with a disk that takes ``room`` bytes of appends and then reports it is full
    (a write that crosses the limit lands partly, as a real one does)."""
    real = os
    used = {"n": 0}

    def write(fd: int, data: Any) -> int:
        left = room - used["n"]
        if left <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real.write(fd, bytes(data[:left]))
        used["n"] += n
        return n

    fake = types.SimpleNamespace(**{name: getattr(real, name) for name in dir(real) if not name.startswith("__")})
    fake.write = write
    monkeypatch.setattr(wav_writer, "os", fake)


def test_a_disk_filling_mid_block_keeps_every_whole_sample_that_landed(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    audio = _noise(3.0)
    _disk_with_room_for(monkeypatch, wav_writer.HEADER_BYTES + 32_003)  # one second and a half sample
    rec = Recorder(tmp_path / "take.wav", sounddevice=FakeSoundDevice(audio, speed=4.0))
    rec.start()
    assert rec.wait_finished(10)
    result = rec.stop()
    assert result.stopped_by == "device_error"
    assert "No space left on device" in (result.error or "") and "kept" in (result.error or "")
    kept, rate = soundfile.read(str(result.path), dtype="int16")
    assert rate == RATE and np.array_equal(kept, audio[:16_001])
    assert result.seconds == pytest.approx(16_001 / RATE)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KB file system (tmpfs); needs the right to mount, so it is skipped without it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_keeps_the_audio_so_far(tiny_disk: Path) -> None:
    audio = _noise(4.0)
    rec = Recorder(tiny_disk / "take.wav", sounddevice=FakeSoundDevice(audio, speed=4.0))
    rec.start()
    assert rec.wait_finished(10)
    result = rec.stop()
    assert "No space left on device" in (result.error or "")
    kept, _ = soundfile.read(str(result.path), dtype="int16")
    assert 16_000 < len(kept) < len(audio) and np.array_equal(kept, audio[: len(kept)])
