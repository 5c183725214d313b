"""Progress queries over takes: trends, best, practice days and streak, common flags, readiness."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tests.storage.builders import report_dict, transcript_of
from voicecoach.storage import Store


def _take_on(store: Store, profile_id: int, version_id: int, day: date, hour: int = 12, **report) -> int:
    started = datetime(day.year, day.month, day.day, hour).astimezone()
    return store.save_take(profile_id=profile_id, script_version_id=version_id, transcript=transcript_of("hi"),
                           report=report_dict(**report), started_at=started).id


def test_trend_and_personal_best_per_script(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    other = store.add_script("Other", "Other text")
    d = date(2026, 3, 1)
    a = _take_on(store, profile_id, script.version_id, d, score=60, wpm=190, filler_rate=0.08, seconds=40)
    b = _take_on(store, profile_id, script.version_id, d + timedelta(days=1), score=85, wpm=160, filler_rate=0.03)
    _take_on(store, profile_id, other.version_id, d, score=99)
    c = _take_on(store, profile_id, script.version_id, d + timedelta(days=2), score=85, wpm=150, filler_rate=None)
    trend = store.trend(profile_id, script.id)
    assert [p.take_id for p in trend] == [a, b, c]
    assert [p.attempt for p in trend] == [1, 2, 3]
    assert [(p.score, p.wpm, p.filler_rate) for p in trend] == [(60, 190, 0.08), (85, 160, 0.03), (85, 150, None)]
    assert trend[0].speech_seconds == 40
    assert store.personal_best(profile_id, script.id).take_id == b  # type: ignore[union-attr]  # first to reach 85
    assert store.personal_best(profile_id).score == 99  # type: ignore[union-attr]
    store.trash_take(b)
    assert [p.take_id for p in store.trend(profile_id, script.id)] == [a, c]


def test_days_practised_and_current_streak(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    today = date(2026, 5, 10)
    for offset in (0, 1, 1, 2, 5, 6):
        _take_on(store, profile_id, script.version_id, today - timedelta(days=offset))
    days = store.practice_days(profile_id, today=today)
    assert (days.days_practised, days.current_streak, days.last_day) == (5, 3, today)
    assert store.practice_days(profile_id, today=today + timedelta(days=1)).current_streak == 3  # yesterday counts
    assert store.practice_days(profile_id, today=today + timedelta(days=2)).current_streak == 0
    assert store.practice_days(999).days_practised == 0


def test_most_frequent_flags_count_each_take_once(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    d = date(2026, 4, 1)
    for flags in ((("overrun", "error"), ("overrun", "error")), (("overrun", "error"), ("rambling", "warning")),
                  (("missing_contact_info", "error"),), (("rambling", "warning"),), (("rambling", "warning"),)):
        _take_on(store, profile_id, script.version_id, d, flags=flags)
    top = store.top_flags(profile_id)
    assert [(f.code, f.count) for f in top] == [("rambling", 3), ("overrun", 2), ("missing_contact_info", 1)]
    assert len(store.top_flags(profile_id, limit=1)) == 1
    assert [(f.code, f.count) for f in store.top_flags(profile_id, recent=2)] == [("rambling", 2)]


def test_readiness_needs_three_takes_ready_to_send_in_a_row(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    d = date(2026, 4, 1)
    assert store.readiness(profile_id, script.id).reason == "3 more takes ready to send needed"
    _take_on(store, profile_id, script.version_id, d, 9, flags=(("overrun", "error"),))
    _take_on(store, profile_id, script.version_id, d, 10, flags=(("rambling", "warning"),))
    _take_on(store, profile_id, script.version_id, d, 11)
    not_yet = store.readiness(profile_id, script.id)
    assert not not_yet.ready and not_yet.clean_in_a_row == 1, "rambling holds a take back"
    _take_on(store, profile_id, script.version_id, d, 12, flags=(("pace", "tip"),))
    _take_on(store, profile_id, script.version_id, d, 13)
    ready = store.readiness(profile_id, script.id)
    assert ready.ready and ready.clean_in_a_row == 3


def test_progress_bundles_every_query(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    today = date.today()
    for n in range(3):
        _take_on(store, profile_id, script.version_id, today - timedelta(days=n), score=70 + n)
    progress = store.progress(profile_id, script.id, today=today)
    assert progress.takes == 3 and len(progress.trend) == 3
    assert progress.best is not None and progress.best.score == 72
    assert (progress.days_practised, progress.current_streak, progress.ready) == (3, 3, True)


def test_progress_queries_are_answered_from_covering_indexes(store: Store) -> None:
    """The take rows hold kilobytes of transcript; the charts must not have to read them."""
    for script_filter, params in (("", [1]), (" AND script_id = ?", [1, 1])):
        plan = store.query(
            "EXPLAIN QUERY PLAN SELECT id, started_at, attempt, score, speech_seconds, wpm, filler_rate, error_count"
            f" FROM takes WHERE profile_id = ? AND trashed_at IS NULL{script_filter} ORDER BY started_at, id", params)
        details = " ".join(row["detail"] for row in plan)
        assert "COVERING INDEX" in details and "TEMP B-TREE" not in details, details


def test_trend_can_be_limited_to_the_latest_takes_while_counts_cover_all(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    ids = [_take_on(store, profile_id, script.version_id, date(2026, 1, 1), hour) for hour in range(8, 14)]
    assert [p.take_id for p in store.trend(profile_id, last=2)] == ids[-2:]
    progress = store.progress(profile_id, last=3)
    assert progress.takes == 6 and [p.take_id for p in progress.trend] == ids[-3:]
    assert progress.best is not None and progress.best.take_id == ids[0]  # equal scores: the first set the record
