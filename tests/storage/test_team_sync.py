"""A rep and a coach, each with their own app home, sharing one temporary team folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.storage.builders import report_dict, transcript_of
from tests.storage.teamkit import BEN, add_takes, coach_home, files, forge_writer, rep_home, tree
from voicecoach.storage.team import coach_feedback, current, leave, sync, team_status


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    return folder


def test_rep_publishes_and_coach_pulls_everything_once(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=3, audio=True)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(rep)
    assert (out.published, out.published_audio) == (3, 3)
    own = rm.own_folder
    assert [p.name for p in files(own)] == ["manifest.json"]
    assert len(list(files(own / "takes"))) == 3 and len(list(files(own / "audio"))) == 3
    assert not [p for p in own.rglob(".*")], "no temporary file is left behind"
    pulled = sync(coach)
    assert (pulled.takes, pulled.audio, pulled.pending, pulled.skipped) == (3, 3, 0, 0)
    theirs = {t.uuid: t for t in rep.list_takes()}
    for take in coach.list_takes():
        mine = theirs[take.uuid]
        assert (take.score, take.attempt, take.transcript_json) == (mine.score, mine.attempt, mine.transcript_json)
        assert take.audio_path is not None and take.audio_path.read_bytes() == mine.audio_path.read_bytes()
        judged, original = coach.get_take(take.id).judgement, rep.get_take(mine.id).judgement
        assert judged is not None and original is not None
        assert judged.to_dict() | {"script_version_id": 0} == original.to_dict() | {"script_version_id": 0}
        assert judged.script_version_id == take.script_version_id
    again = sync(coach)
    assert (again.takes, again.audio) == (0, 0) and len(coach.list_takes()) == 3
    [row] = team_status(coach)
    assert (row.name, row.takes, row.takes_this_week, row.best_score, row.top_issue) == ("Ann Lee", 3, 3, 62, "overrun")


def test_a_follow_up_script_version_travels_with_its_take(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=0)
    script = rep.add_script("Second call", "Hi again {prospect}, it's {name}.", follow_up=True, time_limit=25)
    rep.save_take(profile_id=rm.profile_id or 0, script_version_id=script.version_id,
                  transcript=transcript_of("hi again"), report=report_dict(70))
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    version = coach.get_script_version(coach.list_takes()[0].script_version_id)
    assert (version.title, version.follow_up, version.time_limit) == ("Second call", True, 25)


def test_new_takes_published_later_arrive_and_nothing_is_rewritten(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    before = tree(rm.own_folder / "takes")
    sync(coach)
    add_takes(rep, rm.profile_id or 0, 1, first_score=90)
    assert sync(rep).published == 1
    after = tree(rm.own_folder / "takes")
    assert {k: v for k, v in after.items() if k in before} == before, "published files are immutable"
    assert sync(coach).takes == 1
    assert team_status(coach)[0].latest_score == 90


def test_a_take_truncated_mid_sync_is_skipped_then_picked_up(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=3)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    victim = next(files(rm.own_folder / "takes"))
    whole = victim.read_bytes()
    victim.write_bytes(whole[: len(whole) // 2])
    out = sync(coach)
    assert (out.takes, out.pending) == (2, 1)
    assert any("still syncing" in m for m in out.messages)
    victim.write_bytes(whole)
    out = sync(coach)
    assert (out.takes, out.pending) == (1, 0)
    assert len(coach.list_takes()) == 3


def test_a_half_synced_manifest_is_waited_for(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    manifest = rm.own_folder / "manifest.json"
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[:40])
    out = sync(coach)
    assert (out.takes, out.pending) == (0, 1) and "incomplete" in out.messages[0]
    manifest.write_bytes(whole)
    assert sync(coach).takes == 2


def test_sync_conflict_copies_and_temporary_files_are_ignored(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    takes = rm.own_folder / "takes"
    original = next(files(takes))
    stem = original.stem
    forged = json.loads(original.read_text())
    forged["take"]["uuid"] = "00000000-0000-4000-8000-000000000000"
    (takes / f"{stem} (conflicted copy).json").write_text(json.dumps(forged))
    (takes / f"{stem}.sync-conflict-20261201-120000-ABCDEFG.json").write_text(json.dumps(forged))
    (takes / f".syncthing.{stem}.json.tmp").write_text("{")
    (rm.own_folder / "manifest (conflicted copy).json").write_text("{}")
    out = sync(coach)
    assert out.takes == 1 and len(coach.list_takes()) == 1
    assert sum("conflict copy" in m for m in out.messages) == 3


def test_a_member_who_has_not_published_yet_is_not_waited_for(team: Path, tmp_path: Path) -> None:
    rep, _ = rep_home(tmp_path / "rep", team, takes=1)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(rep)
    assert (out.published, out.pending, out.messages) == (1, 0, [])
    (team / "reps" / "new-rep").mkdir()
    out = sync(coach)
    assert (out.takes, out.pending, out.messages) == (1, 0, [])


def test_the_folder_disappears_and_returns(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    away = tmp_path / "unmounted"
    team.rename(away)
    add_takes(rep, rm.profile_id or 0, 1)
    assert sync(rep).available is False and sync(coach).available is False
    assert not team.exists(), "a missing share is never recreated as an empty local folder"
    assert current(rep) is not None
    away.rename(team)
    assert sync(rep).published == 1
    assert sync(coach).takes == 2


def test_notes_and_goals_flow_back_to_the_rep(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    take = coach.list_takes()[0]
    session = coach.start_session(take.profile_id, goals="Say the number twice")
    note = coach.add_note(take.id, "Slow down on the number", at_seconds=1.5, session_id=session.id)
    sync(coach)
    out = sync(rep)
    assert (out.notes, out.sessions) == (1, 1)
    mine = next(t for t in rep.list_takes() if t.uuid == take.uuid)
    [got] = rep.list_notes(mine.id)
    assert (got.text, got.at_seconds, got.uuid) == ("Slow down on the number", 1.5, note.uuid)
    [goals] = rep.list_sessions(rm.profile_id)
    assert goals.goals == "Say the number twice" and got.session_id == goals.id
    coach.update_session_goals(session.id, "Say the number twice, slowly")
    coach.set_goal_results(session.id, {"Say the number twice, slowly": True})
    coach.delete_note(note.id)
    sync(coach)
    assert sync(rep).sessions == 1
    [goals] = rep.list_sessions(rm.profile_id)
    assert goals.goals == "Say the number twice, slowly"
    assert goals.goal_results == (("Say the number twice, slowly", True),)
    assert rep.list_notes(mine.id) == []
    assert sync(rep).sessions == 0
    coach.add_note(take.id, "Better: the number was clear")
    sync(coach)
    sync(rep)
    feedback = coach_feedback(rep, rm.profile_id or 0)
    assert feedback.goals == "Say the number twice, slowly" and feedback.goal_results[0][1] is True
    assert [n.text for n in feedback.notes] == ["Better: the number was clear"]
    assert feedback.notes[0].take_id == mine.id


def test_a_take_the_rep_trashes_is_withdrawn_for_the_coach(team: Path, tmp_path: Path) -> None:
    rep, _ = rep_home(tmp_path / "rep", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    gone = rep.list_takes()[0]
    rep.trash_take(gone.id)
    assert sync(rep).withdrawn == 1
    assert sync(coach).trashed == 1
    assert [t.uuid for t in coach.list_takes()] != [] and gone.uuid not in {t.uuid for t in coach.list_takes()}


def test_two_reps_and_duplicate_listings(team: Path, tmp_path: Path) -> None:
    ann, am = rep_home(tmp_path / "ann", team, takes=2)
    ben, _ = rep_home(tmp_path / "ben", team, profile=BEN, takes=3)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(ann)
    sync(ben)
    assert sync(coach).takes == 5
    assert [r.name for r in team_status(coach)] == ["Ann Lee", "Ben Okafor"]
    copy = team / "reps" / "ann-copy"  # someone copied Ann's folder under another name
    shutil.copytree(am.own_folder, copy)
    out = sync(coach)
    assert out.takes == 0 and "holds the manifest of" in out.messages[0]
    _relabel(copy, "ann-copy")  # ... and made it look like another rep's
    out = sync(coach)
    assert (out.takes, out.skipped) == (0, 2) and all("already here under another rep" in m for m in out.messages)
    assert len(coach.list_takes()) == 5


def _relabel(folder: Path, rep_id: str) -> None:
    """Rewrite a copied rep folder as if another rep (same takes) had published it, checksums and all."""

    def other_rep(manifest: dict) -> None:
        manifest["profile"] |= {"uuid": "11111111-1111-4111-8111-111111111111", "name": "Ann Copy"}

    forge_writer(folder, "rep_id", rep_id, other_rep)


def test_leaving_keeps_the_rep_id_for_a_later_join(team: Path, tmp_path: Path) -> None:
    from voicecoach.storage.team import join

    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    leave(rep)
    assert current(rep) is None
    with pytest.raises(ValueError, match="not in a team"):
        sync(rep)
    again = join(rep, team, profile_id=rm.profile_id)
    assert again.member_id == rm.member_id


def test_a_recording_that_arrives_after_its_take_is_attached_later(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1, audio=True)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    audio = next(files(rm.own_folder / "audio"))
    whole = audio.read_bytes()
    audio.write_bytes(whole[:100])
    out = sync(coach)
    assert (out.takes, out.audio, out.pending) == (1, 0, 1)
    assert coach.list_takes()[0].audio_path is None
    assert not list(coach.takes_dir.glob("*")), "a partial recording is not kept"
    audio.write_bytes(whole)
    out = sync(coach)
    assert (out.takes, out.audio, out.pending) == (0, 1, 0)
    take = coach.get_take(coach.list_takes()[0].id)
    assert take.audio_path is not None and take.audio_path.read_bytes() == whole


def test_a_rep_on_two_laptops_is_one_row_in_the_team_view(team: Path, tmp_path: Path) -> None:
    laptop, _ = rep_home(tmp_path / "laptop", team, takes=2, rep_id="ann-laptop")
    desktop, _ = rep_home(tmp_path / "desktop", team, takes=1, rep_id="ann-desktop")
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(laptop)
    sync(desktop)
    assert sync(coach).takes == 3
    [row] = team_status(coach)
    assert (row.name, row.takes, row.rep_id) == ("Ann Lee", 3, "ann-desktop, ann-laptop")


def test_a_share_that_refuses_writes_still_lets_the_pull_run(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    coach.add_note(coach.list_takes()[0].id, "Nice opening")
    sync(coach)
    add_takes(rep, rm.profile_id or 0, 1)
    takes = rm.own_folder / "takes"
    takes.rename(tmp_path / "takes-aside")
    takes.write_text("not a folder")  # the rep's takes folder cannot be written into
    out = sync(rep)
    assert out.published == 0 and out.notes == 1
    assert out.errors and out.errors[0].startswith("Publishing failed:")
    assert "Publishing failed" in out.describe()
    takes.unlink()
    (tmp_path / "takes-aside").rename(takes)
    assert sync(rep).published == 1
