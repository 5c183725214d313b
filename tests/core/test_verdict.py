"""The one verdict on a take: from the flags, never from the score."""

from __future__ import annotations

import json

from tests.core.takes import take
from voicecoach.core import codes
from voicecoach.core.checks.recognition import unverified
from voicecoach.core.flags import Flag, Severity
from voicecoach.core.report import Report, analyze, score_flags
from voicecoach.core.settings import Settings
from voicecoach.core.verdict import Verdict, VerdictValue, judge

RAMBLING = Flag(codes.RAMBLING, Severity.WARNING, "Your message wanders.", (), {
    "reasons": [{"reason": "fillers", "value": 7, "fired": True, "text": "7 fillers (12% of words)"}]})
PACE = Flag(codes.PACE_TOO_FAST, Severity.WARNING, "Too fast.", (), {"wpm": 190})
TIP = Flag(codes.CLICHE_OPENER, Severity.TIP, "Cliché.")
UNRELIABLE = Flag(codes.RECOGNITION_UNRELIABLE, Severity.ERROR, "I couldn't hear this take reliably.", (), {
    "signals": [{"reason": "script_language", "fired": True, "text": "the model knows 3% of the script's words"}]})


def test_a_take_whose_only_flag_is_rambling_is_not_yet_although_it_scores_92() -> None:
    flags = [RAMBLING]
    assert score_flags(flags, 40, Settings())["score"] == 92
    verdict = judge(flags, words=40)
    assert verdict.value is VerdictValue.NOT_YET
    assert verdict.reasons == ("Rambling: 7 fillers",)
    assert verdict.explain(92) == "Scored 92, but not yet — rambling: 7 fillers. Fix that before you send it."


def test_rambling_from_a_real_analysis_is_not_yet() -> None:
    report = analyze(take("um so uh hi this is uh dana um from like northwind uh you know um call me "
                          "uh at five five five uh one two one two um thanks uh bye um"))
    assert report.has(codes.RAMBLING)
    assert report.verdict.value is VerdictValue.NOT_YET
    assert any(r.startswith("Rambling: ") and "fillers" in r for r in report.verdict.reasons)


def test_tips_only_is_ready() -> None:
    verdict = judge([TIP, Flag(codes.LATE_HOOK, Severity.TIP, "Late.")], words=40)
    assert verdict.value is VerdictValue.READY
    assert verdict.label == "Ready to send"


def test_warnings_make_it_nearly_and_a_78_can_be_nearly() -> None:
    flags = [PACE, Flag(codes.DEAD_AIR, Severity.WARNING, "Silence."), TIP]
    score = score_flags(flags, 40, Settings())["score"]
    assert score == 82
    verdict = judge(flags, words=40)
    assert verdict.value is VerdictValue.NEARLY
    assert verdict.reasons == ("Speaking too fast: 190 words per minute", "Long silences")
    assert "nearly" in verdict.explain(score).lower()


def test_any_error_and_the_named_codes_are_not_yet() -> None:
    overrun = Flag(codes.OVERRUN, Severity.ERROR, "Long.", (), {"seconds": 38.2, "limit": 30, "over_by": 8.2})
    assert judge([overrun], words=80).reasons == ("Too long: 38 s, 8 s over the 30 s limit",)
    missing = Flag(codes.MISSING_CONTACT_INFO, Severity.ERROR, "No number.", (), {"missing": ["number"]})
    assert judge([missing], words=80).reasons == ("Contact details not heard: your callback number",)
    some_error = Flag("some_new_error", Severity.ERROR, "Bad.")
    assert judge([some_error, PACE], words=80).value is VerdictValue.NOT_YET


def test_an_unverified_accusation_does_not_block() -> None:
    doubt = unverified(RAMBLING, "Not verified.", "recognition_unreliable")
    assert judge([doubt, TIP], words=40).value is VerdictValue.READY


def test_unreliable_recognition_is_couldnt_hear_you_whatever_else() -> None:
    overrun = Flag(codes.OVERRUN, Severity.ERROR, "Long.", (), {"seconds": 38.2, "limit": 30, "over_by": 8.2})
    verdict = judge([UNRELIABLE, overrun, RAMBLING], words=40)
    assert verdict.value is VerdictValue.COULDNT_HEAR
    assert verdict.label == "Couldn't hear you"
    assert not verdict.heard
    assert verdict.reasons[1] == "The model knows 3% of the script's words"
    assert "No score" in verdict.explain(100)


def test_nothing_heard_at_all_is_couldnt_hear_you() -> None:
    assert judge([], words=0).value is VerdictValue.COULDNT_HEAR


def test_the_report_carries_its_verdict_through_json() -> None:
    report = analyze(take("hi this is dana from northwind call five five five one two one two thanks"))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["verdict"] == {"value": report.verdict.value.value, "label": report.verdict.label,
                               "reasons": list(report.verdict.reasons)}
    assert Report.from_dict(data).verdict == report.verdict


def test_a_stored_report_without_a_verdict_gets_one_from_its_flags() -> None:
    report = analyze(take("um so uh hi this is uh dana um from like northwind uh you know um call me "
                          "uh at five five five uh one two one two um thanks uh bye um"))
    data = report.to_dict()
    del data["verdict"]
    assert Report.from_dict(data).verdict == report.verdict
    assert Verdict.from_dict({"value": "nearly", "reasons": ["x"]}) == Verdict(VerdictValue.NEARLY, ("x",))
