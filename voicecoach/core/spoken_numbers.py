"""Phone numbers as people say them, turned back into digits with the words they came from.

Reps read numbers in many ways: "four one five", "oh" or "zero", "double five", "triple seven",
"four fifteen", "forty two", "eight hundred", "one eight hundred", "area code four one five". Vosk prints
all of these as lower-case words, so a digit run is rebuilt from groups of number words.

text2num's ``alpha2digit`` reads whole sentences as quantities ("one eight hundred five" becomes
"1 805"), knows neither "double" nor "oh", and drops word positions, so it does not fit phone numbers.
It is used here for what it gets right: the value of one compound group ("forty two", "five hundred
fifty five"), once the group's words are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from text_to_num import text2num

from voicecoach.core.transcript import Transcript, Word

__all__ = [
    "CONNECTORS",
    "DIGIT_WORDS",
    "HOMOPHONES",
    "MULTIPLIERS",
    "PREFIXES",
    "TEENS",
    "TENS",
    "UNITS",
    "WEAK_UNITS",
    "DigitRun",
    "digits_of",
    "find_digit_runs",
    "find_digit_runs_in_tokens",
    "number_token",
    "number_words",
    "parse_digits",
    "readings",
    "say_digits",
]

UNITS: dict[str, str] = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
TEENS: dict[str, str] = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
TENS: dict[str, str] = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
    "eighty": "8", "ninety": "9",
}  # fmt: skip
DIGIT_WORDS: tuple[str, ...] = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# Words the recogniser may print for a digit ("five five five for one ..."). They are digits with strong
# number words on both sides; with a number word on one side only (the edge of a number, or next to
# "oh") they are *soft* digits, which count only when the digits then match the profile's number.
HOMOPHONES: dict[str, str] = {"for": "4", "to": "2", "too": "2", "ate": "8", "won": "1"}
# "oh" / "o" are digits only next to another number word (otherwise "oh hi" would be a zero).
WEAK_UNITS = frozenset({"oh", "o"})
MULTIPLIERS: dict[str, int] = {"double": 2, "triple": 3}
# Words that may sit between groups of one number without ending it.
CONNECTORS = frozenset({"uh", "um", "er", "erm", "ah", "dash", "hyphen"})
PREFIXES: tuple[tuple[str, ...], ...] = (("area", "code"), ("plus",))


@dataclass(frozen=True, slots=True)
class DigitRun:
    """Digits heard in a row, the word range they span, and which word gave each digit."""

    digits: str
    first: int
    last: int
    start: float
    end: float
    positions: tuple[int, ...]
    soft: tuple[int, ...] = ()  # indexes into digits read from a homophone on weak evidence

    @property
    def word_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))

    @property
    def seconds(self) -> float:
        return max(0.0, self.end - self.start)

    def span(self, begin: int, stop: int) -> tuple[int, int]:
        """Word range (first, last) of digits[begin:stop]."""
        return self.positions[begin], self.positions[stop - 1]


def _strong(token: str) -> bool:
    return (token in UNITS and token not in WEAK_UNITS) or token in TEENS or token in TENS or token.isdigit()


def _is_number_word(token: str) -> bool:
    return (
        token in UNITS
        or token in TEENS
        or token in TENS
        or token in MULTIPLIERS
        or token in ("hundred", "thousand")
        or token.isdigit()
    )


def _neighbours(tokens: Sequence[str], i: int) -> tuple[str, str]:
    p, n = i - 1, i + 1
    while p >= 0 and tokens[p] in CONNECTORS:
        p -= 1
    while n < len(tokens) and tokens[n] in CONNECTORS:
        n += 1
    return (tokens[p] if p >= 0 else ""), (tokens[n] if n < len(tokens) else "")


def _soft_homophone(tokens: Sequence[str], i: int) -> bool:
    """A homophone with a number word on one side only: a digit only if the profile's number agrees."""
    prev, nxt = _neighbours(tokens, i)
    if tokens[i] not in HOMOPHONES or (_strong(prev) and _strong(nxt)):
        return False
    return _is_number_word(prev) or _is_number_word(nxt)


