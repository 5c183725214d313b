"""The live pace projection is a pure function of words heard, time and the plan's length."""

from __future__ import annotations

from voicecoach.core.projection import projected_seconds


def test_projection_from_the_pace_so_far() -> None:
    assert projected_seconds(10, 5.0, 62) == 31.0  # 2 words a second, 62 planned words
    assert projected_seconds(4, 5.0, 62) is None, "too few words to tell a pace"
    assert projected_seconds(10, 2.0, 62) is None, "too early in the take"
    assert projected_seconds(10, 5.0, 0) is None, "no plan to project"
    assert projected_seconds(3, 2.0, 60, min_words=3, min_seconds=1.0) == 40.0
