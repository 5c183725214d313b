"""Delivery: pace overall and on the phone number, dead air, and words the recogniser could not make out.

Advice: a conversational 120–170 words per minute; the number slowly enough to write down (about two
digits a second, grouped); no long silences, which sound like a dropped call.
"""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.transcript import Transcript

__all__ = [
    "check_pace",
    "dead_air_flag",
    "number_digits_per_second",
    "number_pace_flag",
    "pace_flag",
    "pauses",
    "unclear_flag",
    "words_per_minute",
]


def words_per_minute(transcript: Transcript) -> float:
    seconds = transcript.speech_seconds
    return len(transcript.words) / seconds * 60.0 if seconds > 0 else 0.0


def pace_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    s = ctx.settings
    if len(transcript.words) < s.pace_min_words or transcript.speech_seconds <= 0:
        return None  # too little speech (or no timings) to judge a pace
    wpm = words_per_minute(transcript)
    details = {"wpm": round(wpm, 1), "min_wpm": s.pace_min_wpm, "max_wpm": s.pace_max_wpm}
    ev = (evidence(transcript.words, 0, len(transcript.words) - 1, f"{wpm:.0f} words per minute"),)
    if wpm > s.pace_max_wpm:
        message = (
            f"You spoke at {wpm:.0f} words per minute, faster than {s.pace_max_wpm:.0f}. "
            "Slow down: a rushed voicemail sounds like a sales pitch."
        )
        return Flag(codes.PACE_TOO_FAST, Severity.WARNING, message, ev, details)
    if wpm < s.pace_min_wpm:
        message = (
            f"You spoke at {wpm:.0f} words per minute, slower than {s.pace_min_wpm:.0f}. "
            "Pick up the pace a little so you sound confident and stay under the time limit."
        )
        return Flag(codes.PACE_TOO_SLOW, Severity.WARNING, message, ev, details)
    return None


def number_digits_per_second(ctx: CheckContext) -> float | None:
    """The fastest complete reading of the callback number, in digits per second."""
    rates = [len(m.digits) / (m.end - m.start) for m in ctx.contact.number.mentions if m.digits and m.end > m.start]
    return max(rates) if rates else None


def number_pace_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    limit = ctx.settings.number_max_digits_per_second
    fast = [
        m
        for m in ctx.contact.number.mentions
        if m.digits and m.end > m.start and len(m.digits) / (m.end - m.start) > limit
    ]
    if not fast:
        return None
    rate = max(len(m.digits) / (m.end - m.start) for m in fast)
    ev = tuple(
        evidence(transcript.words, m.first, m.last, f"{len(m.digits) / (m.end - m.start):.1f} digits/s") for m in fast
    )
    message = (
        f"You read your number at {rate:.1f} digits a second (aim for {limit:g} or fewer). "
        "Say it in groups, slowly enough to write down."
    )
    details = {"digits_per_second": round(rate, 2), "max_digits_per_second": limit}
    return Flag(codes.NUMBER_TOO_FAST, Severity.WARNING, message, ev, details)


def pauses(transcript: Transcript) -> list[tuple[int, float]]:
    """(index of the word after the gap, gap seconds) between consecutive words."""
    w = transcript.words
    return [(i, max(0.0, w[i].start - w[i - 1].end)) for i in range(1, len(w))]


def dead_air_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    limit = ctx.settings.dead_air_seconds
    long = [(i, gap) for i, gap in pauses(transcript) if gap > limit]
    if not long:
        return None
    w = transcript.words
    ev = tuple(Evidence((i - 1, i), w[i - 1].end, w[i].start, f"{gap:.1f} s silence") for i, gap in long)
    worst = max(gap for _, gap in long)
    message = (
        f"{len(long)} silence{'s' if len(long) > 1 else ''} longer than {limit:g} s (longest {worst:.1f} s). "
        "Dead air sounds like a dropped call; know your next line before you dial."
    )
    details = {"count": len(long), "longest": round(worst, 2), "threshold": limit}
    return Flag(codes.DEAD_AIR, Severity.WARNING, message, ev, details)


def unclear_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    s = ctx.settings
    low = [i for i, w in enumerate(transcript.words) if w.conf < s.low_confidence]
    if len(low) < s.unclear_min_words:
        return None
    ev = tuple(evidence(transcript.words, i, i, f"unclear ({transcript.words[i].conf:.2f})") for i in low)
    message = (
        f"{len(low)} words were hard to make out. Speak up, slow down a little, and keep the microphone close; "
        "if the recogniser struggles, so will the prospect."
    )
    details = {"count": len(low), "threshold": s.unclear_min_words, "low_confidence": s.low_confidence}
    return Flag(codes.UNCLEAR_WORDS, Severity.WARNING, message, ev, details)


def check_pace(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    found = (
        pace_flag(transcript, ctx),
        number_pace_flag(transcript, ctx),
        dead_air_flag(transcript, ctx),
        unclear_flag(transcript, ctx),
    )
    return [f for f in found if f]