def _unit(tokens: Sequence[str], i: int, lenient: bool = False) -> str | None:
    """The digit of tokens[i] if it is a single-digit word in this context."""
    t = tokens[i]
    prev, nxt = _neighbours(tokens, i)
    if t in WEAK_UNITS:
        return "0" if (_is_number_word(prev) or _is_number_word(nxt)) else None
    if t in UNITS:
        return UNITS[t]
    if t in HOMOPHONES and ((_strong(prev) and _strong(nxt)) or (lenient and _soft_homophone(tokens, i))):
        return HOMOPHONES[t]
    return None


def _group(tokens: Sequence[str], i: int, lenient: bool = False) -> tuple[str, int] | None:
    """Parse one group of digit words at i: (digits, number of tokens used) or None."""
    t = tokens[i]
    n = len(tokens)
    if t.isdigit():
        return t, 1
    if t in MULTIPLIERS and i + 1 < n:
        digit = UNITS.get(tokens[i + 1])
        return (digit * MULTIPLIERS[t], 2) if digit is not None else None
    counts = t in TEENS or (t in UNITS and t not in WEAK_UNITS and t != "zero")
    if counts and i + 1 < n and tokens[i + 1] in ("hundred", "thousand"):
        return _hundreds(tokens, i)
    if t in TEENS:
        return TEENS[t], 1
    if t in TENS:
        if i + 1 < n and tokens[i + 1] in UNITS and tokens[i + 1] not in WEAK_UNITS | {"zero"}:
            return str(text2num(f"{t} {tokens[i + 1]}", "en")), 2
        return TENS[t] + "0", 1
    digit = _unit(tokens, i, lenient)
    return (digit, 1) if digit is not None else None


def _hundreds(tokens: Sequence[str], i: int) -> tuple[str, int]:
    """Read "eight hundred" as 800, "five hundred (and) fifty five" -> 555; "two thousand" -> 2000.

    A bare digit after "hundred" starts the next group, as in "eight hundred five five five".
    """
    words = [tokens[i], tokens[i + 1]]
    used = 2
    if tokens[i + 1] == "hundred":
        j = i + 2
        if j < len(tokens) and tokens[j] == "and" and j + 1 < len(tokens) and tokens[j + 1] in TENS | TEENS:
            j += 1
        if j < len(tokens) and (tokens[j] in TENS or tokens[j] in TEENS):
            words.append(tokens[j])
            used = j - i + 1
            unit = tokens[j + 1] if j + 1 < len(tokens) else ""
            if tokens[j] in TENS and unit in UNITS and unit not in WEAK_UNITS | {"zero"}:
                words.append(unit)
                used += 1
    return str(text2num(" ".join(words), "en")), used


def _prefix_len(tokens: Sequence[str], i: int) -> int:
    for prefix in PREFIXES:
        if tuple(tokens[i : i + len(prefix)]) == prefix:
            return len(prefix)
    return 0


def find_digit_runs_in_tokens(tokens: Sequence[str]) -> list[tuple[str, int, int, tuple[int, ...]]]:
    """Every run of spoken digits: (digits, first word, last word, word index of each digit)."""
    return [(d, a, b, pos) for d, a, b, pos, _ in _scan([t.lower() for t in tokens], lenient=False)]


