"""Benchmark the local store with 10,000 takes across 20 scripts of one rep (the worst case per rep).

Prints the median of repeated runs for opening the database (which runs ``PRAGMA integrity_check`` on a
read-only connection first; ``quick_check``, which skips the index comparison, is shown beside it),
saving one take (with and without a 30-second WAV copied in), and every progress query, with the ratio
to its goal (below 1.00 is within goal), plus the database size per take.

    .venv/bin/python bench/store.py [--takes 10000] [--scripts 20] [--repeat 25]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript
from voicecoach.storage import Store, open_store
from voicecoach.storage.health import full_check, quick_check

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142", "northwindrealty.com")
GOALS_MS = {"open": 100.0, "save": 20.0, "query": 50.0, "backup_check": 1000.0}


def sample_takes() -> list[tuple[Transcript, dict]]:
    """The golden transcripts with reports from the real analyser (synthetic reports if it is missing)."""
    out = []
    for path in sorted((DATA / "takes").glob("*.json")):
        transcript = Transcript.from_json(path.read_text(encoding="utf-8"))
        try:
            from voicecoach.core.report import analyze

            report = analyze(transcript, profile=PROFILE).to_dict()
        except ImportError:
            report = {"speech_seconds": transcript.speech_seconds, "words": len(transcript), "wpm": 150.0,
                      "score": 70, "flags": [{"code": "overrun", "severity": "error", "message": "long"}],
                      "metrics": {"filler_rate": 0.03}}
        out.append((transcript, report))
    return out


def fill(store: Store, takes: int, scripts: int) -> tuple[int, list[int]]:
    samples = sample_takes()
    pid = store.add_profile(PROFILE)
    versions = [store.add_script(f"Script {n}", f"Hi, this is {{name}} with {{company}}. Variant {n}.").version_id
                for n in range(scripts)]
    start = datetime.now(UTC) - timedelta(days=400)
    with store.write() as db:
        for n in range(takes):
            transcript, report = samples[n % len(samples)]
            report = {**report, "score": 40 + (n * 37) % 60}
            version = versions[n % scripts]
            script_id = store.get_script_version(version).id
            store._insert_take(db, f"00000000-0000-4000-8000-{n:012d}", pid, script_id, version,
                               transcript.to_json(), report, None, None,
                               start + timedelta(minutes=n * 57))
    return pid, versions


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def write_wav(path: Path, seconds: float = 30.0) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x01\x00" * int(16000 * seconds))
    return path


def baseline_ms(repeat: int) -> float:
    """How long this machine takes to fetch 10,000 plain 7-column rows from memory: a yardstick for the rest."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a, b, c, d, e, f, g)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(i, "2026-01-01T10:00:00.000+00:00", i, 1.5, 2.5, 3.5, 4.5) for i in range(10_000)])
    result = median_ms(lambda: conn.execute("SELECT * FROM t ORDER BY a").fetchall(), repeat)
    conn.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takes", type=int, default=10_000)
    parser.add_argument("--scripts", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "voicecoach.db"
        t0 = time.perf_counter()
        with open_store(db_path) as store:
            pid, versions = fill(store, args.takes, args.scripts)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fill_s = time.perf_counter() - t0
        size = db_path.stat().st_size
        print(f"{args.takes} takes across {args.scripts} scripts written in {fill_s:.1f} s; "
              f"database {size / 1e6:.1f} MB = {size / args.takes / 1024:.1f} KiB per take\n")

        rows: list[tuple[str, float, float]] = []
        rows.append(("yardstick: 10,000 plain rows from memory", baseline_ms(args.repeat), GOALS_MS["query"]))
        rows.append(("open existing database", median_ms(lambda: open_store(db_path).close(), args.repeat),
                     GOALS_MS["open"]))
        rows.append(("  of which integrity_check (read-only, mmap)", median_ms(lambda: full_check(db_path), 5),
                     GOALS_MS["open"]))
        rows.append(("  quick_check instead (no index comparison)", median_ms(lambda: quick_check(db_path), 5),
                     GOALS_MS["open"]))
        store = open_store(db_path)
        transcript, report = sample_takes()[0]
        wav = write_wav(Path(tmp) / "take.wav")
        version = versions[0]
        rows.append(("save one take", median_ms(lambda: store.save_take(
            profile_id=pid, script_version_id=version, transcript=transcript, report=report), args.repeat),
            GOALS_MS["save"]))
        rows.append(("save one take + 30 s WAV", median_ms(lambda: store.save_take(
            profile_id=pid, script_version_id=version, transcript=transcript, report=report, audio_path=wav),
            args.repeat), GOALS_MS["save"]))
        script_id = store.get_script_version(version).id
        for scope, sid in (("one script", script_id), ("all scripts", None)):
            queries: dict[str, Callable[[], object]] = {
                "trend (every take)": lambda sid=sid: store.trend(pid, sid),
                "trend (latest 500)": lambda sid=sid: store.trend(pid, sid, last=500),
                "personal_best": lambda sid=sid: store.personal_best(pid, sid),
                "practice_days": lambda sid=sid: store.practice_days(pid, sid),
                "top_flags (every take)": lambda sid=sid: store.top_flags(pid, sid),
                "top_flags (latest 500)": lambda sid=sid: store.top_flags(pid, sid, recent=500),
                "readiness": lambda sid=sid: store.readiness(pid, sid),
                "progress (all five, latest 500)": lambda sid=sid: store.progress(pid, sid),
            }
            for name, fn in queries.items():
                rows.append((f"{name}, {scope}", median_ms(fn, args.repeat), GOALS_MS["query"]))
        rows.append(("list_takes, one script", median_ms(lambda: store.list_takes(pid, script_id), args.repeat),
                     GOALS_MS["query"]))
        store.close()

    width = max(len(r[0]) for r in rows)
    print(f"{'operation':{width}}  median ms   goal ms  ratio")
    for name, ms, goal in rows:
        print(f"{name:{width}}  {ms:9.2f}  {goal:8.0f}  {ms / goal:5.2f}")
    print(json.dumps({"takes": args.takes, "bytes_per_take": round(size / args.takes),
                      "median_ms": {name: round(ms, 3) for name, ms, _ in rows}}))


if __name__ == "__main__":
    main()
