"""How loud the microphone is: per-block levels for the meter, and the warnings a rep needs before and
after a take (nobody should record 30 seconds of silence because the mute switch was on).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "CLIPPING",
    "CLIP_SAMPLE",
    "FLOOR_DBFS",
    "FULL_SCALE",
    "MOSTLY_SILENT",
    "NOT_HEARD",
    "QUIET_PEAK_DBFS",
    "SILENCE_DBFS",
    "TOO_QUIET",
    "Level",
    "LevelStats",
    "level_of",
    "meter_fraction",
    "pre_take_message",
]

FLOOR_DBFS = -100.0  # what digital silence reads as, instead of -inf
FULL_SCALE = 32768.0

#: Below this RMS the microphone is as good as off (a quiet room through a live mic sits around -60..-50).
SILENCE_DBFS = -60.0
#: Speech near the mic usually peaks above this; if nothing gets there, the rep is too far or too quiet.
QUIET_PEAK_DBFS = -30.0
#: A block is "clipped" when any sample sits at (or one step below) full scale.
CLIP_SAMPLE = 32766

NOT_HEARD = "we can't hear you — check the microphone or its mute switch"
TOO_QUIET = "the microphone is very quiet — move closer or raise its input volume"
CLIPPING = "the sound is clipping (too loud) — move back a little or lower the input volume"
MOSTLY_SILENT = "most of the take was silent — check the microphone or its mute switch"


@dataclass(frozen=True, slots=True)
class Level:
    rms_dbfs: float
    peak_dbfs: float
    clipped: bool

    @property
    def silent(self) -> bool:
        return self.rms_dbfs < SILENCE_DBFS


def _dbfs(value: float) -> float:
    if value <= 0:
        return FLOOR_DBFS
    return max(FLOOR_DBFS, 20.0 * math.log10(value / FULL_SCALE))


def level_of(pcm_bytes: bytes) -> Level:
    """RMS and peak of one block of int16 mono PCM, in dBFS (0 is full scale)."""
    samples = np.frombuffer(pcm_bytes, dtype=np.int16, count=len(pcm_bytes) // 2)
    if samples.size == 0:
        return Level(FLOOR_DBFS, FLOOR_DBFS, False)
    as_float = samples.astype(np.float32)
    rms = float(np.sqrt(np.mean(as_float * as_float)))
    peak = int(np.max(np.abs(samples.astype(np.int32))))
    return Level(_dbfs(rms), _dbfs(float(peak)), peak >= CLIP_SAMPLE)


def meter_fraction(level: Level, floor_dbfs: float = -60.0) -> float:
    """0..1 for a level bar: -60 dBFS and below is empty, 0 dBFS is full."""
    return min(1.0, max(0.0, (level.rms_dbfs - floor_dbfs) / -floor_dbfs))


def pre_take_message(levels: Iterable[Level]) -> str | None:
    """The level check before a take: None when the microphone is clearly hearing something usable."""
    items = list(levels)
    if not items:
        return NOT_HEARD
    loudest = max(lv.peak_dbfs for lv in items)
    if all(lv.silent for lv in items) and loudest < QUIET_PEAK_DBFS:
        return NOT_HEARD
    if sum(lv.clipped for lv in items) >= max(2, len(items) // 10):
        return CLIPPING
    if loudest < QUIET_PEAK_DBFS:
        return TOO_QUIET
    return None


class LevelStats:
    """Running summary of a take's levels; cheap enough to update on every block."""

    def __init__(self) -> None:
        self.blocks = 0
        self.silent_blocks = 0
        self.clipped_blocks = 0
        self.peak_dbfs = FLOOR_DBFS

    def add(self, level: Level) -> None:
        self.blocks += 1
        self.silent_blocks += level.silent
        self.clipped_blocks += level.clipped
        self.peak_dbfs = max(self.peak_dbfs, level.peak_dbfs)

    @property
    def all_silent(self) -> bool:
        return self.blocks > 0 and self.silent_blocks == self.blocks

    def warnings(self) -> tuple[str, ...]:
        """Warnings for the end of a take (silence, clipping); empty when the take sounds fine."""
        if self.blocks == 0:
            return ()
        out: list[str] = []
        if self.silent_blocks / self.blocks > 0.9:
            out.append(MOSTLY_SILENT)
        if self.clipped_blocks >= max(3, self.blocks // 50):
            out.append(CLIPPING)
        return tuple(out)
