"""What one take is judged against, as one frozen value: built once, analysed with, stored with the take.

A take's report means something only together with what it was measured against: the script version
and the text it filled to, the rep's contact details at the time, the prospect and the referral, the
time limit, whether it was a first call, every threshold, and what the speech model could print. Keeping
all of it in one value, built by ``judgement_for`` for the CLI and the GUI alike, means the two can never
judge the same take differently, and a past take can be judged again exactly as it was.

The time limit has one rule (``time_limit_for``): an explicit limit, else the script's, else the setting.
This module is imported by the GUI before its first frame, so the analysis modules load on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from voicecoach.core.fillers import HESITATIONS
from voicecoach.core.profile import Profile
from voicecoach.core.settings import Settings

__all__ = [
    "JUDGEMENT_VERSION",
    "CadenceLike",
    "JudgementContext",
    "ScriptLike",
    "Vocabulary",
    "judgement_for",
    "judgement_from_keywords",
    "time_limit_for",
]

JUDGEMENT_VERSION = 1


class ScriptLike(Protocol):
    """A script as the CLI reads it (core ``ScriptFile``) or the store keeps it (a script version)."""

    @property
    def text(self) -> str: ...


class CadenceLike(Protocol):
    """A cadence as core ``Cadence`` holds it (this module does not import it, to stay light)."""

    @property
    def name(self) -> str: ...

    @property
    def topics(self) -> tuple[tuple[int, str], ...]: ...

    def attempt(self, number: int) -> Any: ...


def time_limit_for(settings: Settings, script_limit: float | None = None, explicit: float | None = None) -> float:
    """The one rule for a take's time limit: what the user asked for, else the script's, else the setting."""
    for value in (explicit, script_limit):
        if value is not None and float(value) > 0:
            return float(value)
    return float(settings.time_limit_seconds)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the speech model could print, asked once per take for the words the checks care about.

    A word that was not asked about counts as known: the model printed it or nobody needs to know.
    """

    model: str | None = None
    unknown: frozenset[str] = frozenset()
    asked: frozenset[str] = frozenset()

    def knows(self, word: str) -> bool:
        return word.lower() not in self.unknown

    @classmethod
    def probe(cls, knows: Callable[[str], bool], words: Iterable[str], model: str | None = None) -> Vocabulary:
        asked = frozenset(w.lower() for w in words if w and w.strip())
        unknown: set[str] = set()
        for word in asked:
            try:
                if not knows(word):
                    unknown.add(word)
            except Exception:  # a lookup that fails must never break a take; it just tells us nothing
                continue
        return cls(model, frozenset(unknown), asked)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "unknown": sorted(self.unknown), "asked": sorted(self.asked)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Vocabulary:
        return cls(data.get("model"), frozenset(map(str, data.get("unknown") or ())),
                   frozenset(map(str, data.get("asked") or ())))


@dataclass(frozen=True, slots=True)
class JudgementContext:
    """Everything a take is judged against. ``rebuilt`` marks one reconstructed for a take stored before
    contexts were kept with takes (from the script version, rep and report stored then)."""

    settings: Settings = field(default_factory=Settings)
    profile: Profile | None = None
    script_text: str | None = None  # the filled text the take is compared with
    script_template: str | None = None  # as written, with its placeholders
    script_title: str | None = None
    script_version_id: int | None = None
    prospect: str | None = None
    referral: str | None = None
    time_limit: float = 30.0
    follow_up: bool = False
    vocabulary: Vocabulary | None = None
    rebuilt: bool = False
    # When the take rehearses one voicemail of a cadence: its name, the attempt, its topic, and every
    # attempt's (number, topic), so the checks know what is planned for later.
    cadence: str | None = None
    attempt: int | None = None
    topic: str | None = None
    cadence_topics: tuple[tuple[int, str], ...] = ()

    @property
    def first_attempt(self) -> bool:
        """The prospect was never called before: not a follow-up, and not attempt 2 on of a cadence (whatever a
        received context's follow_up says)."""
        return not self.follow_up and (self.attempt or 1) <= 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": JUDGEMENT_VERSION,
            "script_version_id": self.script_version_id,
            "script_title": self.script_title,
            "script_template": self.script_template,
            "script_text": self.script_text,
            "profile": self.profile.to_dict() if self.profile else None,
            "prospect": self.prospect,
            "referral": self.referral,
            "time_limit": self.time_limit,
            "follow_up": self.follow_up,
            "settings": self.settings.to_dict(),
            "vocabulary": self.vocabulary.to_dict() if self.vocabulary else None,
            "rebuilt": self.rebuilt,
            "cadence": self.cadence,
            "attempt": self.attempt,
            "topic": self.topic,
            "cadence_topics": [[n, t] for n, t in self.cadence_topics],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JudgementContext:
        """Read a stored context; raises ``ValueError`` for one that is not a context."""
        if not isinstance(data, Mapping):
            raise ValueError("a judgement context is a JSON object")
        profile = data.get("profile")
        vocabulary = data.get("vocabulary")
        settings = data.get("settings")
        return cls(
            settings=Settings.from_dict(settings) if isinstance(settings, Mapping) else Settings(),
            profile=Profile.from_dict(profile) if isinstance(profile, Mapping) else None,
            script_text=_text(data.get("script_text")),
            script_template=_text(data.get("script_template")),
            script_title=_text(data.get("script_title")),
            script_version_id=int(data["script_version_id"]) if data.get("script_version_id") is not None else None,
            prospect=_text(data.get("prospect")),
            referral=_text(data.get("referral")),
            time_limit=float(data.get("time_limit") or Settings().time_limit_seconds),
            follow_up=bool(data.get("follow_up", False)),
            vocabulary=Vocabulary.from_dict(vocabulary) if isinstance(vocabulary, Mapping) else None,
            rebuilt=bool(data.get("rebuilt", False)),
            **_cadence_fields(data),
        )


