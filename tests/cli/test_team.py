"""`voicecoach team join | leave | sync | status` with two app homes (VOICECOACH_HOME) and one shared folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.builders import ANN
from tests.storage.teamkit import BEN, add_takes, open_home
from voicecoach.cli.main import main
from voicecoach.core.profile import Profile


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    return folder


def _home(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("VOICECOACH_HOME", str(home))


def _rep(home: Path, profile: Profile = ANN, takes: int = 2) -> None:
    with open_home(home) as store:
        add_takes(store, store.add_profile(profile), takes)


def test_join_sync_status_leave(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    _rep(tmp_path / "ann")
    _home(monkeypatch, tmp_path / "ann")
    assert main(["team", "join", str(team), "--rep-id", "ann"]) == 0
    assert f"writes only into {team.resolve() / 'reps' / 'ann'}" in capsys.readouterr().out
    assert main(["team", "status"]) == 0
    assert "Published 0 takes; 2 waiting for the next sync" in capsys.readouterr().out
    assert main(["team", "sync"]) == 0
    assert capsys.readouterr().out.startswith("2 takes published.")
    assert main(["team", "status", "--json"]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert (mine["role"], mine["id"], mine["published"], mine["waiting"], mine["reps"]) == ("rep", "ann", 2, 0, [])
    _home(monkeypatch, tmp_path / "coach")
    assert main(["team", "join", str(team), "--as-coach"]) == 0
    assert main(["team", "sync"]) == 0
    assert "2 takes pulled." in capsys.readouterr().out
    assert main(["team", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split()[:4] == ["rep", "this", "week", "latest"] and lines[3].startswith("Ann Lee  2")
    assert main(["team", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["role"] == "coach" and status["available"] is True
    [rep] = status["reps"]
    assert (rep["rep_id"], rep["takes_this_week"], rep["latest_score"], rep["best_score"], rep["top_issue"],
            rep["ready"]) == ("ann", 2, 61.0, 61.0, "overrun", False)
    assert main(["team", "leave"]) == 0 and "nothing was deleted" in capsys.readouterr().out
    assert main(["team", "sync"]) == 2
    assert "not in a team" in capsys.readouterr().err


def test_bad_input_is_one_line_and_exit_2(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _rep(tmp_path / "ann")
    _home(monkeypatch, tmp_path / "ann")
    assert main(["team", "join", str(team), "--rep-id", "../../etc"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be a rep id" in err
    assert main(["team", "join", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["team", "status"]) == 2
    assert list(team.iterdir()) == []


def test_sync_with_the_folder_gone_says_so(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _rep(tmp_path / "ann")
    _home(monkeypatch, tmp_path / "ann")
    assert main(["team", "join", str(team)]) == 0
    team.rename(tmp_path / "away")
    capsys.readouterr()
    assert main(["team", "sync"]) == 1
    assert "is not available" in capsys.readouterr().err
    assert main(["team", "status"]) == 0 and "NOT available" in capsys.readouterr().out


def test_two_reps_publish_at_the_same_moment(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Two processes (two laptops) sync at once while the coach pulls; then everything arrives, once."""
    homes = {"ann": (tmp_path / "ann", ANN), "ben": (tmp_path / "ben", BEN)}
    for rep_id, (home, profile) in homes.items():
        _rep(home, profile, takes=20)
        _home(monkeypatch, home)
        assert main(["team", "join", str(team), "--rep-id", rep_id]) == 0
    _home(monkeypatch, tmp_path / "coach")
    assert main(["team", "join", str(team), "--as-coach"]) == 0
    procs = [_sync_process(home) for home, _ in homes.values()] + [_sync_process(tmp_path / "coach")]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert [r[0].splitlines()[0] for r in results[:2]] == ["20 takes published.", "20 takes published."]
    capsys.readouterr()
    assert main(["team", "sync"]) == 0
    assert main(["team", "status", "--json"]) == 0
    reps = json.loads(capsys.readouterr().out.splitlines()[-1])["reps"]
    assert [(r["rep_id"], r["takes"]) for r in reps] == [("ann", 20), ("ben", 20)]
    assert main(["team", "sync"]) == 0 and capsys.readouterr().out.startswith("Everything is up to date.")


def _sync_process(home: Path) -> subprocess.Popen[str]:
    env = os.environ | {"VOICECOACH_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "voicecoach", "team", "sync"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_sync_beside_a_running_one_says_so_in_one_line(team: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from voicecoach.storage.team.lock import SyncLock

    _rep(tmp_path / "ann")
    _home(monkeypatch, tmp_path / "ann")
    assert main(["team", "join", str(team), "--rep-id", "ann"]) == 0
    capsys.readouterr()
    with SyncLock(tmp_path / "ann"):  # what the app's background sync holds while it runs
        assert main(["team", "sync"]) == 3
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "another sync of this data folder is running" in captured.err
    assert main(["team", "sync"]) == 0 and capsys.readouterr().out.startswith("2 takes published.")


def test_a_rep_names_their_coach(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    _rep(tmp_path / "ann")
    _home(monkeypatch, tmp_path / "ann")
    assert main(["team", "join", str(team), "--coach", "Not An Id"]) == 2
    assert "cannot be a coach id" in capsys.readouterr().err
    assert main(["team", "join", str(team), "--coach", "coach-1a2b3c4d"]) == 0
    assert main(["team", "status"]) == 0
    assert "Notes and goals from: coach coach-1a2b3c4d" in capsys.readouterr().out
    assert main(["team", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["coach_id"] == "coach-1a2b3c4d"
