"""Where in a take the rep said their name, company, callback number, website and email.

A voicemail is worthless if the prospect cannot call back, so the number counts only when every digit
was heard in order (the country code may be left out). A near miss is still reported ("heard 6 of 10
digits") so the rep knows what went wrong. The number is found by ``contact_number``; what is found is
described in ``contact_findings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from voicecoach.core.contact_findings import ContactFindings, Mention, NumberFinding, mention_at
from voicecoach.core.contact_number import find_number, join_close_runs, national_forms, phone_forms
from voicecoach.core.matching import (
    STOPWORDS,
    Claimed,
    company_words,
    find_spans,
    fold_accents,
    spoken_address,
    words_of,
)
from voicecoach.core.profile import Profile
from voicecoach.core.pronounce import prime as prime_pronunciations
from voicecoach.core.pronounce import sound_key
from voicecoach.core.settings import Settings
from voicecoach.core.slots import Slot, company_slots, name_slots
from voicecoach.core.spoken_numbers import DigitRun, find_digit_runs
from voicecoach.core.transcript import Transcript, Word

__all__ = [  # the finder's results and the number's helpers are still reached from here
    "ContactFindings",
    "Mention",
    "NumberFinding",
    "find_company",
    "find_contact",
    "find_email",
    "find_name",
    "find_number",
    "find_text",
    "find_website",
    "join_close_runs",
    "national_forms",
    "phone_forms",
]

# First names that are also everyday words count alone only right after an introduction ("it's Will").
_COMMON_WORD_NAMES = (
    "will bill mark grace hope joy faith frank rose may june april ray sue pat bob jack chase drew gene art "
    "rich guy dawn penny sandy summer autumn amber lily bell belle sunny victor max dean hunter page wade "
    "miles lane brook clay grant reed rusty dusty cliff gail eve"
)
COMMON_WORD_NAMES = frozenset(_COMMON_WORD_NAMES.split())
INTRODUCERS = frozenset({"is", "it's", "i'm", "am", "name's", "me", "this", "here", "hi", "hey", "from"})


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
    return [mention_at(words, what, s.first, s.last, s.score, canonical=target) for s in spans]


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
            found.append(mention_at(words, "email", first, last, score, canonical=spoken))
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
        m = mention_at(words, "company", first, last, m.score, canonical=m.canonical)
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
