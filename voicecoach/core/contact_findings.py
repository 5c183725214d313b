"""What the contact finder reports: each place a piece of contact info was said (``Mention``), the callback
number's finding (complete, near misses, the extension) and a take's ``ContactFindings``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.core.profile import Profile
from voicecoach.core.slots import Slot
from voicecoach.core.spoken_numbers import DigitRun
from voicecoach.core.transcript import Word

__all__ = ["ContactFindings", "Mention", "NumberFinding", "mention_at"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where a piece of contact info was said."""

    what: str
    first: int
    last: int
    start: float
    end: float
    heard: str
    score: float = 100.0
    digits: str = ""
    canonical: tuple[str, ...] = ()  # the profile's own words for what was heard, for script alignment

    @property
    def word_indexes(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


@dataclass(frozen=True, slots=True)
class NumberFinding:
    """The callback number: complete mentions, and the best attempt when none was complete."""

    expected: str | None
    mentions: tuple[Mention, ...]
    heard_digits: int
    total_digits: int
    best_attempt: Mention | None
    extension: str = ""
    without_extension: tuple[Mention, ...] = ()  # the number said, but not the extension it needs
    zero_dropped: Mention | None = None  # the number with only some of its 0s missing ("oh"s swallowed)
    attempts: tuple[Mention, ...] = ()  # every run that is the number but for a digit or two (bent repeats)

    @property
    def complete(self) -> bool:
        return bool(self.mentions)

    @property
    def mostly_there(self) -> Mention | None:
        """An attempt that is the number but for one digit or a swallowed "oh": what came out, not a miss."""
        if self.complete or self.expected is None or self.extension_missing:
            return None
        if self.zero_dropped is not None:
            return self.zero_dropped
        if self.best_attempt is not None and self.total_digits > 3 and self.heard_digits >= self.total_digits - 1:
            return self.best_attempt
        return None

    @property
    def extension_missing(self) -> bool:
        return not self.mentions and bool(self.without_extension)


@dataclass(frozen=True, slots=True)
class ContactFindings:
    profile: Profile | None
    name: tuple[Mention, ...]
    company: tuple[Mention, ...]
    number: NumberFinding
    website: tuple[Mention, ...] | None
    email: tuple[Mention, ...] | None
    runs: tuple[DigitRun, ...]
    slots: tuple[Slot, ...] = ()  # where a missing name or company should be, holding other words

    def bent(self, part: str) -> Slot | None:
        """The slot of a part not heard as itself: said, but the recogniser printed other words there."""
        return next((s for s in self.slots if s.what == part), None)

    def missing(self) -> list[str]:
        """The required parts not said: 'name', 'company', 'number' (name/company only with a profile)."""
        out = []
        if self.profile is not None:
            if not self.name:
                out.append("name")
            if not self.company:
                out.append("company")
        if not self.number.complete:
            out.append("number")
        return out


def mention_at(
    words: Sequence[Word],
    what: str,
    first: int,
    last: int,
    score: float = 100.0,
    digits: str = "",
    canonical: Sequence[str] = (),
) -> Mention:
    """The mention of ``words[first:last + 1]`` as ``what``, with the words as heard."""
    heard = " ".join(w.word for w in words[first : last + 1])
    return Mention(what, first, last, words[first].start, words[last].end, heard, score, digits, tuple(canonical))
