"""Writing export files whole or not at all, with a clear message when the disk is full."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from voicecoach.storage.errors import DiskFullError, StoreError

__all__ = ["atomic_output", "write_with"]


@contextmanager
def _replacing(out: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; on success it replaces ``out``, on failure it is removed."""
    target = Path(out)
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name to write to")
    part = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield part
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise _file_error(exc, target) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(out: Path | str, mode: str = "w") -> Iterator[IO[Any]]:
    """A text (or binary) file that appears at ``out`` only once it is completely written."""
    with _replacing(out) as part, _opened(part, mode) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def _opened(path: Path, mode: str) -> IO[Any]:
    """Text files in UTF-8 with newlines written as given; binary ones as they are."""
    return path.open(mode) if "b" in mode else path.open(mode, encoding="utf-8", newline="")


def write_with(out: Path | str, writer: Callable[[Path], None]) -> Path:
    """Let ``writer`` build a file at a temporary path (e.g. a zip), then move it into place."""
    with _replacing(out) as part:
        writer(part)
    return Path(out)


def _file_error(exc: OSError, target: Path) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"the disk is full; {target} was not written", target.parent)
    return StoreError(f"cannot write {target}: {exc.strerror or exc}")
