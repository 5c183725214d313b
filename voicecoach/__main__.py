"""`python -m voicecoach` and the `voicecoach` console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] == "gui":
        # Imported lazily so headless commands never load Qt.
        from voicecoach.ui.app import run_app

        return run_app(args[1:])
    from voicecoach.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
