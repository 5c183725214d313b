"""`voicecoach lint-script S.txt`: check a planned script before recording it.

Exit 0 whatever is flagged; exit 2 with one line on stderr for a script or profile that cannot be read.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from voicecoach.cli.analyze import load_settings
from voicecoach.core.flags import Severity
from voicecoach.core.lint import ScriptLint, lint_script
from voicecoach.core.profile import load_profile
from voicecoach.core.script import load_script

__all__ = ["format_lint", "register", "run"]

_MARK = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.TIP: "TIP  "}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "lint-script",
        help="check a script: length, contact details early and at the end, placeholders",
        description="Check a planned voicemail script before recording it.",
    )
    p.add_argument("script", metavar="S.txt", help="script file (plain text, optional front matter)")
    p.add_argument("--profile", "-p", metavar="P.json", help="your contact details, to fill placeholders")
    p.add_argument("--wpm", type=float, default=150.0, help="speaking pace for the estimate (default 150)")
    p.add_argument("--limit", type=float, metavar="SECONDS", help="time limit (default: script's, else 30)")
    p.add_argument("--settings", metavar="S.json", help="JSON file overriding thresholds")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 40 <= args.wpm <= 400:
        raise ValueError("--wpm must be between 40 and 400")
    if args.limit is not None and not 0 < args.limit <= 600:
        raise ValueError("--limit must be between 0 and 600 seconds")
    settings = load_settings(args.settings)
    script = load_script(args.script)
    profile = load_profile(args.profile) if args.profile else None
    limit = args.limit if args.limit is not None else script.time_limit
    result = lint_script(script.text, profile=profile, wpm=args.wpm, settings=settings, time_limit=limit)
    if args.json:
        out = result.to_dict()
        out["title"] = script.title
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(format_lint(result, script.title))
    return 0


def format_lint(result: ScriptLint, title: str | None = None) -> str:
    head = f"{title}: " if title else ""
    lines = [
        f"{head}about {result.estimated_seconds:.0f} s at {result.wpm:g} words per minute "
        f"({result.words} words, limit {result.time_limit:g} s)",
        "",
    ]
    if not result.flags:
        lines.append("No problems found.")
    lines += [f"{_MARK[f.severity]} [{f.code}] {f.message}" for f in result.flags]
    return "\n".join(lines)
