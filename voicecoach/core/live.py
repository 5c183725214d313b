"""Coaching while the rep speaks: the contact checklist, fillers and pace from the words heard so far.

``LiveChecklist.update(words, seconds)`` runs the report's own contact finder (``core.contact.find_contact``)
on the words so far, so a part ticks live by the same rules the report counts it by: one implementation,
fed incrementally. A tick stays once given (a partial the recogniser later rewrites does not un-tick it);
a part first heard bent ticks amber and turns green when it is heard cleanly. At Stop,
``core.live_agreement`` compares the last state with the report and says why wherever the report differs.

Word times of the open utterance are not known until the recogniser closes it; ``stamp_partial`` times each
of its words by when it first appeared in the partials (``words_heard`` spreads words without that history).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from voicecoach.core.contact import ContactFindings, Mention, find_contact
from voicecoach.core.filled_pauses import find_filled_pauses
from voicecoach.core.fillers import find_fillers
from voicecoach.core.judgement import JudgementContext
from voicecoach.core.live_parts import COMPANY, NAME, NUMBER, NUMBER_AGAIN
from voicecoach.core.settings import Settings
from voicecoach.core.sound import SoundSignals, SteadyStretch
from voicecoach.core.spoken_numbers import DigitRun
from voicecoach.core.transcript import Word

__all__ = [
    "FAST_DIGITS_RECENT_SECONDS",
    "PACE_WINDOW_SECONDS",
    "REMIND_SECONDS",
    "LiveChecklist",
    "LiveState",
    "Tick",
    "fast_digits",
    "held_hesitations",
    "pace_wpm",
    "stamp_partial",
    "words_heard",
]

PACE_WINDOW_SECONDS = 10.0
#: Seconds before the time limit from which a missing part is highlighted.
REMIND_SECONDS = 5.0
#: A number read this recently can still be read too fast ("slow down").
FAST_DIGITS_RECENT_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Tick:
    """One part of the checklist, said: when it ticked (seconds into the take) and what was heard."""

    part: str
    at: float
    heard: str
    start: float  # where in the take the words were (transcript time)
    end: float
    bent: bool = False  # heard only in a bent form: amber, "heard as …"


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the live view shows at one moment of a take."""

    seconds: float
    parts: tuple[str, ...]
    ticks: tuple[Tick, ...] = ()
    fillers: int = 0  # filler words heard so far
    held: int = 0  # held "uhh"s the sound meter found so far
    wpm: float | None = None  # pace over the last 10 s; None until there is enough to tell
    digits_per_second: float | None = None  # of a number being read right now
    words: tuple[str, ...] = ()
    min_wpm: float = 120.0
    max_wpm: float = 170.0
    max_digits_per_second: float = 3.0

    def tick(self, part: str) -> Tick | None:
        return next((t for t in self.ticks if t.part == part), None)

    def missing(self) -> list[str]:
        ticked = {t.part for t in self.ticks}
        return [p for p in self.parts if p not in ticked]

    @property
    def filler_total(self) -> int:
        return self.fillers + self.held

    @property
    def slow_down(self) -> bool:
        return self.digits_per_second is not None and self.digits_per_second > self.max_digits_per_second

    def reminders(self, elapsed: float, time_limit: float) -> list[str]:
        """The missing parts to highlight: only in the last ``REMIND_SECONDS`` before the time limit."""
        if time_limit <= 0 or elapsed < time_limit - REMIND_SECONDS:
            return []
        return self.missing()


def words_heard(closed: Sequence[Word], partial: str, seconds: float, *, begin: float | None = None) -> list[Word]:
    """The closed utterances' words (with the recogniser's times), then the open utterance's words spread
    evenly from the last closed word (or ``begin``) to ``seconds`` (their times are not known until it closes)."""
    out = list(closed)
    pending = partial.split()
    if not pending:
        return out
    if begin is None:
        begin = out[-1].end if out else 0.0
    span = max(seconds - begin, 0.05 * len(pending)) / len(pending)
    for i, w in enumerate(pending):
        out.append(Word(w, round(begin + i * span, 3), round(begin + (i + 1) * span, 3), 1.0))
    return out


def stamp_partial(before: Sequence[Word], partial: str, seconds: float, begin: float) -> list[Word]:
    """The open utterance's words, each timed by when it first appeared in the partials: words unchanged
    since the last partial keep their times, new (or rewritten) ones are spread from the last kept word to
    ``seconds``. A partial comes every block, so a word's end is when it was heard, a block late at most:
    a number read fast inside a long utterance shows its real pace (``fast_digits``) before it closes."""
    tokens = partial.split()
    keep = 0
    while keep < min(len(before), len(tokens)) and before[keep].word == tokens[keep]:
        keep += 1
    kept = list(before[:keep])
    return words_heard(kept, " ".join(tokens[keep:]), seconds, begin=kept[-1].end if kept else begin)


