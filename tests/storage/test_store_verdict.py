"""The verdict is stored with each take, and every progress figure reads that stored value."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.storage.builders import report_dict, transcript_of
from voicecoach.core.verdict import VerdictValue, verdict_from_report_dict
from voicecoach.storage import Store, open_store

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "store_v4"
UNRELIABLE = (("recognition_unreliable", "error"),)


def _take(store: Store, rep_and_script, hour: int, *, day: date = date(2026, 4, 1), **report) -> int:
    profile_id, script = rep_and_script
    started = datetime(day.year, day.month, day.day, hour).astimezone()
    return store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi"), report=report_dict(**report), started_at=started).id


def test_a_take_is_stored_with_its_verdict_and_a_rambling_92_is_not_yet(store: Store, rep_and_script) -> None:
    take = store.get_take(_take(store, rep_and_script, 9, score=92, flags=(("rambling", "warning"),)))
    assert take.verdict is VerdictValue.NOT_YET
    assert take.report.verdict.value is VerdictValue.NOT_YET
    assert json.loads(take.report_json)["verdict"]["value"] == "not_yet"
    listed = store.list_takes()[0]
    assert listed.verdict is VerdictValue.NOT_YET


def test_readiness_needs_three_ready_takes_in_a_row(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    _take(store, rep_and_script, 9)
    _take(store, rep_and_script, 10)
    _take(store, rep_and_script, 11, score=92, flags=(("rambling", "warning"),))
    assert not store.readiness(profile_id).ready, "the latest take rambles"
    _take(store, rep_and_script, 12)
    _take(store, rep_and_script, 13, flags=(("cliche_opener", "tip"),))
    blocked = store.readiness(profile_id)
    assert not blocked.ready and blocked.clean_in_a_row == 2
    _take(store, rep_and_script, 14, score=100, flags=UNRELIABLE)
    assert store.readiness(profile_id).clean_in_a_row == 2, "a take nobody heard neither helps nor breaks the run"
    _take(store, rep_and_script, 15, score=92, flags=(("pace_too_fast", "warning"),))
    assert store.readiness(profile_id).clean_in_a_row == 0, "nearly is not ready"
    for hour in (16, 17, 18):
        _take(store, rep_and_script, hour, flags=(("late_hook", "tip"),))
    ready = store.readiness(profile_id, script.id)
    assert ready.ready and ready.clean_in_a_row == 3 and "ready to send" in ready.reason


def test_a_take_nobody_heard_is_no_personal_best_and_not_on_the_charts(store: Store, rep_and_script) -> None:
    profile_id, _ = rep_and_script
    heard = _take(store, rep_and_script, 9, score=80)
    unheard = _take(store, rep_and_script, 10, score=100, flags=UNRELIABLE)
    best = store.personal_best(profile_id)
    assert best is not None and best.take_id == heard and best.score == 80
    assert [p.take_id for p in store.trend(profile_id)] == [heard]
    progress = store.progress(profile_id)
    assert progress.takes == 2 and progress.best is not None and progress.best.take_id == heard
    assert store.get_take(unheard).verdict is VerdictValue.COULDNT_HEAR


def test_judging_again_sets_the_verdict(store: Store, rep_and_script) -> None:
    take_id = _take(store, rep_and_script, 9, flags=(("overrun", "error"),))
    with store.write() as db:
        db.execute("UPDATE takes SET verdict = NULL WHERE id = ?", [take_id])
    again = store.reanalyze_take(take_id)
    assert again.verdict is not None and again.verdict == again.report.verdict.value


def test_the_migration_gives_every_stored_take_a_verdict_from_its_flags(tmp_path: Path) -> None:
    home = tmp_path / "data"
    shutil.copytree(FIXTURE, home)
    store = open_store(home / "voicecoach.db")
    try:
        assert "m010_take_verdict" in store.schema_steps
        takes = store.list_takes(include_trashed=True)
        assert len(takes) == 10
        for take in takes:
            stored = json.loads(store.get_take(take.id).report_json)
            assert take.verdict is not None
            assert take.verdict == verdict_from_report_dict({k: v for k, v in stored.items() if k != "verdict"}).value
            assert stored["verdict"]["value"] == take.verdict.value
    finally:
        store.close()


def test_the_csv_carries_the_stored_verdict(store: Store, rep_and_script, tmp_path: Path) -> None:
    _take(store, rep_and_script, 9, score=92, flags=(("rambling", "warning"),))
    _take(store, rep_and_script, 10, score=100, flags=UNRELIABLE)
    out = tmp_path / "takes.csv"
    store.export_csv(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["verdict"] for r in rows] == ["Not yet", "Couldn't hear you"]
    unheard = next(r for r in rows if r["verdict"] == "Couldn't hear you")
    assert unheard["wpm"] == unheard["score"] == unheard["words"] == unheard["filler_rate"] == ""
    assert rows[0]["score"] == "92.0" and rows[0]["wpm"] == "150.0"


def test_days_around_today_still_count_every_take(store: Store, rep_and_script) -> None:
    profile_id, _ = rep_and_script
    today = date.today()
    _take(store, rep_and_script, 9, day=today, flags=UNRELIABLE)
    _take(store, rep_and_script, 9, day=today - timedelta(days=1))
    assert store.practice_days(profile_id, today=today).current_streak == 2, "practising counts, heard or not"


def test_readiness_reads_the_stored_verdict_not_the_flags(store: Store, rep_and_script) -> None:
    profile_id, _ = rep_and_script
    ids = [_take(store, rep_and_script, hour, score=92, flags=(("rambling", "warning"),)) for hour in (9, 10, 11)]
    assert not store.readiness(profile_id).ready
    with store.write() as db:
        db.execute(f"UPDATE takes SET verdict = 'ready' WHERE id IN ({','.join('?' * len(ids))})", ids)
    assert store.readiness(profile_id).ready, "one stored value, never judged a second time"


def test_the_verdict_queries_are_answered_from_covering_indexes(store: Store) -> None:
    from voicecoach.storage.progress import HEARD

    for sql in ("SELECT verdict FROM takes WHERE profile_id = ? AND trashed_at IS NULL AND {h}"
                " ORDER BY started_at DESC, id DESC LIMIT 3",
                "SELECT id, started_at, attempt, score, speech_seconds, wpm, filler_rate, verdict FROM takes"
                " WHERE profile_id = ? AND trashed_at IS NULL AND script_id = 1 AND {h} ORDER BY started_at DESC"):
        plan = " ".join(r["detail"] for r in store.query("EXPLAIN QUERY PLAN " + sql.format(h=HEARD), [1]))
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan
