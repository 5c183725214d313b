"""One verdict everywhere in the CLI: analyze, history, progress and team status read the stored value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from tests.storage.teamkit import add_takes, open_home
from voicecoach.cli.main import main
from voicecoach.storage import open_store

RAMBLING = (("rambling", "warning"),)
UNRELIABLE = (("recognition_unreliable", "error"),)


DATA = Path(__file__).parents[1] / "data"
COMMON = ["--script", str(DATA / "scripts" / "expired-listing.txt"), "--profile", str(DATA / "profile.json")]


def test_analyze_leads_with_the_verdict_and_says_why_a_92_is_not_yet(capsys: pytest.CaptureFixture[str]) -> None:
    take = str(DATA / "takes" / "filler_heavy.json")
    assert main(["analyze", "-t", take, *COMMON, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["score"] == 92
    assert data["verdict"] == {"value": "not_yet", "label": "Not yet", "reasons": ["Rambling: 7 fillers"]}
    assert main(["analyze", "-t", take, *COMMON]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Not yet — Rambling: 7 fillers",
                         "Scored 92, but not yet — rambling: 7 fillers. Fix that before you send it."]


def test_analyze_saves_the_verdict_it_printed(capsys: pytest.CaptureFixture[str]) -> None:
    take = str(DATA / "takes" / "restarts.json")
    assert main(["analyze", "-t", take, *COMMON, "--json", "--save"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["history", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == data["saved_take_id"] and row["verdict"] == data["verdict"]


@pytest.fixture
def takes() -> dict[str, int]:
    """A take ready to send, a rambling 92 (not yet) and a 100 the app could not hear, oldest first."""
    with open_store() as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi there")
        ids = {}
        for name, score, flags in (("ready", 80, ()), ("rambling", 92, RAMBLING), ("unheard", 100, UNRELIABLE)):
            ids[name] = store.save_take(profile_id=pid, script_version_id=script.version_id,
                                        transcript=transcript_of("hi"), report=report_dict(score, flags=flags)).id
        ids["stored"] = {t.id: t.report.verdict.to_dict() for t in store.list_takes()}  # type: ignore[assignment]
    return ids


def _stored(takes: dict, name: str) -> dict:
    verdict = takes["stored"][takes[name]]
    return {"value": verdict["value"], "reasons": verdict["reasons"]}


def test_history_json_carries_each_stored_verdict(takes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    for name, value in (("ready", "ready"), ("rambling", "not_yet"), ("unheard", "couldnt_hear")):
        row = rows[takes[name]]
        assert {k: row["verdict"][k] for k in ("value", "reasons")} == _stored(takes, name)
        assert row["verdict"]["value"] == value
    assert rows[takes["rambling"]]["verdict"]["reasons"] == ["Rambling"]
    unheard = rows[takes["unheard"]]
    assert unheard["score"] is None and unheard["wpm"] is None, "no number from a take nobody heard"


def test_history_table_shows_the_verdict_word(takes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "verdict" in lines[0]
    assert "Couldn't hear you" in lines[1] and " 100 " not in lines[1]
    assert "Not yet" in lines[2] and "92" in lines[2]
    assert "Ready to send" in lines[3]


def test_progress_json_reads_the_stored_verdicts(takes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["best"]["take_id"] == takes["rambling"] and out["best"]["score"] == 92
    assert [p["take_id"] for p in out["trend"]] == [takes["ready"], takes["rambling"]]
    assert [p["verdict"]["value"] for p in out["trend"]] == ["ready", "not_yet"]
    assert out["latest"]["take_id"] == takes["unheard"]
    latest = out["latest"]["verdict"]
    assert {"value": latest["value"], "reasons": latest["reasons"]} == _stored(takes, "unheard")
    assert out["latest"]["score"] is None and out["latest"]["wpm"] is None
    assert out["ready"] is False and out["takes"] == 3


def test_progress_text_never_calls_an_unheard_take_a_best(takes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "best 92" in out and "best 100" not in out
    assert "Latest take: Couldn't hear you" in out and "wpm" not in out.split("Latest take:")[1].splitlines()[0]


def test_team_status_reads_the_stored_verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team"
    team.mkdir()
    with open_home(tmp_path / "ann") as store:
        pid = store.add_profile(ANN)
        add_takes(store, pid, 3, first_score=80, flags=())
        add_takes(store, pid, 1, first_score=100, flags=UNRELIABLE)
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "ann"))
    assert main(["team", "join", str(team), "--rep-id", "ann"]) == 0
    assert main(["team", "sync"]) == 0
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "coach"))
    assert main(["team", "join", str(team), "--as-coach"]) == 0
    assert main(["team", "sync"]) == 0
    capsys.readouterr()
    assert main(["team", "status", "--json"]) == 0
    [rep] = json.loads(capsys.readouterr().out)["reps"]
    assert rep["ready"] is True, "three takes ready to send; the one nobody heard is left out"
    assert rep["best_score"] == 82 and rep["latest_score"] is None and rep["latest_verdict"] == "couldnt_hear"
    assert main(["team", "status"]) == 0
    line = capsys.readouterr().out.splitlines()[3]
    assert "couldn't hear you" in line and "100" not in line


def test_judging_again_from_the_cli_reports_and_stores_the_new_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    """A take stored under older rules (here: once judged ready) gets today's verdict when judged again."""
    take = str(DATA / "takes" / "filler_heavy.json")
    assert main(["analyze", "-t", take, *COMMON, "--json", "--save"]) == 0
    take_id = json.loads(capsys.readouterr().out)["saved_take_id"]

    def judged_ready_once() -> None:
        with open_store() as store:
            store.db.execute("UPDATE takes SET verdict = 'ready', report = json_set(report, '$.verdict',"
                             " json('{\"value\": \"ready\", \"reasons\": []}')) WHERE id = ?", [take_id])
            store.db.conn.commit()

    judged_ready_once()
    assert main(["reanalyze", str(take_id), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["takes"]
    assert row["previous_verdict"]["value"] == "ready"
    assert row["verdict"] == {"value": "not_yet", "label": "Not yet", "reasons": ["Rambling: 7 fillers"]}
    assert main(["reanalyze", str(take_id)]) == 0
    assert capsys.readouterr().out.startswith(f"take {take_id}: Not yet · 92 (unchanged), judged again on ")
    judged_ready_once()
    assert main(["reanalyze", str(take_id)]) == 0
    assert capsys.readouterr().out.startswith(f"take {take_id}: Not yet · 92 (was ready to send · 92), judged")
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["verdict"] == row["verdict"]
