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
