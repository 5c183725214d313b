"""`python -m voicecoach` and the `voicecoach` console script."""

from __future__ import annotations

import sys

# Hidden flag for packaging smoke tests: open the GUI, quit with 0 as soon as the main window is visible.
SMOKE_TEST_FLAG = "--smoke-test"
_SMOKE_TIMEOUT_MS = 30_000


def _arm_smoke_test() -> None:
    """Quit once a main window is shown, so a build can be checked offscreen without a person.

    The QApplication is created here, before the GUI's own code runs, so the timer lives in the same
    event loop the GUI starts; the GUI reuses the existing instance.
    """
    import os
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    started = time.monotonic()
    timer = QTimer(app)

    def check() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        elapsed_ms = (time.monotonic() - started) * 1000
        if shown:
            timer.stop()
            print(f"smoke test: main window '{shown[0].windowTitle()}' shown", flush=True)
            QApplication.exit(0)
        elif elapsed_ms > _SMOKE_TIMEOUT_MS:
            print("smoke test: no main window appeared within 30 s", file=sys.stderr, flush=True)
            # A modal dialog may own a nested event loop; leave without waiting on it.
            os._exit(1)

    timer.timeout.connect(check)
    timer.start(50)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    smoke_test = SMOKE_TEST_FLAG in args
    args = [a for a in args if a != SMOKE_TEST_FLAG]
    if not args or args[0] == "gui":
        # Imported lazily so headless commands never load Qt.
        from voicecoach.ui.app import run_app

        if smoke_test:
            _arm_smoke_test()
        return run_app(args[1:])
    from voicecoach.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
