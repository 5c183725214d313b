"""Tolerant matching of names and companies the recogniser splits or bends.

A small model rarely knows "Whitfield" or "Northwind": it prints "whit field" or "north wind", and for a
name it has never seen ("Siobhan") it prints words that sound alike ("shiv on"). Words are therefore
compared over windows of a few spoken words and accepted when they are nearly the same letters with
spaces removed (rapidfuzz), sound the same by metaphone and are reasonably close (jellyfish), or have
nearly the same *sound key* (phonemes from ``pronounce``, folded into classes a recogniser confuses).
Windows made only of common function words never match, so "and a" is not "Dana", and a sound match must
begin with the same sound, so "lisa" is not "Liam".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from voicecoach.core.pronounce import VOWEL_CLASSES, phrase_key, sound_key
from voicecoach.core.spoken_numbers import number_token

__all__ = [
    "LEGAL_SUFFIXES",
    "STOPWORDS",
    "Claimed",
    "Span",
    "company_words",
    "find_spans",
    "fold_accents",
    "similar",
    "sounds_alike",
    "spoken_address",
    "syllables",
    "word_set",
    "words_of",
]


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = word_set(
    "a an and the to of in on at for from with by is it i i'm you your we our this that my me be are "
    "was or as if so but just call back"
)
LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "co", "corporation", "limited", "plc", "gmbh", "lp"})
_NON_WORD = re.compile(r"[^a-z0-9' ]+")


# Latin letters that do not decompose into a base letter and an accent.
_LATIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ı": "i"})


def fold_accents(text: str) -> str:
    """Lower case with the accents of Latin letters removed ("Zoë Renée" -> zoe renee), the one fold used for
    the plan, the constrained decode's words and contact matching alike. Other scripts are left whole."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()).translate(_LATIN_LETTERS):
        base = unicodedata.normalize("NFD", ch)
        latin = len(base) > 1 and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:])
        out.append(base[0] if latin else ch)
    return "".join(out)


def words_of(text: str) -> list[str]:
    """Lower-case words of a written name, as a recogniser would print them ("O'Neil & Co." -> o'neil and co)."""
    text = fold_accents(text.replace("&", " and "))  # "François" -> francois
    return [w.strip("'") for w in _NON_WORD.sub(" ", text).split() if w.strip("'")]


def company_words(company: str) -> list[str]:
    """A company's words as said, without a trailing legal form, which reps rarely say ("Route 9 Movers" ->
    route nine movers, "24/7 Plumbing" -> twenty four seven plumbing)."""
    words = [said for w in words_of(company) for said in (number_token(w) if w.isdigit() else [w])]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return words


@dataclass(frozen=True, slots=True)
class Span:
    first: int
    last: int
    score: float


def similar(heard: str, target: str, *, min_ratio: float = 88.0, phonetic_min_ratio: float = 60.0) -> float:
    """Similarity 0–100 if heard may be target said through a recogniser, else 0."""
    if heard == target:
        return 100.0
    ratio = fuzz.ratio(heard, target)
    if ratio >= min_ratio:
        return ratio
    if (
        len(target) >= 4
        and ratio >= phonetic_min_ratio
        and heard[:1] == target[:1]
        and jellyfish.metaphone(heard) == jellyfish.metaphone(target)
    ):
        return ratio
    return 0.0


def syllables(key: str) -> int:
    """Vowel groups in a sound key: a rough syllable count."""
    return len(re.findall(r"[IEAOU]+", key))


def sounds_alike(heard: str | None, target: str | None, min_ratio: float) -> float:
    """Similarity 0–100 of two sound keys if they may be the same word(s), else 0.

    Besides being close, they must start with the same sound and have as many syllables (one more or
    fewer for long names), so "brighton" is not "Brightline" and "arcade" is not "Arkadia".
    """
    if not heard or not target or len(target) < 3:
        return 0.0
    same_start = heard[0] == target[0] or (heard[0] in VOWEL_CLASSES and target[0] in VOWEL_CLASSES)
    if not same_start or abs(syllables(heard) - syllables(target)) > (syllables(target) >= 4):
        return 0.0
    return fuzz.ratio(heard, target, score_cutoff=min_ratio)


def _same_syllables(heard: Sequence[str], goal: Sequence[str]) -> bool:
    """A metaphone match ("arcade" ~ "Arkadia") also needs the same number of syllables, when known."""
    a, b = phrase_key(tuple(heard)), phrase_key(tuple(goal))
    return a is None or b is None or syllables(a) == syllables(b)


def _distinctive(window: Sequence[str], target: Sequence[str]) -> tuple[Sequence[str], Sequence[str]]:
    """Window and target without the words they share exactly at either end ("realty", "and sons").

    The bent word then has to stand on its own: "northern realty" is judged as "northern" against
    "northwind", not as a long phrase that is mostly right.
    """
    a, b = 0, 0
    while a < len(window) - 1 and b < len(target) - 1 and window[a] == target[b]:
        a, b = a + 1, b + 1
    x, y = len(window), len(target)
    while x - 1 > a and y - 1 > b and window[x - 1] == target[y - 1]:
        x, y = x - 1, y - 1
    return window[a:x], target[b:y]


