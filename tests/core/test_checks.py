"""Every flag, positive and negative, on small hand-made takes."""

from __future__ import annotations

import pytest

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.flags import Flag
from voicecoach.core.profile import Profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript, Word

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")
NUMBER = "four one five five five five oh one four two"
OPEN = f"hi john it's dana with northwind realty {NUMBER}"
MIDDLE = (
    "i saw your listing on elm street came off the market we sold three homes on your block this year "
    "each within sixty days if you're still thinking of selling i have one idea for your place"
)
CLOSE = f"again dana whitfield {NUMBER}"
CLEAN = f"{OPEN} {MIDDLE} {CLOSE}"
SCRIPT = (
    "Hi {prospect}, it's {first_name} with {company}, {phone}. I saw your listing on Elm Street came off the "
    "market. We sold three homes on your block this year, each within sixty days. If you're still thinking "
    "of selling, I have one idea for your place. Again, {name}, {phone}."
)


def codes_of(text: str | Transcript, **kw: object) -> set[str]:
    t = take(text) if isinstance(text, str) else text
    kw.setdefault("profile", PROFILE)
    return set(analyze(t, **kw).codes)  # type: ignore[arg-type]


def flag(report: Report, code: str) -> Flag:
    return next(f for f in report.flags if f.code == code)


def test_clean_take_has_no_flags() -> None:
    assert codes_of(CLEAN, script=SCRIPT, prospect="John") == set()


# -- missing_contact_info --------------------------------------------------------------------------
def test_missing_name_and_company() -> None:
    report = analyze(take(f"hi john {MIDDLE} call me at {NUMBER} thanks {NUMBER}"), profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f.details["missing"] == ["name", "company"]
    assert "your name and your company" in f.message
    assert report.score_breakdown["deductions"][0]["points"] == 40


def test_without_profile_only_the_number_is_checked() -> None:
    assert codes_of(f"hi {MIDDLE} call {NUMBER} {NUMBER}", profile=None) == set()
    assert codes.MISSING_CONTACT_INFO in codes_of(f"hi {MIDDLE} bye", profile=None)


# -- overrun and too_short -------------------------------------------------------------------------
def test_overrun_against_default_and_custom_limit() -> None:
    long = take(CLEAN, wpm=125)  # ~32 s
    report = analyze(long, profile=PROFILE)
    f = flag(report, codes.OVERRUN)
    assert f.details["limit"] == 30.0 and f.details["over_by"] > 1
    assert f.evidence[0].start is not None and f.evidence[0].start >= 30.0 - 0.5
    assert codes.OVERRUN not in codes_of(long, time_limit=40)
    assert codes.OVERRUN in codes_of(CLEAN, time_limit=20)


def test_too_short() -> None:
    assert codes.TOO_SHORT in codes_of(f"hi dana northwind realty {NUMBER}")
    assert codes.TOO_SHORT not in codes_of(CLEAN)


# -- rambling --------------------------------------------------------------------------------------
def test_rambling_from_fillers_in_context() -> None:
    heavy = f"{OPEN} um {MIDDLE.replace('came', 'like uh came').replace('each', 'you know each')} uh {CLOSE}"
    report = analyze(take(heavy), profile=PROFILE)
    reasons = flag(report, codes.RAMBLING).details["reasons"]
    assert [r["reason"] for r in reasons] == ["fillers"]
    assert reasons[0]["value"] == 5 and reasons[0]["threshold"] == 3
    polite = CLEAN.replace("i have one idea", "i'd like to share one idea").replace("street", "street homes like yours")
    assert codes.RAMBLING not in codes_of(polite)


def test_rambling_from_restarts_without_any_um() -> None:
    text = CLEAN.replace("i saw your", "i i saw your your").replace("we sold", "we sold we sold")
    assert codes.RAMBLING in codes_of(text)
    assert codes.RAMBLING not in codes_of(CLEAN.replace("i saw", "i i saw"))


def test_rambling_from_leaving_the_plan() -> None:
    off = (
        f"{OPEN} so we have been in the business a long time and the market is changing fast with rates "
        f"going up and down and buyers are nervous everywhere right now {CLOSE}"
    )
    report = analyze(take(off), profile=PROFILE, script=SCRIPT)
    reasons = {r["reason"] for r in flag(report, codes.RAMBLING).details["reasons"]}
    assert reasons == {"off_plan"}
    assert codes.RAMBLING not in codes_of(off)  # without a plan there is nothing to drift from


def test_rambling_from_far_more_words_than_the_plan() -> None:
    short_plan = "Hi {prospect}, {name}, {company}, {phone}. One idea for your place. {phone}."
    report = analyze(take(CLEAN), profile=PROFILE, script=short_plan, prospect="John")
    reasons = {r["reason"]: r for r in flag(report, codes.RAMBLING).details["reasons"]}
    assert "too_many_words" in reasons and reasons["too_many_words"]["value"] >= 1.4


# -- contact_not_repeated --------------------------------------------------------------------------
def test_contact_not_repeated() -> None:
    once = f"{OPEN} {MIDDLE} thanks so much john talk soon"
    f = flag(analyze(take(once), profile=PROFILE), codes.CONTACT_NOT_REPEATED)
    assert f.details["parts"] == ["number"]
    both = analyze(take(once), profile=PROFILE, settings=Settings(repeat_parts=("number", "name")))
    assert flag(both, codes.CONTACT_NOT_REPEATED).details["parts"] == ["number", "name"]
    name_once = CLEAN.replace("again dana whitfield", "again that's")
    assert codes.CONTACT_NOT_REPEATED not in codes_of(name_once)
    assert codes.CONTACT_NOT_REPEATED not in codes_of(CLEAN)
    only_at_end = f"hi john {MIDDLE} it's dana with northwind realty {NUMBER}"
    assert codes.CONTACT_NOT_REPEATED not in codes_of(only_at_end)


# -- pace ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("wpm", "expected"), [(200, codes.PACE_TOO_FAST), (100, codes.PACE_TOO_SLOW), (150, None)])
def test_pace(wpm: float, expected: str | None) -> None:
    found = codes_of(take(CLEAN, wpm=wpm), time_limit=60) & {codes.PACE_TOO_FAST, codes.PACE_TOO_SLOW}
    assert found == ({expected} if expected else set())


def test_number_read_too_fast() -> None:
    words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(f"{OPEN} {MIDDLE}".split())]
    t0 = words[-1].end + 0.2
    words += [Word(w, t0 + i * 0.4, t0 + i * 0.4 + 0.3) for i, w in enumerate(["again", "dana", "whitfield"])]
    t1 = words[-1].end + 0.1
    words += [Word(w, t1 + i * 0.2, t1 + i * 0.2 + 0.18) for i, w in enumerate(NUMBER.split())]
    report = analyze(Transcript.from_words(words), profile=PROFILE, time_limit=60)
    f = flag(report, codes.NUMBER_TOO_FAST)
    assert f.details["digits_per_second"] > 4 and len(f.evidence) == 1
    assert codes.NUMBER_TOO_FAST not in codes_of(CLEAN)


