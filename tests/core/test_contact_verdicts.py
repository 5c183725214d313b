"""Contact verdicts on imperfect recognition: each missing part has its own reason, a part said but bent is
"said but bent" (contact_misheard, quoting what the prospect reads), only an absent part is a miss."""

from __future__ import annotations

import pytest

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.contact import ContactFindings
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.profile import Profile
from voicecoach.core.report import Report, analyze

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")
NUMBER = "four one five five five five oh one four two"
MIDDLE = (
    "i saw your listing on elm street came off the market we sold three homes on your block this year "
    "each within sixty days if you're still thinking of selling i have one idea for your place"
)


def flag(report: Report, code: str) -> Flag | None:
    return next((f for f in report.flags if f.code == code), None)


# -- each part has its own reason -----------------------------------------------------------------------
def test_a_missing_company_is_not_said_to_stop_the_callback() -> None:
    report = analyze(take(f"hi john it's dana whitfield {NUMBER} {MIDDLE} again dana {NUMBER}"), profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.details["missing"] == ["company"]
    assert "call you back" not in f.message
    assert f.message.endswith("Without it the prospect cannot place you or look you up.")


def test_each_missing_part_gives_its_own_reason() -> None:
    report = analyze(take(f"hi john {MIDDLE} bye now"), profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.details["missing"] == ["name", "company", "number"]
    reasons = f.message.split(". ", 1)[1]
    assert "who called" in reasons and "look you up" in reasons and "call you back" in reasons
    number_only = analyze(take(f"hi john it's dana with northwind realty {MIDDLE} again dana"), profile=PROFILE)
    f = flag(number_only, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.message.endswith("Without it the prospect cannot call you back.")
    assert f.severity == Severity.ERROR


# -- contact slots: said but bent is not "not said" -------------------------------------------------------
def _misheard(report: Report) -> Flag:
    f = flag(report, codes.CONTACT_MISHEARD)
    assert f is not None, [(g.code, g.message) for g in report.flags]
    return f


def test_a_surname_bent_into_ordinary_words_is_misheard_not_missing() -> None:
    """pocketsphinx printed "its they know with" for "it's Dana with" and "pain away field" for Dana Whitfield."""
    report = analyze(
        take(f"hi john its they know with northwind realty {NUMBER} {MIDDLE} again pain away field {NUMBER}"),
        profile=PROFILE,
        prospect="John",
    )
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    f = _misheard(report)
    assert f.severity == Severity.TIP and "“they know”" in f.message and "You said your name" in f.message
    assert f.details["said_but_bent"] == ["name"]
    assert [e.label for e in f.evidence] == ["reads as “they know”"]


def test_a_company_bent_in_its_slot_is_quoted_as_the_company_span() -> None:
    report = analyze(
        take(f"hi john it's dana with more than bright tea {NUMBER} {MIDDLE} again dana whitfield {NUMBER}"),
        profile=PROFILE,
    )
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    f = _misheard(report)
    assert "“more than bright tea”" in f.message and f.details["said_but_bent"] == ["company"]


def test_an_empty_slot_is_still_a_miss() -> None:
    """"it's me with …" and "i'm calling from …" hold no name: only an absent slot is a miss, and it says so."""
    for opener in ("it's me with northwind realty", "i'm calling from northwind realty"):
        report = analyze(take(f"hi john {opener} {NUMBER} {MIDDLE} again {NUMBER}"), profile=PROFILE)
        f = flag(report, codes.MISSING_CONTACT_INFO)
        assert f is not None and f.severity == Severity.ERROR and f.details["missing"] == ["name"], opener
        assert "You didn't say your name" in f.message
        assert flag(report, codes.CONTACT_MISHEARD) is None


def test_a_slot_holding_another_person_the_recogniser_is_sure_of_is_a_miss() -> None:
    text = f"hi john this is priya shah from northwind realty {NUMBER} {MIDDLE} again {NUMBER}"
    report = analyze(take(text), profile=PROFILE, referral="Priya Shah")
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.ERROR and f.details["missing"] == ["name"]
    unsure = text.replace("priya shah", "priya~0.3 shah~0.3")
    report = analyze(take(unsure), profile=PROFILE, referral="Priya Shah")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None and _misheard(report)


def test_ordinary_speech_after_its_is_not_a_name_slot() -> None:
    report = analyze(take(f"hi john it's a busy season i know {MIDDLE} call me {NUMBER} {NUMBER}"), profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.ERROR and f.details["missing"] == ["name", "company"]


# -- transcripts without evidence -------------------------------------------------------------------------
def test_unknown_words_in_the_name_slot_make_the_miss_a_note() -> None:
    report = analyze(take(f"hi john this is [unk] [unk] from northwind realty {NUMBER} {MIDDLE} {NUMBER}"),
                     profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.TIP and f.details["unverified"] is True
    assert "unclear" in f.message and "didn't say" not in f.message


def test_a_transcript_mostly_unclear_without_a_second_decode_does_not_accuse() -> None:
    """analyze --transcript has no constrained decode; at 40 % unclear words a missing part is a note."""
    words = f"hi john its~0.2 uh~0.2 with northwind realty {NUMBER} {MIDDLE} again {NUMBER}".split()
    unclear = [w if "~" in w or k % 2 else f"{w}~0.3" for k, w in enumerate(words)]
    report = analyze(take(" ".join(unclear)), profile=PROFILE)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.TIP and f.details.get("unverified") is True
    clear = analyze(take(" ".join(w.split("~")[0] for w in words)), profile=PROFILE)
    f = flag(clear, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.ERROR


# -- companies with digits and symbols ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("company", "said"),
    [
        ("Route 9 Movers", "route nine movers"),
        ("Smith & Sons", "smith and sons"),
        ("24/7 Plumbing", "twenty four seven plumbing"),
        ("3 Rivers Dental", "three rivers dental"),
        ("7 Seas Travel LLC", "seven seas travel"),
    ],
)
def test_a_company_with_digits_or_symbols_is_heard_as_said(company: str, said: str) -> None:
    profile = Profile("Dana Whitfield", company, "+1 415-555-0142")
    report = analyze(take(f"hi john it's dana with {said} {NUMBER} {MIDDLE} again dana whitfield {NUMBER}"),
                     profile=profile)
    assert flag(report, codes.MISSING_CONTACT_INFO) is None, report.flags
    assert flag(report, codes.CONTACT_MISHEARD) is None, report.flags
    (mention,) = report_context(report, profile, said).company
    assert mention.heard == said


def test_a_bent_company_with_a_digit_is_quoted_without_the_number_glued_on() -> None:
    profile = Profile("Dana Whitfield", "Route 9 Movers", "+1 312-555-0187")
    number = "three one two five five five oh one eight seven"
    report = analyze(take(f"hi john it's dana with root nine movies {number} {MIDDLE} again dana whitfield {number}"),
                     profile=profile)
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    f = flag(report, codes.CONTACT_MISHEARD)
    assert f is not None and "“root nine movies”" in f.message, f.message


def report_context(report: Report, profile: Profile, said: str) -> ContactFindings:
    from voicecoach.core.contact import find_contact

    return find_contact(take(f"hi john it's dana with {said} {NUMBER}"), profile)


@pytest.mark.parametrize(
    ("company", "said"),
    [
        ("Route 9 Movers", "root mine movers"),
        ("Route 9 Movers", "route nine moves"),
        ("24/7 Plumbing", "twenty for seven plumbing"),
        ("3 Rivers Dental", "free rivers dental"),
    ],
)
def test_misheard_quotes_the_whole_company_span_and_not_the_number(company: str, said: str) -> None:
    profile = Profile("Dana Whitfield", company, "+1 312-555-0187")
    number = "three one two five five five oh one eight seven"
    report = analyze(take(f"hi john it's dana with {said} {number} {MIDDLE} again dana whitfield {number}"),
                     profile=profile)
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    f = flag(report, codes.CONTACT_MISHEARD)
    assert f is not None and f"your company came out as “{said}”" in f.message, f.message


def test_script_words_that_sound_like_the_company_are_not_the_company() -> None:
    """"idea for" (from "one idea for your place") is the script said, not the company Idea Forge bent."""
    script = (
        "Hi {prospect}, it's {first_name}, {phone}. If you're still thinking of selling, I have one idea for "
        "your place. Again, {name}, {phone}."
    )
    profile = Profile("Dana Whitfield", "Idea Forge", "+1 415-555-0142")
    text = f"hi john it's dana {NUMBER} if you're still thinking of selling i have one idea for your place again dana"
    report = analyze(take(f"{text} {NUMBER}"), profile=profile, script=script, prospect="John")
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.details["missing"] == ["company"]
    assert flag(report, codes.CONTACT_MISHEARD) is None


# -- digits: trunk 0, a swallowed "oh", extensions ---------------------------------------------------------
MIDDLE_SHORT = "i saw your listing on elm street came off the market we sold three homes on your block"


def _judge_number(phone: str, said: str, constrained: str | None = None) -> Report:
    from voicecoach.core.transcript import RecognitionEvidence

    profile = Profile("Dana Whitfield", "Northwind Realty", phone)
    t = take(f"hi john it's dana with northwind realty {said} {MIDDLE_SHORT} again dana whitfield {said}")
    if constrained is not None:
        c = take(f"hi john it's dana with northwind realty {constrained} {MIDDLE_SHORT} again dana whitfield "
                 f"{constrained}")
        t = t.with_recognition(RecognitionEvidence(constrained=c.words))
    return analyze(t, profile=profile)


def test_a_trunk_0_number_counts_heard_and_total_digits_in_the_same_form() -> None:
    """+353 85 123 4567 dialled 085 123 4567: two digits wrong is 8 of 10, never "9 of 9"."""
    report = _judge_number("+353 85 123 4567", "oh eight five one two three four five eight eight")
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and "heard 8 of 10 digits" in f.message, f.message
    assert f.details["number"]["total_digits"] == 10


def test_a_swallowed_oh_confirmed_by_both_decodes_is_a_check_the_0_tip() -> None:
    """+44 7700 900123 said "oh seven seven oh oh, nine oh oh, one two three"; both decodes dropped the ohs."""
    heard = "seven seven nine one two three"
    report = _judge_number("+44 7700 900123", heard, constrained=heard)
    assert flag(report, codes.MISSING_CONTACT_INFO) is None, report.flags
    f = flag(report, codes.CONTACT_MISHEARD)
    assert f is not None and f.severity == Severity.TIP
    assert "check the 0" in f.message and f"“{heard}”" in f.message
    assert "left out" not in f.message


def test_a_number_one_digit_off_is_misheard_not_missing() -> None:
    report = _judge_number("+1 415-555-0142", "four one five five five five oh one four three")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    f = flag(report, codes.CONTACT_MISHEARD)
    assert f is not None and "heard 9 of 10 digits" in f.message
    far = _judge_number("+1 415-555-0142", "four one five five five five")
    g = flag(far, codes.MISSING_CONTACT_INFO)
    assert g is not None and g.severity == Severity.ERROR and "heard 6 of 10 digits" in g.message


def test_an_extension_with_a_word_bent_in_it_is_an_extension() -> None:
    """pocketsphinx printed "extension for all seven" for "extension four seven"."""
    number = "three one two five five five oh one eight seven"
    report = _judge_number("+1 312-555-0187 ext. 47", f"{number} extension for all seven")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None, report.flags
    without = _judge_number("+1 312-555-0187 ext. 47", number)
    f = flag(without, codes.MISSING_CONTACT_INFO)
    assert f is not None and "extension not said" in f.message


def test_a_long_name_bent_into_many_short_words_up_to_the_company_is_a_slot() -> None:
    """pocketsphinx: "this is all you assume the dummy from keystone partners" for Oluwaseun Adeyemi."""
    profile = Profile("Oluwaseun Adeyemi", "Keystone Partners", "+1 415-555-0142")
    text = f"hello emma this is all you assume the dummy from keystone partners {NUMBER} {MIDDLE} again {NUMBER}"
    report = analyze(take(text), profile=profile, prospect="Emma")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    assert "“all you assume the dummy”" in _misheard(report).message


def test_a_bent_again_its_at_the_end_opens_a_name_slot() -> None:
    """pocketsphinx: "again is elena time she met one eight hundred …" for "Again, Zoe at 1 800 …"."""
    text = f"hi john it says you with northwind realty {NUMBER} {MIDDLE} again is elena time she met {NUMBER}"
    report = analyze(take(text), profile=PROFILE, prospect="John")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None
    assert "“elena time she met”" in _misheard(report).message


def test_the_number_repeated_at_the_end_with_digits_bent_is_still_repeated() -> None:
    """The repeat "before one two three four five six seven eight" for "oh four one two …": 8 of 10 digits
    heard at the end is the number said again, not "you didn't repeat it"."""
    profile = Profile("Dana Whitfield", "Northwind Realty", "+61 412 345 678")
    said = "oh four one two three four five six seven eight"
    bent = "before one two three four five six seven eight"
    text = f"hi john it's dana with northwind realty {said} {MIDDLE} that's dana northwind realty {bent}"
    report = analyze(take(text), profile=profile, prospect="John")
    assert flag(report, codes.CONTACT_NOT_REPEATED) is None, report.flags


def test_a_number_both_decodes_heard_but_for_a_digit_or_two_is_not_an_accusation() -> None:
    """Free: "six so far five five five …"; limited to the script: "six of four five five five zero won to three"."""
    free = "six so far five five five zero one two three"
    report = _judge_number("+1 604-555-0123", free, constrained="six of four five five five zero won to three")
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.TIP and f.details["unverified"] is True


def test_a_repeat_with_homophones_at_its_edge_is_a_repeat() -> None:
    """The repeat came out "sexual for five five five zero one two three" for "six oh four, five five five …"."""
    profile = Profile("Dana Whitfield", "Northwind Realty", "+1 604-555-0123")
    said = "six oh four five five five zero one two three"
    bent = "sexual for five five five zero one two three"
    text = f"hi john it's dana with northwind realty {said} {MIDDLE} that's dana {bent}"
    assert flag(analyze(take(text), profile=profile), codes.CONTACT_NOT_REPEATED) is None


def test_a_company_whose_link_word_was_bent_away_is_the_words_before_the_number() -> None:
    """pocketsphinx: "its ti vo it dried line seller but to seven nine …" for "it's Teebo with Brightline
    Solar, oh two oh, seven nine …": the words between the name and the number are the company, said."""
    profile = Profile("Thibault Marchetti", "Brightline Solar", "+44 20 7946 0958")
    number = "oh two oh seven nine four six oh nine five eight"
    text = f"hi helen its ti vo it dried line seller but {number} {MIDDLE} again thibault marchetti {number}"
    report = analyze(take(text), profile=profile, prospect="Helen")
    assert flag(report, codes.MISSING_CONTACT_INFO) is None, report.flags
    assert "your company came out as “dried line seller but”" in _misheard(report).message


def test_an_extension_neither_decode_heard_is_still_a_miss() -> None:
    number = "three one two five five five oh one eight seven"
    report = _judge_number("+1 312-555-0187 ext. 47", number, constrained=number.replace("one", "won"))
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.ERROR and "extension not said" in f.message


def test_one_word_alone_in_a_name_slot_must_start_like_the_name() -> None:
    """"it's me with …" came out "it's new it's …" and "again, two one two …" "again q one two …": one
    unrelated word is no bent name; "it's monica to …" for Marek still is."""
    liam = Profile("Liam Kowalczyk", "Northwind Realty", "+1 415-555-0142")
    report = analyze(take(f"hi john it's new it's northwind realty {NUMBER} {MIDDLE} again q {NUMBER}"), profile=liam)
    f = flag(report, codes.MISSING_CONTACT_INFO)
    assert f is not None and f.severity == Severity.ERROR and f.details["missing"] == ["name"]
    marek = Profile("Marek Wisniewski", "Northwind Realty", "+1 415-555-0142")
    report = analyze(take(f"hi john it's monica to northwind realty {NUMBER} {MIDDLE} again {NUMBER}"), profile=marek)
    assert flag(report, codes.MISSING_CONTACT_INFO) is None and "“monica”" in _misheard(report).message
