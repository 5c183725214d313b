"""Who wrote what: each pulled record belongs to the writer folder it came from (docs/team.md, "Ownership").

A take on a coach's laptop may be withdrawn, or get its recording, only from the rep folder that published
it; a note or session goals on a rep's laptop only from the coach folder that wrote them. A record pulled
before owners were kept has none: the first writer allowed to touch it (the same rep profile, or the
rep's own coach) becomes its owner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["claim", "owner", "owners"]


def owner(db: Any, kind: str, uuid: str) -> str | None:
    row = db.execute("SELECT writer_id FROM team_owned WHERE kind = ? AND uuid = ?", [kind, uuid]).fetchone()
    return row[0] if row else None


def claim(db: Any, kind: str, uuid: str, writer_id: str) -> bool:
    """True if ``writer_id`` owns the record (recording it as the owner when it had none)."""
    db.execute("INSERT OR IGNORE INTO team_owned (kind, uuid, writer_id) VALUES (?, ?, ?)", [kind, uuid, writer_id])
    return owner(db, kind, uuid) == writer_id


def owners(store: Store, kind: str, uuids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        found.update((r[0], r[1]) for r in store.db.execute(
            f"SELECT uuid, writer_id FROM team_owned WHERE kind = ? AND uuid IN ({','.join('?' * len(chunk))})",
            [kind, *chunk]))
    return found
