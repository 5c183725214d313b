"""Flags the recogniser could not verify are kept with the take but never counted as the rep's issues."""

from __future__ import annotations

from tests.core.takes import take
from tests.core.test_recognition import run, with_evidence
from voicecoach.core import codes


def test_unverified_flags_are_not_counted_as_the_reps_issues_in_progress() -> None:
    from voicecoach.storage.migrations import derive_metrics

    korean = take("한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우 가 있어 " * 2)
    report = run(with_evidence(korean, voiced_seconds=17.0))
    codes_counted = [code for code, _ in derive_metrics(report.to_dict())["flags"]]
    assert codes.RECOGNITION_UNRELIABLE in codes_counted
    assert codes.MISSING_CONTACT_INFO not in codes_counted and codes.RAMBLING not in codes_counted
