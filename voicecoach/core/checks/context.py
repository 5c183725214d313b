"""What every check may look at besides the words: one frozen value built once per analysis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from voicecoach.core.checks.recognition import Reliability, assess_recognition
from voicecoach.core.contact import ContactFindings, find_contact
from voicecoach.core.filled_pauses import FilledPause, find_filled_pauses
from voicecoach.core.fillers import Hit, find_fillers, find_restarts
from voicecoach.core.flags import Evidence
from voicecoach.core.inputs import check_analysis_inputs
from voicecoach.core.judgement import JudgementContext, judgement_from_keywords
from voicecoach.core.phrases import phrase_index, phrases_at
from voicecoach.core.profile import Profile
from voicecoach.core.script import Alignment, align, plan_tokens
from voicecoach.core.settings import Settings
from voicecoach.core.sound import SoundSignals
from voicecoach.core.transcript import Transcript, Word

__all__ = ["CheckContext", "align_take", "build_context", "evidence", "group_indexes", "phrase_hits"]


@dataclass(frozen=True, slots=True)
class CheckContext:
    """The take's ``JudgementContext`` plus what the shared detectors found, for every check to read.

    The judgement's fields are repeated here flat (``settings``, ``profile``, ``time_limit`` …) so a
    check reads ``ctx.time_limit`` whatever it needs; ``judgement`` is the whole value.
    """

    settings: Settings
    profile: Profile | None
    contact: ContactFindings
    time_limit: float
    fillers: tuple[Hit, ...] = ()
    restarts: tuple[Hit, ...] = ()
    script_text: str | None = None
    alignment: Alignment | None = None
    first_attempt: bool = True
    referral: str | None = None
    vocabulary: Callable[[str], bool] | None = None
    judgement: JudgementContext = field(default_factory=JudgementContext)
    signals: SoundSignals | None = None  # what the recording showed; None for a transcript alone
    filled_pauses: tuple[FilledPause, ...] = ()
    reliability: Reliability | None = None

    @property
    def filler_indexes(self) -> frozenset[int]:
        return frozenset(i for h in self.fillers for i in h.word_indexes)

    @property
    def prospect(self) -> str | None:
        return self.judgement.prospect

    @property
    def extra_filled_pauses(self) -> tuple[FilledPause, ...]:
        """Filled pauses heard in the sound that the words did not already count as a filler."""
        counted = self.filler_indexes
        return tuple(p for p in self.filled_pauses if p.word_index is None or p.word_index not in counted)

    @property
    def filler_count(self) -> int:
        """Fillers in the words plus held hesitations only the sound showed."""
        return len(self.fillers) + len(self.extra_filled_pauses)


def build_context(transcript: Transcript, judgement: JudgementContext | None = None, /, *,
                  signals: SoundSignals | None = None, **given: Any) -> CheckContext:
    """Run the shared detectors once (contact, fillers, restarts, alignment, filled pauses) for all checks.

    ``judgement`` is the take's context; keyword arguments instead (``script=``, ``profile=`` …) build
    one with ``judgement_from_keywords``, a shortcut for tests and scripts. ``signals`` are what the
    take's recording showed (``voicecoach.acoustics``): measured from the take, not part of what it is
    judged against.
    """
    if judgement is None:
        judgement = judgement_from_keywords(**given)
    elif given:
        raise TypeError("give either a JudgementContext or keyword arguments, not both")
    check_analysis_inputs(len(transcript.words), judgement.script_text, (judgement.prospect, judgement.referral))
    settings = judgement.settings
    tokens = transcript.tokens
    fillers = tuple(find_fillers(tokens, settings.filler_words))
    filler_idx = {i for h in fillers for i in h.word_indexes}
    restarts = tuple(find_restarts(tokens, filler_idx))
    others = [n for n in (judgement.prospect, judgement.referral) if n]
    script_text = judgement.script_text
    plan = plan_tokens(script_text) if script_text is not None and script_text.strip() else []
    contact = find_contact(transcript, judgement.profile, settings, others=others, script_words=plan)
    alignment = None
    if plan:
        alignment = align_take(tokens, filler_idx, contact, plan)
    knows = judgement.vocabulary.knows if judgement.vocabulary is not None else None
    voiced = signals.voiced_seconds if signals is not None else None
    reliability = _reliability(transcript, settings, judgement.profile, others, plan, alignment, knows, voiced)
    return CheckContext(
        settings=settings,
        profile=judgement.profile,
        contact=contact,
        time_limit=judgement.time_limit,
        fillers=fillers,
        restarts=restarts,
        script_text=script_text,
        alignment=alignment,
        first_attempt=judgement.first_attempt,
        referral=judgement.referral,
        vocabulary=knows,
        judgement=judgement,
        signals=signals,
        filled_pauses=find_filled_pauses(transcript.words, signals, settings),
        reliability=reliability,
    )


def _reliability(
    transcript: Transcript,
    settings: Settings,
    profile: Profile | None,
    others: Sequence[str],
    plan: Sequence[str],
    alignment: Alignment | None,
    vocabulary: Callable[[str], bool] | None,
    voiced_seconds: float | None = None,
) -> Reliability:
    """Judge the recognition, with the script-constrained decode's own contact findings and coverage."""
    ev = transcript.recognition
    constrained = con_contact = con_alignment = None
    if ev is not None and ev.constrained is not None:
        constrained = Transcript.from_words(ev.constrained)
        con_contact = find_contact(constrained, profile, settings, others=others, script_words=plan)
        if plan:
            con_alignment = align_take(constrained.tokens, set(), con_contact, plan)
    return assess_recognition(
        transcript,
        settings=settings,
        plan=plan,
        alignment=alignment,
        vocabulary=vocabulary,
        constrained=constrained,
        constrained_alignment=con_alignment,
        constrained_contact=con_contact,
        voiced_seconds=voiced_seconds,
    )


