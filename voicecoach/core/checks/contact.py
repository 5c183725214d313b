"""Contact checks: the prospect must be able to call back, and hear the details twice.

Advice: say your name, company and number early, and repeat the number slowly at the end (the prospect
reaches for a pen only after hearing the reason to call).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.checks.recognition import neutral_message, unverified
from voicecoach.core.contact import ContactFindings, Mention, NumberFinding
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.matching import company_words, words_of
from voicecoach.core.transcript import Transcript

__all__ = [
    "UNKNOWN_WORDS",
    "check_contact",
    "misheard_flag",
    "missing_contact_flag",
    "not_repeated_flag",
    "said_but_bent",
]

UNKNOWN_WORDS = frozenset({"[unk]", "<unk>"})

_PART_WORDS = {"name": "your name", "company": "your company", "number": "your callback number"}
# Why each part matters, in the rep's terms: the number is the callback, the name and company are not.
_REASONS = {
    "name": "the prospect does not know who called",
    "company": "the prospect cannot place you or look you up",
    "number": "the prospect cannot call you back",
}


def _why(parts: list[str]) -> str:
    """The sentence saying what each missing part costs ("Without it the prospect cannot call you back.")."""
    if len(parts) == 1:
        return f"Without it {_REASONS[parts[0]]}."
    short = {"name": "your name", "company": "your company", "number": "your number"}
    return "Without " + "; without ".join(f"{short[p]} {_REASONS[p]}" for p in parts) + "."


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _unknown_to_model(part: str, ctx: CheckContext) -> bool:
    """True when the speech model lacks a word of the rep's name or company: it can only print it bent."""
    if ctx.vocabulary is None or ctx.profile is None or part not in ("name", "company"):
        return False
    words = words_of(ctx.profile.name)[:1] if part == "name" else company_words(ctx.profile.company)
    try:
        return any(not ctx.vocabulary(w) for w in words)
    except Exception:  # a vocabulary lookup must never break a report
        return False


def _unclear_slot(part: str, ctx: CheckContext) -> bool:
    """True when the words where the part should be are all ones the recogniser could not make out."""
    slot = ctx.contact.bent(part)
    return slot is not None and all(w in UNKNOWN_WORDS for w in slot.heard.split())


def _no_second_opinion(ctx: CheckContext) -> bool:
    """A transcript alone (no constrained decode) in which the recogniser was unsure of many words."""
    rel = ctx.reliability
    if rel is None or rel.constrained is not None:
        return False
    return any(sig["fired"] and sig["reason"] == "low_confidence" for sig in rel.signals)


def _near_number(ctx: CheckContext, con: ContactFindings) -> bool:
    """The script-limited decode heard the number but for a digit or two; it proves no extension, though."""
    return bool(con.number.attempts) and not ctx.contact.number.extension_missing


def _verify(missing: list[str], ctx: CheckContext) -> tuple[list[str], dict[str, list[str]]]:
    """Split the parts the free decode missed into accused parts and doubtful ones (with why).

    Doubtful: a part the script-constrained decode heard (the rep probably said it; a number with at most two
    digits bent there counts), a name or company
    the model cannot spell while some sign of poor recognition fired, a part whose slot holds only words
    the recogniser could not make out, and any part of a transcript without a second decode in which many
    words were unclear. When the whole take's recognition is unreliable, a part is accused only if the
    constrained decode found most of the script and still not it.
    """
    rel = ctx.reliability
    con = rel.constrained_contact if rel is not None else None
    doubt: dict[str, list[str]] = {
        "heard_by_constrained_decode": [], "not_in_model_vocabulary": [], "unclear_where_expected": []
    }  # fmt: skip
    shaky = rel is not None and any(sig["fired"] for sig in rel.signals)
    unsure = _no_second_opinion(ctx)
    for p in missing:
        if con is not None and (p not in con.missing() or (p == "number" and _near_number(ctx, con))):
            doubt["heard_by_constrained_decode"].append(p)
        elif shaky and _unknown_to_model(p, ctx):
            doubt["not_in_model_vocabulary"].append(p)
        elif _unclear_slot(p, ctx) or unsure:
            doubt["unclear_where_expected"].append(p)
    doubtful = {p for parts in doubt.values() for p in parts}
    if rel is not None and rel.unreliable:
        good = con is not None and (rel.constrained_coverage or 0.0) >= ctx.settings.confirm_min_constrained_coverage
        doubt["recognition_unreliable"] = [p for p in missing if p not in doubtful and not good]
        doubtful |= set(doubt["recognition_unreliable"])
    return [p for p in missing if p not in doubtful], {k: v for k, v in doubt.items() if v}


