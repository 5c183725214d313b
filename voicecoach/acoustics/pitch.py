"""The voice's pitch, frame by frame, from pyworld's DIO tracker.

DIO is WORLD's fast estimator; ``speed=4`` decimates internally, which keeps a 30 s take at about
30 ms of CPU while the voicing decision and the pitch of speech stay usable for ranges in semitones.
Unvoiced frames are 0.
"""

from __future__ import annotations

import numpy as np
import pyworld

from voicecoach.acoustics.frames import FRAME_SECONDS

__all__ = [
    "DIO_SPEED",
    "F0_CEIL_HZ",
    "F0_FLOOR_HZ",
    "MIN_VOICED_RUN_FRAMES",
    "runs",
    "semitones",
    "track_pitch",
]

F0_FLOOR_HZ = 70.0  # below a low male voice
F0_CEIL_HZ = 400.0  # above a high female voice in conversation
DIO_SPEED = 4
#: A voiced run shorter than this is a tracker blip, not a voice.
MIN_VOICED_RUN_FRAMES = 3


def track_pitch(x: np.ndarray, sample_rate: int) -> np.ndarray:
    """f0 in Hz per 10 ms frame, 0 where unvoiced; voiced blips shorter than 30 ms are dropped."""
    f0, _ = pyworld.dio(
        np.ascontiguousarray(x, dtype=np.float64),
        sample_rate,
        f0_floor=F0_FLOOR_HZ,
        f0_ceil=F0_CEIL_HZ,
        frame_period=FRAME_SECONDS * 1000.0,
        speed=DIO_SPEED,
    )
    return _drop_blips(f0)


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, end) index pairs of the True runs in mask (end exclusive)."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=False))


def _drop_blips(f0: np.ndarray) -> np.ndarray:
    out = f0.copy()
    for a, b in runs(out > 0):
        if b - a < MIN_VOICED_RUN_FRAMES:
            out[a:b] = 0.0
    return out


def semitones(f0: np.ndarray, reference_hz: float) -> np.ndarray:
    return 12.0 * np.log2(f0 / reference_hz)
