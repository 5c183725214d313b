"""Scripts and their versions: a take points at the exact version it was judged against.

Editing the text, time limit or referral of a script adds a version; the old one stays, so history
and progress keep meaning what they meant when the take was recorded. For the same reason archiving
and deleting a script only mark it: the library stops offering it, and its takes keep their version.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from voicecoach.storage.base import StoreBase, new_uuid, now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.records import ScriptRecord, parse_time

__all__ = ["UNCHANGED", "ScriptsMixin"]

UNCHANGED: Any = object()
_SELECT = (
    "SELECT s.id, s.uuid, s.title AS script_title, s.current_version_id, s.updated_at, v.id AS version_id,"
    " v.uuid AS version_uuid, v.version, v.title, v.text, v.time_limit, v.referral, v.follow_up, v.created_at,"
    " s.archived_at, s.deleted_at"
    " FROM scripts s JOIN script_versions v ON v.script_id = s.id"
)


class ScriptsMixin(StoreBase):
    def add_script(self, title: str, text: str, *, time_limit: float | None = None,
                   referral: str | None = None, follow_up: bool = False) -> ScriptRecord:
        title, text = _clean(title, text)
        with self.write():
            script_id = self._insert_script(self._free_title(title), text, time_limit, referral, follow_up=follow_up)
        return self.get_script(script_id)

    def _free_title(self, title: str) -> str:
        """``title``, or "title 2", "title 3"…: four scripts called "Expired listing" could not be told apart."""
        taken = {r[0].casefold() for r in self.db.execute(
            "SELECT title FROM scripts WHERE deleted_at IS NULL AND title LIKE ? ESCAPE '\\'",
            [title.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"])}
        candidate, n = title, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{title} {n}"
        return candidate

    def _insert_script(self, title: str, text: str, time_limit: float | None, referral: str | None,
                       *, script_uuid: str | None = None, version_uuid: str | None = None,
                       follow_up: bool = False) -> int:
        stamp = now_iso()
        cursor = self.db.execute(
            "INSERT INTO scripts (uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [script_uuid or new_uuid(), title, stamp, stamp],
        )
        script_id = int(cursor.lastrowid or 0)
        self._insert_version(script_id, 1, title, text, time_limit, referral, version_uuid, follow_up=follow_up)
        return script_id

    def _insert_version(self, script_id: int, version: int, title: str, text: str, time_limit: float | None,
                        referral: str | None, version_uuid: str | None = None, *, current: bool = True,
                        follow_up: bool = False) -> int:
        cursor = self.db.execute(
            "INSERT INTO script_versions (uuid, script_id, version, title, text, time_limit, referral, follow_up,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [version_uuid or new_uuid(), script_id, version, title, text, time_limit, referral, int(follow_up),
             now_iso()],
        )
        version_id = int(cursor.lastrowid or 0)
        if current:
            self.db.execute("UPDATE scripts SET current_version_id = ?, updated_at = ? WHERE id = ?",
                            [version_id, now_iso(), script_id])
        return version_id

    def update_script(self, script_id: int, *, title: str | None = None, text: str | None = None,
                      time_limit: float | None = UNCHANGED, referral: str | None = UNCHANGED,
                      follow_up: bool = UNCHANGED) -> ScriptRecord:
        """Rename in place; a change of text, time limit, referral or follow-up makes a new version."""
        with self.write() as db:
            current = self.get_script(script_id)
            new_title, new_text = _clean(title if title is not None else current.title,
                                         text if text is not None else current.text)
            limit = current.time_limit if time_limit is UNCHANGED else time_limit
            ref = current.referral if referral is UNCHANGED else referral
            follow = current.follow_up if follow_up is UNCHANGED else bool(follow_up)
            if (new_text, limit, ref, follow) != (current.text, current.time_limit, current.referral,
                                                  current.follow_up):
                self._insert_version(script_id, current.version + 1, new_title, new_text, limit, ref,
                                     follow_up=follow)
            elif new_title != current.title:
                db.execute("UPDATE script_versions SET title = ? WHERE id = ?", [new_title, current.version_id])
            db.execute("UPDATE scripts SET title = ?, updated_at = ? WHERE id = ?", [new_title, now_iso(), script_id])
        return self.get_script(script_id)

    def list_scripts(self, search: str | None = None, *, archived: bool | None = False) -> list[ScriptRecord]:
        """Scripts in the library (``archived=False``), the archive (``True``) or both (``None``).

        Deleted scripts are never listed; ``script_titles`` still names them for their takes.
        """
        sql = _SELECT + " WHERE v.id = s.current_version_id AND s.deleted_at IS NULL"
        if archived is not None:
            sql += " AND s.archived_at IS " + ("NOT NULL" if archived else "NULL")
        params: list[Any] = []
        if search:
            sql += " AND (v.title LIKE ? ESCAPE '\\' OR v.text LIKE ? ESCAPE '\\')"
            pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern]
        return [_record(r) for r in self.query(sql + " ORDER BY s.title COLLATE NOCASE, s.id", params)]

    def script_titles(self) -> dict[int, str]:
        """Every script's title by id, archived and deleted ones too: past takes still name theirs."""
        return {r["id"]: r["title"] for r in self.query("SELECT id, title FROM scripts")}

    def archive_script(self, script_id: int, archived: bool = True) -> ScriptRecord:
        """Keep a script aside (out of the library and Practice) or bring it back."""
        return self._mark_script(script_id, "archived_at", archived)

    def delete_script(self, script_id: int) -> ScriptRecord:
        """Hide a script for good; its takes keep the version they were judged against."""
        return self._mark_script(script_id, "deleted_at", True)

    def restore_script(self, script_id: int) -> ScriptRecord:
        """Undo ``delete_script``."""
        return self._mark_script(script_id, "deleted_at", False)

    def _mark_script(self, script_id: int, column: str, on: bool) -> ScriptRecord:
        self.get_script(script_id)
        with self.write() as db:
            db.execute(f"UPDATE scripts SET {column} = ?, updated_at = ? WHERE id = ?",
                       [now_iso() if on else None, now_iso(), script_id])
        return self.get_script(script_id)

    def get_script(self, script_id: int) -> ScriptRecord:
        """The current version of a script."""
        row = self.query_one(_SELECT + " WHERE s.id = ? AND v.id = s.current_version_id", [script_id], what="script")
        return _record(row)

    def get_script_version(self, version_id: int) -> ScriptRecord:
        return _record(self.query_one(_SELECT + " WHERE v.id = ?", [version_id], what="script version"))

    def list_script_versions(self, script_id: int) -> list[ScriptRecord]:
        return [_record(r) for r in self.query(_SELECT + " WHERE s.id = ? ORDER BY v.version", [script_id])]

    def find_script_version(self, text: str) -> ScriptRecord | None:
        """The newest version with exactly this text (how ``analyze --save`` recognises a script)."""
        rows = self.query(_SELECT + " WHERE v.text = ? ORDER BY v.id DESC LIMIT 1", [text.strip()])
        return _record(rows[0]) if rows else None

    def pick_script(self, ref: str | int) -> ScriptRecord:
        """Resolve what a user typed: a script id or (part of) its title."""
        text = str(ref).strip()
        if text.isdigit():
            return self.get_script(int(text))
        scripts = self.list_scripts()
        exact = [s for s in scripts if s.title.casefold() == text.casefold()]
        found = exact or [s for s in scripts if text.casefold() in s.title.casefold()]
        if len(found) == 1:
            return found[0]
        if not found:
            raise StoreError(f"no script titled {text!r}")
        raise StoreError(f"{text!r} matches several scripts ({', '.join(s.title for s in found)}); use the id")


def _clean(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not text:
        raise StoreError("a script needs some text")
    return title or text.splitlines()[0][:60], text


def _record(row: sqlite3.Row) -> ScriptRecord:
    return ScriptRecord(
        id=row["id"], version_id=row["version_id"], title=row["title"], text=row["text"],
        time_limit=row["time_limit"], referral=row["referral"], follow_up=bool(row["follow_up"]),
        version=row["version"],
        updated_at=parse_time(row["updated_at"]), uuid=row["uuid"], version_uuid=row["version_uuid"],
        is_current=row["version_id"] == row["current_version_id"],
        archived_at=parse_time(row["archived_at"]), deleted_at=parse_time(row["deleted_at"]),
    )
