from __future__ import annotations

import json

import pytest

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.report import Report, ReportError, analyze, score_flags
from voicecoach.core.settings import Settings


def test_round_trip_through_json() -> None:
    report = analyze(take("um hi this is dana from northwind call five five five one two one two"))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["version"] == 1
    assert Report.from_dict(data) == report
    assert report.has(codes.TOO_SHORT) and not report.has(codes.OVERRUN)


@pytest.mark.parametrize("bad", [{}, {"speech_seconds": "x", "words": 1, "wpm": 1, "score": 1}, {"flags": 3}])
def test_from_dict_rejects_what_is_not_a_report(bad: dict) -> None:
    with pytest.raises(ReportError):
        Report.from_dict(bad)


def test_tips_are_capped_and_notes_are_free() -> None:
    tips = [Flag(f"tip{i}", Severity.TIP, "Tip.") for i in range(5)]
    note = Flag(codes.FILLER_DETECTION_LIMITED, Severity.TIP, "Note.")
    breakdown = score_flags([*tips, note], words=40, settings=Settings())
    assert [d["points"] for d in breakdown["deductions"]] == [2, 2, 2, 0, 0, 0]
    assert breakdown["score"] == 94


def test_score_never_below_zero() -> None:
    errors = [Flag(codes.OVERRUN, Severity.ERROR, "Long.") for _ in range(8)]
    assert score_flags(errors, words=40, settings=Settings())["score"] == 0


def test_metrics_are_reported() -> None:
    report = analyze(take("hi um i i saw your listing | like uh it is great", pause=2.4))
    m = report.metrics
    assert m["filler_count"] == 3 and m["fillers"] == ["um", "like", "uh"]
    assert m["filler_rate"] == pytest.approx(3 / 12, abs=1e-3)
    assert m["restarts"] == 1
    assert m["longest_pause"] == pytest.approx(2.4 + 0.08, abs=0.01) and m["long_pauses"] == 1
    assert m["script_coverage"] is None and m["number_digits_per_second"] is None
    assert {s["reason"] for s in m["rambling_signals"]} == {"fillers", "restarts"}
