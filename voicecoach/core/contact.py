"""Where in a take the rep said their name, company, callback number, website and email.

A voicemail is worthless if the prospect cannot call back, so the number counts only when every digit
was heard in order (the country code may be left out). A near miss is still reported ("heard 6 of 10
digits") so the rep knows what went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from voicecoach.core.matching import (
    STOPWORDS,
    Claimed,
    company_words,
    find_spans,
    fold_accents,
    spoken_address,
    words_of,
)
from voicecoach.core.phone import PhoneError, parse_phone, split_extension
from voicecoach.core.profile import Profile
from voicecoach.core.pronounce import prime as prime_pronunciations
from voicecoach.core.pronounce import sound_key
from voicecoach.core.settings import Settings
from voicecoach.core.slots import Slot, company_slots, name_slots
from voicecoach.core.spoken_numbers import HOMOPHONES, UNITS, DigitRun, digits_of, find_digit_runs, readings
from voicecoach.core.transcript import Transcript, Word

# First names that are also everyday words count alone only right after an introduction ("it's Will").
_COMMON_WORD_NAMES = (
    "will bill mark grace hope joy faith frank rose may june april ray sue pat bob jack chase drew gene art "
    "rich guy dawn penny sandy summer autumn amber lily bell belle sunny victor max dean hunter page wade "
    "miles lane brook clay grant reed rusty dusty cliff gail eve"
)
COMMON_WORD_NAMES = frozenset(_COMMON_WORD_NAMES.split())
INTRODUCERS = frozenset({"is", "it's", "i'm", "am", "name's", "me", "this", "here", "hi", "hey", "from"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where a piece of contact info was said."""

    what: str
    first: int
    last: int
    start: float
    end: float
    heard: str
    score: float = 100.0
    digits: str = ""
    canonical: tuple[str, ...] = ()  # the profile's own words for what was heard, for script alignment

    @property
    def word_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


@dataclass(frozen=True, slots=True)
class NumberFinding:
    """The callback number: complete mentions, and the best attempt when none was complete."""

    expected: str | None
    mentions: tuple[Mention, ...]
    heard_digits: int
    total_digits: int
    best_attempt: Mention | None
    extension: str = ""
    without_extension: tuple[Mention, ...] = ()  # the number said, but not the extension it needs
    zero_dropped: Mention | None = None  # the number with only some of its 0s missing ("oh"s swallowed)
    attempts: tuple[Mention, ...] = ()  # every run that is the number but for a digit or two (bent repeats)

    @property
    def complete(self) -> bool:
        return bool(self.mentions)

    @property
    def mostly_there(self) -> Mention | None:
        """An attempt that is the number but for one digit or a swallowed "oh": what came out, not a miss."""
        if self.complete or self.expected is None or self.extension_missing:
            return None
        if self.zero_dropped is not None:
            return self.zero_dropped
        if self.best_attempt is not None and self.total_digits > 3 and self.heard_digits >= self.total_digits - 1:
            return self.best_attempt
        return None

    @property
    def extension_missing(self) -> bool:
        return not self.mentions and bool(self.without_extension)


@dataclass(frozen=True, slots=True)
class ContactFindings:
    profile: Profile | None
    name: tuple[Mention, ...]
    company: tuple[Mention, ...]
    number: NumberFinding
    website: tuple[Mention, ...] | None
    email: tuple[Mention, ...] | None
    runs: tuple[DigitRun, ...]
    slots: tuple[Slot, ...] = ()  # where a missing name or company should be, holding other words

    def bent(self, part: str) -> Slot | None:
        """The slot of a part not heard as itself: said, but the recogniser printed other words there."""
        return next((s for s in self.slots if s.what == part), None)

    def missing(self) -> list[str]:
        """The required parts not said: 'name', 'company', 'number' (name/company only with a profile)."""
        out = []
        if self.profile is not None:
            if not self.name:
                out.append("name")
            if not self.company:
                out.append("company")
        if not self.number.complete:
            out.append("number")
        return out


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


def _mention(
    words: Sequence[Word],
    what: str,
    first: int,
    last: int,
    score: float = 100.0,
    digits: str = "",
    canonical: Sequence[str] = (),
) -> Mention:
    heard = " ".join(w.word for w in words[first : last + 1])
    return Mention(what, first, last, words[first].start, words[last].end, heard, score, digits, tuple(canonical))


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
        _mention(words, "number", r.first, r.last, digits=r.digits)
        for r in runs
        if len(r.digits) >= settings.unprofiled_number_min_digits
    )
    best = max(runs, key=lambda r: len(r.digits), default=None)
    heard = len(best.digits) if best else 0
    attempt = _mention(words, "number", best.first, best.last, digits=best.digits) if best else None
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
                target.append(_mention(words, "number", first, end if end is not None else last, digits=form))
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
        _mention(words, "number", run.first, run.last, digits=run.digits)
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
    attempt = _mention(words, "number", best_run.first, best_run.last, digits=best_run.digits) if best_run else None
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
                            return _mention(words, "number", first, last, digits=part)
    return None


