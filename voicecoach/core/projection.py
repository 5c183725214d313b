"""While recording: at the pace so far, how long will the whole script take?

"At this pace you'll need about 31 s" warns a rep before the limit, not after it. The projection is the
planned word count over the words-per-second heard so far; too early in a take (few words, a few
seconds) the pace says nothing yet, so there is no projection.
"""

from __future__ import annotations

__all__ = ["MIN_SECONDS", "MIN_WORDS", "projected_seconds"]

MIN_WORDS = 5
MIN_SECONDS = 3.0


def projected_seconds(words_heard: int, elapsed: float, planned_words: int, *, min_words: int = MIN_WORDS,
                      min_seconds: float = MIN_SECONDS) -> float | None:
    """Seconds the whole plan takes at the pace heard so far; None while that cannot be told."""
    if words_heard < min_words or elapsed < min_seconds or planned_words <= 0:
        return None
    return planned_words / (words_heard / elapsed)
