"""What the views of a take show beside the flags, computed once with the analysis and stored with it.

Which words to colour and why, the pauses to mark, where each flag's evidence sits on the timeline, and
the text a voicemail-to-email service would type. The analysis's own detectors (contact info, fillers,
restarts, script alignment) say which words are what, so the highlights can never disagree with the
flags; and a past take shows what it showed on the day, whatever the profile or thresholds are now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from voicecoach.core.filled_pauses import FILLED_PAUSE_LABEL
from voicecoach.core.flags import Flag
from voicecoach.core.prospect_text import prospect_text
from voicecoach.core.transcript import Transcript

if TYPE_CHECKING:  # the detectors load on first use: the GUI draws its first frame with these types
    from voicecoach.core.checks.context import CheckContext
    from voicecoach.core.judgement import JudgementContext

__all__ = [
    "LEGEND",
    "HeldPause",
    "Marker",
    "Pause",
    "TakeView",
    "evidence_start",
    "flag_markers",
    "held_pauses",
    "pauses",
    "rebuild_view",
    "take_view",
    "with_filled_pauses",
    "word_categories",
]

_PRIORITY = {"repeat": 0, "filler": 1, "contact": 2, "unclear": 3, "unplanned": 4}
LEGEND = {
    "contact": "contact info",
    "filler": "filler",
    "repeat": "repeated / restarted",
    "unplanned": "not in your script",
    "unclear": "unclear",
}


@dataclass(frozen=True, slots=True)
class Pause:
    after_index: int  # the word before the pause
    seconds: float


@dataclass(frozen=True, slots=True)
class Marker:
    start: float
    end: float
    severity: str
    label: str
    code: str


@dataclass(frozen=True, slots=True)
class HeldPause:
    """A filled pause heard in the sound, placed in the transcript: after word ``after_index`` (-1: before
    the first), or on the word ``word_index`` the recogniser wrote for it."""

    after_index: int
    start: float
    end: float
    word_index: int | None = None



@dataclass(frozen=True, slots=True)
class TakeView:
    """Highlights, pauses, timeline markers and the prospect's text of one analysed take."""

    categories: Mapping[int, str] = field(default_factory=dict)
    pauses: tuple[Pause, ...] = ()
    markers: tuple[Marker, ...] = ()
    prospect_text: str = ""
    pause_seconds: float = 2.0
    filled_pauses: tuple[HeldPause, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        by_category: dict[str, list[int]] = {}
        for i, cat in sorted(self.categories.items()):
            by_category.setdefault(cat, []).append(i)
        return {
            "categories": by_category,
            "pauses": [[p.after_index, round(p.seconds, 3)] for p in self.pauses],
            "pause_seconds": self.pause_seconds,
            "markers": [[m.start, m.end, m.severity, m.label, m.code] for m in self.markers],
            "prospect_text": self.prospect_text,
            "filled_pauses": [[h.after_index, h.start, h.end, h.word_index] for h in self.filled_pauses],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TakeView:
        """Read a stored view; raises ``ValueError`` (or ``TypeError``) when it is not one."""
        cats = {int(i): str(cat) for cat, idx in dict(data.get("categories") or {}).items() for i in idx}
        return cls(
            categories=cats,
            pauses=tuple(Pause(int(a), float(s)) for a, s in data.get("pauses") or ()),
            markers=tuple(Marker(float(a), float(b), str(sev), str(lab), str(code))
                          for a, b, sev, lab, code in data.get("markers") or ()),
            prospect_text=str(data.get("prospect_text") or ""),
            pause_seconds=float(data.get("pause_seconds") or 2.0),
            filled_pauses=tuple(HeldPause(int(a), float(s), float(e), None if w is None else int(w))
                                for a, s, e, w in data.get("filled_pauses") or ()),
        )


def take_view(transcript: Transcript, ctx: CheckContext, flags: Sequence[Flag]) -> TakeView:
    """Everything the views show, from the analysis's own context (no detector runs twice)."""
    pause_seconds = ctx.settings.dead_air_seconds
    held = held_pauses(transcript, ctx)
    return TakeView(
        categories=word_categories(transcript, ctx),
        pauses=tuple(pauses(transcript, pause_seconds)),
        markers=tuple(with_filled_pauses(flag_markers(flags, transcript), held)),
        prospect_text=prospect_text(transcript.tokens),
        pause_seconds=pause_seconds,
        filled_pauses=held,
    )


def held_pauses(transcript: Transcript, ctx: CheckContext) -> tuple[HeldPause, ...]:
    """Every filled pause the sound showed, placed among the words (shown whether or not a flag fired)."""
    words = transcript.words
    out = []
    for p in ctx.filled_pauses:
        after = max((i for i, w in enumerate(words) if w.start < p.start), default=-1)
        out.append(HeldPause(after, round(p.start, 2), round(p.end, 2), p.word_index))
    return tuple(out)


def with_filled_pauses(markers: list[Marker], held: Sequence[HeldPause]) -> list[Marker]:
    """The flags' markers plus one per filled pause not already marked by a flag's evidence."""
    seen = {(round(m.start, 2), round(m.end, 2)) for m in markers}
    extra = [Marker(h.start, h.end, "tip", FILLED_PAUSE_LABEL, "filled_pause")
             for h in held if (h.start, h.end) not in seen]
    return [*markers, *extra]


def word_categories(transcript: Transcript, ctx: CheckContext) -> dict[int, str]:
    """Map word index -> category, from the same detectors the analysis used.

    Highlights do not depend on whether a flag fired: a single filler is worth seeing even when the take
    is far from "rambling". Problems outrank contact info, which outranks "not in your script".
    """
    n = len(transcript.words)
    out: dict[int, str] = {}

    def put(indexes: Iterable[int], cat: str) -> None:
        for i in indexes:
            if 0 <= i < n and (i not in out or _PRIORITY[cat] < _PRIORITY[out[i]]):
                out[i] = cat

    c = ctx.contact
    mentions = [*c.name, *c.company, *c.number.mentions, *(c.website or ()), *(c.email or ())]
    if not c.number.mentions and c.number.best_attempt is not None:
        mentions.append(c.number.best_attempt)
    for m in mentions:
        put(m.word_indexes, "contact")
    for h in ctx.fillers:
        put(h.word_indexes, "filler")
    put((p.word_index for p in ctx.filled_pauses if p.word_index is not None), "filler")
    for h in ctx.restarts:
        put(h.word_indexes, "repeat")
    put((i for i, w in enumerate(transcript.words) if w.conf < ctx.settings.low_confidence), "unclear")
    if ctx.alignment is not None:
        put(ctx.alignment.unplanned, "unplanned")
    return out


def pauses(transcript: Transcript, min_seconds: float = 1.0) -> list[Pause]:
    ws = transcript.words
    return [
        Pause(i, ws[i + 1].start - ws[i].end)
        for i in range(len(ws) - 1)
        if ws[i + 1].start - ws[i].end >= min_seconds
    ]


def flag_markers(flags: Sequence[Flag], transcript: Transcript) -> list[Marker]:
    """Time ranges for the waveform: each piece of evidence, by its times or by its words' times."""
    out: list[Marker] = []
    ws = transcript.words
    for flag in flags:
        for ev in flag.evidence:
            start, end = ev.start, ev.end
            idx = [i for i in ev.word_indexes if 0 <= i < len(ws)]
            if (start is None or end is None) and idx:
                start, end = ws[min(idx)].start, ws[max(idx)].end
            if start is None:
                continue
            end = start if end is None else end
            out.append(Marker(float(start), float(end), str(flag.severity), ev.label or flag.message, flag.code))
    return out


def evidence_start(flag: Flag, transcript: Transcript) -> tuple[float | None, list[int]]:
    """Where 'jump to evidence' goes: the first time and all word indexes of a flag."""
    idx = sorted({i for ev in flag.evidence for i in ev.word_indexes if 0 <= i < len(transcript.words)})
    times = [ev.start for ev in flag.evidence if ev.start is not None]
    if idx:
        return transcript.words[idx[0]].start, idx
    return (min(times) if times else None), idx


def rebuild_view(transcript: Transcript, flags: Sequence[Flag], judgement: JudgementContext) -> TakeView:
    """The view of a take whose report was stored without one (saved by an older version): the
    highlights from the judgement context given (rebuilt for it), the markers from the stored flags."""
    from voicecoach.core.checks.context import build_context

    return take_view(transcript, build_context(transcript, judgement), flags)
