"""Filled pauses ("uhh", "umm") found in the sound, whatever the speech model's vocabulary.

Many speech models never print "um" or "uh": a held hesitation comes out as nothing, or as a short word
such as "a" or "the". The audio still shows it: a voiced stretch whose vowel and pitch hardly move
(``SoundSignals.steady``). Such a stretch is a filled pause when it lasts at least
``filled_pause_min_seconds``, its pitch stays within ``filled_pause_max_semitones``, and at least
that much of it lies outside ordinary recognised words, i.e. between words, on a hesitation the model
wrote (``filled_pause_words``) or on a short word held at least ``filled_pause_short_word_seconds``
(``filled_pause_short_words``: models write "the" or "a" for a held "uhh"). A held vowel inside a real
word ("sooo", "we-e-ell") is left alone: when the words say something was said there, the app does not
call it a filler.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.core.settings import Settings
from voicecoach.core.sound import SoundSignals, SteadyStretch
from voicecoach.core.transcript import Word

__all__ = [
    "FILLED_PAUSE_LABEL",
    "MERGE_GAP_SECONDS",
    "MERGE_MAX_SEMITONES",
    "FilledPause",
    "find_filled_pauses",
    "merge_stretches",
]

FILLED_PAUSE_LABEL = "filled pause (held “uhh”)"

#: Held stretches closer than this, at about the same pitch, are one hesitation ("uh-mm").
MERGE_GAP_SECONDS = 0.08
MERGE_MAX_SEMITONES = 2.0


@dataclass(frozen=True, slots=True)
class FilledPause:
    start: float
    end: float
    word_index: int | None = None  # the short word the recogniser wrote for it, if any

    def to_dict(self) -> dict[str, float]:
        return {"start": round(self.start, 2), "end": round(self.end, 2)}


def _semitones_apart(a: float, b: float) -> float:
    return abs(12.0 * math.log2(a / b)) if a > 0 and b > 0 else 99.0


def merge_stretches(stretches: Sequence[SteadyStretch]) -> list[SteadyStretch]:
    """Join held stretches split by a brief wobble (the "u" and "mm" of "umm")."""
    out: list[SteadyStretch] = []
    for s in sorted(stretches, key=lambda s: s.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and s.start - prev.end <= MERGE_GAP_SECONDS
            and _semitones_apart(prev.f0_hz, s.f0_hz) <= MERGE_MAX_SEMITONES
        ):
            out[-1] = SteadyStretch(
                prev.start, s.end, prev.f0_hz, max(prev.pitch_range_semitones, s.pitch_range_semitones)
            )
        else:
            out.append(s)
    return out


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _placement(stretch: SteadyStretch, words: Sequence[Word], settings: Settings) -> tuple[float, int | None]:
    """Seconds of the stretch not covered by ordinary words, and the hesitation word it sits on.

    A short real word ("the", "a") only counts as a hesitation when the stretch over it lasts at least
    ``filled_pause_short_word_seconds``.
    """
    hesitations = frozenset(w.lower() for w in settings.filled_pause_words)
    short = frozenset(w.lower() for w in settings.filled_pause_short_words)
    held_long = stretch.seconds >= settings.filled_pause_short_word_seconds
    covered = 0.0
    best: tuple[float, int | None] = (0.0, None)
    for i, w in enumerate(words):
        if w.end <= stretch.start or w.start >= stretch.end:
            continue
        shared = _overlap(stretch.start, stretch.end, w.start, w.end)
        word = w.word.lower()
        # A held vowel that fills most of a "word" is what the recogniser made of an "uhh" ("ah", "our").
        swallowed = held_long and shared >= settings.filled_pause_word_cover * max(w.end - w.start, 1e-3)
        if word in hesitations or (held_long and word in short) or swallowed:
            best = max(best, (shared, i), key=lambda b: b[0])
        else:
            covered += shared
    return stretch.seconds - covered, best[1]


def find_filled_pauses(
    words: Sequence[Word], signals: SoundSignals | None, settings: Settings
) -> tuple[FilledPause, ...]:
    """Held hesitations between recognised words or recognised as a short word, in time order."""
    if signals is None or not words:
        return ()
    first, last = words[0].start, words[-1].end
    found: list[FilledPause] = []
    for stretch in merge_stretches(signals.steady):
        if stretch.seconds < settings.filled_pause_min_seconds:
            continue
        if stretch.pitch_range_semitones > settings.filled_pause_max_semitones:
            continue
        free, word_index = _placement(stretch, words, settings)
        # Before the first or after the last word is not "between words": a last vowel held past the
        # recogniser's word end ("soo-oon") must not count.
        inside = stretch.start >= first and stretch.end <= last
        if free >= settings.filled_pause_min_seconds and (inside or word_index is not None):
            found.append(FilledPause(stretch.start, stretch.end, word_index))
    return tuple(found)
