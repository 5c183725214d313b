"""Reps: one row per person a coach works with (the app's own user is simply the first)."""

from __future__ import annotations

import sqlite3

from voicecoach.core.phone import PhoneError, parse_phone
from voicecoach.core.profile import Profile
from voicecoach.storage.base import StoreBase, new_uuid, now_iso
from voicecoach.storage.errors import StoreError
from voicecoach.storage.records import ProfileRecord, parse_time

__all__ = ["ProfilesMixin"]

_COLUMNS = "id, uuid, name, company, phone, website, email, created_at, updated_at"
# The same expression as the unique index profiles_identity, so SQLite answers it from that index.
_SAME_REP = "name = ? AND company = ? AND phone = ? AND ifnull(website, '') = ? AND ifnull(email, '') = ?"


def _identity(profile: Profile) -> list[str]:
    return [profile.name, profile.company, profile.phone, profile.website or "", profile.email or ""]


class ProfilesMixin(StoreBase):
    def add_profile(self, profile: Profile, *, uuid: str | None = None) -> int:
        """Insert-or-get in one transaction: a rep with exactly these contact details already saved is reused.

        The unique index on the details (migration m006) makes this hold across processes too.
        """
        stamp = now_iso()
        with self.write() as db:
            same = self._same_rep(profile)
            if same is not None:  # the same person, their number written another way: one rep, not two
                return same
            db.execute(
                "INSERT INTO profiles (uuid, name, company, phone, website, email, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [uuid or new_uuid(), profile.name, profile.company, profile.phone, profile.website,
                 profile.email, stamp, stamp],
            )
            row = db.execute(f"SELECT id FROM profiles WHERE {_SAME_REP}", _identity(profile)).fetchone()
            if row is None:  # only the uuid clashed: a different rep already carries it
                raise StoreError(f"another rep already has the id {uuid}; nothing was added")
            return int(row[0])

    def _same_rep(self, profile: Profile) -> int | None:
        """A saved rep with this name and company (any case) and this number (in any format), whose website
        and email do not disagree: two entries that could not be told apart in a list are one rep."""
        number = _number(profile.phone)
        rows = self.query(f"SELECT {_COLUMNS} FROM profiles WHERE name = ? COLLATE NOCASE "
                          "AND company = ? COLLATE NOCASE ORDER BY id", [profile.name, profile.company])
        for row in rows:
            other = _record(row).profile
            if number is None or _number(other.phone) != number:
                continue
            if all(not a or not b or a.casefold() == b.casefold() for a, b in
                   ((profile.website, other.website), (profile.email, other.email))):
                return int(row["id"])
        return None

    def list_profiles(self) -> list[ProfileRecord]:
        return [_record(r) for r in self.query(f"SELECT {_COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE, id")]

    def get_profile(self, profile_id: int) -> ProfileRecord:
        return _record(self.query_one(f"SELECT {_COLUMNS} FROM profiles WHERE id = ?", [profile_id], what="profile"))

    def update_profile(self, profile_id: int, profile: Profile) -> ProfileRecord:
        self.get_profile(profile_id)
        with self.write() as db:
            other = db.execute(f"SELECT name FROM profiles WHERE {_SAME_REP} AND id != ?",
                               [*_identity(profile), profile_id]).fetchone()
            if other is not None:
                raise StoreError(f"another rep ({other[0]}) already has exactly these contact details; "
                                 "change one of them or use that rep")
            db.execute(
                "UPDATE profiles SET name = ?, company = ?, phone = ?, website = ?, email = ?, updated_at = ?"
                " WHERE id = ?",
                [profile.name, profile.company, profile.phone, profile.website, profile.email, now_iso(),
                 profile_id],
            )
        return self.get_profile(profile_id)

    def find_profile(self, profile: Profile) -> ProfileRecord | None:
        """The row with exactly these contact details, so saving the same rep twice reuses it."""
        rows = self.query(f"SELECT {_COLUMNS} FROM profiles WHERE {_SAME_REP} ORDER BY id LIMIT 1",
                          _identity(profile))
        return _record(rows[0]) if rows else None

    def pick_profile(self, ref: str | int | None = None) -> ProfileRecord:
        """Resolve what a user typed (id or part of a name); by default the rep who practised last."""
        if ref is None or str(ref).strip() == "":
            rows = self.query("SELECT profile_id FROM takes ORDER BY started_at DESC, id DESC LIMIT 1")
            if rows:
                return self.get_profile(rows[0][0])
            profiles = self.list_profiles()
            if not profiles:
                raise StoreError("no reps saved yet; save a take with `voicecoach analyze ... --save` first")
            return profiles[0]
        text = str(ref).strip()
        if text.isdigit():
            return self.get_profile(int(text))
        profiles = self.list_profiles()
        exact = [p for p in profiles if p.profile.name.casefold() == text.casefold()]
        partial = exact or [p for p in profiles if text.casefold() in p.profile.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        if not partial:
            raise StoreError(f"no rep named {text!r}; known: {', '.join(p.profile.name for p in profiles) or 'none'}")
        raise StoreError(f"{text!r} matches several reps ({', '.join(p.profile.name for p in partial)}); use the id")


def _number(phone: str) -> str | None:
    try:
        parsed = parse_phone(phone)
    except PhoneError:
        return None
    return parsed.e164 + (f"x{parsed.extension}" if parsed.extension else "")


def _record(row: sqlite3.Row) -> ProfileRecord:
    profile = Profile(name=row["name"], company=row["company"], phone=row["phone"], website=row["website"],
                      email=row["email"])
    return ProfileRecord(id=row["id"], profile=profile, uuid=row["uuid"], created_at=parse_time(row["created_at"]),
                         updated_at=parse_time(row["updated_at"]))
