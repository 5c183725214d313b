"""`python -m voicecoach` and the `voicecoach` console script."""

from __future__ import annotations

import sys

# Hidden flag for packaging smoke tests: open the GUI, quit with 0 once the main window is up.
SMOKE_TEST_FLAG = "--smoke-test"
_SMOKE_TIMEOUT_MS = 30_000


def _arm_smoke_test() -> None:
    """Quit once the main window is shown and the startup jobs have finished, so a build can be checked
    offscreen without a person. Waiting for the background pool keeps the check to start-up itself rather
    than to what happens when the app is closed in the middle of loading.

    The QApplication is created here, before the GUI's own code runs, so the timer lives in the same
    event loop the GUI starts; the GUI reuses the existing instance.
    """
    import os
    import time

    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

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
        if shown_after and QThreadPool.globalInstance().activeThreadCount() == 0:
            timer.stop()
            print(f"smoke test: start-up work finished after {elapsed:.1f} s", flush=True)
            QApplication.exit(0)
        elif elapsed * 1000 > _SMOKE_TIMEOUT_MS:
            what = "start-up work did not finish" if shown_after else "no main window appeared"
            print(f"smoke test: {what} within {_SMOKE_TIMEOUT_MS // 1000} s", file=sys.stderr, flush=True)
            # A modal dialog may own a nested event loop; leave without waiting on it.
            os._exit(1)

    timer.timeout.connect(check)
    timer.start(50)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    gui_args = [a for a in args if a != SMOKE_TEST_FLAG]
    if not gui_args or gui_args[0] == "gui":
        # Imported lazily so headless commands never load Qt.
        from voicecoach.ui.app import run_app

        if len(gui_args) < len(args):
            _arm_smoke_test()
        return run_app(gui_args[1:])
    from voicecoach.cli.main import main as cli_main

    # A command line (`voicecoach analyze --smoke-test`) gets the flag as given, and argparse rejects it.
    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
