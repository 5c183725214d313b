"""Two decodes of the same audio: the free one the rep reads, and one limited to the script's words.

A small recogniser that prints "with our friends realty" for "with Northwind Realty" makes the analysis
accuse the rep of leaving out the company. Decoding the same audio a second time with Vosk's grammar mode,
limited to the script's words (and every number word, so a number said any way can be heard), tells the
two cases apart: if that decode hears the script the free one missed, the recogniser failed, not the rep.

``CheckedRecognizer`` has the interface the Recorder and ``transcribe_file`` already use — ``feed(pcm)``
returns the free decode's new partial text, ``finish()`` the take's Transcript — so capture does not change.
The constrained decode runs on its own thread, fed through a queue, so it works alongside the free one on
a second core and the stop-to-transcript time stays that of one decode. It also measures how many seconds
of the audio are speech, so the analysis can tell "no words" from "no speech". Both go into
``Transcript.recognition`` (core's ``RecognitionEvidence``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from voicecoach.asr.recognizer import DEFAULT_SAMPLE_RATE, SpeechModel, StreamingRecognizer
from voicecoach.core.spoken_numbers import DIGIT_WORDS, HOMOPHONES, MULTIPLIERS, TEENS, TENS
from voicecoach.core.transcript import RecognitionEvidence, Transcript

# Every way of saying a number, so the constrained decode can hear it however the rep reads it.
NUMBER_WORDS: tuple[str, ...] = (
    *DIGIT_WORDS, "oh", *TEENS, *TENS, *MULTIPLIERS, *HOMOPHONES, "hundred", "thousand", "extension", "plus",
)  # fmt: skip
_FRAME_SECONDS = 0.02
# How long Stop waits for the constrained decode to flush once the free one has (it runs alongside, so it
# is normally done already); past this the take is judged without it.
FINISH_TIMEOUT = 3.0
_DONE = object()


def script_grammar(plan: Iterable[str]) -> list[str]:
    """The constrained decode's vocabulary: the script's words, and every number word when it has a number."""
    words = [w.lower() for w in plan if w.strip()]
    has_number = any(w in DIGIT_WORDS for w in words)
    return list(dict.fromkeys([*words, *(NUMBER_WORDS if has_number else ())]))


class VoiceMeter:
    """Seconds of speech in a stream, from the loudness of 20 ms frames against the take's own noise floor."""

    def __init__(self, sample_rate: int) -> None:
        self._frame = max(1, int(sample_rate * _FRAME_SECONDS))
        self._carry = np.zeros(0, dtype=np.int16)
        self._levels: list[np.ndarray] = []

    def add(self, pcm: bytes) -> None:
        data = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
        samples = np.concatenate([self._carry, data]) if self._carry.size else data
        whole = samples.size // self._frame * self._frame
        self._carry = samples[whole:].copy()
        if whole:
            frames = samples[:whole].astype(np.float32).reshape(-1, self._frame) / 32768.0
            rms = np.sqrt(np.mean(frames * frames, axis=1))
            self._levels.append(20.0 * np.log10(np.maximum(rms, 1e-5)))

    @property
    def seconds(self) -> float:
        """Frames louder than both -50 dBFS and 12 dB over the quietest tenth of the take."""
        if not self._levels:
            return 0.0
        db = np.concatenate(self._levels)
        floor = float(np.percentile(db, 10))
        voiced = db > max(-50.0, floor + 12.0)
        return round(float(np.count_nonzero(voiced)) * _FRAME_SECONDS, 2)


class _ConstrainedWorker:
    """Owns the constrained recogniser on its own thread (a recogniser belongs to one thread)."""

    def __init__(self, rec: StreamingRecognizer) -> None:
        self._rec = rec
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._result: Transcript | None = None
        self._error: BaseException | None = None
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voicecoach-constrained-decode", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _DONE:
                break
            if self._error is None and not self._abandoned.is_set():
                try:
                    self._rec.feed(item)
                except Exception as exc:  # the free decode must go on; this one is only evidence
                    self._error = exc
        if self._abandoned.is_set():
            return  # nobody waits for it any more: skip the flush, free the core
        try:
            self._result = self._rec.finish() if self._error is None else None
        except Exception as exc:
            self._error = exc

    def feed(self, pcm: bytes) -> None:
        self._queue.put(bytes(pcm))

    def close(self, *, abandon: bool = False) -> None:
        """No more audio: the worker flushes its decoder while the caller does other work (or, abandoned,
        skips what is still queued and stops)."""
        if abandon:
            self._abandoned.set()
        self._queue.put(_DONE)

    def result(self, timeout: float | None = None) -> Transcript | None:
        """The constrained transcript, or None if it failed or is not ready within ``timeout`` seconds
        (``FINISH_TIMEOUT``; the report then goes on the free decode alone rather than keep the rep waiting)."""
        self._thread.join(FINISH_TIMEOUT if timeout is None else timeout)
        if self._thread.is_alive():
            self._abandoned.set()  # too late to help this take: let the thread stop after its current block
            return None
        return self._result


class CheckedRecognizer:
    """A free StreamingRecognizer plus a script-constrained one and a voice meter, fed the same audio."""

    def __init__(
        self,
        model: SpeechModel,
        plan: Sequence[str],
        sample_rate: int | None = None,
        *,
        partials: bool = True,
    ) -> None:
        rate = int(sample_rate or getattr(model, "sample_rate", DEFAULT_SAMPLE_RATE) or DEFAULT_SAMPLE_RATE)
        self.free = StreamingRecognizer(model, rate, partials=partials)
        self.grammar_words = 0
        self.grammar_missing = 0
        self._worker: _ConstrainedWorker | None = None
        plan_words = {w.lower() for w in plan if w.strip()}
        try:
            constrained = StreamingRecognizer(model, rate, grammar=script_grammar(plan), partials=False)
        except ValueError:  # the model knows none of the script's words: a model for another language
            self.grammar_missing = len(plan_words)
        else:
            self.grammar_missing = len(plan_words & set(constrained.ignored_words))
            self.grammar_words = len(plan_words) - self.grammar_missing
            self._worker = _ConstrainedWorker(constrained)
        self._meter = VoiceMeter(rate)
        self.sample_rate = rate

    @property
    def results(self) -> list[dict[str, Any]]:
        return self.free.results

    @property
    def text(self) -> str:
        return self.free.text

    @property
    def partial_text(self) -> str:
        return self.free.partial_text

    def feed(self, pcm: bytes) -> str | None:
        if self._worker is not None:
            self._worker.feed(pcm)
        self._meter.add(pcm)
        return self.free.feed(pcm)

    def abandon(self) -> None:
        """Stop the constrained decode's thread without a result (a cancelled transcription)."""
        if self._worker is not None:
            self._worker.close(abandon=True)
            self._worker = None

    def finish(self) -> Transcript:
        """The free decode's Transcript, carrying the constrained decode and the seconds of speech."""
        if self._worker is not None:
            self._worker.close()  # it flushes while the free decode flushes here
        transcript = self.free.finish()
        constrained = self._worker.result() if self._worker is not None else None
        evidence = RecognitionEvidence(
            constrained=constrained.words if constrained is not None else None,
            grammar_words=self.grammar_words,
            grammar_missing=self.grammar_missing,
            voiced_seconds=self._meter.seconds,
        )
        return transcript.with_recognition(evidence)


__all__ = ["NUMBER_WORDS", "CheckedRecognizer", "VoiceMeter", "script_grammar"]
