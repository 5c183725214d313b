"""A whole audio file through the streaming recogniser: the path `voicecoach transcribe` and the GUI's import use.

It is the same recogniser as live capture, fed from the file in blocks, so a file and a recording of the
same speech give the same result list. Partial results are not queried (nobody watches them), which keeps
the pipeline within a few percent of a bare Vosk loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from voicecoach.asr.audio_files import AudioFileError, audio_to_analyse, read_pcm_blocks, too_long
from voicecoach.asr.checked import CheckedRecognizer
from voicecoach.asr.recognizer import SpeechModel, StreamingRecognizer
from voicecoach.core.inputs import MAX_AUDIO_SECONDS
from voicecoach.core.transcript import Transcript

BLOCK_SECONDS = 0.5


class TranscriptionCancelled(Exception):
    """The caller set the cancel event; no transcript is produced."""


def transcribe_file(
    path: Path | str,
    model: SpeechModel,
    *,
    grammar: Sequence[str] | None = None,
    plan: Sequence[str] | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    block_seconds: float = BLOCK_SECONDS,
) -> Transcript:
    """Recognise a file of any common format; `progress(fraction)` goes from 0 to 1 as audio is consumed.

    With ``plan`` (the script's words), a second decode limited to them runs alongside the free one and
    the transcript carries it (``CheckedRecognizer``), so the analysis can tell a failed recognition from
    a rep who went off-script.
    """
    info = audio_to_analyse(path)  # a file over MAX_AUDIO_SECONDS is refused before a block is decoded
    total = info.seconds * model.sample_rate * 2  # bytes of int16 mono at the model's rate
    rec: StreamingRecognizer | CheckedRecognizer
    if plan and grammar is None:
        rec = CheckedRecognizer(model, plan, model.sample_rate, partials=False)
    else:
        rec = StreamingRecognizer(model, model.sample_rate, grammar=grammar, partials=False)
    done = 0
    last_reported = -1.0
    if progress:
        progress(0.0)
    for block in read_pcm_blocks(path, rate=model.sample_rate, block_seconds=block_seconds):
        done += len(block)
        stop = _stop(path, cancel, done / (model.sample_rate * 2))
        if stop is not None:
            if isinstance(rec, CheckedRecognizer):
                rec.abandon()
            raise stop
        rec.feed(block)
        if progress and total > 0:
            fraction = min(1.0, done / total)
            if fraction - last_reported >= 0.01:
                last_reported = fraction
                progress(fraction)
    transcript = rec.finish()
    if progress:
        progress(1.0)
    return transcript


def _stop(path: Path | str, cancel: threading.Event | None, seconds: float) -> Exception | None:
    """Why decoding must stop now: cancelled, or past MAX_AUDIO_SECONDS (a header that gave no length)."""
    if cancel is not None and cancel.is_set():
        return TranscriptionCancelled(f"transcription of {Path(path).name} cancelled")
    if seconds > MAX_AUDIO_SECONDS:
        return AudioFileError(too_long(path, seconds, MAX_AUDIO_SECONDS))
    return None


__all__ = ["BLOCK_SECONDS", "TranscriptionCancelled", "transcribe_file"]
