"""Delivery heard in the sound: a flat, read-sounding voice, too quiet, clipping, trailing off at the end.

The field's advice: plan the message but don't sound scripted; speak clearly and confidently; slow down
and don't trail off on the number. These checks judge ``ctx.signals`` (measured from the recording by
``voicecoach.acoustics``); with only a transcript they stay silent and the metrics say they need audio.
Every threshold is in ``Settings`` and explained in docs/analysis.md.
"""

from __future__ import annotations

from typing import Any

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.sound import NEEDS_AUDIO, SoundSignals, whole_db
from voicecoach.core.transcript import Transcript, Word

__all__ = [
    "LAST_PHRASE_MIN_SECONDS",
    "NUMBER_TAIL_SECONDS",
    "PHRASE_GAP_SECONDS",
    "SOUND_METRICS",
    "check_sound",
    "clipping_flag",
    "last_phrase",
    "monotone_flag",
    "pitch_range_checked",
    "sound_metrics",
    "too_quiet_flag",
    "trail_off_drop",
    "trailing_off_flag",
]

#: A pause at least this long ends a phrase (for finding the last sentence).
PHRASE_GAP_SECONDS = 0.25
#: The last sentence is at least this long (shorter tails are words, not a sentence).
LAST_PHRASE_MIN_SECONDS = 1.5
#: The number counts as the last sentence when its last mention starts this close to the end.
NUMBER_TAIL_SECONDS = 8.0


def _speech_span(transcript: Transcript, signals: SoundSignals) -> tuple[float, float]:
    words = transcript.words
    if words:
        return words[0].start, words[-1].end
    return 0.0, signals.duration


def pitch_range_checked(ctx: CheckContext) -> bool:
    """Enough voice for the pitch range to mean something (the flat-voice check's own minimum)."""
    sig = ctx.signals
    return (sig is not None and sig.pitch_range_semitones is not None
            and sig.voiced_seconds >= ctx.settings.monotone_min_voiced_seconds)


def monotone_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    sig, s = ctx.signals, ctx.settings
    if sig is None or sig.pitch_range_semitones is None or not pitch_range_checked(ctx):
        return None
    spread = sig.pitch_range_semitones
    if spread >= s.monotone_semitones:
        return None
    start, end = _speech_span(transcript, sig)
    message = (
        f"Your voice stayed within {spread:.1f} semitones (a lively voice moves at least "
        f"{s.monotone_semitones:g}), so it sounds read. Plan the message, then say it as you would to a "
        "person: let your pitch rise on the question and fall at the end of each point."
    )
    ev = (Evidence((), round(start, 2), round(end, 2), f"pitch range {spread:.1f} semitones"),)
    return Flag(codes.MONOTONE, Severity.WARNING, message, ev, {"pitch_range_semitones": spread})


def too_quiet_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    sig, s = ctx.signals, ctx.settings
    if sig is None:
        return None
    start, end = _speech_span(transcript, sig)
    level = sig.speech_level(start, end)
    if level is None or level >= s.quiet_speech_dbfs:
        return None
    message = (
        f"Your voice came through at {level:.0f} dBFS, quieter than {s.quiet_speech_dbfs:g} dBFS: on a phone "
        "it will be hard to hear. Move closer to the microphone, raise its input volume or speak up."
    )
    ev = (Evidence((), round(start, 2), round(end, 2), f"speech at {level:.0f} dBFS"),)
    return Flag(codes.TOO_QUIET, Severity.WARNING, message, ev, {"speech_level_dbfs": round(level, 1)})


def clipping_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    sig, s = ctx.signals, ctx.settings
    if sig is None or len(sig.clipped) < max(1, s.clipping_min_events):
        return None
    n = len(sig.clipped)
    message = (
        f"The recording clipped {n} times (the sound hit the top of the scale and distorts). "
        "Move back from the microphone a little or lower its input volume."
    )
    ev = tuple(Evidence((), a, b, "clipped") for a, b in sig.clipped)
    return Flag(codes.CLIPPING, Severity.WARNING, message, ev, {"events": n})


