"""The honest "I couldn't hear you": recognition_unreliable, unverified word flags, provisional score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.flags import Severity
from voicecoach.core.profile import load_profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.script import fill_placeholders, load_script, plan_tokens
from voicecoach.core.transcript import RecognitionEvidence, Transcript, Word

DATA = Path(__file__).resolve().parents[1] / "data"
PROFILE = load_profile(DATA / "profile.json")
SCRIPT = load_script(DATA / "scripts" / "expired-listing.txt").text
PLAN = plan_tokens(fill_placeholders(SCRIPT, PROFILE, prospect="John"))
SAID = " ".join(PLAN)
NUMBER = "four one five five five five zero one four two"


def with_evidence(t: Transcript, constrained: str | None = None, **kw: float | int) -> Transcript:
    words = None if constrained is None else take(constrained).words
    return t.with_recognition(RecognitionEvidence(constrained=words, **kw))  # type: ignore[arg-type]


def run(t: Transcript, **kw: object) -> Report:
    return analyze(t, script=SCRIPT, profile=PROFILE, prospect="John", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(p.stem for p in (DATA / "takes").glob("*.json")))
def test_the_gate_never_fires_on_well_recognised_takes(name: str) -> None:
    t = Transcript.from_json((DATA / "takes" / f"{name}.json").read_text(encoding="utf-8"))
    voiced = round(t.speech_seconds * 0.8, 2)
    for transcript in (t, with_evidence(t, t.text or "hi", voiced_seconds=voiced, grammar_words=46, grammar_missing=0)):
        for kw in ({}, {"vocabulary": lambda w: True}):
            report = run(transcript, **kw)
            assert not report.has(codes.RECOGNITION_UNRELIABLE), report.metrics["recognition"]
            assert not report.provisional


def test_a_model_for_another_language_is_not_an_accusation() -> None:
    korean = take("한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우 가 있어 " * 2)
    evidence = with_evidence(korean, voiced_seconds=17.0, grammar_words=0, grammar_missing=46)
    report = run(evidence, referral="Chris Parker")
    first = report.flags[0]
    assert first.code == codes.RECOGNITION_UNRELIABLE and first.severity == Severity.ERROR
    assert "another alphabet" in first.message and "Settings" in first.message
    assert report.provisional and report.score_breakdown["provisional"]
    others = report.flags[1:]
    for code in (codes.MISSING_CONTACT_INFO, codes.RAMBLING, codes.REFERRAL_NOT_SAID):
        (flag,) = [f for f in others if f.code == code]
        assert flag.details["unverified"] is True and flag.severity == Severity.TIP
        assert "didn't say" not in flag.message and "wanders:" not in flag.message
    assert all(d["points"] == 0 for d in report.score_breakdown["deductions"])


def test_a_model_that_lacks_the_scripts_words_is_caught_by_its_vocabulary() -> None:
    t = take("uh " * 30)
    report = run(t, vocabulary=lambda w: w in {"hi", "uh"})
    assert report.flags[0].code == codes.RECOGNITION_UNRELIABLE
    assert "knows only" in report.flags[0].message


def test_low_confidence_alone_is_not_enough() -> None:
    words = " ".join(f"{w}~0.3" if i % 2 else w for i, w in enumerate(PLAN))
    assert not run(take(words)).has(codes.RECOGNITION_UNRELIABLE)


def test_low_confidence_and_a_constrained_decode_that_hears_the_script() -> None:
    garbled = take(("the~0.2 hands~0.3 of~0.4 real~0.3 tea~0.2 " * 10).strip())
    report = run(with_evidence(garbled, SAID, voiced_seconds=24.0))
    assert report.flags[0].code == codes.RECOGNITION_UNRELIABLE
    fired = {s["reason"] for s in report.flags[0].details["signals"] if s["fired"]}
    assert fired == {"low_confidence", "constrained_gain", "decodes_disagree"}
    (contact,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert contact.details["unverified"] and contact.details["why"] == {
        "heard_by_constrained_decode": ["name", "company", "number"]
    }


def test_a_number_really_left_out_is_still_caught_when_recognition_is_poor() -> None:
    without_number = SAID.replace(NUMBER, "").replace("  ", " ")
    garbled = take(("the~0.2 hands~0.3 of~0.4 real~0.3 tea~0.2 " * 10).strip())
    report = run(with_evidence(garbled, without_number, voiced_seconds=24.0))
    assert report.flags[0].code == codes.RECOGNITION_UNRELIABLE
    (contact,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert contact.severity == Severity.ERROR and contact.details["missing"] == ["number"]
    assert set(contact.details["unverified_parts"]) == {"name", "company"}


def test_speech_without_words() -> None:
    t = take("hi~0.3 john~0.3 the~0.2 uh~0.3 hm~0.2 the~0.3 a~0.3 on~0.2 oh~0.3")
    report = run(with_evidence(t, voiced_seconds=25.0))
    assert report.flags[0].code == codes.RECOGNITION_UNRELIABLE
    assert "25 s of speech but only 9 words" in report.flags[0].message


def test_a_company_only_the_constrained_decode_heard_is_not_counted_against_the_rep() -> None:
    free = take(f"hi john it's dana with our friends realty {NUMBER} i saw your listing on elm street")
    constrained = f"hi john it's dana with northwind realty {NUMBER} i saw your listing on elm street"
    report = run(with_evidence(free, constrained, voiced_seconds=8.0))
    assert not report.has(codes.RECOGNITION_UNRELIABLE)
    (contact,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert contact.severity == Severity.TIP and contact.details["unverified_parts"] == ["company"]
    assert "listening for your script's words it heard it" in contact.message
    assert all(d["points"] == 0 for d in report.score_breakdown["deductions"] if d["code"] == contact.code)


def test_evidence_travels_with_the_transcript_json() -> None:
    t = with_evidence(take("hi there"), "hi", voiced_seconds=1.5, grammar_words=3, grammar_missing=1)
    back = Transcript.from_json(t.to_json())
    assert back.recognition == t.recognition and back.words == t.words and back.results == t.results
    vosk = json.loads(t.to_json())
    assert vosk[-1]["text"] == "" and "voicecoach_recognition" in vosk[-1]
    odd = Transcript.from_vosk([{"text": "", "voicecoach_recognition": {"constrained": "x", "voiced_seconds": -1}}])
    assert odd.recognition == RecognitionEvidence()


def test_words_in_another_alphabet_never_sound_like_a_name() -> None:
    t = Transcript.from_words([Word("앤제이", 0.0, 0.5), Word("다나", 0.6, 1.0)])
    report = analyze(t, profile=PROFILE)
    (contact,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert "name" in contact.details["missing"]


def test_the_two_decodes_agreeing_is_measured_word_by_word_in_time() -> None:
    from voicecoach.core.checks.recognition import agreement

    free = take("hi john it's dana").words
    assert agreement(free, free) == 1.0
    assert agreement(free, take("hi john its diana").words) == 0.5
    late = take("| hi john it's dana", pause=5.0).words  # the same words, but not at the same time
    assert agreement(free, late) == 0.0


def test_off_script_but_clearly_heard_is_not_unreliable() -> None:
    chat = take("so i was thinking about the weather and my weekend plans with the family at the lake " * 2)
    report = run(with_evidence(chat, "i the and the the i the", voiced_seconds=9.0))
    assert not report.has(codes.RECOGNITION_UNRELIABLE), report.metrics["recognition"]
    assert report.has(codes.RAMBLING) and report.has(codes.MISSING_CONTACT_INFO)


def test_what_the_prospect_reads_quotes_the_bent_surname() -> None:
    report = run(take(f"hi john it's dana with field from northwind realty {NUMBER} again {NUMBER}"))
    (tip,) = [f for f in report.flags if f.code == codes.CONTACT_MISHEARD]
    assert tip.severity == Severity.TIP
    assert "your surname came out as “with field”" in tip.message and "Whitfield, W-H-I-T" in tip.message
    clean = run(take(f"hi john it's dana whitfield from northwind realty {NUMBER} again dana with field {NUMBER}"))
    assert not clean.has(codes.CONTACT_MISHEARD)  # said cleanly once: the prospect can read it


def test_a_part_only_the_constrained_decode_heard_is_quoted_as_the_transcript_shows_it() -> None:
    free = take(f"hi john it's dana with our friends realty {NUMBER} i saw your listing on elm street")
    constrained = f"hi john it's dana with north wind realty {NUMBER} i saw your listing on elm street"
    report = run(with_evidence(free, constrained, voiced_seconds=8.0))
    (contact,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert "the emailed transcript shows your company as “our friends realty”" in contact.message



def test_the_recordings_own_voice_measure_stands_in_for_the_speech_seconds() -> None:
    from voicecoach.core.sound import SoundSignals

    t = take("hi~0.3 john~0.3 the~0.2 uh~0.3 hm~0.2 the~0.3 a~0.3 on~0.2 oh~0.3")
    signals = SoundSignals(duration=30.0, frame_seconds=0.01, voiced_seconds=22.0)
    report = analyze(t, signals=signals, script=SCRIPT, profile=PROFILE)
    assert report.flags[0].code == codes.RECOGNITION_UNRELIABLE
    assert "22 s of speech but only 9 words" in report.flags[0].message