def find_text(
    words: Sequence[Word], what: str, target: Sequence[str], settings: Settings, extra: int = 2, *, sound: bool = True
) -> list[Mention]:
    """Mentions of a multi-word target, tolerating split and bent words (with ``sound``, also words alike in sound)."""
    tokens = [w.word if w.word.isascii() else fold_accents(w.word) for w in words]
    spans = find_spans(
        tokens,
        target,
        min_ratio=settings.name_min_ratio,
        phonetic_min_ratio=settings.name_phonetic_min_ratio,
        sound_min_ratio=settings.name_sound_min_ratio if sound else 0.0,
        extra_words=extra,
    )
    return [_mention(words, what, s.first, s.last, s.score, canonical=target) for s in spans]


def find_email(words: Sequence[Word], email: str, settings: Settings) -> list[Mention]:
    """An email is said as local part, "at", domain: both halves must match on either side of an "at"."""
    spoken = spoken_address(email)
    if "at" not in spoken:
        return find_text(words, "email", spoken, settings, extra=6, sound=False)
    cut = len(spoken) - 1 - spoken[::-1].index("at")
    local, domain = spoken[:cut], spoken[cut + 1 :]
    found: list[Mention] = []
    for k, w in enumerate(words):
        if w.word != "at" or k == 0:
            continue
        before = words[max(0, k - len(local) - 2) : k]
        locals_ = [m for m in find_text(before, "email", local, settings) if m.last == len(before) - 1]
        after = words[k + 1 : k + 1 + len(domain) + 5]
        domains = [m for m in find_text(after, "email", domain, settings, extra=5, sound=False) if m.first == 0]
        if locals_ and domains:
            first = k - len(before) + locals_[0].first
            last = k + 1 + domains[0].last
            score = min(locals_[0].score, domains[0].score)
            found.append(_mention(words, "email", first, last, score, canonical=spoken))
    return found


def find_name(words: Sequence[Word], name: str, settings: Settings) -> list[Mention]:
    """Full-name mentions, plus first-name mentions that are not part of a full one."""
    full = words_of(name)
    found = find_text(words, "name", full, settings) if len(full) > 1 else []
    if full:
        common = full[0] in COMMON_WORD_NAMES or full[0] in STOPWORDS
        claimed = Claimed((f.first, f.last) for f in found)
        for m in find_text(words, "name", full[:1], settings):
            if common and (m.first == 0 or words[m.first - 1].word not in INTRODUCERS):
                continue  # "will" in "I will send" is not Will
            if claimed.is_free(m.first, m.last):
                found.append(m)
    return sorted(found, key=lambda m: m.first)


def find_company(
    words: Sequence[Word], company: str, settings: Settings, number: NumberFinding, script_words: Sequence[str] = ()
) -> list[Mention]:
    """Mentions of the company, wherever said, also inside the website or email ("brightline dot io").

    The callback number's words are set aside first, so "twenty four seven plumbing three one two" quotes
    the company without the number's first word. A bent match that is a phrase of the script ("idea for"
    in "one idea for your place", for Idea Forge) is the script said, not the company.
    """
    target = company_words(company)
    own = set(target)
    numbered = [m for m in (*number.mentions, number.best_attempt) if m is not None]
    hidden = {i for m in numbered for i in m.word_indexes if words[i].word not in own}
    masked = [replace(w, word="|") if i in hidden else w for i, w in enumerate(words)]
    found = find_text(masked, "company", target, settings) or find_text(words, "company", target, settings)
    out = []
    for m in found:
        first, last = m.first, m.last
        while last > first and last in hidden:
            last -= 1
        while first < last and first in hidden:
            first += 1
        m = _mention(words, "company", first, last, m.score, canonical=m.canonical)
        if m.score >= 100 or not _said_in(m.heard.split(), script_words):
            out.append(m)
    return out


def _said_in(heard: Sequence[str], plan: Sequence[str]) -> bool:
    """True when the words occur together, in this order, in the script."""
    n = len(heard)
    return any(list(plan[i : i + n]) == list(heard) for i in range(len(plan) - n + 1) if plan[i] == heard[0])


def _drop_overlapping(mentions: list[Mention], others: Sequence[Mention]) -> list[Mention]:
    claimed = Claimed((o.first, o.last) for o in others)
    return [m for m in mentions if claimed.is_free(m.first, m.last)]


