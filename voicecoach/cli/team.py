"""`voicecoach team join | leave | sync | status`: a coach's team on a folder the team already shares."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.cli._text import shown
from voicecoach.cli.main import CliError
from voicecoach.core.when import local_text

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["register", "run_join", "run_leave", "run_status", "run_sync"]


def register(sub: Any) -> None:
    p = sub.add_parser("team", help="share takes with a coach through a shared folder (join, leave, sync, status)",
                       description="Reps publish their takes into a shared folder (a network share, Syncthing, "
                                   "Dropbox…); the coach pulls them and writes notes and goals back. See docs/team.md.")
    team = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    j = team.add_parser("join", help="join a team folder as a rep (default) or as the coach")
    j.add_argument("folder", metavar="DIR", help="the shared folder (it must exist)")
    j.add_argument("--as-coach", action="store_true", help="join as the coach: pull every rep, publish notes")
    j.add_argument("--profile", metavar="REP", help="the rep whose takes to publish (default: who practised last)")
    j.add_argument("--rep-id", metavar="ID", help="your folder name in the team (default: made from your name)")
    j.add_argument("--audio", action="store_true", help="publish recordings too (larger; off by default)")
    j.add_argument("--coach", metavar="ID", help="a rep's coach: take notes and goals from this coach folder only "
                                                 "(default: the first coach who writes to you)")
    j.set_defaults(func=run_join)
    team.add_parser("leave", help="stop syncing (nothing is deleted)").set_defaults(func=run_leave)
    team.add_parser("sync", help="publish new takes or notes, then pull the others'").set_defaults(func=run_sync)
    s = team.add_parser("status", help="the team folder and, for a coach, every rep's progress")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(func=run_status)


def run_join(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store
    from voicecoach.storage.team import join

    with open_store() as store:
        profile_id = store.pick_profile(args.profile).id if args.profile and not args.as_coach else None
        m = join(store, Path(args.folder), as_coach=args.as_coach, profile_id=profile_id, member_id=args.rep_id,
                 publish_audio=args.audio, coach_id=None if args.as_coach else args.coach)
    role = "the coach" if args.as_coach else "a rep"
    print(f"joined {m.folder} as {role}; this laptop writes only into {m.own_folder}")
    return 0


def run_leave(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store
    from voicecoach.storage.team import leave

    with open_store() as store:
        was = leave(store)
    print(f"left the team folder {was.folder}; nothing was deleted" if was else "not in a team")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store
    from voicecoach.storage.team import sync

    with open_store() as store:
        m = _membership(store)
        out = sync(store, m)
    if not out.available:
        print(f"voicecoach: the team folder {m.folder} is not available (offline or not mounted); "
              "nothing was synced", file=sys.stderr)
        return 1
    if out.busy:
        print("voicecoach: another sync of this data folder is running (the app or another command); "
              "nothing was done, try again when it has finished", file=sys.stderr)
        return 3
    print(shown(out.describe()))
    for line in out.messages:
        print(f"  {shown(line)}")
    return 1 if out.errors else 0


def run_status(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store
    from voicecoach.storage.team import publish_state, team_status

    with open_store() as store:
        m = _membership(store)
        reps = team_status(store)
        mine = publish_state(store, m) if m.role.value == "rep" else None
    if args.json:
        print(json.dumps({
            "folder": str(m.folder), "role": m.role.value, "id": m.member_id, "available": m.available(),
            "publish_audio": m.publish_audio, "coach_id": m.coach_id, "last_sync_at": m.last_sync_at,
            "last_sync": m.last_sync_summary,
            "published": mine.published if mine else None, "waiting": mine.waiting if mine else None,
            "reps": [r.to_dict() for r in reps]}, ensure_ascii=False))
        return 0
    state = "available" if m.available() else "NOT available (offline or not mounted)"
    print(f"Team folder {m.folder} ({state}); you are {m.role.value} {m.member_id}")
    summary = f" — {shown(m.last_sync_summary)}" if m.last_sync_summary else ""
    print(f"Last sync: {m.last_sync_at or 'never'}{summary}")
    if m.role.value == "rep":
        source = f"coach {shown(m.coach_id)}" if m.coach_id else "the first coach who writes to you"
        print(f"Notes and goals from: {source}")
    if mine is not None:
        print(f"Published {mine.published} take{'s' if mine.published != 1 else ''}; "
              f"{mine.waiting} waiting for the next sync")
    if reps:
        print(_table(reps))
    elif m.role.value == "coach":
        print("No reps pulled yet.")
    return 0


def _membership(store: Store) -> Any:
    from voicecoach.storage.team import current

    m = current(store)
    if m is None:
        raise CliError("not in a team; join one with `voicecoach team join DIR`")
    return m


def _table(reps: list[Any]) -> str:
    from voicecoach.core.verdict import result_text

    head = ("rep", "this week", "latest", "best", "ready", "most frequent issue", "last practised", "cadence")
    rows = [head] + [(
        shown(r.name), str(r.takes_this_week), result_text(r.latest_verdict, r.latest_score), _score(r.best_score),
        "yes" if r.ready else "not yet",
        f"{shown(r.top_issue)} ({r.top_issue_count})" if r.top_issue else "-",
        local_text(r.last_practised, "%Y-%m-%d %H:%M", "never"),
        shown(r.cadence) if r.cadence else "-",
    ) for r in reps]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"
