"""Writing this install's own files into the team folder without ever following a link.

Other laptops and sync tools write into the same tree, so any name in it may have been replaced by a
symbolic link: ``reps/``, this writer's folder, ``takes/``, a file's temporary name. Every write here
walks from the team folder down one real directory at a time (``os.open`` with ``O_NOFOLLOW`` relative to
the folder checked before it, so a link swapped in meanwhile is refused too), creates its temporary file
with ``O_CREAT | O_EXCL | O_NOFOLLOW`` under a random name in that directory, and renames it into place
within the same directory. A link in place of a folder stops the write with a ``TeamFolderError``; a link
in place of the final name is replaced by the file, never written through. Where the OS has no
``dir_fd`` (Windows) each component is checked with ``lstat`` before the path is used.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from voicecoach.storage.team.folder import TeamFolderError, open_regular, sha256_hex, stream_capped

__all__ = ["copy_into", "exists", "read_own", "real_dir_at", "sha_of_own", "write_atomic"]

_DIR_FD = os.open in os.supports_dir_fd and os.name != "nt"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)


class _Dir:
    """A checked real directory: by descriptor where the OS allows it, else by its checked path."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path, self.fd = path, fd

    def name(self, name: str) -> Any:
        """What to hand to os functions together with ``self.kw``."""
        return name if self.fd is not None else str(self.path / name)

    @property
    def kw(self) -> dict[str, int]:
        return {"dir_fd": self.fd} if self.fd is not None else {}


@contextmanager
def real_dir_at(root: Path, parts: tuple[str, ...]) -> Iterator[_Dir]:
    """``root/parts…`` as a checked directory, each part created if missing and refused if it is a link."""
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _DIR_FD else None
    path = root
    try:
        for part in parts:
            path = path / part
            current, fd = fd, None  # _step closes it, whatever happens
            fd = _step(current, path, part)
        yield _Dir(path, fd)
    finally:
        if fd is not None:
            os.close(fd)


def _step(fd: int | None, path: Path, part: str) -> int | None:
    """Enter (creating if needed) the real directory ``part``; closes ``fd`` and returns the new one."""
    where: Any = part if fd is not None else str(path)
    kw = {"dir_fd": fd} if fd is not None else {}
    try:
        os.mkdir(where, 0o755, **kw)
    except FileExistsError:
        pass
    except OSError as exc:
        if fd is not None:
            os.close(fd)
        raise TeamFolderError(f"cannot create {path}: {exc.strerror or exc}") from None
    if fd is None:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise _not_plain(path)
        return None
    try:
        new = os.open(part, _DIR_FLAGS, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _not_plain(path) from None
        raise
    finally:
        os.close(fd)
    return new


def _not_plain(path: Path) -> TeamFolderError:
    return TeamFolderError(f"{path} is not a plain folder (a file or a link); it is never written through")


def exists(d: _Dir, name: str) -> bool:
    try:
        os.lstat(d.name(name), **d.kw)
    except FileNotFoundError:
        return False
    return True


def write_atomic(root: Path, rel: str, data: bytes, *, replace: bool = False) -> bool:
    """Write ``data`` at ``root/rel`` via a new temporary file and a rename; False if it existed (and not replace).

    Immutable files (takes, notes) are never replaced: if the name exists the write is skipped, so a
    publish that is repeated after a crash is harmless. The manifest is the one file replaced.
    """
    *parts, name = rel.split("/")
    with real_dir_at(root, tuple(parts)) as d:
        if not replace and exists(d, name):
            return False
        tmp = _new_file(d, name, lambda f: f.write(data))
        _place(d, tmp, name, replace=replace)
    return True


def copy_into(src: Path, root: Path, rel: str, cap: int) -> tuple[str, int]:
    """Copy a regular local file (no link, at most ``cap`` bytes) to ``root/rel``; its sha256 and size."""
    *parts, name = rel.split("/")
    source = open_regular(src)
    with os.fdopen(source, "rb") as reader, real_dir_at(root, tuple(parts)) as d:
        result: list[tuple[str, int]] = []
        tmp = _new_file(d, name, lambda f: result.append(stream_capped(reader, f, src, cap)))
        _place(d, tmp, name, replace=False)
    return result[0]


def read_own(root: Path, rel: str, cap: int) -> bytes:
    """One of this writer's own files, read through checked directories (never through a link)."""
    *parts, name = rel.split("/")
    with real_dir_at(root, tuple(parts)) as d:
        try:
            fd = os.open(d.name(name), os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0), **d.kw)
        except OSError as exc:
            raise TeamFolderError(f"cannot read {name}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise TeamFolderError(f"{name} is not a regular file")
            data = f.read(cap + 1)
    if len(data) > cap:
        raise TeamFolderError(f"{name} is larger than expected")
    return data


def sha_of_own(root: Path, rel: str, cap: int) -> tuple[str, int]:
    data = read_own(root, rel, cap)
    return sha256_hex(data), len(data)


def _new_file(d: _Dir, name: str, fill: Any) -> str:
    """A new hidden temporary file beside ``name``, created exclusively, filled, flushed; its name."""
    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(d.name(tmp), _NEW_FILE, 0o644, **d.kw)
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _unlink(d, tmp)
        raise
    return tmp


def _place(d: _Dir, tmp: str, name: str, *, replace: bool) -> None:
    """Rename within the checked directory; without ``replace`` a file that appeared meanwhile is kept."""
    try:
        if replace:
            os.replace(d.name(tmp), d.name(name), src_dir_fd=d.fd, dst_dir_fd=d.fd)
            return
        try:
            os.link(d.name(tmp), d.name(name), src_dir_fd=d.fd, dst_dir_fd=d.fd,
                    **({"follow_symlinks": False} if d.fd is not None else {}))
        except FileExistsError:
            pass
        except (OSError, NotImplementedError):  # no hard links (some shares): a plain rename if still free
            if not exists(d, name):
                os.replace(d.name(tmp), d.name(name), src_dir_fd=d.fd, dst_dir_fd=d.fd)
                return
    except BaseException:
        _unlink(d, tmp)
        raise
    _unlink(d, tmp)


def _unlink(d: _Dir, name: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(d.name(name), **d.kw)
