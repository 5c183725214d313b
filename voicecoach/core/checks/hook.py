"""The hook: what delays the reason for calling, besides introducing yourself.

Prospects decide in the first seconds whether to keep listening, so the advice is to get to the reason
fast. The introduction is not counted against it: the greeting, the prospect's name (or the name right after
"hi" when none was entered), the rep's own name, company and number as the contact finder heard them (also
bent in their slots), fillers and the glue between them ("this is … from …", "my name is"). Giving the number
early is the app's own advice, so it never makes the hook late. What does delay the reason is small talk ("I
hope your week is going well …"), a preamble ("the reason I'm calling is …") and a company pitch ("we are a
family-owned …"); their seconds are the delay (``hook_delay_seconds``) that ``late_hook`` judges.
``hook_seconds`` is where the reason starts, counted from the first word, not from pressing Record. When
the rep introduces themselves but no profile says who they are, the end of the introduction cannot be told
and there is no verdict.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.contact import Mention, find_name
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.matching import STOPWORDS
from voicecoach.core.transcript import Transcript

__all__ = [
    "DELAYS",
    "FILLERS",
    "GLUE",
    "GREETINGS",
    "INTRODUCERS",
    "LOOK_AHEAD",
    "REASON_CUES",
    "check_hook",
    "hook_delay_seconds",
    "hook_parts",
    "hook_seconds",
    "reason_start",
]

GREETINGS = frozenset(["hi", "hello", "hey", "good", "morning", "afternoon", "evening", "there", "dear"])
_SALUTES = frozenset(["hi", "hello", "hey", "dear", "morning", "afternoon", "evening"])
GLUE = frozenset(
    ["this", "is", "it's", "its", "my", "name", "name's", "i'm", "im", "from", "with", "at", "here", "over",
     "calling", "speaking", "and", "just", "again", "that's", "number", "me", "on", "extension", "ext"]
)  # fmt: skip
FILLERS = frozenset(["um", "uh", "er", "erm", "ah", "uhm", "hmm", "mm", "so", "well", "okay", "ok", "yeah"])
INTRODUCERS = (("this", "is"), ("my", "name"), ("it's",), ("i'm",))
LOOK_AHEAD = 4
# What delays the reason, by kind: each opens a stretch that runs to the next cue of the reason itself.
DELAYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "small talk": (("i", "hope"), ("hope",), ("how", "are"), ("how's",), ("i", "trust"), ("sorry", "to"),
                   ("i", "know", "you're"), ("i", "know", "you"), ("happy",), ("thanks", "for")),
    "a preamble": (("the", "reason", "i'm", "calling", "is"), ("the", "reason", "for", "my", "call", "is"),
                   ("the", "reason", "i'm", "calling"), ("the", "reason", "for", "my", "call"),
                   ("the", "reason", "i", "called"), ("reason", "for", "my", "call")),
    "a company pitch": (("we", "are", "a"), ("we're", "a"), ("we", "are", "the"), ("we're", "the"),
                        ("our", "company"), ("we've", "been"), ("we", "have", "been"), ("founded", "in"),
                        ("we", "specialize"), ("we", "specialise")),
}  # fmt: skip
# Where the reason itself starts, ending a stretch of small talk or pitch.
REASON_CUES: tuple[tuple[str, ...], ...] = (
    ("i'm", "calling"), ("calling", "because"), ("because",), ("i", "saw"), ("i", "noticed"), ("i", "wanted"),
    ("quick", "reason"), ("i", "have", "an"), ("i", "have", "one"), ("i", "have", "two"), ("the", "reason"),
)  # fmt: skip


def _phrase_at(tokens: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]]) -> tuple[str, ...] | None:
    return next((p for p in phrases if tuple(tokens[i : i + len(p)]) == p), None)


def _opening_indexes(transcript: Transcript, ctx: CheckContext) -> set[int]:
    """Word indexes of the introduction's content: names, company, number (also bent), the prospect's name."""
    c = ctx.contact
    mentions: list[Mention] = [*c.name, *c.company, *c.number.mentions]
    if c.number.best_attempt is not None:
        mentions.append(c.number.best_attempt)
    if ctx.prospect:
        mentions.extend(find_name(transcript.words, ctx.prospect, ctx.settings))
    out = {i for m in mentions for i in m.word_indexes} | {i for s in c.slots for i in s.word_indexes}
    out |= {p for run in c.runs if len(run.digits) >= 2 for p in run.positions}
    # "hi sam" (no prospect entered), "hi kevin" (Karen, bent): the word after a greeting is a name
    tokens = transcript.tokens
    after = range(min(3, len(tokens) - 1))
    out |= {k + 1 for k in after if tokens[k] in _SALUTES and tokens[k + 1] not in STOPWORDS}
    return out


def _intro_ahead(tokens: Sequence[str], i: int, names: set[int]) -> int | None:
    """The next name, company or number within LOOK_AHEAD words: the introduction goes on past a few words
    the recogniser bent around it ("julie no coffee me and i was twenty four seven …")."""
    for k in range(i + 1, min(len(tokens), i + 1 + LOOK_AHEAD)):
        if k in names:
            return k
    return None


def _delay_end(tokens: Sequence[str], i: int, opener: tuple[str, ...]) -> int:
    """Index of the first word after a stretch of small talk, preamble or pitch that starts at i."""
    if opener[-1] == "is" or "reason" in opener:  # a preamble ends where it ends: the reason follows
        return i + len(opener)
    k = i + len(opener)
    while k < len(tokens) and _phrase_at(tokens, k, REASON_CUES) is None:
        k += 1
    return k


def _delay_at(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    for kind, openers in DELAYS.items():
        opener = _phrase_at(tokens, i, openers)
        if opener is not None:
            return kind, _delay_end(tokens, i, opener)
    return None


def hook_parts(transcript: Transcript, ctx: CheckContext) -> tuple[int, list[tuple[str, int, int]]] | None:
    """Index of the first word of the reason for calling and the stretches that delayed it ``(kind, first,
    last)``, or None when it cannot be told."""
    tokens = transcript.tokens
    names = _opening_indexes(transcript, ctx)
    delays: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        if tokens[i] in GREETINGS or tokens[i] in GLUE or tokens[i] in FILLERS or i in names:
            i += 1
            continue
        found = _delay_at(tokens, i)
        if found is None:
            ahead = _intro_ahead(tokens, i, names) if not delays else None
            if ahead is None:
                break
            i = ahead
            continue
        delays.append((found[0], i, found[1] - 1))
        i = found[1]
    if i >= len(tokens):
        return None
    introduced = any(tuple(tokens[j : j + len(p)]) == p for j in range(i) for p in INTRODUCERS)
    if ctx.profile is None and introduced:
        return None  # an introduction, but no profile to tell where the rep's name and company end
    return i, delays


def reason_start(transcript: Transcript, ctx: CheckContext) -> int | None:
    """Index of the first word of the reason for calling, or None when it cannot be told."""
    parts = hook_parts(transcript, ctx)
    return None if parts is None else parts[0]


def _delay_seconds(transcript: Transcript, delays: Sequence[tuple[str, int, int]]) -> float:
    words = transcript.words
    return sum(words[last + 1].start - words[first].start for _kind, first, last in delays if last + 1 < len(words))


def hook_seconds(transcript: Transcript, ctx: CheckContext) -> float | None:
    """Seconds from the first word to the reason for calling (introduction included)."""
    i = reason_start(transcript, ctx)
    if i is None:
        return None
    words = transcript.words
    return round(words[i].start - words[0].start, 2)


def hook_delay_seconds(transcript: Transcript, ctx: CheckContext) -> float | None:
    """Seconds before the reason spent on anything but the introduction (small talk, preamble, pitch)."""
    parts = hook_parts(transcript, ctx)
    return None if parts is None else round(_delay_seconds(transcript, parts[1]), 2)


def check_hook(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    parts = hook_parts(transcript, ctx)
    if parts is None or not parts[1]:
        return []
    _i, delays = parts
    seconds = _delay_seconds(transcript, delays)
    limit = ctx.settings.hook_max_seconds
    if seconds <= limit:
        return []
    kinds = list(dict.fromkeys(kind for kind, _f, _l in delays))
    shown = [k.removeprefix("a ") for k in kinds]
    what = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    message = (
        f"Your reason for calling waits behind {seconds:.0f} s of {what} (aim for under "
        f"{limit:g} s): prospects decide in the first seconds whether to listen. Right after your name, company "
        "and number, say why you are calling them."
    )
    words = transcript.words
    ev = tuple(evidence(words, first, last, kind) for kind, first, last in delays)
    details = {"hook_delay_seconds": round(seconds, 2), "limit": limit, "delayed_by": kinds}
    return [Flag(codes.LATE_HOOK, Severity.TIP, message, ev, details)]