def find_website(words: Sequence[Word], website: str, settings: Settings) -> list[Mention]:
    """A website counts when its words and at least one "dot" are heard: "blue sky homes" alone is the company."""
    target = spoken_address(website)
    found = find_text(words, "website", target, settings, extra=5, sound=False)
    if "dot" not in target:
        return found
    return [m for m in found if any(w.word == "dot" for w in words[m.first : m.last + 1])]


def _not_someone_else(mine: list[Mention], theirs: Sequence[Mention]) -> list[Mention]:
    """Drop the rep's name where another person's name (prospect, referral) fits the same words at least as well.

    "hi mark" is the prospect Mark, not the rep Marek; "dana smith suggested" is the referral, not Dana
    Whitfield. The rep's full name still counts where only part of it is someone else's.
    """
    covering: dict[int, list[Mention]] = {}  # word index -> their mentions over it (linear, not all pairs)
    for o in theirs:
        for k in range(o.first, o.last + 1):
            covering.setdefault(k, []).append(o)
    return [
        m
        for m in mine
        if not any(o.last >= m.last and o.score >= m.score for o in covering.get(m.first, ()))
    ]


def find_contact(
    transcript: Transcript | Sequence[Word],
    profile: Profile | None,
    settings: Settings | None = None,
    *,
    others: Sequence[str] = (),
    script_words: Sequence[str] = (),
) -> ContactFindings:
    """Contact info in a take; ``others`` are other people's names said in it (prospect, referral);
    ``script_words`` the script's words: a phrase of it is never a bent company."""
    settings = settings or Settings()
    words = transcript.words if isinstance(transcript, Transcript) else tuple(transcript)
    runs = tuple(find_digit_runs(words))
    number = find_number(words, runs, profile.phone if profile else None, settings)
    if profile is None:
        return ContactFindings(None, (), (), number, None, None, runs)
    prime_pronunciations([w.word for w in words] + words_of(" ".join([profile.name, profile.company, *others])))
    email = find_email(words, profile.email, settings) if profile.email else None
    website = None
    if profile.website:
        website = _drop_overlapping(find_website(words, profile.website, settings), email or [])
    theirs = [m for other in others if other and other.strip() for m in find_name(words, other, settings)]
    name = _not_someone_else(_drop_overlapping(find_name(words, profile.name, settings), email or []), theirs)
    company = find_company(words, profile.company, settings, number, script_words)
    sure = [m for m in theirs if all(w.conf >= settings.low_confidence for w in words[m.first : m.last + 1])]
    tried = [m for m in (number.best_attempt, number.zero_dropped) if m is not None]
    found = (name, company, [*number.mentions, *tried], website or [], email or [], sure)
    slots = _slots(words, profile, runs, found)
    return ContactFindings(
        profile,
        tuple(name),
        tuple(company),
        number,
        tuple(website) if website is not None else None,
        tuple(email) if email is not None else None,
        runs,
        slots,
    )


def _may_be(slot: Slot, name: str) -> bool:
    """One word alone in a name slot is the name bent only when it has a few letters and starts with the
    sound of the first name or surname: "monica" for Marek, not "new" for Liam Kowalczyk ("it's me with …"
    came out "it's new it's …") nor "q" (the "two" of a number). Two words or more always may be."""
    if " " in slot.heard:
        return True
    heard = sound_key(slot.heard)
    starts = {k[0] for w in words_of(name) if (k := sound_key(w))}
    return len(slot.heard) >= 3 and (heard is None or not starts or heard[0] in starts)


def _slots(
    words: Sequence[Word], profile: Profile, runs: Sequence[DigitRun], found: Sequence[Sequence[Mention]]
) -> tuple[Slot, ...]:
    """The introduction's slots for a name or company that was not heard as itself.

    ``found`` are the mentions of everything else (name, company, number, website, email, other people's
    names the recogniser was sure of): none of them is a slot's content.
    """
    name, company = found[0], found[1]
    taken = {i for ms in found for m in ms for i in m.word_indexes}
    taken |= {p for run in runs if len(run.digits) >= 2 for p in run.positions}
    out: list[Slot] = []
    bent_names = name_slots(words, taken)  # also where the company follows, when the name is said elsewhere
    if not name:
        out.extend([s for s in bent_names if _may_be(s, profile.name)][:1])
    if not company:
        names = {i for m in name for i in m.word_indexes} | {i for s in bent_names for i in s.word_indexes}
        loose = {i for m in name if m.score < 100 for i in m.word_indexes}  # "dental" sounding like Dana
        out.extend(company_slots(words, taken - loose, names - loose, company_words(profile.company))[:1])
    return tuple(out)
