"""The Recorder's queue/writer/recogniser logic, driven by FakeSoundDevice at the adapter boundary."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.fakes import FakeSoundDevice
from voicecoach.audio.capture import DEVICE_LOST, DROPPED, NEVER_STARTED, Recorder, TakeResult
from voicecoach.audio.devices import NO_INPUT_DEVICE, AudioUnavailableError
from voicecoach.audio.levels import NOT_HEARD, Level
from voicecoach.core.transcript import Transcript, Word

RATE = 16000


class CollectingRecognizer:
    """Records what it is fed (and on which thread); a partial every 5 blocks."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.fed: list[bytes] = []
        self.threads: set[str] = set()
        self.fail_after = fail_after
        self.finished = False

    def feed(self, pcm: bytes) -> str | None:
        if self.fail_after is not None and len(self.fed) >= self.fail_after:
            raise RuntimeError("decoder exploded")
        self.fed.append(pcm)
        self.threads.add(threading.current_thread().name)
        return f"block {len(self.fed)}" if len(self.fed) % 5 == 0 else None

    def finish(self) -> Transcript:
        self.finished = True
        return Transcript.from_words([Word("done", 0.0, 0.5)])


def _noise(seconds: float) -> np.ndarray:
    return np.random.default_rng(7).integers(-6000, 6000, int(RATE * seconds), dtype=np.int16)


def _read(path: Path) -> np.ndarray:
    data, rate = soundfile.read(str(path), dtype="int16")
    assert rate == RATE
    return data


def test_take_holds_exactly_what_the_microphone_sent(tmp_path: Path) -> None:
    audio = _noise(1.5)
    sd = FakeSoundDevice(audio, speed=10, after_audio="stop")
    rec_ = CollectingRecognizer()
    levels: list[Level] = []
    partials: list[str] = []
    started: list[str] = []
    rec = Recorder(
        tmp_path / "take.wav",
        sounddevice=sd,
        recognizer=rec_,
        on_level=levels.append,
        on_partial=partials.append,
        on_started=lambda: started.append(threading.current_thread().name),
    )
    rec.start()
    assert sd.wait_played(5)
    time.sleep(0.1)
    result = rec.stop()
    assert result.stopped_by == "user" and result.error is None
    assert result.path == tmp_path / "take.wav" and not (tmp_path / "take.part.wav").exists()
    assert np.array_equal(_read(result.path), audio)
    assert result.seconds == pytest.approx(1.5)
    # The recogniser got every byte, in order, on the capture thread (not the audio thread).
    assert b"".join(rec_.fed) == audio.tobytes()
    assert rec_.threads == {"voicecoach-capture"} and rec_.finished
    assert result.transcript is not None and result.transcript.text == "done"
    assert partials == ["block 5", "block 10", "block 15"]
    assert len(levels) == 15 and all(-30 < lv.rms_dbfs < -10 for lv in levels)
    assert started == ["voicecoach-capture"]
    assert sd.streams[0].blocksize == 1600 and sd.streams[0].closed


def test_started_waits_for_the_first_block(tmp_path: Path) -> None:
    sd = FakeSoundDevice(_noise(0.5), speed=5, start_delay=0.4)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd)
    rec.start()
    assert not rec.started
    assert rec.wait_started(3)
    assert rec.timing.first_block_after is not None and rec.timing.first_block_after >= 0.35
    rec.stop()


def test_max_length_guard_stops_the_take(tmp_path: Path) -> None:
    finished: list[TakeResult] = []
    sd = FakeSoundDevice(_noise(3.0), speed=20)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, max_seconds=1.25, on_finished=finished.append)
    rec.start()
    assert rec.wait_finished(5)
    result = rec.stop()
    assert result.stopped_by == "max_length" and result.error is None
    assert len(_read(result.path)) == int(1.25 * RATE)
    assert finished == [result]


def test_device_lost_mid_take_keeps_the_audio_and_says_so(tmp_path: Path) -> None:
    audio = _noise(2.0)
    errors: list[str] = []
    sd = FakeSoundDevice(audio, speed=10, error_after=1.0)
    rec_ = CollectingRecognizer()
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=rec_, on_error=errors.append)
    rec.start()
    assert rec.wait_finished(5)
    result = rec.stop()
    assert result.stopped_by == "device_error" and result.error == DEVICE_LOST and errors == [DEVICE_LOST]
    assert np.array_equal(_read(result.path), audio[:RATE])
    assert result.transcript is not None  # the recogniser still gives what it heard


