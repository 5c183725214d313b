"""Hostile inputs stay cheap: linear growth, and the bounds answered fast (goals printed per line).

Two kinds of figures, each measured in this run:
- growth: the CPU time for an input 4x as long divided by the time for the shorter one. Linear work gives
  about 4, quadratic about 16; the goal is at most 6 (room for noise on a shared machine).
- bounds: the CPU time for the largest input the app accepts (analysis at 5,000 words with a 10,000-character
  script, the live script check at 10,000 characters) and for refusing what is over a bound (a 5 MB script,
  JSON nested 100,000 deep, a 6 MB transcript of 100,000 words).

.venv/bin/python bench/inputs.py
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from voicecoach.core.inputs import MAX_SCRIPT_CHARS, MAX_TRANSCRIPT_WORDS, InputFileError, loads_json, read_text
from voicecoach.core.lint import lint_script
from voicecoach.core.profile import Profile
from voicecoach.core.report import analyze
from voicecoach.core.spoken_form import spoken_tokens
from voicecoach.core.transcript import Transcript, TranscriptError, Word

GROWTH_GOAL = 6.0
PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142", "northwindrealty.com",
                  "dana@northwindrealty.com")
_VOCAB_TEXT = (
    "hi this is dana whitfield with northwind realty four one five five five five zero one four two um uh like "
    "the house on elm street sold call me back at thanks dot com"
)
VOCAB = tuple(_VOCAB_TEXT.split())


def cpu(fn: Callable[[], object], runs: int = 3) -> float:
    """Best CPU seconds of a few runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def text_of(n_chars: int, seed: int) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(VOCAB) for _ in range(n_chars // 5))[:n_chars]


def take_of(n_words: int, seed: int) -> Transcript:
    rnd = random.Random(seed)
    return Transcript.from_words(Word(rnd.choice(VOCAB), i * 0.35, i * 0.35 + 0.3, 0.9) for i in range(n_words))


def growth(name: str, make: Callable[[int], Callable[[], object]], small: int) -> None:
    short, long = cpu(make(small)), cpu(make(4 * small))
    ratio = long / max(short, 1e-6)
    print(f"growth  {name:<44} {short * 1000:8.1f} ms -> {long * 1000:8.1f} ms at 4x: ratio {ratio:4.1f} "
          f"(goal <= {GROWTH_GOAL:g}, {'ok' if ratio <= GROWTH_GOAL else 'OVER'})")


def bound(name: str, fn: Callable[[], object], goal_s: float) -> None:
    took = cpu(fn, runs=1)
    print(f"bound   {name:<44} {took * 1000:8.1f} ms (goal < {goal_s * 1000:g} ms, {took / goal_s:.2f}x the goal)")


def refused(fn: Callable[[], object], errors: tuple[type[Exception], ...]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except errors:
            return
        raise AssertionError("the input was accepted")

    return run


def analysing(n_words: int, script_chars: int) -> Callable[[], object]:
    take, script = take_of(n_words, 2), text_of(script_chars, 3) if script_chars else None
    return lambda: analyze(take, script=script, profile=PROFILE, prospect="Sam")


def analysing_one_name(n_words: int) -> Callable[[], object]:
    words = ["dana", "whitfield", "um"] * (n_words // 3)
    take = Transcript.from_words(Word(w, i * 0.3, i * 0.3 + 0.2) for i, w in enumerate(words))
    return lambda: analyze(take, profile=PROFILE)


def checking_script(chars: int) -> Callable[[], object]:
    text = text_of(chars, 1)
    return lambda: lint_script(text, profile=PROFILE)


def main() -> None:
    for run in ("a", "a.", "a-", "a@b.", "a.b@", "co."):
        growth(f"spoken form of a run of {run!r}", lambda n, r=run: lambda: spoken_tokens(r * (n // len(r))), 20_000)
    growth("script check of spaced words", checking_script, 2_000)
    growth("analysis with a profile and a script", lambda n: analysing(n, n), 1_000)
    growth("analysis, one name said over and over", analysing_one_name, 1_200)

    bound(f"analysis at {MAX_TRANSCRIPT_WORDS:,} words, {MAX_SCRIPT_CHARS:,}-char script",
          analysing(MAX_TRANSCRIPT_WORDS, MAX_SCRIPT_CHARS), 2.0)
    bound(f"script check at {MAX_SCRIPT_CHARS:,} characters", checking_script(MAX_SCRIPT_CHARS), 1.0)
    bound("script check refusing 5 MB", refused(lambda: lint_script("a" * 5_000_000), (ValueError,)), 0.05)
    bound("JSON nested 100,000 deep refused",
          refused(lambda: loads_json("[" * 100_000 + "]" * 100_000), (ValueError,)), 0.5)
    huge = json.dumps([{"result": [{"word": "hi", "start": i, "end": i + 0.2} for i in range(100_000)]}])
    bound("transcript of 100,000 words refused",
          refused(lambda: Transcript.from_json(huge), (TranscriptError,)), 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_bytes(b"a" * (5 * 1024 * 1024))
        bound("5 MB script file refused on read", refused(lambda: read_text(big, "script", 40_000),
                                                         (InputFileError,)), 0.05)


if __name__ == "__main__":
    main()
