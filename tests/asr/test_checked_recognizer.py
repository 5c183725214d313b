"""The two-decode recogniser on the real (Korean) Vosk model: same interface as StreamingRecognizer, the
script-constrained decode and the seconds of speech ride with the transcript, and a model for another
language than the script leads the report with recognition_unreliable instead of accusations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.english_asr import flite_available, speak
from voicecoach.asr.audio_files import read_pcm_blocks
from voicecoach.asr.checked import CheckedRecognizer, VoiceMeter, script_grammar
from voicecoach.asr.transcribe import transcribe_file
from voicecoach.core import codes
from voicecoach.core.flags import Severity
from voicecoach.core.profile import load_profile
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders, load_script, plan_tokens
from voicecoach.core.transcript import Transcript

pytestmark = pytest.mark.model
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def ko_model(ko_model_path: Path) -> Any:
    """This module's own instance of the Korean model. Vosk's decodes vary slightly with what a model
    decoded before (its compiled computations are cached per model), and other recognition tests compare
    two decodes exactly, so the English speech and the grammars decoded here stay out of their model."""
    from voicecoach.asr.model_files import validate_model_dir
    from voicecoach.asr.recognizer import SpeechModel, _load_vosk_model, _model_sample_rate

    root = validate_model_dir(ko_model_path)
    rate = _model_sample_rate(root)
    return SpeechModel(root, _load_vosk_model(root, rate), rate)


def feed_file(rec: Any, path: Path, rate: int) -> Transcript:
    for block in read_pcm_blocks(path, rate=rate, block_seconds=0.1):
        rec.feed(block)
    return rec.finish()


def test_both_decodes_and_the_speech_seconds_ride_with_the_transcript(ko_model: Any, ko_speech_wav: Any) -> None:
    rec = CheckedRecognizer(ko_model, list(ko_speech_wav.words))
    transcript = feed_file(rec, ko_speech_wav.path, ko_model.sample_rate)
    ev = transcript.recognition
    assert ev is not None and ev.constrained is not None
    assert [w.word for w in ev.constrained] == list(ko_speech_wav.words)
    assert ev.grammar_words == len(set(ko_speech_wav.words)) and ev.grammar_missing == 0
    assert 0.5 * ko_speech_wav.seconds < ev.voiced_seconds <= ko_speech_wav.seconds
    # espeak-ng's robotic Korean is decoded poorly without a grammar (tests/speech.py), so whether the
    # free decode is trusted here is not asserted; the pocketsphinx tests cover clean takes.
    assert Transcript.from_json(transcript.to_json()).recognition == ev


def test_a_file_gets_the_same_two_decodes(ko_model: Any, ko_speech_wav: Any) -> None:
    transcript = transcribe_file(ko_speech_wav.path, ko_model, plan=list(ko_speech_wav.words))
    assert transcript.recognition is not None
    assert [w.word for w in transcript.recognition.constrained or ()] == list(ko_speech_wav.words)


@pytest.mark.skipif(not flite_available(), reason="flite and sox are needed (./dev test installs them)")
def test_english_speech_through_a_korean_model_is_not_an_accusation(ko_model: Any, tmp_path: Path) -> None:
    profile = load_profile(DATA / "profile.json")
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    filled = fill_placeholders(script.text, profile, prospect="John", referral="Chris Parker")
    said = filled.replace("+1 415-555-0142", "four one five, five five five, zero one four two")
    wav = speak(said, tmp_path / "english.wav", voice="slt")
    rec = CheckedRecognizer(ko_model, plan_tokens(filled), partials=False)
    transcript = feed_file(rec, wav, ko_model.sample_rate)
    report = analyze(
        transcript,
        script=script.text,
        profile=profile,
        prospect="John",
        referral="Chris Parker",
        vocabulary=ko_model.knows,
    )
    lead = report.flags[0]
    assert lead.code == codes.RECOGNITION_UNRELIABLE and lead.severity == Severity.ERROR
    assert "another alphabet" in lead.message
    accusations = [f for f in report.flags[1:] if f.severity != Severity.TIP and f.code != codes.UNCLEAR_WORDS]
    assert accusations == [], [f.message for f in accusations]
    assert report.provisional


def test_voice_meter_counts_speech_not_silence() -> None:
    import numpy as np

    rate = 16000
    t = np.arange(rate) / rate
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 220 * t)).astype("<i2")
    silence = np.zeros(2 * rate, dtype="<i2")
    meter = VoiceMeter(rate)
    data = np.concatenate([silence, tone, silence]).tobytes()
    for at in range(0, len(data), 3202):  # odd block sizes, as a device may deliver them
        meter.add(data[at : at + 3202])
    assert meter.seconds == pytest.approx(1.0, abs=0.05)


def test_the_grammar_hears_any_way_of_saying_a_number() -> None:
    grammar = script_grammar(["Hi", "john", "four", "hi"])
    assert grammar[:3] == ["hi", "john", "four"] and len(grammar) == len(set(grammar))
    assert {"oh", "double", "fifteen", "forty", "hundred", "extension"} <= set(grammar)
    assert script_grammar(["안녕하세요", "오늘"]) == ["안녕하세요", "오늘"]  # no number: no number words


def test_the_recorder_takes_the_two_decode_recogniser_as_it_is(
    ko_model: Any, ko_speech_wav: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import soundfile

    from tests.fakes import FakeSoundDevice
    from voicecoach.audio.capture import Recorder

    monkeypatch.setattr("voicecoach.asr.checked.FINISH_TIMEOUT", 60.0)  # a loaded test machine may lag
    audio, _rate = soundfile.read(str(ko_speech_wav.path), dtype="int16")
    sd = FakeSoundDevice(audio, speed=1, after_audio="stop")
    checked = CheckedRecognizer(ko_model, list(ko_speech_wav.words))
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=checked)
    rec.start()
    assert sd.wait_played(30)
    result = rec.stop(timeout=120)  # free decoding of espeak-ng Korean is slow on a busy machine
    assert result.error is None, result.error
    assert result.transcript is not None and result.transcript.recognition is not None, result
    heard = [w.word for w in result.transcript.recognition.constrained or ()]
    assert heard == list(ko_speech_wav.words), (heard, result.transcript.recognition)
    assert result.transcript.recognition.voiced_seconds > 0.5


def test_a_constrained_decode_too_late_for_stop_is_dropped_and_stops() -> None:
    import threading

    from voicecoach.asr.checked import _ConstrainedWorker

    release = threading.Event()

    class Slow:
        fed = 0
        finished = False

        def feed(self, pcm: bytes) -> None:
            self.fed += 1
            release.wait(10)

        def finish(self) -> Transcript:
            self.finished = True
            return Transcript(words=())

    slow = Slow()
    worker = _ConstrainedWorker(slow)  # type: ignore[arg-type]
    for _ in range(5):
        worker.feed(b"\0\0")
    worker.close()
    assert worker.result(timeout=0.05) is None  # Stop does not wait for it
    release.set()
    worker._thread.join(5)
    assert not worker._thread.is_alive() and slow.fed == 1 and not slow.finished