def _window_score(tokens: Sequence[str], target: Sequence[str], limits: tuple[float, ...]) -> float:
    min_ratio, phonetic_min_ratio, sound_min_ratio = limits
    if "".join(target) not in STOPWORDS and all(w in STOPWORDS for w in tokens):
        return 0.0
    if list(tokens) == list(target):
        return 100.0
    heard, goal = _distinctive(tokens, target)
    joined, goal_text = "".join(heard), "".join(goal)
    if fuzz.ratio(joined, goal_text, score_cutoff=min(min_ratio, phonetic_min_ratio)):
        score = similar(joined, goal_text, min_ratio=min_ratio, phonetic_min_ratio=phonetic_min_ratio)
        if score >= min_ratio or (score and _same_syllables(heard, goal)):
            return score
    if not sound_min_ratio:
        return 0.0
    return sounds_alike(phrase_key(tuple(heard)), phrase_key(tuple(goal)), sound_min_ratio)


class Claimed:
    """Word indexes covered by the matches chosen so far.

    Choosing non-overlapping matches by comparing each with every one already chosen is quadratic, and a
    long take can hold thousands of candidate matches; a match is a few words long, so checking and
    claiming its words keeps the choice linear.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._words: set[int] = set()
        for first, last in ranges:
            self.claim(first, last)

    def is_free(self, first: int, last: int) -> bool:
        return self._words.isdisjoint(range(first, last + 1))

    def claim(self, first: int, last: int) -> None:
        self._words.update(range(first, last + 1))


def _concat(parts: Sequence[str | None]) -> tuple[str, list[int]]:
    """The parts joined, and where each starts (one more offset at the end)."""
    offsets = [0]
    for p in parts:
        offsets.append(offsets[-1] + len(p or ""))
    return "".join(p or "" for p in parts), offsets


@lru_cache(maxsize=8)
def _joined(tokens: tuple[str, ...]) -> tuple[str, list[int]]:
    """``_concat`` of a take's words, worked out once: each contact detail searches the same words."""
    return _concat(tokens)


@lru_cache(maxsize=8)
def _joined_sounds(tokens: tuple[str, ...]) -> tuple[str, list[int]]:
    """The words' sound keys joined (as ``_joined``), or nothing when a word has none."""
    keys = [sound_key(t) for t in tokens]
    return _concat(keys) if all(k is not None for k in keys) else ("", [])


def find_spans(
    tokens: Sequence[str],
    target: Sequence[str],
    *,
    min_ratio: float = 88.0,
    phonetic_min_ratio: float = 60.0,
    sound_min_ratio: float = 80.0,
    extra_words: int = 2,
) -> list[Span]:
    """Non-overlapping word ranges of tokens that say target (best first, then in order of time).

    ``sound_min_ratio`` 0 turns pronunciation matching off (for addresses, which are spelled, not said).
    """
    goal = "".join(target)
    if not goal:
        return []
    slack = max(3, int(len(goal) * 0.5))
    lo, hi = len(goal) - slack, len(goal) + slack
    max_len = len(target) + extra_words
    limits = (min_ratio, phonetic_min_ratio, sound_min_ratio)
    floor = min(min_ratio, phonetic_min_ratio)
    text, offsets = _joined(tuple(tokens))
    goal_key = phrase_key(tuple(target)) if sound_min_ratio else None
    key_text, key_offsets = _joined_sounds(tuple(tokens)) if goal_key else ("", [])
    found: list[Span] = []
    n = len(tokens)
    for i in range(n):
        begin = offsets[i]
        for j in range(i, min(n, i + max_len)):
            size = offsets[j + 1] - begin
            if size > hi:
                break
            if size < lo:
                continue
            # Cheap rejection of most windows: saying the whole target is at least as close as any part
            # of it, so a window far from the target in letters and in sound cannot match.
            if not fuzz.ratio(text[begin : offsets[j + 1]], goal, score_cutoff=floor) and not (
                key_offsets
                and goal_key is not None
                and fuzz.ratio(key_text[key_offsets[i] : key_offsets[j + 1]], goal_key, score_cutoff=sound_min_ratio)
            ):
                continue
            score = _window_score(tokens[i : j + 1], target, limits)
            if score:
                found.append(Span(i, j, score))
    found.sort(key=lambda s: (-s.score, s.last - s.first, s.first))
    chosen: list[Span] = []
    claimed = Claimed()
    for span in found:
        if claimed.is_free(span.first, span.last):
            claimed.claim(span.first, span.last)
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.first)


def spoken_address(address: str) -> list[str]:
    """A website or email as it is read aloud: "dana@northwind-realty.com" -> dana at northwind dash realty dot com."""
    text = address.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).rstrip("/")
    if "@" not in text:
        text = re.sub(r"^www\.", "", text)
    out: list[str] = []
    for part in re.split(r"([@._\-/])", text):
        if part in {"@", ".", "_", "-", "/"}:
            out.append({"@": "at", ".": "dot", "_": "underscore", "-": "dash", "/": "slash"}[part])
        elif part:
            out.extend(words_of(part))
    return out
