from __future__ import annotations

import pytest

from voicecoach.core.contact import find_contact, national_forms
from voicecoach.core.matching import company_words, spoken_address
from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript, Word

PROFILE = Profile(
    "Dana Whitfield", "Northwind Realty Inc.", "+1 415-555-0142", "www.northwindrealty.com", "dana@northwindrealty.com"
)
NUMBER = "four one five five five five oh one four two"


def words(text: str) -> Transcript:
    return Transcript.from_words(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(text.split()))


def test_everything_found_with_positions() -> None:
    t = words(f"hi this is dana whitfield with northwind realty {NUMBER} bye")
    found = find_contact(t, PROFILE)
    assert found.missing() == []
    assert [(m.first, m.last) for m in found.name] == [(3, 4)]
    assert [(m.first, m.last) for m in found.company] == [(6, 7)]
    (number,) = found.number.mentions
    assert (number.first, number.last, number.digits) == (8, 17, "4155550142")
    assert number.start == pytest.approx(3.2) and number.end == pytest.approx(7.1)


@pytest.mark.parametrize(
    ("heard", "part"),
    [
        ("dana whit field", "name"),
        ("dana white field", "name"),
        ("diana", "name"),
        ("north wind realty", "company"),
        ("northwind reality", "company"),
        ("north wind realty incorporated", "company"),
    ],
)
def test_split_or_bent_names_are_accepted(heard: str, part: str) -> None:
    found = find_contact(words(f"hello it's {heard} calling"), PROFILE)
    assert getattr(found, part), heard


@pytest.mark.parametrize(
    ("heard", "part"),
    [
        ("data", "name"),
        ("and a", "name"),
        ("wakefield", "name"),
        ("field", "name"),
        ("northern realty", "company"),
        ("northwest realty", "company"),
        ("realty", "company"),
        ("the", "company"),
    ],
)
def test_unrelated_words_are_rejected(heard: str, part: str) -> None:
    found = find_contact(words(f"hello it's {heard} calling"), PROFILE)
    assert not getattr(found, part), heard


def test_number_without_country_code_or_with_it() -> None:
    assert find_contact(words(NUMBER), PROFILE).number.complete
    assert find_contact(words(f"plus one {NUMBER}"), PROFILE).number.complete
    assert find_contact(words("area code four one five double five five oh one forty two"), PROFILE).number.complete


def test_partial_number_counts_digits_heard() -> None:
    found = find_contact(words("call me at four one five five five five thanks"), PROFILE)
    assert not found.number.complete
    assert (found.number.heard_digits, found.number.total_digits) == (6, 10)
    assert found.number.best_attempt is not None and found.number.best_attempt.first == 3


def test_wrong_digit_is_not_the_number() -> None:
    found = find_contact(words("four one five five five five oh one four three"), PROFILE)
    assert not found.number.complete
    assert found.number.heard_digits == 9


def test_without_profile_any_seven_digits_count() -> None:
    found = find_contact(words("call five five five one two one two"), None)
    assert found.number.complete and found.missing() == []
    short = find_contact(words("call five five five one two"), None)
    assert short.missing() == ["number"] and short.number.heard_digits == 5


def test_website_and_email_spoken() -> None:
    t = words("email dana at north wind realty dot com or see w w w dot northwind realty dot com")
    found = find_contact(t, PROFILE)
    assert found.email and found.email[0].first == 1 and found.email[0].last == 7
    assert found.website and found.website[0].first == 14
    assert find_contact(words("see you soon"), PROFILE).website == ()
    assert find_contact(words("it's dot northwind realty dot com"), PROFILE).email == ()
    assert find_contact(words("email donald at northwind realty dot com"), PROFILE).email == ()
    assert find_contact(words("hi"), Profile("A B", "C", "1")).website is None


def test_national_forms() -> None:
    assert national_forms("+1 415-555-0142") == ["14155550142", "4155550142"]
    assert national_forms("+44 20 7946 0958") == ["442079460958", "2079460958", "02079460958"]
    assert national_forms("415.555.0142") == ["4155550142"]
    assert national_forms("1-800-555-1212") == ["18005551212", "8005551212"]


def test_helpers() -> None:
    assert company_words("Smith & Sons, LLC") == ["smith", "and", "sons"]
    assert spoken_address("https://www.north-wind.com/") == ["north", "dash", "wind", "dot", "com"]
    assert spoken_address("dana.w@x.io") == ["dana", "dot", "w", "at", "x", "dot", "io"]


def test_first_name_that_is_an_everyday_word() -> None:
    will = Profile("Will Carter", "Carter Homes", "415-555-0142")
    assert not find_contact(words("i will send you the numbers"), will).name
    assert find_contact(words("hi it's will from carter homes"), will).name
    assert find_contact(words("i will carter homes"), will).name  # the full name still counts


def test_number_in_groups_with_words_between() -> None:
    t = words("my number is four one five that's five five five oh one four two thanks")
    (m,) = find_contact(t, PROFILE).number.mentions
    assert (m.first, m.last) == (3, 13)
    apart = words("four one five and then a long story about homes five five five oh one four two")
    assert not find_contact(apart, PROFILE).number.complete


def test_number_twice_in_a_row() -> None:
    found = find_contact(words(f"{NUMBER} again {NUMBER}"), PROFILE)
    assert [(m.first, m.last) for m in found.number.mentions] == [(0, 9), (11, 20)]
    back_to_back = find_contact(words(f"{NUMBER} {NUMBER}"), PROFILE)
    assert [(m.first, m.last) for m in back_to_back.number.mentions] == [(0, 9), (10, 19)]
