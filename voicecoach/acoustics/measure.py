"""One take's samples in, one ``SoundSignals`` value out (all at once, or block by block while recording)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voicecoach.acoustics.frames import FRAME_SECONDS, clipped_ranges, level_db, spectral_change
from voicecoach.acoustics.pitch import semitones, track_pitch
from voicecoach.acoustics.steady import steady_stretches
from voicecoach.core.sound import SoundSignals

__all__ = [
    "MIN_VOICED_SECONDS",
    "SILENCE_DB",
    "FrameArrays",
    "as_float",
    "frame_arrays",
    "measurable",
    "measure",
    "measure_pcm",
    "summarise",
]

#: Frames quieter than this are room noise, even if the tracker finds a periodic hum in them.
SILENCE_DB = -60.0
#: Less voice than this and a pitch range means nothing.
MIN_VOICED_SECONDS = 1.0


@dataclass(frozen=True)
class FrameArrays:
    """Per-10 ms-frame measurements, index for index: pitch (0 = unvoiced), level, voicing, vowel change."""

    f0: np.ndarray
    level: np.ndarray
    voiced: np.ndarray
    change: np.ndarray


def as_float(samples: np.ndarray) -> np.ndarray:
    """Mono float64 in -1..1 from int16 or float samples, one or several channels."""
    x = np.asarray(samples)
    if x.ndim == 2:
        x = x.mean(axis=1) if x.dtype.kind == "f" else x.astype(np.float64).mean(axis=1)
    if x.dtype.kind in "iu":
        return x.astype(np.float64) / 32768.0
    return x.astype(np.float64)


def frame_arrays(x: np.ndarray, sample_rate: int) -> FrameArrays:
    f0 = track_pitch(x, sample_rate)
    levels = level_db(x, sample_rate, len(f0))
    voiced = (f0 > 0) & (levels > SILENCE_DB)
    f0 = np.where(voiced, f0, 0.0)
    return FrameArrays(f0, levels, voiced, spectral_change(x, sample_rate, len(f0), voiced))


def summarise(duration: float, frames: FrameArrays, clipped: list[tuple[float, float]], peak: float) -> SoundSignals:
    """The value the core judges, from the frame arrays of the whole take."""
    pitch = frames.f0[frames.voiced]
    voiced_seconds = float(pitch.size * FRAME_SECONDS)
    pitch_range = None
    median = None
    if voiced_seconds >= MIN_VOICED_SECONDS:
        median = float(np.median(pitch))
        st = semitones(pitch, median)
        pitch_range = round(float(np.percentile(st, 95) - np.percentile(st, 5)), 2)
    return SoundSignals(
        duration=round(duration, 3),
        frame_seconds=FRAME_SECONDS,
        level_db=tuple(np.round(frames.level, 1).tolist()),
        voiced=tuple(frames.voiced.tolist()),
        voiced_seconds=round(voiced_seconds, 2),
        pitch_range_semitones=pitch_range,
        median_f0_hz=round(median, 1) if median is not None else None,
        steady=tuple(steady_stretches(frames.f0, frames.voiced, frames.change, frames.level)),
        clipped=tuple(clipped),
        peak_dbfs=round(20 * float(np.log10(max(peak, 1e-5))), 1),
    )


def measure_pcm(pcm: bytes, sample_rate: int) -> SoundSignals:
    """``measure`` for int16 mono PCM bytes, as the recorder and the file reader produce them."""
    return measure(np.frombuffer(pcm, dtype=np.int16, count=len(pcm) // 2), sample_rate)


def measurable(x: np.ndarray, sample_rate: int) -> bool:
    return sample_rate >= 8000 and len(x) >= int(0.1 * sample_rate) and bool(np.isfinite(x).all())


def measure(samples: np.ndarray, sample_rate: int) -> SoundSignals:
    """Loudness, voicing, pitch range, held vowels and clipping of a take (int16 or float samples)."""
    x = as_float(samples)
    duration = len(x) / sample_rate if sample_rate > 0 else 0.0
    if not measurable(x, sample_rate):
        return SoundSignals(duration=round(duration, 3), frame_seconds=FRAME_SECONDS)
    peak = float(np.max(np.abs(x)))
    return summarise(duration, frame_arrays(x, sample_rate), clipped_ranges(x, sample_rate), peak)
