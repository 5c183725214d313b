"""The fast paths the report's wait after Stop depends on give exactly what the plain definitions give.

Each replaced a slower way of computing the same thing (a full scan of the shipped lexicon per take,
per-frame loops over a take's loudness, numpy's per-call percentile): here they are held to it.
"""

from __future__ import annotations

import math
import sqlite3
from importlib import resources
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core import pronounce
from voicecoach.core.sound import SoundSignals


def _shipped_first_pronunciation(words: list[str]) -> dict[str, tuple[str, ...]]:
    path = Path(str(resources.files("gruut_lang_en").joinpath("lexicon.db"))).resolve()
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = db.execute(
            f"SELECT word, phonemes FROM word_phonemes WHERE word IN ({','.join('?' * len(words))}) "
            "ORDER BY pron_order DESC, id DESC",
            words,
        ).fetchall()
    finally:
        db.close()
    out: dict[str, tuple[str, ...]] = {}
    for word, phonemes in rows:
        out[word] = tuple(phonemes.split())  # the first pronunciation comes last
    return out


def test_the_in_memory_lexicon_gives_the_shipped_files_first_pronunciation() -> None:
    assert pronounce.available()
    # Words with several pronunciations (read, live, record), names, numbers, and words it lacks.
    words = ["read", "live", "record", "northwind", "siobhan", "whitfield", "accenture", "five", "oh",
             "realty", "tomato", "either", "brightline", "xqzzy", "olu", "john"]
    expected = _shipped_first_pronunciation(words)
    assert {"read", "live", "record"} <= expected.keys() and "xqzzy" not in expected
    pronounce.phonemes.cache_clear()
    for word in words:
        if word in expected:
            assert pronounce.phonemes(word) == expected[word], word
        else:
            assert pronounce.phonemes(word), f"{word}: guessed by the model when the lexicon lacks it"


def _reference_speech_level(sig: SoundSignals, start: float, end: float) -> float | None:
    powers = [10 ** (sig.level_db[i] / 10) for i in sig._frames(start, end) if sig.voiced[i]]
    return 10 * math.log10(sum(powers) / len(powers)) if powers else None


def _reference_level_in(sig: SoundSignals, spans: list[tuple[float, float]]) -> float | None:
    frames = {i for a, b in spans for i in sig._frames(a, b)}
    if not frames:
        return None
    return 10 * math.log10(sum(10 ** (sig.level_db[i] / 10) for i in frames) / len(frames))


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


levels = st.lists(st.floats(-100.0, 0.0, allow_nan=False), min_size=0, max_size=400)
times = st.floats(-1.0, 5.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(levels, st.data())
def test_running_sums_answer_what_the_frame_by_frame_sums_answer(level_db: list[float], data: st.DataObject) -> None:
    voiced = data.draw(st.lists(st.booleans(), min_size=len(level_db), max_size=len(level_db)))
    sig = SoundSignals(duration=len(level_db) * 0.01, frame_seconds=0.01, level_db=tuple(level_db),
                       voiced=tuple(voiced))
    start, end = sorted((data.draw(times), data.draw(times)))
    assert _close(sig.speech_level(start, end), _reference_speech_level(sig, start, end))
    assert math.isclose(sig.voiced_in(start, end), sum(sig.voiced[i] for i in sig._frames(start, end)) * 0.01,
                        abs_tol=1e-9)
    spans = [tuple(sorted((data.draw(times), data.draw(times)))) for _ in range(data.draw(st.integers(0, 6)))]
    assert _close(sig.level_in(spans), _reference_level_in(sig, spans)), "overlapping spans count a frame once"


def test_signals_prepared_ahead_answer_the_same_and_compare_equal() -> None:
    """``prepare()`` (the meter runs it on its own thread) only works the sums out early: the answers and
    the value's equality are those of signals that work them out on first use."""
    levels = tuple(float(-60 + (i * 7) % 50) for i in range(500))
    voiced = tuple(i % 3 != 0 for i in range(500))
    fresh = SoundSignals(duration=5.0, frame_seconds=0.01, level_db=levels, voiced=voiced)
    ready = SoundSignals(duration=5.0, frame_seconds=0.01, level_db=levels, voiced=voiced).prepare()
    assert ready._sums is not None and fresh._sums is None
    assert ready == fresh and hash(ready) == hash(fresh)
    assert ready.speech_level(0.5, 4.0) == fresh.speech_level(0.5, 4.0)
    assert ready.level_in([(0.1, 0.9), (0.5, 2.0)]) == fresh.level_in([(0.1, 0.9), (0.5, 2.0)])
    assert "_sums" not in repr(ready)


def test_signals_without_their_sums_slot_still_answer() -> None:
    """A value restored from before the slot existed (pickled by an older version) has it unset."""
    sig = SoundSignals(duration=1.0, frame_seconds=0.01, level_db=(-20.0,) * 100, voiced=(True,) * 100)
    object.__delattr__(sig, "_sums")
    assert sig.speech_level(0.0, 1.0) == SoundSignals(duration=1.0, frame_seconds=0.01, level_db=(-20.0,) * 100,
                                                      voiced=(True,) * 100).speech_level(0.0, 1.0)
