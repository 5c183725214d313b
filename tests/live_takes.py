"""A recogniser that hears a recorded take at the take's own pace, as Vosk does, for the live view's tests.

``UtteranceRecognizer(transcript)`` is fed audio like the real recogniser; at each block it returns the open
utterance's words whose end has been reached (a growing partial), and once an utterance's last word is
``close_after`` seconds old it appends the utterance's Vosk result (with word times) to ``.results`` and
returns "" (the utterance closed). ``finish()`` returns the whole take. ``partial_sent`` records when
(``time.monotonic()``) each partial was handed back, for the benchmark's latency.

``replay(transcript, judgement)`` drives a ``LiveChecklist`` the way the capture side does (closed
utterances' words with their times, the open one's timed as they appear), block by block; the states.
"""

from __future__ import annotations

import time
from typing import Any

from voicecoach.core.judgement import JudgementContext
from voicecoach.core.live import LiveChecklist, LiveState, stamp_partial
from voicecoach.core.transcript import Transcript, Word

RATE = 16000


class UtteranceRecognizer:
    def __init__(self, transcript: Transcript, *, close_after: float = 0.3, partial_override: Any = None) -> None:
        self.transcript = transcript
        self.utterances = [tuple(Transcript.from_vosk([r]).words) for r in transcript.results if r.get("result")]
        self.close_after = close_after
        self.results: list[dict[str, Any]] = []
        self.fed = 0
        self.blocks = 0
        self.partial_sent: list[tuple[str, float, float]] = []  # (partial, take seconds, monotonic)
        self._partial = ""
        #: ``partial_override(text) -> text``: what the partials show instead (a word bent only live)
        self.partial_override = partial_override

    @property
    def seconds(self) -> float:
        return self.fed / 2 / RATE

    def feed(self, pcm: bytes) -> str | None:
        self.fed += len(pcm)
        self.blocks += 1
        now = self.seconds
        k = len(self.results)
        if k >= len(self.utterances):
            return None
        utt = self.utterances[k]
        if now >= utt[-1].end + self.close_after:
            self.results.append(self.transcript.results[k] if k < len(self.transcript.results) else {})
            self._partial = ""
            return ""
        text = " ".join(w.word for w in utt if w.end <= now)
        if self.partial_override is not None and text:
            text = self.partial_override(text)
        if text == self._partial:
            return None
        self._partial = text
        self.partial_sent.append((text, now, time.monotonic()))
        return text

    def finish(self) -> Transcript:
        return self.transcript


def closed_words(results: list[dict[str, Any]]) -> list[Word]:
    return list(Transcript.from_vosk(results).words) if results else []


def replay(transcript: Transcript, judgement: JudgementContext, *, block: float = 0.1,
           partial_override: Any = None) -> list[LiveState]:
    """Every state the live checklist would show for this take, block by block, until its last word closed."""
    rec = UtteranceRecognizer(transcript, partial_override=partial_override)
    checklist = LiveChecklist(judgement)
    states: list[LiveState] = []
    open_words: list[Word] = []
    end = (transcript.words[-1].end if transcript.words else 0.0) + 1.0
    while rec.seconds < end:
        heard = rec.feed(b"\0\0" * int(RATE * block))
        if heard is None:
            continue
        closed = closed_words(rec.results)
        begin = closed[-1].end if closed else 0.0
        open_words = stamp_partial(open_words, heard, rec.seconds, begin) if heard else []
        states.append(checklist.update([*closed, *open_words], rec.seconds))
    return states


def bent(transcript: Transcript, word: str, heard_as: str) -> Transcript:
    """The take with every ``word`` heard as ``heard_as`` (a name the recogniser bends)."""
    import json

    return Transcript.from_json(json.dumps(transcript.to_vosk()).replace(f'"{word}"', f'"{heard_as}"'))
