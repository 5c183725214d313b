"""Two processes on one data folder at the same moment: saving a new rep, importing the same bundle."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.core.profile import Profile
from voicecoach.storage import open_store
from voicecoach.storage.audio_copy import sha256_of

ROUNDS = 12


def _save_reps(db_path: str, barrier: Any, results: Any) -> None:
    from voicecoach.storage.save import save_analyzed_take

    with open_store(db_path) as store:
        for i in range(ROUNDS):
            barrier.wait(timeout=60)
            try:
                save_analyzed_take(profile=Profile(name=f"Rep {i}", company="Co", phone="555 0100"),
                                   script_text=f"Script number {i}", script_title=None,
                                   transcript=transcript_of("hi there"), report=report_dict(), store=store)
                results.put("ok")
            except Exception as exc:  # reported to the test
                results.put(f"{type(exc).__name__}: {exc}")


def _import(db_path: str, bundle: str, barrier: Any, results: Any) -> None:
    with open_store(db_path) as store:
        barrier.wait(timeout=60)
        try:
            results.put(store.import_bundle(bundle).describe())
        except Exception as exc:  # reported to the test
            results.put(f"{type(exc).__name__}: {exc}")


def _run(target: Any, *args: Any, processes: int = 2) -> list[str]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=target, args=(*args, barrier, results)) for _ in range(processes)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    found = []
    while not results.empty():
        found.append(results.get())
    return found


def test_two_processes_saving_the_same_new_rep_make_one_rep(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    open_store(db_path).close()
    outcomes = _run(_save_reps, str(db_path))
    assert outcomes == ["ok"] * (2 * ROUNDS)
    with open_store(db_path) as store:
        names = [p.profile.name for p in store.list_profiles()]
        assert sorted(names) == sorted(f"Rep {i}" for i in range(ROUNDS))
        assert len(store.list_scripts()) == ROUNDS
        assert sorted(t.attempt for t in store.list_takes()) == sorted([1, 2] * ROUNDS)


@pytest.mark.parametrize("round_", range(4))
def test_two_processes_importing_one_bundle_keep_every_take_and_its_audio(tmp_path: Path, round_: int) -> None:
    source = tmp_path / "rep.db"
    with open_store(source) as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi there")
        for i in range(6):
            audio = tmp_path / f"a{i}.wav"
            audio.write_bytes(os.urandom(300_000))
            store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                            report=report_dict(), audio_path=audio)
        bundle = store.export_bundle(tmp_path / "rep.zip", pid)
    coach = tmp_path / "coach" / "voicecoach.db"
    open_store(coach).close()
    outcomes = _run(_import, str(coach), str(bundle))
    assert sorted(outcomes) == ["1 profile, 1 script, 1 script version, 6 takes added; 0 already present",
                                "nothing new added; 6 already present"], outcomes
    with open_store(coach) as store:
        takes = store.list_takes()
        assert len(takes) == 6
        for take in takes:
            assert take.audio_path is not None and sha256_of(take.audio_path) == take.audio_sha256
    assert sorted(p.name for p in (coach.parent / "takes").iterdir()) == sorted(f"{t.uuid}.wav" for t in takes)


def test_duplicate_reps_from_before_are_merged_by_the_migration(tmp_path: Path) -> None:
    """A database the race already hurt: two rows for one rep, each with its own takes numbered from 1."""
    from sqlite_utils import Database

    from voicecoach.storage.migrations import migrations

    db_path = tmp_path / "voicecoach.db"
    old = Database(db_path)
    migrations.apply(old, stop_before="m006_one_row_per_rep")
    old.close()
    conn = sqlite3.connect(db_path)
    for pid in (1, 2):
        conn.execute("INSERT INTO profiles (id, uuid, name, company, phone, created_at, updated_at)"
                     " VALUES (?, ?, 'Ann', 'Acme', '555', '2026-01-01', '2026-01-01')", [pid, f"p{pid}"])
    conn.execute("INSERT INTO scripts (uuid, title, current_version_id, created_at, updated_at)"
                 " VALUES ('s', 'Intro', 1, '2026-01-01', '2026-01-01')")
    conn.execute("INSERT INTO script_versions (uuid, script_id, version, title, text, created_at)"
                 " VALUES ('v', 1, 1, 'Intro', 'Hi', '2026-01-01')")
    for n, (pid, when) in enumerate([(1, "10:00"), (2, "11:00"), (1, "12:00")]):
        conn.execute("INSERT INTO takes (uuid, profile_id, script_id, script_version_id, started_at, attempt,"
                     " transcript, report, created_at) VALUES (?, ?, 1, 1, ?, ?, '[]', '{}', 'x')",
                     [f"t{n}", pid, f"2026-01-02T{when}:00+00:00", 1 if n < 2 else 2])
    conn.commit()
    conn.close()
    with open_store(db_path) as store:
        assert [p.id for p in store.list_profiles()] == [1]
        assert [(t.uuid, t.attempt) for t in sorted(store.list_takes(), key=lambda t: t.uuid)] == [
            ("t0", 1), ("t1", 2), ("t2", 3)]
        assert store.add_profile(Profile(name="Ann", company="Acme", phone="555")) == 1
