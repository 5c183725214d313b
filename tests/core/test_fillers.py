from __future__ import annotations

import pytest

from voicecoach.core.fillers import find_fillers, find_restarts
from voicecoach.core.settings import DEFAULT_FILLERS


def fillers(text: str) -> list[str]:
    return [h.text for h in find_fillers(text.split(), DEFAULT_FILLERS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'd like to show you one idea", []),
        ("homes like yours sell fast", []),
        ("i really like your house", []),
        ("you know like we help", ["you know", "like"]),
        ("we would like to help", []),
        ("it's like a great fit", ["like"]),
        ("so like we help sellers", ["like"]),
        ("the street like uh came off", ["like", "uh"]),
        ("we you know help sellers", ["you know"]),
        ("you know your market", []),
        ("do you know what buyers want", []),
        ("i mean we could help", ["i mean"]),
        ("i mean it", []),
        ("it's kind of a big deal", ["kind of"]),
        ("what kind of home", []),
        ("um basically we uh sell homes", ["um", "basically", "uh"]),
    ],
)
def test_fillers_in_context(text: str, expected: list[str]) -> None:
    assert fillers(text) == expected


def test_filler_positions() -> None:
    (hit,) = find_fillers(["we", "you", "know", "help"], DEFAULT_FILLERS)
    assert (hit.first, hit.last, hit.word_indexes) == (1, 2, (1, 2))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i i noticed your your lease", ["i", "your"]),
        ("we help we help sellers", ["we help"]),
        ("i uh i noticed", ["i"]),
        ("five five five one two", []),
        ("that's very very good", []),
        ("i noticed your lease", []),
    ],
)
def test_restarts(text: str, expected: list[str]) -> None:
    tokens = text.split()
    skip = {i for h in find_fillers(tokens, DEFAULT_FILLERS) for i in h.word_indexes}
    assert [h.text for h in find_restarts(tokens, skip)] == expected


def test_custom_filler_list() -> None:
    assert [h.text for h in find_fillers(["right", "so", "anyway"], ["anyway"])] == ["anyway"]
