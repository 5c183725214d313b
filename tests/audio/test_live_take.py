"""A take still being recorded (in another process) is never taken over by recovery or by a second recorder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile

from voicecoach.audio.recovery import (
    TakeStillRecordingError,
    find_live_takes,
    find_unfinished_takes,
    recover_folder,
    recover_take,
)
from voicecoach.audio.wav_writer import IncrementalWavWriter, TakeInUseError, is_being_recorded
from voicecoach.cli.main import main

# A recorder in its own process: writes half a second, says so, and keeps recording until stdin closes.
RECORDER = """
import sys
from voicecoach.audio.wav_writer import IncrementalWavWriter
w = IncrementalWavWriter(sys.argv[1], 16000, header_every=0.1)
w.write(b"\\x01\\x00" * 8000)
print("recording", flush=True)
sys.stdin.read()
w.write(b"\\x02\\x00" * 8000)
print(w.close(), flush=True)
"""


@pytest.fixture
def live_take(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    final = tmp_path / "take-1.wav"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", RECORDER, str(final)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "recording"
    yield proc, final
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _finish(proc: subprocess.Popen[str]) -> str:
    out, _ = proc.communicate("", timeout=30)
    assert proc.returncode == 0
    return out.strip()


def test_recovery_leaves_a_live_take_alone_and_the_recorder_finishes_it(
    live_take: tuple[subprocess.Popen[str], Path],
) -> None:
    proc, final = live_take
    part = final.with_name("take-1.part.wav")
    before = part.read_bytes()
    assert is_being_recorded(part)
    assert find_unfinished_takes(final.parent) == [] and find_live_takes(final.parent) == [part]
    assert recover_folder(final.parent) == []  # what the app's start-up recovery runs
    with pytest.raises(TakeStillRecordingError, match="still being recorded"):
        recover_take(part)
    assert part.read_bytes() == before
    assert _finish(proc) == str(final)
    assert soundfile.info(str(final)).duration == pytest.approx(1.0)


def test_recover_command_says_a_live_take_was_left_alone(live_take: tuple[subprocess.Popen[str], Path],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    proc, final = live_take
    assert main(["recover", str(final.parent)]) == 0
    err = capsys.readouterr().err
    assert "being recorded right now" in err and "recovered" not in err
    assert _finish(proc) == str(final)


def test_a_second_recorder_on_the_same_name_is_refused(live_take: tuple[subprocess.Popen[str], Path]) -> None:
    proc, final = live_take
    part = final.with_name("take-1.part.wav")
    before = part.read_bytes()
    with pytest.raises(TakeInUseError, match="being recorded by another"):
        IncrementalWavWriter(final, 16000)
    assert part.read_bytes() == before  # not truncated
    assert _finish(proc) == str(final)


def test_a_killed_recorder_leaves_a_take_that_is_recovered_at_once(
    live_take: tuple[subprocess.Popen[str], Path],
) -> None:
    proc, final = live_take
    proc.kill()  # SIGKILL: the operating system drops the lock with the process
    proc.wait()
    (taken,) = recover_folder(final.parent)
    assert taken.path == final and taken.seconds == pytest.approx(0.5)


def test_record_refuses_to_overwrite_an_existing_take(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "take.wav"
    out.write_bytes(b"an earlier take")
    assert main(["record", str(out), "--no-model"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--overwrite" in err
    assert out.read_bytes() == b"an earlier take"


def test_a_file_system_without_locks_still_recovers_crashed_takes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from voicecoach.audio import wav_writer

    writer = IncrementalWavWriter(tmp_path / "t.wav", 16000)
    writer.write(b"\x01\x00" * 1600)
    part = writer.close(keep_part_name=True)

    def no_locks(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(wav_writer.fcntl, "flock", no_locks)
    assert not is_being_recorded(part)
    (taken,) = recover_folder(tmp_path)
    assert taken.path == tmp_path / "t.wav"
