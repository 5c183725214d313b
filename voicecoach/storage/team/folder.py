"""The team folder on disk: its layout, safe names, and reading and writing files without trusting it.

A team folder is written by other laptops and by sync tools, so every read here assumes the worst: a
file may be half copied, replaced by a symlink, a FIFO, a folder, or far too large. Reads open the file
without following a final symlink (and refuse any symlinked folder on the way), check it is a regular
file, and read at most a cap. Writes into the team folder live in ``own_files`` (no link followed in any
component); ``stage_copy`` copies a peer's file into the local data folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from voicecoach.core.remedy import Problem

__all__ = [
    "AUDIO",
    "AUDIO_CAP",
    "AUDIO_NAME",
    "COACHES",
    "KB",
    "MANIFEST",
    "MANIFEST_CAP",
    "MB",
    "NOTES",
    "NOTE_CAP",
    "NOTE_NAME",
    "REPS",
    "SESSIONS",
    "SESSION_NAME",
    "TAKES",
    "TAKE_CAP",
    "TAKE_NAME",
    "Entry",
    "TeamFolderError",
    "TeamFolderErrorKind",
    "check_id",
    "is_safe_id",
    "list_folder",
    "open_regular",
    "read_capped",
    "real_dir",
    "sha256_hex",
    "signature",
    "slug",
    "stage_copy",
    "stream_capped",
    "sync_artifact",
]

REPS = "reps"
COACHES = "coach"
MANIFEST = "manifest.json"
TAKES = "takes"
AUDIO = "audio"
NOTES = "notes"
SESSIONS = "sessions"

KB = 1024
MB = 1024 * KB
MANIFEST_CAP = 32 * MB
TAKE_CAP = 4 * MB
NOTE_CAP = 256 * KB
AUDIO_CAP = 200 * MB

_SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
TAKE_NAME = re.compile(rf"^{TAKES}/({_UUID})\.json$")
AUDIO_NAME = re.compile(rf"^{AUDIO}/({_UUID})\.(wav|flac|ogg|mp3|m4a|opus)$")
NOTE_NAME = re.compile(rf"^{NOTES}/({_UUID})\.json$")
SESSION_NAME = re.compile(rf"^{SESSIONS}/({_UUID})\.([0-9]{{1,9}})\.json$")
# What sync tools leave beside a file when two copies disagree, or while a transfer is under way.
_CONFLICT = re.compile(r"(conflict|\s\(\d+\)|\.orig$)", re.I)
_TEMPORARY = re.compile(r"(^\.|^~|\.tmp$|\.part$|\.partial$|\.crdownload$|\.!sync$|\.download$)", re.I)


class TeamFolderErrorKind(Enum):
    FAILED = "failed"
    TOO_LARGE = "too large"


class TeamFolderError(OSError, Problem):
    """The team folder (or one file in it) cannot be used; ``str()`` is the sentence to show.

    ``transient`` when waiting may help (the file is not there yet or cannot be read right now), as opposed
    to a file that will never be used as it is (a link, not a regular file, too large).
    """

    def __init__(self, message: str, *, transient: bool = False,
                 kind: TeamFolderErrorKind = TeamFolderErrorKind.FAILED) -> None:
        super().__init__(message)
        self.transient = transient
        self.kind = kind

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "team folder error"


def is_safe_id(value: object) -> bool:
    """A writer id usable as a folder name on every OS and every sync tool: lower-case letters, digits, dashes."""
    return isinstance(value, str) and bool(_SAFE_ID.match(value)) and value not in _WINDOWS_RESERVED


def check_id(value: str, what: str = "rep id") -> str:
    if not is_safe_id(value):
        raise TeamFolderError(
            f"{value!r} cannot be a {what}: use 1 to 48 lower-case letters, digits and dashes "
            "(not starting or ending with a dash)")
    return value


def slug(text: str) -> str:
    """A readable start for an id made from a name ("Ann Lée" -> "ann-lee")."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:36].strip("-") or "rep"


def sync_artifact(name: str) -> str | None:
    """'conflict copy' or 'temporary file' for what a sync tool leaves behind, else None."""
    if _TEMPORARY.search(name):
        return "temporary file"
    if _CONFLICT.search(name):
        return "sync conflict copy"
    return None