def _bent(m: Mention) -> bool:
    return m.what in (NAME, COMPANY) and bool(m.canonical) and "".join(m.heard.split()) != "".join(m.canonical)


def _tick(part: str, mentions: Sequence[Mention], at: float) -> Tick | None:
    """The first clean mention if there is one, else the first bent one: the words that ticked it."""
    if not mentions:
        return None
    clean = [m for m in mentions if not _bent(m)]
    m = min(clean or mentions, key=lambda x: x.first)
    return Tick(part, at, m.heard, m.start, m.end, bent=not clean)


def _found(found: ContactFindings, parts: Sequence[str], at: float) -> dict[str, Tick]:
    mentions: dict[str, Sequence[Mention]] = {
        NAME: found.name,
        COMPANY: found.company,
        NUMBER: found.number.mentions,
        NUMBER_AGAIN: found.number.mentions[1:],
    }
    out = {}
    for part in parts:
        tick = _tick(part, mentions[part], at)
        if tick is not None:
            out[part] = tick
    return out


def pace_wpm(words: Sequence[Word], seconds: float, window: float = PACE_WINDOW_SECONDS) -> float | None:
    """Words a minute over the last ``window`` seconds of speech; None before 3 s of it."""
    if not words:
        return None
    begin = max(words[0].start, seconds - window)
    span = seconds - begin
    if span < 3.0:
        return None
    n = sum(1 for w in words if w.end > begin)
    return round(n * 60.0 / span, 1)


def fast_digits(runs: Sequence[DigitRun], seconds: float) -> float | None:
    """Digits a second of a number being read now (its last digit heard in the last 2 s), or None."""
    recent = [r for r in runs if len(r.digits) >= 4 and r.end >= seconds - FAST_DIGITS_RECENT_SECONDS]
    if not recent or recent[-1].end <= recent[-1].start:
        return None
    run = recent[-1]
    return round(len(run.digits) / (run.end - run.start), 2)


def held_hesitations(words: Sequence[Word], steady: Sequence[SteadyStretch], counted: set[int], settings: Settings,
                     seconds: float) -> int:
    """Held "uhh"s the sound showed that the words do not already count as a filler (as the report counts)."""
    if not steady:
        return 0
    sound = SoundSignals(duration=seconds, frame_seconds=0.01, steady=tuple(steady))
    found = find_filled_pauses(words, sound, settings)
    return sum(1 for p in found if p.word_index is None or p.word_index not in counted)


@dataclass
class LiveChecklist:
    """Fed the words so far as the take goes on; one thread owns it (the capture side's live feed)."""

    judgement: JudgementContext
    _ticks: dict[str, Tick] = field(default_factory=dict)

    @property
    def parts(self) -> tuple[str, ...]:
        parts = [NAME, COMPANY, NUMBER] if self.judgement.profile is not None else [NUMBER]
        if NUMBER in self.judgement.settings.repeat_parts:
            parts.append(NUMBER_AGAIN)
        return tuple(parts)

    def update(self, words: Sequence[Word], seconds: float, *, steady: Sequence[SteadyStretch] = ()) -> LiveState:
        """The state after ``words`` (all heard so far) at ``seconds`` into the take; ``steady``: the held
        stretches the sound meter found so far, for the held "uhh"s the words do not show."""
        j = self.judgement
        settings = j.settings
        others = [n for n in (j.prospect, j.referral) if n]
        found = find_contact(words, j.profile, settings, others=others)
        for part, tick in _found(found, self.parts, seconds).items():
            had = self._ticks.get(part)
            if had is None:
                self._ticks[part] = tick
            elif had.bent or not tick.bent:
                # Kept from the first moment it ticked; what was heard and where are the latest words' (a
                # closed utterance has the recogniser's own times); heard cleanly now, it turns green.
                self._ticks[part] = replace(tick, at=had.at)
        tokens = [w.word for w in words]
        fillers = find_fillers(tokens, settings.filler_words)
        return LiveState(
            seconds=seconds,
            parts=self.parts,
            ticks=tuple(sorted(self._ticks.values(), key=lambda t: (t.at, self.parts.index(t.part)))),
            fillers=len(fillers),
            held=held_hesitations(words, steady, {i for h in fillers for i in h.word_indexes}, settings, seconds),
            wpm=pace_wpm(words, seconds),
            digits_per_second=fast_digits(found.runs, seconds),
            words=tuple(tokens),
            min_wpm=settings.pace_min_wpm,
            max_wpm=settings.pace_max_wpm,
            max_digits_per_second=settings.number_max_digits_per_second,
        )
