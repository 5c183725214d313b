"""Each record in a team belongs to the folder that wrote it: another folder can neither rewrite nor withdraw it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.storage.teamkit import BEN, coach_home, forge_writer, rep_home
from voicecoach.storage.team import sync, team_status


def test_another_coach_folder_cannot_withdraw_or_rewrite_the_coachs_feedback(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    coach, cm = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    take = coach.list_takes()[0]
    session = coach.start_session(take.profile_id, goals="Say the number twice")
    coach.add_note(take.id, "Slow down on the number", session_id=session.id)
    sync(coach)
    assert sync(rep).notes == 1
    fake = team / "coach" / "coach-impostor"
    shutil.copytree(cm.own_folder, fake)

    def withdraw_and_rewrite(manifest: dict) -> None:
        for note in manifest["notes"]:
            note["withdrawn"] = True
        for s in manifest["sessions"]:
            s["revision"] = 2
            s["body"] = {"revision": 2, "goals": "Give up"}
            old = fake / s["file"]["name"]
            s["file"]["name"] = s["file"]["name"].replace(".1.json", ".2.json")
            old.rename(fake / s["file"]["name"])

    forge_writer(fake, "coach_id", "coach-impostor", withdraw_and_rewrite)
    out = sync(rep)
    mine = rep.list_takes()[0]
    assert [n.text for n in rep.list_notes(mine.id)] == ["Slow down on the number"]
    assert [s.goals for s in rep.list_sessions(rm.profile_id)] == ["Say the number twice"]
    assert any("coach-impostor" in m and cm.member_id in m for m in out.messages), out.messages


def test_a_folder_claiming_another_reps_profile_cannot_rename_or_trash_them(team: Path, tmp_path: Path) -> None:
    ann, am = rep_home(tmp_path / "ann", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(ann)
    sync(coach)
    fake = team / "reps" / "mallory"
    shutil.copytree(am.own_folder, fake)

    def claim(manifest: dict) -> None:
        manifest["profile"]["name"] = "Mallory"
        for t in manifest["takes"]:
            t["withdrawn"] = True

    forge_writer(fake, "rep_id", "mallory", claim)
    out = sync(coach)
    assert [(r.name, r.takes) for r in team_status(coach)] == [("Ann Lee", 2)]
    assert len(coach.list_takes()) == 2 and out.trashed == 0
    assert any("mallory" in m and am.member_id in m for m in out.messages), out.messages


def test_a_folder_with_the_same_contact_details_cannot_withdraw_another_folders_takes(team: Path,
                                                                                      tmp_path: Path) -> None:
    ann, am = rep_home(tmp_path / "ann", team, takes=2)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(ann)
    sync(coach)
    fake = team / "reps" / "ann-too"
    shutil.copytree(am.own_folder, fake)

    def withdraw(manifest: dict) -> None:
        manifest["profile"]["uuid"] = "22222222-2222-4222-8222-222222222222"
        for t in manifest["takes"]:
            t["withdrawn"] = True

    forge_writer(fake, "rep_id", "ann-too", withdraw)
    out = sync(coach)
    assert len(coach.list_takes()) == 2 and out.trashed == 0


def test_two_reps_who_chose_the_same_rep_id_are_reported_not_merged(team: Path, tmp_path: Path) -> None:
    ann, _ = rep_home(tmp_path / "ann", team, takes=2, rep_id="sam")
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(ann)
    assert sync(coach).takes == 2
    ben, _ = rep_home(tmp_path / "ben", team, profile=BEN, takes=3, rep_id="sam")
    sync(ben)  # Ben's laptop now writes the same folder (his manifest replaces Ann's)
    out = sync(coach)
    assert out.takes == 3
    assert any(m.startswith("Two folders claim rep id sam: ") and "Ann Lee" in m and "Ben Okafor" in m
               for m in out.messages), out.messages
    assert [(r.name, r.takes) for r in team_status(coach)] == [("Ann Lee", 2), ("Ben Okafor", 3)]
    by_rep = {r.name: r.profile_id for r in team_status(coach)}
    assert sorted(t.profile_id == by_rep["Ann Lee"] for t in coach.list_takes()) == [False] * 3 + [True] * 2
    sync(ann)  # and back: Ann's laptop writes the folder again
    sync(coach)
    assert [(r.name, r.takes) for r in team_status(coach)] == [("Ann Lee", 2), ("Ben Okafor", 3)]


def test_a_rep_who_named_their_coach_ignores_another_coach_folder(team: Path, tmp_path: Path) -> None:
    from voicecoach.storage.team import current, join

    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    real, rcm = coach_home(tmp_path / "real", team)
    other, ocm = coach_home(tmp_path / "other", team)
    join(rep, team, profile_id=rm.profile_id, coach_id=rcm.member_id)
    sync(rep)
    for coach in (other, real):
        sync(coach)
        take = coach.list_takes()[0]
        coach.add_note(take.id, f"from {coach.data_dir.name}")
        sync(coach)
    out = sync(rep)
    assert [n.text for n in rep.list_notes(rep.list_takes()[0].id)] == ["from real"]
    assert any(ocm.member_id in m and "ignored" in m for m in out.messages), out.messages
    assert current(rep).coach_id == rcm.member_id
