"""Unfinished takes: found at the next start, their headers repaired, offered for analysis.

A take that was still recording when the app died is a ``.part.wav`` whose header may claim fewer bytes
than the file holds (it is rewritten every half second). Repair trusts the file's length, drops a torn
last sample, and writes the header again; the samples themselves are never touched.

A ``.part.wav`` that a recorder still holds (see wav_writer's lock) is a take in progress in another
window or command, not a crashed one: it is never listed, repaired or renamed here.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from voicecoach.audio.wav_writer import PART_SUFFIX, final_path_for, is_being_recorded, try_lock, wav_header

__all__ = [
    "RecoveredTake",
    "RecoveryError",
    "TakeStillRecordingError",
    "find_live_takes",
    "find_unfinished_takes",
    "recover_folder",
    "recover_take",
    "repair_take",
]


class RecoveryError(ValueError):
    """The file is not a take this app wrote (or is damaged beyond the header)."""


class TakeStillRecordingError(RecoveryError):
    """The take is held by a live recorder; it is left exactly as it is."""


@dataclass(frozen=True, slots=True)
class RecoveredTake:
    path: Path
    seconds: float


@dataclass(frozen=True, slots=True)
class _Format:
    channels: int
    sample_rate: int
    sample_width: int
    data_offset: int


def _part_files(folder: Path | str) -> list[Path]:
    root = Path(folder)
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if p.name.lower().endswith(PART_SUFFIX) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def find_unfinished_takes(folder: Path | str) -> list[Path]:
    """``*.part.wav`` files in ``folder`` (not recursive) that no live recorder holds, oldest first."""
    return [p for p in _part_files(folder) if not is_being_recorded(p)]


def find_live_takes(folder: Path | str) -> list[Path]:
    """``*.part.wav`` files in ``folder`` that a recorder (in any process) is writing right now."""
    return [p for p in _part_files(folder) if is_being_recorded(p)]


def _read_format(path: Path) -> _Format:
    with path.open("rb") as f:
        head = f.read(4096)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise RecoveryError(f"{path.name} is not a WAV file")
    pos = 12
    fmt: tuple[int, int, int] | None = None
    while pos + 8 <= len(head):
        chunk_id = head[pos : pos + 4]
        (size,) = struct.unpack("<I", head[pos + 4 : pos + 8])
        body = pos + 8
        if chunk_id == b"fmt " and body + 16 <= len(head):
            tag, channels, rate, _byte_rate, _align, bits = struct.unpack("<HHIIHH", head[body : body + 16])
            if tag not in (1, 0xFFFE) or bits != 16 or channels < 1 or rate <= 0:
                raise RecoveryError(f"{path.name} is not 16-bit PCM")
            fmt = (channels, rate, bits // 8)
        elif chunk_id == b"data":
            if fmt is None:
                raise RecoveryError(f"{path.name} has no format chunk before its audio")
            return _Format(fmt[0], fmt[1], fmt[2], body)
        pos = body + size + (size & 1)
    raise RecoveryError(f"{path.name} has no audio data chunk")


def repair_take(path: Path | str) -> float:
    """Fix the header of a (possibly truncated) take in place; returns the seconds of audio it holds."""
    p = Path(path)
    fmt = _read_format(p)
    size = p.stat().st_size
    frame = fmt.channels * fmt.sample_width
    data = max(0, size - fmt.data_offset)
    data -= data % frame
    if fmt.data_offset != 44:
        # A header we did not write: patch only the two size fields, wherever they are.
        with p.open("r+b") as f:
            f.seek(4)
            f.write(struct.pack("<I", min(0xFFFFFFFF, fmt.data_offset - 8 + data)))
            f.seek(fmt.data_offset - 4)
            f.write(struct.pack("<I", min(0xFFFFFFFF, data)))
            f.truncate(fmt.data_offset + data)
    else:
        fd = os.open(p, os.O_RDWR)
        try:
            os.pwrite(fd, wav_header(data, fmt.sample_rate, fmt.channels, fmt.sample_width), 0)
            os.ftruncate(fd, fmt.data_offset + data)
            os.fsync(fd)
        finally:
            os.close(fd)
    return data / (frame * fmt.sample_rate)


def _free_name(wanted: Path) -> Path:
    target, n = wanted, 0
    while target.exists():
        n += 1
        target = wanted.with_name(f"{wanted.stem}-recovered{'' if n == 1 else n}.wav")
    return target


def recover_take(path: Path | str, *, avoid: Path | None = None) -> RecoveredTake:
    """Repair an unfinished take and give it its final name (``x.part.wav`` -> ``x.wav``, or
    ``x-recovered.wav`` when that name is taken or is ``avoid``, e.g. the file about to be recorded).
    Returns where it is now and how long it is."""
    p = Path(path)
    fd = os.open(p, os.O_RDWR)
    try:
        # Held for the whole repair and rename: a recorder starting on this name meanwhile waits for nothing
        # and fails cleanly instead of truncating a take being rescued.
        if not try_lock(fd):
            raise TakeStillRecordingError(f"{p.name} is still being recorded; it was left alone")
        seconds = repair_take(p)
        wanted = final_path_for(p)
        if wanted == p:
            return RecoveredTake(p, seconds)
        target = _free_name(wanted)
        if avoid is not None and target == avoid:
            target = _free_name(wanted.with_name(f"{wanted.stem}-recovered.wav"))
        os.replace(p, target)
        return RecoveredTake(target, seconds)
    finally:
        os.close(fd)


def recover_folder(folder: Path | str) -> list[RecoveredTake]:
    """Recover every unfinished take in ``folder``; files that are not repairable are left as they are."""
    out = []
    for p in find_unfinished_takes(folder):
        try:
            out.append(recover_take(p))
        except (RecoveryError, OSError):
            continue
    return out
