"""Finding fixed phrases in a word list quickly: phrases are indexed by their first word, once per list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

__all__ = ["PhraseIndex", "phrase_index", "phrases_at"]

PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...]) -> PhraseIndex:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in {tuple(p.lower().split()) for p in phrases if p.strip()}:
        by_first.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


def phrase_index(phrases: Sequence[str]) -> PhraseIndex:
    """Phrases by first word, longest first (cached: settings hold the same tuples for every take)."""
    return _index(tuple(phrases))


def phrases_at(tokens: Sequence[str], i: int, index: PhraseIndex) -> Iterator[tuple[str, ...]]:
    """The phrases that start at tokens[i], longest first."""
    for p in index.get(tokens[i], ()):
        if len(p) == 1 or tuple(tokens[i : i + len(p)]) == p:
            yield p
