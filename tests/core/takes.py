"""Build believable Vosk transcripts from text for tests: words at a steady pace, optional pauses.

``"hi dana | this is"`` puts a pause (``pause`` seconds) at each ``|``; ``word~0.3`` sets a confidence.
"""

from __future__ import annotations

from voicecoach.core.transcript import Transcript, Word


def take(text: str, *, wpm: float = 150.0, pause: float = 2.5, start: float = 0.4) -> Transcript:
    per_word = 60.0 / wpm
    t = start
    words: list[Word] = []
    for token in text.split():
        if token == "|":
            t += pause
            continue
        word, _, conf = token.partition("~")
        length = per_word * 0.8
        words.append(Word(word, round(t, 2), round(t + length, 2), float(conf) if conf else 1.0))
        t += per_word
    return Transcript.from_words(words)
