"""Measuring while recording: the block-by-block meter gives the whole-take result, composes with the
recogniser on the recorder's consumer thread, and works on audio recorded through the virtual microphone."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sound_takes import RATE, build_take, have_tools
from voicecoach.acoustics import SignalMeter, measure
from voicecoach.core.filled_pauses import find_filled_pauses
from voicecoach.core.settings import Settings
from voicecoach.core.sound import SoundSignals
from voicecoach.core.transcript import Transcript, Word

pytestmark = pytest.mark.skipif(not have_tools(), reason="espeak-ng is not installed")


@pytest.fixture(scope="module")
def take():
    return build_take(fillers=3, seed=4)


def _fed(pcm: bytes, block: int = 3200) -> SignalMeter:
    meter = SignalMeter(RATE)
    for i in range(0, len(pcm), block):
        meter.feed(pcm[i : i + block])
    return meter


def test_block_by_block_equals_the_whole_take(take) -> None:
    whole = measure(take.int16, RATE)
    fed = _fed(take.int16.tobytes()).finish()
    assert fed.level_db == whole.level_db and fed.duration == whole.duration
    assert np.mean(np.array(fed.voiced) == np.array(whole.voiced)) > 0.99
    assert fed.pitch_range_semitones == pytest.approx(whole.pitch_range_semitones, abs=0.1)
    settings = Settings()
    a = find_filled_pauses(take.words, whole, settings)
    b = find_filled_pauses(take.words, fed, settings)
    assert [t for p in a for t in (p.start, p.end)] == pytest.approx([t for p in b for t in (p.start, p.end)], abs=0.03)
    assert len(a) == 3


def test_odd_block_sizes_and_an_empty_take() -> None:
    x = (np.sin(np.arange(RATE * 3) * 2 * np.pi * 150 / RATE) * 8000).astype(np.int16).tobytes()
    a, b = _fed(x, 999).finish(), _fed(x, 4410).finish()
    assert a.level_db == b.level_db and a.voiced_seconds == pytest.approx(b.voiced_seconds, abs=0.05)
    empty = SignalMeter(RATE).finish()
    assert empty.level_db == () and empty.pitch_range_semitones is None


class _Recogniser:
    def __init__(self) -> None:
        self.fed = 0

    def feed(self, pcm: bytes) -> str | None:
        self.fed += len(pcm)
        return "partial"

    def finish(self) -> Transcript:
        return Transcript.from_words([Word("hi", 0.1, 0.3, 1.0)])


def _offset(recorded: np.ndarray, played: np.ndarray) -> int:
    probe = played[: 2 * RATE].astype(np.float64)
    size = 1 << int(np.ceil(np.log2(len(recorded) + len(probe))))
    corr = np.fft.irfft(np.fft.rfft(recorded.astype(np.float64), size) * np.conj(np.fft.rfft(probe, size)), size)
    return int(np.argmax(corr[: max(1, len(recorded) - len(probe) + 1)]))


class _Recorded:
    def __init__(self, signals: SoundSignals, result: object) -> None:
        self.signals = signals
        self.result = result


def _record(virtual_mic, wav: Path, out: Path) -> tuple[_Recorded, object]:
    """The app's path: microphone -> Recorder -> the recogniser, and the signal meter as a capture companion."""
    from voicecoach.audio.capture import Recorder

    started = threading.Event()
    recorder = Recorder(out, recognizer=_Recogniser(), companions=[SignalMeter(RATE)], on_started=started.set,
                        max_seconds=90)
    recorder.start()
    assert started.wait(10), "the microphone never delivered a block"
    virtual_mic.play(wav)
    time.sleep(0.6)  # the end of what was played is still on its way through the sound server
    result = recorder.stop()
    (signals,) = result.companion_results
    assert result.error is None and signals is not None
    return _Recorded(signals, result), result


