"""Crashes, full disks and two app instances never cost committed takes."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.storage import DiskFullError, Store, open_store
from voicecoach.storage.audio_copy import sha256_of

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from voicecoach.core.profile import Profile
    from voicecoach.core.transcript import Transcript, Word
    from voicecoach.storage import open_store

    store = open_store(Path(sys.argv[1]))
    audio = Path(sys.argv[2])
    pid = store.add_profile(Profile("Ann", "Acme", "555"))
    script = store.add_script("Intro", "Hi there")
    words = [Word(f"w{i}", i * 0.3, i * 0.3 + 0.2) for i in range(200)]
    report = {"score": 50, "wpm": 140, "words": 200, "speech_seconds": 60, "flags": [], "metrics": {}}
    print("ready", flush=True)
    while True:
        take = store.save_take(profile_id=pid, script_version_id=script.version_id,
                               transcript=Transcript.from_words(words), report=report, audio_path=audio)
        print(take.uuid, flush=True)
""")


def _check_every_take_is_whole(store: Store) -> set[str]:
    assert store.integrity_ok()
    uuids = set()
    for take in store.list_takes(include_trashed=True):
        assert len(take.transcript.words) == 200 and take.score == 50
        assert take.audio_path is not None and sha256_of(take.audio_path) == take.audio_sha256
        uuids.add(take.uuid)
    return uuids


@pytest.mark.parametrize("kill_after", [3, 12])
def test_sigkill_mid_save_keeps_committed_takes_whole(tmp_path: Path, kill_after: int) -> None:
    audio = tmp_path / "src.wav"
    audio.write_bytes(os.urandom(256 * 1024))
    db_path = tmp_path / "data" / "voicecoach.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(audio)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    committed = []
    try:
        assert proc.stdout.readline().strip() == "ready"
        while len(committed) < kill_after:
            committed.append(proc.stdout.readline().strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    with open_store(db_path) as store:
        present = _check_every_take_is_whole(store)
        assert set(committed) <= present
        assert len(present) - len(committed) <= 1 + 8  # at most what was in flight after the last read line
        assert [t.attempt for t in reversed(store.list_takes())] == list(range(1, len(present) + 1))


def test_disk_full_while_copying_audio_keeps_earlier_takes(store: Store, rep_and_script, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    profile_id, script = rep_and_script
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF" * 1000)
    kept = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("first"), report=report_dict(), audio_path=audio)

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("voicecoach.storage.audio_copy.os.fsync", no_space)
    with pytest.raises(DiskFullError, match=r"not enough disk space.*earlier takes are intact"):
        store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                        transcript=transcript_of("second"), report=report_dict(), audio_path=audio)
    assert [t.id for t in store.list_takes()] == [kept.id]
    assert sorted(p.name for p in store.takes_dir.iterdir()) == [f"{kept.uuid}.wav"]
    assert sha256_of(kept.audio_path) == kept.audio_sha256  # type: ignore[arg-type]


def test_database_full_rolls_back_and_removes_the_audio_copy(store: Store, rep_and_script, tmp_path: Path) -> None:
    profile_id, script = rep_and_script
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF" * 100)
    kept = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("first"), report=report_dict())
    pages = store.query("PRAGMA page_count")[0][0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    big = transcript_of(" ".join(f"word{i}" for i in range(3000)))
    with pytest.raises(DiskFullError, match=r"full.*earlier data is intact"):
        store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=big,
                        report=report_dict(), audio_path=audio)
    assert [t.id for t in store.list_takes()] == [kept.id]
    assert not store.takes_dir.exists() or list(store.takes_dir.iterdir()) == []
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=big,
                           report=report_dict()).attempt == 2


