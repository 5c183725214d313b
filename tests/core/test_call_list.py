"""A call list: prospects, each at an attempt of a cadence, read strictly; and its summary line."""

from __future__ import annotations

import pytest

from voicecoach.core.call_list import CallListError, call_summary, parse_call_list
from voicecoach.core.judgement import judgement_for
from voicecoach.core.lint import lint_script
from voicecoach.core.script import fill_placeholders


def test_a_call_list_in_any_column_order_with_blank_lines() -> None:
    calls = parse_call_list("\ufeffAttempt,Name,Note,Company\n2,Jordan  Lee,new listing on Elm,Acme\n\n1,Sam,,\n",
                            attempts=5)
    assert [(c.line, c.prospect, c.attempt, c.company, c.trigger) for c in calls] == [
        (2, "Jordan Lee", 2, "Acme", "new listing on Elm"), (4, "Sam", 1, None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the call list is empty"),
        ("prospect,attempt\n", "no prospects"),
        ("prospect,company\nJo,Acme\n", "no attempt column"),
        ("prospekt,attempt\nJo,1\n", "did you mean prospect"),
        ("prospect,attempt\nJo,6\n", "line 2 of the call list: attempt must be a whole number from 1 to 5, got '6'"),
        ("prospect,attempt\nJo,two\n", "got 'two'"),
        ("prospect,attempt\n,1\n", "line 2 of the call list has no prospect name"),
        ("prospect,attempt\n" + "x" * 201 + ",1\n", "the prospect is 201 characters"),
        ('prospect,attempt\n"Jo,1\n', "not valid CSV"),
        ("prospect,attempt\n" + "Jo,1\n" * 1001, "more than 1000 prospects"),
    ],
)
def test_a_bad_call_list_is_one_sentence_naming_the_line(text: str, expected: str) -> None:
    with pytest.raises(CallListError) as err:
        parse_call_list(text, attempts=5)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_the_summary_counts_ready_prospects() -> None:
    assert call_summary([True] * 6 + [False] * 2) == "8 prospects: 6 ready, 2 to practise"
    assert call_summary([True]) == "1 prospect: all ready"


def test_the_trigger_placeholder_is_filled_per_call_and_never_an_unfilled_profile_field() -> None:
    text = "Hi {prospect}, I saw {trigger}. It's {name}, {phone}."
    assert fill_placeholders(text, None, prospect="Jo", trigger="your new listing") == (
        "Hi Jo, I saw your new listing. It's {name}, {phone}.")
    judgement = judgement_for(script=text, prospect="Jo", trigger="your new listing")
    assert judgement.script_text is not None and "your new listing" in judgement.script_text
    from voicecoach.core.lint import STAND_IN

    assert "script_unfilled_placeholder" not in lint_script(text, profile=STAND_IN).codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prospect,attempt,attempt\nJo,1,3\n", "the column attempt twice"),
        ("prospect,name,attempt\nJo,Sam,1\n", "the column prospect twice"),
        ("prospect,company,attempt\nJo,Acme,1\nSam,,2\njo ,ACME,3\n", "line 4 of the call list repeats Jo (Acme) "
                                                                      "from line 2"),
        ("prospect,attempt,trigger\nJo,2,moved, new job\n", "line 2 of the call list has 4 cells; the header has 3"),
        ("prospect,attempt\nJo," + "9" * 100_000 + "\n", "attempt must be a whole number"),
        ("prospect,attempt\nJo,\u00b2\n", "attempt must be a whole number"),
        ("prospect,attempt\n\x1b]0;owned\x07Jo,1\n", "line 2 of the call list has a control character (U+001B)"),
    ],
)
def test_a_call_list_that_says_two_things_at_once_is_refused(text: str, expected: str) -> None:
    with pytest.raises(CallListError) as err:
        parse_call_list(text, attempts=5)
    assert expected in str(err.value) and "\n" not in str(err.value) and len(str(err.value)) < 300


def test_a_call_list_file_that_is_not_text_or_not_a_file_is_one_sentence(tmp_path) -> None:
    import os

    from voicecoach.core.call_list import load_call_list

    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "latin.csv").write_bytes("prospect,attempt\nJos\xe9,1\n".encode("latin-1"))
    (tmp_path / "nul.csv").write_bytes(b"prospect,attempt\nJo\x00,1\n")
    cases = (("pipe.csv", "not a regular file"), ("latin.csv", "not UTF-8"), ("nul.csv", "control character"))
    for name, expected in cases:
        with pytest.raises(CallListError, match=expected):
            load_call_list(tmp_path / name, 5)