@dataclass(frozen=True)
class Entry:
    """One name in a folder listing, without following links."""

    name: str
    kind: str  # "file", "dir", "link" or "other"


def list_folder(folder: Path) -> Iterator[Entry]:
    """The folder's entries; an absent folder lists nothing."""
    try:
        with os.scandir(folder) as it:
            for item in it:
                if item.is_symlink():
                    kind = "link"
                elif item.is_dir(follow_symlinks=False):
                    kind = "dir"
                elif item.is_file(follow_symlinks=False):
                    kind = "file"
                else:
                    kind = "other"
                yield Entry(item.name, kind)
    except (FileNotFoundError, NotADirectoryError):
        return


def real_dir(path: Path) -> bool:
    """True for a folder that is itself no symlink (a symlinked folder is never followed)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def signature(*paths: Path) -> str:
    """Size and modification time of each path: cheap evidence that nothing changed since the last pull."""
    parts = []
    for p in paths:
        try:
            st = os.lstat(p)
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "|".join(parts)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of a regular file no larger than ``cap``; never follows a symlink or blocks on a FIFO."""
    if stat.S_ISLNK(_lstat(path).st_mode):
        raise TeamFolderError(f"{path.name} is a symbolic link; links in a team folder are not followed")
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TeamFolderError(f"{path.name} is a symbolic link; links in a team folder are not followed") from None
        raise TeamFolderError(f"cannot read {path.name}: {exc.strerror or exc}", transient=True) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # a folder would fail in fdopen with a bare "Is a directory"
        os.close(fd)
        raise TeamFolderError(f"{path.name} is not a regular file")
    with os.fdopen(fd, "rb") as f:
        if st.st_size > cap:
            raise TeamFolderError(f"{path.name} is {st.st_size // KB} KB, over the {cap // KB} KB allowed",
                                  kind=TeamFolderErrorKind.TOO_LARGE)
        data = f.read(st.st_size + 1)  # not cap + 1: that would allocate the whole cap for every file
    if len(data) > st.st_size:
        raise TeamFolderError(f"{path.name} is still being written (it grew while being read)", transient=True)
    return data


def _lstat(path: Path) -> os.stat_result:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        raise TeamFolderError(f"{path.name} is not there (yet)", transient=True) from None
    except OSError as exc:
        raise TeamFolderError(f"cannot read {path.name}: {exc.strerror or exc}", transient=True) from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stage_copy(src: Path, dest: Path, cap: int) -> tuple[Path, str, int]:
    """Stream a regular file of the team folder into a part file beside ``dest`` that only this call uses.

    Returns the part file (the caller renames it into place under its write transaction, or removes it),
    and the sha256 and size of what was copied. Two processes copying the same take each have their own
    part file, so neither ever renames or removes the other's, nor the file a committed take points to.
    """
    reader = open_regular(src)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f"{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    with os.fdopen(reader, "rb") as f:
        try:
            with open(part, "xb") as writer:
                sha, size = stream_capped(f, writer, src, cap)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    return part, sha, size


def open_regular(src: Path) -> int:
    if stat.S_ISLNK(_lstat(src).st_mode):
        raise TeamFolderError(f"{src.name} is a symbolic link; links in a team folder are not followed")
    try:
        fd = os.open(src, _READ_FLAGS)
    except OSError as exc:
        raise TeamFolderError(f"cannot read {src.name}: {exc.strerror or exc}", transient=True) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise TeamFolderError(f"{src.name} is not a regular file")
    return fd


def stream_capped(reader: Any, writer: Any, src: Path, cap: int) -> tuple[str, int]:
    """Copy at most ``cap`` bytes, flushed to disk; the sha256 and size of what was written."""
    digest = hashlib.sha256()
    size = 0
    while chunk := reader.read(MB):
        size += len(chunk)
        if size > cap:
            raise TeamFolderError(f"{src.name} is over the {cap // MB} MB allowed", kind=TeamFolderErrorKind.TOO_LARGE)
        digest.update(chunk)
        writer.write(chunk)
    writer.flush()
    os.fsync(writer.fileno())
    return digest.hexdigest(), size