def test_stalled_device_is_caught_by_the_watchdog(tmp_path: Path) -> None:
    sd = FakeSoundDevice(_noise(0.5), speed=10, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, stall_timeout=0.5)
    rec.start()
    assert rec.wait_finished(5)
    result = rec.stop()
    assert result.stopped_by == "device_error" and "stopped sending sound" in (result.error or "")
    assert len(_read(result.path)) == 0.5 * RATE


def test_microphone_that_never_starts(tmp_path: Path) -> None:
    sd = FakeSoundDevice(_noise(0.5), start_delay=5)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, start_timeout=0.4)
    rec.start()
    assert rec.wait_finished(3)
    result = rec.stop()
    assert result.error == NEVER_STARTED.format(seconds=0.4) and result.seconds == 0


def test_no_device_raises_the_user_message_and_writes_nothing(tmp_path: Path) -> None:
    rec = Recorder(tmp_path / "take.wav", sounddevice=FakeSoundDevice.no_devices())
    with pytest.raises(AudioUnavailableError) as info:
        rec.start()
    assert str(info.value) == NO_INPUT_DEVICE
    assert list(tmp_path.iterdir()) == []


def test_open_failure_becomes_a_user_message(tmp_path: Path) -> None:
    sd = FakeSoundDevice(fail_on_open=FakeSoundDevice.PortAudioError("Device unavailable [PaErrorCode -9985]"))
    with pytest.raises(AudioUnavailableError, match="no microphone found"):
        Recorder(tmp_path / "take.wav", sounddevice=sd).start()


def test_stream_that_fails_to_start_leaves_no_empty_take(tmp_path: Path) -> None:
    sd = FakeSoundDevice(fail_on_start=FakeSoundDevice.PortAudioError("Device unavailable"))
    with pytest.raises(AudioUnavailableError, match="no microphone found"):
        Recorder(tmp_path / "take.wav", sounddevice=sd).start()
    assert list(tmp_path.iterdir()) == []
    assert sd.streams[0].closed


def test_device_native_rate_is_resampled_to_the_requested_rate(tmp_path: Path) -> None:
    rate = 48000
    t = np.arange(rate) / rate
    tone = (np.sin(2 * np.pi * 500 * t) * 8000).astype(np.int16)
    sd = FakeSoundDevice(tone, samplerate=rate, speed=10, supported_rates=[rate], after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd)
    rec.start()
    assert sd.wait_played(5)
    time.sleep(0.1)
    result = rec.stop()
    assert sd.streams[0].samplerate == rate and rec.device_rate == rate
    data = _read(result.path).astype(float)
    assert len(data) == pytest.approx(RATE, abs=10)
    spectrum = np.abs(np.fft.rfft(data[1000:-1000]))
    peak_hz = np.argmax(spectrum) * RATE / len(data[1000:-1000])
    assert peak_hz == pytest.approx(500, abs=5)


def test_failing_recogniser_never_loses_the_audio(tmp_path: Path) -> None:
    audio = _noise(1.0)
    sd = FakeSoundDevice(audio, speed=10, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=CollectingRecognizer(fail_after=3))
    rec.start()
    assert sd.wait_played(5)
    time.sleep(0.1)
    result = rec.stop()
    assert np.array_equal(_read(result.path), audio)
    assert result.error is not None and "speech recognition failed" in result.error
    assert result.stopped_by == "user"


def test_silent_start_warns_once_and_the_result_says_mostly_silent(tmp_path: Path) -> None:
    warnings: list[str] = []
    sd = FakeSoundDevice(np.zeros(RATE * 4, dtype=np.int16), speed=20)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, on_warning=warnings.append)
    rec.start()
    assert sd.wait_played(5)
    result = rec.stop()
    assert warnings == [NOT_HEARD]
    assert any("silent" in w for w in result.warnings)


def test_stop_returns_quickly_and_a_recorder_is_single_use(tmp_path: Path) -> None:
    sd = FakeSoundDevice(_noise(10), speed=1)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=CollectingRecognizer())
    rec.start()
    assert rec.wait_started(3)
    time.sleep(0.3)
    t0 = time.monotonic()
    result = rec.stop()
    assert time.monotonic() - t0 < 0.5
    assert 0.2 <= result.seconds <= 0.6
    assert rec.stop() is result
    with pytest.raises(RuntimeError):
        rec.start()


