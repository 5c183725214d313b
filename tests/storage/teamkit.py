"""Two (or more) app homes against one shared team folder, for the team-folder tests."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.core.profile import Profile
from voicecoach.storage import Store, TakeRecord, open_store
from voicecoach.storage.team import Membership, join

BEN = Profile(name="Ben Okafor", company="Acme Roofing", phone="555 0101")


def open_home(home: Path) -> Store:
    return open_store(home / "voicecoach.db")


def add_takes(store: Store, profile_id: int, n: int, *, audio_dir: Path | None = None, first_score: float = 60,
              flags: tuple[tuple[str, str], ...] = (("overrun", "error"),)) -> list[TakeRecord]:
    scripts = store.list_scripts()
    script = scripts[0] if scripts else store.add_script("Roof intro", "Hi {prospect}, this is {name}.")
    takes = []
    for i in range(n):
        audio = None
        if audio_dir is not None:
            audio = audio_dir / f"take-{profile_id}-{i}.wav"
            audio.parent.mkdir(parents=True, exist_ok=True)
            audio.write_bytes(b"RIFF" + os.urandom(2000))
        takes.append(store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                                     transcript=transcript_of(f"hi this is take {i}"),
                                     report=report_dict(first_score + i, flags=flags), audio_path=audio))
    return takes


def rep_home(home: Path, team: Path, *, profile: Profile = ANN, takes: int = 3, audio: bool = False,
             rep_id: str | None = None) -> tuple[Store, Membership]:
    store = open_home(home)
    pid = store.add_profile(profile)
    add_takes(store, pid, takes, audio_dir=home / "rec" if audio else None)
    return store, join(store, team, profile_id=pid, publish_audio=audio, member_id=rep_id)


def coach_home(home: Path, team: Path) -> tuple[Store, Membership]:
    store = open_home(home)
    return store, join(store, team, as_coach=True)


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` with its size and modification time (to prove nothing was written)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            found[p.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return found


def files(folder: Path, pattern: str = "*") -> Iterator[Path]:
    return (p for p in sorted(folder.glob(pattern)) if p.is_file())


def forge_writer(folder: Path, writer_key: str, writer_id: str, change: Callable[[dict], None]) -> None:
    """Rewrite a copied writer folder as another writer's, checksums and all; ``change`` edits the manifest."""
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest[writer_key] = writer_id
    change(manifest)
    for key in ("takes", "notes", "sessions"):
        for entry in manifest.get(key, []):
            path = folder / entry["file"]["name"]
            body = json.loads(path.read_text())
            body[writer_key] = writer_id
            body |= entry.pop("body", {})
            data = json.dumps(body).encode()
            path.write_bytes(data)
            entry["file"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    (folder / "manifest.json").write_text(json.dumps(manifest))
