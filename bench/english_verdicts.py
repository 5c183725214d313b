"""Verdicts on real English recognition: how many clean takes are accused, and how many takes outside the
recognition gate get exactly the right flags (the stored set of tests/english_takes.py, 46 takes).

    .venv/bin/python bench/english_verdicts.py

Prints one line per figure with its goal and the ratio to it; only flags that accuse are counted (a note
marked unverified, recognition_unreliable and contact_misheard accuse no one).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.english_takes import TAKES, figures  # noqa: E402


def main() -> None:
    t0 = time.perf_counter()
    f = figures(TAKES)
    ms = (time.perf_counter() - t0) * 1000 / max(1, f.takes)
    share = f.exact / max(1, f.ungated)
    print(f"english takes: {f.takes} ({f.clean} clean), {f.ungated} outside the recognition gate, {ms:.1f} ms a take")
    print(f"clean takes accused: {len(f.clean_accused)} of {f.clean} (goal 0)")
    print(f"exactly the right flags outside the gate: {f.exact} of {f.ungated} = {share:.0%} "
          f"(goal >= 50%; {share / 0.5:.2f}x the goal)")
    for line in (*f.clean_accused, *f.wrong):
        print("  " + line)


if __name__ == "__main__":
    main()