def _shown_instead(transcript: Transcript, ctx: CheckContext, part: str) -> str | None:
    """The free decode's words where the constrained decode heard the part: what the prospect reads."""
    rel = ctx.reliability
    con = rel.constrained_contact if rel is not None else None
    if con is None:
        return None
    mentions = {"name": con.name, "company": con.company, "number": con.number.mentions or con.number.attempts}[part]
    if not mentions:
        return None
    m = mentions[0]
    shown = [w.word for w in transcript.words if w.start < m.end and w.end > m.start]
    return " ".join(shown) or None


def _doubt_message(doubt: dict[str, list[str]], flag: Flag, transcript: Transcript, ctx: CheckContext) -> str:
    if "recognition_unreliable" in doubt:
        return neutral_message(flag)
    sentences = []
    if doubt.get("heard_by_constrained_decode"):
        parts = doubt["heard_by_constrained_decode"]
        what = _join([_PART_WORDS[p] for p in parts])
        shown = [f"{_PART_WORDS[p]} as “{q}”" for p in parts if (q := _shown_instead(transcript, ctx, p))]
        sentences.append(
            f"The recogniser did not print {what}, but listening for your script's words it heard it, so it is "
            "not counted against you."
        )
        if shown:
            sentences.append(f"What the prospect reads: the emailed transcript shows {_join(shown)}.")
    if doubt.get("not_in_model_vocabulary"):
        what = _join([_PART_WORDS[p] for p in doubt["not_in_model_vocabulary"]])
        sentences.append(
            f"The speech model does not know {what} and much of this take was unclear to it, so it may have "
            "printed it as other words; listen back to check."
        )
    if doubt.get("unclear_where_expected"):
        what = _join([_PART_WORDS[p] for p in doubt["unclear_where_expected"]])
        sentences.append(
            f"The recogniser did not pick up {what}, but the words where it would be were unclear to it, so "
            "whether you said it could not be checked; listen back to check."
        )
    sentences.append("Say it slowly and clearly: the prospect's emailed transcript may not show it either.")
    return " ".join(sentences)


def _details(found: Any, not_said: list[str], incomplete: bool) -> dict[str, Any]:
    number = found.number
    return {
        "missing": not_said,
        "incomplete": ["number"] if incomplete else [],
        "number": {
            "heard_digits": number.heard_digits,
            "total_digits": number.total_digits,
            "expected": number.expected,
            "extension": number.extension,
            "extension_said": None if not number.extension else number.complete,
        },
        "website_said": None if found.website is None else bool(found.website),
        "email_said": None if found.email is None else bool(found.email),
        "checked": ["name", "company", "number"] if found.profile is not None else ["number"],
    }


