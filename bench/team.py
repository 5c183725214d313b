"""Benchmark a coach's team folder: 50 reps × 1,000 takes each (the issue's large team).

Builds the team folder as reps' apps would have published it (real take files: golden transcripts with
reports from the real analyser, validated by the same schema the reader uses), then measures in one run:
the full first pull (seconds, takes per second), memory while pulling (resident memory after the first
few reps and after all of them, and the Python heap's peak while pulling one rep's 1,000 takes), an
incremental pull of one new take, a pull with nothing new, the team view, and a rep publishing 1,000 takes
then one more. Ratios below 1.00 are within goal.

    .venv/bin/python bench/team.py [--reps 50] [--takes 1000] [--repeat 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid as uuidlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.store import PROFILE, sample_takes
from voicecoach.core.judgement import judgement_for
from voicecoach.core.profile import Profile
from voicecoach.storage import Store, open_store
from voicecoach.storage.team import (
    Membership,
    join,
    schema,
    sync,
    team_status,
)
from voicecoach.storage.team.folder import MANIFEST, TAKES, sha256_hex
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.own_files import write_atomic
from voicecoach.storage.team.pull_takes import pull_reps

GOALS_MS = {"team view": 200.0, "incremental pull": 100.0}
FLAGS = ("overrun", "missing_contact_info", "rambling", "pace_too_fast", "dead_air")


class RepWriter:
    """Writes one rep's folder the way their app publishes it, quickly (no rep database needed)."""

    def __init__(self, root: Path, n: int, samples: list) -> None:
        self.rep_id = f"rep-{n:03d}"
        self.folder = root / "reps" / self.rep_id
        (self.folder / TAKES).mkdir(parents=True, exist_ok=True)
        self.n, self.samples, self.listings = n, samples, []
        self.script = {"uuid": str(uuidlib.uuid4()), "title": "Expired listing"}
        self.version = {"uuid": str(uuidlib.uuid4()), "script": self.script["uuid"], "version": 1,
                        "title": "Expired listing", "text": "Hi {prospect}, this is {name} from {company}.",
                        "time_limit": 30.0, "referral": None, "created_at": "2026-01-01T00:00:00+00:00"}
        self.profile = {"uuid": str(uuidlib.uuid4()), "name": f"Rep {n:03d}", "company": PROFILE.company,
                        "phone": PROFILE.phone}
        rep = Profile(self.profile["name"], PROFILE.company, PROFILE.phone)  # what the rep's app judged against
        self.judgement = judgement_for(script=self.version["text"], profile=rep, time_limit=30.0).to_dict()

    def add(self, i: int, when: datetime) -> None:
        transcript, report = self.samples[i % len(self.samples)]
        report = {**report, "score": float(40 + (i * 37 + self.n) % 60),
                  "flags": [{"code": FLAGS[(i + self.n) % len(FLAGS)], "severity": "error" if i % 3 else "warning",
                             "message": "m"}]}
        take_uuid = str(uuidlib.uuid4())
        body = schema.encode(schema.build(schema.TakeFile, {
            "format": schema.TAKE, "version": schema.VERSION, "rep_id": self.rep_id, "script": self.script,
            "script_version": self.version, "judgement": self.judgement,
            "take": {"uuid": take_uuid, "script": self.script["uuid"], "script_version": self.version["uuid"],
                     "started_at": when.isoformat(), "attempt": i + 1, "transcript": transcript.to_vosk(),
                     "report": report}}))
        name = f"{TAKES}/{take_uuid}.json"
        write_atomic(self.folder, name, body)
        self.listings.append({"uuid": take_uuid, "file": {"name": name, "sha256": sha256_hex(body),
                                                          "size": len(body)}})

    def write_manifest(self) -> None:
        manifest = schema.build(schema.RepManifest, {
            "format": schema.REP_MANIFEST, "version": schema.VERSION, "rep_id": self.rep_id, "profile": self.profile,
            "updated_at": datetime.now(UTC).isoformat(), "takes": self.listings})
        write_atomic(self.folder, MANIFEST, schema.encode(manifest), replace=True)


