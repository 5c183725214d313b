"""The other writers' folders (reps' or coaches'), and what was last pulled from each.

A folder is read again only when its manifest or file lists changed since the last complete read, or
when files it lists were still syncing then: that is what keeps a pull of one new take fast in a team
of fifty reps with a thousand takes each.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.storage.base import now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.team.folder import MANIFEST, is_safe_id, list_folder, real_dir, signature, sync_artifact
from voicecoach.storage.team.outcome import SyncOutcome

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["WriterFolder", "changed_writers", "each_writer", "note_artifacts", "save_state"]

_OWN_NAME = re.compile(r"^[0-9a-f-]{36}\.[a-z0-9]{3,4}$")


@dataclass(frozen=True)
class WriterFolder:
    kind: str  # "rep" or "coach"
    writer_id: str  # the folder's name
    path: Path
    signature: str
    profile_id: int | None
    alias: str = ""  # a second rep publishing under the same folder name is kept apart under this id

    @property
    def owner(self) -> str:
        """The writer its records belong to, and under which it is remembered (its folder name, or its alias)."""
        return self.alias or self.writer_id


def changed_writers(store: Store, parent: Path, kind: str, subfolders: tuple[str, ...], out: SyncOutcome,
                    *, skip: str | None = None) -> Iterator[WriterFolder]:
    """Writer folders under ``parent`` that changed (or had files still syncing) since the last pull."""
    if not real_dir(parent):
        return
    known = {r["writer_id"]: r for r in store.query(
        "SELECT writer_id, profile_id, signature, pending FROM team_writers WHERE kind = ?", [kind])}
    for entry in list_folder(parent):
        if entry.name == skip:
            continue
        if entry.kind != "dir":
            _note_stray(parent, entry.name, entry.kind, out)
            continue
        if not is_safe_id(entry.name):
            out.skip(f"The folder {parent.name}/{entry.name} was skipped: its name is not a valid id.")
            continue
        path = parent / entry.name
        if not os.path.lexists(path / MANIFEST):  # joined, nothing published yet (or not synced yet)
            continue
        sig = signature(path / MANIFEST, *(path / s for s in subfolders), path)
        last = known.get(entry.name)
        if last is not None and last["signature"] == sig and not last["pending"]:
            continue
        yield WriterFolder(kind, entry.name, path, sig, last["profile_id"] if last is not None else None)


def each_writer(writers: Iterator[WriterFolder], pull: Callable[[WriterFolder], None], out: SyncOutcome) -> None:
    """Pull each writer's folder in turn; one that cannot be read (a listing refused, a folder where a file
    belongs) is skipped with a note and read again at the next pull, and the others are still pulled."""
    for w in writers:
        try:
            pull(w)
        except StoreError:
            raise
        except OSError as exc:
            where = getattr(exc, "filename", None)
            reason = f"{exc.strerror or exc}" + (f" ({Path(where).name})" if where else "")
            out.skip(f"The {w.kind} folder {w.writer_id} was skipped this time: {reason}.")


def note_artifacts(folder: Path, subfolders: tuple[str, ...], out: SyncOutcome) -> None:
    """Say which sync-tool leftovers (conflict copies, links) were ignored in a writer's folder."""
    for sub in ("", *subfolders):
        where = folder / sub if sub else folder
        for entry in list_folder(where):
            if entry.kind == "file" and len(entry.name) <= 42 and _OWN_NAME.match(entry.name):
                continue  # the usual case, checked cheaply: one of our own files
            if entry.kind == "link":
                out.skip(f"{_rel(where, entry.name)} is a symbolic link and was not followed.")
            elif entry.kind == "file" and sync_artifact(entry.name) == "sync conflict copy":
                out.skip(f"{_rel(where, entry.name)} is a sync conflict copy and was ignored.")


def save_state(store: Store, w: WriterFolder, profile_id: int | None, pending: int, *, complete: bool,
               profile_uuid: str | None = None) -> None:
    """Remember the folder's signature (only after a complete read) and how many files were still syncing.

    A rep folder's ``profile_uuid`` (the rep it publishes) is kept once known: a later claim of another is
    refused (``pull_takes``), not recorded.
    """
    with store.write() as db:
        db.execute(
            "INSERT INTO team_writers (kind, writer_id, profile_id, signature, pending, pulled_at, profile_uuid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, writer_id) DO UPDATE SET"
            " profile_id = coalesce(excluded.profile_id, profile_id), signature = excluded.signature,"
            " pending = excluded.pending, pulled_at = excluded.pulled_at,"
            " profile_uuid = coalesce(profile_uuid, excluded.profile_uuid)",
            [w.kind, w.owner, profile_id, w.signature if complete else "", pending, now_iso(), profile_uuid])


def _note_stray(parent: Path, name: str, kind: str, out: SyncOutcome) -> None:
    if kind == "link":
        out.skip(f"{_rel(parent, name)} is a symbolic link and was not followed.")
    elif sync_artifact(name) == "sync conflict copy":
        out.skip(f"{_rel(parent, name)} is a sync conflict copy and was ignored.")


def _rel(folder: Path, name: str) -> str:
    parts = folder.parts[-3:] if len(folder.parts) >= 3 else folder.parts
    return "/".join((*parts, name))
