"""Rambling: the take wanders instead of making one point.

Four independent signals, so the check still works when the speech model never prints "um" or "uh":
fillers (in context), restarts and repeated words, words that match nothing in the plan, and far more
words than the plan. The flag lists every reason that fired with its number and threshold.
"""

from __future__ import annotations

from typing import Any

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence, group_indexes
from voicecoach.core.filled_pauses import FILLED_PAUSE_LABEL, FilledPause
from voicecoach.core.flags import Evidence, Flag, Severity
from voicecoach.core.transcript import Transcript

__all__ = ["check_rambling", "filler_figures", "rambling_flag", "rambling_signals"]


def filler_figures(transcript: Transcript, ctx: CheckContext) -> tuple[int, float]:
    """Fillers (in the words, plus held "uhh"s only the sound showed) and their share of all tokens.

    A filled pause between words is a token of its own, so it also counts in the denominator.
    """
    count = ctx.filler_count
    tokens = len(transcript.words) + sum(p.word_index is None for p in ctx.extra_filled_pauses)
    return count, (count / tokens if tokens else 0.0)


def rambling_signals(transcript: Transcript, ctx: CheckContext) -> list[dict[str, Any]]:
    """Every signal with its value, threshold and whether it fired (shown in details and metrics)."""
    s = ctx.settings
    fillers, rate = filler_figures(transcript, ctx)
    signals: list[dict[str, Any]] = [
        {
            "reason": "fillers",
            "value": fillers,
            "rate": round(rate, 3),
            "threshold": s.rambling_min_fillers,
            "rate_threshold": s.rambling_filler_rate,
            "fired": fillers >= s.rambling_min_fillers and rate >= s.rambling_filler_rate,
            "text": f"{fillers} fillers{_held(ctx)} ({rate:.0%} of words; limit {s.rambling_min_fillers} "
            f"and {s.rambling_filler_rate:.0%})",
        },
        {
            "reason": "restarts",
            "value": len(ctx.restarts),
            "threshold": s.rambling_restarts,
            "fired": len(ctx.restarts) >= s.rambling_restarts,
            "text": f"{len(ctx.restarts)} restarts or repeated words (limit {s.rambling_restarts})",
        },
    ]
    al = ctx.alignment
    if al is not None and al.plan:
        share = al.unplanned_share
        signals.append(
            {
                "reason": "off_plan",
                "value": round(share, 3),
                "threshold": s.rambling_off_plan_share,
                "fired": al.spoken_count >= s.rambling_off_plan_min_words and share >= s.rambling_off_plan_share,
                "text": f"{share:.0%} of your words were not in the script (limit {s.rambling_off_plan_share:.0%})",
            }
        )
        ratio = al.spoken_count / len(al.plan)
        signals.append(
            {
                "reason": "too_many_words",
                "value": round(ratio, 2),
                "threshold": s.rambling_plan_word_ratio,
                "fired": ratio >= s.rambling_plan_word_ratio,
                "text": f"{al.spoken_count} words for a {len(al.plan)}-word script "
                f"({ratio:.1f}×; limit {s.rambling_plan_word_ratio:g}×)",
            }
        )
    return signals


def _held(ctx: CheckContext) -> str:
    n = len(ctx.extra_filled_pauses)
    if n == 0:
        return ""
    return f", {n} of them a held “uhh” or “umm” heard in the sound" if n > 1 else ", 1 a held “uhh” heard in the sound"


def _pause_evidence(pause: FilledPause) -> Evidence:
    indexes = (pause.word_index,) if pause.word_index is not None else ()
    return Evidence(indexes, round(pause.start, 2), round(pause.end, 2), FILLED_PAUSE_LABEL)


def rambling_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    signals = rambling_signals(transcript, ctx)
    fired = [sig for sig in signals if sig["fired"]]
    if not fired:
        return None
    words = transcript.words
    ev: list[Evidence] = []
    reasons = {sig["reason"] for sig in fired}
    if "fillers" in reasons:
        ev.extend(evidence(words, h.first, h.last, f"filler: {h.text}") for h in ctx.fillers)
        ev.extend(_pause_evidence(p) for p in ctx.extra_filled_pauses)
    if "restarts" in reasons:
        ev.extend(evidence(words, h.first, h.last, f"restart: {h.text}") for h in ctx.restarts)
    if reasons & {"off_plan", "too_many_words"} and ctx.alignment is not None:
        ev.extend(evidence(words, a, b, "not in the script") for a, b in group_indexes(ctx.alignment.unplanned))
    message = (
        "Your message wanders: "
        + "; ".join(sig["text"] for sig in fired)
        + ". Stick to one reason to call and practise until it flows."
    )
    return Flag(codes.RAMBLING, Severity.WARNING, message, tuple(ev), {"reasons": fired, "signals": signals})


def check_rambling(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    flag = rambling_flag(transcript, ctx)
    return [flag] if flag else []
