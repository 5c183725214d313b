"""One team sync per data folder at a time, across processes: the app's background pull, `voicecoach team
sync`, a second window.

The guard is an operating-system lock on ``team-sync.lock`` in the data folder (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows), taken without waiting: a sync that finds it held is skipped (the app tries
again at its next pull, the command line says so). The OS releases the lock when the process ends, so a
crash never leaves a folder locked. The lock file is its own file, never one of the database's: closing it
cannot release SQLite's locks on the database (POSIX record locks are per file).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

__all__ = ["LOCK_NAME", "SyncLock"]

LOCK_NAME = "team-sync.lock"


class SyncLock:
    """``with SyncLock(data_dir) as lock:`` — ``lock.acquired`` is False when another sync holds it."""

    def __init__(self, data_dir: Path) -> None:
        self.lock_path = Path(data_dir) / LOCK_NAME
        self.acquired = False
        self._fd: int | None = None

    def __enter__(self) -> SyncLock:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0),
                     0o600)
        if _try_lock(fd):
            self._fd, self.acquired = fd, True
        else:
            os.close(fd)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        fd, self._fd, self.acquired = self._fd, None, False
        if fd is not None:
            _unlock(fd)
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
