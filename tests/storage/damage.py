"""Ways a database file gets damaged on real disks, each applied to a closed, checkpointed database.

Used by the storage tests and the corruption matrix (every damage type against every command).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.core.profile import Profile
from voicecoach.storage import open_store


def build_database(db_path: Path, takes: int = 40, *, backup: bool = True, audio: bool = False) -> None:
    """A database with a rep, a script and ``takes`` takes of ~300 words (so the takes table spans pages)."""
    with open_store(db_path) as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi")
        wav = db_path.parent / "source.wav"
        if audio:
            wav.write_bytes(b"RIFF" + bytes(2000))
        for _ in range(takes):
            store.save_take(profile_id=pid, script_version_id=script.version_id,
                            transcript=transcript_of(" ".join(["word"] * 300)), report=report_dict(),
                            audio_path=wav if audio else None)
        wav.unlink(missing_ok=True)
        if backup:
            store.backup("test")


def _page_size(db_path: Path) -> int:
    size = int.from_bytes(db_path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def _rootpage(db_path: Path, table: str) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0])
    finally:
        conn.close()


def _wreck_page(db_path: Path, number: int) -> None:
    size = _page_size(db_path)
    data = bytearray(db_path.read_bytes())
    start = (number - 1) * size
    data[start:start + size] = (b"\x5a\xa5\xff\x00" * (size // 4))
    db_path.write_bytes(bytes(data))


def garbage_header(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[0:100] = b"not a database at all " * 4 + b"...." * 3
    db_path.write_bytes(bytes(data))


def takes_page(db_path: Path) -> None:
    """The root page of the takes table is wrecked (its header survives as nonsense)."""
    _wreck_page(db_path, _rootpage(db_path, "takes"))


def middle_page(db_path: Path) -> None:
    """A page about the middle of the file that holds rows or an index, not the schema nor a table's root page
    (which opening reads: wrecking those is ``garbage_header``'s or ``takes_page``'s kind of damage), whatever
    the schema's size."""
    pages = db_path.stat().st_size // _page_size(db_path)
    read_at_open = _schema_pages(db_path)
    _wreck_page(db_path, next((n for n in range(pages // 2, pages + 1) if n not in read_at_open), pages // 2))


def _schema_pages(db_path: Path) -> set[int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        schema = {int(r[0]) for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
        return schema | {int(r[0]) for r in conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:  # SQLite built without the dbstat table
        return set()
    finally:
        conn.close()


def truncated(db_path: Path) -> None:
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])


def empty(db_path: Path) -> None:
    db_path.write_bytes(b"")


def missing(db_path: Path) -> None:
    db_path.unlink()


def foreign_wal(db_path: Path) -> None:
    """The -wal left by another VoiceCoach database sits next to this one (e.g. a folder copied over)."""
    other = db_path.parent / "other" / "voicecoach.db"
    other.parent.mkdir()
    store = open_store(other)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    pid = store.add_profile(Profile(name="Someone Else", company="Other Co", phone="555 0199"))
    script = store.add_script("Other", "Other text " * 200)
    for _ in range(5):
        store.save_take(profile_id=pid, script_version_id=script.version_id,
                        transcript=transcript_of(" ".join(["other"] * 300)), report=report_dict())
    shutil.copyfile(str(other) + "-wal", str(db_path) + "-wal")
    store.close()
    shutil.rmtree(other.parent)


def index_disagrees(db_path: Path) -> None:
    """The index of take ids no longer matches the takes table (a row changed behind the index's back)."""
    import sqlite3

    def set_index(sql: str) -> None:
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'idx_takes_uuid'", [sql])
        conn.commit()
        conn.close()

    real = 'CREATE UNIQUE INDEX "idx_takes_uuid"\n    ON "takes" ("uuid")'
    set_index('CREATE UNIQUE INDEX "idx_takes_uuid" ON "takes" ("id")')  # the uuid change skips the index
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE takes SET uuid = uuid || '-changed' WHERE id = (SELECT min(id) FROM takes)")
    conn.commit()
    conn.close()
    set_index(real)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage_header": garbage_header,
    "takes_page": takes_page,
    "middle_page": middle_page,
    "truncated": truncated,
    "empty": empty,
    "missing": missing,
    "foreign_wal": foreign_wal,
    "index_disagrees": index_disagrees,
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every database file in the folder (the database, its -wal and any backups), by name.

    The -shm is SQLite's shared-memory index, rebuilt from the -wal by every reader; an empty -wal
    (a reader's) holds nothing to replay.
    """
    found = {}
    for path in sorted(folder.rglob("voicecoach*")):
        if path.is_file() and not path.name.endswith("-shm") and not (path.name.endswith("-wal") and
                                                                       path.stat().st_size == 0):
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found
