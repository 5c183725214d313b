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


def _render(digits: str, draw: st.DrawFn) -> list[str]:
    """One way a person might read the digits aloud, never ambiguous in itself."""
    words: list[str] = []
    i = 0
    prev_kind = ""
    while i < len(digits):
        options = ["one"]
        d = digits[i]
        if i + 1 < len(digits) and digits[i + 1] == d:
            options.append("double")
        if i + 2 < len(digits) and digits[i + 1] == d == digits[i + 2]:
            options.append("triple")
        if i + 1 < len(digits) and d in "123456789" and prev_kind != "hundred":
            options.append("pair")
        if i + 2 < len(digits) and d != "0" and digits[i + 1 : i + 3] == "00":
            options.append("hundred")
        kind = draw(st.sampled_from(options))
        if kind == "one":
            words.append(draw(st.sampled_from(["zero", "oh"])) if d == "0" else DIGIT_WORDS[int(d)])
            i += 1
        elif kind in ("double", "triple"):
            words += [kind, "oh" if d == "0" else DIGIT_WORDS[int(d)]]
            i += 2 if kind == "double" else 3
        elif kind == "hundred":
            words += [DIGIT_WORDS[int(d)], "hundred"]
            i += 3
        else:
            pair = digits[i : i + 2]
            if pair[0] == "1":
                words.append(TEEN_WORD[pair])
            else:
                words.append(TENS_WORD[pair[0]])
                if pair[1] != "0":
                    words.append(DIGIT_WORDS[int(pair[1])])
            # "forty" then "two" would read as forty two: the next group must not be a lone digit
            if pair[1] == "0" and pair[0] != "1" and i + 2 < len(digits):
                kind = "tens"
            i += 2
        if kind == "tens":
            nxt = digits[i]
            words.append("oh" if nxt == "0" else DIGIT_WORDS[int(nxt)])
            words.insert(len(words) - 1, "dash")
            i += 1
        prev_kind = kind
    return words


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=2, max_size=14), st.data())
def test_any_digit_string_read_aloud_parses_back(digits: str, data: st.DataObject) -> None:
    words = _render(digits, data.draw)
    assert parse_digits(words) == digits, words
