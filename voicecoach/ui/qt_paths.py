"""File names handed to Qt, which spells them in UTF-8.

On Linux a folder name may hold any bytes; Python keeps one that is not UTF-8 (say a non-UTF-8
``$VOICECOACH_HOME``) as a surrogate escape, and Qt would turn it into U+FFFD: another folder, created beside
the real one. Such a file is handed to Qt through an open handle on its folder, ``/proc/self/fd/N/name``,
which names the real folder whatever its bytes. The handle stays open for the life of the process (one per
folder).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

__all__ = ["qt_name"]

_folders: dict[str, int] = {}
_lock = threading.Lock()


def qt_name(path: Path | str) -> str:
    """A name Qt opens as ``path`` (the path itself whenever it is valid UTF-8)."""
    path = Path(path)
    text = str(path)
    if _utf8(text) or not _utf8(path.name):
        return text
    fd = _folder_handle(path.parent)
    return text if fd is None else f"/proc/self/fd/{fd}/{path.name}"


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _folder_handle(folder: Path) -> int | None:
    key = os.path.abspath(folder)
    with _lock:
        if key in _folders:
            return _folders[key]
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return None
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            os.close(fd)
            return None
        _folders[key] = fd
        return fd