@pytest.mark.audio
@pytest.mark.slow
def test_flat_and_varied_speech_through_the_virtual_microphone(virtual_mic, tmp_path: Path) -> None:
    from tests.sound_takes import VOICEMAIL, speak_ssml
    from voicecoach.core import codes
    from voicecoach.core.report import analyze

    ranges = {}
    for prosody in ("x-low", "x-high"):
        x = speak_ssml(f'<speak><prosody range="{prosody}">{" ".join(VOICEMAIL[:3])}</prosody></speak>')
        wav = tmp_path / f"{prosody}.wav"
        sf.write(wav, np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16), RATE, subtype="PCM_16")
        rec, _ = _record(virtual_mic, wav, tmp_path / f"take-{prosody}.wav")
        sig = rec.signals
        words = [Word(f"w{i}", 0.5 + i * 0.4, 0.8 + i * 0.4, 1.0) for i in range(int(len(x) / RATE / 0.4) - 1)]
        report = analyze(Transcript.from_words(words), signals=sig)
        from_file = measure(x, RATE).pitch_range_semitones
        ranges[prosody] = (sig.pitch_range_semitones, from_file, report.has(codes.MONOTONE))
    print(f"\nvirtual microphone, (recorded, file) pitch range and monotone flag: {ranges}")
    assert ranges["x-low"][2] is True and ranges["x-high"][2] is False
    for recorded, from_file, _ in ranges.values():
        assert recorded == pytest.approx(from_file, abs=0.5)


@pytest.mark.audio
@pytest.mark.slow
def test_filled_pauses_heard_through_the_virtual_microphone(virtual_mic, take, tmp_path: Path) -> None:
    wav = take.write(tmp_path / "played.wav")
    rec, result = _record(virtual_mic, wav, tmp_path / "take.wav")
    recorded, rate = sf.read(str(result.path), dtype="int16")
    shift = _offset(recorded, take.int16) / rate
    words = [Word(w.word, w.start + shift, w.end + shift, w.conf) for w in take.words]
    pauses = find_filled_pauses(words, rec.signals, Settings())
    truth = [(a + shift, b + shift) for a, b in take.fillers]
    hit = sum(any(p.start < b and p.end > a for p in pauses) for a, b in truth)
    false = sum(not any(p.start < b and p.end > a for a, b in truth) for p in pauses)
    from_file = measure(take.int16, RATE)
    print(
        f"\nvirtual microphone: {hit}/{len(truth)} filled pauses found, {false} false; pitch range "
        f"{rec.signals.pitch_range_semitones} (file: {from_file.pitch_range_semitones}) semitones"
    )
    assert hit >= 2 and false <= 1
    assert rec.signals.pitch_range_semitones == pytest.approx(from_file.pitch_range_semitones, abs=0.5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(50.0, 400.0, allow_nan=False), min_size=1, max_size=60), st.sampled_from([0.1, 0.5, 0.9]))
def test_the_held_vowel_quantile_is_numpys_percentile(values: list[float], q: float) -> None:
    from voicecoach.acoustics.steady import _quantile

    ordered = np.sort(np.array(values))
    assert _quantile(ordered, q) == pytest.approx(float(np.percentile(ordered, 100 * q)), abs=1e-9)


def test_the_held_uhhs_so_far_are_counted_live_as_the_report_counts_them(take) -> None:
    from voicecoach.core.live import held_hesitations

    pcm = take.int16.tobytes()
    meter = _fed(pcm)
    whole = meter.steady_so_far()  # before finish(): what the live checklist sees near the end
    seconds = len(take.int16) / RATE
    assert held_hesitations(take.words, whole, set(), Settings(), seconds) == 3
    half = _fed(pcm[: len(pcm) // 2 // 2 * 2])
    early = held_hesitations([w for w in take.words if w.end <= seconds / 2], half.steady_so_far(), set(),
                             Settings(), seconds / 2)
    assert 0 <= early <= 3
