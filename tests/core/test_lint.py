from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.core import codes
from voicecoach.core.lint import lint_script
from voicecoach.core.profile import Profile, load_profile
from voicecoach.core.script import load_script

ASSETS = Path(__file__).parents[2] / "assets"
PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142")
GOOD = (
    "Hi {prospect}, it's {first_name} with {company}, {phone}. Homes on your street sell in three weeks. "
    "If you've wondered what yours would fetch, I can send an estimate. Again, {name}, {phone}."
)


def test_good_script_is_clean_and_timed() -> None:
    result = lint_script(GOOD, profile=PROFILE)
    assert result.flags == ()
    assert result.words == 51 and result.estimated_seconds == pytest.approx(51 / 150 * 60, abs=0.1)
    assert lint_script(GOOD, profile=PROFILE, wpm=120).estimated_seconds == pytest.approx(25.5)


@pytest.mark.parametrize("name", sorted(p.name for p in (ASSETS / "scripts").glob("*.txt")))
def test_sample_scripts_are_clean(name: str) -> None:
    script = load_script(ASSETS / "scripts" / name)
    assert script.title and script.time_limit
    result = lint_script(
        script.text, profile=load_profile(ASSETS / "sample-profile.json"), time_limit=script.time_limit
    )
    assert result.codes == []


def test_missing_contact_and_over_limit() -> None:
    text = "Hi {prospect}, I noticed your listing. " + "Buyers are looking in your area right now. " * 10
    result = lint_script(text, profile=PROFILE)
    assert result.codes == [codes.SCRIPT_MISSING_CONTACT, codes.SCRIPT_OVER_LIMIT]
    assert result.flags[0].details["missing"] == ["name", "company", "number"]
    assert codes.SCRIPT_OVER_LIMIT not in lint_script(text, profile=PROFILE, time_limit=60).codes


def test_contact_early_and_at_end() -> None:
    only_start = GOOD.replace("Again, {name}, {phone}.", "Talk soon.")
    assert codes.SCRIPT_CONTACT_NOT_AT_END in lint_script(only_start, profile=PROFILE).codes
    only_end = (
        "Hi {prospect}. Homes on your street sell in three weeks and buyers keep asking me about your block, "
        "ask me how. It's {name}, {company}, {phone}."
    )
    result = lint_script(only_end, profile=PROFILE)
    assert codes.SCRIPT_CONTACT_NOT_EARLY in result.codes
    assert codes.SCRIPT_CONTACT_NOT_AT_END not in result.codes


def test_placeholders() -> None:
    result = lint_script(GOOD + " Visit {website}. {nickname}", profile=PROFILE)
    (flag,) = [f for f in result.flags if f.code == codes.SCRIPT_UNFILLED_PLACEHOLDER]
    assert flag.details == {"empty": ["website"], "unknown": ["nickname"]}
    assert codes.SCRIPT_UNFILLED_PLACEHOLDER not in lint_script(GOOD, profile=PROFILE).codes


def test_without_profile_the_phone_placeholder_counts() -> None:
    assert lint_script(GOOD).codes == []
    assert codes.SCRIPT_MISSING_CONTACT in lint_script("Hi there, call me.").codes


def test_literal_number_without_profile() -> None:
    text = "Hi, Dana at Northwind, 415-555-0142. One idea for your home. Again, 415-555-0142."
    assert lint_script(text).codes == []


def test_one_topic_tip_and_front_matter() -> None:
    text = "limit: 20\n---\n" + GOOD + " We also do staging, and in addition property management."
    result = lint_script(text, profile=PROFILE)
    assert result.time_limit == 20.0
    assert codes.SCRIPT_MANY_TOPICS in result.codes and codes.SCRIPT_OVER_LIMIT in result.codes


def test_empty_script_and_bad_pace() -> None:
    assert lint_script("   ").codes == [codes.SCRIPT_MISSING_CONTACT]
    with pytest.raises(ValueError):
        lint_script(GOOD, wpm=0)
