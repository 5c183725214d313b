"""From audio or a transcript to a saved, analysed take. Plain functions, run on worker threads.

Kept free of Qt so the steps read like the CLI's: build the judgement context, analyse once, save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript
from voicecoach.core.when import local_text
from voicecoach.ui import words

if TYPE_CHECKING:  # judgement and profile pull in phonenumbers: loaded with the first take, not the first frame
    from voicecoach.core.judgement import JudgementContext
    from voicecoach.core.profile import Profile
    from voicecoach.core.report import Report
    from voicecoach.storage.db import Store
    from voicecoach.storage.records import TakeRecord

__all__ = [
    "StoredTake",
    "TakeContext",
    "analyze_take",
    "load_stored_take",
    "save_take",
    "sound_of",
    "take_context",
    "transcribe_and_analyze",
    "warm_up",
    "wpm_of",
]


@dataclass(frozen=True)
class TakeContext:
    """Whose take it is (the rep's row) and everything it is judged against, captured at record start."""

    profile_id: int
    judgement: JudgementContext

    @property
    def time_limit(self) -> float:
        return self.judgement.time_limit

    @property
    def script_text(self) -> str:
        return self.judgement.script_text or ""

    @property
    def plan(self) -> list[str]:
        """The script's words, for the second decode that listens only for them."""
        from voicecoach.core.script import plan_tokens

        return plan_tokens(self.script_text) if self.script_text else []


def take_context(profile_id: int, profile: Profile | None, script: Any, settings: Settings, *,
                 model: Any = None, prospect: str | None = None, cadence: Any = None,
                 attempt: int | None = None, trigger: str | None = None) -> TakeContext:
    """The GUI's take context, built by the same ``judgement_for`` as the CLI's (with a ``cadence`` and an
    ``attempt``: that attempt's topic and follow-up rule, ``script`` its stored version; ``trigger`` fills
    ``{trigger}`` for a prospect of a call list)."""
    knows = getattr(model, "knows", None)
    name = getattr(getattr(model, "path", None), "name", None)
    from voicecoach.core.judgement import judgement_for

    judgement = judgement_for(script=script, profile=profile, settings=settings, prospect=prospect,
                              knows=knows, model=name, cadence=cadence, attempt=attempt, trigger=trigger)
    return TakeContext(profile_id, judgement)


def warm_up() -> bool:
    """Load what judging a take needs ahead of the first take, on a worker: the analysis code and the
    pronouncing lexicon (about 200 ms together), which the first Stop would otherwise wait for.
    True when pronunciations are available."""
    from voicecoach.core import pronounce
    from voicecoach.core.report import analyze  # noqa: F401  (imported for its side effect: loaded)

    return pronounce.available()


def sound_of(audio: Path | None) -> Any:
    """The take's SoundSignals measured from its file; None (sound checks skipped) if it cannot be read."""
    if audio is None:
        return None
    from voicecoach.asr.sound_file import measure_file

    try:
        return measure_file(audio)
    except (OSError, ValueError):
        return None


def analyze_take(transcript: Transcript, tc: TakeContext, *, signals: Any = None,
                 audio: Path | None = None) -> Report:
    """The report, with everything the views show, computed once on the worker.

    ``signals`` were measured while recording; without them the sound is measured from ``audio``.
    """
    from voicecoach.core.report import analyze  # the analysis loads on first use, after the first frame

    sound = signals if signals is not None else sound_of(audio)
    return analyze(transcript, tc.judgement, signals=sound)


def save_take(store: Store, tc: TakeContext, transcript: Transcript, report: Report, audio_path: Path | None,
              started_at: datetime | None, *, remove_source: bool = False) -> TakeRecord:
    """Store the take (the store copies the audio in); the recording's own file can go once copied."""
    version_id = tc.judgement.script_version_id
    if version_id is None:  # every take is judged against a stored version; the store refuses one without
        from voicecoach.storage.errors import StoreError

        raise StoreError("no script version None")
    record = store.save_take(profile_id=tc.profile_id, script_version_id=version_id,
                             transcript=transcript, report=report, audio_path=audio_path, started_at=started_at,
                             judgement=tc.judgement)
    if remove_source and audio_path is not None and record.audio_path is not None:
        try:
            if Path(record.audio_path).resolve() != Path(audio_path).resolve():
                Path(audio_path).unlink(missing_ok=True)
        except OSError:
            pass  # a leftover copy is harmless; the take is saved
    return record


def transcribe_and_analyze(path: Path, model: Any, tc: TakeContext, transcribe: Callable[..., Transcript],
                           progress: Any = None, cancel: Any = None) -> tuple[Transcript, Report]:
    """For imported files and takes recorded before the model was ready."""
    transcript = transcribe(Path(path), model, progress=progress, cancel=cancel, plan=tc.plan)
    return transcript, analyze_take(transcript, tc, audio=Path(path))


def wpm_of(records: list[Any]) -> float | None:
    """The rep's measured pace: the median over the given (recent) takes the app heard, for script lint."""
    values = sorted(float(r.wpm) for r in records if getattr(r, "wpm", None) and getattr(r, "heard", True))
    if not values:
        return None
    return values[len(values) // 2]


@dataclass(frozen=True)
class StoredTake:
    """A past take as it was judged: its report (with the view it was shown with), script version and notes.

    Nothing here depends on today's profile, thresholds or script: a reopened take shows what it showed.
    """

    take: Any  # storage TakeRecord
    script: Any  # the script version it was judged against
    notes: list[Any]
    report: Report | None  # None: a report this version cannot read

    @property
    def title(self) -> str:
        """What the take's window is called (``words.stored_take_title``)."""
        take = self.take
        judgement = take.judgement
        judged_on = None if take.judged_at is None else local_text(take.judged_at, "%d %b %Y")
        return words.stored_take_title(self.script.title, take.attempt, take.started_at,
                                       judgement.cadence if judgement is not None else None,
                                       judgement.attempt if judgement is not None else None, judged_on)

    @property
    def note(self) -> str | None:
        return None if self.report is not None else words.REPORT_UNREADABLE


def load_stored_take(store: Store, take_id: int) -> StoredTake:
    """Runs on the store thread. A report stored without its view (another version wrote it) gets one built
    from the context stored with the take, never from today's settings."""
    from dataclasses import replace

    from voicecoach.core.report import Report
    from voicecoach.core.take_view import rebuild_view

    take = store.get_take(take_id)
    report = take.report if isinstance(take.report, Report) else None
    if report is not None and report.view is None and take.judgement is not None:
        report = replace(report, view=rebuild_view(take.transcript, report.flags, take.judgement))
    return StoredTake(take, store.get_script_version(take.script_version_id), store.list_notes(take_id), report)
