"""Verdicts on real English recognition: 46 takes spoken by flite (slt, rms, awb) and espeak-ng and recognised
by pocketsphinx with both decodes (tests/english_takes.py; the recognition is stored, so this runs in
milliseconds). Counting only the flags that accuse: no clean take is accused, and at least half of the takes
the recognition gate does not cover get exactly the flags a listener would give them."""

from __future__ import annotations

import pytest

from tests.english_takes import TAKES, accusing, figures, judge


def test_the_set_is_big_and_varied() -> None:
    assert len(TAKES) >= 40
    missing = [t.key for t in TAKES if not t.path.exists()]
    assert not missing, f"regenerate with tests/data/make_english_takes.py: {missing}"
    assert {t.voice for t in TAKES} == {"slt", "rms", "awb", "espeak"}
    assert len({t.rep.phone.split()[0] for t in TAKES}) >= 5  # country codes
    kinds = {"no_number", "no_name", "no_company", "late_hook", "no_extension", "dropped_zero"}
    assert kinds <= {t.defect for t in TAKES}


def test_figures_on_real_recognition(capsys: pytest.CaptureFixture[str]) -> None:
    f = figures()
    with capsys.disabled():
        print("\n" + "\n".join(f.lines()))
        for line in (*f.clean_accused, *f.wrong):
            print("  " + line)
    assert f.clean_accused == ()
    assert f.exact * 2 >= f.ungated


@pytest.mark.parametrize("take", [t for t in TAKES if t.defect == "clean"], ids=lambda t: t.key)
def test_a_clean_take_is_not_accused(take: object) -> None:
    report = judge(take)  # type: ignore[arg-type]
    assert accusing(report) == set(), [(f.code, f.message) for f in report.flags]
