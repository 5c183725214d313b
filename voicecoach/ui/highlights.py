"""Which words of a take to colour, and why, and where a flag's evidence sits in time.

The analysis core's own detectors (contact info, fillers, restarts, script alignment) say which words
are what; flags point at words by index (``Evidence.word_indexes``) and time. This module turns that into
one category per word for the transcript view and time ranges for the waveform, without knowing Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from voicecoach.core.flags import Flag
from voicecoach.core.profile import Profile
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript

_PRIORITY = {"repeat": 0, "filler": 1, "contact": 2, "unclear": 3, "unplanned": 4}
LEGEND = {
    "contact": "contact info",
    "filler": "filler",
    "repeat": "repeated / restarted",
    "unplanned": "not in your script",
    "unclear": "unclear",
}


def word_categories(transcript: Transcript, *, script: str | None = None, profile: Profile | None = None,
                    settings: Settings | None = None, referral: str | None = None) -> dict[int, str]:
    """Map word index -> category, from the same detectors the analysis uses.

    Highlights do not depend on whether a flag fired: a single filler is worth seeing even when the take
    is far from "rambling". Problems outrank contact info, which outranks "not in your script".
    """
    from voicecoach.core.checks.context import build_context  # the detectors load on first use

    settings = settings or Settings()
    ctx = build_context(transcript, script=script, profile=profile, settings=settings, referral=referral)
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
    for h in ctx.restarts:
        put(h.word_indexes, "repeat")
    put((i for i, w in enumerate(transcript.words) if w.conf < settings.low_confidence), "unclear")
    if ctx.alignment is not None:
        put(ctx.alignment.unplanned, "unplanned")
    return out


@dataclass(frozen=True)
class Pause:
    after_index: int  # the word before the pause
    seconds: float


def pauses(transcript: Transcript, min_seconds: float = 1.0) -> list[Pause]:
    ws = transcript.words
    return [
        Pause(i, ws[i + 1].start - ws[i].end)
        for i in range(len(ws) - 1)
        if ws[i + 1].start - ws[i].end >= min_seconds
    ]


@dataclass(frozen=True)
class Marker:
    start: float
    end: float
    severity: str
    label: str
    code: str


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
