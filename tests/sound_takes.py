"""Synthesised English takes whose word times are known exactly, with held "uhh"/"umm" put in on demand.

Each word is spoken on its own by espeak-ng, trimmed and laid end to end with short gaps (longer between
sentences), so the transcript's word times are the truth rather than a recogniser's guess. Fillers are
sustained vowels ("uhh", "umm", "err") spoken by espeak-ng at several lengths and pitches, inserted
between words where a rep would hesitate. Used by the acoustic tests and bench/acoustics.py.
"""

from __future__ import annotations

import functools
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from voicecoach.core.transcript import Transcript, Word

RATE = 16000
TRIM_DB = -45.0

VOICEMAIL = (
    "Hi Dana, I noticed your listing on Maple Street came off the market last week.",
    "We helped three sellers on your block get offers within ten days.",
    "I would love to share what worked for them and what it could mean for your home.",
    "You can reach me at four one five, five five five, zero one four two.",
    "Again, this is Sam from Northwind Realty.",
    "That number is four one five, five five five, zero one four two. Talk soon.",
)

# espeak-ng phoneme input: V is the vowel of "uh", @ a schwa, 3 the vowel of "er"; ":" lengthens.
FILLER_PHONEMES = ("[[V::::]]", "[[V::::::]]", "[[@:::::]]", "[[3:::::]]", "[[V:::m::]]", "[[@::m:::]]")


def have_tools() -> bool:
    return shutil.which("espeak-ng") is not None


@functools.lru_cache(maxsize=4096)
def _espeak(text: str, pitch: int, speed: int, voice: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.wav"
        cmd = ["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "-w", str(out), text]
        subprocess.run(cmd, check=True, capture_output=True)
        data, rate = sf.read(out, dtype="float32")
    return soxr.resample(data, rate, RATE).astype(np.float32)


def _trim(x: np.ndarray) -> np.ndarray:
    frame = RATE // 100
    n = len(x) // frame
    if n == 0:
        return x
    db = 10 * np.log10(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(db > TRIM_DB)
    if loud.size == 0:
        return x[:0]
    return x[loud[0] * frame : (loud[-1] + 1) * frame]


def speak(text: str, *, pitch: int = 50, speed: int = 165, voice: str = "en-us") -> np.ndarray:
    """One utterance at 16 kHz, float32, trimmed of leading and trailing silence."""
    return _trim(_espeak(text, pitch, speed, voice))


def speak_ssml(ssml: str, *, pitch: int = 50, speed: int = 165, voice: str = "en-us") -> np.ndarray:
    """espeak-ng with SSML input (e.g. ``<prosody range="x-low">``)."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is not installed: run ./dev setup")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.wav"
        cmd = ["espeak-ng", "-m", "-v", voice, "-p", str(pitch), "-s", str(speed), "-w", str(out), ssml]
        subprocess.run(cmd, check=True, capture_output=True)
        data, rate = sf.read(out, dtype="float32")
    return soxr.resample(data, rate, RATE).astype(np.float32)


@dataclass(frozen=True)
class SynthTake:
    samples: np.ndarray  # float32 mono at RATE
    words: tuple[Word, ...]
    fillers: tuple[tuple[float, float], ...]  # where the held vowels really are

    @property
    def transcript(self) -> Transcript:
        return Transcript.from_words(list(self.words))

    def blurred(self, seconds: float, seed: int = 0) -> tuple[Word, ...]:
        """The words with each start and end moved by up to ``seconds``, as a recogniser's times are."""
        rng = random.Random(seed)
        out = []
        for w in self.words:
            start = max(0.0, w.start + rng.uniform(-seconds, seconds))
            end = max(start + 0.05, w.end + rng.uniform(-seconds, seconds))
            out.append(Word(w.word, round(start, 3), round(end, 3), w.conf))
        return tuple(out)

    def with_filler_words(self, word: str) -> tuple[Word, ...]:
        """The words plus one recognised ``word`` (e.g. "uh" or "the") over each held filler."""
        extra = [Word(word, a, b, 0.6) for a, b in self.fillers]
        return tuple(sorted((*self.words, *extra), key=lambda w: w.start))

    @property
    def int16(self) -> np.ndarray:
        return np.clip(np.round(self.samples * 32767), -32768, 32767).astype(np.int16)

    def write(self, path: Path) -> Path:
        sf.write(path, self.int16, RATE, subtype="PCM_16")
        return path


def _tokens(sentences: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(word, ends a sentence or clause) pairs."""
    out: list[tuple[str, bool]] = []
    for sentence in sentences:
        for raw in sentence.split():
            word = raw.strip(".,!?").lower()
            out.append((word, raw[-1] in ".,!?"))
    return out


def build_take(
    sentences: tuple[str, ...] = VOICEMAIL,
    *,
    fillers: int = 0,
    seed: int = 0,
    pitch: int = 50,
    speed: int = 230,
    lead_in: float = 0.5,
) -> SynthTake:
    """A take of the sentences, with ``fillers`` held vowels put after randomly chosen words."""
    rng = random.Random(seed)
    tokens = _tokens(sentences)
    slots = set(rng.sample(range(len(tokens) - 1), fillers)) if fillers else set()
    parts: list[np.ndarray] = [np.zeros(int(lead_in * RATE), np.float32)]
    t = lead_in
    words: list[Word] = []
    found: list[tuple[float, float]] = []

    def add(x: np.ndarray) -> tuple[float, float]:
        nonlocal t
        parts.append(x)
        start = t
        t += len(x) / RATE
        return start, t

    def gap(seconds: float) -> None:
        add(np.zeros(int(seconds * RATE), np.float32))

    for i, (word, boundary) in enumerate(tokens):
        start, end = add(speak(word, pitch=pitch + rng.randint(-4, 4), speed=speed))
        words.append(Word(word, round(start, 3), round(end, 3), 1.0))
        gap(rng.uniform(0.2, 0.35) if boundary else rng.uniform(0.01, 0.06))
        if i in slots:
            held = speak(rng.choice(FILLER_PHONEMES), pitch=pitch + rng.randint(-12, 6), speed=rng.randint(120, 170))
            found.append(tuple(round(v, 3) for v in add(held)))  # type: ignore[arg-type]
            gap(rng.uniform(0.05, 0.2))
    gap(0.5)
    return SynthTake(np.concatenate(parts), tuple(words), tuple(found))
