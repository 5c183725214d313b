"""A take's words, read from Vosk's own result JSON.

Vosk (with SetWords(True)) prints one object per utterance:
``{"result": [{"word", "start", "end", "conf"}, ...], "text": "..."}``; a silent stretch gives
``{"text": ""}``. A take is the list of those objects. That list is the interchange format between the
recogniser, the CLI and the database, so it is kept verbatim in ``Transcript.results``.

What the recogniser knows about how well it heard (a second decode constrained to the script's words,
the seconds of speech in the audio) rides along as ``Transcript.recognition``. In the JSON it is one
more silent result, ``{"text": "", "voicecoach_recognition": {...}}``, so it is stored with the take and
other Vosk readers simply see a silent stretch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from voicecoach.core.inputs import MAX_TRANSCRIPT_WORDS, loads_json

__all__ = ["EVIDENCE_KEY", "RecognitionEvidence", "Transcript", "TranscriptError", "Word"]


class TranscriptError(ValueError):
    """The input is not a Vosk result (or list of results)."""


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    start: float
    end: float
    conf: float = 1.0

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "start": self.start, "end": self.end, "conf": self.conf}


EVIDENCE_KEY = "voicecoach_recognition"


@dataclass(frozen=True, slots=True)
class RecognitionEvidence:
    """How well the recogniser heard a take, beyond its words; any part may be unknown (None).

    ``constrained``: the words of a second decode of the same audio limited to the script's words;
    ``grammar_words`` / ``grammar_missing``: script words the model knows / lacks (a model for another
    language lacks most); ``voiced_seconds``: speech detected in the audio, from its loudness.
    """

    constrained: tuple[Word, ...] | None = None
    grammar_words: int | None = None
    grammar_missing: int | None = None
    voiced_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "constrained": None if self.constrained is None else [w.to_dict() for w in self.constrained],
            "grammar_words": self.grammar_words,
            "grammar_missing": self.grammar_missing,
            "voiced_seconds": self.voiced_seconds,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RecognitionEvidence:
        """Read stored evidence; anything malformed is treated as unknown, never as an error."""
        if not isinstance(d, Mapping):
            return cls()
        words = None
        if isinstance(d.get("constrained"), list):
            try:
                words = tuple(_parse_word(w, 0, m) for m, w in enumerate(d["constrained"]))
            except TranscriptError:
                words = None
        return cls(words, _count(d.get("grammar_words")), _count(d.get("grammar_missing")), _seconds(d))


def _count(v: Any) -> int | None:
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0 else None


def _seconds(d: Mapping[str, Any]) -> float | None:
    v = d.get("voiced_seconds")
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0 else None


@dataclass(frozen=True, slots=True)
class Transcript:
    words: tuple[Word, ...]
    results: tuple[Mapping[str, Any], ...] = ()
    recognition: RecognitionEvidence | None = field(default=None, compare=False)

    # -- construction -------------------------------------------------------------------------------
    @classmethod
    def from_vosk(cls, data: Any) -> Transcript:
        """Accept one Vosk result object or a list of them."""
        if isinstance(data, Mapping):
            items: list[Any] = [data]
        elif isinstance(data, list):
            items = data
        else:
            raise TranscriptError("expected a Vosk result object or a list of them")
        words: list[Word] = []
        results: list[dict[str, Any]] = []
        evidence = None
        for n, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise TranscriptError(f"result {n} is not an object")
            if EVIDENCE_KEY in item:
                evidence = RecognitionEvidence.from_dict(item[EVIDENCE_KEY])
                continue
            if "result" not in item and "text" not in item:
                raise TranscriptError(f"result {n} has neither 'result' nor 'text'")
            raw_words = item.get("result", [])
            if not isinstance(raw_words, list):
                raise TranscriptError(f"result {n}: 'result' is not a list")
            if len(words) + len(raw_words) > MAX_TRANSCRIPT_WORDS:
                raise TranscriptError(f"more than {MAX_TRANSCRIPT_WORDS:,} words: that is not one voicemail take")
            for m, w in enumerate(raw_words):
                words.append(_parse_word(w, n, m))
            results.append(dict(item))
        words.sort(key=lambda w: (w.start, w.end))
        return cls(words=tuple(words), results=tuple(results), recognition=evidence)

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        try:
            data = loads_json(text)
        except json.JSONDecodeError as exc:
            raise TranscriptError(f"not JSON ({exc.msg} at line {exc.lineno})") from None
        except ValueError as exc:
            raise TranscriptError(f"not valid JSON: {exc}") from None
        return cls.from_vosk(data)

    @classmethod
    def from_words(cls, words: Iterable[Word]) -> Transcript:
        """Build a transcript (and its Vosk form) from words, e.g. in tests or after editing."""
        ws = tuple(words)
        result = {"result": [w.to_dict() for w in ws], "text": " ".join(w.word for w in ws)}
        return cls(words=ws, results=(result,) if ws else ({"text": ""},))

    # -- views --------------------------------------------------------------------------------------
    def to_vosk(self) -> list[dict[str, Any]]:
        if self.results:
            out = [dict(r) for r in self.results]
        else:
            out = Transcript.from_words(self.words).to_vosk() if self.words else [{"text": ""}]
        if self.recognition is not None:
            out.append({"text": "", EVIDENCE_KEY: self.recognition.to_dict()})
        return out

    def with_recognition(self, evidence: RecognitionEvidence | None) -> Transcript:
        return Transcript(self.words, self.results, evidence)

    def to_json(self) -> str:
        return json.dumps(self.to_vosk(), ensure_ascii=False)

    @property
    def text(self) -> str:
        return " ".join(w.word for w in self.words)

    @property
    def tokens(self) -> list[str]:
        return [w.word for w in self.words]

    @property
    def speech_seconds(self) -> float:
        """First word's start to last word's end; 0 for silence."""
        if not self.words:
            return 0.0
        return max(0.0, self.words[-1].end - self.words[0].start)

    def __len__(self) -> int:
        return len(self.words)


def _parse_word(w: Any, n: int, m: int) -> Word:
    if not isinstance(w, Mapping):
        raise TranscriptError(f"result {n}, word {m} is not an object")
    try:
        word = w["word"]
        start = float(w["start"])
        end = float(w["end"])
        conf = float(w.get("conf", 1.0))
    except (KeyError, TypeError, ValueError, OverflowError):
        raise TranscriptError(f"result {n}, word {m} needs 'word' (text) and numeric 'start' and 'end'") from None
    if not isinstance(word, str) or not word.strip():
        raise TranscriptError(f"result {n}, word {m}: 'word' must be non-empty text")
    if not all(math.isfinite(x) for x in (start, end, conf)) or start < 0 or end < start:
        raise TranscriptError(f"result {n}, word {m}: times must satisfy 0 <= start <= end")
    return Word(word=word.strip().lower(), start=start, end=end, conf=conf)
