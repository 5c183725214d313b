"""Stable flag codes.

The GUI, the database and the exports key on these strings, so a code never changes meaning once
released; new checks get new codes.
"""

from __future__ import annotations

__all__ = [
    "ALL_CODES",
    "CADENCE_CODES",
    "CADENCE_FIRST_IMPLIES_PRIOR",
    "CADENCE_NO_REFERENCE_BACK",
    "CADENCE_SAME_TOPIC",
    "CADENCE_TOO_CLOSE",
    "CADENCE_TOPIC_ELSEWHERE",
    "CLICHE_OPENER",
    "CLIPPING",
    "CONTACT_MISHEARD",
    "CONTACT_NOT_REPEATED",
    "DEAD_AIR",
    "FALSE_FOLLOW_UP",
    "FILLER_DETECTION_LIMITED",
    "LATE_HOOK",
    "MISSING_CONTACT_INFO",
    "MONOTONE",
    "NUMBER_TOO_FAST",
    "OFF_TOPIC",
    "OVERRUN",
    "PACE_TOO_FAST",
    "PACE_TOO_SLOW",
    "PLAIN_NAMES",
    "PRODUCT_TALK",
    "RAMBLING",
    "RECOGNITION_UNRELIABLE",
    "REFERRAL_NOT_SAID",
    "SCRIPT_CODES",
    "SCRIPT_CONTACT_NOT_AT_END",
    "SCRIPT_CONTACT_NOT_EARLY",
    "SCRIPT_MANY_TOPICS",
    "SCRIPT_MISSING_CONTACT",
    "SCRIPT_OVER_LIMIT",
    "SCRIPT_UNFILLED_PLACEHOLDER",
    "TAKE_CODES",
    "TOO_QUIET",
    "TOO_SHORT",
    "TRAILING_OFF",
    "UNCLEAR_WORDS",
    "plain_name",
]

# Errors: the voicemail fails its purpose.
MISSING_CONTACT_INFO = "missing_contact_info"
OVERRUN = "overrun"
# The recogniser could not hear the take reliably: word-based flags are unverified, the score provisional.
RECOGNITION_UNRELIABLE = "recognition_unreliable"

# Warnings: the voicemail works, but less well.
RAMBLING = "rambling"
CONTACT_NOT_REPEATED = "contact_not_repeated"
PACE_TOO_FAST = "pace_too_fast"
PACE_TOO_SLOW = "pace_too_slow"
NUMBER_TOO_FAST = "number_too_fast"
DEAD_AIR = "dead_air"
UNCLEAR_WORDS = "unclear_words"
TOO_SHORT = "too_short"
PRODUCT_TALK = "product_talk"
REFERRAL_NOT_SAID = "referral_not_said"
FALSE_FOLLOW_UP = "false_follow_up"
# A cadence attempt that also raises a topic planned for a later attempt.
OFF_TOPIC = "off_topic"
# From the sound itself (need the recording).
MONOTONE = "monotone"
TOO_QUIET = "too_quiet"
CLIPPING = "clipping"
TRAILING_OFF = "trailing_off"

# Tips and notes.
CLICHE_OPENER = "cliche_opener"
FILLER_DETECTION_LIMITED = "filler_detection_limited"
LATE_HOOK = "late_hook"
# Contact info heard only in a bent form: what the prospect reads in the emailed transcript.
CONTACT_MISHEARD = "contact_misheard"

# Script lint (a planned script rather than a take).
SCRIPT_MISSING_CONTACT = "script_missing_contact"
SCRIPT_CONTACT_NOT_AT_END = "script_contact_not_at_end"
SCRIPT_CONTACT_NOT_EARLY = "script_contact_not_early"
SCRIPT_UNFILLED_PLACEHOLDER = "script_unfilled_placeholder"
SCRIPT_OVER_LIMIT = "script_over_limit"
SCRIPT_MANY_TOPICS = "script_many_topics"

