"""Joining and leaving a team folder: who this install is in the team, kept in the local database.

A rep writes under ``reps/<rep id>/`` and a coach under ``coach/<coach id>/``. The id is chosen once
(from the rep's name and profile id, or given) and kept even across leave and join again, so a laptop
never starts writing a second folder for the same person; renaming the rep changes nothing on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.storage.base import new_uuid, now_iso
from voicecoach.storage.team.folder import COACHES, REPS, TeamFolderError, check_id, slug
from voicecoach.storage.team.own_files import real_dir_at

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = [
    "Membership",
    "Role",
    "current",
    "join",
    "leave",
    "prepare_own_folder",
    "record_sync",
    "set_publish_audio",
]


class Role(StrEnum):
    REP = "rep"
    COACH = "coach"


@dataclass(frozen=True)
class Membership:
    folder: Path
    role: Role
    member_id: str
    profile_id: int | None
    publish_audio: bool
    joined_at: str
    last_sync_at: str | None = None
    last_sync_summary: str = ""
    coach_id: str | None = None  # a rep's coach: the only coach folder whose notes and goals are taken

    @property
    def own_folder(self) -> Path:
        """The only place in the team folder this install writes to."""
        return self.folder.joinpath(*self.own_parts)

    @property
    def own_parts(self) -> tuple[str, str]:
        """``own_folder`` relative to the team folder, each part a folder that must never be a link."""
        return (REPS if self.role is Role.REP else COACHES), self.member_id

    def own(self, name: str) -> str:
        """A file of this writer's, as a path relative to the team folder (for ``own_files``)."""
        return "/".join((*self.own_parts, name))

    def available(self) -> bool:
        """The team folder is there (a share can be unmounted, a synced folder not yet created)."""
        return self.folder.is_dir()


def current(store: Store) -> Membership | None:
    rows = store.query("SELECT * FROM team_membership WHERE id = 1 AND folder IS NOT NULL")
    if not rows:
        return None
    r = rows[0]
    return Membership(folder=Path(r["folder"]), role=Role(r["role"]), member_id=r["member_id"],
                      profile_id=r["profile_id"], publish_audio=bool(r["publish_audio"]), joined_at=r["joined_at"],
                      last_sync_at=r["last_sync_at"], last_sync_summary=r["last_sync_summary"] or "",
                      coach_id=r["coach_id"])


def join(store: Store, folder: Path | str, *, as_coach: bool = False, profile_id: int | None = None,
         member_id: str | None = None, publish_audio: bool = False, coach_id: str | None = None) -> Membership:
    """Join the team folder ``folder`` (which must exist) as a rep (publishing ``profile_id``'s takes) or coach.

    A rep takes notes and goals from ``coach_id`` only; without one, from the first coach who writes to them
    (kept across leave and join again).
    """
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise TeamFolderError(f"the team folder {root} does not exist; create it (or let the sync tool) first")
    root = root.resolve()
    role = Role.COACH if as_coach else Role.REP
    if role is Role.REP:
        profile_id = profile_id if profile_id is not None else store.pick_profile(None).id
        store.get_profile(profile_id)
    else:
        profile_id = None
    chosen = check_id(member_id.strip().lower() if member_id is not None else _kept_id(store, role, profile_id))
    coach = check_id(coach_id.strip().lower(), "coach id") if coach_id else _kept_coach(store, role, chosen)
    prepare_own_folder(root, (REPS if role is Role.REP else COACHES, chosen))
    with store.write() as db:
        db.execute("DELETE FROM team_membership")
        db.execute(
            "INSERT INTO team_membership (id, folder, role, member_id, profile_id, publish_audio, joined_at, coach_id)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [str(root), role.value, chosen, profile_id, int(publish_audio), now_iso(), coach])
    membership = current(store)
    assert membership is not None
    return membership


def leave(store: Store) -> Membership | None:
    """Stop syncing; the team folder and everything pulled from it stay as they are."""
    was = current(store)
    with store.write() as db:
        db.execute("UPDATE team_membership SET folder = NULL WHERE id = 1")
    return was


def set_publish_audio(store: Store, publish: bool) -> None:
    with store.write() as db:
        db.execute("UPDATE team_membership SET publish_audio = ? WHERE id = 1", [int(publish)])


def record_sync(store: Store, summary: str) -> None:
    with store.write() as db:
        db.execute("UPDATE team_membership SET last_sync_at = ?, last_sync_summary = ? WHERE id = 1",
                   [now_iso(), summary])


def _kept_coach(store: Store, role: Role, member_id: str) -> str | None:
    """The coach a rep took feedback from before leaving, when joining again as the same rep."""
    rows = store.query("SELECT coach_id FROM team_membership WHERE id = 1 AND role = ? AND member_id = ?",
                       [role.value, member_id])
    return rows[0]["coach_id"] if rows and role is Role.REP else None


def _kept_id(store: Store, role: Role, profile_id: int | None) -> str:
    """The id this install used before for the same role (and rep), else a new readable one."""
    rows = store.query("SELECT role, member_id, profile_id FROM team_membership WHERE id = 1")
    if rows and rows[0]["role"] == role.value and (role is Role.COACH or rows[0]["profile_id"] == profile_id):
        return str(rows[0]["member_id"])
    if role is Role.COACH:
        return f"coach-{new_uuid()[:8]}"
    assert profile_id is not None, "a rep joins as one of the store's reps"
    rep = store.get_profile(profile_id)
    return f"{slug(rep.profile.name)}-{(rep.uuid or new_uuid()).replace('-', '')[:6]}"


def prepare_own_folder(root: Path, parts: tuple[str, ...]) -> None:
    """Create this writer's folder inside an existing team folder, refusing any link on the way."""
    with real_dir_at(root, parts):
        pass
