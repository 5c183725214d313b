"""A quiet take: the sound shows a voice but the recogniser printed nothing. The verdict is "couldn't hear
you" (recognition_unreliable), never "you didn't say your name, company and number"."""

from __future__ import annotations

from tests.core.test_sound_checks import signals
from voicecoach.core import codes
from voicecoach.core.checks.recognition import WORD_CODES
from voicecoach.core.flags import Severity
from voicecoach.core.profile import Profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.transcript import RecognitionEvidence, Transcript

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")
SCRIPT = "Hi {prospect}, it's {first_name} with {company}, {phone}. I saw your listing. Again, {name}, {phone}."


def _accusing(report: Report) -> list[str]:
    """Flags about the words that accuse ("too quiet" is about the sound, and true)."""
    return [f.code for f in report.flags if f.severity != Severity.TIP and f.code in WORD_CODES]


def test_a_voice_below_the_meter_floor_with_no_words_is_couldnt_hear_you() -> None:
    """The recorder's voice meter counts frames above -50 dBFS only: a voice at -56 dBFS measures 0 s there,
    while the recording's own signals show 20 s of voice."""
    empty = Transcript.from_words([]).with_recognition(RecognitionEvidence(constrained=(), voiced_seconds=0.0))
    quiet = signals(20.0, level=-56.0)
    report = analyze(empty, script=SCRIPT, profile=PROFILE, prospect="John", signals=quiet)
    assert report.has(codes.RECOGNITION_UNRELIABLE), report.flags
    assert _accusing(report) == []
    missing = next(f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO)
    assert missing.details["unverified"] is True


def test_a_voice_with_no_words_and_no_recognition_evidence_is_couldnt_hear_you() -> None:
    report = analyze(Transcript.from_words([]), profile=PROFILE, signals=signals(12.0, level=-56.0))
    assert report.has(codes.RECOGNITION_UNRELIABLE) and _accusing(report) == []


def test_silence_with_no_words_still_says_nothing_was_heard() -> None:
    """No voice in the sound and no words: nothing was said, which the report may say plainly."""
    report = analyze(Transcript.from_words([]), profile=PROFILE)
    assert not report.has(codes.RECOGNITION_UNRELIABLE)