def test_a_really_full_disk_gives_a_clear_error_and_keeps_saved_takes(tiny_disk: Path, tmp_path: Path) -> None:
    audio = tmp_path / "a.wav"
    audio.write_bytes(os.urandom(150 * 1024))
    saved = []
    with open_store(tiny_disk / "voicecoach.db") as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi")
        with pytest.raises(DiskFullError):
            for _ in range(60):
                saved.append(store.save_take(profile_id=pid, script_version_id=script.version_id,
                                             transcript=transcript_of("hi there"), report=report_dict(),
                                             audio_path=audio))
    assert 1 <= len(saved) < 60
    with open_store(tiny_disk / "voicecoach.db") as store:
        assert store.integrity_ok()
        takes = store.list_takes()
        assert {t.uuid for t in takes} == {t.uuid for t in saved}
        assert all(sha256_of(t.audio_path) == t.audio_sha256 for t in takes)  # type: ignore[arg-type]
        assert not list(store.takes_dir.glob("*.part"))


def test_two_instances_on_one_folder_both_stay_correct(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    first, second = open_store(db_path), open_store(db_path)
    pid = first.add_profile(ANN)
    script = second.add_script("Intro", "Hi")
    errors: list[BaseException] = []

    def save_many(store: Store) -> None:
        try:
            for _ in range(15):
                store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                                report=report_dict())
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    workers = [threading.Thread(target=save_many, args=(s,)) for s in (first, second)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert errors == []
    for store in (first, second):
        assert sorted(t.attempt for t in store.list_takes()) == list(range(1, 31))
    first.close()
    second.close()


def test_a_writer_waits_for_the_other_instance_instead_of_failing(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    holder, waiter = open_store(db_path), open_store(db_path)
    pid = holder.add_profile(ANN)
    release = threading.Event()

    def hold() -> None:
        with holder.write() as db:
            db.execute("UPDATE profiles SET company = 'Held' WHERE id = ?", [pid])
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    threading.Timer(0.3, release.set).start()
    script = waiter.add_script("Intro", "Hi")  # blocks until the holder commits, then succeeds
    thread.join()
    assert waiter.get_profile(pid).profile.company == "Held" and script.version == 1
    holder.close()
    waiter.close()


def test_instances_opening_a_new_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    barrier = threading.Barrier(4)
    opened: list[Store] = []
    errors: list[BaseException] = []

    def open_now() -> None:
        barrier.wait()
        try:
            opened.append(open_store(db_path))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=open_now) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == [] and len(opened) == 4
    steps = {tuple(s.schema_steps) for s in opened}
    assert len(steps) == 1 and len(next(iter(steps))) == len(set(next(iter(steps))))
    for s in opened:
        s.close()


def test_a_database_busy_for_a_moment_while_opening_is_waited_out(tmp_path: Path, monkeypatch) -> None:
    """Some of SQLite's busy states return at once (another window creating the file or switching it to WAL)."""
    from voicecoach.storage import db as db_module
    from voicecoach.storage.errors import DatabaseBusyError

    real = db_module.check_before_open
    calls: list[int] = []

    def busy_twice(path: Path, **kwargs: object) -> bool:
        calls.append(1)
        if len(calls) <= 2:
            raise DatabaseBusyError(path)
        return real(path, **kwargs)

    monkeypatch.setattr(db_module, "check_before_open", busy_twice)
    store = open_store(tmp_path / "voicecoach.db")
    assert len(calls) == 3 and store.schema_steps
    store.close()


def test_a_database_that_stays_busy_is_reported_as_busy(tmp_path: Path, monkeypatch) -> None:
    from voicecoach.storage import db as db_module
    from voicecoach.storage.errors import DatabaseBusyError

    def always_busy(path: Path, **kwargs: object) -> bool:
        raise DatabaseBusyError(path)

    monkeypatch.setattr(db_module, "check_before_open", always_busy)
    monkeypatch.setattr(db_module, "OPEN_BUSY_SECONDS", 0.2)
    with pytest.raises(DatabaseBusyError, match="busy in another VoiceCoach window"):
        open_store(tmp_path / "voicecoach.db")
