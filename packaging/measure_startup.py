"""Measure how fast the built app starts: `python packaging/measure_startup.py [APP_FOLDER] [--runs N]`.

"Window" is the time from launching the executable until its main window is on screen (offscreen here),
read from the `--smoke-test` line the app prints at that moment; "settled" adds the start-up work done in
the background (opening the database, loading the speech model if one is found). The first run is the
cold one: with --drop-caches (root only) the kernel's file cache is emptied first, as after a reboot;
otherwise "cold" means the first run after the build, which still finds some files cached.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drop_caches() -> bool:
    """Empty the page cache so the next run reads every file from disk; False when not permitted."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def time_gui(exe: Path, home: Path) -> tuple[float, float]:
    """Seconds to the main window and to the end of start-up work, for one launch."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VOICECOACH_HOME=str(home))
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "--smoke-test"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    window = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if window is None and "main window" in line:
            window = time.perf_counter() - started
    code = proc.wait(timeout=120)
    settled = time.perf_counter() - started
    if code != 0 or window is None:
        raise SystemExit(f"measure: {exe} --smoke-test failed (exit {code})")
    return window, settled


def time_cli(exe: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(exe), "--version"], check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="measure_startup.py", description=__doc__.splitlines()[0])
    parser.add_argument("app", nargs="?", type=Path, default=ROOT / "dist" / "VoiceCoach", help="built app folder")
    parser.add_argument("--runs", type=int, default=5, help="warm runs after the cold one (default 5)")
    parser.add_argument("--drop-caches", action="store_true", help="empty the file cache before the cold run")
    args = parser.parse_args(argv)
    exe = args.app / "voicecoach"
    if not exe.is_file():
        print(f"measure: no executable at {exe}; build first (./dev package)", file=sys.stderr)
        return 2
    dropped = args.drop_caches and drop_caches()
    if args.drop_caches and not dropped:
        print("measure: could not drop the file cache (needs root); the cold run may be partly warm")
    with tempfile.TemporaryDirectory() as tmp:
        cold_window, cold_settled = time_gui(exe, Path(tmp) / "cold")
        warm = [time_gui(exe, Path(tmp) / f"warm{i}") for i in range(args.runs)]
        cli = [time_cli(exe) for _ in range(args.runs)]
    label = "cold (caches dropped)" if dropped else "first run"
    print(f"{label}: window {cold_window:.2f} s, settled {cold_settled:.2f} s")
    if warm:
        print(
            f"warm median of {len(warm)}: window {statistics.median(w for w, _ in warm):.2f} s, "
            f"settled {statistics.median(s for _, s in warm):.2f} s; "
            f"`voicecoach --version` {statistics.median(cli):.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
