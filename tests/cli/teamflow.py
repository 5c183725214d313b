"""A rep's home with takes published through a team folder and pulled by a coach, from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.storage.teamkit import add_takes, open_home
from voicecoach.cli.main import main
from voicecoach.core.profile import Profile
from voicecoach.storage import Store


def rep_to_coach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rep: Profile,
                 change: Callable[[Store], None] = lambda store: None) -> None:
    """The rep saves two takes, ``change`` edits the rep's database (as a peer's file might), the rep publishes
    and the coach pulls; VOICECOACH_HOME is left at the coach's home."""
    team = tmp_path / "team"
    team.mkdir()
    with open_home(tmp_path / "rep") as store:
        add_takes(store, store.add_profile(rep), 2)
        change(store)
        store.db.conn.commit()
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "rep"))
    assert main(["team", "join", str(team), "--rep-id", "rep"]) == 0
    assert main(["team", "sync"]) == 0
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "coach"))
    assert main(["team", "join", str(team), "--as-coach"]) == 0
    assert main(["team", "sync"]) == 0
