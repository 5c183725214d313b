"""Measuring while the take is recorded, so Stop only has the last half second left to do.

``SignalMeter.feed(pcm)`` takes the same int16 blocks the recogniser gets and measures every
``CHUNK_SECONDS`` of them as soon as they (plus a margin for the pitch tracker's window) have arrived;
``finish()`` measures the rest and returns the same ``SoundSignals`` as ``measure()`` on the whole take.
The recorder feeds the meter as a capture companion, on a thread of its own beside the recogniser.
"""

from __future__ import annotations

import numpy as np

from voicecoach.acoustics.frames import CLIP_MERGE_SECONDS, FRAME_SECONDS, clipped_ranges
from voicecoach.acoustics.measure import FrameArrays, as_float, frame_arrays, measurable, summarise
from voicecoach.acoustics.steady import steady_stretches
from voicecoach.core.sound import SoundSignals, SteadyStretch

__all__ = ["CHUNK_SECONDS", "MARGIN_SECONDS", "SignalMeter"]

#: Short chunks leave little for ``finish()`` (about 5 ms for the last half second against 9 ms for two
#: seconds), at the price of measuring the margins more often while recording (90 ms of CPU per 30 s
#: take instead of 63 ms), when the CPU has time to spare.
CHUNK_SECONDS = 0.5
#: Audio either side of a chunk that the tracker sees but whose frames come from the neighbours.
MARGIN_SECONDS = 0.2


class SignalMeter:
    """Feed int16 mono PCM blocks; ``finish()`` returns the take's ``SoundSignals``. One thread feeds it."""

    def __init__(self, sample_rate: int = 16000) -> None:
        self.sample_rate = sample_rate
        self._hop = round(sample_rate * FRAME_SECONDS)
        self._chunk = round(CHUNK_SECONDS / FRAME_SECONDS)
        self._margin = round(MARGIN_SECONDS / FRAME_SECONDS) * self._hop
        self._samples = np.zeros(int(sample_rate * 32), np.int16)
        self._n = 0
        self._done = 0  # frames measured so far
        self._parts: list[FrameArrays] = []
        self._clipped: list[tuple[float, float]] = []
        self._peak = 0
        self._odd = b""

    def feed(self, pcm: bytes) -> None:
        if self._odd:  # a block that ended half-way through a sample
            pcm = self._odd + bytes(pcm)
        self._odd = bytes(pcm[len(pcm) - len(pcm) % 2 :])
        block = np.frombuffer(pcm, dtype=np.int16, count=len(pcm) // 2)
        if self._n + block.size > self._samples.size:
            grown = np.zeros(max(2 * self._samples.size, self._n + block.size), np.int16)
            grown[: self._n] = self._samples[: self._n]
            self._samples = grown
        self._samples[self._n : self._n + block.size] = block
        self._n += block.size
        if block.size:
            self._peak = max(self._peak, int(np.max(np.abs(block.astype(np.int32)))))
        while self._n - (self._done + self._chunk) * self._hop >= self._margin:
            self._measure(self._chunk)

    def _measure(self, frames: int) -> None:
        start = self._done * self._hop
        s0 = max(0, start - self._margin)
        end = min(self._n, (self._done + frames) * self._hop + self._margin)
        part = frame_arrays(as_float(self._samples[s0:end]), self.sample_rate)
        off = (start - s0) // self._hop
        cut = slice(off, off + frames)
        self._parts.append(FrameArrays(part.f0[cut], part.level[cut], part.voiced[cut], part.change[cut]))
        own = as_float(self._samples[start : min(self._n, start + frames * self._hop)])
        offset = start / self.sample_rate
        for a, b in clipped_ranges(own, self.sample_rate):
            a, b = round(a + offset, 3), round(b + offset, 3)
            if self._clipped and a - self._clipped[-1][1] <= CLIP_MERGE_SECONDS:
                self._clipped[-1] = (self._clipped[-1][0], b)
            else:
                self._clipped.append((a, b))
        self._done += frames

    def steady_so_far(self) -> list[SteadyStretch]:
        """Held-vowel stretches in what has been measured so far, for the live filler count. Safe to ask
        from another thread: it reads a snapshot of the measured chunks, which are never changed."""
        parts = list(self._parts)
        if not parts:
            return []
        f0, voiced, change = (np.concatenate([getattr(p, k) for p in parts]) for k in ("f0", "voiced", "change"))
        return steady_stretches(f0, voiced, change)

    def finish(self) -> SoundSignals:
        """Measure what is left and return the whole take's signals (the meter can be fed no more), with
        their running sums already worked out: this runs beside the recogniser's last step."""
        duration = self._n / self.sample_rate
        if not measurable(self._samples[: self._n], self.sample_rate):
            return SoundSignals(duration=round(duration, 3), frame_seconds=FRAME_SECONDS)
        total = int(self._n / self._hop) + 1
        if total > self._done:
            self._measure(total - self._done)
        keys = ("f0", "level", "voiced", "change")
        joined = FrameArrays(*(np.concatenate([getattr(p, k) for p in self._parts]) for k in keys))
        return summarise(duration, joined, self._clipped, self._peak / 32768.0).prepare()

