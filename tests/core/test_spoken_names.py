"""Names and companies matched on how they sound, measured on a labelled set of recogniser renderings.

tests/data/spoken_names.tsv holds (written name, what a recogniser printed, whether it should count),
positive and negative, many of them non-English names. The test prints precision and recall and holds
them to the goals (precision >= 0.95: a wrong "you said it" hides a real miss; recall >= 0.9).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from voicecoach.core import pronounce
from voicecoach.core.contact import find_contact
from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript, Word

DATA = Path(__file__).resolve().parents[1] / "data" / "spoken_names.tsv"


def _rows() -> list[tuple[str, str, str, bool, str]]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(p, w, h, c == "1", why) for p, w, h, c, why in csv.reader(lines, delimiter="\t")]


def _counts(part: str, written: str, heard: str) -> bool:
    words = f"hello it's {heard} calling".split()
    t = Transcript.from_words(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(words))
    if part == "name":
        profile = Profile(written, "Acme", "415 555 0142")
    else:
        profile = Profile("Pat Doe", written, "415 555 0142")
    return bool(getattr(find_contact(t, profile), part))


def test_the_labelled_set_is_big_and_balanced() -> None:
    rows = _rows()
    assert len(rows) >= 60
    assert sum(r[3] for r in rows) >= 25 and sum(not r[3] for r in rows) >= 25
    assert {r[0] for r in rows} == {"name", "company"}


def test_precision_and_recall_on_spoken_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert pronounce.available(), "the pronunciation data (gruut-lang-en, python-crfsuite) is not installed"
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for part, written, heard, counts, _why in _rows():
        got = _counts(part, written, heard)
        tp += got and counts
        fp += got and not counts
        fn += counts and not got
        tn += not got and not counts
        if got != counts:
            wrong.append(f"{'missed' if counts else 'accepted'}: {heard!r} for {written!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    with capsys.disabled():
        print(f"\nspoken names: precision {precision:.3f}, recall {recall:.3f} ({tp} tp, {fp} fp, {fn} fn, {tn} tn)")
        for line in wrong:
            print("  " + line)
    assert precision >= 0.95 and recall >= 0.9, wrong
