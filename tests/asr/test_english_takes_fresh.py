"""The stored English takes (tests/data/english_takes) are what speaking and recognising them gives today: a
take is spoken and recognised again (flite or espeak-ng, pocketsphinx's two decodes) and compared with its
file, so the fast verdict tests judge real recognition, not a stale copy.

flite speaks at 16 kHz, so its take regenerates to the same file. espeak-ng speaks at 22.05 kHz, and the
stored takes were resampled with sox's default random dither, so the samples (and a few word times and
confidences) differ from run to run; for it the verdict must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.english_asr import flite_available
from tests.english_takes import TAKES, EnglishTake, accusing, judge

pytest.importorskip("pocketsphinx", reason="pocketsphinx is in the test extras (./dev setup installs it)")
pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not flite_available(), reason="flite and sox are needed (./dev test installs them)"),
]


def _again(take: EnglishTake, tmp_path: Path) -> tuple[dict, dict]:
    from tests.data.make_english_takes import record

    stored = json.loads(take.path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(record(take, tmp_path), ensure_ascii=False)), stored


def test_a_flite_take_regenerates_to_the_same_file(tmp_path: Path) -> None:
    fresh, stored = _again(next(t for t in TAKES if t.voice == "slt"), tmp_path)
    assert fresh == stored


def test_an_espeak_take_regenerates_to_the_same_verdict(tmp_path: Path) -> None:
    take = next(t for t in TAKES if t.voice == "espeak" and t.defect == "clean")
    fresh, stored = _again(take, tmp_path)
    assert fresh["said"] == stored["said"] and fresh["vocabulary"] == stored["vocabulary"]
    again, before = judge(take, fresh), judge(take, stored)
    assert accusing(again) == accusing(before)
    assert again.has("recognition_unreliable") == before.has("recognition_unreliable")
