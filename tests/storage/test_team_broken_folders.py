"""One broken rep folder is skipped with a note; the reps after it are still pulled."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.storage.builders import ANN
from tests.storage.teamkit import coach_home, rep_home
from voicecoach.core.profile import Profile
from voicecoach.storage.team import sync

REPS = 6



def _reps(team: Path, tmp_path: Path) -> list[str]:
    ids = []
    for i in range(REPS):
        profile = Profile(name=f"Rep {i}", company=ANN.company, phone=f"555 01{i:02d}")
        store, m = rep_home(tmp_path / f"rep{i}", team, profile=profile, takes=2, rep_id=f"rep-{i}")
        sync(store)
        store.close()
        ids.append(m.member_id)
    return ids


def test_a_manifest_that_is_a_folder_skips_only_that_rep(team: Path, tmp_path: Path) -> None:
    ids = _reps(team, tmp_path)
    broken = team / "reps" / ids[2] / "manifest.json"
    broken.unlink()
    broken.mkdir()
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 2 * (REPS - 1) and not out.errors, out.errors
    assert any(ids[2] in m for m in out.messages), out.messages


def test_a_subfolder_that_cannot_be_listed_skips_only_that_rep(team: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _reps(team, tmp_path)
    locked = team / "reps" / ids[1] / "takes"
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # what a folder without read permission does (we may be root)
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 2 * (REPS - 1) and not out.errors, out.errors
    assert any(ids[1] in m and "Permission denied" in m for m in out.messages), out.messages
    monkeypatch.setattr(os, "scandir", real_scandir)
    assert sync(coach).takes == 2, "the folder is read again once it can be"


def test_a_rep_folder_replaced_by_a_file_mid_pull_skips_only_that_rep(team: Path, tmp_path: Path) -> None:
    ids = _reps(team, tmp_path)
    takes = team / "reps" / ids[3] / "takes"
    shutil.rmtree(takes)
    takes.write_text("not a folder")
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 2 * (REPS - 1) and not out.errors, out.errors
