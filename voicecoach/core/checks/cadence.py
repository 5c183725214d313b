"""Checks that know the take's place in a cadence: one topic per voicemail.

A take rehearsing attempt N that also brings up a topic planned for a later attempt gets ``off_topic``.
Only the words the take said beyond its script count (the same plan alignment as rambling), the take's
own topic and script never count, and earlier topics are fine: referring back is what a follow-up does.
Whether attempt 1 implies a prior call is ``false_follow_up`` (``checks.advice``), decided by the
attempt's follow-up rule in the judgement.
"""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.topics import later_topics_heard
from voicecoach.core.transcript import Transcript

__all__ = ["check_cadence", "off_topic_flags"]


def off_topic_flags(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    judgement = ctx.judgement
    if judgement.attempt is None or not judgement.cadence_topics:
        return []
    allowed = ctx.alignment.unplanned if ctx.alignment is not None else None
    own = [t for t in (judgement.script_text, judgement.topic) if t]
    hits = later_topics_heard(transcript.tokens, judgement.attempt, judgement.cadence_topics, own, allowed)
    flags = []
    for hit in hits:
        message = (
            f"You also brought up “{hit.topic}”, planned for attempt {hit.attempt}: save it for then, "
            "one topic per voicemail."
        )
        ev = tuple(evidence(transcript.words, i, i, f"planned for attempt {hit.attempt}") for i in hit.word_indexes)
        details = {"topic": hit.topic, "planned_attempt": hit.attempt, "attempt": judgement.attempt}
        flags.append(Flag(codes.OFF_TOPIC, Severity.WARNING, message, ev, details))
    return flags


def check_cadence(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    return off_topic_flags(transcript, ctx)