# -- dead air, unclear words -----------------------------------------------------------------------
def test_dead_air() -> None:
    text = CLEAN.replace("market we", "market | we")
    f = flag(analyze(take(text, pause=2.5), profile=PROFILE, time_limit=60), codes.DEAD_AIR)
    assert f.details["count"] == 1 and f.evidence[0].end - f.evidence[0].start > 2.0
    assert codes.DEAD_AIR not in codes_of(take(text, pause=1.5), time_limit=60)


def test_unclear_words() -> None:
    three = CLEAN.replace("listing", "listing~0.3").replace("block", "block~0.2").replace("sixty", "sixty~0.41")
    f = flag(analyze(take(three), profile=PROFILE), codes.UNCLEAR_WORDS)
    assert f.details["count"] == 3 and f.evidence[0].word_indexes == (20,)
    assert codes.UNCLEAR_WORDS not in codes_of(CLEAN.replace("listing", "listing~0.3").replace("block", "block~0.2"))


# -- advice ----------------------------------------------------------------------------------------
def test_product_talk() -> None:
    pitch = CLEAN.replace(
        MIDDLE, "we offer a marketing platform our product gives our team listings we are proud of our results"
    )
    assert codes.PRODUCT_TALK in codes_of(pitch)
    balanced = CLEAN.replace("we sold", "we offer")  # once, with plenty of "you/your"
    assert codes.PRODUCT_TALK not in codes_of(balanced)


def test_referral_not_said() -> None:
    assert codes.REFERRAL_NOT_SAID in codes_of(CLEAN, referral="Priya Shah")
    said = CLEAN.replace("i saw", "priya shaw suggested i call i saw")
    assert codes.REFERRAL_NOT_SAID not in codes_of(said, referral="Priya Shah")
    assert codes.REFERRAL_NOT_SAID not in codes_of(CLEAN)


def test_false_follow_up_only_on_first_attempt() -> None:
    text = CLEAN.replace("i saw", "i'm following up on my last message i saw")
    f = flag(analyze(take(text), profile=PROFILE), codes.FALSE_FOLLOW_UP)
    assert f.details["phrases"] == ["following up", "my last message"]
    assert codes.FALSE_FOLLOW_UP not in codes_of(text, first_attempt=False)
    assert codes.FALSE_FOLLOW_UP not in codes_of(CLEAN)


def test_cliche_opener_is_a_tip() -> None:
    text = CLEAN.replace("hi john it's dana with", "hi john this is dana whitfield from")
    report = analyze(take(text), profile=PROFILE)
    f = flag(report, codes.CLICHE_OPENER)
    assert str(f.severity) == "tip" and f.evidence[0].word_indexes == (2, 3, 4, 5, 6)
    assert codes.CLICHE_OPENER in codes_of("hello my name is dana " + MIDDLE)
    assert codes.CLICHE_OPENER not in codes_of(CLEAN)


def test_filler_detection_limited_note_costs_nothing() -> None:
    report = analyze(take(CLEAN), profile=PROFILE, vocabulary=lambda w: w not in {"um", "uh"})
    assert report.codes == [codes.FILLER_DETECTION_LIMITED] and report.score == 100
    assert codes.FILLER_DETECTION_LIMITED not in codes_of(CLEAN, vocabulary=lambda w: True)
    assert codes.FILLER_DETECTION_LIMITED not in codes_of(CLEAN)


# -- score -----------------------------------------------------------------------------------------
def test_score_breakdown_explains_the_score() -> None:
    text = CLEAN.replace("hi john it's dana with", "hi john this is dana whitfield from")
    report = analyze(take(text, wpm=125), profile=PROFILE, settings=Settings(score_error_points=30))
    deductions = {d["code"]: d["points"] for d in report.score_breakdown["deductions"]}
    assert deductions == {codes.OVERRUN: 30, codes.CLICHE_OPENER: 2}
    assert report.score == 100 - 32 == report.score_breakdown["score"]
    assert "30 per error" in report.score_breakdown["formula"]
