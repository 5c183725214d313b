"""Any transcript, however odd, gives a complete, serialisable report with evidence inside the take."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.lint import lint_script
from voicecoach.core.profile import Profile
from voicecoach.core.report import Report, analyze
from voicecoach.core.transcript import Transcript, Word

PROFILE = Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0142 ext. 7", "nw.com", "dana@nw.com")
_VOCAB = (
    "dana whit field northwind north wind realty four one five oh zero double triple fifteen forty two "
    "eight hundred area code um uh like you know i i'd mean kind of sort to for at dot com this is from "
    "with we our product offer your you following up my last message again call me back"
)
VOCAB = _VOCAB.split()


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    tokens = draw(st.lists(st.sampled_from(VOCAB), max_size=120))
    t = 0.0
    words = []
    for token in tokens:
        t += draw(st.floats(min_value=0.0, max_value=3.0))
        length = draw(st.floats(min_value=0.0, max_value=0.8))
        conf = draw(st.floats(min_value=0.0, max_value=1.0))
        words.append(Word(token, round(t, 2), round(t + length, 2), conf))
        t += length
    return Transcript.from_words(words)


@settings(max_examples=100, deadline=None)
@given(transcripts(), st.sampled_from([None, "Hi {prospect}, it's {name}, {phone}. Again {phone}."]))
def test_any_take_gives_a_valid_report(transcript: Transcript, script: str | None) -> None:
    report = analyze(transcript, script=script, profile=PROFILE, referral="Priya Shah", vocabulary=lambda w: True)
    assert 0 <= report.score <= 100
    data = json.loads(json.dumps(report.to_dict()))
    assert Report.from_dict(data).codes == report.codes
    n = len(transcript.words)
    for flag in report.flags:
        assert flag.message.strip() and not flag.message[0].islower()
        for ev in flag.evidence:
            assert all(0 <= i < n for i in ev.word_indexes)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_script_text_lints(text: str) -> None:
    result = lint_script(text, profile=PROFILE)
    assert result.estimated_seconds >= 0 and json.dumps(result.to_dict())
