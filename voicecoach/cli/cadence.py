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

__all__ = ["format_cadence_lint", "register", "run_calls", "run_lint", "run_list", "run_show"]

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
    calls = actions.add_parser("calls", help="before a call block: each prospect's next voicemail, and who is ready")
    calls.add_argument("call_list", metavar="LIST.csv", help="prospect, company, trigger, attempt (one row each)")
    calls.add_argument("--cadence", required=True, metavar="FILE", help="the cadence the attempts belong to")
    calls.add_argument("--rep", metavar="REP", help="the rep (id or name; default: who practised last)")
    calls.add_argument("--json", action="store_true", help="print exactly one JSON object")
    calls.set_defaults(func=run_calls)


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


def run_calls(args: argparse.Namespace) -> int:
    """Each prospect's next voicemail with {prospect} and {trigger} filled, and whether that attempt is ready
    (the rep's saved takes); nothing is dialled and nothing leaves the computer."""
    from voicecoach.cli._store import open_for_reading
    from voicecoach.core.call_list import call_summary, load_call_list
    from voicecoach.core.script import fill_placeholders

    cadence = _cadence(args.cadence)
    calls = load_call_list(args.call_list, len(cadence.attempts))
    with open_for_reading() as store:
        rep = store.pick_profile(args.rep)
        progress = store.cadence_progress(rep.id, cadence.name, cadence.topics)
    ready = {a.attempt: a.ready for a in progress.attempts}
    rows = []
    for call in calls:
        step = cadence.attempt(call.attempt)
        text = fill_placeholders(step.script.text, rep.profile, prospect=call.prospect, referral=step.script.referral,
                                 trigger=call.trigger)
        rows.append({"prospect": call.prospect, "company": call.company, "trigger": call.trigger,
                     "attempt": step.number, "day": step.day, "topic": step.topic,
                     "ready": ready.get(step.number, False), "script": text})
    summary = call_summary(r["ready"] for r in rows)
    if args.json:
        print(json.dumps({"cadence": cadence.name, "rep": rep.profile.name, "summary": summary, "calls": rows},
                         ensure_ascii=False))
        return 0
    for r in rows:
        who = r["prospect"] + (f" ({r['company']})" if r["company"] else "")
        state = "ready" if r["ready"] else "to practise"
        print(f"{who} · attempt {r['attempt']}, day {r['day']}: {r['topic']} · {state}")
        print("\n".join("    " + line for line in r["script"].splitlines()))
        print()
    print(summary)
    return 0


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
