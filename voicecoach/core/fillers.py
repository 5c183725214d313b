"""Filler words and restarts, told apart from the same words used for what they mean.

"Like" is a filler in "it's like a great fit" but not in "I'd like to" or "homes like yours"; "you know"
is a filler in "we, you know, help" but not in "you know your market". Rules look at the neighbouring
words. Restarts ("i i noticed", "your your lease", "we help we help") are immediate repeats of one to three
words, ignoring fillers between them; digits are never restarts ("five five five").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.core.phrases import phrase_index, phrases_at
from voicecoach.core.spoken_numbers import MULTIPLIERS, TEENS, TENS, UNITS

__all__ = ["HESITATIONS", "Hit", "find_fillers", "find_restarts"]


@dataclass(frozen=True, slots=True)
class Hit:
    first: int
    last: int
    text: str

    @property
    def word_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "like" is a filler only after words that cannot take it as a verb or preposition ("really" and "just"
# are left out: "I really like your house").
_LIKE_FILLER_AFTER = _words(
    "and so but or um uh er ah it's that's there's is was were are like know mean be been okay yeah well"
)
_YOU_KNOW_LITERAL_BEFORE = frozenset(
    ["do", "did", "don't", "didn't", "if", "as", "would", "might", "may", "let", "should", "will", "to"]
)
_YOU_KNOW_LITERAL_AFTER = _words(
    "what how that if who where when why whether about the a an anyone anybody someone somebody him "
    "her them it this my your our their"
)
_I_MEAN_LITERAL_AFTER = frozenset(["it", "that", "to", "what", "this", "exactly"])
_KIND_OF_LITERAL_BEFORE = frozenset(
    ["what", "this", "that", "the", "a", "any", "some", "every", "which", "one", "same", "these", "those", "other"]
)
_HESITATIONS = _words("um uh er erm ah uhm")
# The hesitations speech models print when they can; when a model cannot, filler counts are limited.
HESITATIONS: tuple[str, ...] = ("um", "uh")
# Words people legitimately say twice.
_DOUBLES = frozenset(["had", "that", "very", "bye", "no", "yeah", "yes", "really", "many", "ha", "long", "far", "more"])
_NUMBER_WORDS = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | frozenset(MULTIPLIERS) | {"hundred"}


def _is_filler_here(phrase: str, tokens: Sequence[str], i: int, n: int) -> bool:
    prev = tokens[i - 1] if i > 0 else ""
    nxt = tokens[i + n] if i + n < len(tokens) else ""
    if phrase == "like":
        if nxt in _HESITATIONS:
            return True
        return (prev == "" or prev in _LIKE_FILLER_AFTER) and nxt != "to"
    if phrase == "you know":
        return prev not in _YOU_KNOW_LITERAL_BEFORE and nxt not in _YOU_KNOW_LITERAL_AFTER
    if phrase == "i mean":
        return nxt not in _I_MEAN_LITERAL_AFTER
    if phrase in ("kind of", "sort of"):
        return prev not in _KIND_OF_LITERAL_BEFORE
    return True


def find_fillers(tokens: Sequence[str], filler_words: Sequence[str]) -> list[Hit]:
    """Filler words and phrases, longest phrase first, judged in context."""
    index = phrase_index(filler_words)
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        for phrase in phrases_at(tokens, i, index):
            n = len(phrase)
            if _is_filler_here(" ".join(phrase), tokens, i, n):
                hits.append(Hit(i, i + n - 1, " ".join(phrase)))
                i += n
                break
        else:
            i += 1
    return hits


def find_restarts(tokens: Sequence[str], skip: set[int] | frozenset[int] = frozenset()) -> list[Hit]:
    """Immediate repeats of 1–3 words ("i i", "your your", "we help we help"), fillers skipped."""
    kept = [i for i in range(len(tokens)) if i not in skip]
    seq = [tokens[i] for i in kept]
    hits: list[Hit] = []
    k = 0
    while k < len(seq):
        for n in (3, 2, 1):
            a, b = seq[k : k + n], seq[k + n : k + 2 * n]
            if len(b) < n or a != b:
                continue
            if all(w in _NUMBER_WORDS for w in a) or (n == 1 and a[0] in _DOUBLES):
                continue
            hits.append(Hit(kept[k], kept[k + 2 * n - 1], " ".join(a)))
            k += n - 1
            break
        k += 1
    return hits
