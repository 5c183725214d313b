"""At Stop: what was shown live against what the report found, and why wherever they differ.

The final words can differ from the partials the checklist ticked on. The report may refine the live view
(a part it finds that did not tick, an amber tick heard cleanly in the end); it must never contradict a tick
without saying why. ``disagreements`` lists each tick the report contradicts, with the reason in the rep's
words ("heard as … in the final transcript"); an empty list means the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voicecoach.core import codes
from voicecoach.core.live import LiveState, Tick
from voicecoach.core.live_parts import COMPANY, LABELS, NAME, NUMBER, NUMBER_AGAIN
from voicecoach.core.transcript import Transcript


@dataclass(frozen=True, slots=True)
class Disagreement:
    part: str
    message: str


def _flag(report: Any, code: str) -> Any:
    return next((f for f in report.flags if f.code == code), None)


def accused_parts(report: Any) -> set[str]:
    """The parts the report says were not said (missing, or a number heard incomplete); doubtful ones are
    not accused, so they contradict no tick."""
    flag = _flag(report, codes.MISSING_CONTACT_INFO)
    if flag is None:
        return set()
    details = flag.details
    parts = set(details.get("missing", ())) | set(details.get("incomplete", ()))
    return parts - set(details.get("unverified_parts", ()))


def bent_parts(report: Any) -> dict[str, str]:
    """The parts the report says came out bent, with the words the final transcript shows for them."""
    flag = _flag(report, codes.CONTACT_MISHEARD)
    if flag is None:
        return {}
    out: dict[str, str] = {}
    for quote, ev in zip(flag.details.get("bent", ()), flag.evidence, strict=False):
        part = COMPANY if str(quote).startswith("your company") else NAME
        out[part] = str(ev.label).removeprefix("reads as ").strip("“”")
    return out


def final_words(transcript: Transcript | None, tick: Tick) -> str:
    """The final transcript's words over the time the tick was heard."""
    if transcript is None:
        return ""
    return " ".join(w.word for w in transcript.words if w.start < tick.end + 0.2 and w.end > tick.start - 0.2)


def _said_as(transcript: Transcript | None, tick: Tick) -> str:
    shown = final_words(transcript, tick)
    return f"heard as “{shown}” in the final transcript" if shown else "not in the final transcript at all"


def _not_repeated(report: Any) -> bool:
    flag = _flag(report, codes.CONTACT_NOT_REPEATED)
    return flag is not None and "number" in flag.details.get("parts", ())


def _message(part: str, tick: Tick, why: str) -> str:
    return f"{LABELS[part]} ticked at {tick.at:.0f} s while you spoke (“{tick.heard}”), but it was {why}."


def disagreements(state: LiveState | None, report: Any, transcript: Transcript | None) -> list[Disagreement]:
    """Each live tick the report contradicts, with why; [] when they agree (or nothing was shown live)."""
    if state is None or report is None:
        return []
    accused, bent = accused_parts(report), bent_parts(report)
    out: list[Disagreement] = []
    for tick in state.ticks:
        part = tick.part
        if part in accused or (part == NUMBER_AGAIN and NUMBER in accused):
            why = _said_as(transcript, tick) + ", so the report counts it as not said"
            out.append(Disagreement(part, _message(part, tick, why)))
        elif part in bent and not tick.bent:
            out.append(Disagreement(part, _message(part, tick, f"heard as “{bent[part]}” in the final transcript")))
        elif part == NUMBER_AGAIN and _not_repeated(report):
            end_fraction = report_fraction(report)
            why = (f"said again too early: the report wants it in the last {end_fraction:.0%} of the take, "
                   "when the prospect is ready to write it down")
            out.append(Disagreement(part, _message(part, tick, why)))
    return out


def report_fraction(report: Any) -> float:
    flag = _flag(report, codes.CONTACT_NOT_REPEATED)
    return float(flag.details.get("end_fraction", 0.4)) if flag is not None else 0.4


def agree(state: LiveState | None, report: Any, transcript: Transcript | None) -> bool:
    return not disagreements(state, report, transcript)


def summary(items: Sequence[Disagreement]) -> str:
    return " ".join(d.message for d in items)


__all__ = ["NUMBER", "Disagreement", "accused_parts", "agree", "bent_parts", "disagreements", "final_words",
           "report_fraction", "summary"]
