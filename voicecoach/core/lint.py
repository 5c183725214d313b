"""Check a planned script before recording: length at a speaking pace, contact details early and again at
the end, placeholders that will stay empty, and one topic only.

The script is turned into the words a recogniser would print and timed at ``wpm``, so the same contact
detection that judges a take judges the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from voicecoach.core import codes
from voicecoach.core.checks.context import evidence, phrase_hits
from voicecoach.core.contact import ContactFindings, Mention, find_contact
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.inputs import MAX_SCRIPT_CHARS, check_length
from voicecoach.core.judgement import time_limit_for
from voicecoach.core.profile import Profile
from voicecoach.core.script import PLACEHOLDERS, fill_placeholders, parse_script, placeholders_in, plan_tokens
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript, Word

__all__ = ["PER_CALL", "STAND_IN", "TOPIC_MARKERS", "ScriptLint", "lint_script"]

# Filled when the rep practises, not from the profile.
PER_CALL = frozenset({"prospect", "referral", "trigger"})
TOPIC_MARKERS = ("also", "another thing", "additionally", "in addition", "on top of that", "as well as")
# Without a profile, placeholders are filled with a stand-in so length and the number can still be judged.
STAND_IN = Profile("Alex Morgan", "Example Company", "+1 555-010-0199", "example.com", "alex@example.com")
_PART = {"name": "your name", "company": "your company", "number": "your number"}


@dataclass(frozen=True, slots=True)
class ScriptLint:
    estimated_seconds: float
    words: int
    flags: tuple[Flag, ...] = ()
    time_limit: float = 30.0
    wpm: float = 150.0

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimated_seconds": self.estimated_seconds,
            "words": self.words,
            "wpm": self.wpm,
            "time_limit": self.time_limit,
            "flags": [f.to_dict() for f in self.flags],
        }


def _timed(tokens: Sequence[str], wpm: float) -> Transcript:
    step = 60.0 / wpm
    return Transcript.from_words(
        Word(t, round(i * step, 3), round(i * step + step * 0.8, 3)) for i, t in enumerate(tokens)
    )


def _placeholder_flag(text: str, profile: Profile | None) -> Flag | None:
    left = placeholders_in(fill_placeholders(text, profile))
    unknown = [p for p in left if p not in PLACEHOLDERS]
    empty = [p for p in left if p in PLACEHOLDERS and p not in PER_CALL and profile is not None]
    if not unknown and not empty:
        return None
    parts = []
    if empty:
        parts.append(f"your profile has no value for {', '.join('{' + p + '}' for p in empty)}")
    if unknown:
        parts.append(f"{', '.join('{' + p + '}' for p in unknown)} is not a placeholder")
    message = "Placeholders that will be read out as written: " + "; ".join(parts) + "."
    return Flag(codes.SCRIPT_UNFILLED_PLACEHOLDER, Severity.WARNING, message, (), {"empty": empty, "unknown": unknown})


def _contact_flags(t: Transcript, found: ContactFindings, settings: Settings) -> list[Flag]:
    flags: list[Flag] = []
    missing = found.missing()
    if missing:
        message = (
            f"The script never gives {', '.join(_PART[p] for p in missing)}. "
            "Every voicemail needs your name, company and callback number."
        )
        flags.append(Flag(codes.SCRIPT_MISSING_CONTACT, Severity.ERROR, message, (), {"missing": missing}))
    n = len(t.words)
    parts: dict[str, tuple[Mention, ...]] = {"number": found.number.mentions}
    if found.profile is not None:
        parts["name"] = found.name
    early_until = n * settings.lint_early_fraction
    end_from = n * (1.0 - settings.repeat_end_fraction)
    late = [p for p, ms in parts.items() if ms and not any(m.first < early_until for m in ms)]
    not_end = [p for p, ms in parts.items() if ms and not any(m.last >= end_from for m in ms)]
    if late:
        m = parts[late[0]][0]
        message = (
            f"{_PART[late[0]].capitalize()} comes only late in the script. Say who you are and your number "
            "near the start, so a prospect who stops listening still has them."
        )
        ev = (evidence(t.words, m.first, m.last, "first mention"),)
        flags.append(Flag(codes.SCRIPT_CONTACT_NOT_EARLY, Severity.WARNING, message, ev, {"parts": late}))
    if not_end:
        message = (
            f"The script does not repeat {' and '.join(_PART[p] for p in not_end)} at the end. "
            "Close with your name and number, slowly, once more."
        )
        flags.append(Flag(codes.SCRIPT_CONTACT_NOT_AT_END, Severity.WARNING, message, (), {"parts": not_end}))
    return flags


def lint_script(
    text: str,
    *,
    profile: Profile | None = None,
    wpm: float = 150.0,
    settings: Settings | None = None,
    time_limit: float | None = None,
) -> ScriptLint:
    """Lint a script body (an optional front matter supplies the time limit when none is given)."""
    settings = settings or Settings()
    if not wpm or wpm <= 0:
        raise ValueError("words per minute must be positive")
    check_length(text, "script", MAX_SCRIPT_CHARS)
    parsed = parse_script(text)
    limit = time_limit_for(settings, parsed.time_limit, time_limit)
    filled = fill_placeholders(parsed.text, profile or STAND_IN)
    tokens = plan_tokens(filled)
    t = _timed(tokens, wpm)
    seconds = round(len(tokens) / wpm * 60.0, 1)
    flags: list[Flag] = []
    if tokens:
        found = find_contact(t, profile, settings)
        if profile is None and not found.number.complete:
            stand_in = find_contact(t, STAND_IN, settings).number
            found = replace(found, number=stand_in) if stand_in.complete else found
        flags += _contact_flags(t, found, settings)
    else:
        flags.append(
            Flag(codes.SCRIPT_MISSING_CONTACT, Severity.ERROR, "The script is empty.", (), {"missing": ["all"]})
        )
    if seconds > limit:
        message = (
            f"Read at {wpm:g} words per minute the script takes about {seconds:.0f} s, over the {limit:g} s limit. "
            "Cut everything that is not the reason to call or your contact details."
        )
        details = {"estimated_seconds": seconds, "limit": limit, "words": len(tokens), "wpm": wpm}
        flags.append(Flag(codes.SCRIPT_OVER_LIMIT, Severity.ERROR, message, (), details))
    placeholder = _placeholder_flag(parsed.text, profile)
    if placeholder:
        flags.append(placeholder)
    hits = phrase_hits(tokens, TOPIC_MARKERS)
    if 1 + len(hits) > settings.lint_max_topics:
        message = (
            f"The script seems to cover {1 + len(hits)} topics (“{hits[0][2]}”). One reason to call back "
            "works better than a list; save the rest for the conversation."
        )
        ev = tuple(evidence(t.words, a, b, "another topic") for a, b, _ in hits)
        flags.append(Flag(codes.SCRIPT_MANY_TOPICS, Severity.TIP, message, ev, {"topics": 1 + len(hits)}))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.TIP: 2}
    flags.sort(key=lambda f: order[f.severity])
    return ScriptLint(seconds, len(tokens), tuple(flags), float(limit), float(wpm))