def align_take(tokens: Sequence[str], fillers: set[int], contact: ContactFindings, plan: Sequence[str]) -> Alignment:
    """Align the take (fillers left out) with the plan; unplanned indexes are indexes into the take.

    A name or company the recogniser split ("north wind realty") is aligned as the profile spells it
    ("northwind realty"), so it is not counted as words off the script.
    """
    kept = [i for i in range(len(tokens)) if i not in fillers]
    kept_set = set(kept)
    mentions = (*contact.name, *contact.company, *(contact.website or ()), *(contact.email or ()))
    starts = {m.first: m for m in mentions if m.canonical}
    spoken: list[str] = []
    origin: list[tuple[int, ...]] = []
    k = 0
    while k < len(kept):
        i = kept[k]
        m = starts.get(i)
        if m is None:
            spoken.append(tokens[i])
            origin.append((i,))
            k += 1
            continue
        span = tuple(j for j in range(m.first, m.last + 1) if j in kept_set)
        for word in m.canonical:
            spoken.append(word)
            origin.append(span)
        while k < len(kept) and kept[k] <= m.last:
            k += 1
    raw = align(plan, spoken)
    matched = {i for j in raw.matched_spoken for i in origin[j]}
    unplanned = tuple(i for i in kept if i not in matched)
    return Alignment(raw.plan, raw.matched_plan, unplanned, len(kept), tuple(sorted(matched)))


def evidence(words: Sequence[Word], first: int, last: int, label: str = "") -> Evidence:
    """Evidence for the words first..last (inclusive) with their time range."""
    return Evidence(tuple(range(first, last + 1)), words[first].start, words[last].end, label)


def group_indexes(indexes: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive word indexes as (first, last) ranges."""
    ranges: list[tuple[int, int]] = []
    for i in sorted(indexes):
        if ranges and i == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], i)
        else:
            ranges.append((i, i))
    return ranges


def phrase_hits(tokens: Sequence[str], phrases: Sequence[str]) -> list[tuple[int, int, str]]:
    """Where any of the phrases occurs: (first, last, phrase), not overlapping."""
    index = phrase_index(phrases)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        p = next(phrases_at(tokens, i, index), None)
        if p is None:
            i += 1
            continue
        out.append((i, i + len(p) - 1, " ".join(p)))
        i += len(p)
    return out
