"""`voicecoach SUBCOMMAND ...`: the headless face of the same core the GUI uses.

Each module in this package that defines ``register(subparsers)`` contributes subcommands; a subcommand
sets ``func`` to a callable taking the parsed arguments and returning an exit code. Expected failures
raise CliError (or a ValueError/OSError subclass, or an adapter's ``core.remedy.Problem``) and become one
line on stderr with exit 2, ending with the command that fixes it (``cli.remedies``): never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from voicecoach import __version__
from voicecoach.core.remedy import Problem

__all__ = ["CliError", "build_parser", "main"]


class CliError(Exception):
    """A failure the user can fix; printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicecoach",
        description="Rehearse prospecting voicemails offline. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"voicecoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the desktop app (the default)")
    import voicecoach.cli as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name in {"main"} or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"voicecoach.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        if args.command == "gui":
            from voicecoach.ui.app import run_app

            return run_app([])
        parser.print_help()
        return 0
    try:
        return int(func(args) or 0)
    except BrokenPipeError:
        return _reader_gone()
    except KeyboardInterrupt:
        print("voicecoach: interrupted", file=sys.stderr)
        return 130
    except (CliError, ValueError, OSError, Problem) as exc:
        from voicecoach.cli.remedies import error_line

        print(f"voicecoach: {error_line(exc)}", file=sys.stderr)
        return 2


def _tolerant_output() -> None:
    """A console that cannot show every character (ASCII, Latin-1) shows "?" for the rest: printing a report
    after its take was saved must not fail the command, or a retry would save the take twice."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError, TypeError):
                continue


def _reader_gone() -> int:
    """`voicecoach history | head`: the reader closing the pipe is a normal end, not an error. Python would
    otherwise complain again while flushing stdout at exit, so stdout is pointed at the null device."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
