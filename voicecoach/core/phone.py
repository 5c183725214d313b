"""The rep's callback number, parsed once: what counts as saying it, and how the app reads it back.

A profile phone is typed by hand ("415-555-0142", "+44 20 7946 0958", "(415) 555-0142 ext. 12"). Before
this check anything was accepted, so "call me" or "ext 12" left the app without a number to listen for
and any seven digits then passed as the callback number. Google's libphonenumber rules (the pure-Python
``phonenumbers`` port) decide whether the text is a possible number for its country; an extension is
kept apart because reps rarely read it aloud, and the national forms are what a prospect in the same
country hears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from voicecoach.core.spoken_numbers import say_digits

__all__ = [
    "DEFAULT_REGION",
    "MAX_PHONE_CHARS",
    "PhoneError",
    "PhoneNumber",
    "parse_phone",
    "split_extension",
]

#: Region assumed for a number written without a country code (+...), when the caller names none.
DEFAULT_REGION = "US"
#: Longer text is not a phone number (libphonenumber itself stops at 250 characters).
MAX_PHONE_CHARS = 80

_EXAMPLE = "write it with its area code, e.g. 415-555-0142, or in international form, e.g. +44 20 7946 0958"
# A trailing extension: "ext. 12", "extension 12", "x12", "#12". Anchored and without nested repeats.
_EXTENSION = re.compile(r"[\s,;]*(?:(?<![a-z])(?:ext\.?|extension|x)|#)\s*(\d{1,10})\s*$", re.IGNORECASE)


_PARSE_PROBLEMS = {
    NumberParseException.INVALID_COUNTRY_CODE: "has a country code that does not exist",
    NumberParseException.TOO_SHORT_NSN: "is too short",
    NumberParseException.TOO_SHORT_AFTER_IDD: "is too short",
    NumberParseException.TOO_LONG: "is too long",
}


class PhoneError(ValueError):
    """Text that is not a usable phone number; ``str(exc)`` is a full sentence for the user."""


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """One phone number, normalised. All digit fields hold ASCII digits only.

    ``e164``: "+14155550142"; ``national``: the national significant number ("4155550142",
    "2079460958"); ``national_dialing``: what is dialled inside the country, trunk prefix included
    ("4155550142", "02079460958"); ``extension``: "" or its digits; ``region``: "US", "GB", ... ("" for
    non-geographic numbers); ``display``: how the app shows it; ``read_back``: the words a listener hears
    when it is read digit by digit ("four one five, five five five, zero one four two").
    """

    e164: str
    national: str
    national_dialing: str
    extension: str
    region: str
    display: str
    read_back: str

    @property
    def country_code(self) -> str:
        return self.e164[1 : len(self.e164) - len(self.national)]

    def digit_forms(self) -> tuple[str, ...]:
        """Digit strings that count as saying the number (extension excluded): national first, then
        with the country code ("14155550142", "442079460958")."""
        forms = (self.national_dialing, self.national, self.e164[1:])
        return tuple(dict.fromkeys(forms))


def split_extension(text: str) -> tuple[str, str]:
    """("415-555-0142", "12") from "415-555-0142 ext. 12"; the extension is "" when there is none."""
    m = _EXTENSION.search(text)
    if m is None:
        return text.strip(), ""
    return text[: m.start()].strip(), m.group(1)


def parse_phone(text: str, region: str | None = None) -> PhoneNumber:
    """Parse a written phone number; raise PhoneError saying what is wrong and how to write it.

    ``region`` (ISO 3166 code, e.g. "GB") is the country of a number written without +country code;
    DEFAULT_REGION when None.
    """
    region = (region or DEFAULT_REGION).upper()
    raw = " ".join(str(text).split())
    if len(raw) > MAX_PHONE_CHARS:
        raise PhoneError(f"the phone number is {len(raw)} characters long; {_EXAMPLE}")
    main, extension = split_extension(raw)
    if not any(ch.isdigit() for ch in main):
        what = f"only an extension ({extension})" if extension else "no digits"
        raise PhoneError(f"the phone number “{raw}” has {what}: {_EXAMPLE}")
    try:
        number = phonenumbers.parse(main, region)
    except NumberParseException as exc:
        problem = _PARSE_PROBLEMS.get(exc.error_type, "is not a phone number")
        raise PhoneError(f"the phone number “{raw}” {problem}: {_EXAMPLE}") from None
    _check_possible(number, raw)
    return _build(number, extension, region)


def _check_possible(number: phonenumbers.PhoneNumber, raw: str) -> None:
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY):
        return
    problems = {
        ValidationResult.TOO_SHORT: "is too short",
        ValidationResult.TOO_LONG: "is too long",
        ValidationResult.INVALID_COUNTRY_CODE: "has a country code that does not exist",
    }
    problem = problems.get(reason, "has the wrong number of digits")
    raise PhoneError(f"the phone number “{raw}” {problem}: {_EXAMPLE}")


def _build(number: phonenumbers.PhoneNumber, extension: str, home: str) -> PhoneNumber:
    number.extension = None  # kept apart: formats and digit forms are the number alone
    region = phonenumbers.region_code_for_number(number) or ""
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    national_text = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    national_sig = phonenumbers.national_significant_number(number)
    dialing = "".join(ch for ch in national_text if ch.isdigit()) or national_sig
    at_home = number.country_code == phonenumbers.country_code_for_region(home)
    fmt = PhoneNumberFormat.NATIONAL if at_home else PhoneNumberFormat.INTERNATIONAL
    shown = phonenumbers.format_number(number, fmt)
    groups = [g for g in re.split(r"[^\d+]+", shown) if any(c.isdigit() for c in g)]
    spoken = ", ".join(" ".join(say_digits(g)) for g in groups)
    if shown.startswith("+"):
        spoken = "plus " + spoken
    if extension:
        shown += f" ext. {extension}"
        spoken += ", extension " + " ".join(say_digits(extension))
    return PhoneNumber(e164=e164, national=national_sig, national_dialing=dialing, extension=extension,
                       region=region, display=shown, read_back=spoken)
