"""The report panel says when a take's score is provisional because the recogniser could not hear it."""

from __future__ import annotations

from typing import Any

from tests.core.takes import take
from voicecoach.core.report import analyze
from voicecoach.core.transcript import RecognitionEvidence


def test_a_provisional_score_is_said_plainly_and_unverified_flags_are_notes(qtbot: Any) -> None:
    from voicecoach.ui.widgets.report_panel import ReportPanel

    korean = take("한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우")
    transcript = korean.with_recognition(RecognitionEvidence(voiced_seconds=8.0))
    report = analyze(transcript, script="Hi, it's Dana with Northwind Realty, four one five five five five.")
    assert report.provisional
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_report(transcript, report)
    assert panel.verdict.text() == "Couldn't hear you"
    clean = analyze(take("hi it's dana with northwind realty four one five five five five zero one four two"))
    panel.show_report(take("hi"), clean)
    assert panel.verdict.text() != "Couldn't hear you"
