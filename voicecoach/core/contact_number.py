"""The callback number in a take: every digit heard in order in one of the number's forms (national, with or
without the country code or trunk prefix), its extension when it has one, and the near misses ("heard 9 of
10 digits", a swallowed "oh") so the rep knows what went wrong."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from voicecoach.core.contact_findings import Mention, NumberFinding, mention_at
from voicecoach.core.phone import PhoneError, parse_phone, split_extension
from voicecoach.core.settings import Settings
from voicecoach.core.spoken_numbers import HOMOPHONES, UNITS, DigitRun, digits_of, find_digit_runs, readings
from voicecoach.core.transcript import Word

__all__ = ["find_number", "join_close_runs", "national_forms", "phone_forms"]

_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*\d+\s*$", re.IGNORECASE)


def national_forms(phone: str) -> list[str]:
    """Digit strings that count as saying this number: in full, and without its country code."""
    text = _EXTENSION.split(phone.strip(), maxsplit=1)[0].strip()  # reps rarely read an extension aloud
    full = digits_of(text)
    forms = [full]
    if text.startswith("+") or (len(full) == 11 and full.startswith("1")):
        head = re.match(r"\+?\s*(\d{1,3})[\s().\-]", text)
        if head and len(full) - len(head.group(1)) >= 7:
            cc = head.group(1)
        elif full.startswith("1") and len(full) == 11:
            cc = "1"
        else:
            cc = ""
        if cc:
            national = full[len(cc) :]
            forms.append(national)
            if cc != "1":
                forms.append("0" + national)
    return list(dict.fromkeys(f for f in forms if f))


def _lcs(a: str, b: str) -> int:
    """Digits of b heard in order in a (longest common subsequence)."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def join_close_runs(runs: Sequence[DigitRun], max_words: int = 3, max_seconds: float = 2.5) -> list[DigitRun]:
    """Join digit groups separated by a few words ("four one five, that's five five five ...").

    Only groups of two or more digits are joined, so "three homes" next to a number stays apart.
    """
    out: list[DigitRun] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.digits) >= 2
            and len(run.digits) >= 2
            and run.first - prev.last - 1 <= max_words
            and run.start - prev.end <= max_seconds
        ):
            soft = prev.soft + tuple(len(prev.digits) + i for i in run.soft)
            positions = prev.positions + run.positions
            out[-1] = DigitRun(prev.digits + run.digits, prev.first, run.last, prev.start, run.end, positions, soft)
        else:
            out.append(run)
    return out


@lru_cache(maxsize=16)
def phone_forms(phone: str) -> tuple[tuple[str, ...], str]:
    """Digit strings that count as saying the profile's number (national forms first), and its extension.

    Parsed with libphonenumber's rules (``core.phone``), so a national form with its trunk prefix ("oh two
    oh seven ..." for +44 20 7946 0958, "eight four nine five ..." for +7 495 ...) counts; a profile stored
    before numbers were validated falls back to the digits as written. Remembered per number: every take
    (and both of its decodes) asks about the same one.
    """
    try:
        number = parse_phone(phone)
    except PhoneError:
        return tuple(national_forms(phone)), split_extension(phone)[1]
    return tuple(number.digit_forms()), number.extension


def _unprofiled_number(words: Sequence[Word], runs: Sequence[DigitRun], settings: Settings) -> NumberFinding:
    mentions = tuple(
        mention_at(words, "number", r.first, r.last, digits=r.digits)
        for r in runs
        if len(r.digits) >= settings.unprofiled_number_min_digits
    )
    best = max(runs, key=lambda r: len(r.digits), default=None)
    heard = len(best.digits) if best else 0
    attempt = mention_at(words, "number", best.first, best.last, digits=best.digits) if best else None
    return NumberFinding(None, mentions, heard, settings.unprofiled_number_min_digits, attempt)


def _forms_in(run: DigitRun, forms: Sequence[str]) -> list[tuple[int, str]]:
    """(position, form) of each time the number is said in this run (it may be said twice in a row)."""
    out: list[tuple[int, str]] = []
    at = 0
    while at < len(run.digits):
        hits = [(pos, f) for f in forms if (pos := run.digits.find(f, at)) >= 0]
        if not hits:
            break
        pos, form = min(hits, key=lambda h: (h[0], -len(h[1])))
        out.append((pos, form))
        at = pos + len(form)
    return out


def _extension_end(run: DigitRun, after: int, nxt: DigitRun | None, ext: str, settings: Settings) -> int | None:
    """Word index where the extension ends, if it is said right after the number ("... extension two one four")."""
    if run.digits[after : after + len(ext)] == ext:
        return run.positions[after + len(ext) - 1]
    if after == len(run.digits) and nxt is not None and nxt.first - run.last - 1 <= settings.number_join_max_words:
        for reading in readings(nxt):
            if reading.digits.startswith(ext):
                return reading.positions[len(ext) - 1]
    return None


_EXTENSION_WORDS = frozenset({"extension", "ext", "x", "extn"})
_LOOSE_DIGITS = {**UNITS, **HOMOPHONES}


