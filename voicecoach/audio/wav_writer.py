"""A WAV writer that survives being killed mid-take.

Every block goes straight to the operating system (unbuffered), so a crash of the app -- even SIGKILL --
loses nothing that was written. The header's sizes are rewritten every ``header_every`` seconds of audio,
so the file is readable by ordinary players up to that point even without repair; ``recovery`` fixes the
rest from the file's length. While a take is running its file is named ``NAME.part.wav``: that name is how
an unfinished take is recognised at the next start. ``close()`` writes the final header and renames it.

The writer holds an exclusive OS lock on that file while it records (flock on POSIX, a byte-range lock on
Windows). Recovery in another window or a `voicecoach recover` run tests the lock and leaves a live take
alone; the operating system drops the lock when the recorder dies, even by SIGKILL, so a crashed take is
recoverable at once.
"""

from __future__ import annotations

import errno
import os
import struct
from pathlib import Path

__all__ = [
    "HEADER_BYTES",
    "PART_SUFFIX",
    "IncrementalWavWriter",
    "TakeInUseError",
    "final_path_for",
    "is_being_recorded",
    "part_path_for",
    "try_lock",
    "wav_header",
]

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PART_SUFFIX = ".part.wav"
HEADER_BYTES = 44


def part_path_for(final_path: Path) -> Path:
    """``take.wav`` -> ``take.part.wav`` (the name while recording)."""
    name = final_path.name
    stem = name[:-4] if name.lower().endswith(".wav") else name
    return final_path.with_name(stem + PART_SUFFIX)


def final_path_for(part_path: Path) -> Path:
    """``take.part.wav`` -> ``take.wav``."""
    name = part_path.name
    if name.lower().endswith(PART_SUFFIX):
        return part_path.with_name(name[: -len(PART_SUFFIX)] + ".wav")
    return part_path


class TakeInUseError(OSError):
    """The take file is held by a recorder that is still running (this or another process)."""


_LOCK_OFFSET = 1 << 40  # Windows: lock one byte far past the end, so readers of the audio are not blocked


# What a lock attempt says when someone else holds the lock; any other failure means the file system does
# not lock at all (some network shares), and then takes are treated as unlocked, as before locks existed.
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def try_lock(fd: int) -> bool:
    """Take the recording lock on an open file; False only when another open of it already holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            here = os.lseek(fd, 0, os.SEEK_CUR)
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            finally:
                os.lseek(fd, here, os.SEEK_SET)
    except OSError as exc:
        return exc.errno not in _HELD
    return True


def is_being_recorded(path: Path | str) -> bool:
    """True while a recorder holds ``path`` (a ``.part.wav``); the test takes the lock only for a moment."""
    try:
        fd = os.open(path, os.O_RDONLY)  # read-only is enough to test a lock, also in a read-only folder
    except OSError:
        return False
    try:
        return not try_lock(fd)
    finally:
        os.close(fd)  # closing releases a lock this test took


def wav_header(data_bytes: int, sample_rate: int, channels: int = 1, sample_width: int = 2) -> bytes:
    """The canonical 44-byte PCM WAV header for ``data_bytes`` of audio."""
    block_align = channels * sample_width
    return b"".join(
        [
            b"RIFF",
            struct.pack("<I", min(0xFFFFFFFF, 36 + data_bytes)),
            b"WAVE",
            b"fmt ",
            struct.pack(
                "<IHHIIHH", 16, 1, channels, sample_rate, sample_rate * block_align, block_align, sample_width * 8
            ),
            b"data",
            struct.pack("<I", min(0xFFFFFFFF, data_bytes)),
        ]
    )


class IncrementalWavWriter:
    """Append int16 PCM to a ``.part.wav`` file; ``close()`` finalises it under its real name."""

    def __init__(
        self,
        final_path: Path | str,
        sample_rate: int,
        *,
        channels: int = 1,
        sample_width: int = 2,
        header_every: float = 0.5,
    ) -> None:
        self.final_path = Path(final_path)
        self.part_path = part_path_for(self.final_path)
        self.sample_rate = sample_rate
        self.channels = channels
        self.sample_width = sample_width
        self.data_bytes = 0
        self._header_every_bytes = max(1, int(header_every * sample_rate)) * channels * sample_width
        self._since_header = 0
        self.final_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.part_path, os.O_WRONLY | os.O_CREAT, 0o644)  # truncated only once the lock is ours
        if not try_lock(fd):
            os.close(fd)
            raise TakeInUseError(f"{self.part_path.name} is being recorded by another VoiceCoach window or command")
        self._fd: int | None = fd
        os.ftruncate(fd, 0)
        os.write(fd, wav_header(0, sample_rate, channels, sample_width))

    @property
    def seconds(self) -> float:
        return self.data_bytes / (self.sample_rate * self.channels * self.sample_width)

    @property
    def closed(self) -> bool:
        return self._fd is None

    def write(self, pcm: bytes) -> None:
        if self._fd is None:
            raise ValueError("the take file is already closed")
        view = memoryview(pcm)
        written = 0
        try:
            while view:
                n = os.write(self._fd, view)
                view = view[n:]
                written += n
        except OSError:
            self._keep_whole_frames(written)  # a full disk mid-block: keep what landed, in whole samples
            raise
        self.data_bytes += len(pcm)
        self._since_header += len(pcm)
        if self._since_header >= self._header_every_bytes:
            self._write_header()

    def _keep_whole_frames(self, written: int) -> None:
        assert self._fd is not None
        frame = self.channels * self.sample_width
        self.data_bytes += written - written % frame
        try:  # shrinking a file and rewriting its header need no new space on the disk
            os.ftruncate(self._fd, HEADER_BYTES + self.data_bytes)
            self._write_header()
        except OSError:
            pass  # recovery trusts the file length and drops a torn sample anyway

    def _write_header(self) -> None:
        assert self._fd is not None
        self._write_header_to(self._fd)

    def _write_header_to(self, fd: int) -> None:
        header = wav_header(self.data_bytes, self.sample_rate, self.channels, self.sample_width)
        os.pwrite(fd, header, 0)
        self._since_header = 0

    def close(self, *, keep_part_name: bool = False) -> Path:
        """Write the final header, sync, and rename to the final name (unless asked not to)."""
        if self._fd is None:
            return self.part_path if keep_part_name else self.final_path
        fd, self._fd = self._fd, None
        try:
            self._write_header_to(fd)
            os.fsync(fd)
            # Renamed while the lock is still held (POSIX allows it), so no recovery can take the file
            # between the last write and the rename; Windows cannot rename an open file, so it goes after.
            if not keep_part_name and fcntl is not None:
                os.replace(self.part_path, self.final_path)
        finally:
            os.close(fd)
        if keep_part_name:
            return self.part_path
        if fcntl is None:  # pragma: no cover - Windows
            os.replace(self.part_path, self.final_path)
        return self.final_path
