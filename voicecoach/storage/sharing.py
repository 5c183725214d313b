"""Connections to one database inside this process, counted, so nothing here drops SQLite's locks.

SQLite's locks on a database are POSIX advisory locks, which belong to the process, not to the file
descriptor: closing *any* descriptor of the database file (or of its -shm, where the WAL locks live)
releases every lock the process holds on it. SQLite itself never closes such a descriptor while one of its
connections holds a lock, but a plain ``open()``/``close()`` from Python would, and another process closing
its last connection would then checkpoint and delete the -wal and -shm under this one ("How To Corrupt An
SQLite Database File", section 2.2).

So every connection the store opens to a database goes through ``connect`` and ``close`` here, and the few
raw bytes read outside SQLite (the -wal and -shm headers, to refuse a -wal copied in from another
database) are read by ``read_head`` only while this process holds no connection to that database. When it
does hold one, the -wal is that connection's own and there is nothing to refuse.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["close", "connect", "held", "read_head"]

_lock = threading.Lock()
_open: Counter[str] = Counter()


def _key(db_path: Path) -> str:
    return os.path.realpath(db_path)


def connect(db_path: Path, target: str | Path, **kwargs: Any) -> sqlite3.Connection:
    """``sqlite3.connect(target, **kwargs)``, counted as open on ``db_path`` until ``close`` is called."""
    key = _key(db_path)
    with _lock:
        _open[key] += 1
    try:
        conn: sqlite3.Connection = sqlite3.connect(target, **kwargs)
        return conn
    except BaseException:
        _forget(key)
        raise


def close(db_path: Path, conn: sqlite3.Connection) -> None:
    """Close a connection made by ``connect``."""
    try:
        conn.close()
    finally:
        _forget(_key(db_path))


def held(db_path: Path) -> int:
    """How many connections this process has open on ``db_path``."""
    with _lock:
        return _open[_key(db_path)]


def read_head(path: Path, size: int, db_path: Path) -> bytes | None:
    """The first ``size`` bytes of ``path`` (a file of the database ``db_path``), b"" if there is no such
    file, or None when they must not be read here: this process holds a connection to the database."""
    with _lock:
        if _open[_key(db_path)]:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return b""
        try:
            return os.read(fd, size)
        finally:
            os.close(fd)  # safe: no connection of this process holds a lock on these files


def _forget(key: str) -> None:
    with _lock:
        _open[key] -= 1
        if _open[key] <= 0:
            del _open[key]