def _cadence_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The cadence part of a stored or received context (a team folder is written by other computers), checked
    like any input: a name and topic within the file format's bounds, an attempt from 1 to the most a cadence
    has. When the name or the attempt does not hold up the part is dropped whole and the take is judged as a
    single voicemail; contexts stored before cadences simply have none."""
    from voicecoach.core.cadence import MAX_ATTEMPTS, MAX_TOPIC_CHARS
    from voicecoach.core.inputs import MAX_NAME_CHARS

    name = _bounded_text(data.get("cadence"), MAX_NAME_CHARS)
    attempt = _attempt_number(data.get("attempt"), MAX_ATTEMPTS)
    if name is None or attempt is None:
        return {}
    topics = data.get("cadence_topics")
    pairs: dict[int, str] = {}
    for pair in topics[: 4 * MAX_ATTEMPTS] if isinstance(topics, list | tuple) else ():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            number, topic = _attempt_number(pair[0], MAX_ATTEMPTS), _bounded_text(pair[1], MAX_TOPIC_CHARS)
            if number is not None and topic is not None:
                pairs.setdefault(number, topic)
    return {"cadence": name, "attempt": attempt, "topic": _bounded_text(data.get("topic"), MAX_TOPIC_CHARS),
            "cadence_topics": tuple(sorted(pairs.items()))}


def _bounded_text(value: Any, limit: int) -> str | None:
    """A one-line text value no longer than ``limit`` and free of control characters, else None."""
    from voicecoach.core.inputs import control_character

    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text if text and len(text) <= limit and not control_character(text) else None


def _attempt_number(value: Any, most: int) -> int | None:
    return value if type(value) is int and 1 <= value <= most else None


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def judgement_for(
    *,
    script: ScriptLike | str | None = None,
    profile: Profile | None = None,
    settings: Settings | None = None,
    prospect: str | None = None,
    referral: str | None = None,
    time_limit: float | None = None,
    follow_up: bool | None = None,
    knows: Callable[[str], bool] | None = None,
    model: str | None = None,
    script_version_id: int | None = None,
    cadence: CadenceLike | None = None,
    attempt: int | None = None,
    trigger: str | None = None,
) -> JudgementContext:
    """The one way to build a take's context, for the CLI and the GUI alike.

    ``script`` is a core ``ScriptFile``, a stored script version (its ``time_limit``, ``referral``,
    ``follow_up``, ``title`` and ``version_id`` are used when present) or plain text. Explicit arguments
    win over the script's own values; ``knows`` is the speech model's ``knows(word)``, asked here once.
    With a ``cadence`` (core ``Cadence``) and its ``attempt`` number, the attempt's script, topic and
    follow-up rule (attempt 2 on may refer back) are used unless given explicitly. ``trigger`` fills
    ``{trigger}`` (a call list's reason to call now; the filled text is what is stored).
    """
    settings = settings or Settings()
    plan: dict[str, Any] = {}
    if cadence is not None and attempt is not None:
        step = cadence.attempt(attempt)
        script = script if script is not None else step.script
        follow_up = follow_up if follow_up is not None else step.follow_up
        plan = {"cadence": cadence.name, "attempt": step.number, "topic": step.topic,
                "cadence_topics": tuple(cadence.topics)}
    template = script if isinstance(script, str) else getattr(script, "text", None)
    template = template if template and template.strip() else None
    referral = _text(referral) or _text(getattr(script, "referral", None))
    prospect = _text(prospect)
    filled = _filled(template, profile, prospect, referral, _text(trigger)) if template else None
    if follow_up is None:
        follow_up = bool(getattr(script, "follow_up", False))
    if script_version_id is None:
        script_version_id = getattr(script, "version_id", None)
    vocabulary = None
    if knows is not None:
        vocabulary = Vocabulary.probe(knows, _probe_words(filled, profile, referral), model)
    return JudgementContext(
        settings=settings,
        profile=profile,
        script_text=filled,
        script_template=template,
        script_title=_text(getattr(script, "title", None)),
        script_version_id=script_version_id,
        prospect=prospect,
        referral=referral,
        time_limit=time_limit_for(settings, getattr(script, "time_limit", None), time_limit),
        follow_up=follow_up,
        vocabulary=vocabulary,
        **plan,
    )


def _filled(template: str, profile: Profile | None, prospect: str | None, referral: str | None,
            trigger: str | None = None) -> str:
    from voicecoach.core.script import fill_placeholders

    return fill_placeholders(template, profile, prospect=prospect, referral=referral, trigger=trigger)


def _probe_words(script_text: str | None, profile: Profile | None, referral: str | None) -> list[str]:
    """The words whose presence in the model matters: hesitations, the script's, the rep's and referral's."""
    from voicecoach.core.script import plan_tokens

    words = list(HESITATIONS)
    if script_text:
        words += plan_tokens(script_text)
    for text in (profile.name if profile else None, profile.company if profile else None, referral):
        if text:
            words += plan_tokens(text)
    return words


def judgement_from_keywords(*, first_attempt: bool | None = None, vocabulary: Callable[[str], bool] | None = None,
                            **given: Any) -> JudgementContext:
    """The keyword shortcut of ``analyze``/``build_context``: their older argument names mapped onto
    ``judgement_for`` (``first_attempt=False`` is ``follow_up=True``; ``vocabulary`` is ``knows``)."""
    if first_attempt is not None:
        given.setdefault("follow_up", not first_attempt)
    if vocabulary is not None:
        given.setdefault("knows", vocabulary)
    return judgement_for(**given)