def build_team(root: Path, reps: int, takes: int) -> list[RepWriter]:
    samples = sample_takes()
    start = datetime.now(UTC) - timedelta(days=takes // 8)
    writers = []
    for n in range(reps):
        w = RepWriter(root, n, samples)
        for i in range(takes):
            w.add(i, start + timedelta(hours=3 * i, minutes=n))
        w.write_manifest()
        writers.append(w)
    return writers


def median_ms(fn: Callable[[], object], repeat: int, before: Callable[[int], object] | None = None) -> float:
    times = []
    for k in range(repeat):
        if before is not None:
            before(k)
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def full_pull(store: Store, m: Membership) -> tuple[float, float, float]:
    """Seconds for the first pull of everything; resident memory a tenth of the way in, and its peak."""
    import threading

    samples: list[tuple[float, float]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            samples.append((time.perf_counter(), rss_mb()))

    sampler = threading.Thread(target=sample, daemon=True)
    out = SyncOutcome()
    t0 = time.perf_counter()
    sampler.start()
    pull_reps(store, m, out)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    assert out.takes and not out.skipped and not out.pending, out.messages[:3]
    early = [mb for t, mb in samples if t - t0 <= seconds / 10] or [rss_mb()]
    return seconds, max(early), max([mb for _, mb in samples] or [rss_mb()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--takes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    total = args.reps * args.takes
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "team"
        t0 = time.perf_counter()
        writers = build_team(root, args.reps, args.takes)
        size = sum(f.stat().st_size for f in root.rglob("*.json"))
        print(f"team folder: {args.reps} reps × {args.takes} takes = {total} take files, {size / 1e6:.0f} MB, "
              f"written in {time.perf_counter() - t0:.0f} s\n")

        coach = open_store(Path(tmp) / "coach" / "voicecoach.db")
        m = join(coach, root, as_coach=True)
        seconds, early, late = full_pull(coach, m)
        print(f"full first pull: {seconds:.1f} s = {total / seconds:.0f} takes/s "
              f"({seconds / total * 1000:.2f} ms per take)")
        print(f"resident memory while pulling: {early:.0f} MB in the first tenth, {late:.0f} MB at most "
              f"(ratio {late / early:.2f})")

        rows: list[tuple[str, float, float]] = []
        rows.append(("pull, nothing new", median_ms(lambda: sync(coach, m), args.repeat), GOALS_MS["incremental pull"]))
        now = datetime.now(UTC)

        def one_new_take(k: int) -> None:
            w = writers[(k * 7) % len(writers)]
            w.add(args.takes + k, now + timedelta(minutes=k))
            w.write_manifest()

        rows.append(("incremental pull of one new take", median_ms(lambda: sync(coach, m), args.repeat,
                                                                    before=one_new_take), GOALS_MS["incremental pull"]))
        rows.append(("team view (team_status)", median_ms(lambda: team_status(coach), args.repeat),
                     GOALS_MS["team view"]))

        extra = RepWriter(root, args.reps, sample_takes())  # one more rep: the heap while pulling 1,000 takes
        for i in range(args.takes):
            extra.add(i, now - timedelta(hours=i))
        extra.write_manifest()
        tracemalloc.start()
        out = SyncOutcome()
        pull_reps(coach, m, out)
        heap_peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        assert out.takes == args.takes, out.messages[:3]
        print(f"Python heap peak while pulling one rep's {args.takes} takes into {total} others: {heap_peak:.1f} MB")
        coach.close()
        publish = bench_publish(Path(tmp), args.takes)

    width = max(len(r[0]) for r in rows)
    print(f"\n{'operation':{width}}  median ms   goal ms  ratio")
    for name, ms, goal in rows:
        print(f"{name:{width}}  {ms:9.2f}  {goal:8.0f}  {ms / goal:5.2f}")
    print(f"\npublish: a rep's first {args.takes} takes {publish[0]:.1f} s; one new take {publish[1]:.1f} ms (median)")
    print(json.dumps({"reps": args.reps, "takes_per_rep": args.takes, "full_pull_s": round(seconds, 2),
                      "rss_mb": [round(early), round(late)], "heap_peak_mb_one_rep": round(heap_peak, 1),
                      "median_ms": {name: round(ms, 2) for name, ms, _ in rows},
                      "publish_first_s": round(publish[0], 2), "publish_one_ms": round(publish[1], 2)}))


def bench_publish(tmp: Path, takes: int) -> tuple[float, float]:
    """A rep's app publishing its first ``takes`` takes, then one more (median of a few)."""
    from bench.store import fill

    team = tmp / "team-publish"
    team.mkdir()
    with open_store(tmp / "rep" / "voicecoach.db") as rep:
        pid, versions = fill(rep, takes, 5)
        m = join(rep, team, profile_id=pid)
        t0 = time.perf_counter()
        sync(rep, m, pull=False)
        first = time.perf_counter() - t0
        transcript, report = sample_takes()[0]
        one = median_ms(lambda: sync(rep, m, pull=False), 9, before=lambda k: rep.save_take(
            profile_id=pid, script_version_id=versions[0], transcript=transcript, report=report))
    return first, one


if __name__ == "__main__":
    main()