def test_overflow_flags_do_not_stop_the_take(tmp_path: Path) -> None:
    audio = _noise(1.0)
    sd = FakeSoundDevice(audio, speed=10, overflow_every=3, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd)
    rec.start()
    assert sd.wait_played(5)
    time.sleep(0.1)
    result = rec.stop()
    assert result.error is None and np.array_equal(_read(result.path), audio)
    assert result.warnings == (DROPPED.format(n=sd.streams[0].callbacks // 3),)


def test_write_failure_ends_the_take_and_keeps_what_was_written(tmp_path: Path) -> None:
    audio = _noise(2.0)
    sd = FakeSoundDevice(audio, speed=2)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd)
    rec.start()
    assert rec.wait_started(3)
    time.sleep(0.3)
    writer = rec._writer
    assert writer is not None

    def full_disk(pcm: bytes) -> None:
        raise OSError(28, "No space left on device")

    writer.write = full_disk  # type: ignore[method-assign]
    assert rec.wait_finished(3)
    result = rec.stop()
    assert result.stopped_by == "device_error" and "No space left on device" in (result.error or "")
    kept = _read(result.path)
    assert 0 < len(kept) < len(audio) and np.array_equal(kept, audio[: len(kept)])


def test_the_take_ends_when_stop_is_asked_not_when_the_stream_has_closed(tmp_path: Path) -> None:
    """Closing a PulseAudio stream can take hundreds of milliseconds; the take's result must not wait
    for it, and must hold exactly the audio delivered before Stop."""
    audio = _noise(30)
    hold = threading.Event()
    sd = FakeSoundDevice(audio, speed=4, slow_close=hold)
    recognizer = CollectingRecognizer()
    enough = threading.Event()
    results: list[TakeResult] = []
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=recognizer,
                   on_level=lambda _lv: enough.set() if len(recognizer.fed) >= 8 else None,
                   on_finished=results.append)
    rec.start()
    assert enough.wait(5)
    stream = sd.streams[0]
    before = stream.frames_delivered
    rec.request_stop()
    after = stream.frames_delivered
    assert rec.wait_finished(5), "the take waited for the stream to close"
    assert not stream.closed and not rec.stream_closed
    [result] = results
    kept = _read(result.path)
    assert before <= len(kept) <= after + stream.blocksize
    assert np.array_equal(kept, audio[: len(kept)]), "every sample delivered before Stop, in order, nothing else"
    assert b"".join(recognizer.fed) == kept.tobytes() and recognizer.finished
    assert result.stopped_by == "user" and result.error is None
    hold.set()
    assert rec.wait_stream_closed(5) and stream.closed
    assert rec.stop() is result


class MeetingCompanion:
    """Fed like the recogniser; finish() only returns once every finisher has arrived at the barrier, so
    the take can only end if the recogniser and the companions finish at the same time."""

    def __init__(self, barrier: threading.Barrier | None, fail: bool = False) -> None:
        self.barrier = barrier
        self.fail = fail
        self.fed: list[bytes] = []
        self.threads: set[str] = set()

    def feed(self, pcm: bytes) -> None:
        if self.fail:
            raise ValueError("broken companion")
        self.fed.append(pcm)
        self.threads.add(threading.current_thread().name)

    def finish(self) -> int:
        if self.barrier is not None:
            self.barrier.wait(5)
        return len(b"".join(self.fed))


class MeetingRecognizer(CollectingRecognizer):
    def __init__(self, barrier: threading.Barrier) -> None:
        super().__init__()
        self.barrier = barrier

    def finish(self) -> Transcript:
        self.barrier.wait(5)
        return super().finish()


def test_companions_hear_every_block_and_finish_alongside_the_recogniser(tmp_path: Path) -> None:
    audio = _noise(1.0)
    sd = FakeSoundDevice(audio, speed=10, after_audio="stop")
    barrier = threading.Barrier(3)
    recognizer = MeetingRecognizer(barrier)
    first, second, broken = MeetingCompanion(barrier), MeetingCompanion(barrier), MeetingCompanion(None, fail=True)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=recognizer, companions=[first, broken, second])
    rec.start()
    assert sd.wait_played(5)
    result = rec.stop()
    assert result.error is None and result.transcript is not None and result.transcript.text == "done"
    assert b"".join(first.fed) == b"".join(second.fed) == audio.tobytes()
    assert result.companion_results == (len(audio) * 2, None, len(audio) * 2)
    # Each on a thread of its own, beside the recogniser's (which is fed on the capture thread).
    assert len(first.threads) == len(second.threads) == 1 and first.threads != second.threads
    assert recognizer.threads == {"voicecoach-capture"} and "voicecoach-capture" not in first.threads
    assert np.array_equal(_read(result.path), audio)


