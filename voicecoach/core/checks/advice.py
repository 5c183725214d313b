"""Prospecting advice beyond contact, length and delivery.

- Talk about the prospect's problem, not "our product" / "we offer".
- If someone referred you, say who: it is the best reason to call back.
- Never pretend a prior call ("following up on my last message") on a first attempt; it breaks trust.
- "Hi, this is ... from ..." is the opener every prospect deletes: lead with their name and your reason.
- Small models may not print "um"/"uh"; with only a transcript the report says so, because filler counts
  are then limited (with the recording, held "uhh"s are found in the sound instead).
"""

from __future__ import annotations

from voicecoach.core import codes
from voicecoach.core.checks.context import CheckContext, evidence, phrase_hits
from voicecoach.core.contact import find_name
from voicecoach.core.fillers import HESITATIONS
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.transcript import Transcript

__all__ = [
    "SELF_WORDS",
    "YOU_WORDS",
    "check_advice",
    "cliche_opener_flag",
    "false_follow_up_flag",
    "filler_vocabulary_flag",
    "product_talk_flag",
    "referral_flag",
]

SELF_WORDS = frozenset(["we", "our", "us", "we're", "we've", "we'll", "ours"])
YOU_WORDS = frozenset(["you", "your", "you're", "yours", "you've", "you'll", "yourself"])


def product_talk_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    tokens = transcript.tokens
    hits = phrase_hits(tokens, ctx.settings.product_phrases)
    if not hits:
        return None
    self_count = sum(t in SELF_WORDS for t in tokens)
    you_count = sum(t in YOU_WORDS for t in tokens)
    if self_count <= you_count:
        return None
    message = (
        f"You talked about yourselves ({self_count}× we/our, e.g. “{hits[0][2]}”) more than about the prospect "
        f"({you_count}× you/your). Lead with their problem; the product can wait for the call."
    )
    ev = tuple(evidence(transcript.words, a, b, "about us") for a, b, _ in hits)
    details = {"product_phrases": len(hits), "self_words": self_count, "you_words": you_count}
    return Flag(codes.PRODUCT_TALK, Severity.WARNING, message, ev, details)


def referral_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    if not ctx.referral:
        return None
    if find_name(transcript.words, ctx.referral, ctx.settings):
        return None
    message = (
        f"Your script mentions a referral, {ctx.referral}, but you didn't say the name. "
        "A mutual contact is the strongest reason to call back; say it in the first sentence."
    )
    return Flag(codes.REFERRAL_NOT_SAID, Severity.WARNING, message, (), {"referral": ctx.referral})


def false_follow_up_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    if not ctx.first_attempt:
        return None
    hits = phrase_hits(transcript.tokens, ctx.settings.prior_call_phrases)
    if not hits:
        return None
    message = (
        f"This is your first attempt, but you said “{hits[0][2]}” as if you had called before. "
        "Prospects notice, and it costs trust; give a real reason instead."
    )
    ev = tuple(evidence(transcript.words, a, b, "implies a prior call") for a, b, _ in hits)
    return Flag(codes.FALSE_FOLLOW_UP, Severity.WARNING, message, ev, {"phrases": [p for _, _, p in hits]})


def cliche_opener_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    tokens = transcript.tokens[: ctx.settings.opener_window_words]
    span: tuple[int, int] | None = None
    for i in range(len(tokens) - 1):
        if tokens[i : i + 3] == ["my", "name", "is"]:
            span = (i, i + 2)
            break
        if tokens[i : i + 2] == ["this", "is"]:
            for j in range(i + 2, min(len(tokens), i + 7)):
                if tokens[j] in ("from", "with"):
                    span = (i, j)
                    break
            if span:
                break
    if span is None:
        return None
    message = (
        "You opened with “this is … from …”, the opener prospects skip. "
        "Start with their name and the reason for your call; your name can follow."
    )
    return Flag(codes.CLICHE_OPENER, Severity.TIP, message, (evidence(transcript.words, *span, "opener"),), {})


def filler_vocabulary_flag(transcript: Transcript, ctx: CheckContext) -> Flag | None:
    if ctx.vocabulary is None or ctx.signals is not None:
        return None
    try:
        unknown = [w for w in HESITATIONS if not ctx.vocabulary(w)]
    except Exception:  # a vocabulary lookup must never break a report
        return None
    if len(unknown) < len(HESITATIONS):
        return None
    message = (
        "This speech model cannot print “um” or “uh”, so filler counts only include words such as "
        "“like” and “you know”. Rambling is also judged from restarts and the script."
    )
    return Flag(codes.FILLER_DETECTION_LIMITED, Severity.TIP, message, (), {"unknown": unknown})


def check_advice(transcript: Transcript, ctx: CheckContext) -> list[Flag]:
    found = (
        product_talk_flag(transcript, ctx),
        referral_flag(transcript, ctx),
        false_follow_up_flag(transcript, ctx),
        cliche_opener_flag(transcript, ctx),
        filler_vocabulary_flag(transcript, ctx),
    )
    return [f for f in found if f]
