"""Progress over takes: trends, personal best, practice days and streak, common flags, readiness.

Each query reads the denormalised columns (score, wpm, filler rate, verdict) and ``take_flags``
through indexes led by the rep, so it stays well under 50 ms with ten thousand takes; trashed takes
do not count. A take the app couldn't hear (its stored verdict) is no result: it is left out of the
trend, the personal best and readiness, but it still counts as practice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from voicecoach.core.verdict import READY_IN_A_ROW, VerdictValue, ready_in_a_row
from voicecoach.storage.base import StoreBase
from voicecoach.storage.records import (
    FlagCount,
    PracticeDays,
    Progress,
    Readiness,
    TrendPoint,
    parse_time,
    verdict_value,
)

__all__ = ["HEARD", "READY_AFTER", "TREND_POINTS", "ProgressMixin"]

READY_AFTER = READY_IN_A_ROW
TREND_POINTS = 500  # a chart cannot show more; older takes still count in best, days and flags


def _scope(profile_id: int, script_id: int | None, alias: str = "") -> tuple[str, list[Any]]:
    prefix = f"{alias}." if alias else ""
    sql = f"{prefix}profile_id = ? AND {prefix}trashed_at IS NULL"
    params: list[Any] = [profile_id]
    if script_id is not None:
        sql += f" AND {prefix}script_id = ?"
        params.append(script_id)
    return sql, params


HEARD = f"verdict IS NOT '{VerdictValue.COULDNT_HEAR.value}'"


class ProgressMixin(StoreBase):
    def trend(self, profile_id: int, script_id: int | None = None, *,
              last: int | None = None, first_judged: bool = False) -> tuple[TrendPoint, ...]:
        """Oldest first: one point per take the app heard (only the ``last`` N if given) for the progress charts.

        ``first_judged``: each take's score as it was first judged, before any re-analysis.
        """
        where, params = _scope(profile_id, script_id)
        score = ("coalesce((SELECT r.score FROM take_reports r WHERE r.take_id = takes.id ORDER BY r.id LIMIT 1),"
                 " score)" if first_judged else "score")
        sql = (f"SELECT id, started_at, attempt, {score}, speech_seconds, wpm, filler_rate, verdict FROM takes"
               f" WHERE {where} AND {HEARD} ORDER BY started_at DESC, id DESC")
        if last is not None:
            sql += " LIMIT ?"
            params.append(int(last))
        with self._lock:
            rows = self.db.conn.execute(sql, params).fetchall()
        parse = datetime.fromisoformat
        return tuple(TrendPoint(i, parse(at), n, score, secs or 0.0, wpm, filler, verdict_value(v))
                     for i, at, n, score, secs, wpm, filler, v in reversed(rows))

    def pitch_trend(self, profile_id: int, script_id: int | None = None, *,
                    last: int | None = TREND_POINTS) -> dict[int, float | None]:
        """Take id -> pitch range in semitones (None: no recording, or too little voice), latest ``last``.

        Read from each stored report rather than a column: only the chart's few hundred takes are read,
        and takes saved before the sound checks need no migration (they have None). A take whose report
        says its range was not verified (``pitch_range_checked`` false: too little voice) has None too;
        reports saved before that metric existed keep their figure.
        """
        where, params = _scope(profile_id, script_id)
        sql = ("SELECT id, json_extract(report, '$.metrics.pitch_range_semitones'),"
               " json_extract(report, '$.metrics.pitch_range_checked') FROM takes"
               f" WHERE {where} AND json_valid(report) ORDER BY started_at DESC, id DESC")
        if last is not None:
            sql += " LIMIT ?"
            params.append(int(last))
        with self._lock:
            rows = self.db.conn.execute(sql, params).fetchall()
        return {int(i): (float(v) if isinstance(v, int | float) and checked != 0 else None) for i, v, checked in rows}

    def count_takes(self, profile_id: int, script_id: int | None = None) -> int:
        where, params = _scope(profile_id, script_id)
        return int(self.query(f"SELECT COUNT(*) FROM takes WHERE {where}", params)[0][0])

    def personal_best(self, profile_id: int, script_id: int | None = None) -> TrendPoint | None:
        """Highest score of a take the app heard; the earlier take wins a tie (that is when the record was set)."""
        where, params = _scope(profile_id, script_id)
        rows = self.query(
            "SELECT id, started_at, attempt, score, speech_seconds, wpm, filler_rate, verdict FROM takes"
            f" WHERE {where} AND {HEARD} AND score IS NOT NULL ORDER BY score DESC, started_at, id LIMIT 1", params)
        return _point(rows[0]) if rows else None

    def practice_days(self, profile_id: int, script_id: int | None = None, *,
                      today: date | None = None) -> PracticeDays:
        """Distinct local days with a take, and the run of consecutive days up to today (or yesterday).

        Days are shifted by the current UTC offset in SQL (far cheaper than 'localtime' per row); a take
        within an hour of midnight in the other daylight-saving season may land on the neighbouring day.
        """
        where, params = _scope(profile_id, script_id)
        offset = datetime.now().astimezone().utcoffset() or timedelta(0)
        rows = self.query(
            f"SELECT DISTINCT date(started_at, '{int(offset.total_seconds()):+d} seconds') AS day FROM takes"
            f" WHERE {where} ORDER BY day DESC", params)
        days = [date.fromisoformat(r["day"]) for r in rows if r["day"]]
        if not days:
            return PracticeDays(0, 0, None)
        today = today or date.today()
        streak = 0
        if days[0] >= today - timedelta(days=1):
            expected = days[0]
            for day in days:
                if day != expected:
                    break
                streak += 1
                expected = day - timedelta(days=1)
        return PracticeDays(days_practised=len(days), current_streak=streak, last_day=days[0])

    def top_flags(self, profile_id: int, script_id: int | None = None, *, limit: int = 5,
                  recent: int | None = None) -> tuple[FlagCount, ...]:
        """Most frequent flag codes ("your most common issue"), counting each take once per code.

        With ``recent``, only the latest that many takes count: an issue fixed long ago is not "common".
        """
        where, params = _scope(profile_id, script_id)
        takes = f"SELECT id FROM takes WHERE {where} ORDER BY started_at DESC, id DESC"
        if recent is not None:
            takes += " LIMIT ?"
            params.append(int(recent))
        rows = self.query(
            f"SELECT f.code, COUNT(DISTINCT f.take_id) AS n FROM ({takes}) t JOIN take_flags f ON f.take_id = t.id"
            " GROUP BY f.code ORDER BY n DESC, f.code LIMIT ?", [*params, limit])
        return tuple(FlagCount(code=r["code"], count=r["n"]) for r in rows)

    def readiness(self, profile_id: int, script_id: int | None = None, *, needed: int = READY_AFTER) -> Readiness:
        """Ready when the last ``needed`` takes the app heard were all judged "ready to send"."""
        where, params = _scope(profile_id, script_id)
        rows = self.query(
            f"SELECT verdict FROM takes WHERE {where} AND {HEARD} ORDER BY started_at DESC, id DESC LIMIT ?",
            [*params, needed])
        ready, clean, reason = ready_in_a_row([row["verdict"] for row in rows], needed)
        return Readiness(ready, clean, needed, reason)

    def progress(self, profile_id: int, script_id: int | None = None, *, today: date | None = None,
                 last: int | None = TREND_POINTS) -> Progress:
        """Everything a progress view shows; the trend and common flags cover the latest ``last`` takes."""
        trend = self.trend(profile_id, script_id, last=last)
        return Progress(
            profile_id=profile_id, script_id=script_id, takes=self.count_takes(profile_id, script_id), trend=trend,
            best=self.personal_best(profile_id, script_id),
            practice=self.practice_days(profile_id, script_id, today=today),
            top_flags=self.top_flags(profile_id, script_id, recent=last),
            readiness=self.readiness(profile_id, script_id),
            latest=next(iter(self.list_takes(profile_id, script_id, limit=1)), None),
        )


def _point(row: Any) -> TrendPoint:
    return TrendPoint(take_id=row["id"], started_at=parse_time(row["started_at"]),  # type: ignore[arg-type]
                      attempt=row["attempt"], score=row["score"], speech_seconds=row["speech_seconds"] or 0.0,
                      wpm=row["wpm"], filler_rate=row["filler_rate"], verdict=verdict_value(row["verdict"]))
