from __future__ import annotations

import pytest

from voicecoach.core.profile import Profile
from voicecoach.core.script import (
    ScriptError,
    align,
    fill_placeholders,
    load_script,
    parse_script,
    placeholders_in,
    plan_tokens,
)
from voicecoach.core.spoken_form import number_words, spoken_tokens

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "415-555-0142", email="dana@northwindrealty.com")


def test_fill_placeholders_leaves_unknown_ones() -> None:
    text = "Hi {prospect}, {first_name} of {company} at {phone}, {referral} sent me. {website} {bogus}"
    filled = fill_placeholders(text, PROFILE, prospect="John")
    assert filled == "Hi John, Dana of Northwind Realty at 415-555-0142, {referral} sent me. {website} {bogus}"
    assert placeholders_in(filled) == ["referral", "website", "bogus"]


def test_spoken_form_of_digits_and_addresses() -> None:
    assert spoken_tokens("Call 415-555-0142 now.") == [
        "call",
        "four",
        "one",
        "five",
        "five",
        "five",
        "five",
        "zero",
        "one",
        "four",
        "two",
        "now",
    ]
    assert spoken_tokens("We saved 30% in 2019 for 3rd-party") == (
        ["we", "saved", "thirty", "percent", "in", "twenty", "nineteen", "for", "three", "party"]
    )
    assert spoken_tokens("Email dana@nw.com or see nw.com") == [
        "email",
        "dana",
        "at",
        "nw",
        "dot",
        "com",
        "or",
        "see",
        "nw",
        "dot",
        "com",
    ]
    assert spoken_tokens("It’s fine") == ["it's", "fine"]
    assert spoken_tokens("$5,000 at 2.5%") == ["five", "thousand", "dollars", "at", "two", "point", "five", "percent"]
    assert number_words(142) == ["one", "hundred", "forty", "two"]
    assert number_words(2500) == ["two", "thousand", "five", "hundred"]


def test_front_matter() -> None:
    s = parse_script("title: Cold call\nlimit: 25\nreferral: Priya Shah\n---\nHi there.\n")
    assert (s.title, s.time_limit, s.referral, s.text) == ("Cold call", 25.0, "Priya Shah", "Hi there.")
    plain = parse_script("Hi there.\n---\nmore")
    assert plain.title is None and plain.text == "Hi there.\n---\nmore"
    with pytest.raises(ScriptError, match="limit"):
        parse_script("limit: soon\n---\nHi")


def test_load_script_titles_from_file_name(tmp_path) -> None:
    p = tmp_path / "cold-call.txt"
    p.write_text("Hi {prospect}.", encoding="utf-8")
    assert load_script(p).title == "cold call"
    with pytest.raises(ScriptError, match="cannot read"):
        load_script(tmp_path / "missing.txt")


def test_alignment_coverage_and_unplanned() -> None:
    plan = plan_tokens("Hi {prospect}, I saw your listing on Elm Street.")
    spoken = ["hi", "i", "saw", "your", "um", "nice", "listing", "on", "elm", "street"]
    al = align(plan, spoken)
    assert plan == ["hi", "i", "saw", "your", "listing", "on", "elm", "street"]
    assert al.coverage == 1.0
    assert al.unplanned == (4, 5)
    assert al.unplanned_share == pytest.approx(2 / 10)


def test_alignment_treats_oh_as_zero() -> None:
    al = align(plan_tokens("415-555-0142"), ["four", "one", "five", "five", "five", "five", "oh", "one", "four", "two"])
    assert al.coverage == 1.0 and al.unplanned == ()


def test_alignment_of_nothing() -> None:
    al = align(["hi"], [])
    assert al.coverage == 0.0 and al.unplanned_share == 0.0 and al.missed_plan == (0,)


def test_split_company_name_is_not_off_script() -> None:
    from tests.core.takes import take
    from voicecoach.core.checks.context import build_context

    t = take("hi it's dana with north wind realty um call me")
    ctx = build_context(t, script="Hi, it's {first_name} with {company}. Call me.", profile=PROFILE)
    assert ctx.alignment is not None
    assert ctx.alignment.unplanned == ()  # "um" is a filler, "north wind" is Northwind
    assert ctx.alignment.coverage == 1.0
    other = build_context(take("hi it's dana with northern lights call me"), script="Hi, {company}.", profile=PROFILE)
    assert other.alignment is not None and other.alignment.unplanned == (1, 2, 3, 4, 5, 6, 7)


def test_accented_names_are_folded_in_the_plan_as_in_contact_matching() -> None:
    """The constrained decode's words come from the plan: "Zoë" must be "zoe" there, as the contact finder reads it."""
    from voicecoach.core.matching import words_of

    assert plan_tokens("Hi, it's Zoë Nakashima from Renée's Café, Ångström & Søn.") == [
        "hi", "it's", "zoe", "nakashima", "from", "renee's", "cafe", "angstrom", "and", "son",
    ]  # fmt: skip
    assert words_of("Zoë Renée") == plan_tokens("Zoë Renée") == ["zoe", "renee"]
    assert words_of("Łukasz Øberg Straße") == ["lukasz", "oberg", "strasse"]


def test_a_recogniser_printing_accents_still_matches_the_folded_profile() -> None:
    from voicecoach.core.contact import find_contact
    from voicecoach.core.transcript import Transcript, Word

    words = ["hi", "it's", "zoë", "from", "café", "rené"]
    t = Transcript.from_words(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(words))
    found = find_contact(t, Profile("Zoe Nakashima", "Cafe Rene", "415 555 0142"))
    assert found.name and found.company
