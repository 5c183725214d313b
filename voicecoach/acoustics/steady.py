"""Held vowels: voiced stretches whose pitch and vowel colour stay put, as in "uhh" and "umm".

Running speech changes its vowel every 50–150 ms and its pitch moves with the words; a filled pause
holds one vowel (or a hum) on a level or slowly falling pitch. A frame is *steady* when it is voiced,
its pitch is within ``MAX_PITCH_STEP`` semitones of the frame before and its spectrum's shape moved less
than ``MAX_SPECTRAL_CHANGE_DB`` in 20 ms. Runs of steady frames (gaps of up to ``BRIDGE_FRAMES`` bridged)
of at least ``MIN_SECONDS`` are reported; the core decides which of them are filled pauses, by their
length, their pitch range and where the words are.
"""

from __future__ import annotations

import numpy as np

from voicecoach.acoustics.frames import FRAME_SECONDS
from voicecoach.acoustics.pitch import runs, semitones
from voicecoach.core.sound import SteadyStretch

__all__ = [
    "BRIDGE_FRAMES",
    "HUM_MAX_RISE_DB",
    "HUM_ONSET_DROP_DB",
    "HUM_ONSET_FRAMES",
    "HUM_VOWEL_FRAMES",
    "MAX_PITCH_STEP",
    "MAX_SPECTRAL_CHANGE_DB",
    "MIN_SECONDS",
    "steady_frames",
    "steady_stretches",
]

MAX_PITCH_STEP = 0.6
MAX_SPECTRAL_CHANGE_DB = 2.5
BRIDGE_FRAMES = 2
MIN_SECONDS = 0.1
#: The vowel of a held "umm" closes into its hum in 40-60 ms: the vowel colour moves, the pitch does not,
HUM_ONSET_FRAMES = 6
#: and the hum is clearly quieter than the vowel (the lips close), which running speech's next sound is not.
HUM_ONSET_DROP_DB = 3.0
#: Inside the hum, a wobble of the same length is bridged while the hum stays about as loud.
HUM_MAX_RISE_DB = 2.0
#: Only a vowel already held this long closes into a hum: "them" or "home" end in a short vowel and a nasal.
HUM_VOWEL_FRAMES = 15


def steady_frames(f0: np.ndarray, voiced: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Per frame: voiced, level pitch and an unchanging vowel."""
    safe = np.where(voiced, f0, 1.0)
    st = semitones(safe, 100.0)
    step = np.full(len(f0), np.inf)
    step[1:] = np.abs(np.diff(st))
    both_voiced = voiced.copy()
    both_voiced[1:] &= voiced[:-1]
    both_voiced[0] = False
    return both_voiced & (step <= MAX_PITCH_STEP) & (change <= MAX_SPECTRAL_CHANGE_DB)


def _bridge(mask: np.ndarray, voiced: np.ndarray) -> np.ndarray:
    """Fill gaps of up to BRIDGE_FRAMES unsteady (but voiced) frames inside a steady run."""
    out = mask.copy()
    for a, b in runs(~mask):
        if a > 0 and b < len(mask) and b - a <= BRIDGE_FRAMES and voiced[a:b].all():
            out[a:b] = True
    return out


def _level_pitch(f0: np.ndarray, a: int, b: int) -> bool:
    """Voiced frames a-1..b whose pitch moves by no more than MAX_PITCH_STEP from frame to frame."""
    pitch = f0[max(0, a - 1) : b + 1]
    return bool((pitch > 0).all() and (np.abs(np.diff(semitones(pitch, 100.0))) <= MAX_PITCH_STEP).all())


def _bridge_hums(mask: np.ndarray, f0: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Join a held vowel (HUM_VOWEL_FRAMES or more) and the hum it closes into ("u-mm"): a gap of up to
    HUM_ONSET_FRAMES where only the vowel colour changed, at a level pitch, with the sound after it
    HUM_ONSET_DROP_DB quieter; then, within that hum, gaps as short after which it is no louder than
    HUM_MAX_RISE_DB."""
    out = mask.copy()
    in_hum = False
    for a, b in runs(~mask):
        short = a >= 3 and b + 3 <= len(mask) and b - a <= HUM_ONSET_FRAMES
        if not short or not mask[a - 3 : a].all() or not mask[b : b + 3].all() or not _level_pitch(f0, a, b):
            in_hum = False
            continue
        rise = float(np.mean(levels[b : b + 3])) - float(np.mean(levels[a - 3 : a]))
        held = a >= HUM_VOWEL_FRAMES and bool(mask[a - HUM_VOWEL_FRAMES : a].all())
        if (held and rise <= -HUM_ONSET_DROP_DB) or (in_hum and rise <= HUM_MAX_RISE_DB):
            out[a:b] = True
            in_hum = True
        else:
            in_hum = False
    return out


def steady_stretches(
    f0: np.ndarray, voiced: np.ndarray, change: np.ndarray, levels: np.ndarray | None = None
) -> list[SteadyStretch]:
    mask = _bridge(steady_frames(f0, voiced, change), voiced)
    if levels is not None:
        mask = _bridge_hums(mask, f0, levels)
    min_frames = round(MIN_SECONDS / FRAME_SECONDS)
    out: list[SteadyStretch] = []
    for a, b in runs(mask):
        if b - a < min_frames:
            continue
        pitch = np.sort(f0[a:b][f0[a:b] > 0])
        if pitch.size == 0:
            continue
        median = _quantile(pitch, 0.5)
        st = semitones(pitch, median)  # still sorted: semitones rise with the pitch
        spread = _quantile(st, 0.9) - _quantile(st, 0.1)
        # Frame a is the second voiced frame of the run's first pair: the hold began one frame earlier.
        start = max(0, a - 1) * FRAME_SECONDS
        end = b * FRAME_SECONDS
        out.append(SteadyStretch(round(start, 3), round(end, 3), round(median, 1), round(spread, 2)))
    return out


def _quantile(ordered: np.ndarray, q: float) -> float:
    """``np.percentile(x, 100 * q)`` (linear interpolation) of an already sorted array, without numpy's
    per-call overhead: a take has dozens of stretches, and this runs after Stop."""
    at = q * (ordered.size - 1)
    lo = int(at)
    hi = min(lo + 1, ordered.size - 1)
    a, b, t = float(ordered[lo]), float(ordered[hi]), at - lo
    return b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t
