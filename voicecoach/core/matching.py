"""Tolerant matching of names and companies the recogniser splits or bends.

A small model rarely knows "Whitfield" or "Northwind": it prints "whit field" or "north wind". Words are
therefore compared with spaces removed, over windows of a few spoken words, and accepted when they are
nearly the same letters (rapidfuzz) or sound the same and are reasonably close (jellyfish metaphone).
Windows made only of common function words never match, so "and a" is not "Dana".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jellyfish
from rapidfuzz import fuzz


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    "a an and the to of in on at for from with by is it i i'm you your we our this that my me be are "
    "was or as if so but just call back"
)
LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "co", "corporation", "limited", "plc", "gmbh", "lp"})
_NON_WORD = re.compile(r"[^a-z0-9' ]+")


def words_of(text: str) -> list[str]:
    """Lower-case words of a written name, as a recogniser would print them ("O'Neil & Co." -> o'neil and co)."""
    text = text.lower().replace("&", " and ")
    return [w.strip("'") for w in _NON_WORD.sub(" ", text).split() if w.strip("'")]


def company_words(company: str) -> list[str]:
    """A company's words without a trailing legal form, which reps rarely say."""
    words = words_of(company)
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


def find_spans(
    tokens: Sequence[str],
    target: Sequence[str],
    *,
    min_ratio: float = 88.0,
    phonetic_min_ratio: float = 60.0,
    extra_words: int = 2,
) -> list[Span]:
    """Non-overlapping word ranges of tokens that say target (best first, then in order of time)."""
    goal = "".join(target)
    if not goal:
        return []
    slack = max(3, int(len(goal) * 0.4))
    lo, hi = len(goal) - slack, len(goal) + slack
    max_len = len(target) + extra_words
    floor = min(min_ratio, phonetic_min_ratio)
    text = "".join(tokens)
    offsets = [0]
    for t in tokens:
        offsets.append(offsets[-1] + len(t))
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
            joined = text[begin : offsets[j + 1]]
            if not fuzz.ratio(joined, goal, score_cutoff=floor):
                continue  # cheap rejection of most windows
            if goal not in STOPWORDS and all(w in STOPWORDS for w in tokens[i : j + 1]):
                continue
            score = similar(joined, goal, min_ratio=min_ratio, phonetic_min_ratio=phonetic_min_ratio)
            if score:
                found.append(Span(i, j, score))
    found.sort(key=lambda s: (-s.score, s.last - s.first, s.first))
    chosen: list[Span] = []
    for span in found:
        if all(span.last < c.first or span.first > c.last for c in chosen):
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
