"""A portable zip of one rep's work (profile, scripts, takes, audio, sessions, notes).

Every row travels with its UUID, so importing the same bundle twice, or a bundle that contains takes
the coach already has, adds only what is new. Audio is checked against its sha256 before it is kept,
and everything is added in one transaction: a failed import leaves the database as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach import paths
from voicecoach.core.inputs import InputFileError, check_regular_file, loads_json
from voicecoach.core.profile import Profile, ProfileError
from voicecoach.storage.audio_copy import stream_to_part
from voicecoach.storage.base import StoreBase, now_iso
from voicecoach.storage.entries import audio_member, judgement_from, take_entry, version_entry
from voicecoach.storage.errors import DiskFullError, StoreError
from voicecoach.storage.files import write_with
from voicecoach.storage.records import stored_json

__all__ = [
    "FORMAT",
    "MAX_AUDIO_BYTES",
    "MAX_MANIFEST_BYTES",
    "MAX_TOTAL_BYTES",
    "VERSION",
    "BundleMixin",
    "ImportSummary",
]

FORMAT = "voicecoach-bundle"
VERSION = 1
# What a damaged zip raises while it is read (besides OSError): bad headers, bad deflate data, cut-off data,
# an unknown compression method, a password.
_ZIP_ERRORS = (ValueError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
# Caps checked against the zip's directory before extracting (a 30 s take is about 1 MB of audio).
MAX_MANIFEST_BYTES = 64 << 20
MAX_AUDIO_BYTES = 512 << 20
MAX_TOTAL_BYTES = 4 << 30
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,5}$")


@dataclass(frozen=True)
class ImportSummary:
    profile_id: int
    added: dict[str, int]
    skipped: int

    def describe(self) -> str:
        parts = [f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in self.added.items() if n]
        return (", ".join(parts) or "nothing new") + f" added; {self.skipped} already present"


class BundleMixin(StoreBase):
    def export_bundle(self, out: Path | str, profile_id: int) -> Path:
        rep = self.get_profile(profile_id)
        takes = self.query("SELECT * FROM takes WHERE profile_id = ? AND trashed_at IS NULL ORDER BY id", [profile_id])
        script_ids = sorted({t["script_id"] for t in takes})
        marks = ",".join("?" * len(script_ids))
        scripts = self.query(f"SELECT * FROM scripts WHERE id IN ({marks})", script_ids) if script_ids else []
        versions = self.query(f"SELECT * FROM script_versions WHERE script_id IN ({marks}) ORDER BY id",
                              script_ids) if script_ids else []
        sessions = self.query("SELECT * FROM sessions WHERE profile_id = ?", [profile_id])
        take_ids = [t["id"] for t in takes]
        notes = [n for n in self.query("SELECT * FROM notes ORDER BY id") if n["take_id"] in set(take_ids)]
        uuid_of = {
            "script": {s["id"]: s["uuid"] for s in scripts}, "version": {v["id"]: v["uuid"] for v in versions},
            "take": {t["id"]: t["uuid"] for t in takes}, "session": {s["id"]: s["uuid"] for s in sessions},
        }
        manifest: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "exported_at": now_iso(),
            "profile": {"uuid": rep.uuid, **rep.profile.to_dict()},
            "scripts": [{"uuid": s["uuid"], "title": s["title"],
                         "current_version": uuid_of["version"].get(s["current_version_id"])} for s in scripts],
            "script_versions": [version_entry(v, uuid_of) for v in versions],
            "takes": [take_entry(t, uuid_of) | {"judgement": stored_json(t["judgement"], t["id"], "judgement")}
                      for t in takes],
            "sessions": [{"uuid": s["uuid"], "started_at": s["started_at"], "ended_at": s["ended_at"],
                          "goals": s["goals"], "goal_results": s["goal_results"]} for s in sessions],
            "notes": [{"uuid": n["uuid"], "take": uuid_of["take"][n["take_id"]],
                       "session": uuid_of["session"].get(n["session_id"]), "text": n["text"],
                       "at_seconds": n["at_seconds"], "created_at": n["created_at"], "author": n["author"]}
                      for n in notes],
        }

        def build(part: Path) -> None:
            with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
                for take in takes:
                    if take["audio_path"] and (self.data_dir / take["audio_path"]).is_file():
                        zf.write(self.data_dir / take["audio_path"], audio_member(take["uuid"], take["audio_path"]))

        return write_with(out, build)

    def import_bundle(self, bundle: Path | str) -> ImportSummary:
        path = Path(bundle)
        try:
            check_regular_file(path, "bundle")  # a FIFO would block the zip reader forever
        except InputFileError as exc:
            raise StoreError(str(exc)) from None
        try:
            zf = zipfile.ZipFile(path)
        except (OSError, *_ZIP_ERRORS) as exc:
            raise StoreError(f"{path} is not a VoiceCoach bundle ({exc})") from None
        staged: dict[str, tuple[Path, str]] = {}
        placed: list[Path] = []
        with zf:
            manifest = _read_manifest(zf, path)
            try:
                staged = self._stage_audio(zf, manifest, {r["uuid"] for r in self.query("SELECT uuid FROM takes")})
                with self.write():
                    # Read again under the write lock: another import may have committed these takes meanwhile,
                    # and their audio files are then theirs, never ours to replace or remove.
                    known = {r[0] for r in self.db.execute("SELECT uuid FROM takes")}
                    audio = _place(staged, known, placed)
                    return self._import_rows(manifest, known, audio)
            except (KeyError, TypeError, *_ZIP_ERRORS) as exc:
                _remove(placed)  # rolled back: no row points at them, and no other import could have
                raise StoreError(f"{path} is damaged or incomplete ({exc}); nothing was imported") from exc
            except BaseException:
                _remove(placed)
                raise
            finally:
                _remove(part for part, _sha in staged.values())

    def _stage_audio(self, zf: zipfile.ZipFile, manifest: dict[str, Any],
                     known: set[str]) -> dict[str, tuple[Path, str]]:
        """Each new take's audio in a private part file beside its final name, its checksum verified."""
        names = set(zf.namelist())
        wanted = [t["audio"] for t in manifest["takes"] if t["uuid"] not in known and t.get("audio") in names]
        needed = sum(zf.getinfo(member).file_size for member in wanted)
        free = shutil.disk_usage(paths.ensure_dir(self.takes_dir)).free
        if needed > free:
            raise DiskFullError(f"the bundle's audio needs {needed >> 20} MB but {self.takes_dir} has only "
                                f"{free >> 20} MB free; nothing was imported", self.takes_dir, needed - free)
        staged: dict[str, tuple[Path, str]] = {}
        try:
            for take in manifest["takes"]:
                member = take.get("audio")
                if take["uuid"] in known or not member or member not in names:
                    continue
                dest = self.takes_dir / Path(member).name
                with zf.open(member) as src:
                    part, digest = stream_to_part(src, dest, limit=zf.getinfo(member).file_size)  # type: ignore[arg-type]
                staged[take["uuid"]] = (part, digest)
                if take.get("audio_sha256") and digest != take["audio_sha256"]:
                    raise StoreError(f"the audio of take {take['uuid']} in the bundle is damaged (checksum mismatch)")
        except BaseException:
            _remove(part for part, _sha in staged.values())
            raise
        return staged

    def _import_rows(self, m: dict[str, Any], known: set[str], audio: dict[str, tuple[Path, str]]) -> ImportSummary:
        added = dict.fromkeys(("profiles", "scripts", "script versions", "takes", "sessions", "notes"), 0)
        ids = {kind: self._ids(table) for kind, table in
               (("script", "scripts"), ("version", "script_versions"), ("session", "sessions"), ("note", "notes"),
                ("profile", "profiles"), ("take", "takes"))}
        profile_id = ids["profile"].get(m["profile"]["uuid"])
        if profile_id is None:  # a rep the coach typed in by hand (same contact details) is the same rep
            profile_id = self.add_profile(_profile(m["profile"]), uuid=m["profile"]["uuid"])
            added["profiles"] += profile_id not in ids["profile"].values()
        self._import_scripts(m, ids, added)
        skipped = 0
        for t in m["takes"]:
            if t["uuid"] in known:
                skipped += 1
                continue
            file, sha = audio.get(t["uuid"], (None, None))
            ids["take"][t["uuid"]] = self._insert_take(
                self.db, t["uuid"], profile_id, ids["script"][t["script"]], ids["version"][t["script_version"]],
                json.dumps(t["transcript"], ensure_ascii=False), t["report"], file, sha, t["started_at"],
                attempt=t["attempt"], judgement=judgement_from(t.get("judgement"), ids["version"][t["script_version"]]))
            added["takes"] += 1
        self._import_coaching(m, profile_id, ids, added)
        return ImportSummary(profile_id=profile_id, added=added, skipped=skipped)

    def _import_scripts(self, m: dict[str, Any], ids: dict[str, dict[str, int]], added: dict[str, int]) -> None:
        for s in m["scripts"]:
            if s["uuid"] not in ids["script"]:
                cur = self.db.execute("INSERT INTO scripts (uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                                      [s["uuid"], s["title"], now_iso(), now_iso()])
                ids["script"][s["uuid"]] = int(cur.lastrowid or 0)
                added["scripts"] += 1
        for v in m["script_versions"]:
            if v["uuid"] in ids["version"]:
                continue
            script_id = ids["script"][v["script"]]
            taken = {r[0] for r in self.db.execute("SELECT version FROM script_versions WHERE script_id = ?",
                                                   [script_id])}
            number = v["version"] if v["version"] not in taken else max(taken) + 1
            ids["version"][v["uuid"]] = self._insert_version(
                script_id, number, v["title"], v["text"], v["time_limit"], v["referral"], v["uuid"], current=False,
                follow_up=bool(v.get("follow_up")))
            added["script versions"] += 1
        for s in m["scripts"]:
            self.db.execute("UPDATE scripts SET current_version_id = ? WHERE id = ? AND current_version_id IS NULL",
                            [ids["version"].get(s.get("current_version")), ids["script"][s["uuid"]]])

    def _import_coaching(self, m: dict[str, Any], profile_id: int, ids: dict[str, dict[str, int]],
                         added: dict[str, int]) -> None:
        for s in m["sessions"]:
            if s["uuid"] not in ids["session"]:
                cur = self.db.execute(
                    "INSERT INTO sessions (uuid, profile_id, started_at, ended_at, goals, goal_results)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [s["uuid"], profile_id, s["started_at"], s.get("ended_at"), s.get("goals") or "",
                     s.get("goal_results")])
                ids["session"][s["uuid"]] = int(cur.lastrowid or 0)
                added["sessions"] += 1
        for n in m["notes"]:
            if n["uuid"] in ids["note"]:
                continue
            self.db.execute(
                "INSERT INTO notes (uuid, take_id, session_id, text, at_seconds, created_at, author)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [n["uuid"], ids["take"][n["take"]], ids["session"].get(n.get("session")), n["text"],
                 n.get("at_seconds"), n["created_at"], n.get("author")])
            added["notes"] += 1

    def _ids(self, table: str) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(f"SELECT uuid, id FROM {table}")}


