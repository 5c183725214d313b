"""Real English recognition with its real errors (pocketsphinx on flite and espeak-ng speech): clean takes
are not accused of leaving out what they said, and takes that really leave out the number are still caught.

pocketsphinx prints "pain away field" for Dana Whitfield and "with our friends realty" for Northwind
Realty; its script-constrained decode (a word loop, as a Vosk grammar) hears them. Both decodes go into
the transcript exactly as the app's CheckedRecognizer puts them there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.english_asr import flite_available, recognize, speak
from voicecoach.core import codes
from voicecoach.core.flags import Severity
from voicecoach.core.profile import load_profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.script import fill_placeholders, load_script, plan_tokens

pytest.importorskip("pocketsphinx", reason="pocketsphinx is in the test extras (./dev setup installs it)")
pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not flite_available(), reason="flite and sox are needed (./dev test installs them)"),
]
DATA = Path(__file__).resolve().parents[1] / "data"
PROFILE = load_profile(DATA / "profile.json")
SCRIPT = load_script(DATA / "scripts" / "expired-listing.txt").text
FILLED = fill_placeholders(SCRIPT, PROFILE, prospect="John")
SAID = FILLED.replace("+1 415-555-0142", "four one five, five five five, zero one four two")
WITHOUT_NUMBER = SAID.replace(", four one five, five five five, zero one four two", "")
VOICES = ("slt", "rms", "awb", "espeak")


@cache
def _vocabulary() -> object:
    from tests.english_asr import _decoder

    decoder = _decoder()
    return lambda w: decoder.lookup_word(w) is not None


def judge(text: str, voice: str, tmp_path: Path) -> Report:
    wav = tmp_path / f"{voice}.wav"
    speak(text, wav, voice=voice, engine="espeak" if voice == "espeak" else "flite")
    transcript = recognize(wav, plan_tokens(FILLED))
    return analyze(transcript, script=SCRIPT, profile=PROFILE, prospect="John", vocabulary=_vocabulary())


@pytest.mark.parametrize("voice", VOICES)
def test_a_clean_take_recognised_with_errors_is_not_accused(voice: str, tmp_path: Path) -> None:
    report = judge(SAID, voice, tmp_path)
    accusing = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO and f.severity == Severity.ERROR]
    assert accusing == [], (accusing[0].message, report.metrics["recognition"])
    assert not [f for f in report.flags if f.code == codes.RAMBLING and f.severity != Severity.TIP]


@pytest.mark.parametrize("voice", VOICES[:3])
def test_a_take_without_the_number_is_still_caught(voice: str, tmp_path: Path) -> None:
    report = judge(WITHOUT_NUMBER, voice, tmp_path)
    assert not report.has(codes.RECOGNITION_UNRELIABLE)
    (flag,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert flag.severity == Severity.ERROR and "number" in flag.details["missing"]
