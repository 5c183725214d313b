"""The hook: the introduction (greeting, a name, the rep's name, company and number, fillers) is never counted
against the reason for calling; late_hook fires only when something else delays it (small talk, "the reason
I'm calling is…", a company pitch), and its advice never contradicts the app's own (give the number early)."""

from __future__ import annotations

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.checks import build_context
from voicecoach.core.checks.hook import reason_start
from voicecoach.core.profile import Profile
from voicecoach.core.report import analyze
from voicecoach.core.transcript import Transcript

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")
NUMBER = "four one five five five five oh one four two"
REASON = "i saw your listing on elm street came off the market and i have one idea for your place"
SMALL_TALK = (
    "i hope your week is going well and that the weather has been kind to you over there i know it has been "
    "a really busy season for everyone in your line of work"
)


def _reason_word(t: Transcript, prospect: str | None = "John") -> str:
    ctx = build_context(t, profile=PROFILE, prospect=prospect)
    i = reason_start(t, ctx)
    assert i is not None
    return " ".join(t.tokens[i : i + 2])


def test_fillers_and_a_bent_name_stay_in_the_introduction() -> None:
    assert _reason_word(take(f"hi john um it's dana uh with northwind realty {NUMBER} {REASON}")) == "i saw"
    assert _reason_word(take(f"hi john its they know with northwind realty {NUMBER} {REASON}")) == "i saw"


def test_the_name_after_a_greeting_is_not_the_reason_without_a_prospect() -> None:
    assert _reason_word(take(f"hi sam it's dana with northwind realty {NUMBER} {REASON}"), prospect=None) == "i saw"


def test_a_long_introduction_with_the_number_early_is_not_a_late_hook() -> None:
    """Giving the number early is the app's own advice: a slow introduction with it is not late."""
    text = f"hi john this is dana whitfield with northwind realty my number is {NUMBER} that's {NUMBER} {REASON}"
    report = analyze(take(text, wpm=110), profile=PROFILE, prospect="John")
    assert report.metrics["hook_seconds"] > 9
    assert not report.has(codes.LATE_HOOK)


def test_small_talk_before_the_reason_is_a_late_hook() -> None:
    text = f"hi john it's dana with northwind realty {NUMBER} {SMALL_TALK} the reason i'm calling is {REASON}"
    report = analyze(take(text), profile=PROFILE, prospect="John")
    f = next(f for f in report.flags if f.code == codes.LATE_HOOK)
    assert "name can follow" not in f.message and "small talk" in f.message
    delayed = [t for e in f.evidence for t in e.word_indexes]
    words = take(text).tokens
    assert words[delayed[0]] == "i" and words[delayed[1]] == "hope" and words[delayed[-1]] == "is"
    assert report.metrics["hook_delay_seconds"] > 9


def test_a_company_pitch_before_the_reason_is_a_late_hook() -> None:
    pitch = (
        "we are a family owned brokerage founded in nineteen eighty five with over forty agents across the bay "
        "area and we have won many awards for service and we pride ourselves on our local knowledge"
    )
    report = analyze(take(f"hi john it's dana with northwind realty {pitch} {REASON} {NUMBER}"), profile=PROFILE,
                     prospect="John")
    assert report.has(codes.LATE_HOOK)


def test_a_bent_prospect_name_and_a_bent_introduction_stay_in_the_introduction() -> None:
    """pocketsphinx: "hi kevin my name is julie no coffee me and i was …" for "Hi Karen, my name is Zoe
    Nakashima and I'm with …"."""
    t = take(f"hi kevin my name is julie no coffee me and i was northwind realty {NUMBER} {REASON}")
    assert _reason_word(t, prospect="Karen") == "i saw"


def test_seven_seconds_of_small_talk_after_the_introduction_is_late() -> None:
    """The introduction no longer counts, so the limit is for the delay alone: 6 s by default."""
    from voicecoach.core.settings import Settings

    assert Settings().hook_max_seconds == 6.0
    chat = "i hope your week is going well and that the weather has been kind to you over there"  # 18 words
    report = analyze(take(f"hi john it's dana with northwind realty {NUMBER} {chat} {REASON}", wpm=150),
                     profile=PROFILE, prospect="John")
    assert 6 < report.metrics["hook_delay_seconds"] < 9 and report.has(codes.LATE_HOOK)
