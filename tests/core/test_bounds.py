"""Core entry points refuse input beyond their bounds in a sentence, whoever calls them (CLI or GUI)."""

from __future__ import annotations

import pytest

from voicecoach.core.inputs import MAX_SCRIPT_CHARS, MAX_TRANSCRIPT_WORDS
from voicecoach.core.lint import lint_script
from voicecoach.core.matching import find_spans
from voicecoach.core.report import analyze
from voicecoach.core.spoken_form import spoken_tokens
from voicecoach.core.transcript import Transcript, Word


def test_analysis_refuses_more_words_than_a_take_has() -> None:
    words = [Word("hi", i * 0.3, i * 0.3 + 0.2) for i in range(MAX_TRANSCRIPT_WORDS + 1)]
    with pytest.raises(ValueError, match="the most this app analyses is 5,000"):
        analyze(Transcript.from_words(words))


def test_the_live_script_check_refuses_a_script_beyond_the_bound() -> None:
    with pytest.raises(ValueError, match="the script is 10,001 characters long"):
        lint_script("a" * (MAX_SCRIPT_CHARS + 1))
    assert lint_script("Hi there. " * (MAX_SCRIPT_CHARS // 10 - 1)).words > 0


def test_addresses_are_still_read_out_where_they_start() -> None:
    assert spoken_tokens("mail dana@northwind-realty.com or see https://a-b.co.uk/x.")[:7] == [
        "mail", "dana", "at", "northwind", "dash", "realty", "dot"]
    assert spoken_tokens("https://a-b.co.uk/x")[-4:] == ["dot", "uk", "slash", "x"]
    assert spoken_tokens("(dana@x.com)") == ["dana", "at", "x", "dot", "com"]
    assert spoken_tokens("a" * 5000) == ["a" * 5000]  # a run with no address in it is one token


def test_a_name_said_thousands_of_times_is_each_one_mention() -> None:
    tokens = ["dana", "whitfield", "um"] * 3000
    spans = find_spans(tokens, ["dana", "whitfield"], sound_min_ratio=0.0)
    assert len(spans) == 3000 and spans[1].first == 3
