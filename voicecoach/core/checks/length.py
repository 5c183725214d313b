"""Length checks: a voicemail over ~30 s gets deleted; one that is too short gives no reason to call."""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.transcript import Transcript

__all__ = ["check_length", "overrun_flag", "too_short_flag"]


def overrun_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    seconds = transcript.speech_seconds
    limit = ctx.time_limit
    if seconds <= limit or not transcript.words:
        return None
    words = transcript.words
    cutoff = words[0].start + limit
    late = [i for i, w in enumerate(words) if w.end > cutoff]
    ev = (evidence(words, late[0], late[-1], f"past {limit:g} s"),) if late else ()
    message = (
        f"Your message ran {seconds:.0f} s, {seconds - limit:.0f} s over the {limit:g} s limit. "
        "Prospects delete long voicemails; cut to one reason to call and your contact details."
    )
    details = {"seconds": round(seconds, 2), "limit": limit, "over_by": round(seconds - limit, 2)}
    return Flag(codes.OVERRUN, Severity.ERROR, message, ev, details)


def too_short_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    s = ctx.settings
    seconds, count = transcript.speech_seconds, len(transcript.words)
    if seconds >= s.min_speech_seconds and count >= s.min_words:
        return None
    if not transcript.words:
        message = "Nothing was heard. Check your microphone and try again."
    else:
        message = (
            f"Your message was only {seconds:.0f} s ({count} words). Give the prospect a reason to call back: "
            "one specific problem you solve for people like them."
        )
    ev: tuple[Evidence, ...] = ()
    if transcript.words:
        ev = (evidence(transcript.words, 0, count - 1, "whole message"),)
    details = {
        "seconds": round(seconds, 2),
        "words": count,
        "min_seconds": s.min_speech_seconds,
        "min_words": s.min_words,
    }
    return Flag(codes.TOO_SHORT, Severity.WARNING, message, ev, details)


def check_length(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    return [f for f in (overrun_flag(transcript, ctx), too_short_flag(transcript, ctx)) if f]
