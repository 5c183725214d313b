"""Contact matching on what a recogniser really prints: other people's names, homophones, extensions,
addresses that contain the company, numbers in national form and names bent beyond their spelling."""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.contact import find_contact
from voicecoach.core.profile import Profile
from voicecoach.core.report import analyze
from voicecoach.core.transcript import Transcript, Word

DANA = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142", "northwindrealty.com")
NUMBER = "four one five five five five oh one four two"


def words(text: str) -> Transcript:
    return Transcript.from_words(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(text.split()))


def missing(text: str, profile: Profile, **kw: str) -> list[str]:
    report = analyze(words(text), profile=profile, **kw)
    flags = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    return [*flags[0].details["missing"], *flags[0].details["incomplete"]] if flags else []


def test_the_prospects_name_is_not_the_reps() -> None:
    marek = Profile("Marek Nowak", "Northwind Realty", "+1 415-555-0142")
    text = f"hi mark i saw your listing on elm street northwind realty {NUMBER}"
    assert missing(text, marek, prospect="Mark") == ["name"]
    assert missing(f"hi mark it's marek from northwind realty {NUMBER}", marek, prospect="Mark") == []


def test_the_referrals_name_is_not_the_reps_even_with_the_same_name() -> None:
    text = f"dana smith suggested i call you about your listing northwind realty {NUMBER}"
    assert missing(text, DANA, referral="Dana Smith") == ["name"]
    same_surname = f"chris whitfield suggested i call northwind realty {NUMBER}"
    assert missing(same_surname, DANA, referral="Chris Whitfield") == ["name"]
    both = f"dana smith suggested i call it's dana whitfield northwind realty {NUMBER}"
    assert missing(both, DANA, referral="Dana Smith") == []


def test_digit_homophones_at_the_edges_of_the_number() -> None:
    found = find_contact(words("call me at for one five five five five oh one four to thanks"), DANA)
    assert found.number.complete
    (m,) = found.number.mentions
    assert (m.first, m.last) == (3, 12)


def test_won_inside_the_number_is_one() -> None:
    assert find_contact(words("four one five five five five oh won four two"), DANA).number.complete
    assert find_contact(words("four won five five five five oh one four two"), DANA).number.complete


def test_homophones_count_only_when_the_digits_then_match() -> None:
    found = find_contact(words("i wanted to talk to four one five five five five oh one four three"), DANA)
    assert not found.number.complete
    assert found.number.heard_digits == 9


def test_an_extension_must_be_said() -> None:
    ext = Profile("Dana Whitfield", "Northwind Realty", "+1 800 555 1212 ext. 214")
    bare = "call eight hundred five five five one two one two"
    report = analyze(words(f"it's dana whitfield northwind realty {bare} thanks"), profile=ext)
    (flag,) = [f for f in report.flags if f.code == codes.MISSING_CONTACT_INFO]
    assert "extension not said" in flag.message
    for said in ("extension two one four", "ext two one four", "x two one four", "extension two fourteen"):
        found = find_contact(words(f"{bare} {said} thanks"), ext)
        assert found.number.complete, said


def test_company_said_inside_the_website_counts() -> None:
    bright = Profile("Dana Whitfield", "Brightline", "+1 415-555-0142", "brightline.io")
    found = find_contact(words("hi it's dana see brightline dot io"), bright)
    assert found.company and found.website


def test_the_website_never_hides_the_company_said_in_full() -> None:
    blue = Profile("Dana Whitfield", "Blue Sky Homes", "+1 415-555-0142", "blueskyhomes.com")
    found = find_contact(words("hi it's dana with blue sky homes dot com"), blue)
    assert found.company and found.website
    uk = Profile("Dana Whitfield", "Harbour Lane Lettings", "+44 20 7946 0958", "harbourlanelettings.co.uk")
    found = find_contact(words("hi it's dana with harbour lane lettings co uk"), uk)
    assert found.company and not found.website  # no "dot" was said: the company, not the address
    said = "oh two oh seven nine four six oh nine five eight"
    assert missing(f"hi it's dana whitfield with harbour lane lettings co {said}", uk) == []


def test_numbers_in_national_form() -> None:
    london = Profile("Dana Whitfield", "Northwind Realty", "+44 20 7946 0958")
    said = "oh two oh seven nine four six oh nine five eight"
    assert find_contact(words(said), london).number.complete
    moscow = Profile("Dana Whitfield", "Northwind Realty", "+7 495 123-45-67")
    assert find_contact(words("eight four nine five one two three four five six seven"), moscow).number.complete
    assert find_contact(words("four nine five one two three four five six seven"), moscow).number.complete


def test_names_bent_beyond_their_spelling() -> None:
    siobhan = Profile("Siobhan Kelly", "Okonkwo & Sons", "+1 415-555-0142")
    found = find_contact(words("hi it's shiv on with oh con quo and sons"), siobhan)
    assert found.name and found.company
    assert not find_contact(words("hi it's sean with o'connor and sons"), siobhan).company
