"""The live checklist's parts and how the window names them: plain constants, so the checklist's widget can be
built before the first frame without importing the contact finder that ``core.live`` runs."""

from __future__ import annotations

#: The checklist's parts, in the order a voicemail says them.
NAME, COMPANY, NUMBER, NUMBER_AGAIN = "name", "company", "number", "number_again"
LABELS = {NAME: "Your name", COMPANY: "Your company", NUMBER: "Your number", NUMBER_AGAIN: "Number again at the end"}
#: What the checklist says when a part is still missing near the end of the time limit.
NOT_YET = {NAME: "no name yet", COMPANY: "no company yet", NUMBER: "no number yet",
           NUMBER_AGAIN: "say the number again"}

__all__ = ["COMPANY", "LABELS", "NAME", "NOT_YET", "NUMBER", "NUMBER_AGAIN"]
