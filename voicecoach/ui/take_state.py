"""A take's states and the typed payloads of ``TakeSession``'s signals.

Light on purpose: the session is built with the first frame, so what its payloads hold (the live
checklist, the stored take) is named for the type checker only and imported where the take needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.core.transcript import Transcript
from voicecoach.ui.take_pipeline import TakeContext

if TYPE_CHECKING:  # the live checklist pulls in phonenumbers, the record the storage stack
    from voicecoach.audio.capture import TakeResult
    from voicecoach.core.live import LiveChecklist, LiveState
    from voicecoach.core.report import Report
    from voicecoach.core.sound import SoundSignals
    from voicecoach.storage.records import TakeRecord

__all__ = [
    "Busy",
    "Captured",
    "JudgedOn",
    "LiveTick",
    "ReportReady",
    "SavedTake",
    "TakeSource",
    "TakeStarted",
    "TakeState",
]


class TakeState(StrEnum):
    """Where the take on the practice page is, from Record to its saved record."""

    IDLE = "idle"  # no take: the script is on screen
    OPENING = "opening"  # the microphone is opening
    RECORDING = "recording"
    FINISHING = "finishing"  # Stop was pressed (or the take ended itself): transcript and judgement to come
    SHOWN = "shown"  # its report (or, kept without a speech model, its audio) is on screen
    SAVED = "saved"  # its record is in the store


class JudgedOn(StrEnum):
    """Where a recorded take is judged (see ``take_session.judgement_place``)."""

    CAPTURE = "capture"  # on the capture thread, while its file closes: the sound was measured during the take
    WORKER = "worker"  # on a worker, measuring the sound from the closed file
    LATER = "later"  # no transcript (no speech model): kept, judged once a model is ready


class TakeSource(StrEnum):
    """Where a take came from; every kind goes through the same flow (``TakeProcessor._show_and_save``)."""

    RECORDED = "recorded"
    KEPT = "kept"  # recorded before the speech model was ready, analysed later
    RECOVERED = "recovered"  # left unfinished by a crash, repaired at start
    IMPORTED = "imported"


@dataclass(frozen=True)
class ReportReady:
    """A take's report is ready to show (``report`` None: kept, waiting for the speech model)."""

    transcript: Transcript
    report: Report | None
    audio: Path | None
    source: TakeSource


@dataclass(frozen=True)
class Busy:
    """Long work under way (``what`` empty: finished) and how far it is (None: unknown)."""

    what: str
    fraction: float | None = None


@dataclass(frozen=True)
class TakeStarted:
    """A take is starting: what it is judged against, and the live checklist the capture side feeds."""

    tc: TakeContext
    checklist: LiveChecklist


@dataclass(frozen=True)
class LiveTick:
    """The live checklist's state, and when its words left the recogniser (``time.monotonic``)."""

    state: LiveState
    heard_at: float


@dataclass(frozen=True)
class Captured:
    """What capture hands over at the end of a take: its result, the judgement made on the capture thread
    (None: not judged there), and the sound measured during the take (None: no meter)."""

    result: TakeResult
    report: Report | None
    signals: SoundSignals | None


@dataclass(frozen=True)
class SavedTake:
    """The take on screen is saved: its stored record."""

    record: TakeRecord
