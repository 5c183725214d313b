"""From audio or a transcript to a saved, analysed take. Plain functions, run on worker threads.

Kept free of Qt so the steps read like the CLI's: fill the script from the profile, analyse, save.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from voicecoach.core.profile import Profile
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript


@dataclass(frozen=True)
class TakeContext:
    """Everything a take is judged against, captured when recording starts."""

    profile_id: int
    profile: Profile | None
    script: Any  # storage ScriptRecord: id, version_id, title, text, time_limit, referral
    settings: Settings
    vocabulary: Any = None  # the model's word list, so the report can say what it could not hear
    prospect: str | None = None  # fills {prospect}

    @property
    def time_limit(self) -> float:
        return float(getattr(self.script, "time_limit", None) or self.settings.time_limit_seconds)

    @property
    def first_attempt(self) -> bool:
        """A follow-up script may honestly mention the last message; every other script is a first call."""
        return "follow" not in (getattr(self.script, "title", "") or "").lower()

    @property
    def script_text(self) -> str:
        return filled_script(self.script, self.profile, self.prospect)


def filled_script(script: Any, profile: Profile | None, prospect: str | None = None) -> str:
    from voicecoach.core.script import fill_placeholders

    if script is None:
        return ""
    return fill_placeholders(script.text, profile, prospect=prospect or None,
                             referral=getattr(script, "referral", None))


def analyze_take(transcript: Transcript, tc: TakeContext) -> tuple[Any, dict[int, str]]:
    """The report and the word highlights, computed together on the worker."""
    from voicecoach.core.report import analyze

    knows = getattr(tc.vocabulary, "knows", None)
    referral = getattr(tc.script, "referral", None)
    report = analyze(transcript, script=tc.script_text or None, profile=tc.profile, settings=tc.settings,
                     time_limit=tc.time_limit, first_attempt=tc.first_attempt, vocabulary=knows, referral=referral)
    return report, categories_for(transcript, tc.script_text or None, tc.profile, tc.settings, referral)


def categories_for(transcript: Transcript, script_text: str | None, profile: Profile | None, settings: Settings,
                   referral: str | None = None) -> dict[int, str]:
    from voicecoach.ui.highlights import word_categories

    return word_categories(transcript, script=script_text, profile=profile, settings=settings, referral=referral)


def save_take(store: Any, tc: TakeContext, transcript: Transcript, report: Any, audio_path: Path | None,
              started_at: datetime | None, *, remove_source: bool = False) -> Any:
    """Store the take (the store copies the audio in); the recording's own file can go once copied."""
    record = store.save_take(profile_id=tc.profile_id, script_version_id=tc.script.version_id,
                             transcript=transcript, report=report, audio_path=audio_path, started_at=started_at)
    if remove_source and audio_path is not None and record.audio_path is not None:
        try:
            if Path(record.audio_path).resolve() != Path(audio_path).resolve():
                Path(audio_path).unlink(missing_ok=True)
        except OSError:
            pass  # a leftover copy is harmless; the take is saved
    return record


def transcribe_and_analyze(path: Path, model: Any, tc: TakeContext, transcribe: Any,
                           progress: Any = None, cancel: Any = None) -> tuple[Transcript, Any, dict[int, str]]:
    """For imported files and takes recorded before the model was ready."""
    transcript = transcribe(Path(path), model, progress=progress, cancel=cancel)
    return (transcript, *analyze_take(transcript, tc))


def wpm_of(records: list[Any]) -> float | None:
    """The rep's measured pace: the median over the given (recent) takes, for script lint."""
    values = sorted(float(r.wpm) for r in records if getattr(r, "wpm", None))
    if not values:
        return None
    return values[len(values) // 2]
