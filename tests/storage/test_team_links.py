"""Writing into the team folder never follows a link a peer (or a sync tool) planted in any path component."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.storage.teamkit import add_takes, coach_home, rep_home, tree
from voicecoach.storage.team import set_publish_audio, sync

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "symlink"), reason="needs symbolic links")



@pytest.fixture
def target(tmp_path: Path) -> Path:
    """Somewhere a link points: a folder with a file in it, which must stay exactly as it is."""
    folder = tmp_path / "target"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me")
    return folder


def test_a_linked_part_file_of_a_recording_is_not_written_through(team: Path, tmp_path: Path, target: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1, audio=True)
    set_publish_audio(rep, False)
    sync(rep)
    take = rep.list_takes()[0]
    audio = rm.own_folder / "audio"
    audio.mkdir(exist_ok=True)
    victim = target / "precious.txt"
    (audio / f"{take.uuid}.wav.part").symlink_to(victim)
    (audio / f"{take.uuid}.wav.tmp").symlink_to(victim)
    set_publish_audio(rep, True)
    out = sync(rep)
    assert victim.read_text() == "keep me"
    assert out.published_audio == 1 and (audio / f"{take.uuid}.wav").read_bytes() == take.audio_path.read_bytes()
    assert not (audio / f"{take.uuid}.wav").is_symlink()


@pytest.mark.parametrize("sub", ["takes", "audio"])
def test_a_rep_subfolder_replaced_by_a_link_is_not_written_through(sub: str, team: Path, tmp_path: Path,
                                                                   target: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1, audio=True)
    sync(rep)
    shutil.rmtree(rm.own_folder / sub)
    (rm.own_folder / sub).symlink_to(target, target_is_directory=True)
    before = tree(target)
    add_takes(rep, rm.profile_id or 0, 2, audio_dir=tmp_path / "rep" / "more")
    out = sync(rep)
    assert tree(target) == before
    assert out.errors and "link" in out.errors[0], out.errors


@pytest.mark.parametrize("sub", ["notes", "sessions"])
def test_a_coach_subfolder_replaced_by_a_link_is_not_written_through(sub: str, team: Path, tmp_path: Path,
                                                                     target: Path) -> None:
    rep, _ = rep_home(tmp_path / "rep", team, takes=1)
    coach, cm = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    sync(coach)
    shutil.rmtree(cm.own_folder / sub)
    (cm.own_folder / sub).symlink_to(target, target_is_directory=True)
    before = tree(target)
    take = coach.list_takes()[0]
    coach.add_note(take.id, "Slow down")
    coach.start_session(take.profile_id, goals="Say the number twice")
    out = sync(coach)
    assert tree(target) == before
    assert out.errors and "link" in out.errors[0], out.errors


def test_a_linked_manifest_or_writer_folder_is_not_written_through(team: Path, tmp_path: Path,
                                                                   target: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    sync(rep)
    (rm.own_folder / "manifest.json").unlink()
    (rm.own_folder / "manifest.json").symlink_to(target / "precious.txt")
    sync(rep)
    assert (target / "precious.txt").read_text() == "keep me"
    assert not (rm.own_folder / "manifest.json").is_symlink()
    reps = team / "reps"
    shutil.rmtree(reps)
    reps.symlink_to(target, target_is_directory=True)
    before = tree(target)
    out = sync(rep)
    assert tree(target) == before and out.errors
