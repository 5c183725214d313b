"""Frame-level measurements with numpy: loudness, clipping and how fast the vowel colour changes.

Frames are 10 ms (the pitch tracker's frame period), so every per-frame array lines up with the pitch
track index for index.
"""

from __future__ import annotations

import numpy as np

# numpy opens its FFT library on first use; opened here, with the meter when a take starts, it is never opened
# while the take finishes, beside the window opening libraries of its own (two threads in dlopen, one of them
# waiting for the GIL inside a library's start-up, wait for each other).
import numpy.fft

__all__ = [
    "CLIP_LEVEL",
    "CLIP_MERGE_SECONDS",
    "FLOOR_DB",
    "FRAME_SECONDS",
    "clipped_ranges",
    "frame_count",
    "level_db",
    "spectral_change",
]

FRAME_SECONDS = 0.01
FLOOR_DB = -100.0
#: A sample at or above this fraction of full scale counts as clipped (int16 32766 of 32767).
CLIP_LEVEL = 0.9999
#: Clipped samples closer than this are one clipping event (one shout, one plosive).
CLIP_MERGE_SECONDS = 0.25
_BANDS = 24
_BAND_LOW_HZ = 100.0
_BAND_HIGH_HZ = 4000.0


def frame_count(n_samples: int, sample_rate: int) -> int:
    return int(n_samples / sample_rate / FRAME_SECONDS) + 1


def level_db(x: np.ndarray, sample_rate: int, n_frames: int) -> np.ndarray:
    """RMS of each 10 ms frame in dBFS (the last frame may be short; silence reads as -100)."""
    hop = round(sample_rate * FRAME_SECONDS)
    padded = np.zeros(n_frames * hop)
    padded[: min(len(x), len(padded))] = x[: len(padded)]
    power = np.mean(padded.reshape(n_frames, hop) ** 2, axis=1)
    db: np.ndarray = np.maximum(FLOOR_DB, 10.0 * np.log10(np.maximum(power, 1e-12)))
    return db


def clipped_ranges(x: np.ndarray, sample_rate: int) -> list[tuple[float, float]]:
    """Time ranges where samples sat at full scale, nearby ones merged into one event."""
    idx = np.flatnonzero(np.abs(x) >= CLIP_LEVEL)
    if idx.size == 0:
        return []
    times = idx / sample_rate
    breaks = np.flatnonzero(np.diff(times) > CLIP_MERGE_SECONDS)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [idx.size - 1]))
    step = 1 / sample_rate
    return [(round(float(times[a]), 3), round(float(times[b]) + step, 3)) for a, b in zip(starts, ends, strict=True)]


def spectral_change(x: np.ndarray, sample_rate: int, n_frames: int, mask: np.ndarray | None = None) -> np.ndarray:
    """How much the spectrum's shape moved since 20 ms before, per frame, in dB (mean over 24 bands).

    A held vowel keeps its formants, so its change stays low; running speech moves them every few
    frames. Loudness is taken out (each frame's bands are normalised to their mean) so a fade or a
    falling voice is not mistaken for a new sound. Only frames in ``mask`` (e.g. the voiced ones) are
    measured, the rest read as infinitely changing, which keeps a 30 s take at a few milliseconds.
    """
    hop = round(sample_rate * FRAME_SECONDS)
    win = 2 * hop + hop // 2  # 25 ms
    wanted = np.ones(n_frames, bool) if mask is None else mask.astype(bool)
    wanted[:2] = False
    need = wanted.copy()
    need[:-2] |= wanted[2:]
    idx = np.flatnonzero(need)
    change = np.full(n_frames, np.inf)
    if idx.size == 0:
        return change
    padded = np.zeros(n_frames * hop + win, np.float32)
    start = win // 2
    padded[start : start + len(x)] = x[: len(padded) - start]
    frames = np.lib.stride_tricks.sliding_window_view(padded, win)[::hop][:n_frames][idx]
    spectrum = np.abs(np.fft.rfft(frames * np.hanning(win).astype(np.float32), win)) ** 2
    freqs = np.fft.rfftfreq(win, 1 / sample_rate)
    edges = np.linspace(_BAND_LOW_HZ, min(_BAND_HIGH_HZ, sample_rate / 2), _BANDS + 1)
    which = np.digitize(freqs, edges) - 1
    band_matrix = (which[:, None] == np.arange(_BANDS)[None, :]).astype(spectrum.dtype)
    log_bands = np.full((n_frames, _BANDS), np.nan, np.float32)
    log_bands[idx] = 10.0 * np.log10(spectrum @ band_matrix + 1e-10)
    log_bands[idx] -= log_bands[idx].mean(axis=1, keepdims=True)
    both = np.flatnonzero(wanted)
    both = both[need[both - 2]]
    change[both] = np.mean(np.abs(log_bands[both] - log_bands[both - 2]), axis=1)
    return change
