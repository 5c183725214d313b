"""Does a script still fit the rep's profile? Asked after the profile changes.

A script says the rep's details through placeholders ({phone}, {website}…) or, when it was typed by hand,
literally. After an edit of the profile, a placeholder whose field is now empty is left unfilled, and a
literal old number or company name is rehearsed (and then flagged) although it is no longer the rep's.
"""

from __future__ import annotations

from voicecoach.core.phone import split_extension
from voicecoach.core.profile import Profile
from voicecoach.core.script import placeholders_in
from voicecoach.core.spoken_numbers import digits_of

__all__ = ["script_mismatches"]

_FIELDS = ("name", "first_name", "company", "phone", "website", "email")


def _value(profile: Profile, field: str) -> str:
    return str(getattr(profile, field) or "").strip()


def script_mismatches(text: str, new: Profile, old: Profile | None = None) -> list[str]:
    """Sentences naming what in ``text`` no longer matches ``new`` (empty when it all fits)."""
    problems = []
    empty = [f for f in placeholders_in(text) if f in _FIELDS and not _value(new, f)]
    if empty:
        names = ", ".join("{" + f + "}" for f in empty)
        problems.append(f"It uses {names}, which your profile leaves empty.")
    if old is None:
        return problems
    old_digits, new_digits = (digits_of(split_extension(p.phone)[0]) for p in (old, new))
    if old_digits and old_digits != new_digits and old_digits[-7:] in digits_of(text):
        problems.append(f"It still says your old number {old.phone} in its text; use {{phone}} instead.")
    for field in ("company", "name"):
        before, after = _value(old, field), _value(new, field)
        if before and before.casefold() != after.casefold() and before.casefold() in text.casefold():
            problems.append(f"It still says your old {field} “{before}”; use {{{field}}} instead.")
    return problems
