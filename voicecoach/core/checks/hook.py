"""The hook: how many seconds pass before the reason for calling starts.

Prospects decide in the first seconds whether to keep listening, so the advice is to get past the
greeting and the introduction fast (or lead with the reason). The reason starts at the first word that
is not part of the opening: greeting words, the prospect's name, the rep's own name, company and
number (as the contact finder heard them) and the glue between them ("this is … from …", "my name is"). Seconds
count from the first word, not from pressing Record. When the rep introduces themselves but no profile
says who they are, the end of the introduction cannot be told and there is no verdict.
"""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.contact import find_name
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.transcript import Transcript

GREETINGS = frozenset(["hi", "hello", "hey", "good", "morning", "afternoon", "evening", "there", "dear"])
GLUE = frozenset(
    ["this", "is", "it's", "my", "name", "name's", "i'm", "im", "from", "with", "at", "here", "over",
     "calling", "speaking", "and", "just"]
)  # fmt: skip
INTRODUCERS = (("this", "is"), ("my", "name"), ("it's",), ("i'm",))


def _opening_indexes(transcript: Transcript, ctx: CheckContext) -> set[int]:
    """Word indexes of the rep's name, company and number and the prospect's name."""
    c = ctx.contact
    mentions = [*c.name, *c.company, *c.number.mentions]
    if ctx.prospect:
        mentions.extend(find_name(transcript.words, ctx.prospect, ctx.settings))
    return {i for m in mentions for i in m.word_indexes}


def reason_start(transcript: Transcript, ctx: CheckContext) -> int | None:
    """Index of the first word of the reason for calling, or None when it cannot be told."""
    tokens = transcript.tokens
    names = _opening_indexes(transcript, ctx)
    i = 0
    while i < len(tokens) and (tokens[i] in GREETINGS or tokens[i] in GLUE or i in names):
        i += 1
    if i >= len(tokens):
        return None
    introduced = any(tuple(tokens[j : j + len(p)]) == p for j in range(i) for p in INTRODUCERS)
    if ctx.profile is None and introduced:
        return None  # an introduction, but no profile to tell where the rep's name and company end
    return i


def hook_seconds(transcript: Transcript, ctx: CheckContext) -> float | None:
    i = reason_start(transcript, ctx)
    if i is None:
        return None
    words = transcript.words
    return round(words[i].start - words[0].start, 2)


def check_hook(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    i = reason_start(transcript, ctx)
    if i is None or i == 0:
        return []
    words = transcript.words
    seconds = words[i].start - words[0].start
    limit = ctx.settings.hook_max_seconds
    if seconds <= limit:
        return []
    message = (
        f"Your reason for calling starts {seconds:.0f} s in (aim for under {limit:g} s): prospects decide "
        "in the first seconds whether to listen. Lead with why you are calling them; your name can follow."
    )
    ev = (evidence(words, 0, i - 1, "before your reason to call"),)
    return [Flag(codes.LATE_HOOK, Severity.TIP, message, ev, {"hook_seconds": round(seconds, 2), "limit": limit})]
