"""Where a voicemail brings up a cadence topic: the topic's telling words heard close together.

A topic is a few words ("a free price estimate"). Its telling words are its content words (no stopwords,
nothing shorter than three letters) that the voicemail's own script and topic do not already use: a word
the rep was told to say, or an earlier attempt's topic the rep may refer back to, can never count as
bringing up another topic. A topic is brought up when all of its telling words (at most the first four) are
heard within a short stretch, so one stray word is never an accusation. The take checks (``checks.cadence``)
and the cadence lint (``cadence_lint``) both ask here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from voicecoach.core.matching import STOPWORDS
from voicecoach.core.script import plan_tokens

__all__ = [
    "MAX_TELLING_WORDS",
    "WINDOW_WORDS",
    "TopicHit",
    "content_words",
    "find_topic",
    "later_topics_heard",
    "stem",
    "telling_words",
]

# Small words that say nothing about what a topic is.
_VAGUE = frozenset((
    "about", "what", "how", "new", "more", "your", "their", "them", "they", "get", "got", "can", "will", "would",
    "could", "should", "have", "has", "had", "any", "some", "all", "one", "two", "three", "next", "last", "week",
    "time",
))  # fmt: skip
MAX_TELLING_WORDS = 4
WINDOW_WORDS = 15


def stem(word: str) -> str:
    """A light stem so "estimates" meets "estimate", "pricing" meets "price" and "homes" meets "home"."""
    word = word.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 3 else word


def content_words(text: str) -> list[str]:
    """The stems of a text's content words, in order, once each."""
    out: dict[str, None] = {}
    for token in plan_tokens(text):
        if len(token) >= 3 and token not in STOPWORDS and token not in _VAGUE and not token.isdigit():
            out.setdefault(stem(token), None)
    return list(out)


def telling_words(topic: str, own_texts: Iterable[str]) -> tuple[str, ...]:
    """The topic's content words that the voicemail's own script and topic do not use."""
    own = {stem(t) for text in own_texts if text for t in plan_tokens(text)}
    return tuple(w for w in content_words(topic) if w not in own)[:MAX_TELLING_WORDS]


@dataclass(frozen=True, slots=True)
class TopicHit:
    attempt: int
    topic: str
    word_indexes: tuple[int, ...]


def find_topic(tokens: Sequence[str], words: Sequence[str], allowed: Iterable[int] | None = None) -> tuple[int, ...]:
    """Indexes of one occurrence of every telling word within ``WINDOW_WORDS`` tokens, or () when absent.

    ``allowed`` limits the search to those token indexes (the words a take said beyond its script)."""
    if not words:
        return ()
    indexes = range(len(tokens)) if allowed is None else sorted(set(allowed))
    where: dict[str, list[int]] = {w: [] for w in words}
    for i in indexes:
        s = stem(tokens[i])
        if s in where:
            where[s].append(i)
    if any(not found for found in where.values()):
        return ()
    for start in where[words[0]]:
        picked = [_nearest(where[w], start) for w in words]
        if max(picked) - min(picked) < WINDOW_WORDS:
            return tuple(sorted(set(picked)))
    return ()


def _nearest(positions: list[int], to: int) -> int:
    return min(positions, key=lambda p: abs(p - to))


def later_topics_heard(tokens: Sequence[str], attempt: int, topics: Sequence[tuple[int, str]],
                       own_texts: Iterable[str], allowed: Iterable[int] | None = None) -> list[TopicHit]:
    """Later attempts' topics brought up in ``tokens``. Earlier ones are never counted: referring back to
    an earlier message is what a follow-up should do, so an earlier topic's words never tell a later one
    either (attempt 1 "prices on your street", attempt 4 "street prices": on attempt 2, saying the first
    again is a reference back)."""
    own = [*own_texts, *(topic for number, topic in topics if number < attempt)]
    allowed_list = list(allowed) if allowed is not None else None
    hits = []
    for number, topic in topics:
        if number <= attempt:
            continue
        found = find_topic(tokens, telling_words(topic, own), allowed_list)
        if found:
            hits.append(TopicHit(number, topic, found))
    return hits
