"""`voicecoach reanalyze`: judge saved takes again with today's rules, keeping the reports they had.

Each take is analysed from its stored transcript against the judgement context stored with it (the
script version, rep, prospect, limit, thresholds of the day), so only the rules change. The previous
report stays in the take's history; the take is shown as "judged again on DATE".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["ReanalyzeError", "register", "run"]


class ReanalyzeError(ValueError):
    """Nothing, or something contradictory, asked for (printed as one line, exit 2)."""


def register(sub: Any) -> None:
    p = sub.add_parser("reanalyze", help="judge saved takes again with today's rules (the old report is kept)",
                       description="Judge saved takes again with today's analysis rules, against the context "
                                   "stored with each take. The previous report is kept.")
    p.add_argument("take_ids", nargs="*", type=int, metavar="TAKE_ID", help="take ids (see `voicecoach history`)")
    p.add_argument("--all", action="store_true", help="every take not in the trash")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from voicecoach.storage import open_store

    if args.all and args.take_ids:
        raise ReanalyzeError("give either --all or take ids, not both")
    if not args.all and not args.take_ids:
        raise ReanalyzeError("nothing to re-analyse: give take ids or --all")
    with open_store() as store:
        ids = store.takes_to_reanalyze() if args.all else list(dict.fromkeys(args.take_ids))
        missing = [str(i) for i in ids if not store.query("SELECT 1 FROM takes WHERE id = ?", [i])]
        if missing:  # stop before anything is changed
            raise ReanalyzeError(f"no take with id {', '.join(missing)}; `voicecoach history` lists the saved takes")
        done, failed = _each(store, ids, quiet=args.json)
    if args.json:
        print(json.dumps({"takes": done, "failed": failed}, ensure_ascii=False))
    elif not ids:
        print("No takes to re-analyse.")
    if not failed:
        return 0
    print(f"voicecoach: {len(done)} of {len(ids)} takes were judged again; {len(failed)} could not be "
          "(each is named above, and its earlier report is unchanged)", file=sys.stderr)
    return 2


def _each(store: Store, ids: list[int], *, quiet: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Judge take by take: a take that cannot be read is reported in one line and the rest carry on."""
    from voicecoach.storage.reanalysis import TakeUnreadableError

    done: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for take_id in ids:
        try:
            row = _one(store, take_id)
        except TakeUnreadableError as exc:
            failed.append({"id": take_id, "error": str(exc)})
            print(f"take {take_id}: {str(exc).removeprefix(f'take {take_id} ')}", file=sys.stderr)
            continue
        done.append(row)
        if not quiet:
            now = _result(row["verdict"], row["score"])
            before = _result(row["previous_verdict"], row["previous_score"])
            change = "unchanged" if now == before else f"was {before[:1].lower()}{before[1:]}"
            print(f"take {take_id}: {now} ({change}), judged again on {row['judged_at'][:10]}")
    return done, failed


def _result(verdict: dict[str, Any] | None, score: float | None) -> str:
    """The stored verdict with its score: "Not yet · 92"; a take nobody heard has no number."""
    from voicecoach.core.verdict import result_text

    text = result_text(verdict["value"] if verdict else None, score)
    return text[:1].upper() + text[1:]


def _sound_of(path: Path) -> Any:
    """The stored audio's sound signals, for the sound checks; None when it cannot be read."""
    from voicecoach.asr.sound_file import measure_file

    try:
        return measure_file(path)
    except (OSError, ValueError):
        return None


def _one(store: Store, take_id: int) -> dict[str, Any]:
    """One take judged again: its score and stored verdict before and after."""
    before = store.stored_verdicts([take_id]).get(take_id)
    previous_score = store.get_take(take_id).score
    after = store.reanalyze_take(take_id, measure=_sound_of)
    verdict = store.stored_verdicts([take_id]).get(take_id)
    return {"id": take_id, "previous_score": previous_score, "score": after.score,
            "previous_verdict": before.to_dict() if before else None, "verdict": verdict.to_dict() if verdict else None,
            "judged_at": after.judged_at.isoformat() if after.judged_at else None,
            "rebuilt_context": bool(after.judgement and after.judgement.rebuilt),
            "report": after.report_dict}

