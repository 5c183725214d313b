"""Names and titles from other people's folders are printed as text: escapes shown, never obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.teamflow import rep_to_coach
from voicecoach.cli._text import shown
from voicecoach.cli.main import main
from voicecoach.core.profile import Profile
from voicecoach.storage import Store

HOSTILE = "Eve\x1b[2J\x1b]0;pwned\x07\r\nMallory  9  99  99  yes  -  2026-01-01\u202egnp.exe"


def test_team_status_prints_rep_names_with_control_characters_neutralised(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def hostile_titles(store: Store) -> None:
        store.db.execute("UPDATE scripts SET title = ?", [HOSTILE])

    rep_to_coach(tmp_path, monkeypatch, Profile(name=HOSTILE, company="Acme", phone="555 0100"), hostile_titles)
    capsys.readouterr()
    assert main(["team", "status"]) == 0
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\r\u202e")
    lines = out.splitlines()
    assert sum(line.startswith("Mallory") for line in lines) == 0  # no fake row
    assert "Eve\\x1b[2J" in out


def test_shown_leaves_ordinary_names_alone() -> None:
    assert shown("Zoë O'Brien-Łukasz 李") == "Zoë O'Brien-Łukasz 李"
    assert shown("a\tb\nc\x7f") == "a\\x09b\\x0ac\\x7f"
