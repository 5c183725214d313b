"""The real capture path: PortAudio -> ALSA -> PulseAudio virtual microphone, fed by paplay.

What is played into the virtual microphone is exactly what a rep's microphone would deliver, so these
tests check the recorder end to end: sample-exact files, real recognition, and real device faults.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio_server import VirtualMic
from tests.speech import concatenate
from voicecoach.audio.capture import DEVICE_LOST, Recorder
from voicecoach.audio.devices import NO_INPUT_DEVICE, AudioUnavailableError, list_input_devices
from voicecoach.audio.levels import NOT_HEARD, level_of
from voicecoach.audio.mic_check import check_microphone

pytestmark = [pytest.mark.audio, pytest.mark.slow]
RATE = 16000


@pytest.fixture(scope="module")
def long_speech(ko_speech_wav, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About ten seconds of speech: long enough to pull the microphone away in the middle."""
    parts = [ko_speech_wav.path] * max(2, int(np.ceil(10 / ko_speech_wav.seconds)))
    return concatenate(parts, tmp_path_factory.mktemp("long") / "long.wav")


def _read(path: Path) -> np.ndarray:
    data, rate = soundfile.read(str(path), dtype="int16")
    assert rate == RATE
    return data


def _align(recorded: np.ndarray, played: np.ndarray) -> int:
    """Offset of `played` inside `recorded`: the peak of their cross-correlation (computed by FFT)."""
    probe = played[:RATE].astype(np.float64)
    size = 1 << int(np.ceil(np.log2(len(recorded) + len(probe))))
    corr = np.fft.irfft(np.fft.rfft(recorded.astype(np.float64), size) * np.conj(np.fft.rfft(probe, size)), size)
    return int(np.argmax(corr[: max(1, len(recorded) - len(probe) + 1)]))


def _record_while_playing(mic: VirtualMic, wav: Path, out: Path, **kwargs) -> tuple[Recorder, object]:
    started = threading.Event()
    rec = Recorder(out, on_started=started.set, **kwargs)
    rec.start()
    assert started.wait(10), "the microphone never delivered a block"
    mic.play(wav)
    time.sleep(0.6)  # the end of what was played is still on its way through the sound server
    return rec, rec.stop()


def test_recording_matches_what_was_played(virtual_mic: VirtualMic, ko_speech_wav, tmp_path: Path) -> None:
    played = _read(ko_speech_wav.path)
    rec, result = _record_while_playing(virtual_mic, ko_speech_wav.path, tmp_path / "take.wav")
    assert result.error is None and result.stopped_by == "user"
    recorded = _read(result.path)
    offset = _align(recorded, played)
    segment = recorded[offset : offset + len(played)]
    assert len(segment) == len(played), "the end of what was played is missing"
    assert np.corrcoef(segment.astype(float), played.astype(float))[0, 1] > 0.999
    assert level_of(segment.tobytes()).rms_dbfs == pytest.approx(level_of(played.tobytes()).rms_dbfs, abs=0.5)
    assert result.seconds == pytest.approx(len(recorded) / RATE)
    assert rec.timing.first_block_after is not None and rec.timing.first_block_after < 5


@pytest.mark.model
def test_recording_feeds_the_real_recogniser(virtual_mic: VirtualMic, ko_model, ko_speech_wav, tmp_path: Path) -> None:
    from voicecoach.asr.recognizer import StreamingRecognizer

    recognizer = StreamingRecognizer(ko_model, sample_rate=RATE, grammar=ko_speech_wav.grammar)
    partials: list[str] = []
    _, result = _record_while_playing(
        virtual_mic, ko_speech_wav.path, tmp_path / "take.wav", recognizer=recognizer, on_partial=partials.append
    )
    assert result.transcript is not None
    heard = [w.word for w in result.transcript.words]
    assert sum(w in heard for w in ko_speech_wav.words) >= len(ko_speech_wav.words) - 1, heard
    assert partials, "no live partial transcript while recording"


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["unload_source", "stop_server"])
def test_microphone_disappearing_mid_take_keeps_the_audio(
    virtual_mic: VirtualMic, long_speech: Path, tmp_path: Path, fault: str
) -> None:
    errors: list[str] = []
    rec = Recorder(tmp_path / "take.wav", on_error=errors.append)
    rec.start()
    assert rec.wait_started(10)
    player = virtual_mic.play(long_speech, wait=False)
    time.sleep(2.0)
    getattr(virtual_mic, fault)()
    assert rec.wait_finished(10), "the take did not end when the microphone went away"
    result = rec.stop()
    player.kill()
    player.wait()
    assert result.stopped_by == "device_error"
    assert result.error in (DEVICE_LOST,) or "stopped sending sound" in (result.error or "")
    assert errors == [result.error]
    assert result.path == tmp_path / "take.wav" and result.seconds >= 1.5
    recorded = _read(result.path)
    played = _read(long_speech)
    offset = _align(recorded, played)
    kept = recorded[offset:]
    assert len(kept) >= RATE, "less than a second of the speech was kept"
    assert np.corrcoef(kept.astype(float), played[: len(kept)].astype(float))[0, 1] > 0.99


def test_pre_take_check_hears_silence_and_speech(virtual_mic: VirtualMic, long_speech: Path) -> None:
    _, message = check_microphone(1.0)
    assert message == NOT_HEARD
    player = virtual_mic.play(long_speech, wait=False)
    try:
        time.sleep(0.5)
        levels, message = check_microphone(1.0)
    finally:
        player.kill()
        player.wait()
    assert message is None, [lv.peak_dbfs for lv in levels]


def test_no_audio_server_gives_the_clear_message(no_audio_server: dict[str, str], tmp_path: Path) -> None:
    assert list_input_devices() == []
    with pytest.raises(AudioUnavailableError) as info:
        Recorder(tmp_path / "take.wav").start()
    assert str(info.value) == NO_INPUT_DEVICE
    assert not (tmp_path / "take.wav").exists() and not (tmp_path / "take.part.wav").exists()


class _CountingRecorder(Recorder):
    """Counts the frames PortAudio has handed to the callback (and the callback has returned from)."""

    delivered = 0

    def _audio_callback(self, indata, frames, time_info, status) -> None:
        super()._audio_callback(indata, frames, time_info, status)
        self.delivered += frames


def test_stop_keeps_every_sample_delivered_and_closes_the_stream_aside(
    virtual_mic: VirtualMic, ko_speech_wav, tmp_path: Path
) -> None:
    played = _read(ko_speech_wav.path)
    started, finished = threading.Event(), threading.Event()
    rec = _CountingRecorder(tmp_path / "take.wav", on_started=started.set, on_finished=lambda _r: finished.set())
    rec.start()
    assert started.wait(10), "the microphone never delivered a block"
    virtual_mic.play(ko_speech_wav.path)
    time.sleep(0.6)  # the end of what was played is still on its way through the sound server
    before = rec.delivered
    rec.request_stop()
    after = rec.delivered
    assert finished.wait(5)
    result = rec.stop()
    assert rec.stream_closed
    recorded = _read(result.path)
    assert before <= len(recorded) <= after + int(RATE * rec.block_seconds)
    offset = _align(recorded, played)
    segment = recorded[offset : offset + len(played)]
    assert len(segment) == len(played), "the end of what was played is missing"
    assert np.corrcoef(segment.astype(float), played.astype(float))[0, 1] > 0.999
