"""An audio file's sound signals: read it as the recogniser hears it (16 kHz mono), then measure.

Lives with the file reader because it is file I/O; the measuring itself is the pure
``voicecoach.acoustics`` package. Recorded takes, imported files and the CLI all come through here, so
they are judged on the same signal.
"""

from __future__ import annotations

from pathlib import Path

from voicecoach.acoustics import measure_pcm
from voicecoach.asr.audio_files import read_pcm_blocks
from voicecoach.core.sound import SoundSignals

__all__ = ["RATE", "measure_file"]

RATE = 16000


def measure_file(path: Path | str, *, max_seconds: float = 600.0) -> SoundSignals:
    """Signals of the file's first ``max_seconds`` (a take is at most a few minutes).

    Raises ``AudioFileError`` (a ``ValueError`` with a one-line message) for a file that cannot be read.
    """
    limit = int(max_seconds * RATE) * 2
    chunks: list[bytes] = []
    size = 0
    for block in read_pcm_blocks(path, rate=RATE, block_seconds=1.0):
        chunks.append(block)
        size += len(block)
        if size >= limit:
            break
    return measure_pcm(b"".join(chunks)[:limit], RATE)
