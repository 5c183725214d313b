"""Median time to analyse a 30 s take with a script and a profile (goal: under 5 ms).

Wall-clock time is the goal; CPU time is printed too because shared machines add waiting time.

.venv/bin/python bench/analyze.py [--runs 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from voicecoach.core.profile import load_profile
from voicecoach.core.report import analyze
from voicecoach.core.script import load_script
from voicecoach.core.transcript import Transcript

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOAL_MS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    profile = load_profile(DATA / "profile.json")
    for name in ("clean", "filler_heavy", "overrun"):
        transcript = Transcript.from_json((DATA / "takes" / f"{name}.json").read_text(encoding="utf-8"))
        analyze(transcript, script=script.text, profile=profile, prospect="John")  # warm up
        wall, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            analyze(transcript, script=script.text, profile=profile, prospect="John")
            wall.append((time.perf_counter() - t0) * 1000.0)
            cpu.append((time.process_time() - c0) * 1000.0)
        median = statistics.median(wall)
        print(
            f"analyze {name:<13} {transcript.speech_seconds:4.1f} s take, {len(transcript.words)} words: "
            f"median {median:.2f} ms over {args.runs} runs (goal {GOAL_MS:g} ms, {median / GOAL_MS:.2f}x the goal); "
            f"CPU time median {statistics.median(cpu):.2f} ms"
        )


if __name__ == "__main__":
    main()