def last_phrase(transcript: Transcript, ctx: CheckContext) -> int | None:
    """Index of the first word of the last sentence: the number's last mention if it ends the take,
    else the words after the last pause, grown back until they last LAST_PHRASE_MIN_SECONDS."""
    words = transcript.words
    if len(words) < 4:
        return None
    end = words[-1].end
    mentions = ctx.contact.number.mentions
    if mentions and mentions[-1].start >= end - NUMBER_TAIL_SECONDS:
        return mentions[-1].first
    for i in range(len(words) - 1, 0, -1):
        if words[i].start - words[i - 1].end >= PHRASE_GAP_SECONDS and end - words[i].start >= LAST_PHRASE_MIN_SECONDS:
            return i
    return None


def trail_off_drop(transcript: Transcript, ctx: CheckContext) -> tuple[int, float] | None:
    """(first word of the last sentence, how many dB quieter it is than the rest), when measurable.

    Loudness is compared inside the recognised words (pauses left out), so a voice that fades below what
    the pitch tracker can follow still counts, as quiet, rather than dropping out of the comparison.
    """
    sig, s = ctx.signals, ctx.settings
    first = last_phrase(transcript, ctx) if sig is not None else None
    if sig is None or first is None or first == 0:
        return None
    words = transcript.words
    tail = [(w.start, w.end) for w in words[first:]]
    rest = [(w.start, w.end) for w in words[:first]]
    if sum(b - a for a, b in tail) < s.trail_off_min_seconds:
        return None
    if sig.voiced_in(words[0].start, words[first].start) < 2 * s.trail_off_min_seconds:
        return None
    tail_db, rest_db = sig.level_in(tail), sig.level_in(rest)
    if tail_db is None or rest_db is None:
        return None
    return first, rest_db - tail_db


def trailing_off_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    found = trail_off_drop(transcript, ctx)
    if found is None or found[1] < ctx.settings.trail_off_db:
        return None
    first, drop = found
    words: list[Word] = list(transcript.words)
    message = (
        f"Your last sentence was {whole_db(drop)} dB quieter than the rest of the message (limit "
        f"{ctx.settings.trail_off_db:g} dB): the end, usually your number, is what they must hear. "
        "Keep your voice up to the last word."
    )
    ev = (Evidence(tuple(range(first, len(words))), words[first].start, words[-1].end, f"{whole_db(drop)} dB quieter"),)
    return Flag(codes.TRAILING_OFF, Severity.WARNING, message, ev, {"drop_db": round(drop, 1)})


def check_sound(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    found = (
        monotone_flag(transcript, ctx),
        too_quiet_flag(transcript, ctx),
        clipping_flag(transcript, ctx),
        trailing_off_flag(transcript, ctx),
    )
    return [f for f in found if f]


#: The report's metrics that come from the recording (all None with a transcript alone).
SOUND_METRICS = (
    "audio_analysed",
    "audio_note",
    "filled_pauses",
    "pitch_range_semitones",
    "pitch_range_checked",
    "speech_level_dbfs",
    "clipped_events",
    "last_sentence_drop_db",
)


def sound_metrics(transcript: Transcript, ctx: CheckContext) -> dict[str, Any]:
    """The sound's figures for the report; all None (and a note) when there was no recording."""
    sig = ctx.signals
    if sig is None:
        return {**dict.fromkeys(SOUND_METRICS), "audio_analysed": False, "audio_note": NEEDS_AUDIO}
    start, end = _speech_span(transcript, sig)
    level = sig.speech_level(start, end)
    drop = trail_off_drop(transcript, ctx)
    return {
        "audio_analysed": True,
        "audio_note": None,
        "filled_pauses": [p.to_dict() for p in ctx.filled_pauses],
        "pitch_range_semitones": sig.pitch_range_semitones,
        "pitch_range_checked": pitch_range_checked(ctx),
        "speech_level_dbfs": round(level, 1) if level is not None else None,
        "clipped_events": len(sig.clipped),
        "last_sentence_drop_db": round(drop[1], 1) if drop is not None else None,
    }
