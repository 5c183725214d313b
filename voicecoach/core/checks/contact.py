"""Contact checks: the prospect must be able to call back, and hear the details twice.

Advice: say your name, company and number early, and repeat the number slowly at the end (the prospect
reaches for a pen only after hearing the reason to call).
"""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.contact import Mention
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.transcript import Transcript

_PART_WORDS = {"name": "your name", "company": "your company", "number": "your callback number"}


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def missing_contact_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    found = ctx.contact
    missing = found.missing()
    if not missing:
        return None
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
    sentences.append(f"Without {'it' if len(missing) == 1 else 'them'} the prospect cannot call you back.")
    details = {
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
    return Flag(codes.MISSING_CONTACT_INFO, Severity.ERROR, " ".join(sentences), tuple(ev), details)


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
    for part, mentions in (("number", found.number.mentions), ("name", found.name)):
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


def check_contact(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    return [f for f in (missing_contact_flag(transcript, ctx), not_repeated_flag(transcript, ctx)) if f]
