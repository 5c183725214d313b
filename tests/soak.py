"""The soak's moving parts outside the window: command loops in subprocesses, and the checks made at the end.

A ``CommandLoop`` runs `voicecoach` commands one after another in fresh processes (as a rep typing them
beside the open app, or a coach's laptop syncing) until its deadline, and keeps what each printed. The
checks return sentences, one per problem found, so the soak reports everything that went wrong at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
BUSY = 3  # `team sync` beside a running sync (the lock is held): skipped, said in one line


@dataclass
class Ran:
    command: list[str]
    code: int
    out: str
    err: str


@dataclass(eq=False)
class CommandLoop(threading.Thread):
    """Run ``commands`` in turn, in ``home``, until ``deadline`` (time.monotonic()); never raises."""

    home: Path
    commands: list[list[str]]
    deadline: float
    ran: list[Ran] = field(default_factory=list)

    def __post_init__(self) -> None:
        threading.Thread.__init__(self, daemon=True)

    def run(self) -> None:
        env = os.environ | {"VOICECOACH_HOME": str(self.home), "QT_QPA_PLATFORM": "offscreen"}
        i = 0
        while time.monotonic() < self.deadline:
            command = self.commands[i % len(self.commands)]
            i += 1
            try:
                done = subprocess.run([sys.executable, "-m", "voicecoach", *command], env=env, text=True,
                                      capture_output=True, timeout=300)
                self.ran.append(Ran(command, done.returncode, done.stdout, done.stderr))
            except subprocess.TimeoutExpired as exc:
                self.ran.append(Ran(command, -1, str(exc.stdout or ""), f"timed out: {exc}"))

    def problems(self) -> list[str]:
        """Tracebacks, and exit codes other than success (or a sync skipped because another one ran)."""
        found = []
        for r in self.ran:
            allowed = (0, BUSY) if r.command[:2] == ["team", "sync"] else (0,)
            if "Traceback" in r.out + r.err or r.code not in allowed:
                found.append(f"`voicecoach {' '.join(r.command)}` in {self.home.name} exited {r.code}: "
                             f"{(r.err or r.out).strip()[-600:]}")
        return found


def rep_commands(folder: Path) -> list[list[str]]:
    """A rep's loop beside the app: save a take, look at the history, sync, judge everything again.

    The saved take is one as the recogniser leaves it: with a silent stretch and its evidence of how well it
    heard (written into ``folder``).
    """
    results = json.loads((DATA / "takes" / "clean.json").read_text(encoding="utf-8"))
    results = [*(results if isinstance(results, list) else [results]), {"text": ""},
               {"text": "", "voicecoach_recognition": {"constrained": None, "grammar_words": 12,
                                                       "grammar_missing": 0, "voiced_seconds": 14.5}}]
    transcript = folder / "recorded.json"
    transcript.write_text(json.dumps(results), encoding="utf-8")
    analyze = ["analyze", "--transcript", str(transcript), "--script",
               str(DATA / "scripts" / "expired-listing.txt"), "--profile", str(DATA / "profile.json"), "--save"]
    return [analyze, ["history", "--limit", "5"], ["team", "sync"], ["reanalyze", "--all"]]


def deleted_database_fds(db_path: Path) -> list[str]:
    """This process's open files on the database, its -wal or -shm that were deleted under it (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(db_path)) and target.endswith("(deleted)"):
            found.append(f"fd {fd.name} -> {target}")
    return found


def check_database(db_path: Path) -> list[str]:
    """``PRAGMA integrity_check`` is ok, and every take that names a recording has it on disk."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        takes = conn.execute("SELECT uuid, audio_path FROM takes WHERE audio_path IS NOT NULL").fetchall()
    except sqlite3.Error as exc:
        return [f"{db_path}: cannot be checked ({exc})"]
    finally:
        conn.close()
    found = [] if result == ["ok"] else [f"{db_path}: integrity_check says {result[:5]}"]
    missing = [uuid for uuid, audio in takes if not (db_path.parent / audio).is_file()]
    if missing:
        found.append(f"{db_path}: {len(missing)} of {len(takes)} takes lost their recording")
    return found


def check_published_takes_open(team: Path, coach: object) -> tuple[int, list[str]]:
    """Every take a rep's manifest lists (not withdrawn) is in the coach's database and opens there whole."""
    found: list[str] = []
    opened = 0
    for manifest in sorted((team / "reps").glob("*/manifest.json")):
        for listing in json.loads(manifest.read_bytes())["takes"]:
            if listing.get("withdrawn"):
                continue
            rows = coach.query("SELECT id FROM takes WHERE uuid = ?", [listing["uuid"]])  # type: ignore[attr-defined]
            if not rows:
                found.append(f"published take {listing['uuid']} never reached the coach")
                continue
            take = coach.get_take(rows[0][0])  # type: ignore[attr-defined]
            try:
                _ = take.transcript.words, take.report, take.judgement
            except Exception as exc:  # what opening it in the app would do
                found.append(f"published take {listing['uuid']} does not open for the coach: {exc}")
                continue
            if listing.get("audio") and (take.audio_path is None or not take.audio_path.is_file()):
                found.append(f"published take {listing['uuid']} has no recording at the coach's")
            opened += 1
    return opened, found
