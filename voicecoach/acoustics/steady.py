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

MAX_PITCH_STEP = 0.6
MAX_SPECTRAL_CHANGE_DB = 2.5
BRIDGE_FRAMES = 2
MIN_SECONDS = 0.1


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


def steady_stretches(f0: np.ndarray, voiced: np.ndarray, change: np.ndarray) -> list[SteadyStretch]:
    mask = _bridge(steady_frames(f0, voiced, change), voiced)
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
