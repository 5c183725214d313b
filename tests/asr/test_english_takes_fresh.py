"""The stored English takes (tests/data/english_takes) are what speaking and recognising them gives today:
one take per voice is spoken and recognised again (flite or espeak-ng, pocketsphinx's two decodes) and must
match its file, so the fast verdict tests judge real recognition, not a stale copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.english_asr import flite_available
from tests.english_takes import TAKES

pytest.importorskip("pocketsphinx", reason="pocketsphinx is in the test extras (./dev setup installs it)")
pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not flite_available(), reason="flite and sox are needed (./dev test installs them)"),
]


@pytest.mark.parametrize("voice", ["slt", "espeak"])
def test_a_stored_take_regenerates_to_the_same_file(voice: str, tmp_path: Path) -> None:
    from tests.data.make_english_takes import record

    take = next(t for t in TAKES if t.voice == voice)
    stored = json.loads(take.path.read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(record(take, tmp_path), ensure_ascii=False))
    assert fresh == stored
