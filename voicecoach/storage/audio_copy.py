"""Copying a take's audio into the data folder so that a crash or a full disk never leaves half a file.

The copy goes to ``<name>.part``, is flushed to disk, and only then renamed into place: a reader sees
either no file or the whole file, and the sha256 is computed from the same bytes that were written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from voicecoach.storage.errors import DiskFullError, StoreError

__all__ = ["copy_audio_in", "sha256_of", "stream_to_part", "write_stream"]

_CHUNK = 1 << 20


def copy_audio_in(src: Path, takes_dir: Path, name: str) -> tuple[Path, str]:
    """Copy ``src`` to ``takes_dir/<name><suffix>``; returns the destination and its sha256."""
    src = Path(src)
    if not src.is_file():
        raise StoreError(f"audio file not found: {src}")
    dest = takes_dir / f"{name}{src.suffix.lower() or '.wav'}"
    try:
        with src.open("rb") as reader:
            return dest, write_stream(reader, dest)
    except DiskFullError:
        raise
    except OSError as exc:
        raise StoreError(f"could not copy audio {src} into {takes_dir}: {exc.strerror or exc}") from exc


def write_stream(reader: BinaryIO, dest: Path) -> str:
    """Write everything ``reader`` yields to ``dest`` via a private ``.part`` file; returns the bytes' sha256."""
    part, digest = stream_to_part(reader, dest)
    try:
        os.replace(part, dest)
    except OSError:
        part.unlink(missing_ok=True)
        raise
    return digest


def stream_to_part(reader: BinaryIO, dest: Path, limit: int | None = None) -> tuple[Path, str]:
    """Write ``reader`` to a ``.part`` file beside ``dest`` that no other writer uses; flushed to disk.

    Returns the part file (the caller renames it into place, or removes it) and the sha256 of its bytes.
    Two processes writing the same ``dest`` at once each get their own part file, so neither can rename
    or delete the other's. More than ``limit`` bytes is refused before they reach the disk.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f"{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    digest = hashlib.sha256()
    written = 0
    try:
        with part.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                written += len(chunk)
                if limit is not None and written > limit:
                    raise StoreError(f"{dest.name} is larger than the {limit // (1 << 20)} MB allowed")
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
    except OSError as exc:
        part.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                f"not enough disk space in {dest.parent} to keep the take's audio; nothing was saved "
                "and earlier takes are intact", dest.parent
            ) from exc
        raise
    except BaseException:  # e.g. a damaged source stream: never leave half a file behind
        part.unlink(missing_ok=True)
        raise
    return part, digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as reader:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
