"""The crash-safe WAV writer and the repair of takes a crash left unfinished."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.audio.recovery import (
    RecoveryError,
    find_unfinished_takes,
    recover_folder,
    recover_take,
    repair_take,
)
from voicecoach.audio.wav_writer import IncrementalWavWriter, final_path_for, part_path_for

RATE = 16000


def _noise(seconds: float, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(-8000, 8000, int(RATE * seconds), dtype=np.int16)


def test_names_of_unfinished_takes() -> None:
    assert part_path_for(Path("/t/take 1.wav")) == Path("/t/take 1.part.wav")
    assert final_path_for(Path("/t/take 1.part.wav")) == Path("/t/take 1.wav")


def test_finished_take_is_a_plain_wav_under_its_final_name(tmp_path: Path) -> None:
    audio = _noise(1.3)
    writer = IncrementalWavWriter(tmp_path / "take.wav", RATE)
    assert writer.part_path.exists()
    for block in np.array_split(audio, 13):
        writer.write(block.tobytes())
    assert writer.close() == tmp_path / "take.wav"
    assert not writer.part_path.exists()
    data, rate = soundfile.read(str(tmp_path / "take.wav"), dtype="int16")
    assert rate == RATE and np.array_equal(data, audio)


def _crashed_take(tmp_path: Path, seconds: float, torn_bytes: bytes = b"") -> tuple[Path, np.ndarray]:
    """The file as a killed process leaves it: blocks written, final header never written."""
    audio = _noise(seconds)
    writer = IncrementalWavWriter(tmp_path / "take.wav", RATE, header_every=0.5)
    for block in np.array_split(audio, int(seconds * 10)):
        writer.write(block.tobytes())
    crashed = tmp_path / "crashed.part.wav"
    shutil.copyfile(writer.part_path, crashed)
    writer.close()
    with crashed.open("ab") as f:
        f.write(torn_bytes)
    return crashed, audio


def test_header_is_kept_current_while_recording(tmp_path: Path) -> None:
    crashed, audio = _crashed_take(tmp_path, 1.25)
    (data_size,) = struct.unpack("<I", crashed.read_bytes()[40:44])
    # Rewritten every half second: at most half a second behind.
    assert len(audio) * 2 - RATE <= data_size <= len(audio) * 2


def test_repair_keeps_every_sample_and_drops_a_torn_one(tmp_path: Path) -> None:
    crashed, audio = _crashed_take(tmp_path, 2.05, torn_bytes=b"\x01")
    seconds = repair_take(crashed)
    assert seconds == pytest.approx(len(audio) / RATE)
    data, _ = soundfile.read(str(crashed), dtype="int16")
    assert np.array_equal(data, audio)


def test_recover_finds_repairs_and_renames(tmp_path: Path) -> None:
    crashed, _ = _crashed_take(tmp_path, 1.0)
    (tmp_path / "notes.txt").write_text("x")
    assert find_unfinished_takes(tmp_path) == [crashed]
    recovered = recover_take(crashed)
    assert recovered.path == tmp_path / "crashed.wav"
    assert recovered.seconds == pytest.approx(1.0)
    assert find_unfinished_takes(tmp_path) == []


def test_recovery_never_overwrites_a_finished_take(tmp_path: Path) -> None:
    crashed, _ = _crashed_take(tmp_path, 0.5)
    (tmp_path / "crashed.wav").write_bytes(b"keep me")
    recovered = recover_take(crashed)
    assert recovered.path == tmp_path / "crashed-recovered.wav"
    assert (tmp_path / "crashed.wav").read_bytes() == b"keep me"
    other, _ = _crashed_take(tmp_path, 0.5)
    assert recover_take(other, avoid=tmp_path / "crashed-recovered.wav").path != recovered.path


def test_a_file_that_is_not_a_take_is_refused_and_left_alone(tmp_path: Path) -> None:
    junk = tmp_path / "junk.part.wav"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(RecoveryError, match="not a WAV"):
        repair_take(junk)
    empty = tmp_path / "empty.part.wav"
    empty.write_bytes(b"")
    assert recover_folder(tmp_path) == []
    assert junk.read_bytes() == b"not audio at all"


def test_repair_of_a_header_with_extra_chunks(tmp_path: Path) -> None:
    audio = _noise(0.5)
    path = tmp_path / "foreign.part.wav"
    soundfile.write(str(path), audio, RATE, subtype="PCM_16", format="WAV")
    raw = path.read_bytes()
    # Insert a LIST chunk before "data" and zero the sizes, as an interrupted foreign writer would.
    data_at = raw.index(b"data")
    extra = b"LIST" + struct.pack("<I", 4) + b"INFO"
    broken = bytearray(raw[:data_at] + extra + raw[data_at:])
    broken[4:8] = b"\0\0\0\0"
    broken[data_at + len(extra) + 4 : data_at + len(extra) + 8] = b"\0\0\0\0"
    path.write_bytes(bytes(broken))
    assert repair_take(path) == pytest.approx(0.5)
    data, _ = soundfile.read(str(path), dtype="int16")
    assert np.array_equal(data, audio)


@settings(max_examples=40, deadline=None)
@given(seconds=st.floats(0.0, 1.5), cut=st.floats(0.0, 1.0))
def test_repair_after_a_crash_at_any_byte_keeps_every_whole_sample(
    tmp_path_factory: pytest.TempPathFactory, seconds: float, cut: float
) -> None:
    folder = tmp_path_factory.mktemp("cut")
    audio = _noise(seconds, seed=int(seconds * 1000))
    writer = IncrementalWavWriter(folder / "take.wav", RATE)
    for block in np.array_split(audio, max(1, int(seconds * 10))):
        writer.write(block.tobytes())
    raw = writer.part_path.read_bytes()
    writer.close()
    # The process died after `keep` bytes reached the disk (the header is always there first).
    keep = 44 + int(cut * (len(raw) - 44))
    crashed = folder / "crashed.part.wav"
    crashed.write_bytes(raw[:keep])
    seconds_kept = repair_take(crashed)
    samples = (keep - 44) // 2
    assert seconds_kept == pytest.approx(samples / RATE)
    data, _ = soundfile.read(str(crashed), dtype="int16")
    assert np.array_equal(data, audio[:samples])