def _spoken_extension(words: Sequence[Word], last: int, ext: str, settings: Settings) -> int | None:
    """Word index where the extension ends when it was said after "extension" with a word bent in it
    ("extension for all seven" for "extension four seven"): digits and their homophones, one other word."""
    for k in range(last + 1, min(len(words), last + 2 + settings.number_join_max_words)):
        if words[k].word not in _EXTENSION_WORDS:
            continue
        digits, junk = "", 0
        for j in range(k + 1, min(len(words), k + 3 + len(ext))):
            digit = _LOOSE_DIGITS.get(words[j].word)
            if digit is None:
                junk += 1
                if junk > 1 or not digits:
                    return None
                continue
            digits += digit
            if digits == ext:
                return j
            if not ext.startswith(digits):
                return None
        return None
    return None


def _said_numbers(
    words: Sequence[Word], runs: Sequence[DigitRun], forms: Sequence[str], ext: str, settings: Settings
) -> tuple[list[Mention], list[Mention]]:
    """Mentions of the whole number (with its extension when it has one), and those that lack the extension."""
    found: list[Mention] = []
    no_ext: list[Mention] = []
    for k, run in enumerate(runs):
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        for reading in readings(run):  # homophone digits kept first; they count only if the number then matches
            hits = _forms_in(reading, forms)
            for pos, form in hits:
                first, last = reading.span(pos, pos + len(form))
                first = reading.first if pos == 0 else first
                end = _extension_end(reading, pos + len(form), nxt, ext, settings) if ext else last
                if end is None and pos + len(form) == len(reading.digits):
                    end = _spoken_extension(words, last, ext, settings)
                target = found if end is not None else no_ext
                target.append(mention_at(words, "number", first, end if end is not None else last, digits=form))
            if hits:
                break
    return found, no_ext


def find_number(
    words: Sequence[Word], runs: Sequence[DigitRun], phone: str | None, settings: Settings
) -> NumberFinding:
    strict = join_close_runs(runs, settings.number_join_max_words, settings.number_join_max_seconds)
    if not phone or not digits_of(phone) or not phone_forms(phone)[0]:
        return _unprofiled_number(words, strict, settings)
    forms, ext = phone_forms(phone)
    shortest = min(forms, key=len)
    lenient = join_close_runs(
        find_digit_runs(words, lenient=True), settings.number_join_max_words, settings.number_join_max_seconds
    )
    found, no_ext = _said_numbers(words, lenient, forms, ext, settings)
    best_run, best_heard, best_total = None, 0, len(shortest)
    attempts = [  # homophones at the edges count here: "sexual for five five five …" for "six oh four …"
        mention_at(words, "number", run.first, run.last, digits=run.digits)
        for run in lenient
        if len(run.digits) >= len(shortest) - 2 and max(_lcs(run.digits, f) - len(f) for f in forms) >= -2
    ]
    for run in strict:
        if len(run.digits) < min(settings.partial_number_min_digits, len(shortest)) or len(run.digits) <= best_heard:
            continue  # cannot beat the best attempt so far
        # Heard and total digits of the same form: "heard 9 of 10" for 085 123 4568, never "9 of 9".
        heard, total = min(((_lcs(run.digits, f), len(f)) for f in forms), key=lambda ht: (ht[1] - ht[0], -ht[0]))
        if heard > best_heard:
            best_run, best_heard, best_total = run, heard, total
    attempt = mention_at(words, "number", best_run.first, best_run.last, digits=best_run.digits) if best_run else None
    if found or no_ext:
        best_heard = best_total = len(shortest)
        attempt = attempt if found else no_ext[0]
    zero = None if found or no_ext else _zero_dropped(words, lenient, forms)
    near = tuple(attempts)
    return NumberFinding(forms[0], tuple(found), best_heard, best_total, attempt, ext, tuple(no_ext), zero, near)


def _only_zeros_missing(heard: str, form: str) -> bool:
    """True when heard is the form with one or more of its 0s left out, and nothing else changed."""
    if not heard or len(heard) >= len(form):
        return False
    j = 0
    for ch in form:
        if j < len(heard) and heard[j] == ch:
            j += 1
        elif ch != "0":
            return False
    return j == len(heard)


def _zero_dropped(words: Sequence[Word], runs: Sequence[DigitRun], forms: Sequence[str]) -> Mention | None:
    """The first attempt that is the number with only 0s missing: both recognisers swallow an "oh" between
    digits, so this is most likely the number said, with a 0 to check."""
    for run in runs:
        for reading in readings(run):
            for f in forms:
                shortest = len(f.replace("0", ""))
                for begin in range(len(reading.digits)):
                    for size in range(max(shortest, 4), len(f)):
                        part = reading.digits[begin : begin + size]
                        if len(part) == size and _only_zeros_missing(part, f):
                            first, last = reading.span(begin, begin + size)
                            return mention_at(words, "number", first, last, digits=part)
    return None
