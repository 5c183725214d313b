"""Takes keep their cadence and attempt; progress per attempt, and it survives a team sync."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from tests.storage.teamkit import coach_home, rep_home
from voicecoach.core.judgement import judgement_for
from voicecoach.core.verdict import VerdictValue
from voicecoach.storage import Store, open_store
from voicecoach.storage.cadence_files import read_cadence as load_cadence
from voicecoach.storage.cadence_progress import attempt_ready
from voicecoach.storage.team import sync, team_status

ROOT = Path(__file__).parents[2]
COLD = load_cadence(ROOT / "assets" / "cadences" / "cold-series.toml")
CLEAN = ()
ERROR = (("missing_contact_info", "error"),)
WARNINGS = (("pace_too_fast", "warning"), ("dead_air", "warning"))
READY, NEARLY, NOT_YET, NOT_HEARD = (VerdictValue.READY, VerdictValue.NEARLY, VerdictValue.NOT_YET,
                                     VerdictValue.COULDNT_HEAR)


def rehearse(store: Store, profile_id: int, attempt: int, flags: tuple[tuple[str, str], ...] = CLEAN,
             score: float = 90) -> int:
    script = store.add_script(COLD.attempt(attempt).title, COLD.attempt(attempt).script.text)
    judgement = judgement_for(cadence=COLD, attempt=attempt, profile=ANN)
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict(score, flags=flags),
                           judgement=judgement)
    return take.id


def test_an_attempt_is_ready_by_the_same_rule_as_a_script() -> None:
    assert attempt_ready([READY, READY, READY, NOT_YET]) == (True, "the last 3 takes were ready to send")
    assert attempt_ready([READY, NOT_HEARD, READY, READY]) == (True, "the last 3 takes were ready to send")
    assert attempt_ready([READY, NEARLY]) == (False, "1 take ready to send in a row; 3 needed")
    assert attempt_ready([READY]) == (False, "2 more takes ready to send needed")
    assert attempt_ready([]) == (False, "not rehearsed yet")


def test_takes_keep_cadence_and_attempt_and_progress_is_per_attempt(tmp_path: Path) -> None:
    with open_store(tmp_path / "v.db") as store:
        pid = store.add_profile(ANN)
        rehearse(store, pid, 1, ERROR, score=50)
        rehearse(store, pid, 1, score=88)
        rehearse(store, pid, 1, score=92)
        rehearse(store, pid, 1, score=90)
        rehearse(store, pid, 2, WARNINGS, score=80)
        trashed = rehearse(store, pid, 3, score=99)
        store.trash_take(trashed)
        row = store.query("SELECT cadence, cadence_attempt FROM takes ORDER BY id LIMIT 1")[0]
        assert (row["cadence"], row["cadence_attempt"]) == ("Cold series", 1)
        assert store.cadences_practised(pid) == ["Cold series"]
        progress = store.cadence_progress(pid, "Cold series")
        assert [a.attempt for a in progress.attempts] == [1, 2, 3, 4, 5]  # the plan stored with the takes
        first, second, third = progress.attempts[:3]
        assert (first.takes, first.best, first.latest, first.verdicts, first.ready) == (
            4, 92, 90, (READY, READY, READY, NOT_YET), True)
        assert first.topic == "what homes on your street sell for"
        assert (second.verdicts, second.ready) == ((NEARLY,), False)
        assert (third.takes, third.ready, third.reason) == (0, False, "not rehearsed yet")
        assert not progress.ready and progress.summary() == "Cold series: 1 of 5 voicemails ready"
        for n in (2, 3, 4, 5):
            for _ in range(3):
                rehearse(store, pid, n)
        done = store.cadence_progress(pid, "Cold series")
        assert done.ready and done.summary() == "Cold series: ready, all 5 voicemails"


def test_the_step_keeps_an_older_database_whole(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "data" / "store_v4", tmp_path / "home")
    with open_store(tmp_path / "home" / "voicecoach.db") as store:
        assert "m011_take_cadence" in store.schema_steps
        columns = list(store.db["takes"].columns_dict)
        assert columns[-3:] == ["transcript", "report", "judgement"] and "cadence_attempt" in columns
        assert store.query("SELECT COUNT(*) AS n FROM takes WHERE cadence IS NOT NULL")[0]["n"] == 0
        assert all(t.judgement is not None for t in store.list_takes())


def test_per_attempt_readiness_survives_a_team_sync(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    rep, membership = rep_home(tmp_path / "rep", team, takes=0)
    pid = membership.profile_id or 0
    for attempt, flags in ((1, CLEAN), (1, CLEAN), (1, CLEAN), (2, ERROR), (2, CLEAN)):
        rehearse(rep, pid, attempt, flags)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    [pulled] = [p for p in coach.list_profiles() if p.profile.name == ANN.name]
    assert coach.cadences_practised(pulled.id) == ["Cold series"]
    theirs, mine = coach.cadence_progress(pulled.id, "Cold series"), rep.cadence_progress(pid, "Cold series")
    assert theirs == mine
    assert [(a.attempt, a.ready, a.verdicts) for a in theirs.attempts[:2]] == [
        (1, True, (READY, READY, READY)), (2, False, (READY, NOT_YET))]
    [row] = team_status(coach)  # the team view says the same, per attempt
    assert row.cadence == "Cold series: 1 of 5 voicemails ready"
    assert row.cadence_attempts[:2] == ("Attempt 1 (what homes on your street sell for): ready, best 90",
                                        "Attempt 2 (the best month to list): 1 take ready to send in a row; 3 needed, "
                                        "best 90")
    assert row.to_dict()["cadence"] == row.cadence


def test_per_attempt_progress_travels_in_a_bundle(tmp_path: Path) -> None:
    with open_store(tmp_path / "a" / "v.db") as mine:
        pid = mine.add_profile(ANN)
        rehearse(mine, pid, 1)
        rehearse(mine, pid, 1)
        rehearse(mine, pid, 3, ERROR)
        bundle = mine.export_bundle(tmp_path / "ann.zip", pid)
        expected = mine.cadence_progress(pid, "Cold series")
    with open_store(tmp_path / "b" / "v.db") as theirs:
        theirs.import_bundle(bundle)
        [rep] = theirs.list_profiles()
        assert theirs.cadence_progress(rep.id, "Cold series") == expected


def test_a_forged_cadence_in_the_team_folder_is_dropped_not_stored(tmp_path: Path) -> None:
    """The team folder is written by other computers: a take whose judgement claims attempt 10**25, or a
    cadence name a page long, arrives as a single voicemail, and the pull goes on."""
    import hashlib
    import json

    from tests.storage.teamkit import files

    team = tmp_path / "team"
    team.mkdir()
    rep, membership = rep_home(tmp_path / "rep", team, takes=0)
    pid = membership.profile_id or 0
    rehearse(rep, pid, 1)
    rehearse(rep, pid, 2)
    sync(rep)
    own = membership.own_folder
    manifest = json.loads((own / "manifest.json").read_text())
    for path, forged in zip(sorted(files(own / "takes")), ({"attempt": 10**25}, {"cadence": "x" * 5000}), strict=True):
        body = json.loads(path.read_text())
        body["judgement"].update(forged)
        data = json.dumps(body).encode()
        path.write_bytes(data)
        for entry in manifest["takes"]:
            if entry["file"]["name"] == f"takes/{path.name}":
                entry["file"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    (own / "manifest.json").write_text(json.dumps(manifest))
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 2
    [pulled] = [p for p in coach.list_profiles() if p.profile.name == ANN.name]
    assert coach.cadences_practised(pulled.id) == []
    assert [(t.judgement.cadence, t.judgement.attempt) for t in coach.list_takes() if t.judgement] == [(None, None)] * 2


def test_judging_again_keeps_the_cadence_and_the_attempts_rule(tmp_path: Path) -> None:
    """A take of attempt 3 that refers back is judged again as attempt 3 (no false_follow_up), keeps its cadence
    columns and its per-attempt progress; a take stored before cadences is judged again as before."""
    from voicecoach.core import codes
    from voicecoach.core.report import analyze

    with open_store(tmp_path / "v.db") as store:
        pid = store.add_profile(ANN)
        script = store.add_script(COLD.attempt(3).title, COLD.attempt(3).script.text)
        judgement = judgement_for(cadence=COLD, attempt=3, profile=ANN, script_version_id=script.version_id)
        said = transcript_of("hi jordan following up on my voicemail last week call me")
        report = analyze(said, judgement)
        take = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=said,
                               report=report.to_dict(), judgement=judgement)
        old = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=said,
                              report=report_dict(80), judgement=judgement_for(script=script, profile=ANN))
        before = store.cadence_progress(pid, "Cold series")
        again = store.reanalyze_take(take.id)
        assert (again.judgement.cadence, again.judgement.attempt) == ("Cold series", 3)
        assert codes.FALSE_FOLLOW_UP not in again.report.codes
        [row] = store.query("SELECT cadence, cadence_attempt FROM takes WHERE id = ?", [take.id])
        assert (row["cadence"], row["cadence_attempt"]) == ("Cold series", 3)
        assert store.cadence_progress(pid, "Cold series") == before
        assert [a.takes for a in before.attempts] == [0, 0, 1, 0, 0]
        plain = store.reanalyze_take(old.id)
        assert plain.judgement.cadence is None and plain.judgement.attempt is None


def test_a_new_cadence_never_overwrites_another_with_the_same_file_name() -> None:
    """Saving a new cadence (or a sample's copy) whose name makes an existing file's name is refused in one
    sentence, and the rep's other cadence is left as it was; saving over its own file is fine."""
    import pytest

    from voicecoach import paths
    from voicecoach.core.cadence import CadenceError, parse_cadence
    from voicecoach.storage.cadence_files import save_cadence

    mine = parse_cadence("name = 'My plan'\n[[attempt]]\nday = 1\ntopic = 'prices'\ntext = 'Hi {prospect}, {name}.'\n")
    other = parse_cadence("name = 'my-plan'\n[[attempt]]\nday = 1\ntopic = 'rates'\ntext = 'Hello {prospect}.'\n")
    path = save_cadence(mine)
    before = path.read_bytes()
    with pytest.raises(CadenceError, match="already") as err:
        save_cadence(other)
    assert "\n" not in str(err.value) and path.read_bytes() == before
    assert save_cadence(other, path) == path  # the same cadence saved again where it was opened from
    assert sorted(p.name for p in paths.cadences_dir().iterdir()) == ["my-plan.toml"]