class UtteranceRecognizer(CollectingRecognizer):
    """Like a streaming recogniser: a growing partial, then "" when it closes the utterance."""

    SAYS = (None, "hi", "hi john", "", None, "with", "with northwind", "", None, None)

    def feed(self, pcm: bytes) -> str | None:
        super().feed(pcm)
        return self.SAYS[(len(self.fed) - 1) % len(self.SAYS)]


def test_the_recognisers_utterance_ends_are_passed_through(tmp_path: Path) -> None:
    sd = FakeSoundDevice(_noise(1.0), speed=10, after_audio="stop")
    partials: list[str] = []
    closed: list[str] = []
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=UtteranceRecognizer(),
                   on_partial=partials.append, on_utterance=closed.append)
    rec.start()
    assert sd.wait_played(5)
    rec.stop()
    assert partials == ["hi", "hi john", "with", "with northwind"]
    assert closed == ["hi john", "with northwind"]


class FreedRecognizer(CollectingRecognizer):
    """Notes the thread it is freed on (a Vosk recogniser's free takes about 50 ms)."""

    def __init__(self, freed_on: list[str]) -> None:
        super().__init__()
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.current_thread().name)


def test_the_recogniser_is_freed_on_the_capture_thread_not_by_whoever_drops_the_recorder(tmp_path: Path) -> None:
    freed_on: list[str] = []
    handed_over = threading.Event()
    sd = FakeSoundDevice(_noise(0.5), speed=10, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=FreedRecognizer(freed_on),
                   on_finished=lambda _result: handed_over.set())
    rec.start()
    assert sd.wait_played(5)
    rec.request_stop()
    assert handed_over.wait(5)
    assert rec.join(5), "join() waits for the capture thread, whose last act is to let the decoders go"
    assert freed_on == ["voicecoach-capture"]
    assert rec.recognizer is None and rec.companions == ()
    assert rec.stop().transcript is not None, "the result itself is kept"


def test_prepare_runs_on_the_final_transcript_while_the_file_is_still_closing(tmp_path: Path, monkeypatch) -> None:
    """The report is worked out beside the file's closing (header, sync, rename), not after it."""
    from voicecoach.audio import wav_writer

    preparing = threading.Event()
    close = wav_writer.IncrementalWavWriter.close
    seen: list[tuple[bool, bool]] = []

    def slow_close(self, **kwargs):
        assert preparing.wait(5), "the file finished closing before prepare ran"
        return close(self, **kwargs)

    def prepare(transcript: Transcript | None, extras: tuple) -> str:
        seen.append((transcript is not None and transcript.text == "done", extras == (len(audio) * 2,)))
        preparing.set()
        return "the report"

    monkeypatch.setattr(wav_writer.IncrementalWavWriter, "close", slow_close)
    audio = _noise(0.5)
    sd = FakeSoundDevice(audio, speed=10, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=CollectingRecognizer(),
                   companions=[MeetingCompanion(None)], prepare=prepare)
    rec.start()
    assert sd.wait_played(5)
    result = rec.stop()
    assert seen == [(True, True)]
    assert result.prepared == "the report" and result.error is None
    assert np.array_equal(_read(result.path), audio), "closed and renamed as usual"


def test_a_failing_prepare_costs_neither_the_take_nor_the_transcript(tmp_path: Path) -> None:
    def prepare(_transcript: Transcript | None, _extras: tuple) -> None:
        raise RuntimeError("analysis bug")

    audio = _noise(0.5)
    sd = FakeSoundDevice(audio, speed=10, after_audio="stop")
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=CollectingRecognizer(), prepare=prepare)
    rec.start()
    assert sd.wait_played(5)
    result = rec.stop()
    assert result.prepared is None and result.error is None and result.transcript is not None
    assert np.array_equal(_read(result.path), audio)
