""""What your prospect reads": the take as a voicemail-to-email service would type it.

Those services write plain sentences, capitalise the start, and turn a spoken number into digits grouped
like a phone number. Showing that text tells a rep whether their number survives the trip. The digits
come from the analysis core's own spoken-number reader, so this view and the contact check agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.core.spoken_numbers import find_digit_runs_in_tokens

__all__ = ["group_digits", "prospect_text"]

_DOMAINS = {"com", "net", "org", "io", "co"}


def group_digits(digits: str) -> str:
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 11 and digits[0] == "1":
        return f"1-{digits[1:4]}-{digits[4:7]}-{digits[7:]}"
    if len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return digits


def prospect_text(words: Sequence[str]) -> str:
    """Plain text with numbers as grouped digits and the first letter capitalised."""
    tokens = [w.lower() for w in words]
    runs = {first: (digits, last) for digits, first, last, _ in find_digit_runs_in_tokens(tokens) if len(digits) >= 3}
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        if i in runs:
            digits, last = runs[i]
            parts.append(group_digits(digits))
            i = last + 1
            continue
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == "dot" and nxt in _DOMAINS and parts:
            parts[-1] = f"{parts[-1]}.{nxt}"
            i += 2
            continue
        parts.append("I" if tok == "i" else tok)
        i += 1
    if not parts:
        return ""
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."