def _accusation(transcript: Transcript, ctx: CheckContext, missing: list[str]) -> Flag:
    found = ctx.contact
    number = found.number
    incomplete = "number" in missing and number.heard_digits >= ctx.settings.partial_number_min_digits
    not_said = [p for p in missing if not (p == "number" and incomplete)]
    sentences = []
    if not_said:
        sentences.append(f"You didn't say {_join([_PART_WORDS[p] for p in not_said])}.")
    ev: list[Evidence] = []
    if incomplete and number.best_attempt is not None:
        if number.expected is None:
            heard = f"heard {number.heard_digits} digits; a callback number needs at least {number.total_digits}"
        elif number.extension_missing:
            heard = f"extension not said: the number needs “extension {number.extension}” after it"
        else:
            heard = f"heard {number.heard_digits} of {number.total_digits} digits"
        sentences.append(f"Your callback number was incomplete ({heard}).")
        a = number.best_attempt
        ev.append(evidence(transcript.words, a.first, a.last, heard))
    sentences.append(_why(missing))
    details = _details(found, not_said, incomplete)
    return Flag(codes.MISSING_CONTACT_INFO, Severity.ERROR, " ".join(sentences), tuple(ev), details)


def said_but_bent(ctx: CheckContext) -> list[str]:
    """Parts not heard as themselves whose slot holds words the prospect will read instead."""
    found = ctx.contact
    bent = [p for p in found.missing() if found.bent(p) is not None and not _unclear_slot(p, ctx)]
    return bent + (["number"] if found.number.mostly_there is not None else [])


def missing_contact_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    bent = said_but_bent(ctx)
    missing = [p for p in ctx.contact.missing() if p not in bent]
    if not missing:
        return None
    accused, doubt = _verify(missing, ctx)
    doubtful = [p for p in missing if p not in accused]
    if accused:
        flag = _accusation(transcript, ctx, accused)
        if doubtful:
            flag = replace(flag, details={**dict(flag.details), "unverified_parts": doubtful, "why": doubt})
        return flag
    flag = _accusation(transcript, ctx, doubtful)
    flag = replace(flag, details={**dict(flag.details), "unverified_parts": doubtful, "why": doubt})
    return unverified(flag, _doubt_message(doubt, flag, transcript, ctx), ", ".join(doubt))


def _not_repeated(mentions: tuple[Mention, ...], start: float, seconds: float, end_fraction: float) -> Mention | None:
    """The early mention, if no other mention follows in the final part of the take."""
    if not mentions or seconds <= 0:
        return None
    end_from = start + seconds * (1.0 - end_fraction)
    first = mentions[0]
    if first.start >= end_from:
        return None  # said only at the end: that is not this flag
    if any(m.start >= end_from for m in mentions[1:]):
        return None
    return first


def not_repeated_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    found = ctx.contact
    if not transcript.words:
        return None
    start, seconds = transcript.words[0].start, transcript.speech_seconds
    parts: list[str] = []
    ev: list[Evidence] = []
    # A repeat with a digit or two bent by the recogniser is still the number said again.
    said = tuple(sorted({*found.number.mentions, *found.number.attempts}, key=lambda m: m.start))
    said = said if found.number.mentions else ()
    for part, mentions in (("number", said), ("name", found.name)):
        if part not in ctx.settings.repeat_parts:
            continue
        early = _not_repeated(mentions, start, seconds, ctx.settings.repeat_end_fraction)
        if early is not None:
            parts.append(part)
            ev.append(evidence(transcript.words, early.first, early.last, f"{part} said only here"))
    if not parts:
        return None
    what = _join([_PART_WORDS[p] for p in parts])
    message = (
        f"You gave {what} early but not again at the end. Repeat it slowly before you hang up; "
        "that's when the prospect is ready to write it down."
    )
    return Flag(
        codes.CONTACT_NOT_REPEATED,
        Severity.WARNING,
        message,
        tuple(ev),
        {"parts": parts, "end_fraction": ctx.settings.repeat_end_fraction},
    )


def _bent(m: Mention) -> str | None:
    """What part of a name or company a mention shows bent, as the rep would call it; None if it is exact."""
    heard = m.heard.split()
    canon = list(m.canonical)
    if heard == canon or "".join(heard) == "".join(canon):
        return None
    if m.what == "company":
        return "your company"
    if len(canon) > 1 and heard[:1] == canon[:1]:
        return "your surname"
    if len(canon) > 1 and heard[-1:] == canon[-1:]:
        return "your first name"
    return "your name"


