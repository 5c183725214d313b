"""`voicecoach cadence list | show NAME | lint FILE`: the planned series of voicemails (docs/cadences.md).

`lint` exits 0 when the cadence passes, 1 when anything is an error or a warning; exit 2 with one line on
stderr for a cadence, script or profile that cannot be read.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from voicecoach.cli.analyze import load_settings
from voicecoach.core.cadence import Cadence, CadenceError
from voicecoach.core.cadence_lint import CadenceLint, lint_cadence
from voicecoach.core.flags import Severity
from voicecoach.core.profile import load_profile
from voicecoach.storage.cadence_files import find_cadence, list_cadences

_MARK = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.TIP: "TIP  "}


def register(sub: Any) -> None:
    p = sub.add_parser("cadence", help="planned series of voicemails: list, show, lint",
                       description="A cadence is a planned series of voicemails, one topic each.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the sample cadences and yours")
    listing.add_argument("--json", action="store_true", help="print exactly one JSON object")
    listing.set_defaults(func=run_list)
    show = actions.add_parser("show", help="every attempt of a cadence: day, topic, script")
    show.add_argument("cadence", metavar="NAME", help="a cadence's name or its .toml file")
    show.add_argument("--json", action="store_true", help="print exactly one JSON object")
    show.set_defaults(func=run_show)
    lint = actions.add_parser("lint", help="check a whole cadence before rehearsing it")
    lint.add_argument("cadence", metavar="FILE", help="a cadence .toml file (or a listed cadence's name)")
    lint.add_argument("--profile", "-p", metavar="P.json", help="your contact details, to fill placeholders")
    lint.add_argument("--wpm", type=float, default=150.0, help="speaking pace for the estimate (default 150)")
    lint.add_argument("--settings", metavar="S.json", help="JSON file overriding thresholds")
    lint.add_argument("--json", action="store_true", help="print exactly one JSON object")
    lint.set_defaults(func=run_lint)


def run_list(args: argparse.Namespace) -> int:
    items = list_cadences()
    if args.json:
        rows = [{"name": c.name, "path": str(c.path), "sample": c.sample, "problem": c.problem,
                 "attempts": len(c.cadence.attempts) if c.cadence else None} for c in items]
        print(json.dumps({"cadences": rows}, ensure_ascii=False))
        return 0
    if not items:
        print("No cadences yet.")
    for c in items:
        if c.cadence is None:
            print(f"{c.path.name}: cannot be read: {c.problem}")
            continue
        days = ", ".join(str(a.day) for a in c.cadence.attempts)
        kind = " (sample)" if c.sample else ""
        print(f"{c.name}{kind}: {len(c.cadence.attempts)} voicemails, days {days}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    cadence = _cadence(args.cadence)
    if args.json:
        print(json.dumps(_as_dict(cadence), ensure_ascii=False))
        return 0
    lines = [cadence.name + (f": {cadence.description}" if cadence.description else "")]
    for a in cadence.attempts:
        source = f" ({a.source})" if a.source else ""
        lines += ["", f"Attempt {a.number}, day {a.day}: {a.topic}", f"  {a.title}{source}"]
        lines += ["    " + line for line in a.script.text.splitlines()]
    print("\n".join(lines))
    return 0


def run_lint(args: argparse.Namespace) -> int:
    if not 40 <= args.wpm <= 400:
        raise ValueError("--wpm must be between 40 and 400")
    settings = load_settings(args.settings)
    cadence = _cadence(args.cadence)
    profile = load_profile(args.profile) if args.profile else None
    result = lint_cadence(cadence, profile=profile, settings=settings, wpm=args.wpm)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(format_cadence_lint(result))
    return 0 if result.passed else 1


def _cadence(ref: str) -> Cadence:
    found = find_cadence(ref)
    if found.cadence is None:
        raise CadenceError(found.problem or f"cannot read {found.path}")
    return found.cadence


def _as_dict(cadence: Cadence) -> dict[str, Any]:
    return {"cadence": cadence.name, "description": cadence.description, "follow_up": cadence.follow_up,
            "attempts": [{"attempt": a.number, "day": a.day, "topic": a.topic, "title": a.title,
                          "script": a.source, "text": a.script.text, "limit": a.script.time_limit,
                          "referral": a.script.referral, "follow_up": a.follow_up} for a in cadence.attempts]}


def format_cadence_lint(result: CadenceLint) -> str:
    lines = [f"{result.name}: {len(result.attempts)} voicemails"]
    for f in result.flags:
        lines.append(f"{_MARK[f.severity]} [{f.code}] {f.message}")
    for item in result.attempts:
        a, lint = item.attempt, item.lint
        lines += ["", f"Attempt {a.number}, day {a.day}: {a.topic} (about {lint.estimated_seconds:.0f} s, "
                      f"limit {lint.time_limit:g} s)"]
        lines += [f"  {_MARK[f.severity]} [{f.code}] {f.message}" for f in lint.flags]
    lines += ["", "The cadence passes." if result.passed else "The cadence does not pass yet."]
    return "\n".join(lines)
