"""Each take keeps what it was judged against; old databases keep every take; re-analysis keeps the old report."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from tests.storage.builders import ANN, transcript_of
from voicecoach.core.judgement import judgement_for
from voicecoach.core.report import Report, analyze
from voicecoach.core.settings import Settings
from voicecoach.storage import Store, open_store

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "store_v4"


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, uuid, profile_id, script_version_id, attempt, score, flag_codes, transcript,"
                            " audio_path, audio_sha256, trashed_at IS NOT NULL FROM takes ORDER BY id").fetchall()


def test_the_migration_keeps_every_take_of_a_database_written_at_m004(tmp_path: Path) -> None:
    home = tmp_path / "data"
    shutil.copytree(FIXTURE, home)
    before = _rows(home / "voicecoach.db")
    assert len(before) == 10 and sum(1 for r in before if r[8]) == 3
    store = open_store(home / "voicecoach.db")
    try:
        assert "m009_take_judgement" in store.schema_steps
        assert _rows(home / "voicecoach.db") == before, "ids, scores, flags, transcripts and audio are untouched"
        for row in before:
            take = store.get_take(row[0])
            if row[8]:
                assert hashlib.sha256(take.audio_path.read_bytes()).hexdigest() == row[9]
            assert take.judgement is not None and take.judgement.rebuilt
            assert isinstance(take.report, Report) and take.report.view is not None
            assert take.report.score == row[5]
        assert len(store.list_takes(include_trashed=True)) == 10 and len(store.list_takes()) == 9
        follow = next(t for t in before if t[3] == 2)  # the one take of "Follow-up after open house"
        assert store.get_take(follow[0]).judgement.follow_up, "judged as a follow-up then, so rebuilt as one"
        assert store.get_script_version(2).follow_up and not store.get_script_version(1).follow_up
        assert store.get_take(before[0][0]).judgement.time_limit == 30.0
        assert [n.text for n in store.list_notes(before[0][0])] == ["Good pace"]
        assert store.get_take(9).judgement.time_limit == 28.0, "the second version's own limit"
    finally:
        store.close()


def test_a_take_keeps_its_judgement_whatever_changes_afterwards(store: Store) -> None:
    pid = store.add_profile(ANN)
    script = store.add_script("Roof intro", "Hi {prospect}, this is {name} from {company}, 555 0100.", time_limit=20)
    judgement = judgement_for(script=script, profile=ANN, settings=Settings(dead_air_seconds=1.0), prospect="Ruth")
    t = transcript_of("hi ruth this is ann lee from acme roofing five five five oh one oh oh")
    report = analyze(t, judgement)
    saved = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=t, report=report,
                            judgement=judgement)
    store.update_profile(pid, ANN.__class__("Ann Smith", "Other Co", "555 0199"))
    store.update_script(script.id, text="Completely different.", time_limit=45)
    again = store.get_take(saved.id)
    assert again.judgement == judgement and again.judgement.prospect == "Ruth"
    assert again.report == report, "flags, highlights and score as they were"


def test_reanalyze_keeps_the_previous_report(store: Store) -> None:
    pid = store.add_profile(ANN)
    script = store.add_script("Roof intro", "Hi, this is {name} from {company}.")
    judgement = judgement_for(script=script, profile=ANN)
    t = transcript_of("hi this is ann lee from acme roofing")
    old = {"speech_seconds": 3.0, "words": 7, "wpm": 140.0, "score": 42, "metrics": {},
           "flags": [{"code": "old_rule", "severity": "warning", "message": "An older rule.", "evidence": []}]}
    saved = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=t, report=old,
                            judgement=judgement)
    assert saved.judged_at is None
    again = store.reanalyze_take(saved.id)
    assert again.judged_at is not None
    assert again.report == analyze(t, judgement)
    assert "old_rule" not in again.flag_codes and again.score == analyze(t, judgement).score
    versions = store.report_versions(saved.id)
    assert [v.score for v in versions] == [42, again.score] and versions[-1].current
    assert versions[0].report is not None and versions[0].report.codes == ["old_rule"]
    assert sorted(f.code for f in store.top_flags(pid, limit=20)) == sorted(again.flag_codes)
    store.reanalyze_take(saved.id)
    assert len(store.report_versions(saved.id)) == 3


def test_follow_up_is_a_field_of_the_script_version(store: Store) -> None:
    script = store.add_script("Second call", "Hi again {prospect}.", follow_up=True)
    assert script.follow_up and judgement_for(script=script).follow_up
    first = store.update_script(script.id, follow_up=False)
    assert not first.follow_up and first.version == 2 and first.version_id != script.version_id
    assert store.get_script_version(script.version_id).follow_up, "the old version keeps what it was"


def test_a_bundle_carries_each_takes_judgement(store: Store, tmp_path: Path) -> None:
    pid = store.add_profile(ANN)
    script = store.add_script("Second call", "Hi again {prospect}, {name} here.", follow_up=True, time_limit=22)
    judgement = judgement_for(script=script, profile=ANN, prospect="Ruth")
    t = transcript_of("hi again ruth ann lee here")
    saved = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=t,
                            report=analyze(t, judgement), judgement=judgement)
    bundle = store.export_bundle(tmp_path / "ann.zip", pid)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        coach.import_bundle(bundle)
        [take] = coach.list_takes()
        got = coach.get_take(take.id)
        assert got.judgement is not None and not got.judgement.rebuilt
        assert (got.judgement.prospect, got.judgement.follow_up, got.judgement.time_limit) == ("Ruth", True, 22.0)
        assert got.judgement.script_version_id == got.script_version_id
        assert coach.get_script_version(got.script_version_id).follow_up
        assert got.report == store.get_take(saved.id).report


def test_a_deeply_nested_stored_report_reads_as_unreadable_not_as_a_recursion_error(store, rep_and_script) -> None:
    from tests.storage.builders import report_dict, transcript_of

    profile_id, script = rep_and_script
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict())
    deep = '{"flags": ' * 100_000 + "[]" + "}" * 100_000
    with store.write() as db:
        db.execute("UPDATE takes SET report = ? WHERE id = ?", [deep, take.id])
    again = store.get_take(take.id)
    assert again.report_dict == {} and again.report == {}
    assert [v.report for v in store.report_versions(take.id)] == [None]


def test_deeply_nested_goal_results_read_as_none_judged(store, rep_and_script) -> None:
    profile_id, _ = rep_and_script
    session = store.start_session(profile_id, goals="Say the number twice")
    with store.write() as db:
        db.execute("UPDATE sessions SET goal_results = ? WHERE id = ?", ['{"a": ' * 100_000 + "1" + "}" * 100_000,
                                                                        session.id])
    assert store.get_session(session.id).goal_results == ()