def _scan(toks: Sequence[str], lenient: bool) -> list[tuple[str, int, int, tuple[int, ...], tuple[int, ...]]]:
    """Runs as (digits, first, last, positions, soft digit indexes)."""
    runs: list[tuple[str, int, int, tuple[int, ...], tuple[int, ...]]] = []
    i = 0
    n = len(toks)
    while i < n:
        first = i
        j = i + _prefix_len(toks, i)
        group = _group(toks, j, lenient) if j < n else None
        if group is None:
            i += 1
            continue
        digits: list[str] = []
        positions: list[int] = []
        soft: list[int] = []
        last = j
        while group is not None:
            text, used = group
            if lenient and used == 1 and _soft_homophone(toks, j):
                soft.append(len(positions))
            digits.append(text)
            positions.extend(
                range(j, j + used) if len(text) == used else [j + k * used // len(text) for k in range(len(text))]
            )
            last = j + used - 1
            j += used
            k = j
            while k < n and toks[k] in CONNECTORS:
                k += 1
            group = _group(toks, k, lenient) if k < n else None
            if group is not None:
                j = k
        runs.append(("".join(digits), first, last, tuple(positions), tuple(soft)))
        i = last + 1
    return runs


def find_digit_runs(words: Transcript | Sequence[Word] | Sequence[str], *, lenient: bool = False) -> list[DigitRun]:
    """Every digit run in a take, with its word range and time range (0 for plain tokens).

    ``lenient`` also reads homophones at the edge of a number ("for one five") as digits, listed in
    ``DigitRun.soft``; only a caller that can check them against the expected number should ask for it.
    """
    seq: Sequence[Word] | Sequence[str] = words.words if isinstance(words, Transcript) else words
    tokens = [(w.word if isinstance(w, Word) else str(w)).lower() for w in seq]
    out: list[DigitRun] = []
    for digits, first, last, positions, soft in _scan(tokens, lenient):
        a, b = seq[first], seq[last]
        start = a.start if isinstance(a, Word) else 0.0
        end = b.end if isinstance(b, Word) else 0.0
        out.append(DigitRun(digits, first, last, start, end, positions, soft))
    return out


def readings(run: DigitRun, max_soft: int = 4) -> list[DigitRun]:
    """The run read with every choice of its soft digits kept or dropped, most digits first.

    A run whose soft digits are all dropped is the strict reading; with more than ``max_soft`` soft
    digits only all-or-none is tried.
    """
    if not run.soft:
        return [run]
    choices: list[tuple[int, ...]] = []
    if len(run.soft) <= max_soft:
        for k in range(len(run.soft) + 1):
            choices.extend(combinations(run.soft, k))
    else:
        choices = [(), run.soft]
    out: list[DigitRun] = []
    for drop in choices:
        keep = [i for i in range(len(run.digits)) if i not in drop]
        if not keep:
            continue
        digits = "".join(run.digits[i] for i in keep)
        positions = tuple(run.positions[i] for i in keep)
        first = run.first if keep[0] == 0 else positions[0]
        last = positions[-1] if keep[-1] != len(run.digits) - 1 else run.last
        out.append(DigitRun(digits, first, last, 0.0, 0.0, positions, tuple(i for i in run.soft if i not in drop)))
    return out


def parse_digits(text: str | Sequence[str]) -> str | None:
    """The digits of a phrase that is only a number ("double five oh one" -> "5501"), else None."""
    tokens = text.lower().split() if isinstance(text, str) else [t.lower() for t in text]
    if not tokens:
        return None
    runs = find_digit_runs_in_tokens(tokens)
    if len(runs) != 1 or runs[0][1] != 0 or runs[0][2] != len(tokens) - 1:
        return None
    return runs[0][0]


def digits_of(text: str) -> str:
    """Just the digits of a written number ("+1 (415) 555-0142" -> "14155550142")."""
    return "".join(ch for ch in text if ch.isdigit())


def say_digits(digits: str, zero: str = "zero") -> list[str]:
    """Digit by digit in words, as a script is read aloud ("0142" -> zero one four two)."""
    return [zero if d == "0" else DIGIT_WORDS[int(d)] for d in digits if d.isdigit()]


_TEEN_WORDS = {int(v): k for k, v in TEENS.items()}
_TENS_WORDS = {int(v): k for k, v in TENS.items()}


def number_words(n: int) -> list[str]:
    """Cardinal words for 0–999999 ("142" -> one hundred forty two), the way Vosk spells them."""
    if n < 0:
        return ["minus", *number_words(-n)]
    if n < 10:
        return [DIGIT_WORDS[n]]
    if n < 20:
        return [_TEEN_WORDS[n]]
    if n < 100:
        tens, unit = divmod(n, 10)
        return [_TENS_WORDS[tens]] + ([DIGIT_WORDS[unit]] if unit else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [DIGIT_WORDS[hundreds], "hundred"] + (number_words(rest) if rest else [])
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return [*number_words(thousands), "thousand"] + (number_words(rest) if rest else [])
    return say_digits(str(n))


def number_token(token: str) -> list[str]:
    """A written number as said: "07" digit by digit, "1985" as nineteen eighty five, "42" as forty two."""
    if len(token) > 1 and token.startswith("0"):
        return say_digits(token)
    if 1900 <= int(token) <= 2099 and len(token) == 4:
        hi, lo = divmod(int(token), 100)
        return number_words(hi) + (number_words(lo) if lo >= 10 else (["oh", DIGIT_WORDS[lo]] if lo else ["hundred"]))
    return number_words(int(token))
