"""Files a crash left in the takes folder, removed at start without ever removing something still needed.

A take's audio is copied to a private ``.part`` file, renamed into place, then its row is committed. A kill
between those steps leaves either a ``.part`` file or a complete audio file that no take refers to, and the
recording it came from is saved again at the next start (it leaves the recordings folder only once the
store has its copy). Twenty kills left a dozen such files. What is removed:

- a ``.part`` file whose writer is gone: its name carries the writer's pid (``NAME.<pid>-<hex>.part``); a
  ``.part`` without one counts as gone once it is older than ``QUIET_SECONDS``;
- an audio file no take refers to, older than ``QUIET_SECONDS``, whose bytes are a copy of audio that is
  kept elsewhere: a saved take's audio (same sha256) or a recording still waiting in the recordings folder.

Anything else unreferenced stays: after a restore from an older backup it may be the only copy of a take.
Nothing is removed while the database is damaged. Recordings in progress live in the recordings folder and
are never looked at here; the app runs this after its recovery of unfinished takes.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.storage.audio_copy import sha256_of

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["QUIET_SECONDS", "Cleaned", "clean_take_files"]

#: A file younger than this may belong to a save in progress in another window: it is left for next time.
QUIET_SECONDS = 600.0
_PID_PART = re.compile(r"\.(\d+)-[0-9a-f]+\.part$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    removed: tuple[Path, ...] = ()
    kept_unreferenced: tuple[Path, ...] = field(default=())


def _writer_alive(part: Path) -> bool | None:
    """True/False when the part file names its writer's pid, None when it does not."""
    match = _PID_PART.search(part.name)
    if match is None:
        return None
    pid = int(match.group(1))
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's live process, or a pid this system cannot name: leave it
    return True


def _old(path: Path, now: float) -> bool:
    try:
        return now - path.stat().st_mtime >= QUIET_SECONDS
    except OSError:
        return False


def _orphan_parts(files: list[Path], now: float) -> list[Path]:
    out = []
    for part in files:
        alive = _writer_alive(part)
        if alive is False or (alive is None and _old(part, now)):
            out.append(part)
    return out


def _referenced(store: Store) -> tuple[set[str], set[str]]:
    """(file names the takes refer to, sha256 of the audio they keep)."""
    rows = store.query("SELECT audio_path, audio_sha256 FROM takes WHERE audio_path IS NOT NULL")
    names = {Path(str(r["audio_path"])).name for r in rows}
    shas = {str(r["audio_sha256"]) for r in rows if r["audio_sha256"]}
    return names, shas


def _pending_shas(pending: Iterable[Path]) -> set[str]:
    out = set()
    for path in pending:
        try:
            out.add(sha256_of(path))
        except OSError:
            continue
    return out


def clean_take_files(store: Store, pending: Iterable[Path] = (), *, now: float | None = None) -> Cleaned:
    """Remove crash leftovers from ``store.takes_dir``; ``pending`` are recordings waiting to be saved."""
    folder = Path(store.takes_dir)
    if getattr(store, "damage", None) is not None or not folder.is_dir():
        return Cleaned()
    now = time.time() if now is None else now
    files = [p for p in folder.iterdir() if p.is_file()]
    doomed = _orphan_parts([p for p in files if p.name.endswith(".part")], now)
    names, shas = _referenced(store)
    loose = [p for p in files if not p.name.endswith(".part") and p.name not in names and _old(p, now)]
    kept: list[Path] = []
    if loose:
        copies = shas | _pending_shas(pending)
        for path in loose:
            try:
                duplicate = sha256_of(path) in copies
            except OSError:
                continue
            (doomed if duplicate else kept).append(path)
    removed = []
    for path in doomed:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            continue
        except OSError:
            kept.append(path)
    return Cleaned(tuple(removed), tuple(kept))
