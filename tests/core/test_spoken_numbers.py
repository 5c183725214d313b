from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.spoken_numbers import (
    DIGIT_WORDS,
    TEENS,
    TENS,
    digits_of,
    find_digit_runs,
    find_digit_runs_in_tokens,
    parse_digits,
)
from voicecoach.core.transcript import Word

TEEN_WORD = {v: k for k, v in TEENS.items()}
TENS_WORD = {v: k for k, v in TENS.items()}


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("four one five five five five zero one four two", "4155550142"),
        ("four one five five five five oh one four two", "4155550142"),
        ("four one five double five five oh one four two", "4155550142"),
        ("four one five triple five oh one four two", "4155550142"),
        ("four fifteen five fifty five oh one forty two", "4155550142"),
        ("one eight hundred five five five one two one two", "18005551212"),
        ("eight hundred", "800"),
        ("fifteen", "15"),
        ("forty two", "42"),
        ("forty", "40"),
        ("five hundred and fifty five", "555"),
        ("eighteen hundred", "1800"),
        ("area code four one five", "415"),
        ("plus one four one five", "1415"),
        ("double oh seven", "007"),
        ("one hundred oh", "1000"),
        ("five five five uh oh one four two", "5550142"),
    ],
)
def test_spoken_forms(spoken: str, digits: str) -> None:
    assert parse_digits(spoken) == digits


@pytest.mark.parametrize("text", ["oh hi there", "calling for you", "the hundred", "", "five minutes"])
def test_not_a_number(text: str) -> None:
    assert parse_digits(text) is None


def test_oh_is_a_digit_only_next_to_numbers() -> None:
    assert find_digit_runs_in_tokens(["oh", "hi", "this", "is", "dana"]) == []
    assert find_digit_runs_in_tokens(["five", "oh", "one"])[0][0] == "501"


def test_homophones_need_numbers_on_both_sides() -> None:
    assert parse_digits("five five five for one four two") == "5554142"
    runs = find_digit_runs_in_tokens(["calling", "for", "five", "minutes"])
    assert [r[0] for r in runs] == ["5"]


def test_runs_have_word_ranges_and_times() -> None:
    tokens = [
        "call",
        "me",
        "at",
        "area",
        "code",
        "four",
        "one",
        "five",
        "five",
        "five",
        "five",
        "oh",
        "one",
        "four",
        "two",
        "thanks",
    ]
    words = [Word(t, i * 0.5, i * 0.5 + 0.4) for i, t in enumerate(tokens)]
    (run,) = [r for r in find_digit_runs(words) if len(r.digits) > 3]
    assert run.digits == "4155550142"
    assert (run.first, run.last) == (3, 14)
    assert run.start == 1.5 and run.end == pytest.approx(7.4)
    assert run.positions[0] == 5 and run.positions[-1] == 14
    assert run.span(3, 6) == (8, 10)


def test_separate_runs_for_separate_numbers() -> None:
    runs = find_digit_runs_in_tokens(["five", "five", "five", "one", "two", "one", "two", "or", "four", "one", "five"])
    assert [r[0] for r in runs] == ["5551212", "415"]


def test_digits_of_written_number() -> None:
    assert digits_of("+1 (415) 555-0142") == "14155550142"


def _ways(digits: str, i: int, prev_kind: str) -> list[str]:
    """How the group starting at digit i may be read: alone, doubled, tripled, as a pair or a hundred."""
    d = digits[i]
    options = ["one"]
    if i + 1 < len(digits) and digits[i + 1] == d:
        options.append("double")
    if i + 2 < len(digits) and digits[i + 1] == d == digits[i + 2]:
        options.append("triple")
    if i + 1 < len(digits) and d in "123456789" and prev_kind != "hundred":
        options.append("pair")
    if i + 2 < len(digits) and d != "0" and digits[i + 1 : i + 3] == "00":
        options.append("hundred")
    return options


def _pair_words(pair: str) -> list[str]:
    if pair[0] == "1":
        return [TEEN_WORD[pair]]
    return [TENS_WORD[pair[0]]] + ([DIGIT_WORDS[int(pair[1])]] if pair[1] != "0" else [])


def _say(kind: str, digits: str, i: int, draw: st.DrawFn) -> tuple[list[str], int, str]:
    """The words for one group, how many digits they cover, and the kind actually used."""
    d = digits[i]
    if kind == "one":
        return [draw(st.sampled_from(["zero", "oh"])) if d == "0" else DIGIT_WORDS[int(d)]], 1, kind
    if kind in ("double", "triple"):
        return [kind, "oh" if d == "0" else DIGIT_WORDS[int(d)]], 2 if kind == "double" else 3, kind
    if kind == "hundred":
        return [DIGIT_WORDS[int(d)], "hundred"], 3, kind
    pair = digits[i : i + 2]
    words = _pair_words(pair)
    # "forty" then "two" would read as forty two: the next group must not be a lone digit
    if pair[1] == "0" and pair[0] != "1" and i + 2 < len(digits):
        nxt = digits[i + 2]
        return [*words, "dash", "oh" if nxt == "0" else DIGIT_WORDS[int(nxt)]], 3, "tens"
    return words, 2, kind


def _render(digits: str, draw: st.DrawFn) -> list[str]:
    """One way a person might read the digits aloud, never ambiguous in itself."""
    words: list[str] = []
    i = 0
    prev_kind = ""
    while i < len(digits):
        said, step, prev_kind = _say(draw(st.sampled_from(_ways(digits, i, prev_kind))), digits, i, draw)
        words += said
        i += step
    return words


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=2, max_size=14), st.data())
def test_any_digit_string_read_aloud_parses_back(digits: str, data: st.DataObject) -> None:
    words = _render(digits, data.draw)
    assert parse_digits(words) == digits, words
