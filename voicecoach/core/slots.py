"""Where an introduction leaves room for the rep's name and company, so bent words there read as the name.

An introduction has a shape: "this is ___ from/with/at COMPANY", "it's ___", "my name is ___", "___ here
from …", and at the end "that's ___, COMPANY" or "again, ___ at …". A small recogniser prints an unusual
surname as ordinary words ("pain away field" for Whitfield); in such a slot those words are the name said
and bent, not a name left out. Only the opening and the closing words are searched, where a voicemail
introduces its caller; a slot holds the words up to the next glue word ("from", "with", a number).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from voicecoach.core.matching import STOPWORDS, word_set
from voicecoach.core.spoken_numbers import DIGIT_WORDS, TEENS, TENS, find_digit_runs
from voicecoach.core.transcript import Word

__all__ = [
    "COMPANY_LINKS",
    "INTRO_WORDS",
    "NAME_OPENERS",
    "OUTRO_WORDS",
    "Slot",
    "company_slots",
    "name_slots",
]

# Longest first, so "my name is" wins over "is".
NAME_OPENERS: tuple[tuple[str, ...], ...] = (
    ("my", "name", "is"), ("again", "this", "is"), ("again", "it's"), ("again", "is"), ("my", "name's"),
    ("this", "is"),
    ("it", "is"), ("it", "says"), ("it's",), ("its",), ("name's",), ("i'm",), ("im",), ("that's",), ("thats",),
    ("again",),
)  # fmt: skip
COMPANY_LINKS = frozenset({"from", "with", "at"})
# Words that end a name slot: glue of the introduction, or the start of the next sentence.
_BOUNDARY = word_set("from with at and here calling over speaking again i i'm it's its this that's my is on for to")
# A slot whose first word is one of these is ordinary speech ("it's a busy season", "i'm just calling").
_NOT_A_NAME = STOPWORDS | word_set(
    "me here calling just again so really still going been gonna glad sorry not about all only also "
    "reaching following hoping wondering trying looking great good quick um uh er ah hmm"
)
_FILLERS = frozenset({"um", "uh", "er", "erm", "ah", "uhm", "hmm"})
_AFTER_LINK = frozenset({"i'm", "im", "calling", "here", "me", "i", "work", "working", "is"})
_NUMBER_NAMES = frozenset({*DIGIT_WORDS, *TEENS, *TENS, "oh", "hundred", "thousand"})
INTRO_WORDS = 12  # the opening searched for an introduction
OUTRO_WORDS = 22  # and the closing ("again, ___ at …" and a number of up to a dozen words)


@dataclass(frozen=True, slots=True)
class Slot:
    """The words where the rep's name or company should be."""

    what: str  # "name" or "company"
    first: int
    last: int
    heard: str

    @property
    def word_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


def _opener_at(tokens: Sequence[str], i: int) -> int:
    """Length of the name opener starting at i (0 when none)."""
    for opener in NAME_OPENERS:
        if tuple(tokens[i : i + len(opener)]) == opener:
            return len(opener)
    return 0


def _take(tokens: Sequence[str], start: int, size: int, stop: Collection[str], taken: Collection[int]) -> list[int]:
    """Indexes of up to ``size`` slot words from ``start`` (fillers skipped), up to a stop word or a taken word."""
    out: list[int] = []
    k = start
    while k < len(tokens) and len(out) < size and tokens[k] not in stop and k not in taken:
        if tokens[k] not in _FILLERS:
            out.append(k)
        k += 1
    return out


def _slot(words: Sequence[Word], what: str, idx: list[int], *, closed: bool = False) -> Slot | None:
    """A slot of these words, unless they are ordinary speech: all function words, or starting with one
    ("it's a busy season") when nothing closes the slot (a "from/with/at", the company or the number)."""
    if not idx or all(words[k].word in _NOT_A_NAME for k in idx):
        return None
    if words[idx[0]].word in _NOT_A_NAME and not closed:
        return None
    return Slot(what, idx[0], idx[-1], " ".join(words[k].word for k in range(idx[0], idx[-1] + 1)))


def _name_after(tokens: Sequence[str], words: Sequence[Word], start: int, taken: Collection[int]) -> Slot | None:
    """The name slot after an opener: up to 3 words, or up to 6 when they run into "from/with/at", the
    company or the number (a long name bent into many short words: "so you not posh emailed bro")."""
    idx = _take(tokens, start, 6, _BOUNDARY, taken)
    end = idx[-1] + 1 if idx else start
    closed = end < len(tokens) and (tokens[end] in COMPANY_LINKS or end in taken)
    return _slot(words, "name", idx if closed else idx[:3], closed=closed)


def _in_region(i: int, n: int) -> bool:
    return i < INTRO_WORDS or i >= n - OUTRO_WORDS


def name_slots(words: Sequence[Word], taken: Collection[int]) -> list[Slot]:
    """Words after "this is", "it's", "my name is", "that's", "again" …, and before "here from" …"""
    tokens = [w.word for w in words]
    out: list[Slot] = []
    for i in range(len(tokens)):
        if not _in_region(i, len(tokens)):
            continue
        size = _opener_at(tokens, i)
        if size:
            slot = _name_after(tokens, words, i + size, taken)
        elif tokens[i] == "here" and i + 1 < len(tokens) and tokens[i + 1] in COMPANY_LINKS:
            before = [k for k in range(max(0, i - 2), i) if k not in taken and tokens[k] not in _BOUNDARY]
            slot = _slot(words, "name", before if before and before[-1] == i - 1 else [])
        else:
            continue
        if slot is not None and all(slot.first > s.last for s in out):
            out.append(slot)
    return out


def company_slots(
    words: Sequence[Word], taken: Collection[int], names: Collection[int], company: Sequence[str]
) -> list[Slot]:
    """Words after "from/with/at" that follow the rep's name (heard or bent) or "i'm", "calling", "here"; or,
    with the link bent away, the words between the name and the number ("it's ___ COMPANY, NUMBER")."""
    tokens = [w.word for w in words]
    digits = {p for run in find_digit_runs(words) for p in run.positions if len(run.digits) >= 2}
    if any(w.isdigit() or w in _NUMBER_NAMES for w in company):
        digits = set()  # "route nine movers": the company's own numbers are part of it
    stop = _BOUNDARY - ({"and"} if "and" in company else set())
    blocked = {*taken, *digits}
    size = max(1, len(company)) + 2
    out: list[Slot] = []
    for c in range(1, len(tokens)):
        if not _in_region(c, len(tokens)):
            continue
        if tokens[c] in COMPANY_LINKS and (c - 1 in names or tokens[c - 1] in _AFTER_LINK):
            slot = _slot(words, "company", _take(tokens, c + 1, size, stop, blocked))
        elif c - 1 in names and c not in names and tokens[c] not in stop and c not in blocked:
            idx = _take(tokens, c, size, stop, blocked)
            closed = bool(idx) and idx[-1] + 1 in taken  # the number follows
            slot = _slot(words, "company", idx) if closed else None
        else:
            continue
        if slot is not None:
            out.append(slot)
    return out
