"""Check a whole cadence before rehearsing it: every attempt as a script, and the series as a plan.

Each attempt's script gets the script lint (contact details early and at the end, the time limit, one
topic). The series adds: two attempts with the same topic; an attempt whose script brings up a topic
planned for a later attempt; a later attempt that never refers back to the earlier messages; a first
attempt that pretends a prior call; and attempts too close together to let the prospect call back.
A cadence *passes* when nothing is an error or a warning (tips are advice).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from voicecoach.core import codes
from voicecoach.core.cadence import Attempt, Cadence
from voicecoach.core.checks.context import phrase_hits
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.lint import STAND_IN, ScriptLint, lint_script
from voicecoach.core.profile import Profile
from voicecoach.core.script import fill_placeholders, plan_tokens
from voicecoach.core.settings import Settings
from voicecoach.core.topics import content_words, later_topics_heard

__all__ = ["MIN_DAYS_APART", "REFER_BACK", "AttemptLint", "CadenceLint", "lint_cadence"]

# Words that tell the prospect this is not the first message (beyond the prior-call phrases).
REFER_BACK = (
    "left you", "my message", "my voicemail", "messages", "last week", "last message", "last voicemail",
    "i called", "i've called", "called before", "since we spoke", "i mentioned",
)  # fmt: skip
MIN_DAYS_APART = 2
_FAILING = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True, slots=True)
class AttemptLint:
    attempt: Attempt
    lint: ScriptLint

    def to_dict(self) -> dict[str, Any]:
        a = self.attempt
        return {"attempt": a.number, "day": a.day, "topic": a.topic, "title": a.title, "follow_up": a.follow_up,
                "script": a.source, **self.lint.to_dict()}


@dataclass(frozen=True, slots=True)
class CadenceLint:
    name: str
    attempts: tuple[AttemptLint, ...]
    flags: tuple[Flag, ...] = ()  # about the series; each names its attempt(s) in details

    @property
    def all_flags(self) -> list[Flag]:
        return list(self.flags) + [f for a in self.attempts for f in a.lint.flags]

    @property
    def passed(self) -> bool:
        return not any(f.severity in _FAILING for f in self.all_flags)

    def for_attempt(self, number: int) -> list[Flag]:
        """Every flag that concerns attempt ``number``: its script's and the series' that name it."""
        own = [f for a in self.attempts if a.attempt.number == number for f in a.lint.flags]
        return own + [f for f in self.flags if number in f.details.get("attempts", ())]

    def to_dict(self) -> dict[str, Any]:
        return {"cadence": self.name, "passed": self.passed, "flags": [f.to_dict() for f in self.flags],
                "attempts": [a.to_dict() for a in self.attempts]}


def lint_cadence(cadence: Cadence, *, profile: Profile | None = None, settings: Settings | None = None,
                 wpm: float = 150.0) -> CadenceLint:
    settings = settings or Settings()
    attempts = tuple(
        AttemptLint(a, lint_script(a.script.text, profile=profile, wpm=wpm, settings=settings,
                                   time_limit=a.script.time_limit))
        for a in cadence.attempts
    )
    spoken = {a.number: plan_tokens(fill_placeholders(a.script.text, profile or STAND_IN, referral=a.script.referral))
              for a in cadence.attempts}
    flags = (_same_topics(cadence) + _topics_elsewhere(cadence, spoken) + _references(cadence, spoken, settings)
             + _spacing(cadence))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.TIP: 2}
    flags.sort(key=lambda f: (order[f.severity], min(f.details["attempts"])))
    return CadenceLint(cadence.name, attempts, tuple(flags))


def _same_topics(cadence: Cadence) -> list[Flag]:
    flags = []
    seen: dict[frozenset[str] | str, Attempt] = {}
    for a in cadence.attempts:
        key: frozenset[str] | str = frozenset(content_words(a.topic)) or a.topic.lower()
        first = seen.setdefault(key, a)
        if first is not a:
            message = (f"Attempts {first.number} and {a.number} have the same topic, “{a.topic}”. Give each "
                       "voicemail its own reason to call back; a repeat gives the prospect nothing new.")
            flags.append(Flag(codes.CADENCE_SAME_TOPIC, Severity.ERROR, message, (),
                              {"attempts": [first.number, a.number], "topic": a.topic}))
    return flags


def _topics_elsewhere(cadence: Cadence, spoken: dict[int, list[str]]) -> list[Flag]:
    flags = []
    for a in cadence.attempts:
        for hit in later_topics_heard(spoken[a.number], a.number, cadence.topics, [a.topic]):
            message = (f"Attempt {a.number}'s script also brings up “{hit.topic}”, planned for attempt "
                       f"{hit.attempt}. Keep it for then: one topic per voicemail.")
            flags.append(Flag(codes.CADENCE_TOPIC_ELSEWHERE, Severity.WARNING, message, (),
                              {"attempts": [a.number, hit.attempt], "topic": hit.topic}))
    return flags


def _references(cadence: Cadence, spoken: dict[int, list[str]], settings: Settings) -> list[Flag]:
    flags = []
    for a in cadence.attempts:
        tokens = spoken[a.number]
        prior = phrase_hits(tokens, settings.prior_call_phrases)
        if not a.follow_up and prior:
            message = (f"Attempt 1 says “{prior[0][2]}” as if you had called before. On a first message that "
                       "costs trust; save it for the follow-ups.")
            flags.append(Flag(codes.CADENCE_FIRST_IMPLIES_PRIOR, Severity.WARNING, message, (),
                              {"attempts": [a.number], "phrase": prior[0][2]}))
        if a.number > 1 and not prior and not phrase_hits(tokens, REFER_BACK):
            message = (f"Attempt {a.number} never refers back to your earlier messages. Say you called before "
                       "(“I left you a message last week”): it is honest and helps them place you.")
            flags.append(Flag(codes.CADENCE_NO_REFERENCE_BACK, Severity.WARNING, message, (),
                              {"attempts": [a.number]}))
    return flags


def _spacing(cadence: Cadence) -> list[Flag]:
    flags = []
    for before, after in pairwise(cadence.attempts):
        if after.day - before.day < MIN_DAYS_APART:
            message = (f"Attempt {after.number} comes {after.day - before.day} day after attempt {before.number}. "
                       f"Leave at least {MIN_DAYS_APART} days so the prospect can call back first.")
            flags.append(Flag(codes.CADENCE_TOO_CLOSE, Severity.TIP, message, (),
                              {"attempts": [before.number, after.number]}))
    return flags
