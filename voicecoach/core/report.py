"""One take in, one report out: metrics, flags and a score the rep can trace back to the flags.

Score: start at 100; each error costs ``score_error_points`` (missing contact info costs that per missing
or incomplete part), each warning ``score_warning_points``, each tip ``score_tip_points`` (all tips
together at most ``score_tip_cap``); notes about the tooling cost nothing; never below 0. A take with no
words scores 0. ``score_breakdown`` lists every deduction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from voicecoach.core import codes
from voicecoach.core.checks import ALL_CHECKS, build_context
from voicecoach.core.checks.context import CheckContext
from voicecoach.core.checks.hook import hook_delay_seconds, hook_seconds
from voicecoach.core.checks.pace import number_digits_per_second, pauses, words_per_minute
from voicecoach.core.checks.rambling import filler_figures, rambling_signals
from voicecoach.core.checks.recognition import apply_reliability
from voicecoach.core.checks.sound import sound_metrics
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.judgement import JudgementContext
from voicecoach.core.settings import Settings
from voicecoach.core.sound import SoundSignals
from voicecoach.core.take_view import TakeView, take_view
from voicecoach.core.transcript import Transcript
from voicecoach.core.verdict import Verdict, judge

__all__ = ["FREE_CODES", "REPORT_VERSION", "Report", "ReportError", "analyze", "score_flags"]

REPORT_VERSION = 1
FREE_CODES = frozenset({codes.FILLER_DETECTION_LIMITED, codes.RECOGNITION_UNRELIABLE})


class ReportError(ValueError):
    """A stored report that cannot be read back."""


@dataclass(frozen=True, slots=True)
class Report:
    speech_seconds: float
    words: int
    wpm: float
    score: int
    flags: tuple[Flag, ...] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)
    score_breakdown: Mapping[str, Any] = field(default_factory=dict)
    view: TakeView | None = None  # highlights, pauses, markers, the prospect's text: what the views show
    # Ready to send / nearly / not yet / couldn't hear you, judged from the flags (core.verdict); a report
    # built without one (stored before verdicts existed) is judged from its flags here.
    verdict: Verdict = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.verdict is None:
            object.__setattr__(self, "verdict", judge(self.flags, self.words))

    @property
    def provisional(self) -> bool:
        """True when the recognition was unreliable: the score leaves out everything that reads the words."""
        return bool(self.score_breakdown.get("provisional"))

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def has(self, code: str) -> bool:
        return any(f.code == code for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "version": REPORT_VERSION,
            "speech_seconds": self.speech_seconds,
            "words": self.words,
            "wpm": self.wpm,
            "score": self.score,
            "flags": [f.to_dict() for f in self.flags],
            "metrics": dict(self.metrics),
            "score_breakdown": dict(self.score_breakdown),
            "verdict": self.verdict.to_dict(),
        }
        if self.view is not None:
            out["view"] = self.view.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        try:
            flags = tuple(Flag.from_dict(f) for f in data.get("flags", ()))
            words = int(data["words"])
            return cls(
                speech_seconds=float(data["speech_seconds"]),
                words=words,
                wpm=float(data["wpm"]),
                score=int(data["score"]),
                flags=flags,
                metrics=dict(data.get("metrics", {})),
                score_breakdown=dict(data.get("score_breakdown", {})),
                view=TakeView.from_dict(data["view"]) if data.get("view") else None,
                verdict=Verdict.from_dict(data["verdict"]) if data.get("verdict") else judge(flags, words),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ReportError(f"not a VoiceCoach report: {exc}") from None


def score_flags(flags: tuple[Flag, ...] | list[Flag], words: int, settings: Settings) -> dict[str, Any]:
    """The score and every deduction behind it."""
    s = settings
    formula = (
        f"100 - {s.score_error_points} per error (per missing part of the contact info) - "
        f"{s.score_warning_points} per warning - {s.score_tip_points} per tip (tips at most {s.score_tip_cap})"
    )
    if words == 0:
        return {"start": 100, "deductions": [], "formula": formula, "score": 0, "note": "nothing was said"}
    deductions: list[dict[str, Any]] = []
    tips = 0
    for f in flags:
        if f.code in FREE_CODES or f.details.get("unverified"):
            points = 0
        elif f.severity == Severity.ERROR:
            units = 1
            if f.code == codes.MISSING_CONTACT_INFO:
                units = max(1, len(f.details.get("missing", ())) + len(f.details.get("incomplete", ())))
            points = s.score_error_points * units
        elif f.severity == Severity.WARNING:
            points = s.score_warning_points
        else:
            points = max(0, min(s.score_tip_points, s.score_tip_cap - tips))
            tips += points
        deductions.append({"code": f.code, "severity": str(f.severity), "points": points})
    total = sum(d["points"] for d in deductions)
    out = {"start": 100, "deductions": deductions, "formula": formula, "score": max(0, 100 - total)}
    if any(f.code == codes.RECOGNITION_UNRELIABLE for f in flags):
        out["provisional"] = True
        out["note"] = "provisional: the recognition was unreliable, so flags that depend on your words cost nothing"
    return out


def _metrics(transcript: Transcript, ctx: CheckContext) -> dict[str, Any]:
    gaps = [g for _, g in pauses(transcript)]
    contact = ctx.contact
    al = ctx.alignment
    dps = number_digits_per_second(ctx)
    filler_count, filler_rate = filler_figures(transcript, ctx)
    return {
        "filler_count": filler_count,
        "filler_rate": round(filler_rate, 4),
        "fillers": [h.text for h in ctx.fillers] + ["(held uhh)"] * len(ctx.extra_filled_pauses),
        "restarts": len(ctx.restarts),
        "longest_pause": round(max(gaps, default=0.0), 2),
        "long_pauses": sum(g > ctx.settings.dead_air_seconds for g in gaps),
        "low_confidence_words": sum(w.conf < ctx.settings.low_confidence for w in transcript.words),
        "script_coverage": round(al.coverage, 4) if al is not None else None,
        "unplanned_share": round(al.unplanned_share, 4) if al is not None else None,
        "plan_words": len(al.plan) if al is not None else None,
        "number_digits_per_second": round(dps, 2) if dps is not None else None,
        "time_limit": ctx.time_limit,
        "contact": {
            "name": bool(contact.name) if contact.profile else None,
            "company": bool(contact.company) if contact.profile else None,
            "number": contact.number.complete,
            "number_heard_digits": contact.number.heard_digits,
            "number_total_digits": contact.number.total_digits,
            "number_mentions": len(contact.number.mentions),
            "website": None if contact.website is None else bool(contact.website),
            "email": None if contact.email is None else bool(contact.email),
        },
        "rambling_signals": rambling_signals(transcript, ctx),
        "hook_seconds": hook_seconds(transcript, ctx),
        "hook_delay_seconds": hook_delay_seconds(transcript, ctx),
        **sound_metrics(transcript, ctx),
        "recognition": ctx.reliability.to_dict() if ctx.reliability is not None else None,
    }


def analyze(transcript: Transcript, judgement: JudgementContext | None = None, /, *,
            signals: SoundSignals | None = None, **given: Any) -> Report:
    """Analyse one take against its judgement context, once: flags, score, and what the views show.

    Keyword arguments instead of a context (``script=``, ``profile=``, ``time_limit=`` …) build one with
    ``judgement_for``: a shortcut for tests and scripts; the CLI and the GUI build the context themselves.
    ``signals`` are what ``voicecoach.acoustics`` measured in the take's recording (None for a transcript
    alone: the sound checks then say they need it).
    """
    ctx = build_context(transcript, judgement, signals=signals, **given)
    flags: list[Flag] = []
    for check in ALL_CHECKS:
        flags.extend(check(transcript, ctx))
    flags = apply_reliability(flags, ctx)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.TIP: 2}
    flags.sort(key=lambda f: (f.code != codes.RECOGNITION_UNRELIABLE, order[f.severity]))
    breakdown = score_flags(flags, len(transcript.words), ctx.settings)
    return Report(
        speech_seconds=round(transcript.speech_seconds, 2),
        words=len(transcript.words),
        wpm=round(words_per_minute(transcript), 1),
        score=int(breakdown["score"]),
        flags=tuple(flags),
        metrics=_metrics(transcript, ctx),
        score_breakdown=breakdown,
        view=take_view(transcript, ctx, flags),
        verdict=judge(flags, len(transcript.words)),
    )
