"""The practice loop with real recognition: the Korean Vosk model, speech from espeak-ng, and once the
real virtual microphone (PulseAudio) instead of the fake device."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeSoundDevice
from voicecoach.ui.context import Adapters


def real_adapters(ko_model: Any, ko_speech_wav: Any, sd: Any) -> Adapters:
    from voicecoach.asr.recognizer import StreamingRecognizer

    return Adapters(
        sounddevice=sd,
        make_recognizer=lambda m: StreamingRecognizer(m, sample_rate=m.sample_rate, grammar=ko_speech_wav.grammar),
        find_model=lambda _explicit: Path(ko_model.path),
        load_model=lambda _path: ko_model,
    )


def assert_heard(app: Any, qtbot: Any, words: tuple[str, ...]) -> None:
    practice = app.window.practice
    heard = [w.word for w in practice.report.transcript.words]
    assert sum(w in heard for w in words) >= len(words) - 1, heard
    assert practice.report.badge.verdict is not None  # judged (Korean speech against an English script: unheard)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    [take] = app.store_call(qtbot, lambda s: s.list_takes())
    assert [w.word for w in take.transcript.words] == heard
    assert take.audio_path is not None and take.audio_path.stat().st_size > 16000


@pytest.mark.model
@pytest.mark.slow
def test_practice_loop_with_the_real_model(qtbot: Any, make_app: Any, ko_model: Any, ko_speech_wav: Any) -> None:
    sd = FakeSoundDevice.from_wav(ko_speech_wav.path, speed=4.0)
    app = make_app(adapters=real_adapters(ko_model, ko_speech_wav, sd))
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.session.recorder.state == "recording", timeout=5000)
    qtbot.waitUntil(lambda: sd.played.is_set(), timeout=10000)
    qtbot.waitUntil(lambda: practice.partial_label.text() != "", timeout=5000)
    t0 = time.perf_counter()
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    stop_to_report = time.perf_counter() - t0
    print(f"stop to report: {stop_to_report * 1000:.0f} ms")
    assert stop_to_report < 2.0, "the report must be on screen about a second after Stop (slack for CI load)"
    assert_heard(app, qtbot, ko_speech_wav.words)


@pytest.mark.model
@pytest.mark.audio
@pytest.mark.slow
def test_end_to_end_with_the_virtual_microphone(qtbot: Any, make_app: Any, virtual_mic: Any, ko_model: Any,
                                               ko_speech_wav: Any) -> None:
    app = make_app(adapters=real_adapters(ko_model, ko_speech_wav, None))
    practice = app.window.practice
    practice.toggle_recording()
    assert practice.status_label.text() == "Starting microphone…"
    qtbot.waitUntil(lambda: practice.session.recorder.state == "recording", timeout=10000)
    player = virtual_mic.play(ko_speech_wav.path, wait=False)
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=30000)
    assert player.returncode == 0
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -60 or practice.partial_label.text() != "", timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=10000):
        practice.toggle_recording()
    assert_heard(app, qtbot, ko_speech_wav.words)
