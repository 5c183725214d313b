"""One module per family of checks; each is a function (Transcript, CheckContext) -> list[Flag].

``ALL_CHECKS`` is the order the report runs them in (errors first, tips last).
"""

from __future__ import annotations

from collections.abc import Callable

from voicecoach.core.checks.advice import check_advice
from voicecoach.core.checks.cadence import check_cadence
from voicecoach.core.checks.contact import check_contact
from voicecoach.core.checks.context import CheckContext, build_context
from voicecoach.core.checks.hook import check_hook
from voicecoach.core.checks.length import check_length
from voicecoach.core.checks.pace import check_pace
from voicecoach.core.checks.rambling import check_rambling
from voicecoach.core.checks.sound import check_sound
from voicecoach.core.flags import Flag
from voicecoach.core.transcript import Transcript

Check = Callable[[Transcript, CheckContext], list[Flag]]
ALL_CHECKS: tuple[Check, ...] = (
    check_contact,
    check_length,
    check_rambling,
    check_pace,
    check_sound,
    check_advice,
    check_cadence,
    check_hook,
)

__all__ = [
    "ALL_CHECKS",
    "Check",
    "CheckContext",
    "build_context",
    "check_advice",
    "check_cadence",
    "check_contact",
    "check_hook",
    "check_length",
    "check_pace",
    "check_rambling",
    "check_sound",
]
