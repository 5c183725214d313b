"""`voicecoach history`: the saved takes, newest first, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from voicecoach.cli._text import shown
from voicecoach.core.when import local_text

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("history", help="list saved takes (newest first)",
                       description="List the takes saved with `analyze --save` or the app, newest first.")
    p.add_argument("--profile", metavar="REP", help="only this rep (id or name)")
    p.add_argument("--script", metavar="SCRIPT", help="only this script (id or title)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N takes (default 50; 0 = all)")
    p.add_argument("--trash", action="store_true", help="list the takes in the trash instead")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from voicecoach.cli._store import open_for_reading

    if args.limit < 0:
        raise ValueError("--limit cannot be negative")
    with open_for_reading() as store:
        profile_id = store.pick_profile(args.profile).id if args.profile else None
        script_id = store.pick_script(args.script).id if args.script else None
        takes = store.list_takes(profile_id, script_id, trashed_only=args.trash, limit=args.limit or None)
        titles = {v["id"]: v["title"] for v in store.query("SELECT id, title FROM script_versions")}
        names = {p.id: p.profile.name for p in store.list_profiles()}
        verdicts = store.stored_verdicts(t.id for t in takes)
    rows = [{
        "id": t.id, "started_at": t.started_at.isoformat(), "rep": names.get(t.profile_id, ""),
        "script": titles.get(t.script_version_id, ""), "script_id": t.script_id, "attempt": t.attempt,
        "verdict": verdicts[t.id].to_dict() if t.id in verdicts else None,
        # a take the app couldn't hear has no score, and its pace was worked out from words it does not trust
        "score": t.score if t.heard else None, "speech_seconds": round(t.speech_seconds, 1),
        "wpm": t.wpm if t.heard else None, "flags": list(t.flag_codes),
        "audio": str(t.audio_path) if t.audio_path else None, "trashed": t.trashed,
    } for t in takes]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No takes saved yet." if not args.trash else "The trash is empty.")
        return 0
    print(f"{'id':>5}  {'when':16}  {'script':24} {'take':>4} {'verdict':17} {'score':>5} {'secs':>5}  flags")
    for row, take in zip(rows, takes, strict=True):
        when = local_text(take.started_at, "%Y-%m-%d %H:%M")
        score = "-" if row["score"] is None else f"{row['score']:.0f}"
        verdict = row["verdict"]["label"] if row["verdict"] else "-"
        print(f"{row['id']:>5}  {when:16}  {_clip(row['script'], 24):24} {row['attempt']:>4} {verdict:17} {score:>5} "
              f"{row['speech_seconds']:>5.1f}  {', '.join(row['flags']) or '-'}")
    return 0


def _clip(text: str, width: int) -> str:
    text = shown(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"
