"""`voicecoach progress`: text and JSON views of the store's progress queries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.cli.main import main
from voicecoach.storage import open_store


@pytest.fixture
def practised() -> None:
    now = datetime.now(UTC)
    with open_store() as store:
        pid = store.add_profile(ANN)
        intro = store.add_script("Intro", "Hi there")
        other = store.add_script("Follow-up", "Following up")
        for n, (version, score, flags) in enumerate([
            (intro, 55, (("overrun", "error"),)), (intro, 70, (("rambling", "warning"),)),
            (other, 40, (("overrun", "error"),)), (intro, 80, ()), (intro, 78, ()),
        ]):
            store.save_take(profile_id=pid, script_version_id=version.version_id, transcript=transcript_of("hi"),
                            report=report_dict(score, flags=flags), started_at=now - timedelta(hours=10 - n))


def test_json_for_one_script(practised, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--script", "intro", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rep"] == "Ann Lee" and data["script"] == "Intro" and data["takes"] == 4
    assert [p["score"] for p in data["trend"]] == [55, 70, 80, 78]
    assert data["best"]["score"] == 80 and data["current_streak"] >= 1
    assert data["top_flags"] == [{"code": "overrun", "count": 1}, {"code": "rambling", "count": 1}]
    assert data["ready"] is False, "the rambling take holds the run back: two ready to send in a row, not three"
    assert data["readiness"] == "2 takes ready to send in a row; 3 needed"


def test_text_overall(practised, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ann Lee — all scripts") and "Takes 5" in out
    assert "Most common issue: overrun (2 of 5 takes)" in out and "Ready to call: not yet" in out
    assert "best 80" in out


def test_no_reps_yet_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress"]) == 2
    assert "no reps saved yet" in capsys.readouterr().err