def _bent_quote(m: Mention) -> tuple[str, str]:
    """The bent words as the transcript shows them, and the word they stand for (to spell it)."""
    heard = m.heard.split()
    canon = list(m.canonical)
    if m.what == "company":  # the whole span that was the company, as the prospect reads it
        return m.heard, max(canon, key=len)
    if len(canon) > 1 and heard[:1] == canon[:1]:
        return " ".join(heard[1:]), canon[-1]
    if len(canon) > 1 and heard[-1:] == canon[-1:]:
        return " ".join(heard[:-1]), canon[0]
    return " ".join(heard), max(canon, key=len)


def _spelling(word: str) -> str:
    return f"{word.capitalize()}, {'-'.join(word[:4].upper())}…"


def _slot_quotes(transcript: Transcript, ctx: CheckContext) -> tuple[list[str], list[Evidence], str]:
    """Parts said in their slot but printed as other words: "You said your name, but … shows “they know”"."""
    found, profile = ctx.contact, ctx.profile
    quotes: list[str] = []
    ev: list[Evidence] = []
    spell = ""
    for part in said_but_bent(ctx):
        if part == "number":
            quote, e = _number_quote(transcript, found.number)
            quotes.append(quote)
            ev.append(e)
            continue
        slot = found.bent(part)
        assert slot is not None and profile is not None
        quotes.append(f"{_PART_WORDS[part]} came out as “{slot.heard}”")
        ev.append(evidence(transcript.words, slot.first, slot.last, f"reads as “{slot.heard}”"))
        words = words_of(profile.name) if part == "name" else company_words(profile.company)
        spell = spell or _spelling(max(words, key=len))
    return quotes, ev, spell


def _number_quote(transcript: Transcript, number: NumberFinding) -> tuple[str, Evidence]:
    """The number as it came out, with what to check: a swallowed "oh", or the one digit heard otherwise."""
    m = number.mostly_there
    assert m is not None
    if number.zero_dropped is not None:
        label = "check the 0"
        quote = (
            f"{_PART_WORDS['number']} came out as “{m.heard}”, without a 0 — check the 0: recognisers often "
            "swallow an “oh” between digits, so say “zero”"
        )
    else:
        label = f"heard {number.heard_digits} of {number.total_digits} digits"
        quote = f"{_PART_WORDS['number']} came out as “{m.heard}” ({label}); check each digit"
    return quote, evidence(transcript.words, m.first, m.last, label)


def misheard_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    """Contact info heard only in a bent form: quote what the emailed transcript shows the prospect."""
    found = ctx.contact
    bent_slots, ev, spell = _slot_quotes(transcript, ctx)
    quotes: list[str] = []
    for mentions in (found.name, found.company):
        if not mentions or any(_bent(m) is None for m in mentions):
            continue  # not said, or said cleanly at least once
        best = max(mentions, key=lambda m: m.score)
        what = _bent(best)
        shown, word = _bent_quote(best)
        spell = spell or _spelling(word)
        quotes.append(f"{what} came out as “{shown}”")
        ev.append(evidence(transcript.words, best.first, best.last, f"reads as “{shown}”"))
    if not quotes and not bent_slots:
        return None
    said = said_but_bent(ctx)
    opening = f"You said {_join([_PART_WORDS[p] for p in said])}, but in" if said else "What the prospect reads: in"
    message = (
        f"{opening} the emailed transcript {_join(bent_slots + quotes)}. Slow down on it, or spell it "
        f"once (“{spell}”), so the prospect can find you."
    )
    details = {"bent": bent_slots + quotes, "said_but_bent": said}
    return Flag(codes.CONTACT_MISHEARD, Severity.TIP, message, tuple(ev), details)


def check_contact(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    found = (missing_contact_flag(transcript, ctx), not_repeated_flag(transcript, ctx), misheard_flag(transcript, ctx))
    return [f for f in found if f]
