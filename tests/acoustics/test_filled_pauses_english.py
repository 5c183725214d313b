"""Filled pauses with a real English recogniser's words: pocketsphinx (tests/english_asr.py) transcribes the
synthesised takes, held "uhh"s included, and the detector works from its word times and its guesses
("ah", "oh", "our" …) instead of the true ones. Recall and false alarms are printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sound_takes import RATE, build_take, have_tools
from voicecoach.acoustics import measure
from voicecoach.core.filled_pauses import find_filled_pauses
from voicecoach.core.settings import Settings

pytest.importorskip("pocketsphinx")
pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not have_tools(), reason="espeak-ng is not installed"),
]
SEEDS = 3  # pocketsphinx takes about 10 s of CPU per 30 s take


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_filled_pauses_from_real_recognition(tmp_path: Path) -> None:
    from tests.english_asr import recognize

    found = total = 0
    false_clean: list[int] = []
    written: list[list[str]] = []
    for seed in range(SEEDS):
        for fillers in (3, 0):
            take = build_take(fillers=fillers, seed=seed)
            words = recognize(take.write(tmp_path / f"take-{seed}-{fillers}.wav")).words
            pauses = [(p.start, p.end) for p in find_filled_pauses(words, measure(take.samples, RATE), Settings())]
            if fillers:
                found += sum(any(_overlaps(t, p) for p in pauses) for t in take.fillers)
                total += len(take.fillers)
                written += [[w.word for w in words if _overlaps((w.start, w.end), t)] for t in take.fillers]
                assert sum(not any(_overlaps(p, t) for t in take.fillers) for p in pauses) <= 1
            else:
                false_clean.append(len(pauses))
    print(f"\npocketsphinx words: recall {found}/{total}; false on clean takes {false_clean}; "
          f"the recogniser wrote {written} over the fillers")
    assert found / total >= 0.8
    assert max(false_clean) <= 1
