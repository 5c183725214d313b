"""Hidden `--smoke-test` mode for packaging checks: open the GUI, quit with 0 once the main window is up."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

__all__ = ["SMOKE_TIMEOUT_MS", "arm_smoke_test", "startup_begun"]

SMOKE_TIMEOUT_MS = 30_000


def startup_begun(window: QMainWindow) -> bool:
    """Start-up work waits for the first frame: the pool is idle before it begins, which is not 'done'."""
    from voicecoach.ui.startup import Startup

    startups = window.findChildren(Startup)
    return all(s.started for s in startups)


def arm_smoke_test() -> None:
    """Quit once the main window is shown and the startup jobs have finished, so a build can be checked
    offscreen without a person. Waiting for the background pool keeps the check to start-up itself rather
    than to what happens when the app is closed in the middle of loading.

    The QApplication is created here, before the GUI's own code runs, so the timer lives in the same
    event loop the GUI starts; the GUI reuses the existing instance.
    """
    app = QApplication.instance() or QApplication([sys.argv[0]])
    started = time.monotonic()
    shown_after: list[float] = []
    timer = QTimer(app)

    def check() -> None:
        elapsed = time.monotonic() - started
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if windows and not shown_after:
            shown_after.append(elapsed)
            print(f"smoke test: main window '{windows[0].windowTitle()}' shown after {elapsed:.2f} s", flush=True)
        idle = QThreadPool.globalInstance().activeThreadCount() == 0
        if shown_after and windows and startup_begun(windows[0]) and idle:
            timer.stop()
            print(f"smoke test: start-up work finished after {elapsed:.1f} s", flush=True)
            QApplication.exit(0)
        elif elapsed * 1000 > SMOKE_TIMEOUT_MS:
            what = "start-up work did not finish" if shown_after else "no main window appeared"
            print(f"smoke test: {what} within {SMOKE_TIMEOUT_MS // 1000} s", file=sys.stderr, flush=True)
            # A modal dialog may own a nested event loop; leave without waiting on it.
            os._exit(1)

    timer.timeout.connect(check)
    timer.start(50)
