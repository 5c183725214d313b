"""`voicecoach record` and `voicecoach recover` as a rep runs them: real subprocesses, a real (virtual)
microphone, Ctrl-C, SIGKILL mid-take, and machines without any microphone."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio_server import VirtualMic
from voicecoach.audio.devices import NO_INPUT_DEVICE
from voicecoach.audio.wav_writer import IncrementalWavWriter
from voicecoach.cli.main import main
from voicecoach.cli.remedies import command_for
from voicecoach.core.remedy import Problem, Remedy

RATE = 16000

DEVICES_HINT = command_for(Remedy.CHECK_MICROPHONE, Problem())  # what the command line says to run


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_recording(mic: VirtualMic, out: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`voicecoach record OUT ...` in a subprocess; returns it and its stderr so far, once the microphone
    delivers audio."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicecoach", "record", str(out), *args],
        env=mic.subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as at a terminal, even when the test run itself was started as a background job (a shell
        # starts those with SIGINT ignored, and Python then keeps it ignored in every child).
        preexec_fn=_default_sigint,
    )
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen.append(line)
        if "press Ctrl-C" in line or not line:
            break
    assert "press Ctrl-C" in seen[-1], "".join(seen) + (proc.stdout.read() if proc.stdout else "")
    return proc, "".join(seen)


def _speech_in(path: Path, played: Path) -> float:
    """Correlation between the played speech and the best-aligned stretch of the recording."""
    rec, _ = soundfile.read(str(path), dtype="int16")
    ref, _ = soundfile.read(str(played), dtype="int16")
    size = 1 << int(np.ceil(np.log2(len(rec) + len(ref))))
    corr = np.fft.irfft(np.fft.rfft(rec.astype(float), size) * np.conj(np.fft.rfft(ref.astype(float), size)), size)
    offset = int(np.argmax(corr[: max(1, len(rec) - len(ref) + 1)]))
    seg = rec[offset : offset + len(ref)].astype(float)
    return float(np.corrcoef(seg, ref[: len(seg)].astype(float))[0, 1])


@pytest.mark.audio
@pytest.mark.model
@pytest.mark.slow
def test_record_shows_a_live_transcript_and_stops_after_n_seconds(
    virtual_mic: VirtualMic, ko_model_path: Path, ko_speech_wav, tmp_path: Path
) -> None:
    out = tmp_path / "take.wav"
    seconds = ko_speech_wav.seconds + 1.5
    proc, _ = _start_recording(
        virtual_mic,
        out,
        "--seconds",
        f"{seconds:.2f}",
        "--model",
        str(ko_model_path),
        "--grammar",
        *ko_speech_wav.grammar,
    )
    virtual_mic.play(ko_speech_wav.path)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr
    assert soundfile.info(str(out)).duration == pytest.approx(seconds, abs=0.02)
    assert _speech_in(out, ko_speech_wav.path) > 0.999
    heard = stdout.split()
    assert sum(w in heard for w in ko_speech_wav.words) >= len(ko_speech_wav.words) - 1, stdout
    assert "… " in stderr, "no live partial transcript"
    assert f"saved {out}" in stderr and "limit" in stderr


@pytest.mark.audio
@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_keeps_the_file(virtual_mic: VirtualMic, ko_speech_wav, tmp_path: Path) -> None:
    out = tmp_path / "take.wav"
    proc, before = _start_recording(virtual_mic, out, "--model", str(tmp_path / "no-model-here"))
    virtual_mic.play(ko_speech_wav.path)
    time.sleep(0.5)  # what was played is still on its way through the sound server
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "recording without a transcript" in before
    assert out.exists() and not (tmp_path / "take.part.wav").exists()
    assert _speech_in(out, ko_speech_wav.path) > 0.999, (before, stderr, soundfile.info(str(out)).duration)
    assert stdout == ""


@pytest.mark.audio
@pytest.mark.model
@pytest.mark.slow
def test_sigkill_mid_take_leaves_a_take_that_recovery_repairs_and_that_decodes(
    virtual_mic: VirtualMic, ko_model, ko_speech_wav, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from voicecoach.asr.recognizer import StreamingRecognizer

    out = tmp_path / "take.wav"
    part = tmp_path / "take.part.wav"
    proc, _ = _start_recording(virtual_mic, out, "--no-model")
    virtual_mic.play(ko_speech_wav.path)
    time.sleep(0.8)  # let the last of it reach the file (the header lags by up to half a second)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert part.exists() and not out.exists()

    assert main(["recover", str(tmp_path)]) == 0
    assert f"recovered {out}" in capsys.readouterr().err
    assert not part.exists()
    info = soundfile.info(str(out))
    assert info.samplerate == RATE and info.duration >= ko_speech_wav.seconds
    assert _speech_in(out, ko_speech_wav.path) > 0.999
    recognizer = StreamingRecognizer(ko_model, sample_rate=RATE, grammar=ko_speech_wav.grammar)
    data, _ = soundfile.read(str(out), dtype="int16")
    for start in range(0, len(data), 4000):
        recognizer.feed(data[start : start + 4000].tobytes())
    heard = [w.word for w in recognizer.finish().words]
    assert sum(w in heard for w in ko_speech_wav.words) >= len(ko_speech_wav.words) - 1, heard


def test_no_microphone_is_one_clear_line(
    no_audio_server: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["record", str(tmp_path / "take.wav"), "--no-model"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == f"voicecoach: {NO_INPUT_DEVICE}; fix: {DEVICES_HINT}."
    assert "Traceback" not in err
    assert not (tmp_path / "take.wav").exists()


def test_no_microphone_in_a_fresh_process_has_no_traceback(no_audio_server: dict[str, str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "voicecoach", "record", str(tmp_path / "t.wav"), "--no-model"],
        env=no_audio_server,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"voicecoach: {NO_INPUT_DEVICE}; fix: {DEVICES_HINT}."
    assert "Traceback" not in proc.stderr


def _crashed_take(folder: Path, name: str, seconds: float = 0.5) -> Path:
    writer = IncrementalWavWriter(folder / name, RATE)
    writer.write(np.full(int(RATE * seconds), 1000, dtype=np.int16).tobytes())
    crashed = folder / f"crash-{name}"
    shutil.copyfile(writer.part_path, crashed)
    writer.close()
    os.replace(crashed, writer.part_path)
    (folder / name).unlink()
    return writer.part_path


def test_record_offers_recovery_and_never_overwrites_an_unfinished_take(
    no_audio_server: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _crashed_take(tmp_path, "monday.wav")
    own = _crashed_take(tmp_path, "take.wav")
    # Not interactive and no --recover: the other take is only pointed out, but the take about to be
    # recorded over is always rescued first.
    main(["record", str(tmp_path / "take.wav"), "--no-model"])
    err = capsys.readouterr().err
    assert "voicecoach recover" in err and other.exists()
    assert not own.exists()
    assert soundfile.info(str(tmp_path / "take-recovered.wav")).duration == pytest.approx(0.5)
    main(["record", str(tmp_path / "take.wav"), "--no-model", "--recover"])
    assert "recovered" in capsys.readouterr().err
    assert not other.exists() and (tmp_path / "monday.wav").exists()


def test_recover_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recover", str(tmp_path)]) == 0
    assert "no unfinished takes" in capsys.readouterr().err
    (tmp_path / "bad.part.wav").write_bytes(b"junk")
    _crashed_take(tmp_path, "ok.wav", seconds=1.0)
    assert main(["recover", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "recovered" in err and "(1.0 s)" in err and "could not recover bad.part.wav" in err
    assert main(["recover", str(tmp_path / "missing")]) == 2


def test_record_refuses_a_name_that_is_not_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["record", str(tmp_path / "take.mp3")]) == 2
    assert "ending in .wav" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["record", str(tmp_path / "take.wav"), "--seconds", "-1"])


def test_recover_defaults_to_the_apps_take_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from voicecoach import paths

    assert main(["recover"]) == 0
    assert "no unfinished takes" in capsys.readouterr().err
    recordings = paths.data_dir() / "recordings"
    recordings.mkdir(parents=True)
    _crashed_take(recordings, "take-1.wav", seconds=0.25)
    assert main(["recover"]) == 0
    assert f"recovered {recordings / 'take-1.wav'} (0.2 s)" in capsys.readouterr().err
