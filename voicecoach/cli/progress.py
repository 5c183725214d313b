"""`voicecoach progress`: how a rep is doing on a script (or overall) over their takes."""

from __future__ import annotations

import argparse
import json
from typing import Any

from voicecoach.cli._text import shown

__all__ = ["register", "run"]

_BARS = "▁▂▃▄▅▆▇█"


def register(sub: Any) -> None:
    p = sub.add_parser("progress", help="score trend, personal best, streak, common issues, readiness",
                       description="Show a rep's progress over saved takes, for one script or all of them.")
    p.add_argument("--profile", metavar="REP", help="the rep (id or name; default: who practised last)")
    p.add_argument("--script", metavar="SCRIPT", help="one script (id or title; default: all scripts)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from voicecoach.cli._store import open_for_reading

    with open_for_reading() as store:
        rep = store.pick_profile(args.profile)
        script = store.pick_script(args.script) if args.script else None
        progress = store.progress(rep.id, script.id if script else None)
        latest = [progress.latest.id] if progress.latest is not None else []
        verdicts = store.stored_verdicts([p.take_id for p in progress.trend] + latest)
    if args.json:
        out = _as_json(rep.profile.name, script.title if script else None, progress, verdicts)
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{shown(rep.profile.name)} — {shown(script.title) if script else 'all scripts'}")
    if not progress.takes or progress.latest is None:
        print("No takes yet.")
        return 0
    scores = [p.score for p in progress.trend if p.score is not None]
    print(f"Takes {progress.takes}; days practised {progress.days_practised}; current streak "
          f"{progress.current_streak} day{'s' if progress.current_streak != 1 else ''}")
    if scores and progress.best is not None and progress.best.score is not None:
        print(f"Score trend {_spark(scores[-20:])}  first {scores[0]:.0f}, latest {scores[-1]:.0f}, "
              f"best {progress.best.score:.0f} (takes I couldn't hear left out)")
    print(_latest_line(progress.latest, verdicts.get(progress.latest.id)))
    if progress.top_flags:
        top = progress.top_flags[0]
        print(f"Most common issue: {top.code} ({top.count} of {progress.takes} takes)")
    print(f"Ready to call: {'yes' if progress.ready else 'not yet'} — {progress.readiness.reason}")
    return 0


def _latest_line(take: Any, verdict: Any) -> str:
    """The latest take's stored verdict and figures; pace and fillers only when the app heard the words."""
    said = f"{verdict.label} — {'; '.join(verdict.reasons)}" if verdict is not None else "not judged"
    figures = f"{take.speech_seconds:.1f} s"
    if take.heard:
        figures += (f", {take.wpm:.0f} wpm" if take.wpm else "") + (
            f", fillers {take.filler_rate:.0%} of words" if take.filler_rate is not None else "")
    return f"Latest take: {said} ({figures})"


def _spark(values: list[float]) -> str:
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(_BARS[min(len(_BARS) - 1, int((v - low) / span * (len(_BARS) - 1) + 0.5))] for v in values)


def _as_json(rep: str, script: str | None, progress: Any, verdicts: dict[int, Any]) -> dict[str, Any]:
    def verdict(take_id: int) -> dict[str, Any] | None:
        v = verdicts.get(take_id)
        return v.to_dict() if v is not None else None

    def point(p: Any) -> dict[str, Any]:
        return {"take_id": p.take_id, "started_at": p.started_at.isoformat(), "attempt": p.attempt, "score": p.score,
                "speech_seconds": p.speech_seconds, "wpm": p.wpm, "filler_rate": p.filler_rate,
                "verdict": verdict(p.take_id) or ({"value": p.verdict.value} if p.verdict else None)}

    latest = progress.latest
    return {
        "rep": rep, "script": script, "takes": progress.takes, "trend": [point(p) for p in progress.trend],
        "best": point(progress.best) if progress.best else None, "days_practised": progress.days_practised,
        "current_streak": progress.current_streak,
        "latest": None if latest is None else {
            "take_id": latest.id, "started_at": latest.started_at.isoformat(), "verdict": verdict(latest.id),
            "score": latest.score if latest.heard else None, "wpm": latest.wpm if latest.heard else None,
            "speech_seconds": latest.speech_seconds},
        "top_flags": [{"code": f.code, "count": f.count} for f in progress.top_flags],
        "ready": progress.ready, "readiness": progress.readiness.reason,
    }
