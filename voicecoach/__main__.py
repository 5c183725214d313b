"""`python -m voicecoach` and the `voicecoach` console script."""

from __future__ import annotations

import sys

# Hidden flag for packaging smoke tests: open the GUI, quit with 0 once the main window is up.
SMOKE_TEST_FLAG = "--smoke-test"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    gui_args = [a for a in args if a != SMOKE_TEST_FLAG]
    if not gui_args or gui_args[0] == "gui":
        # Imported lazily so headless commands never load Qt.
        from voicecoach.ui.app import run_app

        if len(gui_args) < len(args):
            from voicecoach.ui.smoke import arm_smoke_test

            arm_smoke_test()
        return run_app(gui_args[1:])
    from voicecoach.cli.main import main as cli_main

    # A command line (`voicecoach analyze --smoke-test`) gets the flag as given, and argparse rejects it.
    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
