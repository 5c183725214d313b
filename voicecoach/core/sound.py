"""What the take's audio showed, as plain numbers the pure checks can judge.

The numbers are measured by ``voicecoach.acoustics`` (numpy and pyworld) from the recorded samples; this
module only defines the value, so the core stays standard-library-only and a test can author one by hand.
Times are seconds from the start of the audio, like the transcript's word times.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

__all__ = ["NEEDS_AUDIO", "SoundSignals", "SteadyStretch", "sound_summary", "whole_db"]

#: What the report says when there is no audio (a transcript on its own).
NEEDS_AUDIO = (
    "Filled pauses, pitch variation, volume, clipping and trailing off were not checked: they need the "
    "recording, and only a transcript was given."
)



@dataclass(frozen=True, slots=True)
class SteadyStretch:
    """A voiced stretch whose pitch and vowel hardly move: how a held "uhh" or "umm" sounds."""

    start: float
    end: float
    f0_hz: float
    pitch_range_semitones: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class SoundSignals:
    """Per-frame loudness and voicing plus the summaries the checks use.

    ``level_db`` is each frame's RMS in dBFS and ``voiced`` whether the pitch tracker heard a voice in it,
    one entry per ``frame_seconds``. ``pitch_range_semitones`` spans the 5th to 95th percentile of the
    voiced frames' pitch (None with too little voice to tell). ``clipped`` are the time ranges where the
    samples sat at full scale.
    """

    duration: float
    frame_seconds: float
    level_db: tuple[float, ...] = ()
    voiced: tuple[bool, ...] = ()
    voiced_seconds: float = 0.0
    pitch_range_semitones: float | None = None
    median_f0_hz: float | None = None
    steady: tuple[SteadyStretch, ...] = ()
    clipped: tuple[tuple[float, float], ...] = ()
    peak_dbfs: float = -100.0
    # Worked out on first use (or ahead, by ``prepare``); not part of the value.
    _sums: _RunningSums | None = field(default=None, init=False, repr=False, compare=False)

    def prepare(self) -> SoundSignals:
        """Work out now what the checks' loudness questions need (the meter does so on its own thread,
        while the recogniser finishes), so the analysis after Stop does not; returns self."""
        self._running()
        return self

    def _running(self) -> _RunningSums:
        sums = getattr(self, "_sums", None)  # absent on a value unpickled from before it existed
        if sums is None:
            sums = _running_sums(self.level_db, self.voiced)
            object.__setattr__(self, "_sums", sums)
        return sums

    def _frames(self, start: float, end: float) -> range:
        n = len(self.level_db)
        first = max(0, math.floor(start / self.frame_seconds))
        last = min(n, math.ceil(end / self.frame_seconds))
        return range(first, last)

    def speech_level(self, start: float = 0.0, end: float | None = None) -> float | None:
        """The loudness of the voiced frames between start and end (power average, dBFS), None if none."""
        frames = self._frames(start, self.duration if end is None else end)
        sums = self._running()
        count = sums.voiced_count[frames.stop] - sums.voiced_count[frames.start] if frames else 0
        if not count:
            return None
        return _db((sums.voiced_power[frames.stop] - sums.voiced_power[frames.start]) / count)

    def level_in(self, spans: list[tuple[float, float]]) -> float | None:
        """The loudness of every frame inside the spans (e.g. the words), power average in dBFS; a frame two
        spans share counts once.

        Unlike ``speech_level`` it does not need the voice to be tracked, so a voice fading into a whisper
        still counts as what it is: quiet.
        """
        merged: list[list[int]] = []
        for frames in sorted((r for a, b in spans if (r := self._frames(a, b))), key=lambda r: r.start):
            if merged and frames.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], frames.stop)
            else:
                merged.append([frames.start, frames.stop])
        if not merged:
            return None
        power = self._running().power
        total = sum(power[b] - power[a] for a, b in merged)
        return _db(total / sum(b - a for a, b in merged))

    def voiced_in(self, start: float, end: float) -> float:
        """Seconds of voice between start and end."""
        frames = self._frames(start, end)
        if not frames:
            return 0.0
        count = self._running().voiced_count
        return (count[frames.stop] - count[frames.start]) * self.frame_seconds


@dataclass(frozen=True, slots=True)
class _RunningSums:
    """Totals from the first frame up to each frame: any stretch's loudness is then two subtractions."""

    power: list[float]
    voiced_power: list[float]
    voiced_count: list[int]


def _running_sums(level_db: tuple[float, ...], voiced: tuple[bool, ...]) -> _RunningSums:
    """Built once per take (the checks ask about dozens of stretches of its thousands of frames)."""
    power = [10 ** (db / 10) for db in level_db]
    flags = [bool(v) for v in voiced[: len(power)]] + [False] * (len(power) - len(voiced))
    return _RunningSums(
        list(accumulate(power, initial=0.0)),
        list(accumulate(map(operator.mul, power, flags), initial=0.0)),
        list(accumulate(flags, initial=0)),
    )


def _db(power: float) -> float:
    return 10 * math.log10(max(power, 1e-30))


def whole_db(value: float) -> int:
    """Decibels as the app says them: the stored one-decimal figure rounded half up, so the report's line and
    the trailing-off flag name the same number (8.54 dB was "9" in one and "+8" in the other)."""
    return math.floor(round(value, 1) + 0.5)


def _drop_text(drop: float) -> str:
    if whole_db(abs(drop)) == 0:
        return "last sentence as loud as the rest"
    if drop < 0:
        return f"last sentence {whole_db(-drop)} dB louder than the rest"
    return f"last sentence {whole_db(drop)} dB quieter than the rest"


def _pitch_text(metrics: Mapping[str, Any]) -> str:
    """The pitch range, unless the take had too little voice for it (a figure there would read as flat)."""
    if metrics.get("pitch_range_checked") is False:
        return "pitch range not verified (take too short)"
    if isinstance(metrics.get("pitch_range_semitones"), int | float):
        return f"pitch range {metrics['pitch_range_semitones']:.1f} semitones"
    return ""


def sound_summary(metrics: Mapping[str, Any], *, heard: bool = True) -> str:
    """One line of what the recording showed (or that it was not checked), from a report's metrics.

    Reports saved before the sound checks existed have none of these keys and give "". ``heard=False``
    (a take the app couldn't hear): the reason-for-calling time, found in the words, is marked unverified.
    """
    if metrics.get("audio_analysed") is False:
        return NEEDS_AUDIO
    parts = []
    held = metrics.get("filled_pauses")
    if isinstance(held, list):
        parts.append(f"{len(held)} held “uhh”" + ("" if len(held) == 1 else "s"))
    pitch = _pitch_text(metrics)
    if pitch:
        parts.append(pitch)
    if isinstance(metrics.get("speech_level_dbfs"), int | float):
        parts.append(f"voice at {metrics['speech_level_dbfs']:.0f} dBFS")
    if isinstance(metrics.get("last_sentence_drop_db"), int | float):
        parts.append(_drop_text(float(metrics["last_sentence_drop_db"])))
    if isinstance(metrics.get("hook_seconds"), int | float):
        parts.append(f"reason for calling at {metrics['hook_seconds']:.1f} s" if heard
                     else "reason for calling not verified")
    return " · ".join(parts)
