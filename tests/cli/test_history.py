"""`voicecoach history`: newest first, filters, trash, JSON and friendly errors."""

from __future__ import annotations

import json

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.cli.main import main
from voicecoach.core.profile import Profile
from voicecoach.storage import open_store


@pytest.fixture
def saved() -> dict[str, int]:
    with open_store() as store:
        ann = store.add_profile(ANN)
        bo = store.add_profile(Profile("Bo Diaz", "Zenith", "555"))
        intro = store.add_script("Intro <v2>", "Hi there")
        ids = {}
        for name, pid in (("ann1", ann), ("bo1", bo), ("ann2", ann)):
            ids[name] = store.save_take(profile_id=pid, script_version_id=intro.version_id,
                                        transcript=transcript_of("hi"),
                                        report=report_dict(70, flags=(("overrun", "error"),))).id
        store.trash_take(ids["bo1"])
    return ids


def test_json_lists_live_takes_newest_first(saved, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [saved["ann2"], saved["ann1"]]
    assert rows[0]["rep"] == "Ann Lee" and rows[0]["script"] == "Intro <v2>" and rows[0]["flags"] == ["overrun"]


def test_filters_and_trash(saved, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json", "--profile", "bo", "--trash"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [saved["bo1"]]
    assert main(["history", "--json", "--script", "intro", "--limit", "1"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [saved["ann2"]]


def test_table_output(saved, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["id", "when", "script"]
    assert len(lines) == 3 and "Intro <v2>" in lines[1] and "overrun" in lines[1]


def test_empty_history_and_unknown_rep(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert capsys.readouterr().out.strip() == "No takes saved yet."
    assert main(["history", "--profile", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("voicecoach: no rep named 'nobody'") and err.count("\n") == 1
