"""Contact verdicts on imperfect recognition: each missing part has its own reason, a part said but bent is
"said but bent" (contact_misheard, quoting what the prospect reads), only an absent part is a miss."""

from __future__ import annotations

from tests.core.takes import take
from voicecoach.core import codes
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
