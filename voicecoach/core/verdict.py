"""The verdict on a take, in the words a coach would sign: ready to send, nearly, not yet, couldn't hear you.

Decided once, with the report, from the flags and never from the score (docs/analysis.md, "Verdict"):

1. ``recognition_unreliable``, or no words at all: **couldn't hear you**, whatever else was flagged.
2. Any error, or any of ``missing_contact_info``, ``overrun``, ``rambling`` that accuses (a flag marked
   unverified accuses no one): **not yet**.
3. Any other warning that accuses: **nearly**.
4. Otherwise (tips only, or nothing): **ready to send**. Tips never hold a take back.

Each verdict carries its reasons in the rep's words ("Rambling: 7 fillers"), and ``explain(score)`` says
why the score and the verdict can differ (a 92 that is "not yet", a 78 that is "nearly").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from voicecoach.core import codes
from voicecoach.core.flags import Flag, Severity

# The three things the app exists to catch: each one holds a take back even when it is only a warning.
BLOCKING_CODES = frozenset({codes.MISSING_CONTACT_INFO, codes.OVERRUN, codes.RAMBLING})


class VerdictValue(StrEnum):
    READY = "ready"
    NEARLY = "nearly"
    NOT_YET = "not_yet"
    COULDNT_HEAR = "couldnt_hear"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    VerdictValue.READY: "Ready to send",
    VerdictValue.NEARLY: "Nearly",
    VerdictValue.NOT_YET: "Not yet",
    VerdictValue.COULDNT_HEAR: "Couldn't hear you",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    value: VerdictValue
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.value.label

    @property
    def heard(self) -> bool:
        """False when the app could not hear the take: it is no result, and its word figures are unverified."""
        return self.value is not VerdictValue.COULDNT_HEAR

    @property
    def ready(self) -> bool:
        return self.value is VerdictValue.READY

    def explain(self, score: float | None) -> str:
        """One sentence tying the score to the verdict, e.g. why a 92 is "not yet"."""
        listed = "; ".join(_lower_first(r) for r in self.reasons)
        if self.value is VerdictValue.COULDNT_HEAR:
            first = _lower_first(self.reasons[0]) if self.reasons else "I couldn't hear it"
            return f"No score: this take is not a result — {first}."  # what to check is in its reasons
        scored = f"Scored {score:.0f}" if score is not None else "No score"
        if self.value is VerdictValue.NOT_YET:
            return f"{scored}, but not yet — {listed}. Fix that before you send it."
        if self.value is VerdictValue.NEARLY:
            return (f"{scored}: nearly ready. Nothing stops this voicemail from working, "
                    f"but polish it first — {listed}.")
        return f"{scored}: ready to send — " + "; ".join(_lower_first(r) for r in self.reasons) + "."

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value.value, "label": self.label, "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """Raises ValueError for a value that is not a verdict."""
        reasons = data.get("reasons") or ()
        if isinstance(reasons, str) or not isinstance(reasons, list | tuple):
            raise ValueError("verdict reasons must be a list")
        return cls(VerdictValue(data["value"]), tuple(str(r) for r in reasons))


def accuses(flag: Flag) -> bool:
    """A flag that blames the rep: an error or warning the app could verify."""
    return flag.severity is not Severity.TIP and not flag.details.get("unverified")


def judge(flags: Iterable[Flag], words: int) -> Verdict:
    """The verdict on a take from its flags (and whether any word was heard); never from the score."""
    flags = list(flags)
    unreliable = [f for f in flags if f.code == codes.RECOGNITION_UNRELIABLE]
    if unreliable or words == 0:
        return Verdict(VerdictValue.COULDNT_HEAR, _unheard_reasons(unreliable[0] if unreliable else None))
    accusing = [f for f in flags if accuses(f)]
    blocking = [f for f in accusing if f.severity is Severity.ERROR or f.code in BLOCKING_CODES]
    if blocking:
        return Verdict(VerdictValue.NOT_YET, tuple(dict.fromkeys(reason(f) for f in blocking)))
    if accusing:
        return Verdict(VerdictValue.NEARLY, tuple(dict.fromkeys(reason(f) for f in accusing)))
    tips = sum(1 for f in flags if f.severity is Severity.TIP and f.code not in _FREE)
    polish = [f"{tips} tip{'s' if tips != 1 else ''} to polish, which never hold a take back"] if tips else []
    return Verdict(VerdictValue.READY, ("No errors or warnings", *polish))


_FREE = frozenset({codes.FILLER_DETECTION_LIMITED})


def _unheard_reasons(flag: Flag | None) -> tuple[str, ...]:
    if flag is None:
        return ("No words were heard: check your microphone",)
    fired = [s for s in flag.details.get("signals", ()) if isinstance(s, Mapping) and s.get("fired")]
    checks = [_upper_first(str(s.get("text", ""))) for s in fired if s.get("text")]
    return ("I couldn't make out your words reliably", *checks)


def reason(flag: Flag) -> str:
    """A flag as a short reason with its figure: "Rambling: 7 fillers", "Too long: 38 s, 8 s over …"."""
    if flag.code == codes.RAMBLING:
        return _rambling(flag.details)
    if flag.code == codes.OVERRUN:
        return _overrun(flag.details)
    if flag.code == codes.MISSING_CONTACT_INFO:
        return _missing(flag.details)
    name = codes.plain_name(flag.code)
    figure = _FIGURES.get(flag.code)
    value = flag.details.get(figure[0]) if figure else None
    if figure and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{name}: {figure[1].format(value)}"
    return name


# A warning's figure, from its details: (key, format).
_FIGURES = {
    codes.PACE_TOO_FAST: ("wpm", "{:.0f} words per minute"),
    codes.PACE_TOO_SLOW: ("wpm", "{:.0f} words per minute"),
    codes.DEAD_AIR: ("longest", "the longest {:.1f} s"),
}


_RAMBLING_FIGURES = {
    "fillers": lambda v: f"{v:.0f} fillers",
    "restarts": lambda v: f"{v:.0f} restarts",
    "off_plan": lambda v: f"{v:.0%} off the script",
    "too_many_words": lambda v: f"{v:.1f}× the script's words",
}


def _rambling(details: Mapping[str, Any]) -> str:
    figures = []
    for sig in details.get("reasons") or ():
        figure = _RAMBLING_FIGURES.get(str(sig.get("reason"))) if isinstance(sig, Mapping) else None
        if figure is not None and isinstance(sig.get("value"), int | float):
            figures.append(figure(sig["value"]))
    return "Rambling: " + ", ".join(figures) if figures else "Rambling"


def _overrun(details: Mapping[str, Any]) -> str:
    seconds, limit, over = details.get("seconds"), details.get("limit"), details.get("over_by")
    if not all(isinstance(v, int | float) for v in (seconds, limit, over)):
        return "Too long"
    return f"Too long: {seconds:.0f} s, {over:.0f} s over the {limit:g} s limit"


_PARTS = {"name": "your name", "company": "your company", "number": "your callback number"}


def _missing(details: Mapping[str, Any]) -> str:
    missing = [_PARTS.get(str(p), str(p)) for p in details.get("missing") or ()]
    missing += [_PARTS.get(str(p), str(p)) + " in full" for p in details.get("incomplete") or ()]
    if not missing:
        return "Contact details not heard"
    said = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"Contact details not heard: {said}"


def _lower_first(text: str) -> str:
    if text[:2] in ("I ", "I'"):
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def result_text(value: str | None, score: float | None) -> str:
    """A stored verdict with its score, for tables: "not yet · 61", "couldn't hear you" (no number), "–"."""
    try:
        verdict = VerdictValue(value) if value else None
    except ValueError:
        verdict = None
    number = "–" if score is None else f"{score:.0f}"
    if verdict is None:
        return number
    if verdict is VerdictValue.COULDNT_HEAR or score is None:
        return verdict.label.lower()
    return f"{verdict.label.lower()} · {number}"


#: How many takes in a row, the newest, must be ready to send before a script or an attempt is ready.
READY_IN_A_ROW = 3


def ready_in_a_row(verdicts: Iterable[str | None], needed: int = READY_IN_A_ROW) -> tuple[bool, int, str]:
    """The one readiness rule: ready when the newest ``needed`` takes the app heard were all ready to send.

    ``verdicts`` are stored values, newest first; a take the app couldn't hear neither helps nor breaks the run.
    Returns (ready, how many in a row, the reason in words).
    """
    heard = [v for v in verdicts if v != VerdictValue.COULDNT_HEAR.value][:needed]
    clean = 0
    for value in heard:
        if value != VerdictValue.READY.value:
            break
        clean += 1
    if clean >= needed:
        return True, clean, f"the last {needed} takes were ready to send"
    if len(heard) < needed and clean == len(heard):
        missing = needed - clean
        return False, clean, f"{missing} more take{'s' if missing > 1 else ''} ready to send needed"
    return False, clean, f"{clean} take{'s' if clean != 1 else ''} ready to send in a row; {needed} needed"


def verdict_from_report_dict(report: Mapping[str, Any]) -> Verdict:
    """The verdict of a stored report of any version: the one it carries, else judged from its flags.

    Flags that cannot be read are left out; a report without a word count counts as heard.
    """
    stored = report.get("verdict")
    if isinstance(stored, Mapping):
        try:
            return Verdict.from_dict(stored)
        except (KeyError, TypeError, ValueError):
            pass
    flags = []
    for data in report.get("flags") or ():
        try:
            flags.append(Flag.from_dict(data))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    words = report.get("words")
    return judge(flags, words if isinstance(words, int) and not isinstance(words, bool) else 1)


__all__ = ["BLOCKING_CODES", "READY_IN_A_ROW", "Verdict", "VerdictValue", "accuses", "judge", "ready_in_a_row",
           "reason", "result_text", "verdict_from_report_dict"]