# Cadence lint (a planned series of voicemails).
CADENCE_SAME_TOPIC = "cadence_same_topic"
CADENCE_TOPIC_ELSEWHERE = "cadence_topic_elsewhere"
CADENCE_NO_REFERENCE_BACK = "cadence_no_reference_back"
CADENCE_FIRST_IMPLIES_PRIOR = "cadence_first_implies_prior"
CADENCE_TOO_CLOSE = "cadence_too_close"

TAKE_CODES: tuple[str, ...] = (
    RECOGNITION_UNRELIABLE,
    MISSING_CONTACT_INFO,
    OVERRUN,
    RAMBLING,
    CONTACT_NOT_REPEATED,
    PACE_TOO_FAST,
    PACE_TOO_SLOW,
    NUMBER_TOO_FAST,
    DEAD_AIR,
    UNCLEAR_WORDS,
    TOO_SHORT,
    PRODUCT_TALK,
    REFERRAL_NOT_SAID,
    FALSE_FOLLOW_UP,
    OFF_TOPIC,
    MONOTONE,
    TOO_QUIET,
    CLIPPING,
    TRAILING_OFF,
    CLICHE_OPENER,
    FILLER_DETECTION_LIMITED,
    LATE_HOOK,
    CONTACT_MISHEARD,
)
SCRIPT_CODES: tuple[str, ...] = (
    SCRIPT_MISSING_CONTACT,
    SCRIPT_CONTACT_NOT_AT_END,
    SCRIPT_CONTACT_NOT_EARLY,
    SCRIPT_UNFILLED_PLACEHOLDER,
    SCRIPT_OVER_LIMIT,
    SCRIPT_MANY_TOPICS,
)
CADENCE_CODES: tuple[str, ...] = (
    CADENCE_SAME_TOPIC,
    CADENCE_TOPIC_ELSEWHERE,
    CADENCE_NO_REFERENCE_BACK,
    CADENCE_FIRST_IMPLIES_PRIOR,
    CADENCE_TOO_CLOSE,
)
ALL_CODES: tuple[str, ...] = TAKE_CODES + SCRIPT_CODES + CADENCE_CODES

# What each code means in the rep's own words, for summaries that count flags across takes (a single
# take's flag carries its own full message). Codes added later fall back to their spelled-out form.
PLAIN_NAMES: dict[str, str] = {
    MISSING_CONTACT_INFO: "Name, company or callback number not heard in full",
    OVERRUN: "Longer than the time limit",
    RAMBLING: "Rambling: fillers, restarts or drifting off the script",
    CONTACT_NOT_REPEATED: "Callback number not repeated at the end",
    PACE_TOO_FAST: "Speaking too fast",
    PACE_TOO_SLOW: "Speaking too slowly",
    NUMBER_TOO_FAST: "Callback number said too fast",
    DEAD_AIR: "Long silences",
    UNCLEAR_WORDS: "Words hard to make out",
    TOO_SHORT: "Too short to give a reason to call back",
    PRODUCT_TALK: "More about the product than the prospect's problem",
    REFERRAL_NOT_SAID: "Referral not mentioned",
    FALSE_FOLLOW_UP: "Pretended to follow up on a first call",
    OFF_TOPIC: "Brought up a topic planned for a later voicemail",
    CLICHE_OPENER: "Cliché opener",
    FILLER_DETECTION_LIMITED: "Fillers could not be counted with this speech model",
    MONOTONE: "Flat voice that sounds read",
    TOO_QUIET: "Voice too quiet",
    CLIPPING: "Recording too loud (clipping)",
    TRAILING_OFF: "Trailing off on the last sentence",
    LATE_HOOK: "Reason for calling comes late",
}


def plain_name(code: str) -> str:
    """A flag code as a short phrase a rep understands ("overrun" -> "Longer than the time limit")."""
    return PLAIN_NAMES.get(code) or code.replace("_", " ").capitalize()
