"""Small builders for storage tests: a rep, transcripts and report dicts in the core Report's JSON shape."""

from __future__ import annotations

from typing import Any

from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript, Word

ANN = Profile(name="Ann Lee", company="Acme Roofing", phone="555 0100", website="acme.example",
              email="ann@acme.example")


def transcript_of(text: str, start: float = 0.0, step: float = 0.4) -> Transcript:
    words = [Word(w, start + i * step, start + i * step + 0.3) for i, w in enumerate(text.split())]
    return Transcript.from_words(words)


def report_dict(score: float = 70.0, *, flags: tuple[tuple[str, str], ...] = (), seconds: float = 20.0,
                wpm: float = 150.0, filler_rate: float | None = 0.02) -> dict[str, Any]:
    """The JSON shape of the core Report, small enough to write by hand."""
    metrics = {} if filler_rate is None else {"filler_rate": filler_rate}
    return {
        "speech_seconds": seconds, "words": int(seconds * wpm / 60), "wpm": wpm, "score": score,
        "flags": [{"code": c, "severity": s, "message": f"{c} message", "evidence": [], "details": {}}
                  for c, s in flags],
        "metrics": metrics,
    }
