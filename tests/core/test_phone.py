"""Profile phone numbers: parsed once, rejected with a clear sentence when they cannot be a number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voicecoach.core.phone import MAX_PHONE_CHARS, PhoneError, parse_phone
from voicecoach.core.profile import Profile, ProfileError


def test_national_and_international_forms_normalise_to_one_number() -> None:
    for text in ("415-555-0142", "+1 415-555-0142", "(415) 555 0142", "1-415-555-0142"):
        n = parse_phone(text)
        assert (n.e164, n.national, n.national_dialing, n.extension) == ("+14155550142", "4155550142",
                                                                         "4155550142", "")
        assert n.region == "US" and n.country_code == "1"
        assert n.display == "(415) 555-0142"
        assert n.read_back == "four one five, five five five, zero one four two"
        assert n.digit_forms() == ("4155550142", "14155550142")


def test_extension_is_kept_apart_from_the_number() -> None:
    for text in ("415-555-0142 ext. 12", "415 555 0142 x12", "(415) 555-0142 #12", "415.555.0142, extension 12"):
        n = parse_phone(text)
        assert n.e164 == "+14155550142" and n.extension == "12"
        assert "12" not in "".join(n.digit_forms())
        assert n.display == "(415) 555-0142 ext. 12"
        assert n.read_back.endswith(", extension one two")


def test_region_decides_a_national_form_and_the_trunk_prefix_is_kept() -> None:
    n = parse_phone("020 7946 0958", region="gb")
    assert n.e164 == "+442079460958" and n.region == "GB" and n.country_code == "44"
    assert n.digit_forms() == ("02079460958", "2079460958", "442079460958")
    abroad = parse_phone("+44 20 7946 0958")  # seen from the default region: shown in international form
    assert abroad.e164 == n.e164 and abroad.display == "+44 20 7946 0958"
    assert abroad.read_back.startswith("plus four four, two zero")


@pytest.mark.parametrize(("text", "says"), [
    ("12", "is too short"),
    ("ext 12", "has only an extension (12)"),
    ("call me", "has no digits"),
    ("-", "has no digits"),
    ("+999 1234567", "country code that does not exist"),
    ("4155550142123456789", "is too long"),
    ("5" * (MAX_PHONE_CHARS + 1), "characters long"),
])
def test_text_that_cannot_be_a_number_is_refused_with_a_sentence(text: str, says: str) -> None:
    with pytest.raises(PhoneError, match=r"e\.g\. 415-555-0142") as info:
        parse_phone(text)
    assert says in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("phone", ["ext 12", "call me", "12"])
def test_profile_refuses_a_phone_without_a_number(phone: str) -> None:
    with pytest.raises(ProfileError, match="phone number"):
        Profile.from_dict({"name": "Dana Whitfield", "company": "Northwind", "phone": phone})


def test_profile_keeps_the_phone_as_written_and_parses_it_on_demand() -> None:
    p = Profile.from_dict({"name": "Dana", "company": "Northwind", "phone": " 415-555-0142 x7 "})
    assert p.phone == "415-555-0142 x7"
    assert p.phone_number.extension == "7" and p.phone_number.e164 == "+14155550142"


@given(st.text(max_size=120))
def test_any_text_is_a_number_or_a_phone_error(text: str) -> None:
    try:
        n = parse_phone(text)
    except PhoneError as exc:
        assert str(exc)
    else:
        assert n.e164.startswith("+") and n.e164[1:].isascii() and n.e164[1:].isdigit()
        assert all(f.isascii() and f.isdigit() for f in n.digit_forms())


def test_a_profile_email_needs_a_domain_ending() -> None:
    import pytest

    from voicecoach.core.profile import Profile, ProfileError

    base = {"name": "Dana Whitfield", "company": "Northwind Realty", "phone": "415-555-0142"}
    with pytest.raises(ProfileError, match="dana@northwind"):
        Profile.from_dict({**base, "email": "dana@northwind"})
    for ok in ("dana@northwind.com", "d.w+vm@mail.northwind.co.uk"):
        assert Profile.from_dict({**base, "email": ok}).email == ok
