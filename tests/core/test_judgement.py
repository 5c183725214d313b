"""The judgement context: one builder, one time-limit rule, follow-up from the script, a stored round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.core.judgement import JudgementContext, Vocabulary, judgement_for, time_limit_for
from voicecoach.core.profile import load_profile
from voicecoach.core.report import analyze
from voicecoach.core.script import ScriptError, ScriptFile, load_script, parse_script
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Transcript

DATA = Path(__file__).resolve().parent.parent / "data"


def test_one_rule_for_the_time_limit() -> None:
    s = Settings(time_limit_seconds=40.0)
    assert time_limit_for(s) == 40.0
    assert time_limit_for(s, 25.0) == 25.0
    assert time_limit_for(s, 25.0, 20.0) == 20.0
    assert time_limit_for(s, 0.0) == 40.0, "a script limit of 0 means 'not set'"
    assert judgement_for(script=ScriptFile("Hi.", time_limit=None), settings=s).time_limit == 40.0
    assert judgement_for(script=ScriptFile("Hi.", time_limit=22.0), settings=s).time_limit == 22.0


def test_follow_up_comes_from_the_script_field_never_its_title() -> None:
    titled = ScriptFile("Hi {prospect}.", title="Follow-up after the open house")
    assert judgement_for(script=titled).follow_up is False
    assert judgement_for(script=ScriptFile("Hi.", follow_up=True)).follow_up is True
    assert judgement_for(script=ScriptFile("Hi.", follow_up=True), follow_up=False).follow_up is False
    parsed = parse_script("title: Second call\nfollow-up: yes\n---\nHi again.")
    assert parsed.follow_up and parsed.text == "Hi again."
    assert not parse_script("follow-up: no\n---\nHi.").follow_up
    with pytest.raises(ScriptError, match="follow-up must be yes or no"):
        parse_script("follow-up: maybe\n---\nHi.")


def test_the_context_fills_the_script_and_survives_a_round_trip() -> None:
    profile = load_profile(DATA / "profile.json")
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    j = judgement_for(script=script, profile=profile, prospect=" John ", referral="Priya Shah",
                      knows=lambda w: w not in {"um", "northwind"}, model="small-en")
    assert j.script_text is not None and j.script_text.startswith("Hi John, it's Dana with Northwind Realty")
    assert j.script_template == script.text and j.prospect == "John" and j.referral == "Priya Shah"
    assert j.vocabulary is not None and j.vocabulary.unknown == {"um", "northwind"}
    assert not j.vocabulary.knows("um") and j.vocabulary.knows("anything else")
    assert JudgementContext.from_dict(j.to_dict()) == j


def test_analyze_takes_the_context_whole_and_the_keyword_shortcut_agrees() -> None:
    profile = load_profile(DATA / "profile.json")
    script = load_script(DATA / "scripts" / "expired-listing.txt")
    t = Transcript.from_json((DATA / "takes" / "filler_heavy.json").read_text())
    j = judgement_for(script=script, profile=profile, prospect="John", knows=lambda w: w not in {"um", "uh"})
    whole = analyze(t, j)
    assert "filler_detection_limited" in whole.codes
    assert whole == analyze(t, script=script.text, profile=profile, prospect="John", time_limit=script.time_limit,
                            vocabulary=lambda w: w not in {"um", "uh"})
    with pytest.raises(TypeError):
        analyze(t, j, profile=profile)


def test_a_vocabulary_lookup_that_fails_tells_nothing() -> None:
    def broken(word: str) -> bool:
        raise RuntimeError("model gone")

    v = Vocabulary.probe(broken, ["um", "uh"])
    assert v.unknown == frozenset() and v.knows("um")