def _place(staged: dict[str, tuple[Path, str]], known: set[str], placed: list[Path]) -> dict[str, tuple[Path, str]]:
    """Rename the staged audio of takes still new into place; ``placed`` collects them for a rollback."""
    audio: dict[str, tuple[Path, str]] = {}
    for take_uuid, (part, digest) in staged.items():
        if take_uuid in known:
            continue
        dest = part.with_name(part.name.split(".")[0] + "." + part.name.split(".")[1])  # <uuid>.<suffix>
        os.replace(part, dest)
        placed.append(dest)
        audio[take_uuid] = (dest, digest)
    return audio


def _remove(files: Any) -> None:
    for file in list(files):
        file.unlink(missing_ok=True)


def _profile(data: dict[str, Any]) -> Profile:
    try:
        return Profile.from_dict(data)
    except ProfileError as exc:
        raise StoreError(f"the bundle's profile is incomplete: {exc}") from None


def _read_manifest(zf: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    from voicecoach.storage.bundle_schema import check_manifest  # msgspec and the team schemas: not needed to open

    _check_sizes(zf, path)
    try:
        raw = zf.read("manifest.json")
    except (KeyError, *_ZIP_ERRORS) as exc:
        raise StoreError(f"{path} is not a VoiceCoach bundle (no readable manifest.json: {exc})") from None
    try:  # a BOM is accepted; nesting, huge numbers and bad UTF-8 are refused in a sentence
        manifest = loads_json(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoreError(f"{path} is not a VoiceCoach bundle (its manifest.json is not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path} is not a VoiceCoach bundle (its manifest.json is not JSON: {exc.msg} at line "
                         f"{exc.lineno})") from None
    except ValueError as exc:
        raise StoreError(f"{path} is not a VoiceCoach bundle (its manifest.json is not valid: {exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise StoreError(f"{path} is not a VoiceCoach bundle")
    version = manifest.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise StoreError(f"{path} was made by a newer VoiceCoach; update to import it")
    check_manifest(manifest, path)
    try:
        _validate(manifest)
    except (KeyError, TypeError) as exc:
        raise StoreError(f"{path} is not a valid VoiceCoach bundle: {exc.args[0]}; nothing was imported") from None
    return manifest


def _check_sizes(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse a zip bomb from its directory, before a byte is unpacked (extraction also stops at these sizes)."""
    infos = zf.infolist()
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.filename == "manifest.json":
            too_big = info.file_size > MAX_MANIFEST_BYTES or (info.file_size > 4 << 20 and ratio > 200)
        else:
            too_big = info.file_size > MAX_AUDIO_BYTES or (info.file_size > 8 << 20 and ratio > 50)
        if too_big:
            raise StoreError(f"{path} was refused: {info.filename} would unpack to {info.file_size >> 20} MB "
                             f"({ratio:.0f} times its packed size), more than a VoiceCoach bundle holds; "
                             "nothing was imported")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise StoreError(f"{path} was refused: it would unpack to {total >> 20} MB, more than the "
                         f"{MAX_TOTAL_BYTES >> 30} GB a VoiceCoach bundle may hold; nothing was imported")


def _validate(m: dict[str, Any]) -> None:
    """References between rows (the schema has checked every field's type and form)."""
    for kind in ("scripts", "script_versions", "takes", "sessions", "notes"):
        ids = [row["uuid"] for row in m[kind]]
        if len(ids) != len(set(ids)):
            raise KeyError(f"two {kind.replace('_', ' ')} share one id")
    scripts = {s["uuid"] for s in m["scripts"]}
    versions = {v["uuid"] for v in m["script_versions"]}
    takes = {t["uuid"] for t in m["takes"]}
    sessions = {s["uuid"] for s in m["sessions"]}
    for v in m["script_versions"]:
        if v["script"] not in scripts:
            raise KeyError(f"version {v['uuid']} of an unknown script")
    for t in m["takes"]:
        if t["script"] not in scripts or t["script_version"] not in versions:
            raise KeyError(f"take {t['uuid']} of an unknown script")
        member = t.get("audio")
        if member and (member != f"audio/{t['uuid']}{Path(member).suffix}" or not _SUFFIX.match(Path(member).suffix)):
            raise TypeError(f"take {t['uuid']} has an unexpected audio name")
    for n in m["notes"]:
        if n["take"] not in takes or (n.get("session") and n["session"] not in sessions):
            raise KeyError(f"note {n['uuid']} refers to a take or session not in the bundle")
